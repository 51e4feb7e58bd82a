#pragma once

#include "client/pointer_client.h"
#include "common/result.h"
#include "crypto/signing_key.h"
#include "syncservice/sync_wire.h"

namespace stratus::syncservice {

// The account's device list, kept as a pointer signed by the account key
// (salt "devices") on the storage nodes. Every device of the account holds
// the account key (it derives it from the recovery secret), adds itself on
// first start and can revoke another; a concurrent change is caught by the
// pointer's sequence number and merged.
class DeviceRegistry {
public:
    static const QByteArray kSalt;

    DeviceRegistry(client::PointerClient &pointers, const crypto::SigningKey &accountKey)
        : m_pointers(pointers), m_account(accountKey)
    {
    }

    // The list as the nodes hold it (empty before the first device).
    Result<DeviceList> fetch();
    // Adds the device unless it is listed; fails when it was revoked.
    Result<DeviceList> ensure(const QByteArray &deviceKey, const QString &name, qint64 nowMs);
    // Revokes a device by id text (or its first characters) or name.
    Result<DeviceRecord> revoke(const QString &which, qint64 nowMs);

private:
    Result<DeviceList> update(const std::function<Status(DeviceList &)> &change);

    client::PointerClient &m_pointers;
    const crypto::SigningKey &m_account;
    qint64 m_seq = 0;
};

} // namespace stratus::syncservice
