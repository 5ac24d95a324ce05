//! The centre's sealing key and its certificate: a fresh P-256 key with a
//! self-signed certificate, the key stored as PKCS#8, a PKCS#12 file read
//! in (or written for a backup), and the names a certificate carries.

use std::time::{Duration, UNIX_EPOCH};

use const_oid::ObjectIdentifier;
use const_oid::db::rfc4519;
use der::asn1::{SetOfVec, Utf8StringRef};
use der::{Any, Decode, Encode};
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::Certificate;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};

use super::{ImportError, SealError};

/// A `Name` of `CN=common_name, O=org`, both as UTF8String (so Chinese and
/// other non-ASCII names work and nothing needs RFC 4514 escaping).
fn subject_name(common_name: &str, org: &str) -> Result<Name, SealError> {
    let rdn = |oid: ObjectIdentifier,
               value: &str|
     -> Result<RelativeDistinguishedName, SealError> {
        let atv = AttributeTypeAndValue {
            oid,
            value: Any::encode_from(&Utf8StringRef::new(value).map_err(SealError::certificate)?)
                .map_err(SealError::certificate)?,
        };
        Ok(RelativeDistinguishedName::from(
            SetOfVec::try_from(vec![atv]).map_err(SealError::certificate)?,
        ))
    };
    let mut rdns = Vec::new();
    if !org.is_empty() {
        rdns.push(rdn(rfc4519::O, org)?);
    }
    rdns.push(rdn(rfc4519::CN, common_name)?);
    Ok(RdnSequence(rdns))
}

/// Creates a fresh P-256 key and a self-signed X.509 v3 certificate for it:
/// subject = issuer = `CN=common_name, O=org`, valid from now for 10 years,
/// BasicConstraints CA=false, KeyUsage digitalSignature + nonRepudiation,
/// subject/authority key identifiers. Meant for a centre that has no CA
/// certificate; such seals verify as intact but "untrusted".
///
/// The serial is the first 16 bytes of SHA-256(public key ‖ names ‖ time),
/// forced positive: unique per key, reproducible from those inputs.
///
/// Panics only if the RustCrypto builders reject well-formed input (they do
/// not for these fixed profiles); see [`try_self_signed`] for a fallible form.
pub fn self_signed(common_name: &str, org: &str) -> (SigningKey, Vec<u8>) {
    try_self_signed(common_name, org).expect("self-signed certificate")
}

/// Fallible form of [`self_signed`].
pub fn try_self_signed(common_name: &str, org: &str) -> Result<(SigningKey, Vec<u8>), SealError> {
    let key = SigningKey::random(&mut rand_core::OsRng);
    let cert_der = self_signed_for_key(&key, common_name, org)?;
    Ok((key, cert_der))
}

/// Self-signed certificate (see [`self_signed`]) for an existing key.
pub fn self_signed_for_key(
    key: &SigningKey,
    common_name: &str,
    org: &str,
) -> Result<Vec<u8>, SealError> {
    const TEN_YEARS: Duration = Duration::from_secs(3653 * 86_400);
    let validity = Validity::from_now(TEN_YEARS).map_err(SealError::certificate)?;
    certificate_for_key(key, common_name, org, validity)
}

/// Self-signed certificate (see [`self_signed`]) for an existing key,
/// valid from `not_before_unix` to `not_after_unix` (Unix seconds, from
/// 1970 to 9999) instead of from now for 10 years: for a certificate that
/// has expired or is not yet valid (tests, and checking how a seal made
/// outside its certificate's validity is refused).
pub fn self_signed_valid_between(
    key: &SigningKey,
    common_name: &str,
    org: &str,
    not_before_unix: i64,
    not_after_unix: i64,
) -> Result<Vec<u8>, SealError> {
    let time = |unix: i64| -> Result<Time, SealError> {
        let secs = u64::try_from(unix)
            .map_err(|_| SealError::certificate(format!("time {unix} is before 1970")))?;
        Time::try_from(UNIX_EPOCH + Duration::from_secs(secs)).map_err(SealError::certificate)
    };
    let validity = Validity {
        not_before: time(not_before_unix)?,
        not_after: time(not_after_unix)?,
    };
    certificate_for_key(key, common_name, org, validity)
}

