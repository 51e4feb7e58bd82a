#include "files/credits_box.h"

#include "engine/formatting.h"

#include <QFormLayout>
#include <QLabel>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::ui {

CreditsBox::CreditsBox(QWidget *parent) : QGroupBox(tr("Credits"), parent)
{
    m_balance = new QLabel(tr("…"), this);
    m_balance->setObjectName(u"creditsBalance"_s);
    m_cost = new QLabel(this);
    m_traffic = new QLabel(this);
    m_traffic->setObjectName(u"creditsTraffic"_s);
    m_days = new QLabel(this);
    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(u"color: #b35c00; font-weight: bold;"_s);
    m_warning->setVisible(false);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Balance:"), m_balance);
    form->addRow(tr("Storage costs a month:"), m_cost);
    form->addRow(tr("Traffic (last 30 days):"), m_traffic);
    form->addRow(tr("Lasts:"), m_days);
    form->addRow(m_warning);
}

void CreditsBox::setCredits(const api::CreditsInfo &c)
{
    if (!c.enabled) {
        m_balance->setText(tr("this network does not charge for storage"));
        m_cost->clear();
        m_traffic->clear();
        m_days->clear();
        m_warning->setVisible(false);
        return;
    }
    m_balance->setText(c.known ? api::formatCredits(c.balance) : tr("not known yet (no paper node answered)"));
    m_cost->setText(api::formatCredits(c.monthlyCost));
    m_days->setText(c.daysLeft < 0       ? tr("nothing stored yet")
                    : c.daysLeft > 36500 ? tr("more than a hundred years at this rate")
                                         : tr("%n day(s) at this rate", nullptr, static_cast<int>(c.daysLeft)));
    m_traffic->setText(tr("%1 downloaded: %2 (%3 per GiB)")
                           .arg(formatBytes(c.trafficBytes30d), api::formatCredits(c.monthlyTrafficCost),
                                api::formatCredits(c.egressPricePerGiB)));
    QString warning;
    switch (c.warningKind) {
    case api::CreditsInfo::Warning::None:
        break;
    case api::CreditsInfo::Warning::Unknown:
        warning = tr("No paper node answered: the balance is unknown.");
        break;
    case api::CreditsInfo::Warning::UsedUp:
        warning = tr("Your credits are used up: contracts will not be renewed and new uploads are refused.");
        break;
    case api::CreditsInfo::Warning::Low:
        warning = tr("Credits run low: %1 left, about %n day(s) at %2 a month.", nullptr,
                     static_cast<int>(std::min<qint64>(c.daysLeft, 36500)))
                      .arg(api::formatCredits(c.balance), api::formatCredits(c.monthlyCost + c.monthlyTrafficCost));
        break;
    }
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
}

void CreditsBox::setError(const QString &error)
{
    m_warning->setText(tr("Credits not available: %1").arg(error));
    m_warning->setVisible(true);
}

} // namespace stratus::ui
