#pragma once

#include <QWizardPage>

class QLineEdit;
class QRadioButton;

namespace stratus::ui {

// The network: a local one the app starts on this machine (the default, for
// trying out: no backup), or the network a network file names.
class NetworkChoicePage : public QWizardPage {
    Q_OBJECT
public:
    explicit NetworkChoicePage(QWidget *parent = nullptr);
    int nextId() const override;
    bool isComplete() const override;

private:
    QRadioButton *m_local;
    QRadioButton *m_file;
    QLineEdit *m_path;
};

} // namespace stratus::ui
