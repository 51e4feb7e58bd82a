#pragma once

// How FileIndex (file_index.cpp, file_index_history.cpp) keeps its rows:
// private to the two files.

#include "client/file_index.h"
#include "db/query.h"

#include <optional>

namespace stratus::client {

QByteArray encodeSegment(const object::SegmentInfo &s);
std::optional<object::SegmentInfo> decodeSegment(const QByteArray &bytes);
// A row selected with kVersionColumns.
FileVersion readVersion(db::Statement &s);
extern const QString kVersionColumns;

} // namespace stratus::client
