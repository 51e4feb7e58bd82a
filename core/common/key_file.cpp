#include "common/key_file.h"

#include "common/files.h"

#include <QFile>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace stratus {

Status checkOwnerOnly(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return makeError(u"cannot read %1"_s.arg(path));
    if ((st.st_mode & 077) != 0)
        return makeError(u"%1 can be read by other users; run `chmod 600 %1` and try again"_s.arg(path));
    return {};
}

Result<QByteArray> readPrivateFile(const QString &path, qint64 maxBytes)
{
    if (Status st = checkOwnerOnly(path); !st)
        return st.error();
    return readFileLimited(path, maxBytes);
}

Result<QByteArray> readKeyFile(const QString &path, qsizetype size)
{
    Result<QByteArray> raw = readPrivateFile(path, size);
    if (!raw)
        return raw.error();
    if (raw->size() != size)
        return makeError(u"%1 is damaged: it should hold exactly %2 bytes"_s.arg(path).arg(size));
    return raw;
}

Status writeKeyFile(const QString &path, const QByteArray &data) { return writeFileAtomic(path, data, true); }

} // namespace stratus
