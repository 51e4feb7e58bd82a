#pragma once

#include <QWizardPage>

class QLineEdit;

namespace stratus::ui {

// The folder whose files Stratus keeps on the network (default ~/Stratus).
class SyncFolderPage : public QWizardPage {
    Q_OBJECT
public:
    SyncFolderPage(const QString &folder, QWidget *parent = nullptr);
    int nextId() const override;
    bool isComplete() const override;

private:
    QLineEdit *m_folder;
};

} // namespace stratus::ui
