#pragma once

#include <QWizardPage>

class QRadioButton;

namespace stratus::ui {

// Create a new account or restore one from its recovery secret.
class AccountChoicePage : public QWizardPage {
    Q_OBJECT
public:
    explicit AccountChoicePage(QWidget *parent = nullptr);
    int nextId() const override;

private:
    QRadioButton *m_create;
    QRadioButton *m_restore;
};

} // namespace stratus::ui
