#include "object/shard_id.h"

#include "common/hex.h"

using namespace Qt::StringLiterals;

namespace stratus::object {

QString ShardId::toString() const
{
    // Built directly: this runs for every placement a sync pass looks at.
    QByteArray text = root.toHex();
    text += '-';
    text += QByteArray::number(size);
    return QString::fromLatin1(text);
}

Result<ShardId> ShardId::parse(QStringView text)
{
    const qsizetype dash = text.indexOf(u'-');
    if (dash != 64)
        return makeError(u"\"%1\" is not a shard id (64 hex digits, '-', size)"_s.arg(text.toString()));
    const auto root = fromHex(text.first(64), 32);
    bool ok = false;
    const qint64 size = text.mid(65).toLongLong(&ok);
    if (!root || !ok || size <= 0 || text.mid(65).startsWith(u'+') || text.mid(65).startsWith(u'0'))
        return makeError(u"\"%1\" is not a shard id (64 hex digits, '-', size)"_s.arg(text.toString()));
    return ShardId{*root, size};
}

} // namespace stratus::object
