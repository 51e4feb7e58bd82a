#include "console/storage_page.h"

#include "console/earnings_panel.h"
#include "console/standing_warnings.h"
#include "console/usage_chart.h"
#include "engine/app_paths.h"
#include "engine/app_settings.h"
#include "engine/formatting.h"
#include "engine/session.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

constexpr int kRefreshMs = 10000;
constexpr int kSampleMs = 10000;
constexpr qint64 kGiB = qint64(1) << 30;

struct Refreshed {
    Reply<api::NetworkStanding> standing;
};

QTableWidgetItem *number(double value, int decimals)
{
    auto *item = new QTableWidgetItem(QString::number(value, 'f', decimals));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

StoragePage::StoragePage(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session),
      m_usageLog(std::make_shared<UsageLog>(session.paths().dataDir + u"/usage.log"_s))
{
    m_contribute = new QCheckBox(tr("&Contribute storage to the network"), this);
    m_contribute->setObjectName(u"contributeSwitch"_s);
    m_size = new QSpinBox(this);
    m_size->setRange(1, 100000);
    m_size->setSuffix(tr(" GiB"));
    m_size->setAccessibleName(tr("Storage to contribute"));
    m_size->setValue(static_cast<int>(std::max<qint64>(1, session.settings().storageBytes() / kGiB)));
    auto *apply = new QPushButton(tr("&Apply"), this);
    m_state = new QLabel(this);
    m_nodeId = new QLineEdit(this);
    m_nodeId->setObjectName(u"nodeId"_s);
    m_nodeId->setReadOnly(true);
    m_nodeId->setAccessibleName(tr("Node id"));
    auto *copy = new QPushButton(tr("Cop&y"), this);
    copy->setAccessibleName(tr("Copy the node id"));
    m_uptime = new QLabel(this);
    m_capacity = new QLabel(this);
    m_capacity->setObjectName(u"capacity"_s);
    m_warnings = new QLabel(this);
    m_warnings->setWordWrap(true);
    m_warnings->setObjectName(u"standingWarnings"_s);
    m_standings = new QTableWidget(0, 8, this);
    m_standings->setHorizontalHeaderLabels({tr("Node"), tr("Paper nodes"), tr("Score"), tr("Audit score"),
                                            tr("Online score"), tr("Latency p95 (ms)"), tr("Online"), tr("Eligible")});
    m_standings->setAccessibleName(tr("Standings of the storage nodes"));
    m_standings->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_standings->verticalHeader()->setVisible(false);
    m_standings->verticalHeader()->setDefaultSectionSize(m_standings->fontMetrics().height() + 8);
    m_standings->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_standings->horizontalHeader()->setStretchLastSection(true);
    m_byValidator = new QTableWidget(0, 7, this);
    m_byValidator->setObjectName(u"scoresByPaperNode"_s);
    m_byValidator->setHorizontalHeaderLabels({tr("Paper node"), tr("Audit score"), tr("Online score"),
                                              tr("Latency score"), tr("Latency p95 (ms)"), tr("Online"),
                                              tr("Eligible")});
    m_byValidator->setAccessibleName(tr("Scores of the selected node, per paper node"));
    m_byValidator->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_byValidator->verticalHeader()->setVisible(false);
    m_byValidator->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_byValidator->horizontalHeader()->setStretchLastSection(true);
    m_byValidator->setMaximumHeight(m_byValidator->fontMetrics().height() * 6 + 16);
    m_standings->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_standings->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_standings, &QTableWidget::currentCellChanged, this, [this]() {
        if (!m_filling)
            m_pickedNode = selectedStanding().id; // the user's choice stays selected
        showByValidator();
    });
    m_earnings = new EarningsPanel(session, this);

    auto *switchRow = new QHBoxLayout;
    switchRow->addWidget(m_contribute);
    switchRow->addWidget(m_size);
    switchRow->addWidget(apply);
    switchRow->addStretch(1);
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_nodeId, 1);
    idRow->addWidget(copy);
    auto *form = new QFormLayout;
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Node id:"), idRow);
    form->addRow(tr("Uptime:"), m_uptime);
    form->addRow(tr("Capacity:"), m_capacity);

    auto *status = new QWidget(this);
    auto *statusLayout = new QVBoxLayout(status);
    statusLayout->addLayout(form);
    statusLayout->addWidget(new QLabel(tr("How the paper nodes see the network's storage nodes:"), status));
    statusLayout->addWidget(m_standings, 1);
    m_byValidatorTitle = new QLabel(status);
    statusLayout->addWidget(m_byValidatorTitle);
    statusLayout->addWidget(m_byValidator);
    statusLayout->addWidget(m_warnings);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(status, tr("Status"));
    // The earnings dashboard: the panel, and utilization over time below it.
    auto *dashboard = new QWidget(this);
    auto *dashboardLayout = new QVBoxLayout(dashboard);
    dashboardLayout->addWidget(m_earnings, 3);
    m_usage = new UsageChart(dashboard);
    dashboardLayout->addWidget(m_usage, 1);
    // Scrolls when the window is small (the panel and the chart keep their
    // sizes instead of the window growing).
    auto *dashboardScroll = new QScrollArea(this);
    dashboardScroll->setWidgetResizable(true);
    dashboardScroll->setFrameShape(QFrame::NoFrame);
    dashboardScroll->setWidget(dashboard);
    m_tabs->addTab(dashboardScroll, tr("Earnings"));
    connect(m_earnings, &EarningsPanel::loaded, this, [this]() {
        QList<std::pair<qint64, double>> network;
        for (const api::EpochEarningsInfo &e : m_earnings->shown().epochs)
            network.append({e.endMs, e.networkUtilization});
        m_usage->setNetworkUtilization(network);
    });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(switchRow);
    layout->addWidget(m_tabs, 1);

    m_contribute->setChecked(session.settings().contributeStorage());
    connect(m_contribute, &QCheckBox::toggled, this, &StoragePage::applySwitch);
    connect(apply, &QPushButton::clicked, this, &StoragePage::applySwitch);
    connect(copy, &QPushButton::clicked, this, [this]() { QApplication::clipboard()->setText(m_nodeId->text()); });
    connect(&session, &Session::nodeChanged, this, &StoragePage::updateNode);
    connect(&session, &Session::stateChanged, this, &StoragePage::refresh);
    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &StoragePage::refresh);
    m_timer.start();
    m_sampleTimer.setInterval(kSampleMs);
    connect(&m_sampleTimer, &QTimer::timeout, this, &StoragePage::sampleNode);
    m_sampleTimer.start();
    m_uptimeTimer.setInterval(1000);
    connect(&m_uptimeTimer, &QTimer::timeout, this, &StoragePage::updateUptime);
    m_uptimeTimer.start();
    updateNode();
}

