//! The hash chain over the audit log: the one definition of an audit
//! event's hash. The store computes it for every event it writes and when
//! it verifies the chain (`accord_store`'s `audit` module); the migration
//! that introduced the chain computed it for the events already written.
//! It lives in this crate because that migration needs it and cannot
//! depend on the store.
//!
//! Never change it: every stored hash was computed with it. A different
//! form would need a new version tag and a migration that says what
//! becomes of the hashes already stored.

use sha2::{Digest, Sha256};

/// What an audit event's hash covers: every column of the event except
/// the hash itself, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainedEvent<'a> {
    /// The hash of the event before it in id order; `None` for the first.
    pub prev_hash: Option<&'a str>,
    pub id: i64,
    /// When, in milliseconds since 1970-01-01T00:00:00Z (every stored time
    /// is truncated to milliseconds; see `accord_store`'s `now`).
    pub at_ms: i64,
    pub user_id: Option<i64>,
    pub user_name: &'a str,
    /// The action's code as stored, e.g. `case_status`.
    pub action: &'a str,
    pub case_id: Option<i64>,
    /// The detail's text exactly as stored (JSON, not re-serialised).
    pub detail: &'a str,
}

/// The tag that starts the hashed text: the version of this form.
const FORM: &str = "accord-audit-event-v1";

impl ChainedEvent<'_> {
    /// The canonical text that is hashed: the line [`FORM`], then one
    /// line per field in this order: `prev_hash`, `id`, `at` (the
    /// milliseconds), `user_id`, `user_name`, `action`, `case_id`,
    /// `detail`. Each line is `name=` followed by `-` when the value is
    /// absent, or by the value's length in bytes (decimal), `:` and the
    /// value (numbers in decimal, text as UTF-8); each line ends in `\n`.
    /// The lengths make it unambiguous whatever the text contains.
    pub fn canonical(&self) -> Vec<u8> {
        fn field(out: &mut Vec<u8>, name: &str, value: Option<&str>) {
            out.extend_from_slice(name.as_bytes());
            out.push(b'=');
            match value {
                None => out.push(b'-'),
                Some(v) => {
                    out.extend_from_slice(v.len().to_string().as_bytes());
                    out.push(b':');
                    out.extend_from_slice(v.as_bytes());
                }
            }
            out.push(b'\n');
        }
        let mut out = Vec::with_capacity(256 + self.detail.len() + self.user_name.len());
        out.extend_from_slice(FORM.as_bytes());
        out.push(b'\n');
        field(&mut out, "prev_hash", self.prev_hash);
        field(&mut out, "id", Some(&self.id.to_string()));
        field(&mut out, "at", Some(&self.at_ms.to_string()));
        field(
            &mut out,
            "user_id",
            self.user_id.map(|u| u.to_string()).as_deref(),
        );
        field(&mut out, "user_name", Some(self.user_name));
        field(&mut out, "action", Some(self.action));
        field(
            &mut out,
            "case_id",
            self.case_id.map(|c| c.to_string()).as_deref(),
        );
        field(&mut out, "detail", Some(self.detail));
        out
    }

    /// The event's hash: SHA-256 of [`Self::canonical`], 64 lowercase hex
    /// digits.
    pub fn hash(&self) -> String {
        Sha256::digest(self.canonical())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::ChainedEvent;

    fn event() -> ChainedEvent<'static> {
        ChainedEvent {
            prev_hash: None,
            id: 1,
            at_ms: 1_735_787_045_123,
            user_id: None,
            user_name: "accord",
            action: "case_created",
            case_id: Some(7),
            detail: r#"{"number":"2025-0001"}"#,
        }
    }

    #[test]
    fn the_canonical_form_is_fixed() {
        assert_eq!(
            String::from_utf8(event().canonical()).expect("utf-8"),
            "accord-audit-event-v1\nprev_hash=-\nid=1:1\nat=13:1735787045123\nuser_id=-\n\
             user_name=6:accord\naction=12:case_created\ncase_id=1:7\n\
             detail=22:{\"number\":\"2025-0001\"}\n"
        );
        // Computed once and kept: a change to the form breaks every
        // stored chain.
        assert_eq!(
            event().hash(),
            "9f79090e4d65a1b73edb4b1ef0c26bc48ba9b738630ab73e2e3e569a6f078e3b"
        );
    }

    #[test]
    fn every_field_counts() {
        let base = event().hash();
        let changed = [
            ChainedEvent {
                prev_hash: Some("00"),
                ..event()
            },
            ChainedEvent { id: 2, ..event() },
            ChainedEvent {
                at_ms: 1_735_787_045_124,
                ..event()
            },
            ChainedEvent {
                user_id: Some(1),
                ..event()
            },
            ChainedEvent {
                user_name: "accord ",
                ..event()
            },
            ChainedEvent {
                action: "case_status",
                ..event()
            },
            ChainedEvent {
                case_id: None,
                ..event()
            },
            ChainedEvent {
                detail: "{}",
                ..event()
            },
        ];
        for e in changed {
            assert_ne!(e.hash(), base, "{e:?}");
        }
        // Text cannot move between fields unnoticed.
        let a = ChainedEvent {
            user_name: "a\naction=1:b",
            action: "c",
            ..event()
        };
        let b = ChainedEvent {
            user_name: "a",
            action: "b\naction=1:c",
            ..event()
        };
        assert_ne!(a.hash(), b.hash());
    }
}
