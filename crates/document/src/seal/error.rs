//! Why a seal could not be made, read or checked. Every error names the
//! Fluent message that explains it to the user (and its arguments), so the
//! app says it in the user's language; what a library said is passed on
//! only as the `detail` argument, for the log.

use const_oid::ObjectIdentifier;

use super::CONTENTS_RESERVE;

/// A Fluent message id and its arguments.
pub type Message = (&'static str, Vec<(&'static str, String)>);

/// Why a key, a certificate or a seal could not be made, read or checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    // Keys and certificates.
    /// The certificate could not be read or made.
    #[error("certificate: {detail}")]
    Certificate { detail: String },
    /// The certificate does not hold an ECDSA P-256 public key.
    #[error("the certificate does not hold a P-256 public key")]
    KeyNotP256,
    /// The signing key is not the certificate's key.
    #[error("the signing key does not match the certificate")]
    KeyMismatch,
    /// The key could not be read from or written as PKCS#8.
    #[error("PKCS#8: {detail}")]
    KeyEncoding { detail: String },
    /// The key and certificate could not be written as PKCS#12.
    #[error("PKCS#12: {detail}")]
    Pkcs12Export { detail: String },

    // Sealing.
    /// The sealing time is outside the dates a PDF can state.
    #[error("sealing time {at_unix} is out of range")]
    Time { at_unix: i64 },
    /// The PDF could not be read, updated or written.
    #[error("PDF: {detail}")]
    Pdf { detail: String },
    /// Encrypted PDFs are not sealed.
    #[error("encrypted PDFs are not supported")]
    Encrypted,
    /// The PDF trailer names no document catalogue (`/Root`).
    #[error("the PDF trailer has no /Root")]
    NoCatalog,
    /// The PDF has no page to hold the seal's field.
    #[error("the PDF has no pages")]
    NoPages,
    /// The file is too large for the `/ByteRange` placeholder (10 GB).
    #[error("the file is too large for the ByteRange placeholder")]
    FileTooLarge,
    /// The placeholders were not found in the written update (a defect).
    #[error("the seal's placeholders were not found in the update")]
    Placeholder,
    /// The CMS signature is larger than the space reserved for it.
    #[error("the CMS is {size} bytes, larger than the {CONTENTS_RESERVE}-byte reserve")]
    SignatureTooLarge { size: usize },
    /// The CMS signature could not be built, encoded or decoded.
    #[error("CMS: {detail}")]
    Cms { detail: String },

    // Verification.
    /// The file holds no signature dictionary.
    #[error("no signature dictionary found")]
    NoSeal,
    /// The `/ByteRange` does not cover the file around exactly the
    /// `/Contents` hex string.
    #[error("malformed ByteRange {range:?}")]
    ByteRange { range: [i64; 4] },
    /// The `/Contents` string holds a byte that is not a hex digit.
    #[error("non-hex byte {byte:#04x} in /Contents")]
    ContentsNotHex { byte: u8 },
    /// The CMS is not SignedData.
    #[error("the CMS is not SignedData")]
    NotSignedData,
    /// The CMS carries its content instead of signing the file's bytes.
    #[error("the CMS is not detached")]
    NotDetached,
    /// The CMS has no SignerInfo.
    #[error("the CMS has no SignerInfo")]
    NoSigner,
    /// A digest, hash or signature algorithm other than SHA-256 / ECDSA
    /// P-256.
    #[error("unsupported algorithm {oid}")]
    UnsupportedAlgorithm { oid: ObjectIdentifier },
    /// The signer's certificate is named by key identifier.
    #[error("the SignerInfo identifies its certificate by key id")]
    SignerByKeyId,
    /// The signer's certificate is not embedded in the CMS.
    #[error("the signer certificate is not embedded in the CMS")]
    NoCertificate,
    /// The SignerInfo has no signed attributes.
    #[error("the CMS has no signed attributes")]
    NoSignedAttributes,
    /// The signed attributes have no message-digest.
    #[error("no message-digest attribute")]
    NoMessageDigest,
    /// The signed bytes were changed after sealing.
    #[error("digest mismatch: the signed bytes were changed")]
    DigestMismatch,
    /// The signing-certificate-v2 attribute is empty or names another
    /// certificate.
    #[error("signing-certificate-v2 does not match the embedded certificate")]
    SigningCertificateMismatch,
    /// The ECDSA signature is not well-formed DER.
    #[error("malformed ECDSA signature")]
    MalformedSignature,
    /// The ECDSA check over the signed attributes failed.
    #[error("signature invalid: ECDSA check over the signed attributes failed")]
    SignatureInvalid,

    // Verification: what a sealed agreement must be, and whose.
    /// The file carries more (or other) signatures than the one seal.
    #[error("{count} signatures; a sealed agreement carries exactly one")]
    SignatureCount { count: usize },
    /// The CMS names more than one signer.
    #[error("the CMS has {count} signers; a seal has one")]
    SignerCount { count: usize },
    /// A signature's certificate carries the name of a trusted certificate
    /// but is not it.
    #[error("signed by a look-alike certificate of {signer} (SHA-256 {fingerprint})")]
    LookAlikeCertificate { signer: String, fingerprint: String },
    /// The signer's certificate is not one of the trusted ones.
    #[error("signed by {signer} (SHA-256 {fingerprint}), not a trusted certificate")]
    UntrustedCertificate { signer: String, fingerprint: String },
    /// There is no certificate to check the signer against (or the named
    /// file holds none).
    #[error("no trusted certificate to check the seal against")]
    NoTrustedCertificate,
    /// The seal states no signing time (`/M`) that can be read: Accord
    /// always writes one, and without it the certificate's validity cannot
    /// be checked.
    #[error("the seal states no readable signing time (/M)")]
    NoSigningTime,
    /// The seal was made, by its own signing time, when its certificate
    /// was not valid: before its notBefore or after its notAfter (Unix
    /// seconds all three).
    #[error("signed at {signed_at}, outside the certificate's validity {not_before}..{not_after}")]
    SignedOutsideValidity {
        signed_at: i64,
        not_before: i64,
        not_after: i64,
    },
    /// `/ByteRange` is not an array of four integers.
    #[error("the ByteRange is not four integers")]
    ByteRangeShape,
    /// A `/ByteRange` number has more digits than any file offset.
    #[error("a ByteRange number is too large")]
    ByteRangeHuge,
    /// A `/ByteRange` number is negative.
    #[error("negative ByteRange {range}")]
    ByteRangeNegative { range: String },
    /// A `/ByteRange` part lies outside the file.
    #[error("ByteRange {range} reaches outside the {len}-byte file")]
    ByteRangeOutside { range: String, len: u64 },
    /// The two signed parts overlap (or leave no room for the signature).
    #[error("ByteRange {range}: the signed parts overlap")]
    ByteRangeOverlap { range: String },
    /// The unsigned gap is not exactly the signature's `/Contents`.
    #[error("ByteRange {range}: the unsigned gap is not the signature value")]
    ByteRangeGap { range: String },
    /// Bytes follow the signed part: something was appended after sealing
    /// (an incremental update, another signature).
    #[error("{bytes} bytes were appended after the seal")]
    AppendedAfterSeal { bytes: u64 },
    /// `/Contents` is larger than any seal's reserve.
    #[error("the signature value is too large")]
    ContentsTooLarge,
    /// The reserve after the CMS holds something other than zeros.
    #[error("the signature's reserved space was changed after sealing")]
    ContentsPadding,
    /// The CMS is not encoded, or not laid out, as this program seals.
    #[error("the CMS is not as this program writes a seal")]
    UnexpectedCms,
}

