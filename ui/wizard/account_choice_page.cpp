#include "wizard/account_choice_page.h"

#include "wizard/first_run_wizard.h"

#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

AccountChoicePage::AccountChoicePage(QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("Your account"));
    setSubTitle(tr("Stratus encrypts your files on this computer before they leave it. Your account is a secret "
                   "that only you hold."));
    m_create = new QRadioButton(tr("&Create a new account"), this);
    m_restore = new QRadioButton(tr("&Restore an account from its recovery secret"), this);
    m_create->setChecked(true);
    registerField(u"create"_s, m_create);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_create);
    layout->addWidget(m_restore);
    layout->addStretch(1);
}

int AccountChoicePage::nextId() const
{
    return m_create->isChecked() ? FirstRunWizard::SecretPage : FirstRunWizard::RestorePage;
}

} // namespace stratus::ui
