//! `accord verify` as a court clerk or a party runs it, on forged
//! agreements: the real binary, with the centre's database (`--db`) and
//! without it (`--trust centre.pem`, the certificate the centre hands
//! out with `accord seal export-certificate`). Each forgery is refused with
//! its own reason and a non-zero exit code; the genuine file verifies.

use std::path::{Path, PathBuf};
use std::process::Command;

use accord_document::seal;
use lopdf::{Dictionary, Document, IncrementalDocument, Object, Stream};

/// What a run printed, and how it ended.
struct Run {
    ok: bool,
    code: Option<i32>,
    out: String,
    err: String,
}

/// The binary in English, with nothing from the environment: no database
/// URL, and a home of its own (so no default database outside `home`).
fn accord(home: &Path, db: Option<&Path>, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_accord"));
    if let Some(db) = db {
        command.arg("--db").arg(db);
    }
    let out = command
        .args(args)
        .env_remove("ACCORD_DATABASE_URL")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("share"))
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .expect("run accord");
    Run {
        ok: out.status.success(),
        code: out.status.code(),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A centre with the demo case's final agreement sealed and its
/// certificate exported, and what a forger can get hold of: the sealed
/// file (and, for the tests of the database checks, the centre's key).
struct Centre {
    dir: tempfile::TempDir,
    db: PathBuf,
    pem: PathBuf,
    sealed: Vec<u8>,
    name: String,
    key: seal::SealKey,
    cert: Vec<u8>,
}

impl Centre {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("centre.sqlite3");
        let centre = |args: &[&str]| accord(dir.path(), Some(&db), args);
        assert!(centre(&["demo"]).ok);
        let file = dir.path().join("agreement.pdf");
        let run = centre(&["agreement", "pdf", "2025-0001", "--out", path(&file)]);
        assert!(run.ok, "{}{}", run.out, run.err);
        let pem = dir.path().join("centre.pem");
        let run = centre(&["seal", "export-certificate", "--out", path(&pem)]);
        assert!(run.ok, "{}{}", run.out, run.err);
        let sealed = std::fs::read(&file).expect("sealed");
        let stored = runtime().block_on(async {
            let store = accord_store::Store::open(path(&db)).await.expect("open");
            store.centre_key().await.expect("read").expect("a key")
        });
        // Stored sealed under the centre secret, not as a usable key.
        assert!(stored.private_key.starts_with(b"accord-sealed-key:"));
        assert!(seal::key_from_pkcs8(&stored.private_key).is_err());
        let key = seal::key_from_pkcs8(
            &accord_app::publish::unwrap_key_with(
                &stored.private_key,
                &dir.path().join("share/accord/secret.key"),
            )
            .expect("the centre secret"),
        )
        .expect("key");
        Self {
            db,
            pem,
            sealed,
            name: stored.common_name,
            key,
            cert: stored.certificate,
            dir,
        }
    }

    fn home(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` to a file of the temporary directory.
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let file = self.dir.path().join(name);
        std::fs::write(&file, bytes).expect("write");
        file
    }

    fn with_db(&self, file: &Path) -> Run {
        accord(self.home(), Some(&self.db), &["verify", path(file)])
    }

    fn with_certificate(&self, file: &Path) -> Run {
        accord(
            self.home(),
            None,
            &["verify", path(file), "--trust", path(&self.pem)],
        )
    }

    /// The agreement as printed, before the seal: the sealed file's first
    /// revision.
    fn first_revision(&self) -> Vec<u8> {
        let eof = find(&self.sealed, b"%%EOF").expect("%%EOF") + b"%%EOF".len();
        let end = eof
            + self.sealed[eof..]
                .iter()
                .take_while(|c| c.is_ascii_whitespace())
                .count();
        self.sealed[..end].to_vec()
    }

    /// Seals `pdf` with the centre's own key, as the centre would.
    fn seal_as_centre(&self, pdf: &[u8], at: i64) -> Vec<u8> {
        seal::seal(pdf, &self.key, &self.cert, &self.name, "定稿", at).expect("seal")
    }

    /// `file` is refused, with and without the database, and `reason` is
    /// said both times.
    fn refuses(&self, name: &str, bytes: &[u8], reason: &str) {
        let file = self.file(name, bytes);
        for (how, run) in [
            ("--db", self.with_db(&file)),
            ("--trust", self.with_certificate(&file)),
        ] {
            assert!(!run.ok, "{name} {how} must be refused: {}", run.out);
            assert_eq!(run.code, Some(1), "{name} {how}: {}{}", run.out, run.err);
            assert!(
                run.out.contains(reason),
                "{name} {how}: expected {reason:?} in\n{}{}",
                run.out,
                run.err
            );
            assert!(
                !run.out.contains("the seal is valid"),
                "{name} {how}: {}",
                run.out
            );
        }
    }
}

/// Now, as a seal's signing time: the centre's certificate is made when
/// the test starts, and a seal dated before it would be refused.
fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The file with page 1's text changed: a glyph of the first string shown
/// becomes another, as an incremental update (or the whole file written
/// anew).
fn with_page_text_changed(pdf: &[u8], rewrite: bool) -> Vec<u8> {
    let doc = Document::load_mem(pdf).expect("pdf");
    let page = *doc.get_pages().get(&1).expect("page 1");
    let mut content = doc.get_page_content(page);
    let lt = find(&content, b"<").expect("a hex string in the text");
    content[lt + 4] = if content[lt + 4] == b'1' { b'2' } else { b'1' };
    let set_contents = |doc: &mut Document, id| {
        doc.get_object_mut(page)
            .and_then(Object::as_dict_mut)
            .expect("page")
            .set("Contents", Object::Reference(id));
    };
    let mut out = Vec::new();
    if rewrite {
        let mut doc = doc;
        let id = doc.add_object(Stream::new(Dictionary::new(), content));
        set_contents(&mut doc, id);
        doc.save_to(&mut out).expect("save");
    } else {
        let mut inc = IncrementalDocument::create_from(pdf.to_vec(), doc);
        let id = inc
            .new_document
            .add_object(Stream::new(Dictionary::new(), content));
        inc.opt_clone_object_to_new_document(page).expect("clone");
        set_contents(&mut inc.new_document, id);
        inc.save_to(&mut out).expect("save");
    }
    out
}

/// Text as the PDF metadata holds it: UTF-16BE in upper-case hex.
fn utf16_hex(text: &str) -> Vec<u8> {
    text.encode_utf16()
        .map(|u| format!("{u:04X}"))
        .collect::<String>()
        .into_bytes()
}

/// The first revision with the agreement's reference (the metadata's
/// Keywords) edited: `from` becomes `to`, of the same length.
fn with_reference(first: &[u8], from: &str, to: &str) -> Vec<u8> {
    replaced(first, &utf16_hex(from), &utf16_hex(to))
}

/// `bytes` with every `from` replaced by `to` (of the same length).
fn replaced(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let mut out = bytes.to_vec();
    let mut count = 0;
    while let Some(at) = find(&out, from) {
        out[at..at + to.len()].copy_from_slice(to);
        count += 1;
    }
    assert!(count > 0, "{:?} not found", String::from_utf8_lossy(from));
    out
}

/// The sealed file with its `/ByteRange` written as `text` in the same
/// space.
fn with_byte_range(sealed: &[u8], text: &str) -> Vec<u8> {
    let key = find(sealed, b"/ByteRange").expect("ByteRange") + b"/ByteRange".len();
    let open = key + find(&sealed[key..], b"[").expect("[");
    let close = open + find(&sealed[open..], b"]").expect("]") + 1;
    assert!(text.len() <= close - open, "{text} does not fit");
    let mut written = text.as_bytes().to_vec();
    let last = written.pop().expect("]");
    written.resize(close - open - 1, b' ');
    written.push(last);
    let mut out = sealed.to_vec();
    out[open..close].copy_from_slice(&written);
    out
}

fn byte_range(sealed: &[u8]) -> [i64; 4] {
    let key = find(sealed, b"/ByteRange[").expect("ByteRange") + b"/ByteRange[".len();
    let close = key + find(&sealed[key..], b"]").expect("]");
    let numbers: Vec<i64> = std::str::from_utf8(&sealed[key..close])
        .expect("ascii")
        .split_whitespace()
        .map(|n| n.parse().expect("number"))
        .collect();
    numbers.try_into().expect("four numbers")
}

#[test]
fn the_genuine_agreement_verifies_with_the_database_and_with_the_published_certificate() {
    let c = Centre::new();
    let pem = std::fs::read_to_string(&c.pem).expect("pem");
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
    let fingerprint = seal::fingerprint_groups(&seal::certificate_fingerprint(&c.cert));
    let file = c.file("genuine.pdf", &c.sealed);

    let run = c.with_db(&file);
    assert!(run.ok, "{}{}", run.out, run.err);
    for said in [
        "the seal is valid. Sealed by",
        &format!("Certificate SHA-256: {fingerprint}"),
        "the centre's sealing certificate in use",
        "is the finalised agreement of case 2025-0001, version 1",
        "byte for byte the sealed original of case 2025-0001",
    ] {
        assert!(run.out.contains(said), "{said:?} in\n{}", run.out);
    }
    assert!(
        run.out.contains(&c.name),
        "the signer is named: {}",
        run.out
    );

    // A court without the database: the certificate the centre handed out.
    let run = c.with_certificate(&file);
    assert!(run.ok, "{}{}", run.out, run.err);
    assert!(run.out.contains(&fingerprint), "{}", run.out);
    assert!(
        run.out.contains("the one named with --trust"),
        "{}",
        run.out
    );
    assert!(
        run.out.contains("not compared with the centre's database"),
        "{}",
        run.out
    );
    assert!(
        !c.home().join("share/accord/accord.sqlite3").exists(),
        "no database was made for a verification with --trust"
    );

    // The export says which certificate it wrote.
    let again = c.home().join("again.pem");
    let run = accord(
        c.home(),
        Some(&c.db),
        &["seal", "export-certificate", "--out", path(&again)],
    );
    assert!(run.ok);
    assert!(run.out.contains(&fingerprint), "{}", run.out);
    assert_eq!(std::fs::read_to_string(&again).expect("pem"), pem);
}

#[test]
fn forgeries_are_refused_each_with_its_reason_with_and_without_the_database() {
    let c = Centre::new();
    let at = now();

    // (a) The text changed in an update appended after sealing, signed
    // again with a home-made certificate that carries the centre's name.
    let (forger, look_alike) = seal::self_signed(&c.name, "Accord");
    let changed = with_page_text_changed(&c.sealed, false);
    let forged = seal::seal(&changed, &forger, &look_alike, &c.name, "定稿", at).expect("seal");
    c.refuses(
        "look-alike.pdf",
        &forged,
        "Signed with a look-alike certificate",
    );
    // The same update, not signed at all.
    c.refuses(
        "appended.pdf",
        &changed,
        "bytes were added to the file after it was sealed",
    );

    // (b) A second signature appended by someone else.
    let (key, cert) = seal::self_signed("某某律师事务所", "Law firm");
    let twice = seal::seal(&c.sealed, &key, &cert, "某某律师事务所", "见证", at).expect("seal");
    c.refuses(
        "second-signature.pdf",
        &twice,
        "The file carries 2 signatures",
    );

    // (c) The first revision edited and sealed again with another key.
    let edited = with_page_text_changed(&c.first_revision(), true);
    let (key, cert) = seal::self_signed("伪造者", "");
    let forged = seal::seal(&edited, &key, &cert, &c.name, "定稿", at).expect("seal");
    c.refuses(
        "edited.pdf",
        &forged,
        "Sealed by \"伪造者\" with a certificate that is not the centre's",
    );

    // (d) Sealed by another Accord installation with its own key.
    let (key, cert) = seal::self_signed("白云区人民调解委员会", "Accord");
    let other = seal::seal(
        &c.first_revision(),
        &key,
        &cert,
        "白云区人民调解委员会",
        "定稿",
        at,
    )
    .expect("seal");
    c.refuses(
        "other-centre.pdf",
        &other,
        "Sealed by \"白云区人民调解委员会\" with a certificate that is not the centre's",
    );

    // Crafted byte ranges.
    let [_, a, b, tail] = byte_range(&c.sealed);
    let len = c.sealed.len() as i64;
    for (name, range, reason) in [
        (
            "overlapping.pdf",
            format!("[0 {a} {} {}]", a - 50, len - a + 50),
            "signs overlap",
        ),
        (
            "out-of-range.pdf",
            format!("[0 {a} {b} {}]", tail + 4096),
            "reaches outside the file",
        ),
        (
            "huge.pdf",
            "[0 0 0 99999999999999999999]".to_owned(),
            "holds a number larger than any file",
        ),
        (
            "negative.pdf",
            format!("[0 {a} {b} -{tail}]"),
            "holds a negative number",
        ),
        (
            "gap.pdf",
            format!("[0 {} {b} {tail}]", a + 2),
            "leaves unsigned is not the signature value",
        ),
    ] {
        c.refuses(name, &with_byte_range(&c.sealed, &range), reason);
    }

    // A changed byte in the signature's padding, or in its value.
    let (start, end) = (a as usize + 1, b as usize - 1);
    let mut padding = c.sealed.clone();
    padding[end - 1] = b'1';
    c.refuses(
        "padding.pdf",
        &padding,
        "space reserved for the signature was changed",
    );
    let hex = std::str::from_utf8(&c.sealed[start..start + 8]).expect("hex");
    let der_len = 4 + usize::from_str_radix(&hex[4..], 16).expect("DER length");
    let mut value = c.sealed.clone();
    let last = start + 2 * der_len - 1;
    value[last] = if value[last] == b'0' { b'1' } else { b'0' };
    c.refuses(
        "signature-value.pdf",
        &value,
        "signature does not match its content",
    );

    // And one changed byte of the agreement itself.
    let mut text = c.sealed.clone();
    text[c.sealed.len() / 3] ^= 0x20;
    c.refuses(
        "changed.pdf",
        &text,
        "The sealed content was changed after sealing",
    );
}

#[test]
fn with_the_database_only_the_final_agreement_sealed_by_the_centre_is_accepted() {
    let c = Centre::new();
    let first = c.first_revision();
    let accepted = |name: &str, bytes: &[u8]| {
        let run = c.with_db(&c.file(name, bytes));
        assert!(run.ok, "{name}: {}{}", run.out, run.err);
        run.out
    };
    let refused = |name: &str, bytes: &[u8], reason: &str| {
        let run = c.with_db(&c.file(name, bytes));
        assert!(!run.ok, "{name}: {}", run.out);
        assert_eq!(run.code, Some(1));
        assert!(
            run.out.contains(reason),
            "{name}: {reason:?} in\n{}",
            run.out
        );
        run.out
    };

    // Sealed again by the centre (another original): the final content,
    // the same certificate, not byte-identical.
    let resealed = c.seal_as_centre(&first, now());
    assert_ne!(resealed, c.sealed);
    let out = accepted("resealed.pdf", &resealed);
    assert!(
        out.contains("is the finalised agreement of case 2025-0001, version 1"),
        "{out}"
    );
    assert!(!out.contains("byte for byte"), "{out}");

    // Sealed by the centre's own key, but not its final agreement: the seal
    // holds, the database says no.
    let version_2 = with_reference(&first, "|2025-0001|1|", "|2025-0001|2|");
    let out = refused(
        "version-2.pdf",
        &c.seal_as_centre(&version_2, now()),
        "does NOT match the finalised agreement of case 2025-0001",
    );
    assert!(out.contains("the seal is valid"), "{out}");
    refused(
        "unknown-case.pdf",
        &c.seal_as_centre(&with_reference(&first, "|2025-0001|", "|2031-0042|"), now()),
        "names case 2031-0042, which is not in this database",
    );
    refused(
        "no-reference.pdf",
        &c.seal_as_centre(&with_reference(&first, "ACCORD|", "OTHER0|"), now()),
        "does not name an Accord agreement",
    );

    // A new key: what the old one sealed still verifies against the
    // database (a retired certificate of the centre) and against the
    // exported certificates (--all); the new certificate alone refuses it.
    let (new_key, new_cert) = seal::self_signed(&c.name, "Accord");
    runtime().block_on(async {
        let store = accord_store::Store::open(path(&c.db)).await.expect("open");
        let der = seal::key_to_pkcs8(&new_key).expect("pkcs8");
        store
            .save_centre_key(
                &accord_store::Actor::system(),
                &c.name,
                "Accord",
                &new_cert,
                &der,
                false,
            )
            .await
            .expect("save");
    });
    let out = accepted("old-key.pdf", &c.sealed);
    assert!(
        out.contains("one of the centre's earlier sealing certificates"),
        "{out}"
    );
    // The old key used after it was retired: refused, unless within the
    // few minutes two clocks can disagree by.
    let after = c.seal_as_centre(&first, now() + 3_600);
    let out = refused(
        "old-key-after-retirement.pdf",
        &after,
        "with an earlier sealing certificate of the centre, which was retired on",
    );
    assert!(!out.contains("the seal is valid"), "{out}");
    let just_after = c.seal_as_centre(&first, now() + 60);
    let out = accepted("old-key-just-after.pdf", &just_after);
    assert!(
        out.contains("one of the centre's earlier sealing certificates"),
        "{out}"
    );
    let current = c.home().join("current.pem");
    let all = c.home().join("all.pem");
    let export = |out: &Path, all: bool| {
        let mut args = vec!["seal", "export-certificate", "--out", path(out)];
        if all {
            args.push("--all");
        }
        let run = accord(c.home(), Some(&c.db), &args);
        assert!(run.ok, "{}{}", run.out, run.err);
        run.out
    };
    assert!(export(&all, true).contains("Wrote 2 sealing certificates"));
    export(&current, false);
    let old = c.file("old.pdf", &c.sealed);
    let run = accord(
        c.home(),
        None,
        &["verify", path(&old), "--trust", path(&current)],
    );
    assert!(!run.ok && run.out.contains("look-alike"), "{}", run.out);
    let run = accord(
        c.home(),
        None,
        &["verify", path(&old), "--trust", path(&all)],
    );
    assert!(run.ok, "{}", run.out);

    // The final content sealed with the new key is not the original's
    // signer.
    let new_seal = seal::seal(&first, &new_key, &new_cert, &c.name, "定稿", now()).expect("seal");
    refused(
        "new-key.pdf",
        &new_seal,
        "sealed with another certificate than the stored original",
    );
}

#[test]
fn without_a_certificate_to_check_against_nothing_is_accepted() {
    let c = Centre::new();
    let file = c.file("genuine.pdf", &c.sealed);

    // A database without a sealing key (and the default database of a
    // computer that never sealed anything).
    let empty = c.home().join("empty.sqlite3");
    assert!(accord(c.home(), Some(&empty), &["db", "migrate"]).ok);
    let run = accord(c.home(), Some(&empty), &["verify", path(&file)]);
    assert!(!run.ok, "{}", run.out);
    assert!(
        run.out
            .contains("The database has no sealing key of the centre"),
        "{}",
        run.out
    );
    let run = accord(c.home(), None, &["verify", path(&file)]);
    assert!(
        !run.ok && run.out.contains("has no sealing key"),
        "{}",
        run.out
    );
    let run = accord(
        c.home(),
        Some(&empty),
        &[
            "seal",
            "export-certificate",
            "--out",
            path(&c.home().join("x.pem")),
        ],
    );
    assert!(!run.ok);
    assert!(run.err.contains("no sealing key yet"), "{}", run.err);

    // A certificate file that is missing, or holds no certificate.
    let missing = c.home().join("missing.pem");
    let run = accord(
        c.home(),
        None,
        &["verify", path(&file), "--trust", path(&missing)],
    );
    assert!(
        !run.ok && run.out.contains("the certificate file cannot be read"),
        "{}",
        run.out
    );
    let garbage = c.file("garbage.pem", b"not a certificate");
    let run = accord(
        c.home(),
        None,
        &["verify", path(&file), "--trust", path(&garbage)],
    );
    assert!(
        !run.ok && run.out.contains("holds no certificate that can be used"),
        "{}",
        run.out
    );
}

/// The sealed agreement records the audit trail's newest event when it was
/// sealed; the trail cut off from there afterwards (the events deleted, as
/// someone rewriting history would) is caught by `verify`.
#[test]
fn an_audit_trail_cut_after_sealing_is_caught_by_verify() {
    let centre = Centre::new();
    let file = centre.dir.path().join("agreement.pdf");
    let home = centre.dir.path();
    let run = accord(home, Some(&centre.db), &["verify", path(&file)]);
    assert!(run.ok, "{}{}", run.out, run.err);
    let head = accord_document::pdf::embedded_identifier(&centre.sealed)
        .and_then(|text| accord_store::AuditHead::parse(&text))
        .expect("the trail's head is in the file");
    runtime().block_on(async {
        use sea_orm::ConnectionTrait;
        let store = accord_store::Store::open(path(&centre.db))
            .await
            .expect("open");
        assert!(store.audit_holds(&head).await.expect("q"));
        store
            .connection()
            .execute_unprepared(&format!("DELETE FROM audit_events WHERE id >= {}", head.id))
            .await
            .expect("cut");
        store.close().await;
    });
    let run = accord(home, Some(&centre.db), &["verify", path(&file)]);
    assert!(!run.ok, "{}", run.out);
    assert_eq!(run.code, Some(1));
    assert!(
        run.out.contains(&format!(
            "The audit trail no longer holds event {}",
            head.id
        )),
        "{}",
        run.out
    );
}
