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
//! claimed time in `/M`; a seal whose CMS claims one is refused).
//!
//! `signing` writes the update ([`seal`]), `cms` builds and checks the
//! signature, `keys` makes and reads the centre's key and certificate,
//! `scan` reads the signature dictionaries from the file's bytes, `trust`
//! holds the certificates a seal must be made with, and `verify` checks a
//! sealed file ([`verify_trusted`]: one signature over the whole file by a
//! trusted certificate, made, by its `/M`, within the certificate's
//! validity; [`verify()`]: the same, whoever signed and when); every
//! failure is a [`SealError`] that names its Fluent message.
//!
//! Only permissively licensed crates are used (RustCrypto, lopdf).

mod cms;
mod error;
mod keys;
mod scan;
mod signing;
mod trust;
mod verify;

pub use error::{ImportError, Message, SealError};
pub use keys::{
    ImportedKey, certificate_matches_key, export_pkcs12, export_pkcs12_with_chain, import_pkcs12,
    issued_by, key_from_pkcs8, key_to_pkcs8, self_signed, self_signed_for_key,
    self_signed_valid_between, split_der, try_self_signed,
};
pub use p256::ecdsa::SigningKey as SealKey;
pub use signing::{pdf_date, seal};
pub use trust::{
    TrustedCertificates, certificate_fingerprint, certificate_pem, certificates_from_pem,
    fingerprint_groups, short_fingerprint,
};
pub use verify::{CLOCK_SKEW_SECS, VerifyReport, parse_pdf_date, verify, verify_trusted};

/// Bytes reserved for the DER CMS blob inside `/Contents` (written as
/// 2 × this many hex digits). A P-256 seal with one certificate is ~1 KB.
pub const CONTENTS_RESERVE: usize = 8192;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use accord_i18n::{Locale, message_ids};
    use chrono::DateTime;

    #[test]
    fn pdf_dates_round_trip() {
        let utc = |t: i64| DateTime::from_timestamp(t, 0).unwrap();
        assert_eq!(pdf_date(utc(0)), "D:19700101000000+00'00'");
        assert_eq!(pdf_date(utc(1_735_689_600)), "D:20250101000000+00'00'");
        for t in [0, 951_782_400, 1_735_689_599, 4_102_444_800] {
            assert_eq!(parse_pdf_date(&pdf_date(utc(t))), Some(t));
        }
        assert_eq!(
            parse_pdf_date("D:20250101080000+08'00'"),
            Some(1_735_689_600)
        );
    }

    #[test]
    fn partial_and_offset_pdf_dates_parse() {
        assert_eq!(parse_pdf_date("D:2025"), Some(1_735_689_600));
        assert_eq!(parse_pdf_date("D:20250101"), Some(1_735_689_600));
        assert_eq!(parse_pdf_date("D:20250101000000Z"), Some(1_735_689_600));
        assert_eq!(
            parse_pdf_date("D:20241231193000-04'30'"),
            Some(1_735_689_600)
        );
        assert_eq!(parse_pdf_date("D:20250101080000+0800"), Some(1_735_689_600));
        assert_eq!(parse_pdf_date("D:20251301"), None, "no 13th month");
        assert_eq!(parse_pdf_date("D:20x5"), None);
        assert_eq!(parse_pdf_date(""), None);
    }

    #[test]
    fn a_time_no_pdf_date_can_state_is_refused() {
        let (key, cert) = self_signed("c", "o");
        assert_eq!(
            seal(b"%PDF-1.7", &key, &cert, "c", "r", i64::MAX),
            Err(SealError::Time { at_unix: i64::MAX })
        );
    }

    #[test]
    fn every_error_names_a_message_both_languages_have() {
        let detail = || "library text".to_owned();
        let errors = [
            SealError::Certificate { detail: detail() },
            SealError::KeyNotP256,
            SealError::KeyMismatch,
            SealError::KeyEncoding { detail: detail() },
            SealError::Pkcs12Export { detail: detail() },
            SealError::Time { at_unix: 0 },
            SealError::Pdf { detail: detail() },
            SealError::Encrypted,
            SealError::NoCatalog,
            SealError::NoPages,
            SealError::FileTooLarge,
            SealError::Placeholder,
            SealError::SignatureTooLarge { size: 9000 },
            SealError::Cms { detail: detail() },
            SealError::NoSeal,
            SealError::ByteRange {
                range: [0, 1, 2, 3],
            },
            SealError::ContentsNotHex { byte: b'x' },
            SealError::NotSignedData,
            SealError::NotDetached,
            SealError::NoSigner,
            SealError::UnsupportedAlgorithm {
                oid: const_oid::db::rfc5912::ID_SHA_1,
            },
            SealError::SignerByKeyId,
            SealError::NoCertificate,
            SealError::NoSignedAttributes,
            SealError::NoMessageDigest,
            SealError::DigestMismatch,
            SealError::SigningCertificateMismatch,
            SealError::MalformedSignature,
            SealError::SignatureInvalid,
            SealError::SignatureCount { count: 2 },
            SealError::SignerCount { count: 2 },
            SealError::LookAlikeCertificate {
                signer: "c".into(),
                fingerprint: "ab".repeat(32),
            },
            SealError::UntrustedCertificate {
                signer: "c".into(),
                fingerprint: "ab".repeat(32),
            },
            SealError::NoTrustedCertificate,
            SealError::NoSigningTime,
            SealError::SignedOutsideValidity {
                signed_at: 1_740_000_000,
                not_before: 1_750_000_000,
                not_after: 2_000_000_000,
            },
            SealError::ByteRangeShape,
            SealError::ByteRangeHuge,
            SealError::ByteRangeNegative {
                range: "[0 -1 2 3]".into(),
            },
            SealError::ByteRangeOutside {
                range: "[0 1 2 3]".into(),
                len: 4,
            },
            SealError::ByteRangeOverlap {
                range: "[0 5 2 3]".into(),
            },
            SealError::ByteRangeGap {
                range: "[0 1 9 3]".into(),
            },
            SealError::AppendedAfterSeal { bytes: 18 },
            SealError::ContentsTooLarge,
            SealError::ContentsPadding,
            SealError::UnexpectedCms,
        ];
        let imports = [
            ImportError::Unreadable(detail()),
            ImportError::NoKey,
            ImportError::UnsupportedKey,
            ImportError::Mismatch,
        ];
        let messages: Vec<Message> = errors
            .iter()
            .map(SealError::message)
            .chain(imports.iter().map(ImportError::message))
            .collect();
        for locale in Locale::ALL {
            let t = accord_i18n::Translations::load(locale).unwrap();
            let defined = message_ids(locale);
            for (key, args) in &messages {
                assert!(defined.contains(*key), "{locale:?} lacks {key}");
                let args: Vec<accord_i18n::Arg<'_>> =
                    args.iter().map(|(k, v)| (*k, v.as_str().into())).collect();
                let text = t.tr_args(key, &args);
                assert!(
                    !text.contains("library text"),
                    "{key}: a library's words are for the log, not the user: {text}"
                );
                assert!(!text.contains('{'), "{key}: an argument is missing: {text}");
            }
        }
        let keys: std::collections::BTreeSet<_> = messages.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys.len(), messages.len(), "one message per error");
    }
}
