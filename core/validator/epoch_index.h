#pragma once

#include "crypto/node_id.h"
#include "validator/log_entry.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <map>
#include <optional>

namespace stratus::translog {
class LogStore;
}

namespace stratus::validator {

// A paper node's own signed attestations and epoch summaries of its recent
// epochs, as they stand in its log: what storage nodes ask for
// (`attestations {node, epoch}`) to put behind their epoch statements.
// Keeps the last kKeptEpochs epochs; rebuilt from the log's tail on start.
class EpochIndex {
public:
    static constexpr std::size_t kKeptEpochs = 256;

    explicit EpochIndex(crypto::NodeId self) : m_self(std::move(self)) {}

    // Takes one signed log entry; anything but our own attestation or
    // summary is passed over.
    void add(const QByteArray &signedEntry);
    // Reads the tail of `log` (the last 20,000 entries).
    void rebuild(const translog::LogStore &log);

    // Our attestation of `node` for `epoch` (if any) and our summary of the
    // epoch (if any), as signed entries.
    QList<QByteArray> entriesFor(const crypto::NodeId &node, qint64 epoch) const;
    std::optional<Attestation> attestation(const crypto::NodeId &node, qint64 epoch) const;

private:
    struct Epoch {
        QByteArray summary;
        QHash<QByteArray, QByteArray> attestations; // by node id bytes
    };
    crypto::NodeId m_self;
    std::map<qint64, Epoch> m_epochs;
};

} // namespace stratus::validator
