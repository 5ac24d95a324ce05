//! PAdES-baseline (B-B) sealing of an existing PDF, and a matching verifier.
//!
//! The seal is appended as an *incremental update*: the original bytes are
//! left untouched and a new revision adds
//!
//! * a signature dictionary (`/Filter /Adobe.PPKLite`,
//!   `/SubFilter /ETSI.CAdES.detached`, `/M`, `/Name`, `/Reason`,
//!   `/ByteRange`, `/Contents`),
//! * an invisible signature field + widget annotation on page 1,
//! * an updated catalog with `/AcroForm << /Fields [...] /SigFlags 3 >>`.
//!
//! `/Contents` holds a detached CMS `SignedData` (RFC 5652) over the bytes
//! named by `/ByteRange` (everything except the `<hex>` of `/Contents`):
//! SHA-256, ECDSA P-256, signed attributes content-type, message-digest and
//! ESS signing-certificate-v2 (RFC 5035), and no signing-time (PAdES puts the
//! claimed time in `/M`).
//!
//! Only permissively licensed crates are used (RustCrypto, lopdf).

use std::time::Duration;

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier};
use const_oid::ObjectIdentifier;
use const_oid::db::{rfc4519, rfc5911, rfc5912};
use der::asn1::{OctetString, SetOfVec, Utf8StringRef};
use der::{Any, Decode, Encode, Sequence};
use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId, StringFormat};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::Certificate;
use x509_cert::attr::{Attribute, AttributeTypeAndValue};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Validity;

pub use p256::ecdsa::SigningKey as SealKey;

/// Bytes reserved for the DER CMS blob inside `/Contents` (written as
/// 2 × this many hex digits). A P-256 seal with one certificate is ~1 KB.
pub const CONTENTS_RESERVE: usize = 8192;

/// `/ByteRange` placeholder: four integers wide enough for files < 10 GB.
/// The real values are written over it in place, padded with spaces, so no
/// offset in the update moves.
const BYTE_RANGE_PLACEHOLDER: &[u8] = b"[0 9999999999 9999999999 9999999999]";
const BYTE_RANGE_DUMMY: i64 = 9_999_999_999;

/// id-aa-signingCertificateV2 (RFC 5035), 1.2.840.113549.1.9.16.2.47.
const ID_AA_SIGNING_CERTIFICATE_V2: ObjectIdentifier = rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2;

// ---------------------------------------------------------------------------
// ESS signing-certificate-v2 (RFC 5035). Not provided by the RustCrypto 0.2
// crates, so defined here with der's derive.
// ---------------------------------------------------------------------------

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
) -> Result<Attribute, String> {
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None, // DEFAULT id-sha256
            cert_hash: OctetString::new(Sha256::digest(cert_der).to_vec()).map_err(der_err)?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    cert.tbs_certificate.issuer.clone(),
                )],
                serial_number: cert.tbs_certificate.serial_number.clone(),
            }),
        }],
    };
    let value = Any::encode_from(&ess).map_err(der_err)?;
    Ok(Attribute {
        oid: ID_AA_SIGNING_CERTIFICATE_V2,
        values: SetOfVec::try_from(vec![value]).map_err(der_err)?,
    })
}

fn der_err(e: der::Error) -> String {
    format!("DER: {e}")
}

fn pdf_err(e: lopdf::Error) -> String {
    format!("PDF: {e}")
}

fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: rfc5912::ID_SHA_256,
        parameters: None,
    }
}

// ---------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------

