//! Checking a sealed PDF. A sealed agreement verifies only when
//!
//! 1. it carries exactly one signature, and none carries the name of a
//!    trusted certificate without being it (a look-alike);
//! 2. that signature's `/ByteRange` covers the whole file except the
//!    signature value itself: `[0 a b c]` with `b + c` the file's length
//!    and exactly the `/Contents` hex string between `a` and `b`, so nothing
//!    was appended and no earlier revision is what was signed;
//! 3. the CMS there (and nothing but the reserve's zeros after it) signs
//!    the digest of those bytes (see [`super::cms`]);
//! 4. with [`verify_trusted`], the signer's certificate is one of the
//!    trusted ones (the centre's keys, or a certificate the user names),
//!    and the seal's signing time (`/M`, which the signature covers) lies
//!    within that certificate's validity, give or take
//!    [`CLOCK_SKEW_SECS`]. A seal without a signing time is refused there,
//!    as is (always) a CMS that carries a signing-time attribute of its
//!    own: PAdES puts the claimed time in `/M` only and Accord writes no
//!    other, so a seal never claims two times that could disagree.
//!
//! The signing time is the signer's claim, as its computer's clock had it:
//! whoever holds the key can write any. Checking it against the
//! certificate's validity refuses a seal that says it was made when the
//! certificate was not (yet, or any longer) valid; it does not prove when
//! the seal was made.
//!
//! The signature dictionaries are read from the file's bytes (see
//! [`super::scan`]); every number read is checked before it is used, so
//! no input makes verification panic or allocate without bound.

use ::cms::signed_data::SignedData;
use chrono::{FixedOffset, NaiveDate};
use der::Encode;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::keys::{common_name, validity_unix};
use super::scan::{self, SigDict};
use super::trust::{TrustedCertificates, hex_lower};
use super::{CONTENTS_RESERVE, SealError, cms};

/// The largest `/Contents` read, in hex digits: eight times our reserve.
const MAX_CONTENTS_HEX: usize = 16 * CONTENTS_RESERVE;

/// How far, in seconds, a signing time may lie outside its certificate's
/// validity and still be accepted: the signing time is read from the
/// sealing computer's clock, while the validity of a certificate made
/// here began by the clock of the computer that made it (with a shared
/// PostgreSQL database, another of the centre's computers), and the two
/// can disagree by a few minutes. Also the allowance for a retired key's
/// last seals (see `accord verify`).
pub const CLOCK_SKEW_SECS: i64 = 5 * 60;

/// What [`verify`] found about the signature of a PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyReport {
    /// Common name of the signing certificate's subject.
    pub signer_cn: String,
    /// The signing certificate (DER) and its SHA-256 fingerprint
    /// (lower-case hex; see [`super::fingerprint_groups`]).
    pub certificate: Vec<u8>,
    pub certificate_sha256: String,
    /// `/M` of the signature dictionary as written (PDF date), if any.
    pub signing_time: Option<String>,
    /// `/M` as Unix time, if it parsed.
    pub signing_time_unix: Option<i64>,
    /// The signing certificate's validity (notBefore, notAfter) as Unix
    /// time; [`verify_trusted`] refuses a seal whose signing time lies
    /// outside it.
    pub certificate_not_before_unix: i64,
    pub certificate_not_after_unix: i64,
    /// `/Name` and `/Reason` of the signature dictionary, if any.
    pub name: Option<String>,
    pub reason: Option<String>,
    /// SHA-256 of the signed byte ranges, lower-case hex.
    pub digest_hex: String,
    /// Always true: a signature that does not reach the end of the file is
    /// refused ([`SealError::AppendedAfterSeal`]). Kept for callers.
    pub covers_whole_file: bool,
}

/// Verifies that `pdf` is sealed as this program seals (one signature over
/// the whole file, intact), that the signer's certificate is one of
/// `trusted`, and that the seal's signing time lies within that
/// certificate's validity. Any failure is an `Err` that says which check
/// refused it.
pub fn verify_trusted(
    pdf: &[u8],
    trusted: &TrustedCertificates,
) -> Result<VerifyReport, SealError> {
    if trusted.is_empty() {
        return Err(SealError::NoTrustedCertificate);
    }
    check(pdf, Some(trusted))
}

