#pragma once

#include "api/client.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

#include <memory>

namespace stratus::cli {

// The options of every command that talks to a network as a client.
struct NetworkOptions {
    QCommandLineOption network;
    QCommandLineOption data;
    QCommandLineOption json;
    NetworkOptions();
};

// Parses, checks --network, opens the client. Returns nullptr (and sets
// `exit`) on failure.
std::unique_ptr<api::Client> openNetworkClient(QCommandLineParser &p, const NetworkOptions &o, const QStringList &args,
                                               const QStringList &positionals, int &exit, bool morePositionals = false);

} // namespace stratus::cli