/// A `Name` of `CN=common_name, O=org`, both as UTF8String (so Chinese and
/// other non-ASCII names work and nothing needs RFC 4514 escaping).
fn subject_name(common_name: &str, org: &str) -> Result<Name, String> {
    let rdn = |oid: ObjectIdentifier, value: &str| -> Result<RelativeDistinguishedName, String> {
        let atv = AttributeTypeAndValue {
            oid,
            value: Any::encode_from(&Utf8StringRef::new(value).map_err(der_err)?)
                .map_err(der_err)?,
        };
        Ok(RelativeDistinguishedName::from(
            SetOfVec::try_from(vec![atv]).map_err(der_err)?,
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
pub fn try_self_signed(common_name: &str, org: &str) -> Result<(SigningKey, Vec<u8>), String> {
    let key = SigningKey::random(&mut rand_core::OsRng);
    let cert_der = self_signed_for_key(&key, common_name, org)?;
    Ok((key, cert_der))
}

/// The key as PKCS#8 DER, for storing.
pub fn key_to_pkcs8(key: &SigningKey) -> Result<Vec<u8>, String> {
    use p256::pkcs8::EncodePrivateKey;
    key.to_pkcs8_der()
        .map(|doc| doc.as_bytes().to_vec())
        .map_err(|e| format!("PKCS#8: {e}"))
}

/// A stored PKCS#8 DER key.
pub fn key_from_pkcs8(der: &[u8]) -> Result<SigningKey, String> {
    use p256::pkcs8::DecodePrivateKey;
    SigningKey::from_pkcs8_der(der).map_err(|e| format!("PKCS#8: {e}"))
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

/// Self-signed certificate (see [`self_signed`]) for an existing key.
pub fn self_signed_for_key(
    key: &SigningKey,
    common_name: &str,
    org: &str,
) -> Result<Vec<u8>, String> {
    let subject = subject_name(common_name, org)?;
    let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key())
        .map_err(|e| format!("SPKI: {e}"))?;

    const TEN_YEARS: Duration = Duration::from_secs(3653 * 86_400);
    let validity = Validity::from_now(TEN_YEARS).map_err(der_err)?;

    let mut h = Sha256::new();
    h.update(spki.to_der().map_err(der_err)?);
    h.update(common_name.as_bytes());
    h.update([0]);
    h.update(org.as_bytes());
    h.update(validity.not_before.to_der().map_err(der_err)?);
    let mut serial = [0u8; 16];
    serial.copy_from_slice(&h.finalize()[..16]);
    serial[0] = (serial[0] & 0x7f) | 0x40; // positive, exactly 16 octets
    let serial = SerialNumber::new(&serial).map_err(der_err)?;

    // `Leaf` with issuer == subject gives a self-signed end-entity cert with
    // KeyUsage digitalSignature + nonRepudiation and CA=false.
    let profile = Profile::Leaf {
        issuer: subject.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let builder = CertificateBuilder::new(profile, serial, validity, subject, spki, key)
        .map_err(|e| format!("certificate builder: {e}"))?;
    let cert = builder
        .build::<DerSignature>()
        .map_err(|e| format!("certificate signing: {e}"))?;
    cert.to_der().map_err(der_err)
}

// ---------------------------------------------------------------------------
// PDF helpers
// ---------------------------------------------------------------------------

/// `D:YYYYMMDDHHmmSS+00'00'` for a Unix time (UTC).
pub fn pdf_date(at_unix: i64) -> String {
    let days = at_unix.div_euclid(86_400);
    let secs = at_unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "D:{y:04}{m:02}{d:02}{:02}{:02}{:02}+00'00'",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    )
}

/// Parses a PDF date (`D:YYYY[MM[DD[HH[mm[SS[O[HH'mm']]]]]]]`) to Unix time.
pub fn parse_pdf_date(s: &str) -> Option<i64> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let b = s.as_bytes();
    let num = |from: usize, len: usize, default: i64| -> Option<i64> {
        match b.get(from..from + len) {
            Some(d) if d.iter().all(u8::is_ascii_digit) => {
                std::str::from_utf8(d).ok()?.parse().ok()
            }
            Some(_) => None,
            None => Some(default),
        }
    };
    let (y, mo, d) = (num(0, 4, -1)?, num(4, 2, 1)?, num(6, 2, 1)?);
    if y < 0 {
        return None;
    }
    let (h, mi, se) = (num(8, 2, 0)?, num(10, 2, 0)?, num(12, 2, 0)?);
    let mut t = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se;
    if let Some(&sign) = b.get(14)
        && (sign == b'+' || sign == b'-')
    {
        let oh = num(15, 2, 0)?;
        let om = if b.get(17) == Some(&b'\'') {
            num(18, 2, 0)?
        } else {
            num(17, 2, 0).unwrap_or(0)
        };
        let off = oh * 3600 + om * 60;
        t += if sign == b'+' { -off } else { off };
    }
    Some(t)
}

// Howard Hinnant's days <-> civil date algorithms (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A PDF text string: a literal if plain printable ASCII, else UTF-16BE with
/// BOM (written as hex so no escaping questions arise).
fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut v = vec![0xfe, 0xff];
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(v, StringFormat::Hexadecimal)
    }
}

/// Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or
/// PDFDocEncoding approximated as Latin-1).
fn decode_text_string(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = b.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        b.iter().map(|&c| char::from(c)).collect()
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn hex_upper(bytes: &[u8]) -> Vec<u8> {
    const H: &[u8; 16] = b"0123456789ABCDEF";
    bytes
        .iter()
        .flat_map(|&b| [H[usize::from(b >> 4)], H[usize::from(b & 15)]])
        .collect()
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hex_decode(hex: &[u8]) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = hex
        .iter()
        .copied()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let val = |c: u8| -> Result<u8, String> {
        match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            b'A'..=b'F' => Ok(c - b'A' + 10),
            _ => Err(format!("non-hex byte {c:#04x} in /Contents")),
        }
    };
    // An odd trailing digit is padded with 0 per the PDF spec.
    digits
        .chunks(2)
        .map(|p| Ok(val(p[0])? << 4 | if p.len() == 2 { val(p[1])? } else { 0 }))
        .collect()
}

/// Returns a mutable dictionary for `id` in the update, copying the object
/// from the previous revision first.
fn dict_in_update(inc: &mut IncrementalDocument, id: ObjectId) -> Result<&mut Dictionary, String> {
    inc.opt_clone_object_to_new_document(id).map_err(pdf_err)?;
    inc.new_document
        .get_object_mut(id)
        .and_then(Object::as_dict_mut)
        .map_err(pdf_err)
}

/// Appends `item` to the array stored under `key` of the dictionary `owner`
/// (inline or as an indirect array object), creating it when absent.
fn push_to_array(
    inc: &mut IncrementalDocument,
    owner: ObjectId,
    key: &[u8],
    item: Object,
) -> Result<(), String> {
    let current = dict_in_update(inc, owner)?.get(key).ok().cloned();
    match current {
        Some(Object::Reference(arr_id)) => {
            inc.opt_clone_object_to_new_document(arr_id)
                .map_err(pdf_err)?;
            let arr = inc
                .new_document
                .get_object_mut(arr_id)
                .and_then(Object::as_array_mut)
                .map_err(pdf_err)?;
            arr.push(item);
        }
        Some(Object::Array(mut arr)) => {
            arr.push(item);
            dict_in_update(inc, owner)?.set(key, Object::Array(arr));
        }
        _ => dict_in_update(inc, owner)?.set(key, Object::Array(vec![item])),
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Sealing
// ---------------------------------------------------------------------------

/// Seals `pdf` with `key` / `cert_der` and returns the sealed file (the
/// original bytes followed by one incremental update).
///
/// `signer_name` goes to `/Name`, `reason` to `/Reason`, `at_unix` to `/M`.
pub fn seal(
    pdf: &[u8],
    key: &SigningKey,
    cert_der: &[u8],
    signer_name: &str,
    reason: &str,
    at_unix: i64,
) -> Result<Vec<u8>, String> {
    let cert = Certificate::from_der(cert_der).map_err(|e| format!("certificate: {e}"))?;
    let cert_key = VerifyingKey::from_sec1_bytes(
        cert.tbs_certificate
            .subject_public_key_info
            .subject_public_key
            .raw_bytes(),
    )
    .map_err(|_| "certificate does not hold a P-256 public key".to_string())?;
    if &cert_key != key.verifying_key() {
        return Err("signing key does not match the certificate".into());
    }

    // 1. Build the incremental update with placeholders.
    let doc = Document::load_mem(pdf).map_err(pdf_err)?;
    if doc.is_encrypted() {
        return Err("encrypted PDFs are not supported".into());
    }
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| "PDF trailer has no /Root".to_string())?;
    let page1_id = *doc.get_pages().get(&1).ok_or("PDF has no pages")?;
    let version = doc.version.clone();
    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), doc);
    // The update starts with a `%PDF-x.y` comment line; keep the original's.
    inc.new_document.version = version;

    let sig_id = inc.new_document.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Sig".to_vec())),
        ("Filter", Object::Name(b"Adobe.PPKLite".to_vec())),
        ("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec())),
        (
            "ByteRange",
            Object::Array(vec![
                0.into(),
                BYTE_RANGE_DUMMY.into(),
                BYTE_RANGE_DUMMY.into(),
                BYTE_RANGE_DUMMY.into(),
            ]),
        ),
        (
            "Contents",
            Object::String(vec![0; CONTENTS_RESERVE], StringFormat::Hexadecimal),
        ),
        (
            "M",
            Object::String(pdf_date(at_unix).into_bytes(), StringFormat::Literal),
        ),
        ("Name", text_string(signer_name)),
        ("Reason", text_string(reason)),
    ]));

    // Field names must be unique within the form: count existing fields.
    let existing_fields = {
        let prev = inc.get_prev_documents();
        prev.catalog()
            .ok()
            .and_then(|c| c.get_deref(b"AcroForm", prev).ok())
            .and_then(|a| a.as_dict().ok())
            .and_then(|a| a.get_deref(b"Fields", prev).ok())
            .and_then(|f| f.as_array().ok())
            .map_or(0, Vec::len)
    };
    // Merged signature field + widget annotation, invisible (zero rect,
    // Print + Locked flags = 4 + 128).
    let widget_id = inc.new_document.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Annot".to_vec())),
        ("Subtype", Object::Name(b"Widget".to_vec())),
        ("FT", Object::Name(b"Sig".to_vec())),
        (
            "T",
            Object::string_literal(format!("Seal{}", existing_fields + 1)),
        ),
        ("V", Object::Reference(sig_id)),
        (
            "Rect",
            Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
        ),
        ("F", Object::Integer(132)),
        ("P", Object::Reference(page1_id)),
    ]));

    push_to_array(&mut inc, page1_id, b"Annots", Object::Reference(widget_id))?;

    // Catalog /AcroForm: may be absent, inline, or an indirect dictionary.
    let acroform = dict_in_update(&mut inc, root_id)?
        .get(b"AcroForm")
        .ok()
        .cloned();
    let form_owner = match acroform {
        Some(Object::Reference(form_id)) => form_id,
        other => {
            let form = match other {
                Some(Object::Dictionary(d)) => d,
                _ => Dictionary::new(),
            };
            let form_id = inc.new_document.add_object(form);
            dict_in_update(&mut inc, root_id)?.set("AcroForm", Object::Reference(form_id));
            form_id
        }
    };
    push_to_array(
        &mut inc,
        form_owner,
        b"Fields",
        Object::Reference(widget_id),
    )?;
    dict_in_update(&mut inc, form_owner)?.set("SigFlags", Object::Integer(3));

    let mut out = Vec::with_capacity(pdf.len() + 2 * CONTENTS_RESERVE + 4096);
    inc.save_to(&mut out)
        .map_err(|e| format!("PDF write: {e}"))?;

    // 2. Locate the placeholders in the appended part only.
    let update_start = pdf.len();
    let tail = &out[update_start..];
    let br_pos = update_start
        + find(tail, BYTE_RANGE_PLACEHOLDER)
            .ok_or("ByteRange placeholder not found in the update")?;
    let mut contents_placeholder = Vec::with_capacity(2 * CONTENTS_RESERVE + 2);
    contents_placeholder.push(b'<');
    contents_placeholder.resize(2 * CONTENTS_RESERVE + 1, b'0');
    contents_placeholder.push(b'>');
    let lt = update_start
        + find(tail, &contents_placeholder)
            .ok_or("Contents placeholder not found in the update")?;
    let gt = lt + contents_placeholder.len() - 1;

    // 3. ByteRange: [0, offset of '<'] and [just after '>', to EOF].
    let (a_len, b_start) = (lt, gt + 1);
    let b_len = out.len() - b_start;
    let mut br = format!("[0 {a_len} {b_start} {b_len}]").into_bytes();
    if br.len() > BYTE_RANGE_PLACEHOLDER.len() {
        return Err("file too large for the ByteRange placeholder".into());
    }
    // Pad inside the brackets so the array stays well-formed: "[0 a b c    ]".
    let close = br.pop();
    br.resize(BYTE_RANGE_PLACEHOLDER.len() - 1, b' ');
    br.extend(close);
    out[br_pos..br_pos + br.len()].copy_from_slice(&br);

    // 4. Digest of the signed ranges, CMS, and the hex written into the gap.
    let mut h = Sha256::new();
    h.update(&out[..a_len]);
    h.update(&out[b_start..]);
    let digest = h.finalize();

    let cms_der = build_cms(&digest, key, cert, cert_der)?;
    if cms_der.len() > CONTENTS_RESERVE {
        return Err(format!(
            "CMS is {} bytes, larger than the {CONTENTS_RESERVE}-byte reserve",
            cms_der.len()
        ));
    }
    let hex = hex_upper(&cms_der);
    out[lt + 1..lt + 1 + hex.len()].copy_from_slice(&hex); // rest stays '0'
    Ok(out)
}