/// Verifies that `pdf` is sealed as this program seals (one signature over
/// the whole file, intact), whoever made the seal: trust in the
/// certificate, and its validity at the signing time, are not evaluated
/// (see [`verify_trusted`]).
pub fn verify(pdf: &[u8]) -> Result<VerifyReport, SealError> {
    check(pdf, None)
}

fn check(pdf: &[u8], trusted: Option<&TrustedCertificates>) -> Result<VerifyReport, SealError> {
    let (signatures, count) = scan::signatures(pdf);
    if count == 0 {
        return Err(SealError::NoSeal);
    }
    // A certificate with the centre's name that is not the centre's is the
    // gravest finding: said first, whichever of several signatures carries
    // it (a single signature's certificate is judged after its checks).
    if let Some(trusted) = trusted
        && count > 1
    {
        for sig in &signatures {
            if let Some(cert) = contents_certificate(pdf, sig)
                && !trusted.contains(&cert)?
                && let Some(name) = common_name(&cert.tbs_certificate.subject)
                && trusted.has_name(&name)
            {
                return Err(SealError::LookAlikeCertificate {
                    signer: name,
                    fingerprint: fingerprint(&cert)?,
                });
            }
        }
    }
    let [sig] = signatures.as_slice() else {
        return Err(SealError::SignatureCount { count });
    };
    if count != 1 {
        return Err(SealError::SignatureCount { count });
    }

    let range = sig.byte_range.clone()?;
    let (a_len, b_start) = whole_file_range(pdf.len(), range)?;
    // The gap is exactly this dictionary's /Contents string.
    if sig.contents != Some((a_len, b_start)) {
        return Err(SealError::ByteRangeGap {
            range: show(&range),
        });
    }
    let hex = pdf
        .get(a_len + 1..b_start - 1)
        .ok_or_else(|| SealError::ByteRangeGap {
            range: show(&range),
        })?;
    if hex.len() > MAX_CONTENTS_HEX {
        return Err(SealError::ContentsTooLarge);
    }
    if hex.len() % 2 != 0 {
        return Err(SealError::ByteRangeGap {
            range: show(&range),
        });
    }
    let signed_data = cms::decode(&hex_decode(hex)?)?;

    let mut h = Sha256::new();
    h.update(pdf.get(..a_len).unwrap_or_default());
    h.update(pdf.get(b_start..).unwrap_or_default());
    let digest = h.finalize();

    let cert = cms::check(&signed_data, &digest)?;
    if claims_its_own_signing_time(&signed_data) {
        return Err(SealError::UnexpectedCms);
    }
    let signer_cn = common_name(&cert.tbs_certificate.subject).unwrap_or_default();
    let certificate_sha256 = fingerprint(cert)?;
    if let Some(trusted) = trusted
        && !trusted.contains(cert)?
    {
        return Err(if trusted.has_name(&signer_cn) {
            SealError::LookAlikeCertificate {
                signer: signer_cn,
                fingerprint: certificate_sha256,
            }
        } else {
            SealError::UntrustedCertificate {
                signer: signer_cn,
                fingerprint: certificate_sha256,
            }
        });
    }

    let text = |s: &Option<Vec<u8>>| s.as_deref().map(decode_text_string);
    let signing_time = text(&sig.m);
    let signing_time_unix = signing_time.as_deref().and_then(parse_pdf_date);
    let (not_before, not_after) = validity_unix(cert);
    if trusted.is_some() {
        let signed_at = signing_time_unix.ok_or(SealError::NoSigningTime)?;
        if !within_validity(signed_at, not_before, not_after) {
            return Err(SealError::SignedOutsideValidity {
                signed_at,
                not_before,
                not_after,
            });
        }
    }
    Ok(VerifyReport {
        signer_cn,
        certificate: cert.to_der().map_err(SealError::cms)?,
        certificate_sha256,
        signing_time_unix,
        signing_time,
        certificate_not_before_unix: not_before,
        certificate_not_after_unix: not_after,
        name: text(&sig.name),
        reason: text(&sig.reason),
        digest_hex: hex_lower(&digest),
        covers_whole_file: true,
    })
}

