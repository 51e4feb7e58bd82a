#include "validator/epoch_index.h"

#include "translog/log_store.h"
#include "validator/epoch_entries.h"

namespace stratus::validator {

namespace {

constexpr quint64 kTailEntries = 20000;
constexpr quint64 kPage = 1000;

} // namespace

void EpochIndex::add(const QByteArray &signedEntry)
{
    auto entry = decodeEntry(signedEntry);
    if (!entry)
        return;
    if (entry->kind == EntryKind::Attestation) {
        if (auto a = decodeAttestation(entry->body); a && a->validator == m_self)
            m_epochs[a->epoch].attestations.insert(a->node.bytes(), signedEntry);
    } else if (entry->kind == EntryKind::Summary) {
        if (auto s = decodeEpochSummary(entry->body); s && s->validator == m_self)
            m_epochs[s->epoch].summary = signedEntry;
    } else {
        return;
    }
    while (m_epochs.size() > kKeptEpochs)
        m_epochs.erase(m_epochs.begin());
}

void EpochIndex::rebuild(const translog::LogStore &log)
{
    const quint64 size = log.size();
    for (quint64 at = size > kTailEntries ? size - kTailEntries : 0; at < size; at += kPage) {
        auto page = log.entries(at, std::min(kPage, size - at));
        if (!page)
            return;
        for (const QByteArray &e : *page)
            add(e);
    }
}

QList<QByteArray> EpochIndex::entriesFor(const crypto::NodeId &node, qint64 epoch) const
{
    QList<QByteArray> out;
    const auto found = m_epochs.find(epoch);
    if (found == m_epochs.end())
        return out;
    if (const QByteArray a = found->second.attestations.value(node.bytes()); !a.isEmpty())
        out.append(a);
    if (!found->second.summary.isEmpty())
        out.append(found->second.summary);
    return out;
}

std::optional<Attestation> EpochIndex::attestation(const crypto::NodeId &node, qint64 epoch) const
{
    const auto found = m_epochs.find(epoch);
    if (found == m_epochs.end())
        return std::nullopt;
    auto entry = decodeEntry(found->second.attestations.value(node.bytes()));
    if (!entry)
        return std::nullopt;
    auto a = decodeAttestation(entry->body);
    return a ? std::optional(a.value()) : std::nullopt;
}

} // namespace stratus::validator
