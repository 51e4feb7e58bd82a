#pragma once

#include <QStringList>

#include <functional>

namespace stratus::cli {

// Exit codes of the stratus CLI.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1, // the operation failed (message on stderr)
    kExitUsage = 2,   // bad command line
};

struct Command {
    QString name;
    QString summary;
    std::function<int(const QStringList &args)> run; // args[0] is the command name
};

} // namespace stratus::cli
