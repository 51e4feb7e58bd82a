// The OS keychain of key_store.h, through QtKeychain, with a timeout and a
// fallback: a keychain that does not answer (no Secret Service on D-Bus, a
// locked keychain nobody unlocks) must not hang the program.

#include "client/key_store.h"

#include "client/log.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <qt6keychain/keychain.h>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

const QString kService = u"Stratus"_s;

struct JobOutcome {
    bool answered = false;
    QKeychain::Error error = QKeychain::NoError;
    QString message;
    QByteArray data;
};

// What a job thread hands back; shared, as the thread may outlive the wait.
struct JobExchange {
    QMutex mutex;
    QWaitCondition done;
    bool finished = false;
    JobOutcome outcome;
};

// Runs the job that `makeJob` creates on a thread of its own and waits for
// it at most `timeout`. Its own thread, because QtKeychain's first D-Bus call
// connects to the session bus synchronously: a bus that accepts and never
// answers would block a caller's event loop (and its timer) indefinitely. A
// thread that does not finish in time is left to finish (and go) on its own.
JobOutcome runJob(std::function<QKeychain::Job *()> makeJob, std::chrono::milliseconds timeout)
{
    auto exchange = std::make_shared<JobExchange>();
    QThread *thread = QThread::create([exchange, makeJob = std::move(makeJob)] {
        QKeychain::Job *job = makeJob();
        job->setAutoDelete(false);
        job->setInsecureFallback(false); // never keep secrets in clear in QSettings
        QEventLoop loop;
        QObject::connect(job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
        job->start();
        loop.exec();
        JobOutcome out;
        out.answered = true;
        out.error = job->error();
        out.message = job->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job))
            out.data = read->binaryData();
        delete job;
        const QMutexLocker lock(&exchange->mutex);
        exchange->outcome = std::move(out);
        exchange->finished = true;
        exchange->done.wakeAll();
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    QMutexLocker lock(&exchange->mutex);
    QDeadlineTimer deadline(timeout);
    while (!exchange->finished && exchange->done.wait(&exchange->mutex, deadline)) {
    }
    if (!exchange->finished)
        return JobOutcome{};
    JobOutcome out = std::move(exchange->outcome);
    exchange->outcome.data.fill('\0');
    return out;
}

QString describe(const JobOutcome &r)
{
    QString what;
    switch (r.error) {
    case QKeychain::NoBackendAvailable:
        what = u"no keychain service is available"_s;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        what = u"access was denied"_s;
        break;
    case QKeychain::NotImplemented:
        what = u"not supported on this platform"_s;
        break;
    default:
        what = u"the keychain reported an error (code %1)"_s.arg(int(r.error));
    }
    return r.message.isEmpty() ? what : u"%1: %2"_s.arg(what, r.message);
}

} // namespace

KeychainKeyStore::KeychainKeyStore(QString dir, std::unique_ptr<KeyStore> fallback, std::chrono::milliseconds timeout)
    : m_dir(std::move(dir)), m_fallback(std::move(fallback)), m_timeout(timeout)
{
}

KeychainKeyStore::~KeychainKeyStore()
{
    if (m_entry)
        m_entry->fill('\0');
}

QString KeychainKeyStore::description() const
{
    if (usingFallback())
        return m_fallback->description();
    return u"the OS keychain (service \"%1\", entry \"%2\")"_s.arg(kService, m_dir);
}

void KeychainKeyStore::useFallback(const QString &reason)
{
    m_fallbackReason = reason;
    qCWarning(lcClient).noquote() << reason;
}

void KeychainKeyStore::probe()
{
    if (m_probed)
        return;
    m_probed = true;
    const QString key = m_dir;
    const JobOutcome r = runJob(
        [key] {
            auto *job = new QKeychain::ReadPasswordJob(kService);
            job->setKey(key);
            return job;
        },
        m_timeout);
    const QString fallback = u"; keeping the keys in %1 instead"_s.arg(m_fallback->description());
    if (!r.answered)
        return useFallback(u"no OS keychain answered within %1 ms (is a Secret Service such as gnome-keyring "
                           u"running on the session D-Bus?)"_s.arg(m_timeout.count()) +
                           fallback);
    if (r.error == QKeychain::EntryNotFound)
        return; // a keychain that answers, with nothing for us yet
    if (r.error != QKeychain::NoError)
        return useFallback(u"the OS keychain is not available (%1)"_s.arg(describe(r)) + fallback);
    m_entry = r.data;
}

bool KeychainKeyStore::hasSecrets()
{
    probe();
    if (usingFallback())
        return m_fallback->hasSecrets();
    return m_entry.has_value();
}

Result<DeviceSecrets> KeychainKeyStore::load()
{
    probe();
    if (usingFallback())
        return m_fallback->load();
    if (!m_entry)
        return makeError(u"the OS keychain holds no keys for %1"_s.arg(m_dir));
    if (m_entry->size() != 64)
        return makeError(
            u"the OS keychain's entry for %1 is damaged (%2 bytes, not 64)"_s.arg(m_dir).arg(m_entry->size()));
    DeviceSecrets out;
    crypto::Key256::fromBytes(m_entry->left(32), out.deviceSeed);
    crypto::Key256::fromBytes(m_entry->mid(32), out.databaseKey);
    return out;
}

Status KeychainKeyStore::save(const DeviceSecrets &secrets)
{
    probe();
    if (usingFallback())
        return m_fallback->save(secrets);
    QByteArray data = secrets.deviceSeed.toByteArray() + secrets.databaseKey.toByteArray();
    const QString key = m_dir;
    const JobOutcome r = runJob(
        [key, data] {
            auto *job = new QKeychain::WritePasswordJob(kService);
            job->setKey(key);
            job->setBinaryData(data);
            return job;
        },
        m_timeout);
    const QString fallback = u"; keeping the keys in %1 instead"_s.arg(m_fallback->description());
    if (!r.answered || r.error != QKeychain::NoError) {
        data.fill('\0');
        useFallback((r.answered ? u"the OS keychain did not store the keys (%1)"_s.arg(describe(r))
                                : u"the OS keychain did not answer within %1 ms"_s.arg(m_timeout.count())) +
                    fallback);
        return m_fallback->save(secrets);
    }
    m_entry = data;
    data.fill('\0');
    return {};
}

} // namespace stratus::client
