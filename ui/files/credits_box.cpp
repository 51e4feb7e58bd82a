#include "files/credits_box.h"

#include <QFormLayout>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace stratus::ui {

CreditsBox::CreditsBox(QWidget *parent) : QGroupBox(tr("Credits"), parent)
{
    m_balance = new QLabel(tr("…"), this);
    m_balance->setObjectName(u"creditsBalance"_s);
    m_cost = new QLabel(this);
    m_days = new QLabel(this);
    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(u"color: #b35c00; font-weight: bold;"_s);
    m_warning->setVisible(false);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Balance:"), m_balance);
    form->addRow(tr("Storage costs a month:"), m_cost);
    form->addRow(tr("Lasts:"), m_days);
    form->addRow(m_warning);
}

void CreditsBox::setCredits(const api::CreditsInfo &c)
{
    if (!c.enabled) {
        m_balance->setText(tr("this network does not charge for storage"));
        m_cost->clear();
        m_days->clear();
        m_warning->setVisible(false);
        return;
    }
    m_balance->setText(c.known ? api::formatCredits(c.balance) : tr("not known yet (no paper node answered)"));
    m_cost->setText(api::formatCredits(c.monthlyCost));
    m_days->setText(c.daysLeft < 0       ? tr("nothing stored yet")
                    : c.daysLeft > 36500 ? tr("more than a hundred years at this rate")
                                         : tr("%n day(s) at this rate", nullptr, static_cast<int>(c.daysLeft)));
    m_warning->setText(c.warning);
    m_warning->setVisible(!c.warning.isEmpty());
}

void CreditsBox::setError(const QString &error)
{
    m_warning->setText(tr("Credits not available: %1").arg(error));
    m_warning->setVisible(true);
}

} // namespace stratus::ui
