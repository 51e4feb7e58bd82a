#include "validator/validator_service.h"

#include "common/cbor_parse.h"
#include "common/files.h"
#include "discovery/node_record.h"
#include "net/control_client.h"
#include "net/control_server.h"
#include "net/message.h"
#include "net/tls_credentials.h"
#include "swarm/swarm_session.h"
#include "translog/log_store.h"
#include "translog/tree_head.h"
#include "validator/epoch_entries.h"
#include "validator/epoch_index.h"
#include "validator/log.h"
#include "validator/proof_wire.h"
#include "validator/score_sheet.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QDir>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace stratus::validator {

namespace {

constexpr qint64 kMaxStateBytes = 64 * 1024 * 1024;
constexpr qint64 kMaxEntriesPerRequest = 1000;
constexpr std::size_t kRecentEvents = 512;

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }
qint64 ppm(double fraction) { return std::llround(std::clamp(fraction, 0.0, 1.0) * 1e6); }
qint64 micros(double ms) { return std::llround(std::max(0.0, ms) * 1000.0); }

QByteArray oursKey(const crypto::NodeId &node, qint64 epoch) { return node.bytes() + QByteArray::number(epoch); }

} // namespace

ValidatorService::ValidatorService(const ValidatorConfig &config, const crypto::SigningKey &identity,
                                   net::ControlServer &server)
    : m_config(config), m_identity(crypto::SigningKey(identity.seed())),
      m_id(crypto::NodeId::fromPublicKey(identity.publicKey())), m_server(server),
      m_dir(config.dataDir + u"/validator"_s)
{
}

ValidatorService::~ValidatorService()
{
    m_closing = true; // see Auditor::m_closing
    for (const QString &type : {u"scores"_s, u"log-head"_s, u"log-entries"_s, u"log-inclusion"_s, u"log-consistency"_s,
                                u"attestations"_s, u"audit-me"_s})
        m_server.setHandler(type, {});
    if (m_roundTimer)
        m_roundTimer->stop();
    saveState();
    m_auditor.reset();
    qDeleteAll(m_peers);
    m_peers.clear();
    m_swarm.reset();
}

Result<std::unique_ptr<ValidatorService>>
ValidatorService::start(const ValidatorConfig &config, const crypto::SigningKey &identity, net::ControlServer &server)
{
    std::unique_ptr<ValidatorService> v(new ValidatorService(config, identity, server));
    if (Status st = v->open(); !st)
        return st.error();
    return v;
}

bool ValidatorService::counted() const { return m_config.network.isCountedValidator(m_id); }

Status ValidatorService::open()
{
    if (!QDir().mkpath(m_dir + u"/probes"_s))
        return makeError(u"cannot create %1"_s.arg(m_dir));
    QDir(m_dir + u"/probes"_s).removeRecursively(); // leftovers of throughput probes
    QDir().mkpath(m_dir + u"/probes"_s);
    auto tls = net::makeTlsCredentials(); // one certificate for every connection this paper node makes
    if (!tls)
        return tls.error();
    m_tls = std::make_shared<const net::TlsCredentials>(tls.value());
    auto log = translog::LogStore::open(m_dir + u"/log"_s, m_identity);
    if (!log)
        return makeError(u"cannot open the paper node's log: %1"_s.arg(log.message()));
    m_log = std::move(log.value());

    swarm::SwarmSettings swarmSettings;
    swarmSettings.listenAddress = m_config.bindAddress.toString();
    swarmSettings.listenPort = m_config.swarmPort;
    swarmSettings.enableDht = false;
    swarmSettings.rehashFetched = false; // libtorrent verified every block; the probe file is thrown away
    swarmSettings.syncFetched = false;
    auto swarm = swarm::SwarmSession::create(swarmSettings);
    if (!swarm)
        return makeError(u"cannot start the paper node's swarm session: %1"_s.arg(swarm.message()));
    m_swarm = std::move(swarm.value());

    AuditSettings audit = m_config.audit;
    audit.bindAddress = m_config.bindAddress;
    m_auditor =
        std::make_unique<Auditor>(m_identity, m_tls, audit, m_swarm.get(), m_dir + u"/probes"_s, m_config.reputation);
    connect(m_auditor.get(), &Auditor::audited, this, [this](const AuditEvent &e) {
        m_recent.push_back(e);
        while (m_recent.size() > kRecentEvents)
            m_recent.pop_front();
        Q_EMIT audited(e);
    });
    m_epoch = m_config.network.epochAt(nowMs());
    loadState();
    m_epochIndex.rebuild(*m_log);
    refreshTargets();
    installHandlers();

    m_roundTimer = new QTimer(this);
    connect(m_roundTimer, &QTimer::timeout, this, &ValidatorService::onRoundTimer);
    m_roundTimer->start(m_config.audit.interval);
    QTimer::singleShot(0, this, &ValidatorService::onRoundTimer);
    qCInfo(lcValidator).noquote() << "paper node" << m_id.toString() << (counted() ? "(counted)" : "(observer)")
                                  << "auditing" << m_auditor->targets().size() << "nodes every"
                                  << m_config.audit.interval.count() << "ms; log has" << m_log->size() << "entries";
    return {};
}

