//! Forged agreements, each made the way a forger would make it, and each
//! refused with its own reason: a look-alike certificate on an appended
//! update, a second signature, an edited first revision sealed again,
//! another installation's key, a seal dated outside its certificate's
//! validity, crafted byte ranges, a changed byte in the signature's
//! padding or value. The genuine file still verifies.

use std::sync::OnceLock;

use accord_core::demo;
use accord_document::{AgreementInput, agreement, pdf, seal};
use accord_i18n::{Locale, Translations};
use lopdf::{Dictionary, Document, IncrementalDocument, Object, Stream};
use seal::{SealError, TrustedCertificates};

const AT: i64 = 1_740_000_000;
const CENTRE: &str = "青山区人民调解委员会";
const DAY: i64 = 86_400;

/// A key and its self-signed certificate, valid from `from` to `until`.
fn key_valid(name: &str, from: i64, until: i64) -> (seal::SealKey, Vec<u8>) {
    let (key, _) = seal::self_signed(name, "Accord");
    let cert =
        seal::self_signed_valid_between(&key, name, "Accord", from, until).expect("certificate");
    (key, cert)
}

struct Fixture {
    /// The agreement as printed, before sealing.
    pdf: Vec<u8>,
    /// The centre's certificate and the agreement sealed with its key.
    cert: Vec<u8>,
    sealed: Vec<u8>,
    trusted: TrustedCertificates,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let case = demo::water_leak_stored_case();
        let t = Translations::load(Locale::ZhCn).expect("locale");
        let content = demo::water_leak_agreement(&case);
        let doc = agreement(&t, &AgreementInput::new(&case, &content));
        // Valid when the agreement is sealed (at AT, not now).
        let (key, cert) = key_valid(CENTRE, AT - DAY, AT + 3650 * DAY);
        let reference = pdf::Reference {
            case_number: case.number,
            version: 1,
            content_hash: content.content_hash(&case),
        };
        let options = pdf::PrintOptions {
            footer_pattern: t.tr("doc-footer"),
            created_unix: AT,
            qr: Some((reference.payload(), t.tr("doc-qr-caption"))),
            certificate_fingerprint: Some(t.tr_args(
                "doc-certificate-fingerprint",
                &[("fingerprint", seal::short_fingerprint(&cert).into())],
            )),
            ..Default::default()
        };
        let pdf = pdf::render(&doc, &options).expect("render");
        let sealed = seal::seal(&pdf, &key, &cert, CENTRE, "定稿", AT).expect("seal");
        let trusted = TrustedCertificates::from_der([&cert]).expect("certificate");
        Fixture {
            pdf,
            cert,
            sealed,
            trusted,
        }
    })
}

fn refused(bytes: &[u8]) -> SealError {
    seal::verify_trusted(bytes, &fixture().trusted).expect_err("a forgery must be refused")
}

/// The file with page 1's text changed, as an incremental update (or, with
/// `rewrite`, the whole file written anew).
fn with_page_text_changed(pdf: &[u8], rewrite: bool) -> Vec<u8> {
    let doc = Document::load_mem(pdf).expect("pdf");
    let page = *doc.get_pages().get(&1).expect("page 1");
    let mut content = doc.get_page_content(page);
    // A glyph of the first string shown becomes another glyph.
    let tj = find(&content, b"<").expect("a hex string in the text");
    let digit = content[tj + 4];
    content[tj + 4] = if digit == b'1' { b'2' } else { b'1' };
    if rewrite {
        let mut doc = doc;
        let id = doc.add_object(Stream::new(Dictionary::new(), content));
        doc.get_object_mut(page)
            .and_then(Object::as_dict_mut)
            .expect("page")
            .set("Contents", Object::Reference(id));
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("save");
        return out;
    }
    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), doc);
    let id = inc
        .new_document
        .add_object(Stream::new(Dictionary::new(), content));
    inc.opt_clone_object_to_new_document(page).expect("clone");
    inc.new_document
        .get_object_mut(page)
        .and_then(Object::as_dict_mut)
        .expect("page")
        .set("Contents", Object::Reference(id));
    let mut out = Vec::new();
    inc.save_to(&mut out).expect("save");
    out
}

