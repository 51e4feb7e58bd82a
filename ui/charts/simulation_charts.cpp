#include "simulation_charts.h"

#include <QChart>
#include <QDir>
#include <QGraphicsScene>
#include <QImage>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>
#include <functional>
#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

constexpr int kWidth = 1200;
constexpr int kHeight = 700;
// Daily figures of a few hundred nodes are noisy; a week's average shows
// the trend.
constexpr int kSmoothDays = 7;

// Worst to best quartile: red to green.
const QColor kQuartileColors[4] = {QColor(0xc6, 0x28, 0x28), QColor(0xef, 0x6c, 0x00), QColor(0x7c, 0xb3, 0x42),
                                   QColor(0x1b, 0x5e, 0x20)};
const QString kQuartileNames[4] = {u"worst quartile"_s, u"2nd quartile"_s, u"3rd quartile"_s, u"best quartile"_s};

using Value = std::function<double(const api::SimulationEpoch &)>;

QLineSeries *series(const api::SimulationResult &r, const QString &name, const QColor &color, const Value &value,
                    int smooth = kSmoothDays, Qt::PenStyle style = Qt::SolidLine)
{
    auto *s = new QLineSeries;
    s->setName(name);
    QPen pen(color);
    pen.setWidthF(2.0);
    pen.setStyle(style);
    s->setPen(pen);
    const auto &epochs = r.epochs;
    for (qsizetype i = 0; i < epochs.size(); ++i) {
        const qsizetype from = std::max<qsizetype>(0, i - smooth + 1);
        double sum = 0;
        for (qsizetype j = from; j <= i; ++j)
            sum += value(epochs[j]);
        s->append(epochs[i].epoch, sum / static_cast<double>(i - from + 1));
    }
    return s;
}

// Adds the series with a day axis and a value axis that fits them.
void addAxes(QChart *chart, const QString &valueTitle, double minFloor = std::numeric_limits<double>::max())
{
    auto *days = new QValueAxis;
    days->setTitleText(u"day"_s);
    days->setLabelFormat(u"%d"_s);
    auto *values = new QValueAxis;
    values->setTitleText(valueTitle);
    double lo = minFloor, hi = std::numeric_limits<double>::lowest(), last = 0;
    for (QAbstractSeries *abstract : chart->series()) {
        const auto *s = static_cast<QLineSeries *>(abstract);
        for (const QPointF &p : s->points()) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
            last = std::max(last, p.x());
        }
    }
    if (hi <= lo)
        hi = lo + 1;
    values->setRange(lo, hi + (hi - lo) * 0.05);
    values->applyNiceNumbers();
    days->setRange(0, std::max(1.0, last));
    chart->addAxis(days, Qt::AlignBottom);
    chart->addAxis(values, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(days);
        s->attachAxis(values);
    }
}

Status render(QChart *chart, const QString &path)
{
    // A chart in a scene of its own, laid out at the image's size and
    // painted into it: no window, no event loop.
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    QGraphicsScene scene; // owns the chart
    scene.addItem(chart);
    chart->setGeometry(0, 0, kWidth, kHeight);
    scene.setSceneRect(0, 0, kWidth, kHeight);
    QImage image(kWidth, kHeight, QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        scene.render(&painter);
    }
    if (!image.save(path, "PNG"))
        return makeError(u"cannot write the chart %1"_s.arg(path));
    return {};
}

QString subtitle(const api::SimulationResult &r)
{
    return u"<br><small>%1 nodes, %2 days, seed %3</small>"_s.arg(r.options.nodes)
        .arg(r.options.epochs)
        .arg(r.options.seed);
}

Status rewardsChart(const api::SimulationResult &r, const QString &path)
{
    auto *chart = new QChart;
    chart->setTitle(u"Rewards by hardware quality: credits per TiB stored per day<br><small>storage and egress "
                    u"after the performance multiplier, minus penalties (the base fee pays for capacity); 7-day "
                    u"mean</small>%1"_s.arg(subtitle(r)));
    for (int q = 0; q < 4; ++q)
        chart->addSeries(series(r, kQuartileNames[q], kQuartileColors[q],
                                [q](const api::SimulationEpoch &e) { return e.rewardPerTiBStored[std::size_t(q)]; }));
    addAxes(chart, u"credits / TiB stored / day"_s);
    return render(chart, path);
}