void ValidatorService::refreshTargets()
{
    QList<AuditTarget> targets;
    for (const discovery::BootstrapNode &b : m_config.network.bootstrap)
        if (b.id != m_id)
            targets.append(AuditTarget{b.id, b.endpoint, b.name});
    for (const AuditTarget &t : std::as_const(m_enrolled))
        if (t.id != m_id)
            targets.append(t);
    m_auditor->setTargets(targets);
}

void ValidatorService::auditNow() { onRoundTimer(); }

void ValidatorService::onRoundTimer()
{
    const qint64 epoch = m_config.network.epochAt(nowMs());
    if (epoch > m_epoch) {
        closeEpoch(m_epoch);
        m_epoch = epoch;
    }
    m_auditor->runRound();
    exchangeHeads();
    if (m_auditor->round() % 10 == 0)
        saveState();
}

void ValidatorService::closeEpoch(qint64 epoch)
{
    std::vector<QByteArray> entries;
    const qint64 now = nowMs();
    for (auto it = m_auditor->reputations().begin(); it != m_auditor->reputations().end(); ++it) {
        NodeReputation &r = it.value();
        const EpochTally tally = r.takeEpoch();
        if (tally.empty())
            continue;
        Attestation a;
        a.validator = m_id;
        a.node = it.key();
        a.epoch = epoch;
        a.timeMs = now;
        a.pings = tally.pings;
        a.pingsAnswered = tally.pingsAnswered;
        a.uptimePpm = ppm(r.uptime());
        a.auditsPassed = tally.auditsPassed;
        a.auditsFailed = tally.auditsFailed;
        a.latencyP50Us = micros(percentile(tally.latenciesMs, 50));
        a.latencyP95Us = micros(percentile(tally.latenciesMs, 95));
        a.throughput = std::llround(percentile(tally.throughputs, 50));
        a.auditScorePpm = ppm(r.auditScore());
        a.scorePpm = ppm(r.score());
        a.vetted = r.vetted();
        entries.push_back(signEntry(EntryKind::Attestation, encodeAttestation(a), m_identity));
        m_ours.insert(oursKey(a.node, epoch), a);
    }
    // The network as this paper node saw it this epoch: what every node's
    // base fee and multiplier depend on (core/ledger/ECONOMICS.md).
    if (!entries.empty()) {
        QList<qint64> scores;
        QList<NodeCapacity> capacities;
        for (auto it = m_ours.cbegin(); it != m_ours.cend(); ++it) {
            if (it->epoch != epoch)
                continue;
            scores.append(it->scorePpm);
            if (auto record = discovery::SignedNodeRecord::fromCbor(m_auditor->recordOf(it->node)); record) {
                const auto capacity = static_cast<qint64>(record->record.capacityBytes);
                capacities.append(
                    {capacity, capacity - std::min(static_cast<qint64>(record->record.freeBytes), capacity)});
            }
        }
        entries.push_back(signEntry(EntryKind::Summary,
                                    encodeEpochSummary(summarize(m_id, epoch, now, scores, capacities)), m_identity));
    }
    // Keep our own attestations of the last few epochs for the observer's comparisons.
    for (auto it = m_ours.begin(); it != m_ours.end();)
        it = it->epoch + 4 < epoch ? m_ours.erase(it) : std::next(it);
    if (entries.empty())
        return;
    if (Status st = appendEntries(entries); !st)
        qCWarning(lcValidator).noquote() << "cannot append the attestations of epoch" << epoch << ":" << st.message();
    else
        qCInfo(lcValidator).noquote() << "epoch" << epoch << ":" << entries.size() << "attestations; log size"
                                      << m_log->size();
    saveState();
}