fn page_text(pdf: &[u8]) -> Vec<u8> {
    let doc = Document::load_mem(pdf).expect("pdf");
    let page = *doc.get_pages().get(&1).expect("page 1");
    doc.get_page_content(page)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Where the `[...]` of `/ByteRange` is, and its four numbers.
fn byte_range(sealed: &[u8]) -> (usize, usize, [i64; 4]) {
    let key = find(sealed, b"/ByteRange").expect("ByteRange") + b"/ByteRange".len();
    let open = key + find(&sealed[key..], b"[").expect("[");
    let close = open + find(&sealed[open..], b"]").expect("]") + 1;
    let numbers: Vec<i64> = std::str::from_utf8(&sealed[open + 1..close - 1])
        .expect("ascii")
        .split_whitespace()
        .map(|n| n.parse().expect("number"))
        .collect();
    (open, close, numbers.try_into().expect("four"))
}

/// The sealed file with `/ByteRange` written as `text` in the same space
/// (padded with blanks, so no offset moves).
fn with_byte_range(text: &str) -> Vec<u8> {
    let sealed = &fixture().sealed;
    let (open, close, _) = byte_range(sealed);
    let width = close - open;
    assert!(text.len() <= width, "{text} does not fit in {width} bytes");
    let mut out = sealed.clone();
    let mut written = text.as_bytes().to_vec();
    let last = written.pop().expect("]");
    written.resize(width - 1, b' ');
    written.push(last);
    out[open..close].copy_from_slice(&written);
    out
}

/// The hex of `/Contents`: from just after `<` to `>`.
fn contents_hex(sealed: &[u8]) -> (usize, usize) {
    let (_, _, [_, a, b, _]) = byte_range(sealed);
    (a as usize + 1, b as usize - 1)
}

#[test]
fn the_genuine_agreement_verifies_naming_its_signer_and_certificate() {
    let f = fixture();
    let report = seal::verify_trusted(&f.sealed, &f.trusted).expect("the genuine file verifies");
    assert_eq!(report.signer_cn, CENTRE);
    assert_eq!(
        report.certificate_sha256,
        seal::certificate_fingerprint(&f.cert)
    );
    assert_eq!(report.certificate, f.cert);
    assert_eq!(report.signing_time_unix, Some(AT));
    assert_eq!(report.certificate_not_before_unix, AT - DAY);
    assert_eq!(report.certificate_not_after_unix, AT + 3650 * DAY);
    assert_eq!(report.name.as_deref(), Some(CENTRE));
    assert_eq!(report.reason.as_deref(), Some("定稿"));
    assert!(report.covers_whole_file);
    assert_eq!(seal::verify(&f.sealed), Ok(report));
}

#[test]
fn an_update_appended_after_sealing_and_resigned_with_a_look_alike_certificate_is_refused() {
    let f = fixture();
    let changed = with_page_text_changed(&f.sealed, false);
    assert_ne!(
        page_text(&changed),
        page_text(&f.sealed),
        "the text changed"
    );
    let (forger, look_alike) = seal::self_signed(CENTRE, "Accord");
    let forged = seal::seal(&changed, &forger, &look_alike, CENTRE, "定稿", AT).expect("seal");
    // Alone, the forger's signature is intact and covers the whole file.
    let (_, _, [_, _, b, c]) = byte_range(&forged[f.sealed.len()..]);
    assert_eq!(
        b + c,
        forged.len() as i64,
        "the outer signature covers everything"
    );
    assert_eq!(
        refused(&forged),
        SealError::LookAlikeCertificate {
            signer: CENTRE.into(),
            fingerprint: seal::certificate_fingerprint(&look_alike),
        }
    );
    // Without a certificate to compare with, the second signature shows.
    assert_eq!(
        seal::verify(&forged),
        Err(SealError::SignatureCount { count: 2 })
    );
}

#[test]
fn an_update_appended_after_sealing_without_a_signature_is_refused() {
    let f = fixture();
    let changed = with_page_text_changed(&f.sealed, false);
    let added = (changed.len() - f.sealed.len()) as u64;
    assert_eq!(
        refused(&changed),
        SealError::AppendedAfterSeal { bytes: added }
    );
    let mut appended = f.sealed.clone();
    appended.extend_from_slice(b"\n% appended later\n");
    assert_eq!(
        refused(&appended),
        SealError::AppendedAfterSeal { bytes: 18 }
    );
}

#[test]
fn a_second_signature_appended_by_someone_else_is_refused() {
    let f = fixture();
    let (key, cert) = seal::self_signed("某某律师事务所", "Law firm");
    let twice = seal::seal(&f.sealed, &key, &cert, "某某律师事务所", "见证", AT).expect("seal");
    assert_eq!(refused(&twice), SealError::SignatureCount { count: 2 });
    // Nor is the second signature accepted if its own certificate is
    // trusted: one seal, the centre's, is what an agreement carries.
    let both = TrustedCertificates::from_der([&f.cert, &cert]).expect("certificates");
    assert_eq!(
        seal::verify_trusted(&twice, &both),
        Err(SealError::SignatureCount { count: 2 })
    );
}

#[test]
fn an_edited_first_revision_sealed_again_with_another_key_is_refused() {
    let f = fixture();
    let edited = with_page_text_changed(&f.sealed[..f.pdf.len()], true);
    assert_ne!(page_text(&edited), page_text(&f.pdf));
    let (key, cert) = seal::self_signed("伪造者", "");
    let forged = seal::seal(&edited, &key, &cert, CENTRE, "定稿", AT).expect("seal");
    assert!(
        seal::verify(&forged).is_ok(),
        "intact in itself: only the certificate tells"
    );
    assert_eq!(
        refused(&forged),
        SealError::UntrustedCertificate {
            signer: "伪造者".into(),
            fingerprint: seal::certificate_fingerprint(&cert),
        }
    );
    // The same with a certificate that carries the centre's name.
    let (key, look_alike) = seal::self_signed(CENTRE, "Accord");
    let forged = seal::seal(&edited, &key, &look_alike, CENTRE, "定稿", AT).expect("seal");
    assert_eq!(
        refused(&forged),
        SealError::LookAlikeCertificate {
            signer: CENTRE.into(),
            fingerprint: seal::certificate_fingerprint(&look_alike),
        }
    );
}

#[test]
fn an_agreement_sealed_by_another_installation_is_refused() {
    let f = fixture();
    let (key, cert) = seal::self_signed("白云区人民调解委员会", "Accord");
    let other = seal::seal(&f.pdf, &key, &cert, "白云区人民调解委员会", "定稿", AT).expect("seal");
    assert_eq!(
        refused(&other),
        SealError::UntrustedCertificate {
            signer: "白云区人民调解委员会".into(),
            fingerprint: seal::certificate_fingerprint(&cert),
        }
    );
}

#[test]
fn a_retired_certificate_of_the_centre_still_verifies_what_it_sealed() {
    let f = fixture();
    let (_, current) = seal::self_signed(CENTRE, "Accord");
    let both = TrustedCertificates::from_der([&current, &f.cert]).expect("certificates");
    assert!(seal::verify_trusted(&f.sealed, &both).is_ok());
    let only_new = TrustedCertificates::from_der([&current]).expect("certificate");
    // Same name, other key: to a verifier that knows only the new one, the
    // old seal looks like an imitation and is refused.
    assert!(matches!(
        seal::verify_trusted(&f.sealed, &only_new),
        Err(SealError::LookAlikeCertificate { .. })
    ));
    assert_eq!(
        seal::verify_trusted(&f.sealed, &TrustedCertificates::default()),
        Err(SealError::NoTrustedCertificate)
    );
}

#[test]
fn a_seal_dated_outside_its_certificates_validity_is_refused() {
    let f = fixture();
    let refused_with = |from: i64, until: i64, at: i64| {
        let (key, cert) = key_valid(CENTRE, from, until);
        let sealed = seal::seal(&f.pdf, &key, &cert, CENTRE, "定稿", at).expect("seal");
        let trusted = TrustedCertificates::from_der([&cert]).expect("certificate");
        // Intact in itself: only the dates tell.
        let report = seal::verify(&sealed).expect("intact");
        assert_eq!(
            (
                report.certificate_not_before_unix,
                report.certificate_not_after_unix
            ),
            (from, until)
        );
        seal::verify_trusted(&sealed, &trusted).err()
    };
    let outside = |from: i64, until: i64, at: i64| SealError::SignedOutsideValidity {
        signed_at: at,
        not_before: from,
        not_after: until,
    };
    let skew = seal::CLOCK_SKEW_SECS;

    // A certificate that had expired, still used (a key kept after its
    // certificate ran out, or a stolen old key).
    let (from, until) = (AT - 730 * DAY, AT - 365 * DAY);
    assert_eq!(
        refused_with(from, until, AT),
        Some(outside(from, until, AT))
    );
    // Dated before the certificate existed (a seal backdated with a key
    // made later).
    let (from, until) = (AT + DAY, AT + 3650 * DAY);
    assert_eq!(
        refused_with(from, until, AT),
        Some(outside(from, until, AT))
    );
    // Just past either end by more than a clock can be wrong: refused;
    // within that, accepted.
    let (from, until) = (AT - DAY, AT + DAY);
    for at in [from - skew - 1, until + skew + 1] {
        assert_eq!(
            refused_with(from, until, at),
            Some(outside(from, until, at))
        );
    }
    for at in [from - skew, from, until, until + skew] {
        assert_eq!(refused_with(from, until, at), None, "{at}");
    }
    // The reason names the three dates, in both languages.
    let (key, args) = outside(from, until, AT).message();
    assert_eq!(key, "error-seal-outside-validity");
    assert_eq!(
        args.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
        ["signed", "from", "until"]
    );
    for locale in Locale::ALL {
        let t = Translations::load(locale).expect("locale");
        let args: Vec<accord_i18n::Arg<'_>> =
            args.iter().map(|(k, v)| (*k, v.as_str().into())).collect();
        let text = t.tr_args(key, &args);
        assert!(!text.contains('{') && text.contains("2025"), "{text}");
    }
}

#[test]
fn crafted_byte_ranges_are_refused_each_with_its_reason() {
    let f = fixture();
    let len = f.sealed.len() as i64;
    let (_, _, [_, a, b, c]) = byte_range(&f.sealed);
    let range = |r: [i64; 4]| format!("[{} {} {} {}]", r[0], r[1], r[2], r[3]);
    let cases: Vec<(String, SealError)> = vec![
        (
            range([0, a, a - 100, len - (a - 100)]),
            SealError::ByteRangeOverlap {
                range: range([0, a, a - 100, len - (a - 100)]),
            },
        ),
        (
            range([0, a, b, c + 1000]),
            SealError::ByteRangeOutside {
                range: range([0, a, b, c + 1000]),
                len: len as u64,
            },
        ),
        (
            range([0, a, b + 2000, c]),
            SealError::ByteRangeOutside {
                range: range([0, a, b + 2000, c]),
                len: len as u64,
            },
        ),
        (
            "[0 0 0 99999999999999999999]".into(),
            SealError::ByteRangeHuge,
        ),
        (
            "[0 0 0 -1000000000000000000000000]".into(),
            SealError::ByteRangeHuge,
        ),
        (
            range([0, a, b, -5]),
            SealError::ByteRangeNegative {
                range: range([0, a, b, -5]),
            },
        ),
        (
            range([0, -a, b, c]),
            SealError::ByteRangeNegative {
                range: range([0, -a, b, c]),
            },
        ),
        (
            range([1, a, b, c]),
            SealError::ByteRange {
                range: [1, a, b, c],
            },
        ),
        (
            range([0, a + 2, b, c]),
            SealError::ByteRangeGap {
                range: range([0, a + 2, b, c]),
            },
        ),
        (
            range([0, a, b - 2, c + 2]),
            SealError::ByteRangeGap {
                range: range([0, a, b - 2, c + 2]),
            },
        ),
        (
            range([0, a, b, c - 1]),
            SealError::AppendedAfterSeal { bytes: 1 },
        ),
        (format!("[0 {a} {b}]"), SealError::ByteRangeShape),
        (format!("[0 {a} {b} 1.5]"), SealError::ByteRangeShape),
        (format!("[0 {a} {b} {c} 0]"), SealError::ByteRangeShape),
    ];
    for (text, expected) in cases {
        assert_eq!(refused(&with_byte_range(&text)), expected, "{text}");
    }
    // Numbers at the edges of what a number can be.
    for text in [
        "[0 9223372036854775807 0 0]",
        "[-9223372036854775808 0 0 0]",
        "[0 0 0 0]",
    ] {
        assert!(
            seal::verify_trusted(&with_byte_range(text), &f.trusted).is_err(),
            "{text}"
        );
    }
}

#[test]
fn a_changed_byte_in_the_signature_padding_or_value_is_refused() {
    let f = fixture();
    let (start, end) = contents_hex(&f.sealed);
    let hex = &f.sealed[start..end];
    // The DER's length from its header (30 82 HH LL).
    let header = std::str::from_utf8(&hex[..8]).expect("ascii");
    assert_eq!(&header[..4], "3082");
    let der_len = 4 + usize::from_str_radix(&header[4..], 16).expect("length");

    let mut padding = f.sealed.clone();
    padding[end - 1] = b'1';
    assert_eq!(refused(&padding), SealError::ContentsPadding);

    let mut value = f.sealed.clone();
    let last = start + 2 * der_len - 1;
    value[last] = if value[last] == b'0' { b'1' } else { b'0' };
    assert_eq!(refused(&value), SealError::SignatureInvalid);

    let mut lower = f.sealed.clone();
    let letter = (start..end)
        .find(|&i| f.sealed[i].is_ascii_uppercase())
        .expect("a hex letter");
    lower[letter] = lower[letter].to_ascii_lowercase();
    assert_eq!(
        refused(&lower),
        SealError::ContentsNotHex {
            byte: lower[letter]
        }
    );

    let mut signed = f.sealed.clone();
    signed[f.pdf.len() / 2] ^= 0x01;
    assert_eq!(refused(&signed), SealError::DigestMismatch);
}

#[test]
fn an_unsealed_file_is_refused() {
    assert_eq!(refused(&fixture().pdf), SealError::NoSeal);
    assert_eq!(refused(b""), SealError::NoSeal);
}

#[test]
fn the_page_carries_the_certificate_fingerprint_and_rendering_without_it_is_unchanged() {
    let f = fixture();
    let case = demo::water_leak_stored_case();
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let content = demo::water_leak_agreement(&case);
    let doc = agreement(&t, &AgreementInput::new(&case, &content));
    let options = pdf::PrintOptions {
        footer_pattern: t.tr("doc-footer"),
        created_unix: AT,
        qr: Some((
            "ACCORD|2025-0001|1|sha256:00".into(),
            t.tr("doc-qr-caption"),
        )),
        ..Default::default()
    };
    let without = pdf::render(&doc, &options).expect("render");
    let line = t.tr_args(
        "doc-certificate-fingerprint",
        &[("fingerprint", seal::short_fingerprint(&f.cert).into())],
    );
    let with = pdf::render(
        &doc,
        &pdf::PrintOptions {
            certificate_fingerprint: Some(line),
            ..options.clone()
        },
    )
    .expect("render");
    assert_ne!(with, without);
    let last_page = |bytes: &[u8]| {
        let doc = Document::load_mem(bytes).expect("pdf");
        let pages = doc.get_pages();
        let id = *pages.values().last().expect("a page");
        doc.get_page_content(id)
    };
    let (with_text, without_text) = (last_page(&with), last_page(&without));
    assert!(
        with_text.len() > without_text.len(),
        "one more line of text on the last page"
    );
    // As a reader sees it, when poppler's pdftotext is installed.
    let dir = std::env::temp_dir().join(format!("accord-forgery-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("with.pdf");
    std::fs::write(&file, &with).expect("write");
    match std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(out) => {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.contains(&seal::short_fingerprint(&f.cert)),
                "the fingerprint is on the page: {text}"
            );
        }
        Err(e) => assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext must be installed in CI: {e}"
        ),
    }
}
