#include "wizard/secret_page.h"

#include "wizard/first_run_wizard.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

ShowSecretPage::ShowSecretPage(const QString &secret, QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("Your recovery secret"));
    setSubTitle(tr("Write it down on paper and keep it safe. It is the only way to get your files back if this "
                   "computer is lost. Nobody, not even the Stratus network, can recover it for you."));
    auto *text = new QPlainTextEdit(this);
    text->setObjectName(u"recoverySecret"_s);
    text->setReadOnly(true);
    text->setAccessibleName(tr("Recovery secret"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(mono.pointSizeF() * 1.3);
    text->setFont(mono);
    // Groups in rows of four, as on paper.
    const QStringList groups = secret.split(u'-');
    QStringList rows;
    for (qsizetype i = 0; i < groups.size(); i += 4)
        rows.append(groups.mid(i, 4).join(u"-"_s));
    text->setPlainText(rows.join(u"-\n"_s));
    text->setMaximumHeight(140);
    m_written = new QCheckBox(tr("I have &written down my recovery secret"), this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_written);
    layout->addStretch(1);
    connect(m_written, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
}

int ShowSecretPage::nextId() const { return FirstRunWizard::ConfirmPage; }

bool ShowSecretPage::isComplete() const { return m_written->isChecked(); }

} // namespace stratus::ui
