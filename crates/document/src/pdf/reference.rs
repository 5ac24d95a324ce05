//! Which agreement a PDF is: the reference written into the metadata's
//! Keywords and the QR code (`ACCORD|<case number>|<version>|sha256:<hex>`)
//! and read back from a (possibly sealed) file.

use accord_core::CaseNumber;

/// The reference written into the metadata's Keywords (the QR code's
/// payload), read back from a (possibly sealed) PDF.
pub fn embedded_reference(pdf: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(pdf).ok()?;
    let info = match doc.trailer.get(b"Info").ok()? {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        lopdf::Object::Dictionary(d) => d,
        _ => return None,
    };
    let bytes = info.get(b"Keywords").ok()?.as_str().ok()?;
    Some(match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    })
}

/// The metadata's Identifier (the audit trail's head when the agreement
/// was sealed, see `PrintOptions::audit_head`), read back from a
/// (possibly sealed) PDF.
pub fn embedded_identifier(pdf: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(pdf).ok()?;
    let info = match doc.trailer.get(b"Info").ok()? {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        lopdf::Object::Dictionary(d) => d,
        _ => return None,
    };
    let bytes = info.get(b"Identifier").ok()?.as_str().ok()?;
    let text = String::from_utf8_lossy(bytes).into_owned();
    (!text.is_empty()).then_some(text)
}

/// The parts of an embedded reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub case_number: CaseNumber,
    pub version: i32,
    pub content_hash: String,
}

impl Reference {
    /// `ACCORD|2025-0001|3|sha256:…`.
    pub fn payload(&self) -> String {
        format!(
            "ACCORD|{}|{}|sha256:{}",
            self.case_number, self.version, self.content_hash
        )
    }

    /// The parts of a payload; `None` unless it is an Accord reference
    /// with a valid case number and version.
    pub fn parse(payload: &str) -> Option<Self> {
        let mut parts = payload.trim().split('|');
        if parts.next()? != "ACCORD" {
            return None;
        }
        let case_number = parts.next()?.parse().ok()?;
        let version = parts.next()?.parse().ok()?;
        let content_hash = parts.next()?.strip_prefix("sha256:")?.to_owned();
        Some(Self {
            case_number,
            version,
            content_hash,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_prints_and_parses_back_with_its_typed_case_number() {
        let reference = Reference {
            case_number: CaseNumber::new(2025, 1),
            version: 3,
            content_hash: "0123abcd".into(),
        };
        assert_eq!(reference.payload(), "ACCORD|2025-0001|3|sha256:0123abcd");
        assert_eq!(Reference::parse(&reference.payload()), Some(reference));
        assert_eq!(Reference::parse("ACCORD|2025-1|3|sha256:ab"), None);
        assert_eq!(Reference::parse("ACCORD|2025-0001|x|sha256:ab"), None);
        assert_eq!(Reference::parse("OTHER|2025-0001|3|sha256:ab"), None);
    }
}
