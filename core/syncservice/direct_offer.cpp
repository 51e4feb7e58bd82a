#include "syncservice/direct_offer.h"

#include "common/files.h"
#include "sync/local_index.h"

#include <QCborValue>
#include <QFile>

#include <algorithm>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

QCborMap ContentOffer::toCbor() const
{
    return QCborMap{{u"id"_s, id}, {u"folder"_s, folder}, {u"path"_s, path}, {u"size"_s, size}, {u"mtime"_s, mtimeNs}};
}

Result<ContentOffer> ContentOffer::fromCbor(const QCborMap &map)
{
    const QCborValue id = map.value(u"id"_s);
    const QCborValue folder = map.value(u"folder"_s);
    const QCborValue path = map.value(u"path"_s);
    const QCborValue size = map.value(u"size"_s);
    const QCborValue mtime = map.value(u"mtime"_s);
    if (!id.isByteArray() || id.toByteArray().size() != kIdSize)
        return makeError(u"an offer needs a %1-byte id"_s.arg(kIdSize));
    if (!folder.isString() || folder.toString().isEmpty() || folder.toString().size() > 255 ||
        folder.toString().contains(u'/'))
        return makeError(u"an offer needs a folder label without '/'"_s);
    if (!path.isString() || path.toString().size() > 4096 || !sync::LocalIndex::isValidPath(path.toString()))
        return makeError(u"an offer needs a valid path inside its folder"_s);
    if (!size.isInteger() || size.toInteger() <= 0 || size.toInteger() > kMaxSize)
        return makeError(u"an offer needs a size between 1 byte and 1 PiB"_s);
    if (!mtime.isInteger())
        return makeError(u"an offer needs an integer mtime"_s);
    return ContentOffer{id.toByteArray(), folder.toString(), path.toString(), size.toInteger(), mtime.toInteger()};
}

OfferBook::OfferBook() = default;
OfferBook::~OfferBook() = default;

void OfferBook::expire(qint64 nowMs)
{
    std::erase_if(m_offers, [nowMs](const Held &h) { return nowMs - h.addedMs >= kLifetimeMs || nowMs < h.addedMs; });
}

void OfferBook::add(const ContentOffer &offer, const QString &localPath, qint64 nowMs)
{
    expire(nowMs);
    std::erase_if(m_offers,
                  [&](const Held &h) { return h.offer.folder == offer.folder && h.offer.path == offer.path; });
    if (qsizetype(m_offers.size()) >= kMaxOffers)
        m_offers.erase(m_offers.begin());
    m_offers.push_back(Held{offer, localPath, nowMs, nullptr});
}

QList<ContentOffer> OfferBook::current(qint64 nowMs)
{
    expire(nowMs);
    QList<ContentOffer> out;
    for (const Held &h : m_offers)
        out.append(h.offer);
    return out;
}

Result<QByteArray> OfferBook::read(const QByteArray &id, qint64 offset, qint64 length, qint64 nowMs)
{
    if (length <= 0 || length > kMaxRead)
        return makeError(u"the read is outside the offered file or longer than %1 bytes"_s.arg(kMaxRead));
    QByteArray data(length, Qt::Uninitialized);
    if (Status st = readInto(id, offset, length, nowMs, data.data()); !st)
        return st.error();
    return data;
}

Status OfferBook::readInto(const QByteArray &id, qint64 offset, qint64 length, qint64 nowMs, char *into)
{
    expire(nowMs);
    const auto it = std::find_if(m_offers.begin(), m_offers.end(), [&](const Held &h) { return h.offer.id == id; });
    if (it == m_offers.end())
        return makeError(u"no such offer (it ended, or the file changed)"_s);
    if (offset < 0 || length <= 0 || length > kMaxRead || offset > it->offer.size - length)
        return makeError(u"the read is outside the offered file or longer than %1 bytes"_s.arg(kMaxRead));
    if (!it->file) {
        auto file = std::make_unique<QFile>(it->localPath);
        if (!file->open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
            const QString why = file->errorString();
            m_offers.erase(it);
            return makeError(u"the offered file cannot be read: %1"_s.arg(why));
        }
        it->file = std::move(file);
    }
    struct stat st {};
    const int fd = it->file->handle();
    if (::fstat(fd, &st) != 0 || st.st_size != it->offer.size || mtimeNs(st) != it->offer.mtimeNs) {
        m_offers.erase(it);
        return makeError(u"the offered file changed since it was offered"_s);
    }
    qint64 done = 0;
    while (done < length) {
        const ssize_t n = ::pread(fd, into + done, size_t(length - done), off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_offers.erase(it);
            return makeError(u"the offered file cannot be read (it changed, or the disk failed)"_s);
        }
        done += n;
    }
    return {};
}

} // namespace stratus::syncservice
