#pragma once

#include <QByteArray>
#include <QRandomGenerator>

namespace stratus::test {

// Reproducible incompressible bytes for tests.
inline QByteArray pseudoRandom(qsizetype size, quint32 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    for (auto &b : data)
        b = static_cast<char>(rng.generate());
    return data;
}

} // namespace stratus::test
