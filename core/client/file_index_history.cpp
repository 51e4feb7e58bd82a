// FileIndex: how long the account's history keeps older versions, and the
// segments waiting to be deleted once nothing refers to them (the
// compaction of client::RemoteStore, remote_compact.cpp).

#include "client/file_index.h"
#include "client/file_index_rows.h"

#include "db/query.h"
#include "db/transaction.h"

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

constexpr qint64 kDayMs = qint64(86400) * 1000;

// Which versions of one path (newest first) the policy lets go.
QList<int> expiredOf(const QList<FileVersion> &rows, const HistoryPolicy &policy, qint64 nowMs)
{
    QList<int> out;
    const qint64 maxAgeMs = policy.keepDays > 0 ? qint64(policy.keepDays) * kDayMs : -1;
    const FileVersion &newest = rows.front();
    if (newest.deleted && !newest.sealedManifest.isEmpty())
        return out; // removed with `stratus rm`: its shards went already
    if (newest.deleted) {
        // In the trash: its versions go keepDays after the deletion (and
        // the deletion with them); before that, beyond keepVersions.
        const bool gone = maxAgeMs >= 0 && nowMs - newest.createdMs > maxAgeMs;
        int content = 0;
        for (int i = 0; i < rows.size(); ++i) {
            const bool hasContent = !rows[i].deleted;
            if (gone || (hasContent && policy.keepVersions > 0 && content >= policy.keepVersions))
                out.append(i);
            content += hasContent ? 1 : 0;
        }
        return out;
    }
    // A file that exists: its newest version stays; an older one goes when
    // it is beyond keepVersions or was replaced (the next row's time) more
    // than keepDays ago.
    int content = 0;
    for (int i = 0; i < rows.size(); ++i) {
        if (rows[i].deleted)
            continue;
        const bool beyond = policy.keepVersions > 0 && content >= policy.keepVersions;
        const bool old = i > 0 && maxAgeMs >= 0 && nowMs - rows[i - 1].createdMs > maxAgeMs;
        if (content > 0 && (beyond || old))
            out.append(i);
        ++content;
    }
    return out;
}

} // namespace

Result<QList<QByteArray>> FileIndex::expireVersions(const HistoryPolicy &policy, qint64 nowMs)
{
    QList<QByteArray> expired;
    const Status st = db::inTransaction(*m_db, [&]() -> Status {
        auto rows = selectVersions(u"path NOT LIKE '/.stratus/%' ORDER BY path, version DESC"_s, QString());
        if (!rows)
            return rows.error();
        for (qsizetype start = 0; start < rows->size();) {
            qsizetype end = start;
            while (end < rows->size() && rows->at(end).path == rows->at(start).path)
                ++end;
            const QList<FileVersion> group = rows->mid(start, end - start);
            for (int i : expiredOf(group, policy, nowMs)) {
                if (Status s = db::execute(*m_db, u"DELETE FROM file_versions WHERE path = ? AND version = ?"_s,
                                           group[i].path, qint64(group[i].version));
                    !s)
                    return s;
                if (!group[i].deleted)
                    expired.append(group[i].sealedManifest);
            }
            start = end;
        }
        return {};
    });
    if (!st)
        return st.error();
    return expired;
}

Result<QList<FileVersion>> FileIndex::contentVersions()
{
    return selectVersions(u"deleted = 0 ORDER BY path, version"_s, QString());
}

Result<int> FileIndex::replaceManifest(const QByteArray &oldSealed, const QByteArray &newSealed)
{
    if (Status st =
            db::execute(*m_db, u"UPDATE file_versions SET manifest = ?1 WHERE manifest = ?2"_s, newSealed, oldSealed);
        !st)
        return st.error();
    return m_db->changes();
}

Status FileIndex::retireSegment(const object::SegmentInfo &segment, qint64 nowMs)
{
    return db::execute(*m_db, u"INSERT OR IGNORE INTO retired_segments (segment, retired_ms) VALUES (?, ?)"_s,
                       encodeSegment(segment), nowMs);
}

Status FileIndex::unretireSegment(const object::SegmentInfo &segment)
{
    return db::execute(*m_db, u"DELETE FROM retired_segments WHERE segment = ?"_s, encodeSegment(segment));
}

Result<QList<RetiredSegment>> FileIndex::retiredSegments()
{
    QList<RetiredSegment> out;
    const Status st = db::query(*m_db, u"SELECT segment, retired_ms FROM retired_segments ORDER BY retired_ms"_s,
                                [&](db::Statement &s) {
                                    if (auto seg = decodeSegment(s.blob(0)))
                                        out.append(RetiredSegment{*seg, s.int64(1)});
                                });
    if (!st)
        return st.error();
    return out;
}

} // namespace stratus::client