/// Detached CMS SignedData over a precomputed SHA-256 `digest`.
fn build_cms(
    digest: &[u8],
    key: &SigningKey,
    cert: Certificate,
    cert_der: &[u8],
) -> Result<Vec<u8>, String> {
    // cms::builder::Error is not a std::error::Error: map via Display.
    let cms_err = |e: cms::builder::Error| format!("CMS: {e}");

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
    let mut signer =
        SignerInfoBuilder::new(key, sid, sha256_alg(), &econtent, Some(digest)).map_err(cms_err)?;
    signer
        .add_signed_attribute(signing_certificate_v2_attribute(&cert, cert_der)?)
        .map_err(cms_err)?;

    let content_info = SignedDataBuilder::new(&econtent)
        .add_digest_algorithm(sha256_alg())
        .map_err(cms_err)?
        .add_certificate(CertificateChoices::Certificate(cert))
        .map_err(cms_err)?
        .add_signer_info::<_, DerSignature>(signer)
        .map_err(cms_err)?
        .build()
        .map_err(cms_err)?;
    content_info.to_der().map_err(der_err)
}

// ---------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------

/// What [`verify`] found about the last signature of a PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyReport {
    /// Common name of the signing certificate's subject.
    pub signer_cn: String,
    /// `/M` of the signature dictionary as written (PDF date), if any.
    pub signing_time: Option<String>,
    /// `/M` as Unix time, if it parsed.
    pub signing_time_unix: Option<i64>,
    /// `/Name` and `/Reason` of the signature dictionary, if any.
    pub name: Option<String>,
    pub reason: Option<String>,
    /// SHA-256 of the signed byte ranges, lower-case hex.
    pub digest_hex: String,
    /// True when the signed ranges run to the end of the file, i.e. nothing
    /// was appended after the signature.
    pub covers_whole_file: bool,
}

