#pragma once

// Reading one offered file from another device (direct_offer.h) into this
// device's folder staging area: a few 4 MiB reads in flight on the device
// channel's connection, written in order (large files around the page cache) and hashed as they
// arrive. The
// result is `DIR/direct-<hex SHA-256>` (flushed to disk), or nothing: a
// failed or refused read, or a size that does not add up, removes the
// partial file. Lives on the channel's thread.

#include "common/result.h"
#include "crypto/hash.h"
#include "syncservice/direct_offer.h"

#include <QElapsedTimer>
#include <QIODevice>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <map>
#include <memory>

#include "net/control_client.h"

namespace stratus::syncservice {

// The type of a read on the device channel: {id, off, len} -> {data}.
inline constexpr char16_t kContentRead[] = u"content-read";

class DirectPull : public QObject {
public:
    // `done` gets the staged file's path or why there is none; it is
    // called once, on the channel's thread, and may delete this object.
    DirectPull(net::ControlClient *client, ContentOffer offer, QString dir, std::function<void(Result<QString>)> done,
               QObject *parent = nullptr);
    ~DirectPull() override;

    void start();
    const ContentOffer &offer() const { return m_offer; }
    // Bytes written so far, in order (any thread may read it).
    qint64 written() const { return m_written.load(std::memory_order_relaxed); }
    static QString stagedName(const QByteArray &sha256);

private:
    static constexpr int kWindow = 3;        // reads in flight
    static constexpr int kHashQueue = 6;     // read but not hashed yet
    static constexpr int kTimeoutMs = 30000; // one read

    void fill();
    void onReply(qint64 offset, const Result<net::FrameBytes> &reply);
    void finish();
    void fail(const QString &why);
    void discard(); // the partial file goes

    QPointer<net::ControlClient> m_client;
    ContentOffer m_offer;
    QString m_dir;
    std::function<void(Result<QString>)> m_done;
    QString m_partPath;
    std::unique_ptr<QIODevice> m_out; // DirectWriter for large files (around the page cache), else QFile
    crypto::Sha256 m_sha;             // on m_hasher's one thread, in order
    QThreadPool m_hasher;             // hashing beside this thread: a large file's read is CPU-bound
    std::atomic<int> m_hashing{0};
    qint64 m_requested = 0;           // bytes asked for
    std::atomic<qint64> m_written{0}; // bytes written, in order (set on this thread only)
    int m_inFlight = 0;
    std::map<qint64, net::FrameBytes> m_early; // replies ahead of m_written
    bool m_over = false;
    bool m_staged = false; // renamed to its final name
    QElapsedTimer m_clock;
};

} // namespace stratus::syncservice
