#pragma once

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QSlider;

namespace stratus::ui {

// Optional: contribute storage (a size up to the free disk) and run a paper
// node, both in this app.
class ContributePage : public QWizardPage {
    Q_OBJECT
public:
    ContributePage(const QString &dataDir, QWidget *parent = nullptr);
    int nextId() const override { return -1; }

private:
    void updateSize();

    QCheckBox *m_contribute;
    QSlider *m_size;
    QLabel *m_sizeText;
    QCheckBox *m_paper;
};

} // namespace stratus::ui
