#pragma once

#include <QWizardPage>

class QCheckBox;

namespace stratus::ui {

// Shows a new account's recovery secret once, to be written down.
class ShowSecretPage : public QWizardPage {
    Q_OBJECT
public:
    ShowSecretPage(const QString &secret, QWidget *parent = nullptr);
    int nextId() const override;
    bool isComplete() const override;

private:
    QCheckBox *m_written;
};

} // namespace stratus::ui
