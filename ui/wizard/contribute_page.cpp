#include "wizard/contribute_page.h"

#include "engine/formatting.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QSlider>
#include <QStorageInfo>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

constexpr qint64 kGiB = qint64(1) << 30;

// The volume the data dir will be on (its nearest existing ancestor).
QStorageInfo volumeOf(QString dir)
{
    while (!QDir(dir).exists() && dir != QDir(dir).absoluteFilePath(u".."_s))
        dir = QDir(dir).absoluteFilePath(u".."_s);
    return QStorageInfo(dir);
}

} // namespace

ContributePage::ContributePage(const QString &dataDir, QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("Give back (optional)"));
    setSubTitle(tr("Stratus is run by its users: you can offer disk space to others' encrypted shards and earn "
                   "credits, and audit the network as a paper node. Both can be switched later."));
    const QStorageInfo volume = volumeOf(dataDir);
    const qint64 freeBytes = volume.isValid() ? volume.bytesAvailable() : 0;
    m_contribute = new QCheckBox(tr("&Contribute storage"), this);
    m_size = new QSlider(Qt::Horizontal, this);
    m_size->setAccessibleName(tr("Storage to contribute"));
    // Up to 90% of the free space, at least 1 GiB on the slider.
    m_size->setRange(1, static_cast<int>(std::max<qint64>(1, freeBytes * 9 / 10 / kGiB)));
    m_size->setValue(std::min(10, m_size->maximum()));
    m_size->setEnabled(false);
    m_sizeText = new QLabel(this);
    auto *freeText = new QLabel(tr("Free on this disk: %1").arg(formatBytes(freeBytes)), this);
    freeText->setObjectName(u"freeDisk"_s);
    m_paper = new QCheckBox(tr("Run a &paper node (audits the storage nodes)"), this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_contribute);
    layout->addWidget(m_size);
    layout->addWidget(m_sizeText);
    layout->addWidget(freeText);
    layout->addSpacing(12);
    layout->addWidget(m_paper);
    layout->addStretch(1);
    registerField(u"contribute"_s, m_contribute);
    registerField(u"storageGiB"_s, m_size);
    registerField(u"paperNode"_s, m_paper);
    connect(m_contribute, &QCheckBox::toggled, m_size, &QSlider::setEnabled);
    connect(m_size, &QSlider::valueChanged, this, &ContributePage::updateSize);
    updateSize();
}

void ContributePage::updateSize() { m_sizeText->setText(tr("Offer %1").arg(formatBytes(m_size->value() * kGiB))); }

} // namespace stratus::ui
