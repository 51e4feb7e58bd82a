// Large files device to device (direct_offer.h, SYNCSERVICE.md "Large files,
// device to device"): a device offers each large file it is about to hash
// and store to the devices watching it; one that gets an offer reads the
// file into its folder's staging area meanwhile, and when the log entry
// arrives with the same content (its SHA-256), applies that copy instead of
// downloading the shards.

#include "crypto/random.h"
#include "syncservice/direct_pull.h"
#include "syncservice/engine_private.h"
#include "syncservice/log.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStorageInfo>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace {

constexpr qint64 kDirectMinBytes = 16 << 20;           // smaller files go in packed segments only
constexpr qint64 kFreeSpaceMargin = qint64(256) << 20; // left free on the disk by a read
constexpr qint64 kStagedLifetimeMs = 15 * 60 * 1000;   // a copy no entry took: removed after this
constexpr qint64 kStagedSweepMs = 60 * 1000;
constexpr int kWaitForReadMs = 5 * 60 * 1000; // a read under way (each request times out after 30 s)

QString stagingDir(const EngineFolder &f) { return f.info.rootPath + u"/.stratus/incoming"_s; }

} // namespace

void SyncEngine::Private::offerDirect(const EngineFolder &f, const sync::FileEntry &e)
{
    if (!channel || rateLimited || f.info.paused || e.type != sync::EntryType::File || e.size < kDirectMinBytes)
        return;
    const ContentOffer offer{crypto::randomBytes(ContentOffer::kIdSize), f.info.label, e.path, e.size, e.mtimeNs};
    channel->offer(offer, f.info.rootPath + u'/' + e.path);
}

void SyncEngine::Private::considerOffer(const crypto::NodeId &from, const ContentOffer &offer)
{
    if (!channel || rateLimited || offer.size < kDirectMinBytes)
        return;
    const auto folder =
        std::find_if(folders.begin(), folders.end(), [&](const auto &f) { return f->info.label == offer.folder; });
    if (folder == folders.end() || (*folder)->info.paused)
        return;
    const EngineFolder &f = **folder;
    // The same file here already (e.g. both devices started with a copy).
    auto local = index->entry(f.info.id, offer.path);
    if (local && local->has_value() && !(*local)->deleted && (*local)->size == offer.size &&
        (*local)->mtimeNs == offer.mtimeNs)
        return;
    const QStorageInfo disk(f.info.rootPath);
    if (disk.isValid() && disk.bytesAvailable() < offer.size + kFreeSpaceMargin) {
        qCInfo(lcSyncEngine).noquote() << "not reading" << offer.path << "directly from device" << from.shortString()
                                       << "(too little free space; it comes from the network)";
        return;
    }
    channel->pull(from, offer, stagingDir(f));
}

bool SyncEngine::Private::takeDirect(const EngineFolder &f, const RemoteChange &c, const QString &file)
{
    if (!channel || c.entry.size < kDirectMinBytes || c.entry.contentRef.size() != crypto::kHashSize)
        return false;
    channel->waitForPull(f.info.label, c.entry.path.path, kWaitForReadMs);
    const QString staged = stagingDir(f) + u'/' + DirectPull::stagedName(c.entry.contentRef);
    if (QFileInfo(staged).size() != c.entry.size || !QFile::rename(staged, file))
        return false;
    qCInfo(lcSyncEngine).noquote() << "applying" << c.entry.path.path << "with the copy read directly from the device";
    return true;
}

void SyncEngine::Private::directStep(qint64 now)
{
    if (now - stagedSweepMs < kStagedSweepMs)
        return;
    stagedSweepMs = now;
    const QDateTime before = QDateTime::fromMSecsSinceEpoch(now - kStagedLifetimeMs);
    for (const auto &f : folders)
        for (const QFileInfo &staged : QDir(stagingDir(*f)).entryInfoList({u"direct-*"_s}, QDir::Files))
            if (staged.lastModified() < before)
                QFile::remove(staged.absoluteFilePath());
}

} // namespace stratus::syncservice
