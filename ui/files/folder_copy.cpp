#include "files/folder_copy.h"

#include "api/sync.h"
#include "files/import_progress.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

constexpr qint64 kBlock = qint64(1) << 20;

// Copies into a hidden temp file beside `to` (the sync engine ignores
// ".stratus-tmp-*"), then renames it into place: the engine never sees, and
// never uploads, a file that is still being copied.
QString copyFile(const QString &from, const QString &to, ImportProgress &progress)
{
    const QString dir = QFileInfo(to).absolutePath();
    if (!QDir().mkpath(dir))
        return QObject::tr("cannot create %1").arg(dir);
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly))
        return in.errorString();
    const QString tmp = dir + u'/' + api::dropTempPrefix() + QFileInfo(to).fileName();
    QFile out(tmp);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return out.errorString();
    progress.begin(QFileInfo(from).fileName(), in.size());
    QByteArray block;
    while (!in.atEnd()) {
        block = in.read(kBlock);
        if ((block.isEmpty() && in.error() != QFile::NoError) || out.write(block) != block.size()) {
            const QString error = block.isEmpty() ? in.errorString() : out.errorString();
            out.remove();
            return error;
        }
        progress.done += block.size();
    }
    out.close();
    if (out.error() != QFile::NoError) {
        out.remove();
        return out.errorString();
    }
    if (::rename(QFile::encodeName(tmp).constData(), QFile::encodeName(to).constData()) != 0) {
        QFile::remove(tmp);
        return QObject::tr("cannot move the copy into place at %1").arg(to);
    }
    return {};
}

QString remoteDirOf(const QString &folder, const QString &file)
{
    const QString rel = QDir(folder).relativeFilePath(QFileInfo(file).absolutePath());
    QString dir = u"/"_s + QFileInfo(folder).fileName();
    if (rel != u"."_s && !rel.isEmpty())
        dir += u'/' + rel;
    return dir;
}

void addFile(CopyOutcome &out, const QString &folder, const QString &from, const QString &to, ImportProgress &progress)
{
    const QString source = QFileInfo(from).canonicalFilePath();
    if (source != QFileInfo(to).canonicalFilePath()) {
        if (QString error = copyFile(from, to, progress); !error.isEmpty()) {
            out.errors.append(u"%1: %2"_s.arg(from, error));
            return;
        }
    }
    out.files.append(ImportFile{to, remoteDirOf(folder, to), QDir(folder).relativeFilePath(to), QFileInfo(to).size()});
}

} // namespace

CopyOutcome copyIntoFolder(const QList<QUrl> &urls, const QString &folder, const QString &subdir,
                           ImportProgress &progress)
{
    CopyOutcome out;
    const QString target = subdir.isEmpty() ? folder : QDir(folder).filePath(subdir);
    if (!QDir().mkpath(target)) {
        out.errors.append(QObject::tr("cannot create %1").arg(target));
        return out;
    }
    for (const QUrl &url : urls) {
        if (!url.isLocalFile()) {
            out.errors.append(QObject::tr("%1: only local files can be dropped").arg(url.toString()));
            continue;
        }
        const QFileInfo info(url.toLocalFile());
        if (info.isFile()) {
            addFile(out, folder, info.absoluteFilePath(), QDir(target).filePath(info.fileName()), progress);
        } else if (info.isDir()) {
            const QDir base(info.absoluteFilePath());
            QDirIterator it(base.path(), QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString f = it.next();
                addFile(out, folder, f, QDir(target).filePath(info.fileName() + u'/' + base.relativeFilePath(f)),
                        progress);
            }
        } else {
            out.errors.append(QObject::tr("%1: not found").arg(info.absoluteFilePath()));
        }
    }
    return out;
}

} // namespace stratus::ui
