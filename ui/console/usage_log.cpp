#include "console/usage_log.h"

#include <QFile>
#include <QSaveFile>

namespace stratus::ui {

namespace {

constexpr int kPruneEvery = 600; // appends between two prunings

bool parse(const QByteArray &line, UsageSample &out)
{
    const QList<QByteArray> f = line.trimmed().split(' ');
    if (f.size() != 3)
        return false;
    bool a = false, b = false, c = false;
    out = UsageSample{f[0].toLongLong(&a), f[1].toLongLong(&b), f[2].toLongLong(&c)};
    return a && b && c && out.timeMs > 0 && out.usedBytes >= 0 && out.capacityBytes >= 0;
}

QByteArray lineOf(const UsageSample &s)
{
    return QByteArray::number(s.timeMs) + ' ' + QByteArray::number(s.usedBytes) + ' ' +
           QByteArray::number(s.capacityBytes) + '\n';
}

} // namespace

QList<UsageSample> UsageLog::read(qint64 sinceMs) const
{
    QList<UsageSample> out;
    QFile f(m_file);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    UsageSample s;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine(256);
        if (parse(line, s) && s.timeMs >= sinceMs)
            out.append(s);
    }
    return out;
}

void UsageLog::append(const UsageSample &sample)
{
    if (m_lastKeptMs < 0) {
        const QList<UsageSample> all = read(0);
        m_lastKeptMs = all.isEmpty() ? 0 : all.last().timeMs;
    }
    if (sample.timeMs - m_lastKeptMs < kEveryMs)
        return;
    if (++m_appended % kPruneEvery == 0) {
        // Keep the last two weeks: write what stays, then replace the file.
        const QList<UsageSample> keep = read(sample.timeMs - kKeepMs);
        QSaveFile out(m_file);
        if (out.open(QIODevice::WriteOnly)) {
            for (const UsageSample &s : keep)
                out.write(lineOf(s));
            out.commit();
        }
    }
    QFile f(m_file);
    if (!f.open(QIODevice::ReadWrite | QIODevice::Append))
        return;
    if (const qint64 size = f.size(); size > 0) { // a line torn by a crash ends here, not in the new one
        f.seek(size - 1);
        if (f.read(1) != "\n")
            f.write("\n");
    }
    f.write(lineOf(sample));
    m_lastKeptMs = sample.timeMs;
}

} // namespace stratus::ui
