// The node database's signed pointers (signed_pointer.h): the newest record
// per (key, salt), kept for anyone who asks.

#include "db/database.h"
#include "db/query.h"
#include "node/node_database.h"

using namespace Qt::StringLiterals;

namespace stratus::node {

Status NodeDatabase::putPointer(const SignedPointer &p, qint64 nowMs)
{
    auto current = pointer(p.publicKey, p.salt);
    if (!current)
        return current.error();
    const QByteArray bytes = p.encode();
    if (current->has_value()) {
        const SignedPointer &old = **current;
        if (old.sequence == p.sequence && old.encode() == bytes)
            return {}; // the same record again
        if (old.sequence >= p.sequence)
            return makeError(u"stale: this node holds sequence %1 of that pointer"_s.arg(old.sequence));
        return db::execute(*m_db,
                           u"UPDATE pointers SET seq = ?3, record = ?4, size = ?5, updated_ms = ?6 "
                           u"WHERE key = ?1 AND salt = ?2"_s,
                           p.publicKey, p.salt, p.sequence, bytes, qint64(bytes.size()), nowMs);
    }
    qint64 total = 0;
    qint64 perKey = 0;
    Status st = db::query(
        *m_db, u"SELECT COUNT(*), COALESCE(SUM(key = ?1), 0) FROM pointers"_s,
        [&](db::Statement &s) {
            total = s.int64(0);
            perKey = s.int64(1);
        },
        p.publicKey);
    if (!st)
        return st;
    if (total >= kMaxPointers)
        return makeError(u"full: this node keeps at most %1 pointers"_s.arg(kMaxPointers));
    if (perKey >= kMaxPointersPerKey)
        return makeError(u"full: this node keeps at most %1 pointers per key"_s.arg(kMaxPointersPerKey));
    return db::execute(*m_db,
                       u"INSERT INTO pointers (key, salt, seq, record, size, updated_ms) "
                       u"VALUES (?1, ?2, ?3, ?4, ?5, ?6)"_s,
                       p.publicKey, p.salt, p.sequence, bytes, qint64(bytes.size()), nowMs);
}

Result<std::optional<SignedPointer>> NodeDatabase::pointer(const QByteArray &key, const QByteArray &salt)
{
    std::optional<QByteArray> bytes;
    Status st = db::query(
        *m_db, u"SELECT record FROM pointers WHERE key = ?1 AND salt = ?2"_s,
        [&](db::Statement &s) { bytes = s.blob(0); }, key, salt);
    if (!st)
        return st.error();
    if (!bytes)
        return std::optional<SignedPointer>{};
    // What is on disk is checked like anything read from outside.
    auto p = SignedPointer::decode(*bytes);
    if (!p)
        return makeError(u"a stored pointer is damaged: %1"_s.arg(p.error().message));
    if (p->publicKey != key || p->salt != salt)
        return makeError(u"a stored pointer is damaged: its row holds the record of another key or salt"_s);
    return std::optional<SignedPointer>{std::move(p.value())};
}

} // namespace stratus::node
