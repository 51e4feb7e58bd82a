// stratus — the headless Stratus tool.

#include "command.h"
#include "devnet_commands.h"
#include "earnings_commands.h"
#include "log_commands.h"
#include "node_commands.h"
#include "output.h"
#include "pipeline_commands.h"
#include "remote_commands.h"
#include "simulate_commands.h"
#include "sync_commands.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#ifdef STRATUS_HAVE_CHARTS
#include <QApplication>
#endif

#include <cstring>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace stratus::cli;

static const std::vector<Command> &commands()
{
    static const std::vector<Command> list{
        {u"pack"_s, u"Chunk, encrypt and erasure-code a file into a directory of shards"_s, runPack},
        {u"unpack"_s, u"Restore a file from a directory of shards"_s, runUnpack},
        {u"put"_s, u"Store files and directories on a network"_s, runPut},
        {u"get"_s, u"Fetch a file from a network"_s, runGet},
        {u"ls"_s, u"List stored files and their health"_s, runLs},
        {u"rm"_s, u"Delete a stored file"_s, runRm},
        {u"account"_s, u"Accounts and devices: create, restore, devices, revoke"_s, runAccount},
        {u"sync"_s, u"Keep folders in sync across devices; sync conflicts, resolve, trash"_s, runSync},
        {u"versions"_s, u"Every version of a file, also of deleted ones"_s, runVersions},
        {u"restore"_s, u"Bring back a version of a file"_s, runRestore},
        {u"repair"_s, u"Check stored shards and rebuild lost ones"_s, runRepair},
        {u"node"_s, u"Run a storage node and/or a paper node: node run --data DIR [--validator]"_s, runNode},
        {u"devnet"_s, u"Run a local network of nodes: up, status, kill, restart, down"_s, runDevnet},
        {u"log"_s, u"The paper nodes' transparency logs: show, verify"_s, runLog},
        {u"nodes"_s, u"The storage nodes as the paper nodes see them"_s, runNodes},
        {u"credits"_s, u"This account's network credits: balance, monthly cost, warnings"_s, runCredits},
        {u"earnings"_s, u"Storage nodes' earnings: show, export (CSV, statements), verify"_s, runEarnings},
        {u"simulate"_s, u"Simulate thousands of nodes: rewards, placement, durability (CSV and charts)"_s, runSimulate},
    };
    return list;
}

static void printUsage()
{
    QString text = u"Usage: stratus COMMAND [OPTIONS]\n\nCommands:\n"_s;
    for (const Command &c : commands())
        text += u"  %1  %2\n"_s.arg(c.name.leftJustified(8), c.summary);
    text += u"\nRun `stratus COMMAND --help` for a command's options."_s;
    printLine(text);
}

// Only `simulate` draws (QtCharts needs a QApplication); every other command
// runs without a display. The charts are rendered into images, so the
// offscreen platform serves even when a display exists (and a stale DISPLAY
// cannot abort the run); QT_QPA_PLATFORM set by the user wins.
static std::unique_ptr<QCoreApplication> makeApplication(int &argc, char **argv)
{
#ifdef STRATUS_HAVE_CHARTS
    if (argc > 1 && std::strcmp(argv[1], "simulate") == 0) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        return std::make_unique<QApplication>(argc, argv);
    }
#endif
    return std::make_unique<QCoreApplication>(argc, argv);
}

int main(int argc, char **argv)
{
    const std::unique_ptr<QCoreApplication> app = makeApplication(argc, argv);
    QCoreApplication::setApplicationName(u"stratus"_s);
    QCoreApplication::setOrganizationName(u"Stratus"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATUS_VERSION));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty() || args.first() == u"--help"_s || args.first() == u"-h"_s || args.first() == u"help"_s) {
        printUsage();
        return args.isEmpty() ? kExitUsage : kExitOk;
    }
    if (args.first() == u"--version"_s) {
        printLine(u"stratus %1"_s.arg(QCoreApplication::applicationVersion()));
        return kExitOk;
    }
    // A node is a daemon: its info lines are its log. Other commands speak
    // through their own output and show only warnings of the engine.
    if (args.first() != u"node"_s && qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"stratus.*.info=false"_s);
    for (const Command &c : commands()) {
        if (c.name == args.first())
            return c.run(args);
    }
    printError(u"unknown command \"%1\"; run `stratus --help` for the list"_s.arg(args.first()));
    return kExitUsage;
}