void StoragePage::showEarnings(bool on) { m_tabs->setCurrentIndex(on ? 1 : 0); }

void StoragePage::applySwitch()
{
    m_session.applyNodeRoles(m_contribute->isChecked(), qint64(m_size->value()) * kGiB,
                             m_session.settings().paperNode());
}

void StoragePage::updateNode()
{
    showNode(m_session.nodeInfo());
    if (!m_historyRead && m_session.nodeRunning() && m_info.storage) {
        m_historyRead = true;
        std::shared_ptr<UsageLog> log = m_usageLog;
        m_session.nodeLane().post<QList<UsageSample>>(
            this, [log]() { return log->read(QDateTime::currentMSecsSinceEpoch() - UsageLog::kKeepMs); },
            [this](const QList<UsageSample> &samples) { m_usage->setHistory(samples); });
    }
    sampleNode();
    refresh();
}

void StoragePage::sampleNode()
{
    if (m_sampling || !m_session.nodeRunning() || !m_info.storage)
        return;
    m_sampling = true;
    Session *session = &m_session;
    std::shared_ptr<UsageLog> log = m_usageLog;
    m_session.nodeLane().post<api::NodeInfo>(
        this,
        [session, log]() {
            const api::NodeInfo info = session->node() ? session->node()->info() : api::NodeInfo{};
            if (!info.id.isEmpty() && info.storage)
                log->append({QDateTime::currentMSecsSinceEpoch(), info.usedBytes, info.capacityBytes});
            return info;
        },
        [this](const api::NodeInfo &info) {
            m_sampling = false;
            if (info.id.isEmpty() || !m_session.nodeRunning())
                return;
            showNode(info);
            m_usage->addSample(QDateTime::currentMSecsSinceEpoch(), info.usedBytes, info.capacityBytes);
        });
}

