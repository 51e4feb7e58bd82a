#pragma once

// The earnings dashboard of one storage node: this epoch's and this month's
// estimate, a chart per epoch by component, the statement history with
// "verify", and a CSV export. The numbers are api::Client::earnings(), the
// same call as `stratus earnings show`.

#include "api/earnings.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace stratus::ui {

class Session;
class EarningsChart;

class EarningsPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { Epoch, Base, Storage, Egress, Multiplier, Penalty, Total, Audited, ColumnCount };

    explicit EarningsPanel(Session &session, QWidget *parent = nullptr);

    // The nodes to choose from: (label, name or id for the api).
    void setNodes(const QList<std::pair<QString, QString>> &nodes);
    // Picks a node by its name or id and loads its earnings.
    void selectNode(const QString &nameOrId);
    QString selectedNode() const;
    void refresh();

    const api::NodeEarnings &shown() const { return m_shown; }
    QTableWidget *table() const { return m_table; }
    EarningsChart *chart() const { return m_chart; }
    QString verifyResult() const;

    static QString toCsv(const api::NodeEarnings &node);

Q_SIGNALS:
    void loaded();
    void verified(bool ok);

private:
    void show(const api::NodeEarnings &node);
    void verifySelected();
    void exportCsv();

    Session &m_session;
    QComboBox *m_node;
    QLabel *m_epochEstimate;
    QLabel *m_monthEstimate;
    QLabel *m_error;
    EarningsChart *m_chart;
    QTableWidget *m_table;
    QPushButton *m_verify;
    QLabel *m_verifyResult;
    api::NodeEarnings m_shown;
    bool m_loading = false;
};

} // namespace stratus::ui
