#include "object/split_writer.h"

#include "common/direct_writer.h"

using namespace Qt::StringLiterals;

namespace stratus::object {

SplitWriter::SplitWriter(QList<std::pair<QString, qint64>> files) : m_files(std::move(files))
{
    open(QIODevice::WriteOnly);
}

SplitWriter::~SplitWriter() = default;

bool SplitWriter::closeCurrent()
{
    std::unique_ptr<QIODevice> file = std::move(m_file);
    if (!file)
        return true;
    if (Status st = finishFileWriter(*file, m_files[m_index].first, false); !st) {
        setErrorString(st.message());
        return false;
    }
    return true;
}

bool SplitWriter::openNext()
{
    if (!closeCurrent())
        return false;
    while (++m_index < m_files.size()) {
        const auto &[path, size] = m_files[m_index];
        m_left = size;
        QString error;
        m_file = openFileWriter(path, size, QIODevice::Truncate, &error);
        if (!m_file) {
            setErrorString(error);
            return false;
        }
        if (m_left > 0)
            return true;
        if (!closeCurrent()) // an empty file: created, next
            return false;
    }
    return true;
}

qint64 SplitWriter::writeData(const char *data, qint64 len)
{
    qint64 done = 0;
    while (done < len) {
        if ((!m_file || m_left == 0) && (!openNext() || !m_file)) {
            if (errorString().isEmpty() || m_index >= m_files.size())
                setErrorString(u"more bytes than the files should hold"_s);
            return -1;
        }
        const qint64 n = std::min(len - done, m_left);
        if (m_file->write(data + done, n) != n) {
            setErrorString(u"cannot write %1: %2"_s.arg(m_files[m_index].first, m_file->errorString()));
            return -1;
        }
        m_left -= n;
        done += n;
    }
    return len;
}

bool SplitWriter::finish()
{
    if (m_file && m_left > 0) {
        setErrorString(u"%1 is short of %2 bytes"_s.arg(m_files[m_index].first).arg(m_left));
        return false;
    }
    if (!openNext()) // the empty files at the end
        return false;
    return !m_file;
}

} // namespace stratus::object
