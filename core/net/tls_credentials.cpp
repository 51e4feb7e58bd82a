#include "net/tls_credentials.h"

#include <QSslSocket>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace stratus::net {

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
struct X509Free {
    void operator()(X509 *p) const { X509_free(p); }
};
struct BioFree {
    void operator()(BIO *p) const { BIO_free(p); }
};
struct BnFree {
    void operator()(BIGNUM *p) const { BN_free(p); }
};
struct ExtFree {
    void operator()(X509_EXTENSION *p) const { X509_EXTENSION_free(p); }
};

constexpr long kSecondsPerDay = 86400;
// Validity is not a security property here (the certificate is thrown away at
// exit and trusted only through the hello); keep it wide so that clock skew
// between nodes never breaks a handshake.
constexpr long kValidBeforeNow = 7 * kSecondsPerDay;
constexpr long kValidAfterNow = 20L * 365 * kSecondsPerDay;

Error sslFailure(const QString &what) { return makeError(u"cannot make the TLS certificate: %1 failed"_s.arg(what)); }

} // namespace

Result<TlsCredentials> makeTlsCredentials()
{
    std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_EC_gen("P-256"));
    if (!key)
        return sslFailure(u"P-256 key generation"_s);
    std::unique_ptr<X509, X509Free> cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1)
        return sslFailure(u"X509_new"_s);

    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return sslFailure(u"RAND_bytes"_s);
    serial[0] &= 0x7f; // positive
    std::unique_ptr<BIGNUM, BnFree> bn(BN_bin2bn(serial, sizeof serial, nullptr));
    if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get())))
        return sslFailure(u"serial number"_s);
    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kValidBeforeNow) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidAfterNow))
        return sslFailure(u"validity"_s);
    if (X509_set_pubkey(cert.get(), key.get()) != 1)
        return sslFailure(u"X509_set_pubkey"_s);

    const QByteArray name = QString::fromUtf16(kTlsPeerName).toLatin1();
    X509_NAME *subject = X509_get_subject_name(cert.get());
    if (X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>(name.constData()), -1, -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), subject) != 1)
        return sslFailure(u"subject name"_s);

    // Only a subjectAltName: a keyUsage without keyCertSign would make
    // OpenSSL stop treating the certificate as self-signed, and the error
    // would no longer be the one we ignore.
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    const QByteArray san = "DNS:" + name;
    std::unique_ptr<X509_EXTENSION, ExtFree> ext(
        X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.constData()));
    if (!ext || X509_add_ext(cert.get(), ext.get(), -1) != 1)
        return sslFailure(u"subjectAltName"_s);

    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return sslFailure(u"X509_sign"_s);

    const int derSize = i2d_X509(cert.get(), nullptr);
    if (derSize <= 0)
        return sslFailure(u"i2d_X509"_s);
    QByteArray der(derSize, Qt::Uninitialized);
    unsigned char *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_X509(cert.get(), &out) != derSize)
        return sslFailure(u"i2d_X509"_s);

    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return sslFailure(u"PEM_write_bio_PrivateKey"_s);
    char *pemData = nullptr;
    const long pemSize = BIO_get_mem_data(bio.get(), &pemData);
    QByteArray pem(pemData, static_cast<qsizetype>(pemSize));

    TlsCredentials creds;
    creds.certificate = QSslCertificate(der, QSsl::Der);
    creds.privateKey = QSslKey(pem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    pem.fill('\0');
    if (creds.certificate.isNull())
        return makeError(u"Qt cannot read the generated certificate (is Qt's OpenSSL TLS backend available?)"_s);
    if (creds.privateKey.isNull())
        return makeError(u"Qt cannot read the generated P-256 key (is Qt's OpenSSL TLS backend available?)"_s);
    return creds;
}

QSslConfiguration makeTlsConfiguration(const TlsCredentials &credentials)
{
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setProtocol(QSsl::TlsV1_3OrLater);
    conf.setLocalCertificate(credentials.certificate);
    conf.setPrivateKey(credentials.privateKey);
    conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
    conf.setCaCertificates({});
    return conf;
}

bool onlySelfSignedErrors(const QList<QSslError> &errors)
{
    if (errors.isEmpty())
        return false;
    for (const QSslError &e : errors) {
        if (e.error() != QSslError::SelfSignedCertificate && e.error() != QSslError::SelfSignedCertificateInChain)
            return false;
    }
    return true;
}

} // namespace stratus::net
