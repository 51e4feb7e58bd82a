#include "syncservice/object_refs.h"

#include "crypto/random.h"
#include "object/manifest_envelope.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QScopeGuard>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace {

QString freshFile(const QString &workDir)
{
    QDir().mkpath(workDir);
    return workDir + u"/obj-"_s + QString::fromLatin1(crypto::randomBytes(8).toHex());
}

QByteArray shardKey(const object::ShardId &id)
{
    QByteArray key = id.root;
    key.append(reinterpret_cast<const char *>(&id.size), sizeof(id.size));
    return key;
}

} // namespace

Result<ObjectRef> refOfLatest(client::FileIndex &index, const crypto::Key256 &dataMaster, const QString &remotePath,
                              RefPass *pass)
{
    auto version = index.latest(remotePath);
    if (!version)
        return version.error();
    auto manifest = object::openManifest(version->sealedManifest, dataMaster);
    if (!manifest)
        return manifest.error();
    RefPass single;
    RefPass &p = pass ? *pass : single;
    ObjectRef ref{version->sealedManifest, {}};
    for (const object::SegmentInfo &s : manifest->segments)
        for (const object::ShardId &id : s.shards) {
            auto it = p.holders.constFind(shardKey(id));
            if (it == p.holders.cend()) {
                auto placements = index.placementsOf(id);
                if (!placements)
                    return placements.error();
                QList<std::pair<object::ShardId, crypto::NodeId>> nodes;
                for (const client::Placement &placement : placements.value())
                    nodes.append({id, placement.node});
                it = p.holders.insert(shardKey(id), nodes);
            }
            ref.placements += it.value();
        }
    return ref;
}

std::optional<QByteArray> movedRef(const QHash<QByteArray, QByteArray> &moved, const QByteArray &refBytes)
{
    std::optional<QByteArray> to;
    for (int hop = 0; hop < 16 && !moved.isEmpty(); ++hop) {
        auto ref = ObjectRef::decode(to ? *to : refBytes);
        const auto it = ref ? moved.constFind(ref->sealedManifest) : moved.cend();
        if (it == moved.cend())
            break;
        to = it.value();
    }
    return to;
}

Status addHolders(client::FileIndex &index, const ObjectRef &ref, RefPass *pass)
{
    RefPass single;
    RefPass &p = pass ? *pass : single;
    for (const auto &[shard, node] : ref.placements) {
        const QByteArray shardAt = shardKey(shard);
        const QByteArray key = shardAt + node.bytes();
        if (p.recorded.contains(key))
            continue;
        p.holders.remove(shardAt); // may change below
        auto known = index.placementsOf(shard);
        if (!known)
            return known.error();
        bool have = false;
        for (const client::Placement &placement : known.value())
            have = have || placement.node == node;
        if (!have) { // (else keep this device's own contract for it, if it has one)
            client::Placement placement;
            placement.shard = shard;
            placement.node = node;
            if (Status st = index.addPlacement(placement); !st)
                return st;
        }
        p.recorded.insert(key);
    }
    return {};
}

Result<client::FileVersion> registerRef(client::FileIndex &index, const crypto::Key256 &dataMaster,
                                        const QString &remotePath, qint64 size, qint64 mtimeMs, const ObjectRef &ref,
                                        RefPass *pass)
{
    auto manifest = object::openManifest(ref.sealedManifest, dataMaster);
    if (!manifest)
        return makeError(
            u"the content of %1 cannot be opened with this account's key: %2"_s.arg(remotePath, manifest.message()));
    if (Status st = addHolders(index, ref, pass); !st)
        return st.error();
    // Its chunks are this account's too: a later edit here refers to them.
    if (Status st = index.addChunks(manifest.value()); !st)
        return st.error();
    // The same content as the newest version (not a deletion): nothing new.
    auto versions = index.versions(remotePath);
    if (!versions)
        return versions.error();
    if (!versions->isEmpty() && !versions->last().deleted && versions->last().sealedManifest == ref.sealedManifest)
        return versions->last();
    return index.addVersion(remotePath, size < 0 ? qint64(manifest->size) : size, mtimeMs, ref.sealedManifest);
}

Result<ObjectRef> storeBytes(client::RemoteStore &store, client::FileIndex &index, const crypto::Key256 &dataMaster,
                             const QString &workDir, const QString &remotePath, const QByteArray &bytes)
{
    const QString path = freshFile(workDir);
    auto cleanup = qScopeGuard([&] { QFile::remove(path); });
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return makeError(u"cannot write %1: %2"_s.arg(path, f.errorString()));
    auto put = store.put(path, remotePath);
    if (!put)
        return put.error();
    return refOfLatest(index, dataMaster, remotePath);
}

Result<QByteArray> fetchBytes(client::RemoteStore &store, const client::FileVersion &version, const QString &workDir,
                              qsizetype maxBytes)
{
    if (version.size > maxBytes)
        return makeError(
            u"%1 is larger (%2 bytes) than allowed here (%3)"_s.arg(version.path).arg(version.size).arg(maxBytes));
    const QString path = freshFile(workDir);
    auto cleanup = qScopeGuard([&] { QFile::remove(path); });
    auto got = store.getVersion(version, path, true);
    if (!got)
        return got.error();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(u"cannot read %1: %2"_s.arg(path, f.errorString()));
    if (f.size() > maxBytes)
        return makeError(u"an object is larger than allowed"_s);
    return f.readAll();
}

} // namespace stratus::syncservice
