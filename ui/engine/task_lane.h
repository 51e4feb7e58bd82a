#pragma once

// A serial lane of background work: blocking core/api calls run here, one at
// a time and never on the GUI thread; each result comes back to the GUI
// thread through a QFutureWatcher owned by the object that asked.

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <utility>

namespace stratus::ui {

// A value or an error message, default-constructible so that it can travel
// in a QFuture.
template <typename T>
struct Reply {
    T value{};
    QString error;
    bool failed = false;
    bool ok() const { return !failed; }
};

template <typename T, typename R>
Reply<T> toReply(R result)
{
    Reply<T> r;
    if (result)
        r.value = std::move(result.value());
    else {
        r.failed = true;
        r.error = result.message();
    }
    return r;
}

class TaskLane : public QObject {
    Q_OBJECT
public:
    explicit TaskLane(const QString &name, QObject *parent = nullptr);
    ~TaskLane() override;

    // Runs `work` on the lane; `done` gets its result on `context`'s thread
    // unless `context` is gone by then.
    template <typename R>
    void post(QObject *context, std::function<R()> work, std::function<void(const R &)> done = {})
    {
        ++m_pending;
        auto *watcher = new QFutureWatcher<R>(context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, context, [this, watcher, done]() {
            --m_pending;
            if (done)
                done(watcher->result());
            watcher->deleteLater();
        });
        watcher->setFuture(QtConcurrent::run(&m_pool, std::move(work)));
    }

    // Tasks posted whose results have not come back yet.
    int pending() const { return m_pending; }
    // Blocks until every task has run (at shutdown only).
    void waitForDone();

private:
    QThreadPool m_pool;
    int m_pending = 0;
};

} // namespace stratus::ui
