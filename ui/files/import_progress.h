#pragma once

#include <QMutex>
#include <QString>

#include <atomic>

namespace stratus::ui {

// What the workers of DropImporter report, read by its timer on the GUI
// thread (so that progress never floods the event loop).
struct ImportProgress {
    std::atomic<qint64> done{0};
    std::atomic<qint64> total{0};
    QMutex mutex;
    QString name; // guarded by mutex

    void begin(const QString &file, qint64 bytes)
    {
        QMutexLocker lock(&mutex);
        name = file;
        done = 0;
        total = bytes;
    }
    QString current()
    {
        QMutexLocker lock(&mutex);
        return name;
    }
};

} // namespace stratus::ui
