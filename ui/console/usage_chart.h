#pragma once

#include "console/usage_log.h"

#include <QChartView>
#include <QList>
#include <QPointF>

class QLineSeries;
class QDateTimeAxis;
class QValueAxis;

namespace stratus::ui {

// Utilization over time (the earnings dashboard): this node's used share of
// what it allocated, from samples kept across runs (UsageLog), and the
// network's utilization per epoch, from the earnings statements.
class UsageChart : public QChartView {
    Q_OBJECT
public:
    explicit UsageChart(QWidget *parent = nullptr);
    // Replaces the node's samples (the log, oldest first).
    void setHistory(const QList<UsageSample> &samples);
    void addSample(qint64 timeMs, qint64 usedBytes, qint64 capacityBytes);
    // The network's utilization at the end of each epoch (ms, 0..1).
    void setNetworkUtilization(const QList<std::pair<qint64, double>> &points);
    int samples() const { return static_cast<int>(m_points.size()); }
    int networkPoints() const { return static_cast<int>(m_network.size()); }

private:
    void redraw();

    QList<QPointF> m_points;  // ms since epoch, percent used
    QList<QPointF> m_network; // ms since epoch, percent
    QLineSeries *m_used;
    QLineSeries *m_networkSeries;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
};

} // namespace stratus::ui
