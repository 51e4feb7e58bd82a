#pragma once

// The one boundary between the engine and its front ends (stratus-desktop,
// the stratus CLI, tests). Only Qt value types and stratus::Result cross it;
// no libtorrent, SQLCipher or Botan type is visible from here.

#include "api/earnings.h"
#include "common/result.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace stratus::api {

using Progress = std::function<void(qint64 done, qint64 total)>;

struct AccountInfo {
    QString dataDir;
    QString accountId; // grouped base32 with check characters
    QString deviceId;
    bool created = false;   // the account was made just now
    QString recoverySecret; // only when created: show it once
};

struct PackSummary {
    QString manifestPath;
    QString fileName;
    qint64 bytes = 0;
    int chunks = 0;
    int uniqueChunks = 0;
    int segments = 0;
    int dataShards = 0;
    int parityShards = 0;
    int shardFiles = 0;
    qint64 storedBytes = 0; // bytes of all shard files
};

struct UnpackSummary {
    QString outFile;
    QString fileName;
    qint64 bytes = 0;
    QStringList skippedShards; // missing or corrupted, worked around
};

struct StoredFile {
    QString localPath;
    QString remotePath;
    int version = 0;
    qint64 bytes = 0;
    int segments = 0;
    int shards = 0;
};

struct FetchedFile {
    QString remotePath;
    QString outFile;
    int version = 0;
    qint64 bytes = 0;
    QStringList skippedShards;
};

struct RemoteFileInfo {
    QString path;
    int version = 0;
    qint64 size = 0;
    qint64 mtimeMs = 0;
    int segments = 0;
    int shardsPerSegment = 0;
    int healthyShards = -1; // reachable shards of the weakest segment; -1: unknown
};

struct RepairSummary {
    int segmentsChecked = 0;
    int segmentsRepaired = 0;
    int shardsRebuilt = 0;
    int contractsRenewed = 0;
    QStringList notes;
};

// One counted validator's view of a storage node. The three scores are in
// [0, 1]; a node whose audit score falls below 0.9, or that is offline,
// gets no new shards from that validator's view.
struct ValidatorScoreInfo {
    QString validator;   // its name in the network file (else its short id)
    QString validatorId; // NodeId text
    double auditScore = 0;
    double onlineScore = 0;  // answered pings, recent ones weighing most
    double latencyScore = 0; // 1 / (1 + p95 / 250 ms)
    double latencyP95Ms = 0;
    qint64 auditsFailed = 0;
    bool online = false;
    bool eligible = false;
};

// A storage node as the network's counted validators see it (medians).
struct NodeStanding {
    QString id;
    QString name;       // from the network file
    int validators = 0; // how many counted validators list it
    double score = 0;
    double auditScore = 0;
    double uptime = 0;
    double latencyP95Ms = 0;
    double latencyScore = 0; // of the median p95, as ValidatorScoreInfo
    qint64 throughput = 0;
    qint64 auditsPassed = 0;
    qint64 auditsFailed = 0;
    bool online = false;
    bool vetted = false;
    bool eligible = false; // may receive new shards
    QList<ValidatorScoreInfo> byValidator;
};

struct NetworkStanding {
    int validatorsAnswered = 0;
    int validatorsCounted = 0;
    QList<NodeStanding> nodes;
    QStringList problems;
};

// One attestation of a paper node's log (`stratus log show`).
struct AttestationInfo {
    QString validator; // NodeId text
    QString node;
    QString nodeName;     // from the network file, if it names the node
    bool counted = false; // by a validator the network file names
    qint64 index = 0;     // position in the validator's log
    qint64 epoch = 0;
    qint64 timeMs = 0;
    qint64 pings = 0;
    qint64 pingsAnswered = 0;
    double uptime = 0;
    qint64 auditsPassed = 0;
    qint64 auditsFailed = 0;
    double latencyP50Ms = 0;
    double latencyP95Ms = 0;
    qint64 throughput = 0; // bytes per second; 0: not measured
    double auditScore = 0;
    double score = 0;
    bool vetted = false;
};