Status ValidatorService::appendEntry(EntryKind kind, const QByteArray &body)
{
    return appendEntries({signEntry(kind, body, m_identity)});
}

std::optional<Attestation> ValidatorService::attestationOf(const crypto::NodeId &node, qint64 epoch) const
{
    return m_epochIndex.attestation(node, epoch);
}

Status ValidatorService::appendEntries(const std::vector<QByteArray> &entries)
{
    auto head = m_log->append(entries);
    if (!head)
        return head.error();
    for (const QByteArray &e : entries)
        m_epochIndex.add(e);
    Q_EMIT logGrew(static_cast<qint64>(m_log->size()));
    return {};
}

void ValidatorService::reportFork(const crypto::NodeId &validator, const QByteArray &first, const QByteArray &second,
                                  const QString &reason)
{
    const QByteArray key = validator.bytes() + first + second;
    if (m_reportedForks.contains(key))
        return;
    m_reportedForks.insert(key);
    const QString text = u"validator %1: %2"_s.arg(validator.toString(), reason);
    qCWarning(lcValidator).noquote() << "FORK:" << text;
    m_problems.append(u"fork: "_s + text);
    ForkReport f{m_id, validator, first, second, reason, nowMs()};
    if (Status st = appendEntries({signEntry(EntryKind::Fork, encodeForkReport(f), m_identity)}); !st)
        qCWarning(lcValidator).noquote() << "cannot log the fork report:" << st.message();
}

// ---------------------------------------------------------------- state

void ValidatorService::saveState()
{
    if (!m_auditor)
        return;
    QCborMap reputations;
    for (auto it = m_auditor->reputations().cbegin(); it != m_auditor->reputations().cend(); ++it)
        reputations.insert(QCborValue(it.key().bytes()), it->toCbor());
    QCborMap heads;
    for (auto it = m_seenHeads.cbegin(); it != m_seenHeads.cend(); ++it)
        heads.insert(QCborValue(it.key().bytes()), it.value());
    QCborMap compared;
    for (auto it = m_compared.cbegin(); it != m_compared.cend(); ++it)
        compared.insert(QCborValue(it.key().bytes()), static_cast<qint64>(it.value()));
    const QCborMap state{{u"v"_s, 1},
                         {u"epoch"_s, m_epoch},
                         {u"reputations"_s, reputations},
                         {u"heads"_s, heads},
                         {u"compared"_s, compared}};
    if (Status st = writeFileAtomic(m_dir + u"/state.cbor"_s, state.toCborValue().toCbor()); !st)
        qCWarning(lcValidator).noquote() << "cannot save the paper node's state:" << st.message();
}

