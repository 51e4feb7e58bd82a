#include "shutdown_signals.h"

#include <QSocketNotifier>

#include <csignal>
#include <execinfo.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace stratus::cli {

namespace {

int g_pipe[2] = {-1, -1};          // written by the handler, read by Qt
volatile sig_atomic_t g_count = 0; // signals seen

void onSignal(int sig)
{
    g_count = g_count + 1;
    if (g_count > 1)
        _exit(128 + sig);
    const char byte = static_cast<char>(sig);
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
}

#if !defined(__SANITIZE_ADDRESS__)
// A crash says where it happened (stderr: what tests and logs keep), then
// ends the process as the signal would.
void onCrash(int sig)
{
    static const char kHeader[] = "stratus: fatal signal; backtrace:\n";
    [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, kHeader, sizeof kHeader - 1);
    void *frames[64];
    ::backtrace_symbols_fd(frames, ::backtrace(frames, 64), STDERR_FILENO);
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}
#endif

} // namespace

ShutdownSignals::ShutdownSignals(QObject *parent) : QObject(parent)
{
#if !defined(__SANITIZE_ADDRESS__) // AddressSanitizer reports crashes itself
    void *warm[1];
    (void)::backtrace(warm, 1); // loads libgcc now, not inside the handler
    ::signal(SIGSEGV, onCrash);
    ::signal(SIGBUS, onCrash);
    ::signal(SIGABRT, onCrash);
#endif
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_pipe) != 0)
        return;
    ::fcntl(g_pipe[1], F_SETFL, O_NONBLOCK);
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this]() {
        char byte = 0;
        if (::read(g_pipe[0], &byte, 1) == 1)
            Q_EMIT shutdownRequested(static_cast<unsigned char>(byte));
    });
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
}

ShutdownSignals::~ShutdownSignals()
{
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    delete m_notifier;
    m_notifier = nullptr;
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

} // namespace stratus::cli
