#include "paper/paper_page.h"

#include "api/client.h"
#include "engine/app_settings.h"
#include "engine/core_words.h"
#include "engine/formatting.h"
#include "engine/session.h"

#include <QCheckBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

constexpr int kPollMs = 1000;
constexpr int kMaxAuditRows = 200;

QTableWidget *makeTable(int columns, const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *t = new QTableWidget(0, columns, parent);
    t->setHorizontalHeaderLabels(headers);
    t->setAccessibleName(name);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->setVisible(false);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

struct LogCheck {
    bool ok = false;
    QString text;
};

} // namespace

PaperPage::PaperPage(Session &session, QWidget *parent) : QWidget(parent), m_session(session)
{
    m_switch = new QCheckBox(tr("&Run a paper node on this computer"), this);
    m_switch->setObjectName(u"paperSwitch"_s);
    m_switch->setToolTip(tr("A paper node audits the network's storage nodes and publishes what it saw in a "
                            "public, verifiable log"));
    m_state = new QLabel(this);
    m_counts = new QLabel(this);
    m_logSize = new QLabel(this);
    m_root = new QLineEdit(this);
    m_root->setReadOnly(true);
    m_root->setAccessibleName(tr("Root of the log's signed tree head"));
    m_headSigned = new QLabel(this);
    m_headSigned->setObjectName(u"treeHeadSigned"_s);
    m_signature = new QLineEdit(this);
    m_signature->setObjectName(u"treeHeadSignature"_s);
    m_signature->setReadOnly(true);
    m_signature->setAccessibleName(tr("Signature of the log's tree head"));
    m_problems = new QLabel(this);
    m_problems->setWordWrap(true);
    m_audits = makeTable(AuditColumns, {tr("Time"), tr("Node"), tr("Kind"), tr("Result"), tr("Latency (ms)")},
                         tr("Recent audits"), this);
    m_scores = makeTable(8,
                         {tr("Node"), tr("Score"), tr("Audit score"), tr("Online score"), tr("Latency p95 (ms)"),
                          tr("Passed"), tr("Failed"), tr("Online")},
                         tr("Scores per node"), this);
    m_other = new QLineEdit(this);
    m_other->setPlaceholderText(tr("Another paper node's id or name (empty: all of the network's)"));
    m_other->setAccessibleName(tr("Paper node to verify"));
    m_verify = new QPushButton(tr("&Verify log"), this);
    m_verifyResult = new QLabel(this);
    m_verifyResult->setWordWrap(true);
    m_verifyResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Audits:"), m_counts);
    form->addRow(tr("Log size:"), m_logSize);
    form->addRow(tr("Tree head root:"), m_root);
    form->addRow(tr("Signed:"), m_headSigned);
    form->addRow(tr("Signature:"), m_signature);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_audits);
    splitter->addWidget(m_scores);
    auto *verifyRow = new QHBoxLayout;
    verifyRow->addWidget(m_other, 1);
    verifyRow->addWidget(m_verify);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_switch);
    layout->addLayout(form);
    layout->addWidget(m_problems);
    layout->addWidget(splitter, 1);
    layout->addWidget(new QLabel(tr("Verify another validator's log:"), this));
    layout->addLayout(verifyRow);
    layout->addWidget(m_verifyResult);

    m_switch->setChecked(session.settings().paperNode());
    connect(m_switch, &QCheckBox::toggled, this, [this](bool on) {
        m_session.applyNodeRoles(m_session.settings().contributeStorage(), m_session.settings().storageBytes(), on);
    });
    connect(m_verify, &QPushButton::clicked, this, [this]() { verifyLog(m_other->text().trimmed()); });
    connect(&session, &Session::nodeChanged, this, &PaperPage::updateSwitch);
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &PaperPage::poll);
    m_poll.start();
    updateSwitch();
}

QString PaperPage::verifyResult() const { return m_verifyResult->text(); }

void PaperPage::updateSwitch()
{
    m_switch->setEnabled(!m_session.nodeBusy());
    if (m_session.nodeBusy())
        m_state->setText(tr("changing…"));
    else if (m_session.nodeRunning() && m_session.nodeInfo().validator)
        m_state->setText(tr("running as node %1").arg(m_session.nodeInfo().id.left(16)));
    else
        m_state->setText(tr("stopped"));
}