/// Verifies the last (outermost) signature of `pdf`: ByteRange shape, digest
/// against the message-digest attribute, signing-certificate-v2 against the
/// embedded certificate, and the ECDSA P-256 signature over the signed
/// attributes with that certificate's key. Trust in the certificate is not
/// evaluated. Any failure is an `Err`.
pub fn verify(pdf: &[u8]) -> Result<VerifyReport, String> {
    let doc = Document::load_mem(pdf).map_err(pdf_err)?;

    // The signature dictionary whose ByteRange reaches furthest is the last.
    let mut best: Option<([i64; 4], &Dictionary)> = None;
    for obj in doc.objects.values() {
        let Ok(dict) = obj.as_dict() else { continue };
        let Ok(arr) = dict.get(b"ByteRange").and_then(Object::as_array) else {
            continue;
        };
        if !dict.has(b"Contents") {
            continue;
        }
        let nums: Vec<i64> = arr.iter().filter_map(|o| o.as_i64().ok()).collect();
        let Ok(br) = <[i64; 4]>::try_from(nums) else {
            continue;
        };
        if best.is_none_or(|(b, _)| br[2] + br[3] > b[2] + b[3]) {
            best = Some((br, dict));
        }
    }
    let (br, dict) = best.ok_or("no signature dictionary found")?;

    // ByteRange: [0, a] [b, c] with exactly "<hex>" between a and b.
    let len = pdf.len() as i64;
    let [s0, a_len, b_start, b_len] = br;
    if s0 != 0 || a_len <= 0 || b_start <= a_len + 1 || b_len < 0 || b_start + b_len > len {
        return Err(format!("malformed ByteRange {br:?}"));
    }
    let (a_len, b_start, b_len) = (a_len as usize, b_start as usize, b_len as usize);
    if pdf[a_len] != b'<' || pdf[b_start - 1] != b'>' {
        return Err("ByteRange gap is not exactly the /Contents hex string".into());
    }
    let covers_whole_file = b_start + b_len == pdf.len();
    let cms_der_padded = hex_decode(&pdf[a_len + 1..b_start - 1])?;

    let mut h = Sha256::new();
    h.update(&pdf[..a_len]);
    h.update(&pdf[b_start..b_start + b_len]);
    let digest = h.finalize();

    // CMS: the zero padding after the DER is ignored.
    let mut reader = der::SliceReader::new(&cms_der_padded).map_err(der_err)?;
    let content_info: ContentInfo = der::Decode::decode(&mut reader).map_err(der_err)?;
    if content_info.content_type != rfc5911::ID_SIGNED_DATA {
        return Err("CMS is not SignedData".into());
    }
    let signed_data: SignedData = content_info.content.decode_as().map_err(der_err)?;
    if signed_data.encap_content_info.econtent.is_some() {
        return Err("CMS is not detached".into());
    }
    let signer_info = signed_data
        .signer_infos
        .0
        .get(0)
        .ok_or("CMS has no SignerInfo")?;
    if signer_info.digest_alg.oid != rfc5912::ID_SHA_256 {
        return Err(format!(
            "unsupported digest algorithm {}",
            signer_info.digest_alg.oid
        ));
    }
    if signer_info.signature_algorithm.oid != rfc5912::ECDSA_WITH_SHA_256
        && signer_info.signature_algorithm.oid != rfc5912::ID_EC_PUBLIC_KEY
    {
        return Err(format!(
            "unsupported signature algorithm {}",
            signer_info.signature_algorithm.oid
        ));
    }

    // The signer's certificate, matched by issuer + serial.
    let SignerIdentifier::IssuerAndSerialNumber(ias) = &signer_info.sid else {
        return Err("SignerInfo identifies its certificate by key id; not supported".into());
    };
    let cert = signed_data
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
        .ok_or("signer certificate not embedded in the CMS")?;
    let cert_der = cert.to_der().map_err(der_err)?;

    // Signed attributes: message-digest must equal our digest, and
    // signing-certificate-v2 (if present) must name the embedded cert.
    let attrs = signer_info
        .signed_attrs
        .as_ref()
        .ok_or("CMS has no signed attributes")?;
    let attr = |oid: ObjectIdentifier| {
        attrs
            .iter()
            .find(|a| a.oid == oid)
            .and_then(|a| a.values.get(0))
    };
    let md: OctetString = attr(rfc5911::ID_MESSAGE_DIGEST)
        .ok_or("no message-digest attribute")?
        .decode_as()
        .map_err(der_err)?;
    if md.as_bytes() != &digest[..] {
        return Err("digest mismatch: the signed bytes were changed".into());
    }
    if let Some(v) = attr(ID_AA_SIGNING_CERTIFICATE_V2) {
        let ess: SigningCertificateV2 = v.decode_as().map_err(der_err)?;
        let first = ess.certs.first().ok_or("empty signing-certificate-v2")?;
        if first
            .hash_algorithm
            .as_ref()
            .is_some_and(|a| a.oid != rfc5912::ID_SHA_256)
        {
            return Err("signing-certificate-v2 uses an unsupported hash".into());
        }
        if first.cert_hash.as_bytes() != &Sha256::digest(&cert_der)[..] {
            return Err("signing-certificate-v2 does not match the embedded certificate".into());
        }
    }

    // ECDSA over the DER of the signed attributes as a SET OF (tag 0x31).
    let signed_attrs_der = attrs.to_der().map_err(der_err)?;
    let vk = VerifyingKey::from_sec1_bytes(
        cert.tbs_certificate
            .subject_public_key_info
            .subject_public_key
            .raw_bytes(),
    )
    .map_err(|_| "certificate key is not P-256".to_string())?;
    let sig = DerSignature::try_from(signer_info.signature.as_bytes())
        .map_err(|_| "malformed ECDSA signature".to_string())?;
    vk.verify(&signed_attrs_der, &sig).map_err(|_| {
        "signature invalid: ECDSA check over the signed attributes failed".to_string()
    })?;

    let text = |key: &[u8]| match dict.get(key) {
        Ok(Object::String(b, _)) => Some(decode_text_string(b)),
        _ => None,
    };
    let signing_time = text(b"M");
    Ok(VerifyReport {
        signer_cn: common_name(&cert.tbs_certificate.subject).unwrap_or_default(),
        signing_time_unix: signing_time.as_deref().and_then(parse_pdf_date),
        signing_time,
        name: text(b"Name"),
        reason: text(b"Reason"),
        digest_hex: hex_lower(&digest),
        covers_whole_file,
    })
}

