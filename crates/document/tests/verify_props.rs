//! No input makes verification panic: random byte ranges, truncations and
//! mutations of a real sealed agreement (built once), 10,000 cases, and
//! files made up of PDF tokens. And only the genuine bytes verify: a file
//! that differs anywhere is refused.

use std::sync::OnceLock;

use accord_core::demo;
use accord_document::{AgreementInput, agreement, pdf, seal};
use accord_i18n::{Locale, Translations};
use proptest::prelude::*;
use proptest::sample::Index;

struct Fixture {
    sealed: Vec<u8>,
    trusted: seal::TrustedCertificates,
    /// Where the `[...]` of `/ByteRange` and the `<...>` of `/Contents` are.
    byte_range: (usize, usize),
    contents: (usize, usize),
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let case = demo::water_leak_stored_case();
        let t = Translations::load(Locale::ZhCn).expect("locale");
        let content = demo::water_leak_agreement(&case);
        let doc = agreement(&t, &AgreementInput::new(&case, &content));
        let options = pdf::PrintOptions {
            footer_pattern: t.tr("doc-footer"),
            qr: Some((
                "ACCORD|2025-0001|1|sha256:00".into(),
                t.tr("doc-qr-caption"),
            )),
            ..Default::default()
        };
        let bytes = pdf::render(&doc, &options).expect("render");
        // A certificate valid when the file is sealed (not from now).
        let at = 1_740_000_000;
        let (key, _) = seal::self_signed("青山区人民调解委员会", "Accord");
        let cert = seal::self_signed_valid_between(
            &key,
            "青山区人民调解委员会",
            "Accord",
            at - 86_400,
            at + 86_400,
        )
        .expect("certificate");
        let sealed = seal::seal(&bytes, &key, &cert, "c", "r", at).expect("seal");
        let trusted = seal::TrustedCertificates::from_der([&cert]).expect("certificate");
        let find = |from: usize, needle: &[u8]| {
            from + sealed[from..]
                .windows(needle.len())
                .position(|w| w == needle)
                .expect("present")
        };
        let open = find(bytes.len(), b"/ByteRange[") + b"/ByteRange".len();
        let close = find(open, b"]") + 1;
        let lt = find(bytes.len(), b"/Contents<") + b"/Contents".len();
        let gt = find(lt, b">") + 1;
        assert!(seal::verify_trusted(&sealed, &trusted).is_ok());
        Fixture {
            byte_range: (open, close),
            contents: (lt, gt),
            sealed,
            trusted,
        }
    })
}

/// One way to spoil the sealed file.
#[derive(Debug, Clone)]
enum Mutation {
    /// Cut it short.
    Truncate(Index),
    /// Set bytes anywhere.
    Bytes(Vec<(Index, u8)>),
    /// Set bytes of the signature value (and its `<` `>`).
    Contents(Vec<(Index, u8)>),
    /// Write four numbers as the byte range (the file's length may change).
    Range([i64; 4]),
    /// Write numbers near the real ones, which pass more checks.
    NearRange([i32; 4]),
    /// Write anything as the byte range.
    RangeText(Vec<u8>),
    /// Cut a piece out and put other bytes in its place.
    Splice(Index, u16, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![
        any::<u8>(),
        Just(b'0'),
        Just(b'<'),
        Just(b'>'),
        Just(b' '),
        Just(b'-')
    ];
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        prop::collection::vec((any::<Index>(), byte.clone()), 1..4).prop_map(Mutation::Bytes),
        prop::collection::vec((any::<Index>(), byte), 1..4).prop_map(Mutation::Contents),
        prop::array::uniform4(prop_oneof![
            any::<i64>(),
            -4i64..4,
            Just(i64::MAX),
            Just(i64::MIN)
        ])
        .prop_map(Mutation::Range),
        prop::array::uniform4(-3i32..3).prop_map(Mutation::NearRange),
        prop::collection::vec(
            prop::sample::select(b"0123456789 -+.[]<>/eR".to_vec()),
            0..48
        )
        .prop_map(Mutation::RangeText),
        (
            any::<Index>(),
            0u16..64,
            prop::collection::vec(any::<u8>(), 0..16)
        )
            .prop_map(|(at, cut, put)| Mutation::Splice(at, cut, put)),
    ]
}

