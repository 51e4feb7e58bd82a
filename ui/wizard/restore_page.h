#pragma once

#include "api/desktop_account.h"

#include <QWizardPage>

class QLabel;
class QPlainTextEdit;

namespace stratus::ui {

// The recovery secret typed back; a typo is reported with its group.
class RestoreSecretPage : public QWizardPage {
    Q_OBJECT
    Q_PROPERTY(QString secret READ secret NOTIFY secretChanged)
public:
    explicit RestoreSecretPage(QWidget *parent = nullptr);
    int nextId() const override;
    bool isComplete() const override;
    QString secret() const;
    QString problem() const;
    // The problem in the UI's language.
    static QString describe(const api::SecretProblem &problem);

Q_SIGNALS:
    void secretChanged();

private:
    void check();

    QPlainTextEdit *m_text;
    QLabel *m_problem;
    bool m_valid = false;
};

} // namespace stratus::ui