void ValidatorService::loadState()
{
    const QString path = m_dir + u"/state.cbor"_s;
    if (!QFile::exists(path))
        return;
    auto bytes = readFileLimited(path, kMaxStateBytes);
    const QCborValue value = bytes ? parseCbor(bytes.value()) : QCborValue();
    if (!value.isMap() || value.toMap().value(u"v"_s).toInteger() != 1) {
        qCWarning(lcValidator).noquote() << path << "is unreadable; the reputations start afresh";
        return;
    }
    const QCborMap state = value.toMap();
    const qint64 savedEpoch = state.value(u"epoch"_s).toInteger(m_epoch);
    for (const auto &[k, v] : state.value(u"reputations"_s).toMap())
        if (auto id = crypto::NodeId::fromBytes(k.toByteArray()); id && v.isMap())
            m_auditor->reputations().insert(id.value(), NodeReputation::fromCbor(v.toMap(), m_config.reputation));
    for (const auto &[k, v] : state.value(u"heads"_s).toMap())
        if (auto id = crypto::NodeId::fromBytes(k.toByteArray());
            id && translog::SignedTreeHead::fromCbor(v.toByteArray()).ok())
            m_seenHeads.insert(id.value(), v.toByteArray());
    for (const auto &[k, v] : state.value(u"compared"_s).toMap())
        if (auto id = crypto::NodeId::fromBytes(k.toByteArray()); id && v.toInteger() >= 0)
            m_compared.insert(id.value(), static_cast<quint64>(v.toInteger()));
    if (savedEpoch >= 0 && savedEpoch < m_epoch)
        m_epoch = savedEpoch; // the first round closes the epoch we were in when we stopped
}

// ---------------------------------------------------------------- serving

QByteArray ValidatorService::scoreSheet() const
{
    ScoreSheet sheet;
    sheet.validator = m_id;
    sheet.publicKey = m_identity.publicKey();
    sheet.timeMs = nowMs();
    sheet.epoch = m_epoch;
    for (const AuditTarget &t : m_auditor->targets()) {
        const auto it = m_auditor->reputations().constFind(t.id);
        if (it == m_auditor->reputations().cend())
            continue;
        const NodeReputation &r = it.value();
        NodeScore n;
        n.id = t.id;
        n.scorePpm = ppm(r.score());
        n.auditScorePpm = ppm(r.auditScore());
        n.uptimePpm = ppm(r.uptime());
        n.latencyP95Us = micros(r.latencyP95Ms());
        n.throughput = std::llround(r.throughputBytesPerSecond());
        n.auditsPassed = r.auditsPassedTotal();
        n.auditsFailed = r.auditsFailedTotal();
        n.online = r.online();
        n.vetted = r.vetted();
        n.eligible = r.eligible();
        n.record = m_auditor->recordOf(t.id);
        sheet.nodes.append(n);
    }
    return sheet.sign(m_identity);
}

