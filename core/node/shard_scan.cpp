// ShardStore::scan(): rebuilding the store's accounting from what is on disk.

#include "node/limits.h"
#include "node/log.h"
#include "node/shard_files.h"
#include "node/shard_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::node {

namespace {

constexpr QDir::Filters kEverything = QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System;

bool isHexPair(const QString &name)
{
    if (name.size() != 2)
        return false;
    for (QChar c : name) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

bool isPlainDirectory(const QFileInfo &info) { return info.isDir() && !info.isSymLink(); }
bool isPlainFile(const QFileInfo &info) { return info.isFile() && !info.isSymLink(); }

void removeTemp(const QFileInfo &info, ScanReport &report)
{
    if (::unlink(QFile::encodeName(info.absoluteFilePath()).constData()) == 0) {
        qCInfo(lcNode).noquote() << "removed leftover temporary file" << info.absoluteFilePath();
        ++report.tempFilesRemoved;
    } else {
        qCWarning(lcNode).noquote() << "cannot remove leftover temporary file" << info.absoluteFilePath() << ":"
                                    << files::errnoText();
    }
}

} // namespace

Result<ScanReport> ShardStore::scan()
{
    QMutexLocker lock(&m_mutex);
    if (!m_inFlight.isEmpty())
        return makeError(u"cannot rescan the store while %1 shards are being stored"_s.arg(m_inFlight.size()));
    m_shards.clear();
    m_used = 0;
    ScanReport report;
    if (Status st = scanLocked(report); !st)
        return st.error();
    report.shards = m_shards.size();
    report.usedBytes = m_used;
    qCInfo(lcNode).noquote() << "shard store" << m_dir << ":" << report.shards << "shards," << report.usedBytes
                             << "bytes used of" << m_capacity << "allocated;" << report.tempFilesRemoved
                             << "temporary files removed," << report.leavesRebuilt << "leaves rebuilt,"
                             << report.orphanLeavesRemoved << "orphan leaves removed," << report.quarantined.size()
                             << "files quarantined";
    if (m_used > m_capacity)
        qCWarning(lcNode).noquote() << "the store holds more than its allocation; no new shard is accepted until "
                                       "shards expire or the allocation grows";
    return report;
}

Status ShardStore::scanLocked(ScanReport &report)
{
    const QString root = shardsRoot();
    if (!QFileInfo(root).isDir())
        return makeError(u"%1 is not a directory"_s.arg(root));
    for (const QFileInfo &first : QDir(root).entryInfoList(kEverything, QDir::Name)) {
        if (files::isTempName(first.fileName()) && isPlainFile(first)) {
            removeTemp(first, report);
            continue;
        }
        if (!isPlainDirectory(first) || !isHexPair(first.fileName())) {
            quarantineLocked(first.absoluteFilePath(), u"not part of the shard layout"_s, &report);
            continue;
        }
        for (const QFileInfo &second : QDir(first.absoluteFilePath()).entryInfoList(kEverything, QDir::Name)) {
            if (files::isTempName(second.fileName()) && isPlainFile(second)) {
                removeTemp(second, report);
                continue;
            }
            if (!isPlainDirectory(second) || !isHexPair(second.fileName())) {
                quarantineLocked(second.absoluteFilePath(), u"not part of the shard layout"_s, &report);
                continue;
            }
            scanLeafDirectory(second.absoluteFilePath(), first.fileName() + second.fileName(), report);
        }
    }
    return {};
}

void ShardStore::scanLeafDirectory(const QString &dir, const QString &prefix, ScanReport &report)
{
    QHash<QString, qint64> leavesFiles; // shard name -> size of its leaves file
    std::vector<std::pair<object::ShardId, QString>> candidates;
    for (const QFileInfo &info : QDir(dir).entryInfoList(kEverything, QDir::Name)) {
        const QString name = info.fileName();
        if (files::isTempName(name) && isPlainFile(info)) {
            removeTemp(info, report);
            continue;
        }
        if (!isPlainFile(info)) {
            quarantineLocked(info.absoluteFilePath(), u"not a regular file"_s, &report);
            continue;
        }
        if (name.endsWith(u".leaves"_s)) {
            const QString shardName = name.chopped(7);
            Result<object::ShardId> id = object::ShardId::parse(shardName);
            if (!id || id->toString() != shardName) {
                quarantineLocked(info.absoluteFilePath(), u"not the leaves of a shard (bad name)"_s, &report);
                continue;
            }
            leavesFiles.insert(shardName, info.size());
            continue;
        }
        Result<object::ShardId> id = object::ShardId::parse(name);
        if (!id || id->toString() != name) {
            quarantineLocked(info.absoluteFilePath(), u"not a shard name"_s, &report);
            continue;
        }
        if (!name.startsWith(prefix)) {
            quarantineLocked(info.absoluteFilePath(), u"a shard in the wrong directory"_s, &report);
            continue;
        }
        if (id->size > kMaxShardSize || info.size() != id->size) {
            quarantineLocked(info.absoluteFilePath(),
                             u"the file is %1 bytes, its shard id says %2"_s.arg(info.size()).arg(id->size), &report);
            continue;
        }
        candidates.emplace_back(*id, info.absoluteFilePath());
    }

    for (const auto &[id, path] : candidates) {
        const QString name = id.toString();
        const qint64 expected = 32 * static_cast<qint64>(object::merkleBlockCount(static_cast<std::uint64_t>(id.size)));
        const auto leaves = leavesFiles.constFind(name);
        const bool leavesOk = leaves != leavesFiles.constEnd() && leaves.value() == expected;
        leavesFiles.remove(name);
        if (!leavesOk) {
            std::vector<object::Hash32> rebuilt;
            if (Status st = rebuildLeavesLocked(id, rebuilt); !st) {
                quarantineLocked(path, st.message(), &report);
                ::unlink(QFile::encodeName(leavesPathOf(id)).constData());
                continue;
            }
            qCInfo(lcNode).noquote() << "rebuilt the missing or damaged leaves of shard" << name;
            ++report.leavesRebuilt;
        }
        m_shards.insert(name, id.size);
        m_used += footprint(id.size);
    }

    for (auto it = leavesFiles.constBegin(); it != leavesFiles.constEnd(); ++it) {
        const QString path = dir + u'/' + it.key() + u".leaves"_s;
        if (::unlink(QFile::encodeName(path).constData()) == 0) {
            qCInfo(lcNode).noquote() << "removed leaves without a shard:" << path;
            ++report.orphanLeavesRemoved;
        }
    }
}

} // namespace stratus::node
