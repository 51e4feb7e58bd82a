#pragma once

#include "api/earnings.h"

#include <QChartView>

namespace stratus::ui {

// Earnings per epoch, stacked by component (base, storage, egress; penalties
// below zero), oldest epoch on the left.
class EarningsChart : public QChartView {
    Q_OBJECT
public:
    explicit EarningsChart(QWidget *parent = nullptr);
    void setEpochs(const QList<api::EpochEarningsInfo> &newestFirst);
    int barCount() const { return m_bars; }

private:
    int m_bars = 0;
};

} // namespace stratus::ui
