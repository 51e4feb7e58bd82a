// The schema of the node's database (NodeDatabase::migrations()).

#include "node/node_database.h"

using namespace Qt::StringLiterals;

namespace stratus::node {

std::vector<db::Migration> NodeDatabase::migrations()
{
    return {
        {1, uR"sql(
CREATE TABLE contracts (
    id INTEGER PRIMARY KEY,
    shard TEXT NOT NULL,             -- ShardId text: <root hex>-<size>
    client_id BLOB NOT NULL,         -- 32-byte NodeId of the client device
    nonce BLOB NOT NULL,
    start_ms INTEGER NOT NULL,
    expiry_ms INTEGER NOT NULL,
    size INTEGER NOT NULL,
    price INTEGER NOT NULL,          -- micro-credits per GiB-month
    cost INTEGER NOT NULL,           -- micro-credits for the whole contract
    payload BLOB NOT NULL,           -- the exact signed bytes
    client_key BLOB NOT NULL,
    client_sig BLOB NOT NULL,
    node_key BLOB NOT NULL,
    node_sig BLOB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('active', 'deleted', 'collected')),
    accepted_ms INTEGER NOT NULL,
    state_ms INTEGER NOT NULL,       -- when the state last changed
    UNIQUE (client_id, nonce)
);
CREATE INDEX contracts_by_shard ON contracts (shard);
CREATE INDEX contracts_by_state_expiry ON contracts (state, expiry_ms);
CREATE INDEX contracts_by_client ON contracts (client_id);

CREATE TABLE receipts (
    id INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts (id),
    shard TEXT NOT NULL,
    stored_ms INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    signed_contract BLOB NOT NULL    -- encodeSignedContract()
);
CREATE INDEX receipts_by_shard ON receipts (shard);
CREATE INDEX receipts_by_contract ON receipts (contract_id);

CREATE TABLE bandwidth_orders (
    id INTEGER PRIMARY KEY,
    client_id BLOB NOT NULL,
    serial INTEGER NOT NULL,
    shard TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    payload BLOB NOT NULL,
    client_key BLOB NOT NULL,
    client_sig BLOB NOT NULL,
    received_ms INTEGER NOT NULL,
    UNIQUE (client_id, serial)
);

CREATE TABLE deletions (
    id INTEGER PRIMARY KEY,
    client_id BLOB NOT NULL,
    nonce BLOB NOT NULL,
    shard TEXT NOT NULL,
    time_ms INTEGER NOT NULL,
    payload BLOB NOT NULL,
    client_key BLOB NOT NULL,
    client_sig BLOB NOT NULL,
    received_ms INTEGER NOT NULL,
    contracts_cancelled INTEGER NOT NULL,
    UNIQUE (client_id, nonce)
);
CREATE INDEX deletions_by_shard ON deletions (shard);

CREATE TABLE collections (
    id INTEGER PRIMARY KEY,
    shard TEXT NOT NULL,
    reason TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    time_ms INTEGER NOT NULL
);
)sql"_s},
        {2, uR"sql(
CREATE TABLE statements (
    epoch INTEGER PRIMARY KEY,       -- an epoch is closed once
    statement BLOB NOT NULL,         -- the signed epoch statement
    receipts BLOB NOT NULL,          -- CBOR array of the receipt leaves behind it
    evidence BLOB NOT NULL,          -- CBOR array of the validators' signed entries used
    total INTEGER NOT NULL,          -- micro-credits
    created_ms INTEGER NOT NULL
);
)sql"_s},
        {3, uR"sql(
CREATE TABLE pointers (
    key BLOB NOT NULL,               -- the signer's Ed25519 public key
    salt BLOB NOT NULL,
    seq INTEGER NOT NULL,
    record BLOB NOT NULL,            -- the exact SignedPointer bytes
    size INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (key, salt)
);
)sql"_s},
    };
}

} // namespace stratus::node