// What `stratus log verify` found in one validator's log.
struct LogVerification {
    QString validator;
    QString name;
    bool counted = false;
    bool reachable = false;
    bool ok = false;
    qint64 size = 0;
    QString root; // hex
    QStringList problems;
    QStringList notes;
    QStringList reports; // forks and disagreements the log itself records
};

// Checks a paper node's log directory (DIR/validator/log of a node, or a
// copy) on disk, without a network and without changing it.
LogVerification verifyLogDirectory(const QString &dir);

struct ClientOptions {
    QString networkFile;                                // needed for put, get, ls, rm
    QString swarmAddress = QStringLiteral("127.0.0.1"); // where this client serves what it uploads
    QString dataDir;                                    // empty: defaultDataDir()
    int dataShards = 4;                                 // k
    int parityShards = 2;                               // m
    int threads = 0;                                    // worker threads; 0: one per core
};

class Client {
public:
    virtual ~Client() = default;

    virtual AccountInfo account() const = 0;

    // Chunk, encrypt, erasure-code `file` into shard files and a sealed
    // manifest in `outDir`.
    virtual Result<PackSummary> pack(const QString &file, const QString &outDir, const Progress &progress = {}) = 0;

    // Restore a file from a directory written by pack(), byte for byte, from
    // any k of each segment's shards.
    virtual Result<UnpackSummary> unpack(const QString &dir, const QString &outFile, bool overwrite,
                                         const Progress &progress = {}) = 0;

    // Stores files and directories (recursively) under `remoteDir` of the
    // account's tree on the network; a path stored again gets a new version.
    virtual Result<QList<StoredFile>> put(const QStringList &paths, const QString &remoteDir,
                                          const Progress &progress = {}) = 0;
    virtual Result<FetchedFile> get(const QString &remotePath, const QString &outFile, bool overwrite,
                                    const Progress &progress = {}) = 0;
    virtual Result<QList<RemoteFileInfo>> list(bool checkHealth) = 0;
    // Returns warnings (nodes that could not be reached).
    virtual Result<QStringList> remove(const QString &remotePath) = 0;
    // Checks every shard with proofs of storage and rebuilds lost ones onto
    // other nodes where a segment's healthy shards fell to `threshold`
    // (-1: n - 1) or below.
    // Contracts ending within `renewWithinDays` are renewed.
    virtual Result<RepairSummary> repair(int threshold = -1, int renewWithinDays = 7) = 0;
    // Every storage node of the network with its scores, read from the
    // counted validators' signed score sheets.
    virtual Result<NetworkStanding> standings() = 0;
    // The transparency logs of the network's paper nodes (the counted ones
    // of the network file; `validatorId` picks one, counted or not, by id or
    // name). Heads seen are remembered in the data dir, so a later check
    // catches a log that was rewritten in between.
    virtual Result<QList<LogVerification>> verifyLogs(const QString &validatorId) = 0;
    // Every attestation in those logs (each log checked as by verifyLogs;
    // `checks` gets the results).
    virtual Result<QList<AttestationInfo>> readAttestations(const QString &validatorId,
                                                            QList<LogVerification> *checks) = 0;

    // The storage nodes' earnings, from their signed epoch statements: one
    // node (`node`: its name in the network file or its id) or every node
    // the network file names; the newest `epochs` epochs of each.
    virtual Result<QList<NodeEarnings>> earnings(const QString &node, int epochs) = 0;
    // One node's statement for `epoch` as a self-contained file's bytes
    // (verifyStatementFile checks it).
    virtual Result<QByteArray> exportStatement(const QString &node, qint64 epoch) = 0;
    // This client's credits: balance (the counted validators' median), what
    // its stored files cost a month, and a warning well before they run out.
    virtual Result<CreditsInfo> credits() = 0;
};

// The platform's data location for Stratus (e.g. ~/.local/share/stratus).
QString defaultDataDir();

// Builds a client over the account in options.dataDir (created on first use).
Result<std::unique_ptr<Client>> openClient(const ClientOptions &options);

} // namespace stratus::api
