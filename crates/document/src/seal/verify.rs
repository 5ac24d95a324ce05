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
//!    trusted ones (the centre's keys, or a certificate the user names).
//!
//! The signature dictionaries are read from the file's bytes (see
//! [`super::scan`]); every number read is checked before it is used, so
//! no input makes verification panic or allocate without bound.

use chrono::{FixedOffset, NaiveDate};
use der::Encode;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::keys::common_name;
use super::scan::{self, SigDict};
use super::trust::{TrustedCertificates, hex_lower};
use super::{CONTENTS_RESERVE, SealError, cms};

/// The largest `/Contents` read, in hex digits: eight times our reserve.
const MAX_CONTENTS_HEX: usize = 16 * CONTENTS_RESERVE;

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
/// the whole file, intact) and that the signer's certificate is one of
/// `trusted`. Any failure is an `Err` that says which check refused it.
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
/// certificate is not evaluated (see [`verify_trusted`]).
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
    Ok(VerifyReport {
        signer_cn,
        certificate: cert.to_der().map_err(SealError::cms)?,
        certificate_sha256,
        signing_time_unix: signing_time.as_deref().and_then(parse_pdf_date),
        signing_time,
        name: text(&sig.name),
        reason: text(&sig.reason),
        digest_hex: hex_lower(&digest),
        covers_whole_file: true,
    })
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
