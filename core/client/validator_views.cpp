#include "client/validator_views.h"

#include "client/network_context.h"
#include "common/files.h"
#include "translog/hashing.h"
#include "translog/log_verify.h"
#include "translog/proof_verify.h"
#include "translog/tree_head.h"
#include "validator/epoch_entries.h"
#include "validator/proof_wire.h"

#include <QCborArray>
#include <QCborMap>
#include <QDir>
#include <QRandomGenerator>

#include <vector>

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

constexpr qint64 kPage = 1000;

// Decodes and checks one entry of the log of `publicKey`; fills `view`.
Status checkEntry(quint64 index, const QByteArray &bytes, const QByteArray &publicKey, const crypto::NodeId &logId,
                  LogEntryView &view)
{
    view.index = index;
    auto entry = validator::decodeEntry(bytes);
    if (!entry)
        return entry.error();
    if (Status st = validator::verifyEntry(entry.value(), publicKey); !st)
        return st;
    view.kind = entry->kind;
    switch (entry->kind) {
    case validator::EntryKind::Attestation: {
        auto a = validator::decodeAttestation(entry->body);
        if (!a)
            return a.error();
        if (a->validator != logId)
            return makeError(u"the attestation names another validator"_s);
        view.attestation = a.value();
        return {};
    }
    case validator::EntryKind::Disagreement: {
        auto d = validator::decodeDisagreement(entry->body);
        if (!d)
            return d.error();
        view.text = u"disagreement with validator %1 about node %2 in epoch %3: %4"_s.arg(
            d->validator.shortString(), d->node.shortString(), QString::number(d->epoch), d->reason);
        return {};
    }
    case validator::EntryKind::Fork: {
        auto f = validator::decodeForkReport(entry->body);
        if (!f)
            return f.error();
        view.text = u"fork reported in the log of validator %1: %2"_s.arg(f->validator.shortString(), f->reason);
        return {};
    }
    case validator::EntryKind::Summary: {
        auto s = validator::decodeEpochSummary(entry->body);
        if (!s)
            return s.error();
        if (s->validator != logId)
            return makeError(u"the epoch summary names another validator"_s);
        view.text = u"epoch %1 summary: %2 nodes, median score %3, utilization %4%"_s.arg(
            QString::number(s->epoch), QString::number(s->nodes), QString::number(s->medianScorePpm / 1e6, 'f', 3),
            QString::number(s->utilizationPpm() / 1e4, 'f', 1));
        return {};
    }
    case validator::EntryKind::Credits: {
        auto c = validator::decodeCreditsEntry(entry->body);
        if (!c)
            return c.error();
        if (c->validator != logId)
            return makeError(u"the credits entry names another validator"_s);
        view.text = u"credits as of epoch %1: %2 grants taken in, %3 balances changed"_s.arg(
            QString::number(c->epoch), QString::number(c->grants.size()), QString::number(c->accounts.size()));
        return {};
    }
    case validator::EntryKind::StatementCheck: {
        auto c = validator::decodeStatementCheck(entry->body);
        if (!c)
            return c.error();
        if (c->validator != logId)
            return makeError(u"the statement check names another validator"_s);
        view.text = u"statement of node %1 for epoch %2 (%3 µcr, %4 receipts, %5 sampled): %6"_s.arg(
            c->node.shortString(), QString::number(c->epoch), QString::number(c->total), QString::number(c->receipts),
            QString::number(c->sampled), c->ok ? u"verified"_s : u"REFUSED: "_s + c->reason);
        view.refused = !c->ok;
        return {};
    }
    }
    return {};
}

QString seenPath(const QString &seenDir, const crypto::NodeId &id)
{
    return seenDir + u'/' + id.toString().remove(u'-') + u".head"_s;
}

} // namespace

