#include "console/earnings_panel.h"

#include "console/earnings_chart.h"
#include "engine/session.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

constexpr int kEpochs = 30;

QTableWidgetItem *amount(qint64 micro)
{
    auto *item = new QTableWidgetItem(api::formatCredits(micro));
    item->setData(Qt::UserRole, micro);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

struct Verification {
    bool ok = false;
    QString message;
};

} // namespace

EarningsPanel::EarningsPanel(Session &session, QWidget *parent) : QWidget(parent), m_session(session)
{
    m_node = new QComboBox(this);
    m_node->setAccessibleName(tr("Storage node whose earnings are shown"));
    auto *refreshButton = new QPushButton(tr("Re&load"), this);
    m_epochEstimate = new QLabel(this);
    m_epochEstimate->setObjectName(u"epochEstimate"_s);
    m_monthEstimate = new QLabel(this);
    m_monthEstimate->setObjectName(u"monthEstimate"_s);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_chart = new EarningsChart(this);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Epoch"), tr("Base"), tr("Storage"), tr("Egress"), tr("Multiplier"),
                                        tr("Penalties"), tr("Total"), tr("Audited")});
    m_table->setAccessibleName(tr("Statement history"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_verify = new QPushButton(tr("&Verify statement"), this);
    m_verify->setObjectName(u"verifyStatement"_s);
    m_verify->setToolTip(tr("Exports the selected epoch's signed statement and checks every signature, receipt "
                            "and the recomputation"));
    auto *exportButton = new QPushButton(tr("E&xport CSV…"), this);
    m_verifyResult = new QLabel(this);
    m_verifyResult->setObjectName(u"verifyResult"_s);
    m_verifyResult->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Node:"), this));
    top->addWidget(m_node, 1);
    top->addWidget(refreshButton);
    auto *estimates = new QFormLayout;
    estimates->addRow(tr("This epoch (estimate):"), m_epochEstimate);
    estimates->addRow(tr("This month (estimate):"), m_monthEstimate);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_verify);
    actions->addWidget(exportButton);
    actions->addWidget(m_verifyResult, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(estimates);
    layout->addWidget(m_error);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);

    connect(refreshButton, &QPushButton::clicked, this, &EarningsPanel::refresh);
    connect(m_node, &QComboBox::activated, this, &EarningsPanel::refresh);
    connect(m_verify, &QPushButton::clicked, this, &EarningsPanel::verifySelected);
    connect(exportButton, &QPushButton::clicked, this, &EarningsPanel::exportCsv);
}

void EarningsPanel::setNodes(const QList<std::pair<QString, QString>> &nodes)
{
    const QString current = selectedNode();
    m_node->clear();
    for (const auto &[label, key] : nodes)
        m_node->addItem(label, key);
    const int i = m_node->findData(current);
    if (i >= 0)
        m_node->setCurrentIndex(i);
}

void EarningsPanel::selectNode(const QString &nameOrId)
{
    int i = m_node->findData(nameOrId);
    if (i < 0) {
        m_node->addItem(nameOrId, nameOrId);
        i = m_node->count() - 1;
    }
    m_node->setCurrentIndex(i);
    refresh();
}

QString EarningsPanel::selectedNode() const { return m_node->currentData().toString(); }

QString EarningsPanel::verifyResult() const { return m_verifyResult->text(); }

void EarningsPanel::refresh()
{
    const QString node = selectedNode();
    if (m_loading || node.isEmpty() || m_session.state() != Session::State::Ready)
        return;
    m_loading = true;
    Session *session = &m_session;
    m_session.clientLane().post<Reply<QList<api::NodeEarnings>>>(
        this,
        [session, node]() { return toReply<QList<api::NodeEarnings>>(session->client()->earnings(node, kEpochs)); },
        [this](const Reply<QList<api::NodeEarnings>> &r) {
            m_loading = false;
            if (!r.ok() || r.value.isEmpty()) {
                m_error->setText(r.ok() ? tr("No earnings for this node.") : r.error);
                Q_EMIT loaded();
                return;
            }
            show(r.value.first());
            Q_EMIT loaded();
        });
}