impl SealError {
    /// The Fluent message that explains the error, and its arguments.
    pub fn message(&self) -> Message {
        let detail = |d: &String| vec![("detail", d.clone())];
        match self {
            Self::Certificate { detail: d } => ("error-seal-certificate", detail(d)),
            Self::KeyNotP256 => ("error-seal-key-not-p256", Vec::new()),
            Self::KeyMismatch => ("error-seal-key-mismatch", Vec::new()),
            Self::KeyEncoding { detail: d } => ("error-seal-key-encoding", detail(d)),
            Self::Pkcs12Export { detail: d } => ("error-seal-p12-export", detail(d)),
            Self::Time { at_unix } => ("error-seal-time", vec![("time", at_unix.to_string())]),
            Self::Pdf { detail: d } => ("error-seal-pdf", detail(d)),
            Self::Encrypted => ("error-seal-encrypted", Vec::new()),
            Self::NoCatalog => ("error-seal-no-catalog", Vec::new()),
            Self::NoPages => ("error-seal-no-pages", Vec::new()),
            Self::FileTooLarge => ("error-seal-file-too-large", Vec::new()),
            Self::Placeholder => ("error-seal-placeholder", Vec::new()),
            Self::SignatureTooLarge { size } => (
                "error-seal-signature-too-large",
                vec![
                    ("size", size.to_string()),
                    ("reserve", CONTENTS_RESERVE.to_string()),
                ],
            ),
            Self::Cms { detail: d } => ("error-seal-cms", detail(d)),
            Self::NoSeal => ("error-seal-none", Vec::new()),
            Self::ByteRange { range } => (
                "error-seal-byte-range",
                vec![(
                    "range",
                    format!("[{}]", range.map(|n| n.to_string()).join(" ")),
                )],
            ),
            Self::ContentsNotHex { byte } => (
                "error-seal-contents-hex",
                vec![("byte", format!("{byte:#04x}"))],
            ),
            Self::NotSignedData => ("error-seal-not-signed-data", Vec::new()),
            Self::NotDetached => ("error-seal-not-detached", Vec::new()),
            Self::NoSigner => ("error-seal-no-signer", Vec::new()),
            Self::UnsupportedAlgorithm { oid } => {
                ("error-seal-algorithm", vec![("oid", oid.to_string())])
            }
            Self::SignerByKeyId => ("error-seal-signer-key-id", Vec::new()),
            Self::NoCertificate => ("error-seal-no-certificate", Vec::new()),
            Self::NoSignedAttributes => ("error-seal-no-attributes", Vec::new()),
            Self::NoMessageDigest => ("error-seal-no-digest", Vec::new()),
            Self::DigestMismatch => ("error-seal-digest-mismatch", Vec::new()),
            Self::SigningCertificateMismatch => ("error-seal-signing-certificate", Vec::new()),
            Self::MalformedSignature => ("error-seal-malformed-signature", Vec::new()),
            Self::SignatureInvalid => ("error-seal-signature-invalid", Vec::new()),
            Self::SignatureCount { count } => (
                "error-seal-signature-count",
                vec![("count", count.to_string())],
            ),
            Self::SignerCount { count } => (
                "error-seal-signer-count",
                vec![("count", count.to_string())],
            ),
            Self::LookAlikeCertificate {
                signer,
                fingerprint,
            } => (
                "error-seal-look-alike",
                vec![
                    ("signer", signer.clone()),
                    ("fingerprint", super::fingerprint_groups(fingerprint)),
                ],
            ),
            Self::UntrustedCertificate {
                signer,
                fingerprint,
            } => (
                "error-seal-untrusted",
                vec![
                    ("signer", signer.clone()),
                    ("fingerprint", super::fingerprint_groups(fingerprint)),
                ],
            ),
            Self::NoTrustedCertificate => ("error-seal-no-trusted", Vec::new()),
            Self::NoSigningTime => ("error-seal-no-signing-time", Vec::new()),
            Self::SignedOutsideValidity {
                signed_at,
                not_before,
                not_after,
            } => (
                "error-seal-outside-validity",
                vec![
                    ("signed", local_time(*signed_at)),
                    ("from", local_time(*not_before)),
                    ("until", local_time(*not_after)),
                ],
            ),
            Self::ByteRangeShape => ("error-seal-byte-range-shape", Vec::new()),
            Self::ByteRangeHuge => ("error-seal-byte-range-huge", Vec::new()),
            Self::ByteRangeNegative { range } => (
                "error-seal-byte-range-negative",
                vec![("range", range.clone())],
            ),
            Self::ByteRangeOutside { range, len } => (
                "error-seal-byte-range-outside",
                vec![("range", range.clone()), ("len", len.to_string())],
            ),
            Self::ByteRangeOverlap { range } => (
                "error-seal-byte-range-overlap",
                vec![("range", range.clone())],
            ),
            Self::ByteRangeGap { range } => {
                ("error-seal-byte-range-gap", vec![("range", range.clone())])
            }
            Self::AppendedAfterSeal { bytes } => {
                ("error-seal-appended", vec![("bytes", bytes.to_string())])
            }
            Self::ContentsTooLarge => ("error-seal-contents-too-large", Vec::new()),
            Self::ContentsPadding => ("error-seal-contents-padding", Vec::new()),
            Self::UnexpectedCms => ("error-seal-unexpected-cms", Vec::new()),
        }
    }