void StoragePage::showNode(const api::NodeInfo &info)
{
    m_info = info;
    const bool storing = m_session.nodeRunning() && m_info.storage;
    if (m_session.nodeBusy())
        m_state->setText(tr("changing…"));
    else
        m_state->setText(storing ? tr("contributing %1").arg(formatBytes(m_info.capacityBytes))
                                 : tr("not contributing"));
    m_nodeId->setText(storing ? m_info.id : QString());
    // Stored + trash = used; used + free = allocated.
    const qint64 trash = std::clamp<qint64>(m_info.trashBytes, 0, m_info.usedBytes);
    m_capacity->setText(storing ? tr("%1 stored + %2 trash = %3 used; %4 free; %5 allocated (%n shard(s))", nullptr,
                                     static_cast<int>(m_info.shards))
                                      .arg(formatBytes(m_info.usedBytes - trash), formatBytes(trash),
                                           formatBytes(m_info.usedBytes),
                                           formatBytes(std::max<qint64>(0, m_info.capacityBytes - m_info.usedBytes)),
                                           formatBytes(m_info.capacityBytes))
                                : QString());
    m_capacity->setToolTip(tr("Trash: shards whose contracts expired or were deleted by their owners; they are "
                              "removed at the next garbage collection."));
    updateUptime();
}

void StoragePage::updateUptime()
{
    if (!m_session.nodeRunning() || !m_info.storage) {
        m_uptime->clear();
        return;
    }
    m_uptime->setText(formatDuration(QDateTime::currentMSecsSinceEpoch() - m_session.nodeStartedMs()));
}

void StoragePage::refresh()
{
    if (m_loading || m_session.state() != Session::State::Ready || !isVisible())
        return;
    m_loading = true;
    Session *session = &m_session;
    m_session.clientLane().post<Refreshed>(
        this,
        [session]() {
            Refreshed r;
            r.standing = toReply<api::NetworkStanding>(session->client()->standings());
            return r;
        },
        [this](const Refreshed &r) {
            m_loading = false;
            if (r.standing.ok())
                showStandings(r.standing.value);
            else
                m_warnings->setText(tr("The paper nodes did not answer: %1").arg(r.standing.error));
            Q_EMIT standingsLoaded();
        });
    m_earnings->refresh();
}

api::NodeStanding StoragePage::selectedStanding() const
{
    const int row = m_standings->currentRow();
    return row >= 0 && row < m_shownNodes.size() ? m_shownNodes[row] : api::NodeStanding{};
}

