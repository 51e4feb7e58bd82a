#pragma once

// The operator console: contribute storage on/off, the node's identity,
// capacity, uptime, its standing with the paper nodes (with warnings naming
// the cause) and the earnings dashboard.

#include "api/client.h"
#include "api/node.h"
#include "console/usage_log.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace stratus::ui {

class Session;
class EarningsPanel;
class UsageChart;

class StoragePage : public QWidget {
    Q_OBJECT
public:
    explicit StoragePage(Session &session, QWidget *parent = nullptr);

    EarningsPanel *earnings() const { return m_earnings; }
    // Shows the earnings tab (true) or the status tab.
    void showEarnings(bool on);
    QCheckBox *contributeSwitch() const { return m_contribute; }
    UsageChart *usage() const { return m_usage; }
    void refresh();
    // The node selected in the standings table (none: empty id).
    api::NodeStanding selectedStanding() const;

Q_SIGNALS:
    void standingsLoaded();

private:
    void applySwitch();
    void updateNode();
    void showNode(const api::NodeInfo &info);
    void sampleNode();
    void updateUptime();
    void showStandings(const api::NetworkStanding &standing);
    void showByValidator();

    Session &m_session;
    QCheckBox *m_contribute;
    QSpinBox *m_size;
    QLabel *m_state;
    QLineEdit *m_nodeId;
    QLabel *m_uptime;
    QLabel *m_capacity;
    QLabel *m_warnings;
    QTableWidget *m_standings;
    QTableWidget *m_byValidator; // the selected node, per paper node
    QLabel *m_byValidatorTitle;
    QList<api::NodeStanding> m_shownNodes;
    QString m_pickedNode; // chosen by the user in the standings table
    bool m_filling = false;
    EarningsPanel *m_earnings;
    QTabWidget *m_tabs;
    QTimer m_timer;
    QTimer m_uptimeTimer;
    QTimer m_sampleTimer;
    UsageChart *m_usage;
    std::shared_ptr<UsageLog> m_usageLog; // used on the node lane only
    bool m_historyRead = false;
    bool m_sampling = false;
    bool m_loading = false;
    api::NodeInfo m_info;
};

} // namespace stratus::ui
