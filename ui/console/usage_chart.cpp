#include "console/usage_chart.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace stratus::ui {

namespace {

constexpr int kMaxSamples = 720;
constexpr double kMiB = 1024.0 * 1024.0;

} // namespace

UsageChart::UsageChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(160);
    setAccessibleName(tr("Storage used over time"));
    auto *chart = new QChart;
    chart->setTitle(tr("Storage used (MiB)"));
    chart->legend()->hide();
    m_used = new QLineSeries(chart);
    chart->addSeries(m_used);
    m_x = new QDateTimeAxis(chart);
    m_x->setFormat(QStringLiteral("HH:mm:ss"));
    m_y = new QValueAxis(chart);
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    m_used->attachAxis(m_x);
    m_used->attachAxis(m_y);
    QChart *old = this->chart();
    setChart(chart);
    delete old;
}

void UsageChart::addSample(qint64 timeMs, qint64 usedBytes, qint64 capacityBytes)
{
    m_points.append(QPointF(static_cast<double>(timeMs), static_cast<double>(usedBytes) / kMiB));
    if (m_points.size() > kMaxSamples)
        m_points.removeFirst();
    m_used->replace(m_points);
    const qint64 first = static_cast<qint64>(m_points.first().x());
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(first),
                  QDateTime::fromMSecsSinceEpoch(std::max(timeMs, first + 60000)));
    double top = 1;
    for (const QPointF &p : m_points)
        top = std::max(top, p.y());
    const double yTop = std::min(top * 1.2, std::max(1.0, static_cast<double>(capacityBytes) / kMiB));
    m_y->setRange(0, yTop);
    m_y->setLabelFormat(yTop < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
}

} // namespace stratus::ui