void PaperPage::poll()
{
    if (m_polling || !m_session.nodeRunning() || !m_session.nodeInfo().validator)
        return;
    m_polling = true;
    Session *session = &m_session;
    m_session.nodeLane().post<api::ValidatorStatus>(
        this, [session]() { return session->node() ? session->node()->validatorStatus() : api::ValidatorStatus{}; },
        [this](const api::ValidatorStatus &s) {
            m_polling = false;
            show(s);
            Q_EMIT statusUpdated();
        });
}

void PaperPage::show(const api::ValidatorStatus &s)
{
    m_status = s;
    m_counts->setText(
        tr("%1 audits in %2 rounds, %n node(s) audited, epoch %3", nullptr, static_cast<int>(s.nodes.size()))
            .arg(s.auditsDone)
            .arg(s.rounds)
            .arg(s.epoch));
    m_logSize->setText(tr("%n entries", nullptr, static_cast<int>(s.logSize)) +
                       (s.counted ? QString() : tr(" (not named by the network file: its attestations do not count)")));
    m_root->setText(s.logRoot);
    m_signature->setText(s.logHeadSignature);
    m_signature->setToolTip(tr("Ed25519 signature by key %1").arg(s.logKey));
    m_headSigned->setText(
        s.logHeadTimeMs <= 0 ? QString()
        : s.logHeadVerified
            ? tr("%1, by this paper node's key; the signature checks out").arg(formatTime(s.logHeadTimeMs))
            : tr("%1; the signature does NOT check out").arg(formatTime(s.logHeadTimeMs)));
    m_problems->setText(s.problems.join(u'\n'));
    QHash<QString, QString> names;
    for (const api::AuditedNode &n : s.nodes)
        names.insert(n.id, n.name.isEmpty() ? n.id.left(12) : n.name);
    const int rows = static_cast<int>(std::min<qsizetype>(s.recentAudits.size(), kMaxAuditRows));
    m_audits->setRowCount(rows);
    for (int row = 0; row < rows; ++row) {
        const api::AuditRecord &a = s.recentAudits[s.recentAudits.size() - 1 - row]; // newest first
        m_audits->setItem(row, AuditTime,
                          new QTableWidgetItem(QDateTime::fromMSecsSinceEpoch(a.timeMs).toString(u"HH:mm:ss"_s)));
        m_audits->setItem(row, AuditNode, new QTableWidgetItem(names.value(a.node, a.node.left(12))));
        m_audits->setItem(row, AuditKind, new QTableWidgetItem(auditKindText(a.kind)));
        auto *result = new QTableWidgetItem(a.ok ? tr("passed") : tr("failed: %1").arg(a.detail));
        result->setData(Qt::UserRole, a.ok);
        m_audits->setItem(row, AuditResult, result);
        m_audits->setItem(row, AuditLatency, new QTableWidgetItem(QString::number(a.ms, 'f', 1)));
    }
    m_scores->setRowCount(static_cast<int>(s.nodes.size()));
    for (int row = 0; row < s.nodes.size(); ++row) {
        const api::AuditedNode &n = s.nodes[row];
        const QStringList cells{names.value(n.id),
                                QString::number(n.score, 'f', 3),
                                QString::number(n.auditScore, 'f', 3),
                                QString::number(n.uptime, 'f', 3),
                                QString::number(n.latencyP95Ms, 'f', 0),
                                QString::number(n.auditsPassed),
                                QString::number(n.auditsFailed),
                                n.online ? tr("yes") : tr("no")};
        for (int c = 0; c < cells.size(); ++c)
            m_scores->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
}

void PaperPage::verifyLog(const QString &validator)
{
    if (m_session.state() != Session::State::Ready)
        return;
    m_verify->setEnabled(false);
    m_verifyResult->setText(tr("Verifying…"));
    Session *session = &m_session;
    m_session.clientLane().post<LogCheck>(
        this,
        [session, validator]() {
            LogCheck c;
            auto logs = session->client()->verifyLogs(validator);
            if (!logs) {
                c.text = logs.message();
                return c;
            }
            c.ok = !logs->isEmpty();
            QStringList lines;
            for (const api::LogVerification &v : logs.value()) {
                c.ok = c.ok && v.ok;
                const QString who = v.name.isEmpty() ? v.validator.left(16) : v.name;
                lines.append(v.ok ? tr("%1: consistent, %2 entries, root %3").arg(who).arg(v.size).arg(v.root.left(16))
                                  : tr("%1: %2").arg(who, v.problems.join(u"; "_s)));
            }
            c.text = lines.join(u'\n');
            return c;
        },
        [this](const LogCheck &c) {
            m_verify->setEnabled(true);
            m_verifyResult->setText(c.text);
            Q_EMIT logVerified(c.ok);
        });
}

} // namespace stratus::ui
