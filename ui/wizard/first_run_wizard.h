#pragma once

// The first run: create an account (the recovery secret shown, a few groups
// asked back) or restore one; the folder to sync; the network (by default a
// local one the app starts itself); optionally contribute storage and run a
// paper node.

#include "engine/app_paths.h"

#include <QWizard>

namespace stratus::ui {

class AppSettings;

class FirstRunWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { ChoicePage, SecretPage, ConfirmPage, RestorePage, FolderPage, NetworkPage, ContributionPage };

    FirstRunWizard(const AppPaths &paths, AppSettings &settings, QWidget *parent = nullptr);

    // The new account's secret (create) as shown.
    const QString &newSecret() const { return m_secret; }
    const AppPaths &paths() const { return m_paths; }
    // Writes the account and the settings; "" or what went wrong.
    QString finish();

    void accept() override;

private:
    AppPaths m_paths;
    AppSettings &m_settings;
    QString m_secret;
};

} // namespace stratus::ui