ValidatorScores readValidatorScores(NetworkContext &network, int timeoutMs)
{
    ValidatorScores out;
    const QList<discovery::BootstrapNode> validators = network.network().validators;
    std::vector<QFuture<Result<QCborMap>>> replies;
    for (const discovery::BootstrapNode &v : validators)
        replies.push_back(network.request(v.id, u"scores"_s, {}, timeoutMs));
    QList<validator::ScoreSheet> sheets;
    for (qsizetype i = 0; i < validators.size(); ++i) {
        const Result<QCborMap> r = replies[static_cast<std::size_t>(i)].result();
        if (!r) {
            out.problems.append(u"validator %1: %2"_s.arg(validators[i].id.shortString(), r.message()));
            continue;
        }
        auto sheet = validator::ScoreSheet::verify(r->value(u"sheet"_s).toByteArray());
        if (!sheet || sheet->validator != validators[i].id) {
            out.problems.append(u"validator %1 sent a score sheet that does not verify: %2"_s.arg(
                validators[i].id.shortString(), sheet ? u"signed by another key"_s : sheet.message()));
            continue;
        }
        sheets.append(sheet.value());
    }
    out.sheets = static_cast<int>(sheets.size());
    out.nodes = validator::combineSheets(sheets);
    for (const validator::ScoreSheet &sheet : std::as_const(sheets))
        for (const validator::NodeScore &n : sheet.nodes)
            out.byValidator[n.id].append({sheet.validator, n});
    return out;
}

