//! The CMS `SignedData` (RFC 5652) inside `/Contents`: built detached over
//! a precomputed SHA-256 digest with the ESS signing-certificate-v2
//! attribute (RFC 5035) and no signing-time, and read back (nothing but
//! the reserve's zeros may follow it) and checked: one signer,
//! message-digest, signing-certificate-v2 and the ECDSA P-256 signature
//! over the signed attributes.

use ::cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use ::cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use ::cms::content_info::{CmsVersion, ContentInfo};
use ::cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier};
use const_oid::ObjectIdentifier;
use const_oid::db::{rfc5911, rfc5912};
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Encode, Sequence};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, SigningKey};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;

use super::SealError;
use super::keys::certificate_key;

/// id-aa-signingCertificateV2 (RFC 5035), 1.2.840.113549.1.9.16.2.47.
const ID_AA_SIGNING_CERTIFICATE_V2: ObjectIdentifier = rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2;

// ESS signing-certificate-v2 (RFC 5035). Not provided by the RustCrypto 0.2
// crates, so defined here with der's derive.

/// ```text
/// IssuerSerial ::= SEQUENCE {
///     issuer       GeneralNames,
///     serialNumber CertificateSerialNumber }
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

/// ```text
/// ESSCertIDv2 ::= SEQUENCE {
///     hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},
///     certHash      Hash,               -- OCTET STRING
///     issuerSerial  IssuerSerial OPTIONAL }
/// ```
/// DER omits a DEFAULT value, so for SHA-256 `hash_algorithm` is `None`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertIdV2 {
    hash_algorithm: Option<AlgorithmIdentifierOwned>,
    cert_hash: OctetString,
    issuer_serial: Option<IssuerSerial>,
}

/// ```text
/// SigningCertificateV2 ::= SEQUENCE {
///     certs    SEQUENCE OF ESSCertIDv2,
///     policies SEQUENCE OF PolicyInformation OPTIONAL }
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn signing_certificate_v2_attribute(
    cert: &Certificate,
    cert_der: &[u8],
) -> Result<Attribute, SealError> {
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None, // DEFAULT id-sha256
            cert_hash: OctetString::new(Sha256::digest(cert_der).to_vec())
                .map_err(SealError::cms)?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    cert.tbs_certificate.issuer.clone(),
                )],
                serial_number: cert.tbs_certificate.serial_number.clone(),
            }),
        }],
    };
    let value = Any::encode_from(&ess).map_err(SealError::cms)?;
    Ok(Attribute {
        oid: ID_AA_SIGNING_CERTIFICATE_V2,
        values: SetOfVec::try_from(vec![value]).map_err(SealError::cms)?,
    })
}

fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: rfc5912::ID_SHA_256,
        parameters: None,
    }
}