void StoragePage::showByValidator()
{
    const int row = m_standings->currentRow();
    if (row < 0 || row >= m_shownNodes.size()) {
        m_byValidatorTitle->setText(tr("Select a node to see what each paper node says of it."));
        m_byValidator->setRowCount(0);
        return;
    }
    const api::NodeStanding &n = m_shownNodes[row];
    m_byValidatorTitle->setText(tr("%1, as each paper node sees it:").arg(n.name.isEmpty() ? n.id.left(12) : n.name));
    m_byValidator->setRowCount(static_cast<int>(n.byValidator.size()));
    for (int i = 0; i < n.byValidator.size(); ++i) {
        const api::ValidatorScoreInfo &v = n.byValidator[i];
        m_byValidator->setItem(i, 0, new QTableWidgetItem(v.validator));
        m_byValidator->item(i, 0)->setToolTip(v.validatorId);
        m_byValidator->setItem(i, 1, number(v.auditScore, 3));
        m_byValidator->setItem(i, 2, number(v.onlineScore, 3));
        m_byValidator->setItem(i, 3, number(v.latencyScore, 3));
        m_byValidator->setItem(i, 4, number(v.latencyP95Ms, 0));
        m_byValidator->setItem(i, 5, new QTableWidgetItem(v.online ? tr("yes") : tr("no")));
        m_byValidator->setItem(i, 6, new QTableWidgetItem(v.eligible ? tr("yes") : tr("no")));
    }
}

void StoragePage::showStandings(const api::NetworkStanding &s)
{
    const bool storing = m_session.nodeRunning() && m_info.storage;
    bool mineListed = false;
    for (const api::NodeStanding &n : s.nodes)
        mineListed = mineListed || (storing && n.id == m_info.id);
    QList<std::pair<QString, QString>> nodes;
    if (mineListed)
        nodes.append({tr("This computer (%1)").arg(m_info.id.left(12)), m_info.id});
    m_standings->setRowCount(static_cast<int>(s.nodes.size()));
    QStringList warnings;
    if (storing && !mineListed)
        warnings.append(tr("This computer's node is not listed by the network's paper nodes yet: it receives shards "
                           "and earns once they audit it."));
    // The node the user picked; else this computer's; else the first.
    m_filling = true;
    m_shownNodes = s.nodes;
    int selectRow = 0;
    int mineRow = -1;
    bool picked = false;
    for (int row = 0; row < s.nodes.size(); ++row) {
        const api::NodeStanding &n = s.nodes[row];
        if (!m_pickedNode.isEmpty() && n.id == m_pickedNode) {
            selectRow = row;
            picked = true;
        }
        if (storing && n.id == m_info.id)
            mineRow = row;
        const QString name = n.name.isEmpty() ? n.id.left(12) : n.name;
        nodes.append({name, n.name.isEmpty() ? n.id : n.name});
        const bool mine = storing && n.id == m_info.id;
        m_standings->setItem(row, 0, new QTableWidgetItem(mine ? tr("%1 (this computer)").arg(name) : name));
        m_standings->item(row, 0)->setToolTip(n.id);
        m_standings->setItem(row, 1, new QTableWidgetItem(QString::number(n.validators)));
        m_standings->setItem(row, 2, number(n.score, 3));
        m_standings->setItem(row, 3, number(n.auditScore, 3));
        m_standings->setItem(row, 4, number(n.uptime, 3));
        m_standings->setItem(row, 5, number(n.latencyP95Ms, 0));
        m_standings->setItem(row, 6, new QTableWidgetItem(n.online ? tr("yes") : tr("no")));
        m_standings->setItem(row, 7, new QTableWidgetItem(n.eligible ? tr("yes") : tr("no")));
        // Warnings about this computer's node; without one, about every node.
        if (mine || !mineListed)
            for (const QString &w : standingWarnings(n))
                warnings.append(u"%1: %2"_s.arg(name, w));
    }
    if (!picked && mineRow >= 0)
        selectRow = mineRow;
    if (!s.nodes.isEmpty())
        m_standings->setCurrentCell(selectRow, 0);
    m_filling = false;
    showByValidator();
    warnings.append(s.problems);
    m_warnings->setText(warnings.isEmpty() ? tr("No warnings.") : warnings.join(u'\n'));
    const QString before = m_earnings->selectedNode();
    m_earnings->setNodes(nodes);
    if ((before.isEmpty() || before != m_earnings->selectedNode()) && !nodes.isEmpty())
        m_earnings->selectNode(nodes.first().second);
}

} // namespace stratus::ui