void ValidatorService::installHandlers()
{
    installEnrolHandler();
    m_server.setHandler(u"scores"_s, [this](const crypto::NodeId &, const QCborMap &, net::Responder r) {
        r.ok(QCborMap{{u"sheet"_s, scoreSheet()}});
    });

    // log-head {heads?: [signed heads of other validators]}: our latest
    // signed tree head, and the latest heads we have verified of others
    // (gossip: a reader compares them with what it was shown itself).
    m_server.setHandler(u"log-head"_s, [this](const crypto::NodeId &peer, const QCborMap &body, net::Responder r) {
        const QCborValue offered = body.value(u"heads"_s);
        if (!offered.isUndefined() && (!offered.isArray() || offered.toArray().size() > 64))
            return (void)r.error(u"bad-request"_s, u"heads: a list of at most 64 signed tree heads"_s);
        for (const QCborValue &v : offered.toArray()) {
            auto head = translog::SignedTreeHead::fromCbor(v.toByteArray());
            if (!head)
                return (void)r.error(u"bad-request"_s, u"a tree head was refused: %1"_s.arg(head.message()));
            if (head->logId() != m_id)
                checkPeerHead(head->logId(), head.value(), peer);
        }
        QCborArray heads;
        for (const QByteArray &h : std::as_const(m_seenHeads))
            heads.append(h);
        r.ok(QCborMap{{u"head"_s, m_log->head().toCbor()}, {u"heads"_s, heads}});
    });

    // attestations {node, epoch}: our signed attestation of that node for
    // that epoch and our summary of the epoch, when we have them, with our
    // key: what a storage node puts behind its epoch statement.
    m_server.setHandler(u"attestations"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        auto node = crypto::NodeId::fromBytes(body.value(u"node"_s).toByteArray());
        const qint64 epoch = body.value(u"epoch"_s).toInteger(-1);
        if (!node || epoch < 0)
            return (void)r.error(u"bad-request"_s, u"attestations needs node (32 bytes) and epoch"_s);
        QCborArray entries;
        for (const QByteArray &e : m_epochIndex.entriesFor(node.value(), epoch))
            entries.append(e);
        r.ok(QCborMap{{u"key"_s, m_identity.publicKey()}, {u"entries"_s, entries}});
    });

    // log-entries {from, count}: entries [from, from + count) (count <= 1000).
    m_server.setHandler(u"log-entries"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        const qint64 from = body.value(u"from"_s).toInteger(-1);
        const qint64 count = body.value(u"count"_s).toInteger(-1);
        const qint64 size = static_cast<qint64>(m_log->size());
        if (from < 0 || count < 0 || count > kMaxEntriesPerRequest || from > size)
            return (void)r.error(
                u"bad-request"_s,
                u"from must be within the log (size %1) and count at most %2"_s.arg(size).arg(kMaxEntriesPerRequest));
        auto entries = m_log->entries(static_cast<quint64>(from), static_cast<quint64>(std::min(count, size - from)));
        if (!entries)
            return (void)r.error(u"internal"_s, entries.message());
        QCborArray list;
        for (const QByteArray &e : entries.value())
            list.append(e);
        r.ok(QCborMap{{u"size"_s, size}, {u"entries"_s, list}});
    });

    // log-inclusion {index, size}: the audit path of entry `index` in the tree of `size` entries.
    m_server.setHandler(u"log-inclusion"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        const qint64 index = body.value(u"index"_s).toInteger(-1);
        const qint64 size = body.value(u"size"_s).toInteger(-1);
        if (index < 0 || size <= index || static_cast<quint64>(size) > m_log->size())
            return (void)r.error(u"bad-request"_s, u"need 0 <= index < size <= %1"_s.arg(m_log->size()));
        auto proof = m_log->inclusionProof(static_cast<quint64>(index), static_cast<quint64>(size));
        if (!proof)
            return (void)r.error(u"internal"_s, proof.message());
        r.ok(QCborMap{{u"proof"_s, proofToCbor(proof.value())}});
    });

    // log-consistency {from, to}: the proof that the tree of `to` entries extends the one of `from`.
    m_server.setHandler(u"log-consistency"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        const qint64 from = body.value(u"from"_s).toInteger(-1);
        const qint64 to = body.value(u"to"_s).toInteger(-1);
        if (from < 0 || to < from || static_cast<quint64>(to) > m_log->size())
            return (void)r.error(u"bad-request"_s, u"need 0 <= from <= to <= %1"_s.arg(m_log->size()));
        auto proof = m_log->consistencyProof(static_cast<quint64>(from), static_cast<quint64>(to));
        if (!proof)
            return (void)r.error(u"internal"_s, proof.message());
        r.ok(QCborMap{{u"proof"_s, proofToCbor(proof.value())}});
    });
}

ValidatorSnapshot ValidatorService::snapshot() const
{
    ValidatorSnapshot s;
    s.counted = counted();
    s.round = m_auditor->round();
    s.auditsDone = m_auditor->auditsDone();
    s.logSize = static_cast<qint64>(m_log->size());
    s.logHead = m_log->head().toCbor();
    s.epoch = m_epoch;
    s.recent = QList<AuditEvent>(m_recent.begin(), m_recent.end());
    s.problems = m_problems;
    for (const AuditTarget &t : m_auditor->targets()) {
        const auto it = m_auditor->reputations().constFind(t.id);
        if (it == m_auditor->reputations().cend())
            continue;
        const NodeReputation &r = it.value();
        s.nodes.append(ValidatorSnapshot::Node{t.id, t.name, r.score(), r.auditScore(), r.uptime(), r.latencyP50Ms(),
                                               r.latencyP95Ms(), r.throughputBytesPerSecond(), r.auditsPassedTotal(),
                                               r.auditsFailedTotal(), r.online(), r.vetted(), r.eligible()});
    }
    return s;
}

} // namespace stratus::validator