/// The self-signed certificate of `key`, named and valid as given.
fn certificate_for_key(
    key: &SigningKey,
    common_name: &str,
    org: &str,
    validity: Validity,
) -> Result<Vec<u8>, SealError> {
    let subject = subject_name(common_name, org)?;
    let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key())
        .map_err(SealError::certificate)?;

    let mut h = Sha256::new();
    h.update(spki.to_der().map_err(SealError::certificate)?);
    h.update(common_name.as_bytes());
    h.update([0]);
    h.update(org.as_bytes());
    h.update(
        validity
            .not_before
            .to_der()
            .map_err(SealError::certificate)?,
    );
    let mut serial = [0u8; 16];
    serial.copy_from_slice(&h.finalize()[..16]);
    serial[0] = (serial[0] & 0x7f) | 0x40; // positive, exactly 16 octets
    let serial = SerialNumber::new(&serial).map_err(SealError::certificate)?;

    // `Leaf` with issuer == subject gives a self-signed end-entity cert with
    // KeyUsage digitalSignature + nonRepudiation and CA=false.
    let profile = Profile::Leaf {
        issuer: subject.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let builder = CertificateBuilder::new(profile, serial, validity, subject, spki, key)
        .map_err(SealError::certificate)?;
    let cert = builder
        .build::<DerSignature>()
        .map_err(SealError::certificate)?;
    cert.to_der().map_err(SealError::certificate)
}

/// The key as PKCS#8 DER, for storing.
pub fn key_to_pkcs8(key: &SigningKey) -> Result<Vec<u8>, SealError> {
    use p256::pkcs8::EncodePrivateKey;
    key.to_pkcs8_der()
        .map(|doc| doc.as_bytes().to_vec())
        .map_err(SealError::key_encoding)
}

/// A stored PKCS#8 DER key.
pub fn key_from_pkcs8(der: &[u8]) -> Result<SigningKey, SealError> {
    use p256::pkcs8::DecodePrivateKey;
    SigningKey::from_pkcs8_der(der).map_err(SealError::key_encoding)
}

/// Whether a DER certificate carries the public half of `key`.
pub fn certificate_matches_key(cert_der: &[u8], key: &SigningKey) -> bool {
    let Ok(cert) = Certificate::from_der(cert_der) else {
        return false;
    };
    let Ok(spki) = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()) else {
        return false;
    };
    cert.tbs_certificate.subject_public_key_info == spki
}

/// The certificate's validity, `(notBefore, notAfter)` in Unix seconds.
pub(super) fn validity_unix(cert: &Certificate) -> (i64, i64) {
    let unix = |t: Time| i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    let validity = cert.tbs_certificate.validity;
    (unix(validity.not_before), unix(validity.not_after))
}

/// The certificate's public key, which must be P-256.
pub(super) fn certificate_key(cert: &Certificate) -> Result<VerifyingKey, SealError> {
    VerifyingKey::from_sec1_bytes(
        cert.tbs_certificate
            .subject_public_key_info
            .subject_public_key
            .raw_bytes(),
    )
    .map_err(|_| SealError::KeyNotP256)
}

/// A sealing key and certificate read from a PKCS#12 (.p12 / .pfx) file.
#[derive(Debug)]
pub struct ImportedKey {
    pub key: SigningKey,
    pub certificate: Vec<u8>,
    /// The certificate subject's common name (who the seal names).
    pub common_name: String,
    /// The subject's organisation, if any.
    pub organisation: String,
    /// The rest of the file's chain (the issuing CA and any intermediates),
    /// DER, nearest first; empty for a self-signed certificate.
    pub chain: Vec<Vec<u8>>,
}

/// Reads the centre's key and certificate from a PKCS#12 file.
pub fn import_pkcs12(data: &[u8], password: &str) -> Result<ImportedKey, ImportError> {
    let store = p12_keystore::KeyStore::from_pkcs12(data, password)
        .map_err(|e| ImportError::Unreadable(e.to_string()))?;
    let (_, chain) = store.private_key_chain().ok_or(ImportError::NoKey)?;
    let cert_der = chain
        .chain()
        .first()
        .ok_or(ImportError::NoKey)?
        .as_der()
        .to_vec();
    let key = key_from_pkcs8(chain.key()).map_err(|_| ImportError::UnsupportedKey)?;
    if !certificate_matches_key(&cert_der, &key) {
        return Err(ImportError::Mismatch);
    }
    let cert =
        Certificate::from_der(&cert_der).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    let subject = &cert.tbs_certificate.subject;
    let issuers = chain
        .chain()
        .iter()
        .skip(1)
        .map(|c| c.as_der().to_vec())
        .collect();
    Ok(ImportedKey {
        key,
        common_name: common_name(subject).unwrap_or_default(),
        organisation: attribute(subject, rfc4519::O).unwrap_or_default(),
        certificate: cert_der,
        chain: issuers,
    })
}

