#include "api/client.h"

#include "api/log.h"
#include "client/local_account.h"
#include "client/local_archive.h"

#include <QDir>
#include <QStandardPaths>
#include <QThreadPool>

#include <set>

using namespace Qt::StringLiterals;

namespace stratus::api {

namespace {

class ClientImpl final : public Client {
public:
    ClientImpl(client::LocalAccount account, const ClientOptions &options) : m_account(std::move(account))
    {
        m_params.k = options.dataShards;
        m_params.m = options.parityShards;
        if (options.threads > 0)
            m_pool.setMaxThreadCount(options.threads);
    }

    ~ClientImpl() override { m_pool.waitForDone(); }

    AccountInfo account() const override
    {
        AccountInfo info;
        info.dataDir = m_account.dataDir;
        info.accountId = m_account.accountId.toString();
        info.deviceId = m_account.deviceId.toString();
        info.created = m_account.created;
        if (m_account.created)
            info.recoverySecret = m_account.secret.toString();
        return info;
    }

    Result<PackSummary> pack(const QString &file, const QString &outDir, const Progress &progress) override
    {
        client::LocalArchive archive(m_account, m_params, m_pool);
        auto packed = archive.pack(file, outDir, progress);
        if (!packed)
            return packed.error();
        const object::FileManifest &m = packed->manifest;
        PackSummary s;
        s.manifestPath = packed->manifestPath;
        s.fileName = m.name;
        s.bytes = static_cast<qint64>(m.size);
        s.chunks = static_cast<int>(m.chunks.size());
        std::set<QByteArray> unique;
        for (const auto &c : m.chunks)
            unique.insert(c.id);
        s.uniqueChunks = static_cast<int>(unique.size());
        s.segments = static_cast<int>(m.segments.size());
        s.dataShards = m_params.k;
        s.parityShards = m_params.m;
        for (const auto &seg : m.segments) {
            s.shardFiles += static_cast<int>(seg.shards.size());
            s.storedBytes += static_cast<qint64>(seg.shardSize * seg.shards.size());
        }
        return s;
    }

    Result<UnpackSummary> unpack(const QString &dir, const QString &outFile, bool overwrite,
                                 const Progress &progress) override
    {
        client::LocalArchive archive(m_account, m_params, m_pool);
        auto unpacked = archive.unpack(dir, outFile, overwrite, progress);
        if (!unpacked)
            return unpacked.error();
        UnpackSummary s;
        s.outFile = outFile;
        s.fileName = unpacked->manifest.name;
        s.bytes = static_cast<qint64>(unpacked->manifest.size);
        s.skippedShards = unpacked->skippedShards;
        return s;
    }

private:
    client::LocalAccount m_account;
    object::PipelineParams m_params;
    QThreadPool m_pool;
};

} // namespace

QString defaultDataDir()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + u"/.local/share"_s;
    return base + u"/stratus"_s;
}

Result<std::unique_ptr<Client>> openClient(const ClientOptions &options)
{
    if (options.dataShards < 1 || options.parityShards < 0 || options.dataShards + options.parityShards > 255)
        return makeError(u"erasure parameters %1+%2 are not supported: use k >= 1 data shards and m >= 0 parity "
                         u"shards with k + m <= 255"_s.arg(options.dataShards)
                             .arg(options.parityShards));
    auto account = client::openOrCreateAccount(options.dataDir.isEmpty() ? defaultDataDir() : options.dataDir);
    if (!account)
        return account.error();
    qCDebug(lcApi).noquote() << "client opened on" << account->dataDir << "as device"
                             << account->deviceId.shortString();
    return std::unique_ptr<Client>(std::make_unique<ClientImpl>(std::move(account.value()), options));
}

} // namespace stratus::api
