#include "client/local_archive.h"

#include "common/files.h"
#include "object/chunk_cipher.h"
#include "object/ingest.h"
#include "object/manifest_envelope.h"
#include "object/restore.h"
#include "object/shard_directory.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace stratus::client {

static constexpr qint64 kMaxManifestFile = 256ll * 1024 * 1024;

LocalArchive::LocalArchive(const LocalAccount &account, const object::PipelineParams &params, QThreadPool &pool)
    : m_account(account), m_params(params), m_pool(pool)
{
}

Result<LocalArchive::Packed> LocalArchive::pack(const QString &file, const QString &outDir,
                                                const object::ProgressFn &progress)
{
    const QFileInfo in(file);
    if (!in.exists())
        return makeError(u"%1 does not exist"_s.arg(file));
    if (!in.isFile())
        return makeError(u"%1 is not a regular file"_s.arg(file));
    const QString dir = QDir(outDir).absolutePath();
    if (QFileInfo(dir).exists() && !QFileInfo(dir).isDir())
        return makeError(u"%1 exists and is not a directory"_s.arg(dir));
    if (!QDir().mkpath(dir))
        return makeError(u"cannot create %1"_s.arg(dir));
    const QString manifestPath = dir + u'/' + QString::fromLatin1(kManifestName);
    if (QFileInfo::exists(manifestPath))
        return makeError(u"%1 already holds a packed file; choose an empty directory"_s.arg(dir));

    const object::ChunkCipher cipher(m_account.keys.dedup, m_account.keys.dataMaster);
    object::ShardDirectory shards(dir);
    object::Ingestor ingestor(cipher, m_params, m_pool, shards);
    Result<object::FileManifest> manifest = ingestor.ingestFile(in.absoluteFilePath(), progress);
    if (!manifest)
        return makeError(u"cannot pack %1: %2"_s.arg(file, manifest.message()));
    // The manifest is written last: a directory with a manifest is complete.
    if (Status st = writeFileAtomic(manifestPath, object::sealManifest(manifest.value(), m_account.keys.dataMaster));
        !st)
        return st.error();
    return Packed{manifestPath, std::move(manifest.value())};
}

Result<LocalArchive::Unpacked> LocalArchive::unpack(const QString &dir, const QString &outFile, bool overwrite,
                                                    const object::ProgressFn &progress)
{
    const QString manifestPath = QDir(dir).absoluteFilePath(QString::fromLatin1(kManifestName));
    if (!QFileInfo(dir).isDir())
        return makeError(u"%1 is not a directory"_s.arg(dir));
    if (!QFileInfo::exists(manifestPath))
        return makeError(u"%1 holds no %2: it is not a directory written by `stratus pack`"_s.arg(
            dir, QString::fromLatin1(kManifestName)));
    if (QFileInfo::exists(outFile) && !overwrite)
        return makeError(u"%1 already exists; remove it or pass --force to replace it"_s.arg(outFile));
    Result<QByteArray> envelope = readFileLimited(manifestPath, kMaxManifestFile);
    if (!envelope)
        return envelope.error();
    Result<object::FileManifest> manifest = object::openManifest(envelope.value(), m_account.keys.dataMaster);
    if (!manifest)
        return makeError(u"%1: %2"_s.arg(manifestPath, manifest.message()));

    const object::ChunkCipher cipher(m_account.keys.dedup, m_account.keys.dataMaster);
    object::ShardDirectory shards(QDir(dir).absolutePath());
    object::Restorer restorer(cipher, m_pool, shards);
    if (Status st = restorer.restoreFile(manifest.value(), outFile, progress); !st)
        return makeError(u"cannot restore %1: %2"_s.arg(manifest->name, st.message()));
    return Unpacked{std::move(manifest.value()), restorer.problems()};
}

} // namespace stratus::client
