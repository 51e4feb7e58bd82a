#pragma once

#include "client/local_account.h"
#include "common/result.h"
#include "object/manifest.h"
#include "object/pipeline_params.h"

#include <QStringList>

class QThreadPool;

namespace stratus::client {

// Runs the data pipeline between a file and a local directory of shards:
// pack writes the shard files and the account-sealed manifest
// (DIR/manifest.stratus); unpack restores the file from whatever shards are
// left. This is the pipeline without a network; the network code later puts
// the same shards on storage nodes.
class LocalArchive {
public:
    static constexpr const char *kManifestName = "manifest.stratus";

    LocalArchive(const LocalAccount &account, const object::PipelineParams &params, QThreadPool &pool);

    struct Packed {
        QString manifestPath;
        object::FileManifest manifest;
    };
    Result<Packed> pack(const QString &file, const QString &outDir, const object::ProgressFn &progress = {});

    struct Unpacked {
        object::FileManifest manifest;
        QStringList skippedShards;
    };
    Result<Unpacked> unpack(const QString &dir, const QString &outFile, bool overwrite,
                            const object::ProgressFn &progress = {});

private:
    const LocalAccount &m_account;
    object::PipelineParams m_params;
    QThreadPool &m_pool;
};

} // namespace stratus::client
