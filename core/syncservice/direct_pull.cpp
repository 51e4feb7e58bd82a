#include "syncservice/direct_pull.h"

#include "common/direct_writer.h"
#include "crypto/random.h"
#include "net/control_client.h"
#include "syncservice/log.h"

#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

DirectPull::DirectPull(net::ControlClient *client, ContentOffer offer, QString dir,
                       std::function<void(Result<QString>)> done, QObject *parent)
    : QObject(parent), m_client(client), m_offer(std::move(offer)), m_dir(std::move(dir)), m_done(std::move(done))
{
    m_hasher.setMaxThreadCount(1);
    m_hasher.setObjectName(u"direct-hash"_s);
}

DirectPull::~DirectPull()
{
    m_hasher.waitForDone(); // it uses m_sha
    // Ended before the file was whole (the channel closing): nothing stays.
    if (!m_staged)
        discard();
}

void DirectPull::discard()
{
    m_out.reset(); // an unfinished DirectWriter removes its file itself
    if (!m_partPath.isEmpty())
        QFile::remove(m_partPath);
}

QString DirectPull::stagedName(const QByteArray &sha256) { return u"direct-"_s + QString::fromLatin1(sha256.toHex()); }

void DirectPull::start()
{
    m_clock.start();
    if (!QDir().mkpath(m_dir))
        return fail(u"cannot create %1"_s.arg(m_dir));
    m_partPath = m_dir + u"/direct-"_s + QString::fromLatin1(crypto::randomBytes(8).toHex()) + u".part"_s;
    // Large files go around the page cache: on this kind of machine,
    // copying a GiB into fresh cache pages costs seconds of this thread.
    QString error;
    m_out = openFileWriter(m_partPath, m_offer.size, QIODevice::NewOnly, &error);
    if (!m_out)
        return fail(error);
    fill();
}

void DirectPull::fill()
{
    if (!m_client)
        return fail(u"the connection to the device closed"_s);
    while (!m_over && m_inFlight < kWindow && m_hashing.load() < kHashQueue && m_requested < m_offer.size) {
        const qint64 offset = m_requested;
        const qint64 length = std::min<qint64>(OfferBook::kMaxRead, m_offer.size - offset);
        m_requested += length;
        ++m_inFlight;
        // The bytes stay in the reply's frame until written and hashed.
        m_client
            ->requestBytes(QString::fromUtf16(kContentRead),
                           QCborMap{{u"id"_s, m_offer.id}, {u"off"_s, offset}, {u"len"_s, length}}, u"data"_s, length,
                           kTimeoutMs)
            .then(this, [this, offset](const Result<net::FrameBytes> &reply) { onReply(offset, reply); });
    }
}

void DirectPull::onReply(qint64 offset, const Result<net::FrameBytes> &reply)
{
    --m_inFlight;
    if (m_over)
        return;
    if (!reply)
        return fail(reply.message()); // a reply of another length is one (ControlClient::requestBytes)
    m_early.emplace(offset, reply.value());
    for (auto it = m_early.find(written()); it != m_early.end(); it = m_early.find(written())) {
        const net::FrameBytes bytes = it->second;
        if (m_out->write(bytes.data(), bytes.size) != bytes.size)
            return fail(u"cannot write %1: %2"_s.arg(m_partPath, m_out->errorString()));
        ++m_hashing;
        (void)QtConcurrent::run(&m_hasher, [this, bytes] {
            m_sha.update(bytes.data(), static_cast<std::size_t>(bytes.size));
            if (--m_hashing == kHashQueue - 1)
                QMetaObject::invokeMethod(
                    this, [this] { fill(); }, Qt::QueuedConnection);
        });
        m_written.store(written() + bytes.size, std::memory_order_relaxed);
        m_early.erase(it);
    }
    if (written() == m_offer.size)
        return finish();
    fill();
}

void DirectPull::finish()
{
    m_over = true;
    m_hasher.waitForDone();
    const QByteArray hash = m_sha.final();
    // On disk before it is used: the apply that takes it records the file
    // as applied after its own flush, which then has nothing left to do.
    if (Status st = finishFileWriter(*m_out, m_partPath, true); !st)
        return fail(st.message());
    m_out.reset();
    const QString staged = m_dir + u'/' + stagedName(hash);
    QFile::remove(staged); // an earlier copy of the same content
    if (!QFile::rename(m_partPath, staged))
        return fail(u"cannot rename %1 to %2"_s.arg(m_partPath, staged));
    m_staged = true;
    qCInfo(lcSyncEngine).noquote() << "read" << m_offer.folder + u'/' + m_offer.path << "directly from the device ("
                                   << m_offer.size / (1 << 20) << "MiB in" << m_clock.elapsed() << "ms)";
    auto done = std::move(m_done);
    done(staged); // may delete this
}

void DirectPull::fail(const QString &why)
{
    m_over = true;
    discard();
    qCInfo(lcSyncEngine).noquote() << "reading" << m_offer.folder + u'/' + m_offer.path
                                   << "directly from the device failed:" << why;
    auto done = std::move(m_done);
    if (done)
        done(makeError(why)); // may delete this
}

} // namespace stratus::syncservice
