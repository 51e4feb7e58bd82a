#pragma once

#include "files/drop_importer.h"

#include <QStringList>

namespace stratus::ui {

struct ImportProgress;

struct CopyOutcome {
    QList<ImportFile> files;
    QStringList errors; // "source: reason"
};

// Copies local files and folders into `folder`/`subdir` (blocking: run it on
// a worker), reporting each file's bytes to `progress`. A file already inside
// the folder is not copied again.
CopyOutcome copyIntoFolder(const QList<QUrl> &urls, const QString &folder, const QString &subdir,
                           ImportProgress &progress);

} // namespace stratus::ui