/// Whether a seal signed at `signed_at` was made while its certificate,
/// valid from `not_before` to `not_after` (inclusive), was valid, allowing
/// [`CLOCK_SKEW_SECS`] either side.
fn within_validity(signed_at: i64, not_before: i64, not_after: i64) -> bool {
    signed_at >= not_before.saturating_sub(CLOCK_SKEW_SECS)
        && signed_at <= not_after.saturating_add(CLOCK_SKEW_SECS)
}

/// Whether the signer's signed attributes carry a CMS signing-time: PAdES
/// puts the claimed time in `/M` only, and Accord writes no other.
fn claims_its_own_signing_time(signed_data: &SignedData) -> bool {
    signed_data
        .signer_infos
        .0
        .iter()
        .filter_map(|si| si.signed_attrs.as_ref())
        .flat_map(|attrs| attrs.iter())
        .any(|a| a.oid == const_oid::db::rfc5911::ID_SIGNING_TIME)
}

/// Checks `[0 a b c]` against a file of `len` bytes: no negative number,
/// nothing outside the file, the two parts in order with room for `<>`
/// between them, and the second reaching the end of the file. Returns
/// `(a, b)`, the gap.
fn whole_file_range(len: usize, range: [i64; 4]) -> Result<(usize, usize), SealError> {
    let shown = || show(&range);
    if range.iter().any(|&n| n < 0) {
        return Err(SealError::ByteRangeNegative { range: shown() });
    }
    // Non-negative i64s fit u64; a usize length fits u64.
    let [s0, a, b, c] = range.map(|n| n.unsigned_abs());
    let len64 = len as u64;
    if [s0, a, b, c].iter().any(|&n| n > len64) {
        return Err(SealError::ByteRangeOutside {
            range: shown(),
            len: len64,
        });
    }
    if s0 != 0 || a == 0 {
        return Err(SealError::ByteRange { range });
    }
    if b < a + 2 {
        return Err(SealError::ByteRangeOverlap { range: shown() });
    }
    let end = b + c; // both at most len: no overflow
    if end > len64 {
        return Err(SealError::ByteRangeOutside {
            range: shown(),
            len: len64,
        });
    }
    if end < len64 {
        return Err(SealError::AppendedAfterSeal { bytes: len64 - end });
    }
    // a < b <= len, so both fit usize.
    let to_usize = |n: u64| usize::try_from(n).map_err(|_| SealError::ByteRange { range });
    Ok((to_usize(a)?, to_usize(b)?))
}

/// The certificate of a signature's CMS, read from its `/Contents` (for
/// naming a look-alike); `None` when it cannot be read.
fn contents_certificate(pdf: &[u8], sig: &SigDict) -> Option<Certificate> {
    let (start, end) = sig.contents?;
    let hex = pdf.get(start + 1..end.checked_sub(1)?)?;
    if hex.len() > MAX_CONTENTS_HEX {
        return None;
    }
    let bytes = hex_decode(hex).ok()?;
    let signed_data = cms::decode(&bytes).ok()?;
    cms::signer_certificate(&signed_data).ok().cloned()
}

fn fingerprint(cert: &Certificate) -> Result<String, SealError> {
    Ok(hex_lower(&Sha256::digest(
        cert.to_der().map_err(SealError::cms)?,
    )))
}

/// A byte range as written: `[0 1 2 3]`.
fn show(range: &[i64; 4]) -> String {
    format!("[{}]", range.map(|n| n.to_string()).join(" "))
}

