#include "arguments.h"

#include "command.h"
#include "output.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace stratus::cli {

std::optional<qint64> parseSize(const QString &text)
{
    static const QRegularExpression re(u"^\\s*(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT]?)(?:i?[bB])?\\s*$"_s);
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double number = m.captured(1).toDouble(&ok);
    if (!ok)
        return std::nullopt;
    const QString unit = m.captured(2).toUpper();
    double scale = 1;
    for (const QString &u : {u"K"_s, u"M"_s, u"G"_s, u"T"_s}) {
        scale *= 1024;
        if (unit == u)
            break;
    }
    if (unit.isEmpty())
        scale = 1;
    const double bytes = number * scale;
    if (bytes < 1 || bytes > 9.0e18)
        return std::nullopt;
    return static_cast<qint64>(bytes);
}

bool parseCommandLine(QCommandLineParser &p, const QStringList &args, const QStringList &positionals, int &exitCode,
                      bool allowMorePositionals)
{
    p.addHelpOption();
    for (const QString &name : positionals)
        p.addPositionalArgument(name, name);
    const QString command = args.value(0);
    if (!p.parse(args)) {
        printError(p.errorText() + u"\n(see `stratus %1 --help`)"_s.arg(command));
        exitCode = kExitUsage;
        return false;
    }
    if (p.isSet(u"help"_s)) {
        printLine(p.helpText());
        exitCode = kExitOk;
        return false;
    }
    const qsizetype got = p.positionalArguments().size();
    const qsizetype want = positionals.size();
    if (got < want || (!allowMorePositionals && got > want)) {
        const QString expected =
            want == 0 ? u"no arguments"_s
                      : u"%1%2 argument%3 (%4)"_s.arg(allowMorePositionals ? u"at least "_s : u"exactly "_s)
                            .arg(want)
                            .arg(want == 1 ? QString() : u"s"_s, positionals.join(u' '));
        printError(u"`stratus %1` takes %2 (see `stratus %1 --help`)"_s.arg(command, expected));
        exitCode = kExitUsage;
        return false;
    }
    return true;
}

} // namespace stratus::cli
