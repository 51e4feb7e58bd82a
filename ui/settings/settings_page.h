#pragma once

// Settings: the network, rate limits, storage allocation, language and start
// at login. Kept in the app's settings file.

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace stratus::ui {

class Session;

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPage(Session &session, QWidget *parent = nullptr);

    QCheckBox *autostartBox() const { return m_autostart; }
    QComboBox *languageBox() const { return m_language; }
    void save();

Q_SIGNALS:
    void languageChanged(const QString &code);

private:
    Session &m_session;
    QRadioButton *m_local;
    QRadioButton *m_file;
    QLineEdit *m_networkFile;
    QSpinBox *m_up;
    QSpinBox *m_down;
    QSpinBox *m_storage;
    QComboBox *m_language;
    QCheckBox *m_autostart;
    QLabel *m_note;
};

} // namespace stratus::ui