/// Detached CMS SignedData over a precomputed SHA-256 `digest`.
pub(super) fn build(
    digest: &[u8],
    key: &SigningKey,
    cert: Certificate,
    cert_der: &[u8],
) -> Result<Vec<u8>, SealError> {
    let econtent = EncapsulatedContentInfo {
        econtent_type: rfc5911::ID_DATA,
        econtent: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    // With an external digest the builder adds content-type and
    // message-digest itself; signing-time is deliberately not added.
    // (cms::builder::Error is not a std::error::Error: kept via Display.)
    let mut signer = SignerInfoBuilder::new(key, sid, sha256_alg(), &econtent, Some(digest))
        .map_err(SealError::cms)?;
    signer
        .add_signed_attribute(signing_certificate_v2_attribute(&cert, cert_der)?)
        .map_err(SealError::cms)?;

    let content_info = SignedDataBuilder::new(&econtent)
        .add_digest_algorithm(sha256_alg())
        .map_err(SealError::cms)?
        .add_certificate(CertificateChoices::Certificate(cert))
        .map_err(SealError::cms)?
        .add_signer_info::<_, DerSignature>(signer)
        .map_err(SealError::cms)?
        .build()
        .map_err(SealError::cms)?;
    content_info.to_der().map_err(SealError::cms)
}

/// Reads the CMS in `/Contents`: one DER `ContentInfo` holding
/// `SignedData`, followed by nothing but the zero bytes of the reserve.
pub(super) fn decode(cms_der_padded: &[u8]) -> Result<SignedData, SealError> {
    let mut reader = der::SliceReader::new(cms_der_padded).map_err(SealError::cms)?;
    let content_info: ContentInfo = der::Decode::decode(&mut reader).map_err(SealError::cms)?;
    let used = usize::try_from(der::Reader::position(&reader)).unwrap_or(usize::MAX);
    if cms_der_padded
        .get(used..)
        .is_none_or(|rest| rest.iter().any(|&b| b != 0))
    {
        return Err(SealError::ContentsPadding);
    }
    // DER has one encoding of a value: read back, it is written the same.
    if content_info.to_der().ok().as_deref() != cms_der_padded.get(..used) {
        return Err(SealError::UnexpectedCms);
    }
    if content_info.content_type != rfc5911::ID_SIGNED_DATA {
        return Err(SealError::NotSignedData);
    }
    content_info.content.decode_as().map_err(SealError::cms)
}

/// The signer's certificate, matched by issuer + serial among the
/// certificates the CMS carries.
pub(super) fn signer_certificate(signed_data: &SignedData) -> Result<&Certificate, SealError> {
    let signer_info = signed_data
        .signer_infos
        .0
        .get(0)
        .ok_or(SealError::NoSigner)?;
    let SignerIdentifier::IssuerAndSerialNumber(ias) = &signer_info.sid else {
        return Err(SealError::SignerByKeyId);
    };
    signed_data
        .certificates
        .as_ref()
        .into_iter()
        .flat_map(|set| set.0.iter())
        .find_map(|c| match c {
            CertificateChoices::Certificate(c)
                if c.tbs_certificate.issuer == ias.issuer
                    && c.tbs_certificate.serial_number == ias.serial_number =>
            {
                Some(c)
            }
            _ => None,
        })
        .ok_or(SealError::NoCertificate)
}

/// Whether the parts of the CMS no signature covers are exactly as
/// [`build`] writes them: version 1, SHA-256 as the one digest algorithm,
/// one certificate, no revocation data, and a version-1 signer with
/// ECDSA-with-SHA-256 and no unsigned attributes. Nothing can then be
/// changed in the CMS without breaking a check.
fn as_sealed_here(signed_data: &SignedData) -> bool {
    let ecdsa = AlgorithmIdentifierOwned {
        oid: rfc5912::ECDSA_WITH_SHA_256,
        parameters: None,
    };
    signed_data.version == CmsVersion::V1
        && signed_data.digest_algorithms.as_slice() == [sha256_alg()].as_slice()
        && signed_data.encap_content_info.econtent_type == rfc5911::ID_DATA
        && signed_data.crls.is_none()
        && signed_data
            .certificates
            .as_ref()
            .is_some_and(|set| matches!(set.0.as_slice(), [CertificateChoices::Certificate(_)]))
        && signed_data.signer_infos.0.iter().all(|si| {
            si.version == CmsVersion::V1
                && si.unsigned_attrs.is_none()
                && si.digest_alg == sha256_alg()
                && si.signature_algorithm == ecdsa
        })
}

/// Checks that the CMS signs `digest`: one signer, the algorithms, the
/// message-digest attribute, signing-certificate-v2 against the embedded
/// certificate, and the ECDSA signature over the signed attributes with
/// that certificate's key. Returns the signer's certificate.
pub(super) fn check<'a>(
    signed_data: &'a SignedData,
    digest: &[u8],
) -> Result<&'a Certificate, SealError> {
    if signed_data.encap_content_info.econtent.is_some() {
        return Err(SealError::NotDetached);
    }
    if signed_data.signer_infos.0.len() != 1 {
        return Err(SealError::SignerCount {
            count: signed_data.signer_infos.0.len(),
        });
    }
    let signer_info = signed_data
        .signer_infos
        .0
        .get(0)
        .ok_or(SealError::NoSigner)?;
    if signer_info.digest_alg.oid != rfc5912::ID_SHA_256 {
        return Err(SealError::UnsupportedAlgorithm {
            oid: signer_info.digest_alg.oid,
        });
    }
    if signer_info.signature_algorithm.oid != rfc5912::ECDSA_WITH_SHA_256
        && signer_info.signature_algorithm.oid != rfc5912::ID_EC_PUBLIC_KEY
    {
        return Err(SealError::UnsupportedAlgorithm {
            oid: signer_info.signature_algorithm.oid,
        });
    }
    if !as_sealed_here(signed_data) {
        return Err(SealError::UnexpectedCms);
    }
    let cert = signer_certificate(signed_data)?;
    let cert_der = cert.to_der().map_err(SealError::cms)?;

    // Signed attributes: message-digest must equal our digest, and
    // signing-certificate-v2 (if present) must name the embedded cert.
    let attrs = signer_info
        .signed_attrs
        .as_ref()
        .ok_or(SealError::NoSignedAttributes)?;
    let attr = |oid: ObjectIdentifier| {
        attrs
            .iter()
            .find(|a| a.oid == oid)
            .and_then(|a| a.values.get(0))
    };
    let md: OctetString = attr(rfc5911::ID_MESSAGE_DIGEST)
        .ok_or(SealError::NoMessageDigest)?
        .decode_as()
        .map_err(SealError::cms)?;
    if md.as_bytes() != digest {
        return Err(SealError::DigestMismatch);
    }
    if let Some(v) = attr(ID_AA_SIGNING_CERTIFICATE_V2) {
        let ess: SigningCertificateV2 = v.decode_as().map_err(SealError::cms)?;
        let first = ess
            .certs
            .first()
            .ok_or(SealError::SigningCertificateMismatch)?;
        if let Some(alg) = &first.hash_algorithm
            && alg.oid != rfc5912::ID_SHA_256
        {
            return Err(SealError::UnsupportedAlgorithm { oid: alg.oid });
        }
        if first.cert_hash.as_bytes() != &Sha256::digest(&cert_der)[..] {
            return Err(SealError::SigningCertificateMismatch);
        }
    }

    // ECDSA over the DER of the signed attributes as a SET OF (tag 0x31).
    let signed_attrs_der = attrs.to_der().map_err(SealError::cms)?;
    let vk = certificate_key(cert)?;
    let sig = DerSignature::try_from(signer_info.signature.as_bytes())
        .map_err(|_| SealError::MalformedSignature)?;
    vk.verify(&signed_attrs_der, &sig)
        .map_err(|_| SealError::SignatureInvalid)?;
    Ok(cert)
}
