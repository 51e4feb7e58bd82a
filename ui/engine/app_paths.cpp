#include "engine/app_paths.h"

#include "api/client.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace stratus::ui {

AppPaths AppPaths::under(const QString &dataDir)
{
    AppPaths p;
    p.dataDir = QDir(dataDir).absolutePath();
    p.accountDir = p.dataDir + u"/account"_s;
    p.devnetDir = p.dataDir + u"/devnet"_s;
    p.nodeDir = p.dataDir + u"/node"_s;
    p.settingsFile = p.dataDir + u"/desktop.ini"_s;
    return p;
}

AppPaths AppPaths::resolve(const QString &dataOption)
{
    if (!dataOption.isEmpty())
        return under(dataOption);
    const QString env = qEnvironmentVariable("STRATUS_DESKTOP_DATA");
    if (!env.isEmpty())
        return under(env);
    return under(api::defaultDataDir() + u"/desktop"_s);
}

} // namespace stratus::ui
