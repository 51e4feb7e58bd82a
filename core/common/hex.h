#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace stratus {

QString toHex(const QByteArray &bytes);
// Lower- or upper-case hex of an exact expected byte length, or nothing.
std::optional<QByteArray> fromHex(QStringView text, qsizetype expectedBytes);

} // namespace stratus