LogReport verifyValidatorLog(NetworkContext &network, const discovery::BootstrapNode &validator, const QString &seenDir,
                             int timeoutMs)
{
    LogReport report;
    report.validator = validator;
    report.counted = network.network().isCountedValidator(validator.id);
    auto headReply = network.request(validator.id, u"log-head"_s, {}, timeoutMs).result();
    if (!headReply) {
        report.problems.append(u"cannot reach it: %1"_s.arg(headReply.message()));
        return report;
    }
    report.reachable = true;
    auto head = translog::SignedTreeHead::fromCbor(headReply->value(u"head"_s).toByteArray());
    if (!head) {
        report.problems.append(u"its signed tree head is invalid: %1"_s.arg(head.message()));
        return report;
    }
    if (head->logId() != validator.id) {
        report.problems.append(u"its tree head is signed by another key (%1)"_s.arg(head->logId().shortString()));
        return report;
    }
    const quint64 size = head->head.treeSize;
    report.size = size;
    report.root = translog::toHex(head->head.rootHash);

    std::vector<QByteArray> entries;
    entries.reserve(size);
    while (entries.size() < size) {
        const qint64 count = std::min<qint64>(kPage, static_cast<qint64>(size - entries.size()));
        auto page =
            network
                .request(validator.id, u"log-entries"_s,
                         QCborMap{{u"from"_s, static_cast<qint64>(entries.size())}, {u"count"_s, count}}, timeoutMs)
                .result();
        if (!page) {
            report.problems.append(u"cannot read entries from %1: %2"_s.arg(entries.size()).arg(page.message()));
            return report;
        }
        const QCborArray list = page->value(u"entries"_s).toArray();
        if (list.isEmpty()) {
            report.problems.append(
                u"the log holds fewer entries (%1) than its signed head says (%2)"_s.arg(entries.size()).arg(size));
            return report;
        }
        for (const QCborValue &v : list)
            if (entries.size() < size)
                entries.push_back(v.toByteArray());
    }

    QList<LogEntryView> views;
    const translog::LogCheck check =
        translog::verifyLog(head.value(), entries, [&](quint64 index, const QByteArray &bytes) -> Status {
            LogEntryView view;
            Status st = checkEntry(index, bytes, head->head.publicKey, validator.id, view);
            if (st)
                views.append(view);
            return st;
        });
    report.problems += check.problems;
    report.entries = views;
    report.notes.append(u"%1 entries match the signed tree head (root %2)"_s.arg(size).arg(report.root.left(16)));

    // Inclusion proofs of a few entries, as a reader holding one entry would check.
    if (size > 0) {
        for (int i = 0; i < 3; ++i) {
            const quint64 index = QRandomGenerator::global()->bounded(static_cast<quint64>(size));
            auto proof =
                network
                    .request(validator.id, u"log-inclusion"_s,
                             QCborMap{{u"index"_s, static_cast<qint64>(index)}, {u"size"_s, static_cast<qint64>(size)}},
                             timeoutMs)
                    .result();
            const auto path = proof ? validator::proofFromCbor(proof->value(u"proof"_s)) : std::nullopt;
            const Status st = path ? translog::verifyInclusion(translog::leafHash(entries[index]), index, size, *path,
                                                               head->head.rootHash)
                                   : Status(makeError(proof ? u"malformed proof"_s : proof.message()));
            if (!st)
                report.problems.append(u"inclusion proof of entry %1: %2"_s.arg(index).arg(st.message()));
        }
        report.notes.append(u"inclusion proofs of 3 random entries verify"_s);
    }

    // Consistency with the head seen last time.
    const QString seen = seenPath(seenDir, validator.id);
    if (QFile::exists(seen)) {
        auto bytes = readFileLimited(seen, translog::kMaxSignedTreeHeadSize);
        auto old =
            bytes ? translog::SignedTreeHead::fromCbor(bytes.value()) : Result<translog::SignedTreeHead>(bytes.error());
        if (!old) {
            report.problems.append(u"the head remembered in %1 is unreadable: %2"_s.arg(seen, old.message()));
        } else if (old->head.treeSize > size) {
            report.problems.append(u"the log shrank: a head of size %1 was seen before, now it has %2 entries (the "
                                   u"log was rewritten)"_s.arg(old->head.treeSize)
                                       .arg(size));
        } else {
            auto proof = network
                             .request(validator.id, u"log-consistency"_s,
                                      QCborMap{{u"from"_s, static_cast<qint64>(old->head.treeSize)},
                                               {u"to"_s, static_cast<qint64>(size)}},
                                      timeoutMs)
                             .result();
            const auto path = proof ? validator::proofFromCbor(proof->value(u"proof"_s)) : std::nullopt;
            const Status st = path ? translog::verifyHeadConsistency(old.value(), head.value(), *path)
                                   : Status(makeError(proof ? u"malformed proof"_s : proof.message()));
            if (!st)
                report.problems.append(u"not consistent with the head of size %1 seen before: %2 (a forked or "
                                       u"rewritten log)"_s.arg(old->head.treeSize)
                                           .arg(st.message()));
            else
                report.notes.append(u"consistent with the head of size %1 seen before"_s.arg(old->head.treeSize));
        }
    }
    for (const QCborValue &v : headReply->value(u"heads"_s).toArray())
        if (auto other = translog::SignedTreeHead::fromCbor(v.toByteArray()); !other)
            report.problems.append(u"it relays a bad tree head of another validator: %1"_s.arg(other.message()));

    report.ok = report.problems.isEmpty();
    if (report.ok) {
        QDir().mkpath(seenDir);
        if (Status st = writeFileAtomic(seen, head->toCbor()); !st)
            report.notes.append(u"could not remember the head: %1"_s.arg(st.message()));
    }
    return report;
}

LogReport verifyLogDirectory(const QString &dir)
{
    LogReport report;
    report.reachable = true;
    QList<LogEntryView> views;
    QByteArray publicKey;
    crypto::NodeId logId;
    auto headBytes = readFileLimited(dir + u"/head.cbor"_s, translog::kMaxSignedTreeHeadSize);
    if (headBytes)
        if (auto head = translog::SignedTreeHead::decodeUnverified(headBytes.value()); head) {
            publicKey = head->head.publicKey;
            logId = head->logId();
            report.validator.id = logId;
            report.size = head->head.treeSize;
            report.root = translog::toHex(head->head.rootHash);
        }
    auto check = translog::verifyLogDirectory(dir, [&](quint64 index, const QByteArray &bytes) -> Status {
        LogEntryView view;
        Status st = checkEntry(index, bytes, publicKey, logId, view);
        if (st)
            views.append(view);
        return st;
    });
    if (!check) {
        report.problems.append(check.message());
        return report;
    }
    report.problems += check->problems;
    report.entries = views;
    report.notes.append(u"%1 entries checked against the signed tree head"_s.arg(check->entries));
    report.ok = check->ok && report.problems.isEmpty();
    return report;
}

} // namespace stratus::client