Status shareChart(const api::SimulationResult &r, const QString &path)
{
    auto *chart = new QChart;
    chart->setTitle(
        u"Share of data held by the best and worst quartile of hardware (new data: 7-day mean)%1"_s.arg(subtitle(r)));
    chart->addSeries(series(r, u"best quartile, new data"_s, kQuartileColors[3],
                            [](const api::SimulationEpoch &e) { return 100 * e.shareOfNewData[3]; }));
    chart->addSeries(series(
        r, u"best quartile, all data"_s, kQuartileColors[3].lighter(160),
        [](const api::SimulationEpoch &e) { return 100 * e.shareOfAllData[3]; }, 1, Qt::DashLine));
    chart->addSeries(series(r, u"worst quartile, new data"_s, kQuartileColors[0],
                            [](const api::SimulationEpoch &e) { return 100 * e.shareOfNewData[0]; }));
    chart->addSeries(series(
        r, u"worst quartile, all data"_s, kQuartileColors[0].lighter(160),
        [](const api::SimulationEpoch &e) { return 100 * e.shareOfAllData[0]; }, 1, Qt::DashLine));
    addAxes(chart, u"% of shards"_s, 0);
    return render(chart, path);
}

Status durabilityChart(const api::SimulationResult &r, const QString &path)
{
    const api::SimulationAssumptions &a = r.assumptions;
    auto *chart = new QChart;
    const QString rule = u"%1+%2 shards, repaired at %3 healthy or fewer, checked %4 times a day (an unreachable "
                         u"holder counts after %5 h, at once when two are unreachable), %6 GiB of repair traffic per "
                         u"node a day"_s.arg(a.k)
                             .arg(a.n - a.k)
                             .arg(a.repairThreshold)
                             .arg(a.repairRoundsPerEpoch)
                             .arg(a.outageGraceHours)
                             .arg(a.repairBytesPerNodePerEpoch >> 30);
    const QString churn = u"churn %1% of nodes a month plus daily outages"_s.arg(a.churnPerMonth * 100, 0, 'g', 3);
    chart->setTitle(u"Durability under churn: %1 segments lost<br><small>%2<br>%3</small>%4"_s.arg(
        QString::number(r.findings.segmentsLost), rule, churn, subtitle(r)));
    chart->addSeries(series(
        r, u"segments lost (total)"_s, QColor(0xc6, 0x28, 0x28),
        [](const api::SimulationEpoch &e) { return static_cast<double>(e.segmentsLostTotal); }, 1));
    chart->addSeries(series(
        r, u"segments repaired per day"_s, QColor(0x15, 0x65, 0xc0),
        [](const api::SimulationEpoch &e) { return static_cast<double>(e.segmentsRepaired); }, 1));
    chart->addSeries(series(
        r, u"repairs pending at the end of the day"_s, QColor(0xef, 0x6c, 0x00),
        [](const api::SimulationEpoch &e) { return static_cast<double>(e.repairsPending); }, 1));
    chart->addSeries(series(
        r, u"departures per day"_s, QColor(0x61, 0x61, 0x61),
        [](const api::SimulationEpoch &e) { return static_cast<double>(e.departures); }, 1, Qt::DotLine));
    addAxes(chart, u"segments / nodes"_s, 0);
    return render(chart, path);
}

} // namespace

Status writeSimulationCharts(const api::SimulationResult &result, const QString &dir, QStringList *written)
{
    const QDir out(dir);
    const QList<std::pair<QString, std::function<Status(const api::SimulationResult &, const QString &)>>> charts{
        {u"rewards_by_quality.png"_s, rewardsChart},
        {u"data_share.png"_s, shareChart},
        {u"durability.png"_s, durabilityChart}};
    for (const auto &[name, draw] : charts) {
        const QString path = out.filePath(name);
        if (Status ok = draw(result, path); !ok)
            return ok;
        if (written)
            written->append(path);
    }
    return {};
}

} // namespace stratus::ui