fn apply(f: &Fixture, m: &Mutation) -> Vec<u8> {
    let mut out = f.sealed.clone();
    let len = out.len();
    let (open, close) = f.byte_range;
    let (lt, gt) = f.contents;
    let replace_range = |out: &mut Vec<u8>, text: &[u8]| {
        out.splice(open..close, text.iter().copied());
    };
    match m {
        Mutation::Truncate(at) => out.truncate(at.index(len)),
        Mutation::Bytes(set) => {
            for (at, b) in set {
                out[at.index(len)] = *b;
            }
        }
        Mutation::Contents(set) => {
            for (at, b) in set {
                out[lt + at.index(gt - lt)] = *b;
            }
        }
        Mutation::Range(r) => {
            replace_range(
                &mut out,
                format!("[{} {} {} {}]", r[0], r[1], r[2], r[3]).as_bytes(),
            );
        }
        Mutation::NearRange(d) => {
            let (a, b) = (lt as i64, gt as i64);
            let r = [
                i64::from(d[0]),
                a + i64::from(d[1]),
                b + i64::from(d[2]),
                len as i64 - b + i64::from(d[3]),
            ];
            // Padded to the placeholder's width, so offsets stay put.
            let mut text = format!("[{} {} {} {}", r[0], r[1], r[2], r[3]).into_bytes();
            text.resize((close - open - 1).max(text.len()), b' ');
            text.push(b']');
            replace_range(&mut out, &text);
        }
        Mutation::RangeText(text) => replace_range(&mut out, text),
        Mutation::Splice(at, cut, put) => {
            let at = at.index(len);
            let end = (at + usize::from(*cut)).min(len);
            out.splice(at..end, put.iter().copied());
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 10_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_mutation_panics_and_only_the_genuine_bytes_verify(m in mutation()) {
        let f = fixture();
        let spoiled = apply(f, &m);
        let trusted = seal::verify_trusted(&spoiled, &f.trusted);
        let untrusted = seal::verify(&spoiled);
        if spoiled != f.sealed {
            prop_assert!(trusted.is_err(), "{m:?} verified");
            prop_assert!(untrusted.is_err(), "{m:?} verified without trust");
        }
    }
}

/// Files made of PDF tokens around a signature dictionary's keys: the
/// tokenizer meets nesting, strings, escapes and numbers of every shape.
fn pdf_tokens() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just(b"/ByteRange".to_vec()),
        Just(b"/Contents".to_vec()),
        Just(b"/M".to_vec()),
        Just(b" 1 0 obj ".to_vec()),
        Just(b"endobj".to_vec()),
        Just(b"<<".to_vec()),
        Just(b">>".to_vec()),
        Just(b"[".to_vec()),
        Just(b"]".to_vec()),
        Just(b"(".to_vec()),
        Just(b")".to_vec()),
        Just(b"\\".to_vec()),
        Just(b"<".to_vec()),
        Just(b">".to_vec()),
        Just(b"%".to_vec()),
        Just(b"\n".to_vec()),
        Just(b" 0 R".to_vec()),
        Just(b"#4".to_vec()),
        any::<i64>().prop_map(|n| format!(" {n} ").into_bytes()),
        "[0-9A-Fa-f ]{0,12}".prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(token, 0..64).prop_map(|tokens| tokens.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 4_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_made_up_file_panics_or_verifies(bytes in pdf_tokens()) {
        let f = fixture();
        prop_assert!(seal::verify_trusted(&bytes, &f.trusted).is_err());
        prop_assert!(seal::verify(&bytes).is_err());
    }
}
