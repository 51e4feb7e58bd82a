#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace stratus::object {

// A shard is named by its BitTorrent v2 merkle root (SHA-256 over 16 KiB
// blocks) together with its size, so any block can be proven against the id.
// Text form: 64 lower-case hex digits, '-', the size in decimal.
struct ShardId {
    QByteArray root; // 32 bytes
    qint64 size = 0;

    bool isValid() const { return root.size() == 32 && size > 0; }
    QString toString() const;
    static Result<ShardId> parse(QStringView text);

    friend bool operator==(const ShardId &, const ShardId &) = default;
};

} // namespace stratus::object
