#pragma once

#include <QStringList>

namespace stratus::cli {

int runAccount(const QStringList &args);  // account create | restore | devices | revoke
int runSync(const QStringList &args);     // sync [--folder ...] | sync conflicts | resolve | trash
int runVersions(const QStringList &args); // versions PATH
int runRestore(const QStringList &args);  // restore PATH --version V

} // namespace stratus::cli
