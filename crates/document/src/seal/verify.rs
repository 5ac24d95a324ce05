//! Checking a sealed PDF: the last signature's `/ByteRange` must cover the
//! file around exactly its `/Contents`, and the CMS there must sign the
//! digest of those bytes (see [`super::cms`]). Trust in the certificate is
//! not evaluated.

use chrono::{FixedOffset, NaiveDate};
use lopdf::{Dictionary, Document, Object};
use sha2::{Digest, Sha256};

use super::keys::common_name;
use super::{SealError, cms};

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
pub fn verify(pdf: &[u8]) -> Result<VerifyReport, SealError> {
    let doc = Document::load_mem(pdf).map_err(SealError::pdf)?;
    let (range, dict) = last_signature(&doc).ok_or(SealError::NoSeal)?;

    // ByteRange: [0, a] [b, c] with exactly "<hex>" between a and b.
    let len = pdf.len() as i64;
    let [s0, a_len, b_start, b_len] = range;
    if s0 != 0 || a_len <= 0 || b_start <= a_len + 1 || b_len < 0 || b_start + b_len > len {
        return Err(SealError::ByteRange { range });
    }
    let (a_len, b_start, b_len) = (a_len as usize, b_start as usize, b_len as usize);
    if pdf[a_len] != b'<' || pdf[b_start - 1] != b'>' {
        return Err(SealError::ByteRange { range });
    }
    let covers_whole_file = b_start + b_len == pdf.len();
    let cms_der_padded = hex_decode(&pdf[a_len + 1..b_start - 1])?;

    let mut h = Sha256::new();
    h.update(&pdf[..a_len]);
    h.update(&pdf[b_start..b_start + b_len]);
    let digest = h.finalize();

    let cert = cms::check(&cms_der_padded, &digest)?;

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

/// The signature dictionary whose ByteRange reaches furthest (the last
/// one), with that range.
fn last_signature(doc: &Document) -> Option<([i64; 4], &Dictionary)> {
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
    best
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

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of a hex string; an odd trailing digit is padded with 0 per
/// the PDF spec, white space is skipped.
fn hex_decode(hex: &[u8]) -> Result<Vec<u8>, SealError> {
    let digits: Vec<u8> = hex
        .iter()
        .copied()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let val = |c: u8| -> Result<u8, SealError> {
        match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            b'A'..=b'F' => Ok(c - b'A' + 10),
            _ => Err(SealError::ContentsNotHex { byte: c }),
        }
    };
    digits
        .chunks(2)
        .map(|p| Ok(val(p[0])? << 4 | if p.len() == 2 { val(p[1])? } else { 0 }))
        .collect()
}
