#pragma once

#include <QChartView>
#include <QList>
#include <QPointF>

class QLineSeries;
class QDateTimeAxis;
class QValueAxis;

namespace stratus::ui {

// The node's used storage over time, as sampled while the app runs.
class UsageChart : public QChartView {
    Q_OBJECT
public:
    explicit UsageChart(QWidget *parent = nullptr);
    void addSample(qint64 timeMs, qint64 usedBytes, qint64 capacityBytes);
    int samples() const { return static_cast<int>(m_points.size()); }

private:
    QList<QPointF> m_points; // ms since epoch, MiB used
    QLineSeries *m_used;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
};

} // namespace stratus::ui
