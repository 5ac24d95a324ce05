//! The centre's sealing key is never stored in clear: a key made now is
//! stored sealed under the centre secret, and a key an older Accord stored
//! in clear is sealed the first time it is used (the same key: what it
//! sealed before still verifies against the same certificate).

use accord_app::publish;
use accord_document::seal;
use accord_i18n::{Locale, Translations};
use accord_store::{Actor, Store};

#[tokio::test]
async fn a_key_stored_in_clear_is_sealed_the_first_time_it_is_used() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("a.sqlite3").display().to_string())
        .await
        .expect("open");
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let program = Actor::system();
    // As an older Accord stored it.
    let (key, cert) = seal::try_self_signed("青山区人民调解委员会", "Accord").expect("key");
    let der = seal::key_to_pkcs8(&key).expect("der");
    store
        .save_centre_key(
            &program,
            "青山区人民调解委员会",
            "Accord",
            &cert,
            &der,
            false,
        )
        .await
        .expect("saved in clear");
    assert_eq!(
        store
            .centre_key()
            .await
            .expect("q")
            .expect("key")
            .private_key,
        der
    );

    let (_, used_cert, _) = publish::centre_key(&store, &program, &t)
        .await
        .expect("used");
    assert_eq!(used_cert, cert, "the same key");
    let stored = store
        .centre_key()
        .await
        .expect("q")
        .expect("key")
        .private_key;
    assert!(stored.starts_with(b"accord-sealed-key:"), "sealed now");
    assert!(
        !stored.windows(der.len()).any(|w| w == der.as_slice()),
        "the key is not in the row"
    );
    assert_eq!(publish::unwrap_key(&stored).expect("opens"), der);
    // Used again: nothing more to do.
    publish::centre_key(&store, &program, &t)
        .await
        .expect("again");
    assert_eq!(
        store
            .centre_key()
            .await
            .expect("q")
            .expect("key")
            .private_key,
        stored
    );
}
