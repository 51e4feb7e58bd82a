#include "ledger/evidence.h"

#include "common/int128.h"

#include "validator/epoch_entries.h"
#include "validator/log_entry.h"

#include <QCborMap>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::ledger {

QCborArray encodeValidatorKeys(const QList<ValidatorKey> &keys)
{
    QCborArray out;
    for (const ValidatorKey &k : keys)
        out.append(QCborMap{{u"id"_s, k.id.bytes()}, {u"key"_s, k.publicKey}});
    return out;
}

Result<QList<ValidatorKey>> decodeValidatorKeys(const QCborArray &array)
{
    QList<ValidatorKey> out;
    for (const QCborValue &item : array) {
        const QCborMap k = item.toMap();
        auto id = crypto::NodeId::fromBytes(k.value(u"id"_s).toByteArray());
        const QByteArray key = k.value(u"key"_s).toByteArray();
        if (!id || crypto::NodeId::fromPublicKey(key) != id.value())
            return makeError(u"a validator's key does not match its id"_s);
        out.append(ValidatorKey{id.value(), key});
    }
    return out;
}

qint64 medianOf(QList<qint64> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    if (n % 2 == 1)
        return values[n / 2];
    return static_cast<qint64>((static_cast<Int128>(values[n / 2 - 1]) + values[n / 2]) / 2);
}

Result<EvidenceInputs> combineEvidence(const QList<QByteArray> &entries, const QList<ValidatorKey> &counted,
                                       const crypto::NodeId &node, qint64 epoch)
{
    QList<qint64> uptime, audit, score, failed, netScore, netUse;
    QSet<QByteArray> attested, summarized;
    auto keyOf = [&](const crypto::NodeId &id) -> const ValidatorKey * {
        for (const ValidatorKey &k : counted)
            if (k.id == id)
                return &k;
        return nullptr;
    };
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString where = u"validator entry %1"_s.arg(i + 1);
        auto entry = validator::decodeEntry(entries[i]);
        if (!entry)
            return makeError(u"%1: %2"_s.arg(where, entry.message()));
        crypto::NodeId signer;
        if (entry->kind == validator::EntryKind::Attestation) {
            auto a = validator::decodeAttestation(entry->body);
            if (!a)
                return makeError(u"%1: %2"_s.arg(where, a.message()));
            if (a->node != node || a->epoch != epoch)
                return makeError(u"%1 attests another node or epoch"_s.arg(where));
            signer = a->validator;
            if (attested.contains(signer.bytes()))
                return makeError(u"%1: a second attestation by validator %2"_s.arg(where, signer.shortString()));
            attested.insert(signer.bytes());
            uptime.append(a->uptimePpm);
            audit.append(a->auditScorePpm);
            score.append(a->scorePpm);
            failed.append(a->auditsFailed);
        } else if (entry->kind == validator::EntryKind::Summary) {
            auto s = validator::decodeEpochSummary(entry->body);
            if (!s)
                return makeError(u"%1: %2"_s.arg(where, s.message()));
            if (s->epoch != epoch)
                return makeError(u"%1 summarizes another epoch"_s.arg(where));
            signer = s->validator;
            if (summarized.contains(signer.bytes()))
                return makeError(u"%1: a second summary by validator %2"_s.arg(where, signer.shortString()));
            summarized.insert(signer.bytes());
            netScore.append(s->medianScorePpm);
            netUse.append(s->utilizationPpm());
        } else {
            return makeError(u"%1 is a %2, not an attestation or summary"_s.arg(where, entryKindName(entry->kind)));
        }
        const ValidatorKey *key = keyOf(signer);
        if (!key)
            return makeError(
                u"%1 is signed by %2, which is not a counted validator"_s.arg(where, signer.shortString()));
        if (Status st = validator::verifyEntry(entry.value(), key->publicKey); !st)
            return makeError(u"%1: %2"_s.arg(where, st.message()));
    }
    EvidenceInputs in;
    in.validators = uptime.size();
    in.audited = !uptime.isEmpty();
    in.uptimePpm = medianOf(uptime);
    in.auditScorePpm = medianOf(audit);
    in.scorePpm = medianOf(score);
    in.auditsFailed = medianOf(failed);
    in.networkMedianScorePpm = netScore.isEmpty() ? in.scorePpm : medianOf(netScore);
    in.networkUtilizationPpm = medianOf(netUse);
    return in;
}

} // namespace stratus::ledger
