#include "syncservice/device_registry.h"

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

const QByteArray DeviceRegistry::kSalt = QByteArrayLiteral("devices");

Result<DeviceList> DeviceRegistry::fetch()
{
    auto p = m_pointers.fetch(m_account.publicKey(), kSalt);
    if (!p)
        return p.error();
    if (!p->has_value()) {
        m_seq = 0;
        return DeviceList{};
    }
    m_seq = (*p)->sequence;
    return DeviceList::decode((*p)->value);
}

Result<DeviceList> DeviceRegistry::update(const std::function<Status(DeviceList &)> &change)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto list = fetch();
        if (!list)
            return list.error();
        DeviceList next = list.value();
        if (Status st = change(next); !st)
            return st.error();
        if (next.encode() == list->encode())
            return next;
        auto pointer = node::SignedPointer::sign(m_account, kSalt, m_seq + 1, next.encode());
        if (!pointer)
            return pointer.error();
        auto stored = m_pointers.publish(pointer.value());
        if (stored)
            return next;
        if (!stored.message().contains(u"stale"_s))
            return stored.error();
        // Another device changed the list meanwhile: read it again.
    }
    return makeError(u"the device list keeps changing under us; try again"_s);
}

Result<DeviceList> DeviceRegistry::ensure(const QByteArray &deviceKey, const QString &name, qint64 nowMs)
{
    return update([&](DeviceList &list) -> Status {
        if (const DeviceRecord *d = list.find(deviceKey)) {
            if (d->revokedMs != 0)
                return makeError(u"this device (%1) was revoked from the account; restore the account on a new "
                                 u"data directory to use it again"_s.arg(d->id().shortString()));
            return {};
        }
        if (list.devices.size() >= DeviceList::kMaxDevices)
            return makeError(
                u"the account has the most devices it can have (%1); revoke one first"_s.arg(DeviceList::kMaxDevices));
        list.devices.append(DeviceRecord{deviceKey, name.left(200), nowMs, 0});
        return {};
    });
}

Result<DeviceRecord> DeviceRegistry::revoke(const QString &which, qint64 nowMs)
{
    DeviceRecord revoked;
    auto updated = update([&](DeviceList &list) -> Status {
        int matches = 0;
        DeviceRecord *hit = nullptr;
        for (DeviceRecord &d : list.devices) {
            const QString id = d.id().toString();
            if (d.name == which || id == which || (which.size() >= 4 && id.startsWith(which))) {
                ++matches;
                hit = &d;
            }
        }
        if (matches == 0)
            return makeError(u"no device of this account is called %1 (see `stratus account devices`)"_s.arg(which));
        if (matches > 1)
            return makeError(u"%1 names more than one device; give more of its id"_s.arg(which));
        if (hit->revokedMs == 0)
            hit->revokedMs = nowMs;
        revoked = *hit;
        return {};
    });
    if (!updated)
        return updated.error();
    return revoked;
}

} // namespace stratus::syncservice
