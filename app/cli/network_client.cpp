#include "network_client.h"

#include "arguments.h"
#include "command.h"
#include "output.h"

using namespace Qt::StringLiterals;

namespace stratus::cli {

NetworkOptions::NetworkOptions()
    : network{u"network"_s, u"The network file (a devnet writes DIR/network.json)."_s, u"FILE"_s},
      data{u"data"_s, u"Data directory holding the account (default: %1)."_s.arg(api::defaultDataDir()), u"DIR"_s},
      json{u"json"_s, u"Print the result as JSON."_s}
{
}

std::unique_ptr<api::Client> openNetworkClient(QCommandLineParser &p, const NetworkOptions &o, const QStringList &args,
                                               const QStringList &positionals, int &exit, bool morePositionals)
{
    if (!parseCommandLine(p, args, positionals, exit, morePositionals))
        return nullptr;
    if (!p.isSet(o.network)) {
        printError(u"`stratus %1` needs --network FILE (e.g. DIR/network.json of `stratus devnet up --dir DIR`)"_s.arg(
            args.value(0)));
        exit = kExitUsage;
        return nullptr;
    }
    api::ClientOptions options;
    options.dataDir = p.value(o.data);
    options.networkFile = p.value(o.network);
    auto client = api::openClient(options);
    if (!client) {
        printError(client.message());
        exit = kExitFailure;
        return nullptr;
    }
    return std::move(client.value());
}

} // namespace stratus::cli
