#include "console/usage_chart.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace stratus::ui {

namespace {

constexpr int kMaxPoints = 2000; // drawn; older history is thinned out

double percent(qint64 used, qint64 capacity)
{
    return capacity > 0 ? 100.0 * static_cast<double>(used) / static_cast<double>(capacity) : 0.0;
}

} // namespace

UsageChart::UsageChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(160);
    setAccessibleName(tr("Utilization over time"));
    auto *chart = new QChart;
    chart->setTitle(tr("Utilization (% of the storage allocated)"));
    m_used = new QLineSeries(chart);
    m_used->setName(tr("This node"));
    m_networkSeries = new QLineSeries(chart);
    m_networkSeries->setName(tr("The network (per epoch)"));
    chart->addSeries(m_used);
    chart->addSeries(m_networkSeries);
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_x = new QDateTimeAxis(chart);
    m_y = new QValueAxis(chart);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QLineSeries *s : {m_used, m_networkSeries}) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    QChart *old = this->chart();
    setChart(chart);
    delete old;
    redraw();
}

void UsageChart::setHistory(const QList<UsageSample> &samples)
{
    // Every n-th sample, so that at most kMaxPoints are drawn.
    const qsizetype step = std::max<qsizetype>(1, samples.size() / kMaxPoints + 1);
    QList<QPointF> points;
    for (qsizetype i = 0; i < samples.size(); i += step)
        points.append(
            QPointF(static_cast<double>(samples[i].timeMs), percent(samples[i].usedBytes, samples[i].capacityBytes)));
    // Samples of this run taken before the history was read stay after it.
    const double last = points.isEmpty() ? 0 : points.last().x();
    for (const QPointF &p : std::as_const(m_points))
        if (p.x() > last)
            points.append(p);
    m_points = points;
    redraw();
}

void UsageChart::addSample(qint64 timeMs, qint64 usedBytes, qint64 capacityBytes)
{
    m_points.append(QPointF(static_cast<double>(timeMs), percent(usedBytes, capacityBytes)));
    while (m_points.size() > kMaxPoints)
        m_points.removeFirst();
    redraw();
}

void UsageChart::setNetworkUtilization(const QList<std::pair<qint64, double>> &points)
{
    m_network.clear();
    for (const auto &[ms, share] : points)
        m_network.append(QPointF(static_cast<double>(ms), 100.0 * share));
    std::sort(m_network.begin(), m_network.end(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
    redraw();
}

void UsageChart::redraw()
{
    m_used->replace(m_points);
    m_networkSeries->replace(m_network);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 first = now - 60000;
    qint64 last = now;
    double top = 1;
    for (const QList<QPointF> *list : {&m_points, &m_network})
        for (const QPointF &p : *list) {
            first = std::min(first, static_cast<qint64>(p.x()));
            last = std::max(last, static_cast<qint64>(p.x()));
            top = std::max(top, p.y());
        }
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(first), QDateTime::fromMSecsSinceEpoch(last));
    m_x->setFormat(last - first > 86400000 ? QStringLiteral("dd.MM. HH:mm") : QStringLiteral("HH:mm"));
    const double yTop = std::min(100.0, top * 1.2);
    m_y->setRange(0, yTop);
    m_y->setLabelFormat(yTop < 10 ? QStringLiteral("%.1f %%") : QStringLiteral("%.0f %%"));
}

} // namespace stratus::ui
