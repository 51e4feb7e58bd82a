#include "console/earnings_chart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>

namespace stratus::ui {

namespace {

double credits(qint64 micro) { return static_cast<double>(micro) / 1e6; }

} // namespace

EarningsChart::EarningsChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    setAccessibleName(tr("Earnings per epoch by component"));
    setEpochs({});
}

void EarningsChart::setEpochs(const QList<api::EpochEarningsInfo> &newestFirst)
{
    auto *chart = new QChart;
    chart->setTitle(tr("Earnings per epoch (credits)"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *base = new QBarSet(tr("Base"));
    auto *storage = new QBarSet(tr("Storage"));
    auto *egress = new QBarSet(tr("Egress"));
    auto *penalty = new QBarSet(tr("Penalties"));
    base->setColor(QColor(0x5b, 0x8d, 0xd6));
    storage->setColor(QColor(0x4c, 0xaf, 0x6e));
    egress->setColor(QColor(0xe0, 0xa4, 0x3a));
    penalty->setColor(QColor(0xc8, 0x4b, 0x4b));
    QStringList categories;
    double top = 0, bottom = 0;
    QList<api::EpochEarningsInfo> epochs = newestFirst;
    std::reverse(epochs.begin(), epochs.end());
    for (const api::EpochEarningsInfo &e : epochs) {
        base->append(credits(e.base));
        storage->append(credits(e.storagePaid));
        egress->append(credits(e.egressPaid));
        penalty->append(-credits(e.penalty));
        categories.append(QString::number(e.epoch));
        top = std::max(top, credits(e.base + e.storagePaid + e.egressPaid));
        bottom = std::min(bottom, -credits(e.penalty));
    }
    auto *series = new QStackedBarSeries;
    series->append({base, storage, egress, penalty});
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    x->setTitleText(tr("Epoch"));
    auto *y = new QValueAxis;
    y->setRange(bottom, top > 0 ? top * 1.1 : 1);
    y->setLabelFormat(top < 0.1 ? QStringLiteral("%.4f") : top < 10 ? QStringLiteral("%.2f") : QStringLiteral("%.0f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    QChart *old = this->chart();
    setChart(chart);
    delete old;
    m_bars = static_cast<int>(epochs.size());
}

} // namespace stratus::ui
