#include "wizard/restore_page.h"

#include "api/desktop_account.h"
#include "wizard/first_run_wizard.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

RestoreSecretPage::RestoreSecretPage(QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("Restore your account"));
    setSubTitle(tr("Type your recovery secret: 13 groups of 5 characters, separated by dashes."));
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(u"restoreSecret"_s);
    m_text->setAccessibleName(tr("Recovery secret"));
    m_text->setMaximumHeight(120);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"restoreProblem"_s);
    m_problem->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    registerField(u"restoreSecret"_s, this, "secret", SIGNAL(secretChanged()));
    connect(m_text, &QPlainTextEdit::textChanged, this, &RestoreSecretPage::check);
}

int RestoreSecretPage::nextId() const { return FirstRunWizard::FolderPage; }

bool RestoreSecretPage::isComplete() const { return m_valid; }

QString RestoreSecretPage::secret() const
{
    // Line breaks and spaces from copying are not part of the secret.
    QString s = m_text->toPlainText().toUpper();
    s.remove(u' ');
    s.remove(u'\n');
    s.remove(u'\t');
    return s;
}

QString RestoreSecretPage::describe(const api::SecretProblem &p)
{
    using Kind = api::SecretProblem::Kind;
    switch (p.kind) {
    case Kind::None:
        return tr("The secret is valid.");
    case Kind::Length:
        return tr("A recovery secret has %1 groups of %2 characters (%3 in all), but %4 were typed: check for a "
                  "missing or extra character.")
            .arg(p.groups)
            .arg(p.groupWidth)
            .arg(p.groups * p.groupWidth)
            .arg(p.given);
    case Kind::BadCharacter:
        return tr("Group %1 (\"%2\") contains '%3', which never appears in a recovery secret.")
            .arg(p.group)
            .arg(p.groupText, p.character);
    case Kind::Typo:
        return tr("Group %1 (\"%2\") has a typo: its check character does not match.").arg(p.group).arg(p.groupText);
    case Kind::Undecodable:
        return tr("The recovery secret could not be decoded.");
    case Kind::Checksum:
        return tr("The recovery secret's checksum does not match: groups may be out of order.");
    }
    return {};
}

QString RestoreSecretPage::problem() const { return m_problem->text(); }

void RestoreSecretPage::check()
{
    const QString s = secret();
    const api::SecretProblem p = api::diagnoseRecoverySecret(s);
    m_valid = p.kind == api::SecretProblem::Kind::None;
    m_problem->setText(s.isEmpty() ? QString() : describe(p));
    Q_EMIT secretChanged();
    Q_EMIT completeChanged();
}

} // namespace stratus::ui
