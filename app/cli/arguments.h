#pragma once

#include <QCommandLineParser>
#include <QString>

#include <optional>

namespace stratus::cli {

// "10GiB", "500M", "1.5T", "4096" (bytes); 1 K = 1024. Nothing on bad input.
std::optional<qint64> parseSize(const QString &text);

// Parses args for a subcommand with `positionals` (e.g. {"FILE"}); prints
// usage errors or help. Returns the exit code to use when it returns false.
bool parseCommandLine(QCommandLineParser &parser, const QStringList &args, const QStringList &positionals,
                      int &exitCode, bool allowMorePositionals = false);

} // namespace stratus::cli