/// Parses a PDF date (`D:YYYY[MM[DD[HH[mm[SS[O[HH'mm']]]]]]]`) to Unix time;
/// absent parts default to the start of the period and to UTC.
pub fn parse_pdf_date(s: &str) -> Option<i64> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let b = s.as_bytes();
    // The number in b[from..from + len], `default` when the text ends first.
    let num = |from: usize, len: usize, default: u32| -> Option<u32> {
        match b.get(from..from + len) {
            Some(d) if d.iter().all(u8::is_ascii_digit) => {
                std::str::from_utf8(d).ok()?.parse().ok()
            }
            Some(_) => None,
            None => Some(default),
        }
    };
    let year = i32::try_from(num(0, 4, u32::MAX)?).ok()?;
    let local = NaiveDate::from_ymd_opt(year, num(4, 2, 1)?, num(6, 2, 1)?)?.and_hms_opt(
        num(8, 2, 0)?,
        num(10, 2, 0)?,
        num(12, 2, 0)?,
    )?;
    let offset = match b.get(14) {
        Some(&sign @ (b'+' | b'-')) => {
            let hours = num(15, 2, 0)?;
            let minutes = if b.get(17) == Some(&b'\'') {
                num(18, 2, 0)?
            } else {
                num(17, 2, 0).unwrap_or(0)
            };
            let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
            FixedOffset::east_opt(if sign == b'+' { seconds } else { -seconds })?
        }
        _ => FixedOffset::east_opt(0)?,
    };
    Some(local.and_local_timezone(offset).single()?.timestamp())
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

