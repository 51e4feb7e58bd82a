// Writing large files around the page cache (common/direct_writer.h), as
// restores of large files do: bytes in pieces of any size come out whole,
// with the tail that is not a whole block, the modification time asked for,
// and nothing left behind when the file is discarded.

#include "common/direct_writer.h"

#include "test_data.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace stratus;

class TestDirectWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void piecesOfAnySizeComeOutWhole()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"out.bin"_s);
        auto writer = DirectWriter::create(path);
        if (!writer)
            QSKIP("this file system does not take O_DIRECT");
        // Two and a half 8 MiB buffers, in pieces that never line up with
        // a block.
        const QByteArray data = test::pseudoRandom(20 * 1024 * 1024 + 777, 5);
        for (qsizetype at = 0, step = 1; at < data.size(); at += step, step = step * 7 % 300001 + 13)
            QCOMPARE(writer->write(data.constData() + at, std::min(step, data.size() - at)),
                     std::min(step, data.size() - at));
        const qint64 mtime = 1700000000123;
        QVERIFY(writer->finish(mtime));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.size(), data.size());
        QVERIFY(f.readAll() == data);
        QCOMPARE(QFileInfo(path).lastModified().toMSecsSinceEpoch(), mtime);
    }

    void aShortFileAndAnOldTime()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"short.bin"_s);
        auto writer = DirectWriter::create(path);
        if (!writer)
            QSKIP("this file system does not take O_DIRECT");
        QCOMPARE(writer->write("abc", 3), 3);
        QVERIFY(writer->finish(-1500)); // 1969-12-31 23:59:58.500
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("abc"));
        QCOMPARE(QFileInfo(path).lastModified().toMSecsSinceEpoch(), qint64(-1500));
    }

    void discardLeavesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"gone.bin"_s);
        auto writer = DirectWriter::create(path);
        if (!writer)
            QSKIP("this file system does not take O_DIRECT");
        QVERIFY(writer->write(test::pseudoRandom(9 * 1024 * 1024, 6)) > 0);
        writer->discard();
        QVERIFY(!QFileInfo::exists(path));
        // An existing file is never overwritten.
        QFile existing(path);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.close();
        QVERIFY(!DirectWriter::create(path));
    }
};

QTEST_GUILESS_MAIN(TestDirectWriter)
#include "test_direct_writer.moc"
