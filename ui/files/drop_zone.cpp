#include "files/drop_zone.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

DropZone::DropZone(QWidget *parent) : QFrame(parent)
{
    setObjectName(u"dropZone"_s);
    setAcceptDrops(true);
    setFrameShape(QFrame::StyledPanel);
    setMinimumHeight(110);
    setAccessibleName(tr("Drop zone"));
    setAccessibleDescription(tr("Drop files or folders here to copy them into the synced folder and store them"));
    m_label = new QLabel(tr("Drop files or folders here: they are copied into the synced folder and stored on "
                            "the network."),
                         this);
    m_label->setWordWrap(true);
    m_label->setAlignment(Qt::AlignCenter);
    m_file = new QLabel(this);
    m_file->setAlignment(Qt::AlignCenter);
    m_bar = new QProgressBar(this);
    m_bar->setAccessibleName(tr("Progress of the file being stored"));
    m_bar->setVisible(false);
    m_file->setVisible(false);
    auto *add = new QPushButton(tr("Add &files…"), this);
    add->setAccessibleName(tr("Add files to the synced folder"));
    connect(add, &QPushButton::clicked, this, &DropZone::chooseFiles);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addStretch(1);
    buttonRow->addWidget(add);
    buttonRow->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_label);
    layout->addLayout(buttonRow);
    layout->addWidget(m_file);
    layout->addWidget(m_bar);
    setHighlighted(false);
}

QList<QUrl> DropZone::localUrls(const QMimeData *mime)
{
    QList<QUrl> out;
    if (!mime || !mime->hasUrls())
        return out;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            out.append(url);
    return out;
}

void DropZone::setTarget(const QString &directory)
{
    m_label->setText(tr("Drop files or folders here: they are copied into %1 and stored on the network.")
                         .arg(QDir::toNativeSeparators(directory)));
}

QString DropZone::hint() const { return m_label->text(); }

void DropZone::showProgress(const QString &name, qint64 done, qint64 total)
{
    const bool on = !name.isEmpty();
    m_bar->setVisible(on);
    m_file->setVisible(on);
    if (!on)
        return;
    m_file->setText(name);
    // Per mille: QProgressBar's range is an int.
    m_bar->setRange(0, 1000);
    m_bar->setValue(total > 0 ? static_cast<int>(done * 1000 / total) : 0);
}

void DropZone::dragEnterEvent(QDragEnterEvent *event)
{
    if (localUrls(event->mimeData()).isEmpty())
        return;
    setHighlighted(true);
    event->acceptProposedAction();
}

void DropZone::dragLeaveEvent(QDragLeaveEvent *) { setHighlighted(false); }

void DropZone::dropEvent(QDropEvent *event)
{
    setHighlighted(false);
    const QList<QUrl> urls = localUrls(event->mimeData());
    if (urls.isEmpty())
        return;
    event->acceptProposedAction();
    Q_EMIT dropped(urls);
}

void DropZone::chooseFiles()
{
    const QList<QUrl> urls = QFileDialog::getOpenFileUrls(this, tr("Add files to the synced folder"));
    QList<QUrl> local;
    for (const QUrl &url : urls)
        if (url.isLocalFile())
            local.append(url);
    if (!local.isEmpty())
        Q_EMIT dropped(local);
}

void DropZone::setHighlighted(bool on)
{
    setStyleSheet(on ? u"#dropZone { border: 2px solid palette(highlight); border-radius: 8px; }"_s
                     : u"#dropZone { border: 2px dashed palette(mid); border-radius: 8px; }"_s);
}

} // namespace stratus::ui
