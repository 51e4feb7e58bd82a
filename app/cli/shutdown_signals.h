#pragma once

#include <QObject>

class QSocketNotifier;

namespace stratus::cli {

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe:
// the handler only writes a byte; the event loop reads it), so a long-running
// command can stop cleanly. A second signal while stopping exits at once.
class ShutdownSignals : public QObject {
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void shutdownRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace stratus::cli
