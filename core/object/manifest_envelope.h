#pragma once

#include "common/result.h"
#include "crypto/secret.h"
#include "object/manifest.h"

namespace stratus::object {

// A manifest as it leaves the device: "STRMANI1" (8 bytes), a 12-byte random
// nonce, then the CBOR manifest sealed with AES-256-GCM under
// HKDF(data master key, salt "stratus/manifest/v1", info "manifest"), with
// the 8-byte magic as associated data. Only the account that wrote it can
// read it, and any change to it is detected.
QByteArray sealManifest(const FileManifest &manifest, const crypto::Key256 &dataMaster);
Result<FileManifest> openManifest(const QByteArray &envelope, const crypto::Key256 &dataMaster);

} // namespace stratus::object
