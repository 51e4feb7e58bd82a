#pragma once

#include <QFrame>
#include <QList>
#include <QUrl>

class QLabel;
class QMimeData;
class QProgressBar;

namespace stratus::ui {

// The Files page's target for files and folders dragged from a file manager.
class DropZone : public QFrame {
    Q_OBJECT
public:
    explicit DropZone(QWidget *parent = nullptr);

    // What is being stored now ("" hides the bar).
    void showProgress(const QString &name, qint64 done, qint64 total);
    // Where drops go (a directory on this computer).
    void setTarget(const QString &directory);
    QString hint() const;

    // The local files and folders of a drag, or nothing.
    static QList<QUrl> localUrls(const QMimeData *mime);

Q_SIGNALS:
    // Dropped, or chosen with "Add files…" (the keyboard's way in).
    void dropped(const QList<QUrl> &urls);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void setHighlighted(bool on);
    void chooseFiles();

    QLabel *m_label;
    QLabel *m_file;
    QProgressBar *m_bar;
};

} // namespace stratus::ui
