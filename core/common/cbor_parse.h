#pragma once

#include <QByteArray>
#include <QCborValue>

namespace stratus {

// The CBOR value in `bytes`, or an undefined value when they do not parse
// cleanly. Qt's QCborValue::fromCbor returns what it built before an error,
// and reading a container it left half-built can crash (Qt 6.4; found by
// fuzz_sync_wire): bytes from disk or a peer go through this, never straight
// through fromCbor.
inline QCborValue parseCbor(const QByteArray &bytes)
{
    QCborParserError error;
    QCborValue value = QCborValue::fromCbor(bytes, &error);
    return error.error == QCborError::NoError ? value : QCborValue();
}

} // namespace stratus
