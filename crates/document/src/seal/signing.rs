//! Sealing a PDF: an incremental update that adds the signature
//! dictionary, an invisible signature field on page 1 and the form entry,
//! written with placeholders for `/ByteRange` and `/Contents`; then the
//! byte ranges are filled in, hashed, signed (see [`super::cms`]) and the
//! CMS written into the reserved gap.

use chrono::{DateTime, Datelike, Utc};
use der::Decode;
use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId, StringFormat};
use p256::ecdsa::SigningKey;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::keys::certificate_key;
use super::{CONTENTS_RESERVE, SealError, cms};

/// `/ByteRange` placeholder: four integers wide enough for files < 10 GB.
/// The real values are written over it in place, padded with spaces, so no
/// offset in the update moves.
const BYTE_RANGE_PLACEHOLDER: &[u8] = b"[0 9999999999 9999999999 9999999999]";
const BYTE_RANGE_DUMMY: i64 = 9_999_999_999;

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
) -> Result<Vec<u8>, SealError> {
    let cert = Certificate::from_der(cert_der).map_err(SealError::certificate)?;
    if &certificate_key(&cert)? != key.verifying_key() {
        return Err(SealError::KeyMismatch);
    }
    // A PDF date has a four-digit year.
    let at = DateTime::from_timestamp(at_unix, 0)
        .filter(|at| (0..=9999).contains(&at.year()))
        .ok_or(SealError::Time { at_unix })?;

    let out = incremental_update(pdf, signer_name, reason, at)?;
    sign_update(out, pdf.len(), key, cert, cert_der)
}

/// `D:YYYYMMDDHHmmSS+00'00'`, the PDF date of a time (in UTC).
pub fn pdf_date(at: DateTime<Utc>) -> String {
    at.format("D:%Y%m%d%H%M%S+00'00'").to_string()
}

/// The original file followed by the update that adds the signature
/// dictionary (with placeholders), its field on page 1 and the form entry.
fn incremental_update(
    pdf: &[u8],
    signer_name: &str,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<Vec<u8>, SealError> {
    let doc = Document::load_mem(pdf).map_err(SealError::pdf)?;
    if doc.is_encrypted() {
        return Err(SealError::Encrypted);
    }
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| SealError::NoCatalog)?;
    let page1_id = *doc.get_pages().get(&1).ok_or(SealError::NoPages)?;
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
            Object::String(pdf_date(at).into_bytes(), StringFormat::Literal),
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
    // An empty appearance: PDF/A-1 wants one on every widget, even an
    // invisible one (PDF/A-2 excuses a zero-size one), and a sealed case
    // file is PDF/A.
    let appearance_id = inc.new_document.add_object(lopdf::Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Form".to_vec())),
            (
                "BBox",
                Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
            ),
        ]),
        Vec::new(),
    ));
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
        (
            "AP",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "N",
                Object::Reference(appearance_id),
            )])),
        ),
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
    inc.save_to(&mut out).map_err(SealError::pdf)?;
    Ok(out)
}

/// Fills the placeholders of the update that starts at `update_start`:
/// the byte ranges, then the CMS over them in the `/Contents` gap.
fn sign_update(
    mut out: Vec<u8>,
    update_start: usize,
    key: &SigningKey,
    cert: Certificate,
    cert_der: &[u8],
) -> Result<Vec<u8>, SealError> {
    // Locate the placeholders in the appended part only.
    let tail = &out[update_start..];
    let br_pos = update_start + find(tail, BYTE_RANGE_PLACEHOLDER).ok_or(SealError::Placeholder)?;
    let mut contents_placeholder = Vec::with_capacity(2 * CONTENTS_RESERVE + 2);
    contents_placeholder.push(b'<');
    contents_placeholder.resize(2 * CONTENTS_RESERVE + 1, b'0');
    contents_placeholder.push(b'>');
    let lt = update_start + find(tail, &contents_placeholder).ok_or(SealError::Placeholder)?;
    let gt = lt + contents_placeholder.len() - 1;

    // ByteRange: [0, offset of '<'] and [just after '>', to EOF].
    let (a_len, b_start) = (lt, gt + 1);
    let b_len = out.len() - b_start;
    let mut br = format!("[0 {a_len} {b_start} {b_len}]").into_bytes();
    if br.len() > BYTE_RANGE_PLACEHOLDER.len() {
        return Err(SealError::FileTooLarge);
    }
    // Pad inside the brackets so the array stays well-formed: "[0 a b c    ]".
    let close = br.pop();
    br.resize(BYTE_RANGE_PLACEHOLDER.len() - 1, b' ');
    br.extend(close);
    out[br_pos..br_pos + br.len()].copy_from_slice(&br);

    // Digest of the signed ranges, CMS, and the hex written into the gap.
    let mut h = Sha256::new();
    h.update(&out[..a_len]);
    h.update(&out[b_start..]);
    let digest = h.finalize();

    let cms_der = cms::build(&digest, key, cert, cert_der)?;
    if cms_der.len() > CONTENTS_RESERVE {
        return Err(SealError::SignatureTooLarge {
            size: cms_der.len(),
        });
    }
    let hex = hex_upper(&cms_der);
    out[lt + 1..lt + 1 + hex.len()].copy_from_slice(&hex); // rest stays '0'
    Ok(out)
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

/// Returns a mutable dictionary for `id` in the update, copying the object
/// from the previous revision first.
fn dict_in_update(
    inc: &mut IncrementalDocument,
    id: ObjectId,
) -> Result<&mut Dictionary, SealError> {
    inc.opt_clone_object_to_new_document(id)
        .map_err(SealError::pdf)?;
    inc.new_document
        .get_object_mut(id)
        .and_then(Object::as_dict_mut)
        .map_err(SealError::pdf)
}

/// Appends `item` to the array stored under `key` of the dictionary `owner`
/// (inline or as an indirect array object), creating it when absent.
fn push_to_array(
    inc: &mut IncrementalDocument,
    owner: ObjectId,
    key: &[u8],
    item: Object,
) -> Result<(), SealError> {
    let current = dict_in_update(inc, owner)?.get(key).ok().cloned();
    match current {
        Some(Object::Reference(arr_id)) => {
            inc.opt_clone_object_to_new_document(arr_id)
                .map_err(SealError::pdf)?;
            let arr = inc
                .new_document
                .get_object_mut(arr_id)
                .and_then(Object::as_array_mut)
                .map_err(SealError::pdf)?;
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
