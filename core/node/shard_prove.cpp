// ShardStore: reading leaves and blocks, proofs of storage, and what happens
// to a shard found damaged.

#include "common/files.h"
#include "crypto/hash.h"
#include "crypto/signing_key.h"
#include "node/limits.h"
#include "node/log.h"
#include "node/shard_files.h"
#include "node/shard_store.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::node {

using files::hashStream;
using files::leavesBytes;
using files::rootMatches;
using files::shortId;
using files::validateId;

Result<std::vector<object::Hash32>> ShardStore::readLeaves(const object::ShardId &id) const
{
    if (!has(id))
        return makeError(u"shard %1 is not stored here"_s.arg(shortId(id)));
    const qint64 expected = 32 * static_cast<qint64>(object::merkleBlockCount(static_cast<std::uint64_t>(id.size)));
    Result<QByteArray> bytes = readFileLimited(leavesPathOf(id), expected);
    if (!bytes)
        return bytes.error();
    if (bytes->size() != expected)
        return makeError(
            u"the leaves of shard %1 are %2 bytes, not %3"_s.arg(shortId(id)).arg(bytes->size()).arg(expected));
    std::vector<object::Hash32> leaves(static_cast<std::size_t>(expected / 32));
    std::memcpy(leaves.data(), bytes->constData(), static_cast<std::size_t>(expected));
    return leaves;
}

Result<QByteArray> ShardStore::readBlock(const object::ShardId &id, quint64 index) const
{
    const qint64 size = proofBlockSize(id.size, index);
    if (size == 0)
        return makeError(u"block %1 does not exist in shard %2"_s.arg(index).arg(shortId(id)));
    if (!has(id))
        return makeError(u"shard %1 is not stored here"_s.arg(shortId(id)));
    return files::readRange(pathOf(id), static_cast<qint64>(index) * qint64(object::kMerkleBlockSize), size);
}

Status ShardStore::rebuildLeavesLocked(const object::ShardId &id, std::vector<object::Hash32> &out)
{
    const QString path = pathOf(id);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return makeError(u"cannot open %1: %2"_s.arg(path, files::errnoText()));
    Result<std::vector<object::Hash32>> leaves = hashStream(fd, id.size, path, nullptr);
    ::close(fd);
    if (!leaves)
        return leaves.error();
    if (!rootMatches(*leaves, id))
        return makeError(u"the shard's bytes do not match its merkle root"_s);
    if (Status st = writeFileAtomic(leavesPathOf(id), leavesBytes(*leaves)); !st)
        return st;
    out = std::move(*leaves);
    return {};
}

void ShardStore::quarantineLocked(const QString &path, const QString &why, ScanReport *report)
{
    const QString relative = QDir(m_dir).relativeFilePath(path);
    QString flat = relative;
    flat.replace(u'/', u'_');
    const QString target = u"%1/%2.%3"_s.arg(quarantineDirectory(), flat).arg(QDateTime::currentMSecsSinceEpoch());
    if (::rename(QFile::encodeName(path).constData(), QFile::encodeName(target).constData()) != 0) {
        qCWarning(lcNode).noquote() << "cannot move" << path << "to quarantine:" << files::errnoText()
                                    << "; deleting it instead";
        if (QFileInfo(path).isDir() && !QFileInfo(path).isSymLink())
            QDir(path).removeRecursively();
        else
            QFile::remove(path);
    }
    qCWarning(lcNode).noquote() << "quarantined" << relative << ":" << why;
    if (report)
        report->quarantined.append(u"%1: %2"_s.arg(relative, why));
}

Result<ProofResponse> ShardStore::prove(const ProofChallenge &challenge, const crypto::SigningKey &nodeKey)
{
    const object::ShardId &id = challenge.shard;
    if (Status st = validateId(id); !st)
        return st.error();
    if (challenge.nonce.size() != kNonceSize)
        return makeError(u"the challenge's nonce is not %1 bytes"_s.arg(kNonceSize));
    if (proofBlockSize(id.size, challenge.blockIndex) == 0)
        return makeError(u"block %1 does not exist in shard %2"_s.arg(challenge.blockIndex).arg(shortId(id)));
    Result<std::vector<object::Hash32>> leaves = readLeaves(id);
    if (!leaves || !rootMatches(*leaves, id)) {
        QMutexLocker lock(&m_mutex);
        if (!m_shards.contains(id.toString()))
            return makeError(u"shard %1 is not stored here"_s.arg(shortId(id)));
        qCWarning(lcNode).noquote() << "the leaves of shard" << id.toString() << "are unreadable or wrong ("
                                    << (leaves ? u"they do not match the root"_s : leaves.message())
                                    << "); rebuilding them";
        std::vector<object::Hash32> rebuilt;
        if (Status st = rebuildLeavesLocked(id, rebuilt); !st) {
            quarantineLocked(pathOf(id), st.message(), nullptr);
            ::unlink(QFile::encodeName(leavesPathOf(id)).constData());
            forgetLocked(id);
            return makeError(u"shard %1 is damaged (%2); it was moved to quarantine"_s.arg(shortId(id), st.message()));
        }
        leaves = std::move(rebuilt);
    }
    Result<QByteArray> block = readBlock(id, challenge.blockIndex);
    if (!block)
        return block.error();
    const QByteArray blockHash = crypto::sha256(*block);
    const object::Hash32 &leaf = (*leaves)[static_cast<std::size_t>(challenge.blockIndex)];
    if (std::memcmp(blockHash.constData(), leaf.data(), 32) != 0) {
        QMutexLocker lock(&m_mutex);
        if (m_shards.contains(id.toString())) {
            quarantineLocked(pathOf(id), u"block %1 does not match its merkle leaf"_s.arg(challenge.blockIndex),
                             nullptr);
            ::unlink(QFile::encodeName(leavesPathOf(id)).constData());
            forgetLocked(id);
        }
        return makeError(u"shard %1 is damaged (block %2 does not match its merkle leaf); it was moved to "
                         u"quarantine"_s.arg(shortId(id))
                             .arg(challenge.blockIndex));
    }
    ProofResponse response;
    response.block = std::move(*block);
    response.path = object::merklePath(*leaves, static_cast<std::size_t>(challenge.blockIndex));
    response.signature = nodeKey.sign(proofSigningMessage(challenge, blockHash));
    return response;
}

} // namespace stratus::node
