#pragma once

#include <QList>
#include <QWizardPage>

class QLineEdit;

namespace stratus::ui {

// Asks for three groups of the new recovery secret back, so that a secret
// that was not written down is noticed now and not when it is needed.
class ConfirmSecretPage : public QWizardPage {
    Q_OBJECT
public:
    ConfirmSecretPage(const QString &secret, QWidget *parent = nullptr);
    int nextId() const override;
    bool isComplete() const override;

    // The groups asked for, counted from 1.
    const QList<int> &groups() const { return m_groups; }
    QLineEdit *answer(int i) const { return m_answers.value(i); }

private:
    QStringList m_secretGroups;
    QList<int> m_groups;
    QList<QLineEdit *> m_answers;
};

} // namespace stratus::ui
