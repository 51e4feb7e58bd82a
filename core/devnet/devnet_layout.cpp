#include "devnet/devnet_layout.h"

#include "common/files.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::devnet {

DevnetNode *DevnetLayout::find(const QString &name)
{
    for (DevnetNode &n : nodes)
        if (n.name == name)
            return &n;
    return nullptr;
}

Status DevnetLayout::save() const
{
    QJsonArray list;
    for (const DevnetNode &n : nodes) {
        QJsonObject o = n.endpoint.toJson();
        o.insert(u"name"_s, n.name);
        o.insert(u"data_dir"_s, n.dataDir);
        o.insert(u"id"_s, n.id.toString());
        o.insert(u"storage"_s, static_cast<qint64>(n.storageBytes));
        o.insert(u"validator"_s, n.validator);
        if (n.auditIntervalMs > 0)
            o.insert(u"audit_interval_ms"_s, n.auditIntervalMs);
        o.insert(u"pid"_s, n.pid);
        list.append(o);
    }
    const QJsonObject root{{u"format"_s, u"stratus-devnet"_s}, {u"network"_s, networkName}, {u"nodes"_s, list}};
    return writeFileAtomic(layoutFile(), QJsonDocument(root).toJson());
}

Result<DevnetLayout> DevnetLayout::load(const QString &dir)
{
    DevnetLayout layout;
    layout.dir = QDir(dir).absolutePath();
    if (!QFileInfo::exists(layout.layoutFile()))
        return makeError(
            u"%1 holds no local network (no devnet.json); start one with `stratus devnet up --dir %1`"_s.arg(
                layout.dir));
    auto bytes = readFileLimited(layout.layoutFile(), 16 * 1024 * 1024);
    if (!bytes)
        return bytes.error();
    const QJsonObject root = QJsonDocument::fromJson(bytes.value()).object();
    if (root.value(u"format"_s).toString() != u"stratus-devnet"_s)
        return makeError(u"%1 is damaged or not a devnet file"_s.arg(layout.layoutFile()));
    layout.networkName = root.value(u"network"_s).toString();
    for (const QJsonValue &v : root.value(u"nodes"_s).toArray()) {
        const QJsonObject o = v.toObject();
        DevnetNode n;
        n.name = o.value(u"name"_s).toString();
        n.dataDir = o.value(u"data_dir"_s).toString();
        auto id = crypto::NodeId::parse(o.value(u"id"_s).toString());
        auto endpoint = discovery::Endpoint::fromJson(o, n.name);
        if (n.name.isEmpty() || n.dataDir.isEmpty() || !id || !endpoint)
            return makeError(u"%1 is damaged (node entry %2)"_s.arg(layout.layoutFile(), n.name));
        n.id = id.value();
        n.endpoint = endpoint.value();
        n.storageBytes = static_cast<quint64>(o.value(u"storage"_s).toDouble());
        n.validator = o.value(u"validator"_s).toBool();
        n.auditIntervalMs = std::max<qint64>(0, o.value(u"audit_interval_ms"_s).toInteger(0));
        n.pid = static_cast<qint64>(o.value(u"pid"_s).toDouble());
        layout.nodes.append(n);
    }
    return layout;
}

} // namespace stratus::devnet