    pub(super) fn certificate(e: impl std::fmt::Display) -> Self {
        Self::Certificate {
            detail: e.to_string(),
        }
    }

    pub(super) fn pdf(e: impl std::fmt::Display) -> Self {
        Self::Pdf {
            detail: e.to_string(),
        }
    }

    pub(super) fn cms(e: impl std::fmt::Display) -> Self {
        Self::Cms {
            detail: e.to_string(),
        }
    }

    pub(super) fn key_encoding(e: impl std::fmt::Display) -> Self {
        Self::KeyEncoding {
            detail: e.to_string(),
        }
    }
}

/// A Unix time as the reader's local date and time, `2025-02-20 05:20`:
/// the same in both languages (the app's own date formats are
/// translations, which a message argument cannot reach).
fn local_time(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0).map_or_else(
        || unix.to_string(),
        |at| {
            at.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
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

impl ImportError {
    /// The Fluent message that explains the error, and its arguments.
    pub fn message(&self) -> Message {
        match self {
            Self::Unreadable(detail) => ("error-p12-unreadable", vec![("detail", detail.clone())]),
            Self::NoKey => ("error-p12-no-key", Vec::new()),
            Self::UnsupportedKey => ("error-p12-unsupported", Vec::new()),
            Self::Mismatch => ("error-p12-mismatch", Vec::new()),
        }
    }
}
