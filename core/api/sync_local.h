#pragma once

// Internal to core/api: what the sync functions that work on this device's
// folders alone (no network) open first.

#include "client/local_account.h"
#include "common/result.h"
#include "sync/local_index.h"

#include <QList>
#include <QString>

#include <memory>

namespace stratus::api::detail {

// The account in `dataDir`; an error that says how to make one when there is none.
Result<client::LocalAccount> existingAccount(const QString &dataDir);

// The account, its sync index and the folders synced on this device.
struct LocalSyncView {
    client::LocalAccount account;
    std::unique_ptr<sync::LocalIndex> index;
    QList<sync::FolderInfo> folders;
};
Result<LocalSyncView> openLocalSyncView(const QString &dataDir);

} // namespace stratus::api::detail
