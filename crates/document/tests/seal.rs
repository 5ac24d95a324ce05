//! The sealed agreement: a PAdES signature over the whole file that our
//! verifier and poppler's pdfsig accept, and that any changed byte breaks
//! (the forgeries are in `forgery.rs`).

use std::process::Command;

use accord_core::demo;
use accord_document::{AgreementInput, agreement, pdf, seal};
use accord_i18n::{Locale, Translations};

const AT: i64 = 1_740_000_000; // 2025-02-19T21:20:00Z

/// A key and its self-signed certificate, valid when these tests seal
/// (`AT`): a seal dated outside its certificate's validity is refused.
fn key_valid_at_sealing(common_name: &str, org: &str) -> (seal::SealKey, Vec<u8>) {
    let (key, _) = seal::self_signed(common_name, org);
    let cert =
        seal::self_signed_valid_between(&key, common_name, org, AT - 86_400, AT + 3650 * 86_400)
            .expect("certificate");
    (key, cert)
}

fn agreement_pdf() -> Vec<u8> {
    let case = demo::water_leak_stored_case();
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let content = demo::water_leak_agreement(&case);
    let doc = agreement(&t, &AgreementInput::new(&case, &content));
    let options = pdf::PrintOptions {
        footer_pattern: t.tr("doc-footer"),
        created_unix: AT,
        qr: Some((reference().payload(), t.tr("doc-qr-caption"))),
        ..Default::default()
    };

    pdf::render(&doc, &options).expect("render")
}

/// poppler's verdict, when pdfsig is installed. CI installs it, so there a
/// missing pdfsig fails the test instead of skipping the check.
fn pdfsig(bytes: &[u8], name: &str) -> Option<String> {
    let dir = tempfile_dir();
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    match Command::new("pdfsig").arg(&path).output() {
        Ok(out) => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "pdfsig must be installed in CI: {e}"
            );
            eprintln!("pdfsig not installed; checked with our own verifier only");
            None
        }
    }
}

