#pragma once

// The paper node: one switch runs it in this process; while it runs, the
// audits it does (a live table), the scores it gives each node, its log's
// size and signed tree head, and "verify another validator's log".

#include "api/node.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace stratus::ui {

class Session;

class PaperPage : public QWidget {
    Q_OBJECT
public:
    enum AuditColumn { AuditTime, AuditNode, AuditKind, AuditResult, AuditLatency, AuditColumns };

    explicit PaperPage(Session &session, QWidget *parent = nullptr);

    QCheckBox *paperSwitch() const { return m_switch; }
    QTableWidget *auditTable() const { return m_audits; }
    QTableWidget *scoreTable() const { return m_scores; }
    const api::ValidatorStatus &status() const { return m_status; }
    QString verifyResult() const;
    void verifyLog(const QString &validator);

Q_SIGNALS:
    void statusUpdated();
    void logVerified(bool ok);

private:
    void poll();
    void show(const api::ValidatorStatus &status);
    void updateSwitch();

    Session &m_session;
    QCheckBox *m_switch;
    QLabel *m_state;
    QLabel *m_counts;
    QLabel *m_logSize;
    QLineEdit *m_root;
    QLineEdit *m_signature;
    QLabel *m_headSigned;
    QLabel *m_problems;
    QTableWidget *m_audits;
    QTableWidget *m_scores;
    QLineEdit *m_other;
    QPushButton *m_verify;
    QLabel *m_verifyResult;
    QTimer m_poll;
    bool m_polling = false;
    api::ValidatorStatus m_status;
};

} // namespace stratus::ui
