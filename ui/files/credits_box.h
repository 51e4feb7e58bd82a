#pragma once

#include "api/earnings.h"

#include <QGroupBox>

class QLabel;

namespace stratus::ui {

// The account's credits: balance, what storage costs a month, how long the
// balance lasts, and the warning well before it runs out.
class CreditsBox : public QGroupBox {
    Q_OBJECT
public:
    explicit CreditsBox(QWidget *parent = nullptr);
    void setCredits(const api::CreditsInfo &credits);
    void setError(const QString &error);

private:
    QLabel *m_balance;
    QLabel *m_cost;
    QLabel *m_traffic;
    QLabel *m_days;
    QLabel *m_warning;
};

} // namespace stratus::ui