/// pyHanko's verdict (`.ci/pyhanko-verify.py`, trusting `cert`), when
/// `ACCORD_PYHANKO` names a Python with pyHanko (CI installs one): `Some(ok,
/// its one-line report)`.
fn pyhanko(bytes: &[u8], cert: &[u8], name: &str) -> Option<(bool, String)> {
    let Some(python) = std::env::var_os("ACCORD_PYHANKO") else {
        eprintln!("ACCORD_PYHANKO not set; pyHanko's check skipped");
        return None;
    };
    let dir = tempfile_dir();
    let pdf = dir.join(name);
    std::fs::write(&pdf, bytes).expect("write");
    let der = dir.join(format!("{name}.cer"));
    std::fs::write(&der, cert).expect("write");
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.ci/pyhanko-verify.py");
    let out = Command::new(python)
        .arg(script)
        .arg(&pdf)
        .arg(&der)
        .output()
        .expect("run pyHanko");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some((out.status.success(), report))
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("accord-seal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    dir
}

#[test]
fn a_sealed_agreement_verifies_and_any_changed_byte_breaks_it() {
    let pdf = agreement_pdf();
    let (key, cert) = key_valid_at_sealing("青山区人民调解委员会", "Accord");
    let sealed = seal::seal(
        &pdf,
        &key,
        &cert,
        "青山区人民调解委员会",
        "人民调解协议书定稿",
        AT,
    )
    .expect("seal");
    assert!(
        sealed.starts_with(&pdf),
        "the seal is an incremental update"
    );

    let trusted = seal::TrustedCertificates::from_der([&cert]).expect("certificate");
    let report = seal::verify_trusted(&sealed, &trusted).expect("verifies");
    assert_eq!(report.signer_cn, "青山区人民调解委员会");
    assert_eq!(report.signing_time_unix, Some(AT));
    assert!(report.covers_whole_file);

    if let Some(out) = pdfsig(&sealed, "sealed.pdf") {
        assert!(out.contains("Signature is Valid"), "{out}");
        assert!(out.contains("Total document signed"), "{out}");
    }
    if let Some((ok, out)) = pyhanko(&sealed, &cert, "sealed.pdf") {
        assert!(ok, "pyHanko: {out}");
    }

    let mut tampered = sealed.clone();
    tampered[pdf.len() / 2] ^= 0x01;
    assert!(
        seal::verify(&tampered).is_err(),
        "a changed byte must not verify"
    );
    if let Some(out) = pdfsig(&tampered, "tampered.pdf") {
        assert!(!out.contains("Signature is Valid"), "{out}");
    }
    if let Some((ok, out)) = pyhanko(&tampered, &cert, "tampered.pdf") {
        assert!(!ok, "pyHanko accepted a changed byte: {out}");
    }
}

#[test]
fn bytes_added_after_the_seal_are_refused() {
    let pdf = agreement_pdf();
    let (key, cert) = seal::self_signed("Centre", "Accord");
    let mut sealed = seal::seal(&pdf, &key, &cert, "Centre", "final", AT).expect("seal");
    sealed.extend_from_slice(b"\n% appended later\n");
    assert_eq!(
        seal::verify(&sealed),
        Err(seal::SealError::AppendedAfterSeal { bytes: 18 })
    );
}

fn reference() -> pdf::Reference {
    let case = demo::water_leak_stored_case();
    pdf::Reference {
        case_number: case.number,
        version: 3,
        content_hash: demo::water_leak_agreement(&case).content_hash(&case),
    }
}

#[test]
fn the_agreement_reference_is_read_back_from_the_sealed_file() {
    let pdf = agreement_pdf();
    let (key, cert) = seal::self_signed("青山区人民调解委员会", "Accord");
    let sealed = seal::seal(&pdf, &key, &cert, "青山区人民调解委员会", "定稿", AT).expect("seal");
    let payload = pdf::embedded_reference(&sealed).expect("keywords present after sealing");
    assert_eq!(pdf::Reference::parse(&payload), Some(reference()));
    assert_eq!(pdf::Reference::parse("ACCORD|2025-0001|x|sha256:ab"), None);
}

#[test]
fn a_stored_key_seals_like_the_original() {
    let (key, cert) = seal::self_signed("青山区人民调解委员会", "Accord");
    let stored = seal::key_to_pkcs8(&key).expect("pkcs8");
    let again = seal::key_from_pkcs8(&stored).expect("read back");
    assert!(seal::certificate_matches_key(&cert, &again));
    let (other, _) = seal::self_signed("other", "Accord");
    assert!(!seal::certificate_matches_key(&cert, &other));
    assert!(seal::key_from_pkcs8(b"not a key").is_err());
    let sealed = seal::seal(&agreement_pdf(), &again, &cert, "c", "r", AT).expect("seal");
    assert!(seal::verify(&sealed).is_ok());
}

#[test]
fn a_pkcs12_file_is_imported_and_seals() {
    let (key, cert) = seal::self_signed("青山区人民调解委员会", "青山区司法局");
    let p12 = seal::export_pkcs12(&key, &cert, "口令 2025").expect("export");
    assert_eq!(
        seal::import_pkcs12(&p12, "wrong")
            .map(|_| ())
            .map_err(|e| matches!(e, seal::ImportError::Unreadable(_))),
        Err(true),
        "a wrong password is refused"
    );
    let imported = seal::import_pkcs12(&p12, "口令 2025").expect("import");
    assert_eq!(imported.common_name, "青山区人民调解委员会");
    assert_eq!(imported.organisation, "青山区司法局");
    assert_eq!(imported.certificate, cert);
    let sealed = seal::seal(
        &agreement_pdf(),
        &imported.key,
        &imported.certificate,
        "c",
        "r",
        AT,
    )
    .expect("seal");
    assert_eq!(
        seal::verify(&sealed).expect("valid").signer_cn,
        "青山区人民调解委员会"
    );
}

/// A file made by OpenSSL, as a centre's IT provider would hand it over.
#[test]
fn an_openssl_pkcs12_file_is_imported() {
    let dir = tempfile_dir();
    let run = |args: &[&str]| {
        Command::new("openssl")
            .args(args)
            .current_dir(&dir)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if !run(&["version"]) {
        eprintln!("openssl not installed; skipped");
        return;
    }
    assert!(run(&[
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-out",
        "k.pem"
    ]));
    assert!(run(&[
        "req",
        "-new",
        "-x509",
        "-key",
        "k.pem",
        "-out",
        "c.pem",
        "-days",
        "30",
        "-subj",
        "/CN=Qingshan Mediation Committee/O=Accord Test",
    ]));
    assert!(run(&[
        "pkcs12",
        "-export",
        "-inkey",
        "k.pem",
        "-in",
        "c.pem",
        "-out",
        "c.p12",
        "-passout",
        "pass:secret",
    ]));
    let p12 = std::fs::read(dir.join("c.p12")).expect("p12");
    let imported = seal::import_pkcs12(&p12, "secret").expect("import");
    assert_eq!(imported.common_name, "Qingshan Mediation Committee");
    assert_eq!(imported.organisation, "Accord Test");
    // An RSA key cannot make this seal: refused in words.
    assert!(run(&[
        "req", "-new", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "r.pem", "-out",
        "r.crt", "-days", "30", "-subj", "/CN=rsa"
    ]));
    assert!(run(&[
        "pkcs12", "-export", "-inkey", "r.pem", "-in", "r.crt", "-out", "r.p12", "-passout",
        "pass:x"
    ]));
    let rsa = std::fs::read(dir.join("r.p12")).expect("p12");
    assert_eq!(
        seal::import_pkcs12(&rsa, "x").map(|_| ()),
        Err(seal::ImportError::UnsupportedKey)
    );
}

/// A P-256 certificate authority's key and self-signed root certificate,
/// and a certificate it issues to `key` in the centre's name.
fn ca_issued(key: &seal::SealKey) -> (Vec<u8>, Vec<u8>) {
    use der::Encode;
    use p256::ecdsa::DerSignature;
    use spki::SubjectPublicKeyInfoOwned;
    use std::str::FromStr;
    use x509_cert::builder::{Builder, CertificateBuilder, Profile};
    use x509_cert::name::Name;
    use x509_cert::serial_number::SerialNumber;
    use x509_cert::time::Validity;
    let ca_key = seal::SealKey::random(&mut rand_core::OsRng);
    let ca_name = Name::from_str("CN=Test Provincial CA,O=Test CA").expect("name");
    let validity =
        Validity::from_now(std::time::Duration::from_secs(3600 * 24 * 365)).expect("validity");
    let root = CertificateBuilder::new(
        Profile::Root,
        SerialNumber::from(1u32),
        validity,
        ca_name.clone(),
        SubjectPublicKeyInfoOwned::from_key(*ca_key.verifying_key()).expect("spki"),
        &ca_key,
    )
    .expect("builder")
    .build::<DerSignature>()
    .expect("root");
    let leaf = CertificateBuilder::new(
        Profile::Leaf {
            issuer: ca_name,
            enable_key_agreement: false,
            enable_key_encipherment: false,
        },
        SerialNumber::from(2u32),
        validity,
        Name::from_str("CN=Qingshan Committee,O=Qingshan").expect("name"),
        SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).expect("spki"),
        &ca_key,
    )
    .expect("builder")
    .build::<DerSignature>()
    .expect("leaf");
    (leaf.to_der().expect("der"), root.to_der().expect("der"))
}

#[test]
fn a_pkcs12_file_with_its_ca_chain_is_imported_and_the_issuer_is_checked() {
    let key = seal::SealKey::random(&mut rand_core::OsRng);
    let (leaf, root) = ca_issued(&key);
    let p12 = seal::export_pkcs12_with_chain(&key, &leaf, std::slice::from_ref(&root), "口令")
        .expect("export");
    let imported = seal::import_pkcs12(&p12, "口令").expect("import");
    assert_eq!(imported.certificate, leaf);
    assert_eq!(imported.chain, vec![root.clone()]);
    // Issued by the CA, checked by its signature.
    let chain: Vec<u8> = imported.chain.concat();
    assert_eq!(seal::split_der(&chain), vec![root.clone()]);
    assert_eq!(
        seal::issued_by(&imported.certificate, &chain).as_deref(),
        Some("Test Provincial CA")
    );
    // Another CA of the same name does not vouch for it.
    let (_, impostor) = ca_issued(&key);
    assert_eq!(seal::issued_by(&leaf, &impostor), None);
    // Without the chain, or self-signed, nobody vouches for it.
    assert_eq!(seal::issued_by(&leaf, &[]), None);
    let (own, self_signed) = seal::self_signed("青山区人民调解委员会", "Accord");
    assert_eq!(seal::issued_by(&self_signed, &chain), None);
    let _ = own;
    // It seals like any other key.
    let sealed = seal::seal(&agreement_pdf(), &imported.key, &leaf, "c", "r", AT).expect("seal");
    assert!(seal::verify(&sealed).is_ok());
}