/// The bytes of `/Contents` as the sealer writes it: upper-case hex
/// digits, nothing else (so the signature value has one spelling).
fn hex_decode(hex: &[u8]) -> Result<Vec<u8>, SealError> {
    let val = |c: u8| -> Result<u8, SealError> {
        match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'A'..=b'F' => Ok(c - b'A' + 10),
            _ => Err(SealError::ContentsNotHex { byte: c }),
        }
    };
    hex.chunks(2)
        .map(|pair| match *pair {
            [high, low] => Ok(val(high)? << 4 | val(low)?),
            [odd] => Err(SealError::ContentsNotHex { byte: odd }),
            _ => Err(SealError::ContentsNotHex { byte: 0 }),
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    //! Seals no Accord writes, made here by changing a sealed file and
    //! signing it again with the same key: one without a signing time, one
    //! whose CMS claims a signing time of its own.

    use ::cms::builder::{SignedDataBuilder, SignerInfoBuilder, create_signing_time_attribute};
    use ::cms::cert::{CertificateChoices, IssuerAndSerialNumber};
    use ::cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
    use const_oid::db::{rfc5911, rfc5912};
    use der::Decode;
    use lopdf::{Dictionary, Document, Object};
    use p256::ecdsa::{DerSignature, SigningKey};
    use spki::AlgorithmIdentifierOwned;

    use super::super::{seal, self_signed_valid_between};
    use super::*;

    const AT: i64 = 1_740_000_000;

    fn one_page_pdf() -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let page = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(pages)),
            (
                "MediaBox",
                Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
            ),
        ]));
        doc.objects.insert(
            pages,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", Object::Array(vec![Object::Reference(page)])),
                ("Count", Object::Integer(1)),
            ])),
        );
        let catalog = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages)),
        ]));
        doc.trailer.set("Root", Object::Reference(catalog));
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    /// A key, its certificate (valid around `AT`) and a file it sealed at
    /// `AT`, as Accord seals.
    fn sealed() -> (SigningKey, Vec<u8>, TrustedCertificates, Vec<u8>) {
        let key = SigningKey::random(&mut rand_core::OsRng);
        let cert = self_signed_valid_between(&key, "c", "o", AT - 86_400, AT + 86_400).unwrap();
        let sealed = seal(&one_page_pdf(), &key, &cert, "c", "r", AT).unwrap();
        let trusted = TrustedCertificates::from_der([&cert]).unwrap();
        (key, cert, trusted, sealed)
    }

    /// `pdf` (a sealed file changed in place) signed again with `key`: a
    /// CMS over its byte ranges with content-type, message-digest and, if
    /// `signing_time`, a signing-time attribute, written into `/Contents`.
    fn signed_again(
        mut pdf: Vec<u8>,
        key: &SigningKey,
        cert_der: &[u8],
        signing_time: bool,
    ) -> Vec<u8> {
        let (sigs, _) = scan::signatures(&pdf);
        let [_, a, b, _] = sigs[0].byte_range.clone().unwrap();
        let (a, b) = (usize::try_from(a).unwrap(), usize::try_from(b).unwrap());
        let mut h = Sha256::new();
        h.update(&pdf[..a]);
        h.update(&pdf[b..]);
        let digest = h.finalize();

        let cert = Certificate::from_der(cert_der).unwrap();
        let sha256 = AlgorithmIdentifierOwned {
            oid: rfc5912::ID_SHA_256,
            parameters: None,
        };
        let econtent = EncapsulatedContentInfo {
            econtent_type: rfc5911::ID_DATA,
            econtent: None,
        };
        let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        });
        let mut signer =
            SignerInfoBuilder::new(key, sid, sha256.clone(), &econtent, Some(&digest)).unwrap();
        if signing_time {
            signer
                .add_signed_attribute(create_signing_time_attribute().unwrap())
                .unwrap();
        }
        let der = SignedDataBuilder::new(&econtent)
            .add_digest_algorithm(sha256)
            .unwrap()
            .add_certificate(CertificateChoices::Certificate(cert))
            .unwrap()
            .add_signer_info::<_, DerSignature>(signer)
            .unwrap()
            .build()
            .unwrap()
            .to_der()
            .unwrap();
        let hex: String = der.iter().map(|b| format!("{b:02X}")).collect();
        let contents = &mut pdf[a + 1..b - 1];
        contents.fill(b'0');
        contents[..hex.len()].copy_from_slice(hex.as_bytes());
        pdf
    }

    #[test]
    fn signed_again_unchanged_verifies() {
        let (key, cert, trusted, sealed) = sealed();
        let again = signed_again(sealed.clone(), &key, &cert, false);
        assert_ne!(again, sealed, "another signature value");
        assert_eq!(
            verify_trusted(&again, &trusted).map(|r| r.signing_time_unix),
            Ok(Some(AT))
        );
    }

    #[test]
    fn a_seal_without_a_signing_time_is_refused_where_its_certificate_is_judged() {
        let (key, cert, trusted, sealed) = sealed();
        let m = scan::find(&sealed[one_page_pdf().len()..], b"/M(").unwrap() + one_page_pdf().len();
        let mut without = sealed.clone();
        without[m + 1] = b'X'; // `/X(D:…)`: the dictionary has no /M
        let without = signed_again(without, &key, &cert, false);
        let report = verify(&without).unwrap();
        assert_eq!(
            (report.signing_time, report.signing_time_unix),
            (None, None)
        );
        assert_eq!(
            verify_trusted(&without, &trusted),
            Err(SealError::NoSigningTime)
        );
        // A /M that is no date is no signing time either.
        let mut garbled = sealed;
        garbled[m + 5] = b'x'; // `/M(D:x025…)`
        let garbled = signed_again(garbled, &key, &cert, false);
        assert_eq!(verify(&garbled).unwrap().signing_time_unix, None);
        assert_eq!(
            verify_trusted(&garbled, &trusted),
            Err(SealError::NoSigningTime)
        );
    }

    #[test]
    fn a_cms_that_claims_a_signing_time_of_its_own_is_refused() {
        let (key, cert, trusted, sealed) = sealed();
        let claims = signed_again(sealed, &key, &cert, true);
        assert_eq!(verify(&claims), Err(SealError::UnexpectedCms));
        assert_eq!(
            verify_trusted(&claims, &trusted),
            Err(SealError::UnexpectedCms)
        );
    }

    #[test]
    fn the_validity_holds_its_ends_and_the_skew_beyond_them() {
        let (from, until) = (1_000, 2_000);
        for at in [
            from - CLOCK_SKEW_SECS,
            from,
            1_500,
            until,
            until + CLOCK_SKEW_SECS,
        ] {
            assert!(within_validity(at, from, until), "{at}");
        }
        for at in [
            from - CLOCK_SKEW_SECS - 1,
            until + CLOCK_SKEW_SECS + 1,
            i64::MIN,
            i64::MAX,
        ] {
            assert!(!within_validity(at, from, until), "{at}");
        }
        assert!(within_validity(i64::MAX, 0, i64::MAX));
    }
}
