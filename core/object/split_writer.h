#pragma once

#include <QFile>
#include <QIODevice>
#include <QList>
#include <QString>

#include <memory>
#include <utility>

namespace stratus::object {

// A write-only device that spreads one stream over several files in turn:
// the first `sizes[0]` bytes to the first file, the next to the second, and
// so on (empty files are created as they are passed). Lets one restore of a
// combined manifest write many small files, so their segments are fetched
// ahead as for one large file. Files are written as they are, without fsync
// (the caller flushes them together); a large one (64 MiB or more) around the
// page cache (DirectWriter), so that flush finds little of it left.
class SplitWriter final : public QIODevice {
public:
    explicit SplitWriter(QList<std::pair<QString, qint64>> files);
    ~SplitWriter() override;
    // Creates the empty files left at the end and closes the last one;
    // false when a file could not be written (errorString()).
    bool finish();

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 len) override;

private:
    bool openNext();

    QList<std::pair<QString, qint64>> m_files;
    qsizetype m_index = -1;
    qint64 m_left = 0;
    bool closeCurrent();
    std::unique_ptr<QIODevice> m_file; // a QFile or a DirectWriter
};

} // namespace stratus::object
