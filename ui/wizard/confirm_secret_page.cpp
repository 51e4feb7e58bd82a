#include "wizard/confirm_secret_page.h"

#include "wizard/first_run_wizard.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

constexpr int kAsked = 3;

} // namespace

ConfirmSecretPage::ConfirmSecretPage(const QString &secret, QWidget *parent)
    : QWizardPage(parent), m_secretGroups(secret.split(u'-'))
{
    setTitle(tr("Check your recovery secret"));
    setSubTitle(tr("Type these groups of your recovery secret from what you wrote down."));
    while (m_groups.size() < std::min<qsizetype>(kAsked, m_secretGroups.size())) {
        const int g = 1 + static_cast<int>(QRandomGenerator::global()->bounded(m_secretGroups.size()));
        if (!m_groups.contains(g))
            m_groups.append(g);
    }
    std::sort(m_groups.begin(), m_groups.end());
    auto *form = new QFormLayout(this);
    for (int i = 0; i < m_groups.size(); ++i) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(u"confirmGroup%1"_s.arg(i));
        edit->setMaxLength(5);
        edit->setAccessibleName(tr("Group %1").arg(m_groups[i]));
        m_answers.append(edit);
        form->addRow(tr("Group %1:").arg(m_groups[i]), edit);
        connect(edit, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    }
}

int ConfirmSecretPage::nextId() const { return FirstRunWizard::FolderPage; }

bool ConfirmSecretPage::isComplete() const
{
    for (int i = 0; i < m_groups.size(); ++i)
        if (m_answers[i]->text().trimmed().toUpper() != m_secretGroups.value(m_groups[i] - 1))
            return false;
    return true;
}

} // namespace stratus::ui
