#pragma once

#include "common/result.h"
#include "translog/tree_head.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace stratus::translog {

// What a check of a whole log found. `problems` are reasons not to trust
// the log, in words; `notes` are facts worth showing that are not problems
// (e.g. entries written after the last signed head).
struct LogCheck {
    bool ok = false;
    QStringList problems;
    quint64 entries = 0; // how many entries were read
    QStringList notes;
    SignedTreeHead head; // the signed head the entries were checked against
};

// Called once per entry, in order; an error becomes a problem "entry i: ...".
// Lets the caller check what the entries say (e.g. each attestation's own
// signature); may be empty.
using EntryCheck = std::function<Status(quint64 index, const QByteArray &entry)>;

// Checks a log given as its signed head and all of its entries: the head's
// signature, that the entries are exactly the ones the head covers (a
// changed, dropped, added or reordered entry shows as a root mismatch), and
// each entry with `checkEntry`. Entries beyond head.treeSize are reported.
LogCheck verifyLog(const SignedTreeHead &head, const std::vector<QByteArray> &entries, const EntryCheck &checkEntry);

// Checks a LogStore directory without changing any of its files, even when
// it is damaged: the head and its signature, every record of entries.dat,
// the root of the head and of every earlier head in heads.dat, and each
// entry with `checkEntry`. Reports every problem it finds; an Error only
// when there is no log to read at all.
Result<LogCheck> verifyLogDirectory(const QString &dir, const EntryCheck &checkEntry);

} // namespace stratus::translog