/// Who issued the certificate, when it is not self-signed and a
/// certificate of `chain` (DER certificates one after another, as the
/// store keeps them) is its issuer by name and by signature (ECDSA P-256
/// with SHA-256; an issuer with another kind of key cannot be checked
/// here and gives `None`). The issuer's common name.
pub fn issued_by(cert_der: &[u8], chain: &[u8]) -> Option<String> {
    use p256::ecdsa::signature::Verifier;
    let cert = Certificate::from_der(cert_der).ok()?;
    let tbs = &cert.tbs_certificate;
    if tbs.issuer == tbs.subject {
        return None;
    }
    if cert.signature_algorithm.oid != const_oid::db::rfc5912::ECDSA_WITH_SHA_256 {
        return None;
    }
    let signed = tbs.to_der().ok()?;
    let signature = p256::ecdsa::Signature::from_der(cert.signature.raw_bytes()).ok()?;
    split_der(chain).into_iter().find_map(|der| {
        let issuer = Certificate::from_der(&der).ok()?;
        if issuer.tbs_certificate.subject != tbs.issuer {
            return None;
        }
        let key = certificate_key(&issuer).ok()?;
        key.verify(&signed, &signature).ok()?;
        Some(common_name(&issuer.tbs_certificate.subject).unwrap_or_default())
    })
}

/// DER certificates written one after another, taken apart by their
/// outer SEQUENCE's length; stops at anything else.
pub fn split_der(mut all: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while let [0x30, first, rest @ ..] = all {
        let (len, header) = match *first {
            n if n < 0x80 => (usize::from(n), 2),
            n @ 0x81..=0x84 => {
                let count = usize::from(n - 0x80);
                let Some(bytes) = rest.get(..count) else {
                    break;
                };
                let len = bytes
                    .iter()
                    .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
                (len, 2 + count)
            }
            _ => break,
        };
        let Some(cert) = all.get(..header + len) else {
            break;
        };
        out.push(cert.to_vec());
        all = &all[header + len..];
    }
    out
}

/// Writes a key and certificate as a PKCS#12 file (for backups and tests).
pub fn export_pkcs12(
    key: &SigningKey,
    cert_der: &[u8],
    password: &str,
) -> Result<Vec<u8>, SealError> {
    export_pkcs12_with_chain(key, cert_der, &[], password)
}

/// [`export_pkcs12`] with the issuing chain after the certificate.
pub fn export_pkcs12_with_chain(
    key: &SigningKey,
    cert_der: &[u8],
    issuers: &[Vec<u8>],
    password: &str,
) -> Result<Vec<u8>, SealError> {
    let export = |e: p12_keystore::error::Error| SealError::Pkcs12Export {
        detail: e.to_string(),
    };
    let mut certs = vec![p12_keystore::Certificate::from_der(cert_der).map_err(export)?];
    for der in issuers {
        certs.push(p12_keystore::Certificate::from_der(der).map_err(export)?);
    }
    let chain = p12_keystore::PrivateKeyChain::new(key_to_pkcs8(key)?, [1u8; 20], certs);
    let mut store = p12_keystore::KeyStore::new();
    store.add_entry(
        "centre",
        p12_keystore::KeyStoreEntry::PrivateKeyChain(chain),
    );
    store.writer(password).write().map_err(export)
}

/// The (last) CN of a name, decoded from UTF8String / PrintableString /
/// IA5String.
pub(super) fn common_name(name: &Name) -> Option<String> {
    attribute(name, rfc4519::CN)
}

/// The (last) value of an attribute of a name (CN, O...).
fn attribute(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == oid)
        .filter_map(|atv| {
            atv.value
                .decode_as::<String>()
                .ok()
                .or_else(|| {
                    atv.value
                        .decode_as::<der::asn1::PrintableStringRef<'_>>()
                        .ok()
                        .map(|s| s.to_string())
                })
                .or_else(|| {
                    atv.value
                        .decode_as::<der::asn1::Ia5StringRef<'_>>()
                        .ok()
                        .map(|s| s.to_string())
                })
        })
        .next_back()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn self_signed_cert_parses() {
        let (key, der) = self_signed("示例中心", "Example Org");
        let cert = Certificate::from_der(&der).unwrap();
        assert_eq!(
            common_name(&cert.tbs_certificate.subject).as_deref(),
            Some("示例中心")
        );
        assert_eq!(cert.tbs_certificate.subject, cert.tbs_certificate.issuer);
        let vk = VerifyingKey::from_sec1_bytes(
            cert.tbs_certificate
                .subject_public_key_info
                .subject_public_key
                .raw_bytes(),
        )
        .unwrap();
        assert_eq!(&vk, key.verifying_key());
    }
}