/// The (last) CN of a name, decoded from UTF8String / PrintableString /
/// IA5String.
fn common_name(name: &Name) -> Option<String> {
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
    fn pdf_dates_round_trip() {
        assert_eq!(pdf_date(0), "D:19700101000000+00'00'");
        assert_eq!(pdf_date(1_735_689_600), "D:20250101000000+00'00'");
        for t in [0, 951_782_400, 1_735_689_599, 4_102_444_800] {
            assert_eq!(parse_pdf_date(&pdf_date(t)), Some(t));
        }
        assert_eq!(
            parse_pdf_date("D:20250101080000+08'00'"),
            Some(1_735_689_600)
        );
    }

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

/// A sealing key and certificate read from a PKCS#12 (.p12 / .pfx) file.
#[derive(Debug)]
pub struct ImportedKey {
    pub key: SigningKey,
    pub certificate: Vec<u8>,
    /// The certificate subject's common name (who the seal names).
    pub common_name: String,
    /// The subject's organisation, if any.
    pub organisation: String,
}

/// Why a PKCS#12 file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Wrong password or not a PKCS#12 file.
    #[error("cannot read the PKCS#12 file: {0}")]
    Unreadable(String),
    /// The file holds no private key with its certificate.
    #[error("no private key with a certificate in the file")]
    NoKey,
    /// The key is not ECDSA P-256 (the seal's algorithm).
    #[error("the key is not an ECDSA P-256 key")]
    UnsupportedKey,
    /// The certificate does not belong to the key.
    #[error("the certificate does not match the key")]
    Mismatch,
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
    Ok(ImportedKey {
        key,
        common_name: common_name(subject).unwrap_or_default(),
        organisation: attribute(subject, rfc4519::O).unwrap_or_default(),
        certificate: cert_der,
    })
}

/// Writes a key and certificate as a PKCS#12 file (for backups and tests).
pub fn export_pkcs12(key: &SigningKey, cert_der: &[u8], password: &str) -> Result<Vec<u8>, String> {
    let cert = p12_keystore::Certificate::from_der(cert_der).map_err(|e| e.to_string())?;
    let chain = p12_keystore::PrivateKeyChain::new(key_to_pkcs8(key)?, [1u8; 20], vec![cert]);
    let mut store = p12_keystore::KeyStore::new();
    store.add_entry(
        "centre",
        p12_keystore::KeyStoreEntry::PrivateKeyChain(chain),
    );
    store.writer(password).write().map_err(|e| e.to_string())
}
