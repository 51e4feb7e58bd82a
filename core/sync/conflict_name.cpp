#include "sync/conflict_name.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace stratus::sync {

namespace {

const QString kMarker = u".sync-conflict-"_s;

QString safeDevice(const QString &device)
{
    QString out;
    for (const QChar c : device) {
        if ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-')
            out += c;
    }
    return out.isEmpty() ? u"unknown"_s : out.left(32);
}

} // namespace

QString conflictName(const QString &path, qint64 mtimeNs, const QString &device)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    const QString dir = path.left(slash + 1); // "" or "a/b/"
    const QString name = path.mid(slash + 1);
    // A leading dot belongs to the name, not to an extension.
    qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0)
        dot = -1;
    const QString stem = dot < 0 ? name : name.left(dot);
    const QString ext = dot < 0 ? QString() : name.mid(dot);
    // Floor division, so that times before 1970 still name the right second.
    const qint64 secs = mtimeNs >= 0 ? mtimeNs / 1000000000 : -((-mtimeNs + 999999999) / 1000000000);
    const QString stamp = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(u"yyyyMMdd-HHmmss"_s);
    return dir + stem + kMarker + stamp + u'-' + safeDevice(device) + ext;
}

bool isConflictName(const QString &path) { return path.mid(path.lastIndexOf(u'/') + 1).contains(kMarker); }

Loser conflictLoser(const ConflictSide &first, const ConflictSide &second)
{
    if (first.deleted != second.deleted)
        return first.deleted ? Loser::First : Loser::Second;
    if (first.mtimeNs != second.mtimeNs)
        return first.mtimeNs < second.mtimeNs ? Loser::First : Loser::Second;
    return first.device < second.device ? Loser::First : Loser::Second;
}

} // namespace stratus::sync
