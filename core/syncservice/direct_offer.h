#pragma once

// Content a device offers the account's other devices directly while it
// stores it on the network (SYNCSERVICE.md "Large files, device to
// device"): a large changed file is offered before it is even hashed, so
// another device online at the same time reads it over the device channel
// while the network upload runs, and applies it from its own copy once the
// log entry arrives. The log stays the only source of what changed: the
// receiving device keeps the bytes under the SHA-256 it computed itself,
// and uses them only for an entry naming that same content.

#include "common/result.h"

#include <QByteArray>
#include <QCborMap>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

class QFile;

namespace stratus::syncservice {

struct ContentOffer {
    static constexpr qsizetype kIdSize = 16;
    static constexpr qint64 kMaxSize = qint64(1) << 50;

    QByteArray id;  // random, names the offer in reads
    QString folder; // the folder's label
    QString path;   // in the folder, as the scan saw it
    qint64 size = 0;
    qint64 mtimeNs = 0;

    // {"id": bytes, "folder": text, "path": text, "size": int, "mtime": int}
    QCborMap toCbor() const;
    // Refuses anything another device should not have sent: a wrong id
    // length, a folder label with '/', a path LocalIndex would not hold, a
    // size out of range.
    static Result<ContentOffer> fromCbor(const QCborMap &map);
};

// The offers a device serves, and reads of them. Lives on the channel's
// thread. An offer ends after kLifetimeMs, when a newer one for the same
// path replaces it, or when its file no longer has the size and mtime
// offered (the first read that sees this refuses and drops it).
class OfferBook {
public:
    static constexpr qsizetype kMaxOffers = 32;
    static constexpr qint64 kLifetimeMs = 10 * 60 * 1000;
    static constexpr qint64 kMaxRead = 4 << 20;

    OfferBook();
    ~OfferBook();
    OfferBook(const OfferBook &) = delete;
    OfferBook &operator=(const OfferBook &) = delete;

    // `localPath`: where the file is on this device.
    void add(const ContentOffer &offer, const QString &localPath, qint64 nowMs);
    QList<ContentOffer> current(qint64 nowMs);
    // `length` bytes at `offset` of the offered file, all of them or an
    // error for the reader (unknown offer, out of range, changed file).
    Result<QByteArray> read(const QByteArray &id, qint64 offset, qint64 length, qint64 nowMs);
    // The same, into `into` (room for `length` bytes, which the caller
    // checked is at most kMaxRead): a reply's buffer, no copy between.
    Status readInto(const QByteArray &id, qint64 offset, qint64 length, qint64 nowMs, char *into);

private:
    struct Held {
        ContentOffer offer;
        QString localPath;
        qint64 addedMs = 0;
        std::unique_ptr<QFile> file; // opened at the first read
    };
    void expire(qint64 nowMs);
    std::vector<Held> m_offers; // oldest first
};

} // namespace stratus::syncservice
