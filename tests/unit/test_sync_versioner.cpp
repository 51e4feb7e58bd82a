#include "sync/versioner.h"

#include <QTest>

class TestSyncVersioner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void placeholder() {}
};

QTEST_GUILESS_MAIN(TestSyncVersioner)
#include "test_sync_versioner.moc"
