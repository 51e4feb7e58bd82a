#include "discovery/node_keys.h"

#include "common/key_file.h"
#include "crypto/random.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace stratus::discovery {

Result<NodeKeys> NodeKeys::loadOrCreate(const QString &dir)
{
    if (!QDir().mkpath(dir))
        return makeError(u"cannot create the node directory %1"_s.arg(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString seedPath = dir + u"/node.seed"_s;
    const QString dbKeyPath = dir + u"/database.key"_s;
    NodeKeys keys;
    if (!QFileInfo::exists(dbKeyPath)) {
        if (Status st = writeKeyFile(dbKeyPath, crypto::randomKey().toByteArray()); !st)
            return st.error();
    }
    if (!QFileInfo::exists(seedPath)) {
        if (Status st = writeKeyFile(seedPath, crypto::randomKey().toByteArray()); !st)
            return st.error();
        keys.created = true;
    }
    auto seed = readKeyFile(seedPath, crypto::Key256::size);
    if (!seed)
        return seed.error();
    auto dbKey = readKeyFile(dbKeyPath, crypto::Key256::size);
    if (!dbKey)
        return dbKey.error();
    crypto::Key256 s;
    crypto::Key256::fromBytes(seed.value(), s);
    crypto::Key256::fromBytes(dbKey.value(), keys.databaseKey);
    seed->fill('\0');
    dbKey->fill('\0');
    keys.identity = std::make_shared<crypto::SigningKey>(s);
    keys.id = crypto::NodeId::fromPublicKey(keys.identity->publicKey());
    return keys;
}

} // namespace stratus::discovery