void EarningsPanel::show(const api::NodeEarnings &n)
{
    m_shown = n;
    m_error->setText(!n.reachable ? tr("The node did not answer: %1").arg(n.error) : n.error);
    m_epochEstimate->setText(tr("%1 (epoch %2)").arg(api::formatCredits(n.estimate.total)).arg(n.estimate.epoch));
    m_monthEstimate->setText(api::formatCredits(n.estimate.month));
    m_chart->setEpochs(n.epochs);
    m_table->setRowCount(static_cast<int>(n.epochs.size()));
    for (int row = 0; row < n.epochs.size(); ++row) {
        const api::EpochEarningsInfo &e = n.epochs[row];
        auto *epoch = new QTableWidgetItem(QString::number(e.epoch));
        epoch->setData(Qt::UserRole, e.epoch);
        epoch->setToolTip(tr("Statement %1").arg(e.statementHash));
        m_table->setItem(row, Epoch, epoch);
        m_table->setItem(row, Base, amount(e.base));
        m_table->setItem(row, Storage, amount(e.storagePaid));
        m_table->setItem(row, Egress, amount(e.egressPaid));
        m_table->setItem(row, Multiplier, new QTableWidgetItem(u"×%1"_s.arg(e.multiplierPpm / 1e6, 0, 'f', 3)));
        m_table->setItem(row, Penalty, amount(e.penalty));
        m_table->setItem(row, Total, amount(e.total));
        m_table->setItem(row, Audited, new QTableWidgetItem(e.audited ? tr("yes") : tr("no")));
    }
    if (m_table->currentRow() < 0 && m_table->rowCount() > 0)
        m_table->selectRow(0);
}

void EarningsPanel::verifySelected()
{
    const int row = m_table->currentRow();
    if (row < 0 || !m_table->item(row, Epoch))
        return;
    const qint64 epoch = m_table->item(row, Epoch)->data(Qt::UserRole).toLongLong();
    const QString node = m_shown.id.isEmpty() ? selectedNode() : m_shown.id;
    const QString network = m_session.networkFile();
    m_verifyResult->setText(tr("Verifying epoch %1…").arg(epoch));
    m_verify->setEnabled(false);
    Session *session = &m_session;
    m_session.clientLane().post<Verification>(
        this,
        [session, node, epoch, network]() {
            Verification v;
            auto bytes = session->client()->exportStatement(node, epoch);
            if (!bytes) {
                v.message = bytes.message();
                return v;
            }
            QTemporaryDir dir;
            const QString path = dir.filePath(u"statement.stratus"_s);
            QSaveFile f(path);
            if (!f.open(QIODevice::WriteOnly) || f.write(bytes.value()) != bytes->size() || !f.commit()) {
                v.message = f.errorString();
                return v;
            }
            const api::StatementVerification checked = api::verifyStatementFile(path, network);
            v.ok = checked.ok;
            v.message = checked.message;
            return v;
        },
        [this, epoch](const Verification &v) {
            m_verify->setEnabled(true);
            m_verifyResult->setText(v.ok ? tr("Epoch %1: the statement holds (%2)").arg(epoch).arg(v.message)
                                         : tr("Epoch %1: does not verify: %2").arg(epoch).arg(v.message));
            Q_EMIT verified(v.ok);
        });
}

QString EarningsPanel::toCsv(const api::NodeEarnings &n)
{
    QStringList lines{u"node_id,node_name,epoch,start_utc,end_utc,audited,base_ucr,storage_paid_ucr,egress_paid_ucr,"
                      u"multiplier_ppm,penalty_ucr,total_ucr,statement_sha256"_s};
    for (const api::EpochEarningsInfo &e : n.epochs)
        lines.append(QStringList{
            n.id, n.name, QString::number(e.epoch),
            QDateTime::fromMSecsSinceEpoch(e.startMs, Qt::UTC).toString(Qt::ISODate),
            QDateTime::fromMSecsSinceEpoch(e.endMs, Qt::UTC).toString(Qt::ISODate), e.audited ? u"yes"_s : u"no"_s,
            QString::number(e.base), QString::number(e.storagePaid), QString::number(e.egressPaid),
            QString::number(e.multiplierPpm), QString::number(e.penalty), QString::number(e.total), e.statementHash}
                         .join(u','));
    return lines.join(u'\n') + u'\n';
}

void EarningsPanel::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export earnings"),
                                                      QDir::home().filePath(u"earnings.csv"_s), tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    const QByteArray bytes = toCsv(m_shown).toUtf8();
    m_session.clientLane().post<QString>(
        this,
        [path, bytes]() {
            QSaveFile f(path);
            if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
                return f.errorString();
            return QString();
        },
        [this, path](const QString &error) {
            m_verifyResult->setText(error.isEmpty() ? tr("Exported to %1").arg(path)
                                                    : tr("Could not export: %1").arg(error));
        });
}

} // namespace stratus::ui
