//! The packaging files agree with each other and with the app: one
//! application id everywhere (window, desktop entry, metainfo, installers),
//! the version of this crate, and every file they name exists. The
//! Windows and macOS configurations are built on those systems; here they
//! must at least parse and point at real icons.

use std::path::{Path, PathBuf};

use accord_app::gui::APP_ID;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn toml_file(path: &str) -> toml::Table {
    read(path)
        .parse::<toml::Table>()
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn string<'a>(table: &'a toml::Table, key: &str) -> &'a str {
    table
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("no {key}"))
}

#[test]
fn the_desktop_entry_and_metainfo_name_the_app_and_its_icon() {
    let desktop = read(&format!("packaging/linux/{APP_ID}.desktop"));
    assert!(
        desktop.lines().any(|l| l == format!("Icon={APP_ID}")),
        "{desktop}"
    );
    assert!(
        desktop.lines().any(|l| l.starts_with("Exec=accord")),
        "{desktop}"
    );
    assert!(
        desktop.lines().any(|l| l.starts_with("Name[zh_CN]=")),
        "{desktop}"
    );
    let metainfo = read(&format!("packaging/linux/{APP_ID}.metainfo.xml"));
    for needle in [
        format!("<id>{APP_ID}</id>"),
        format!("<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>"),
        format!("<release version=\"{}\"", env!("CARGO_PKG_VERSION")),
        "<content_rating type=\"oars-1.1\"".to_owned(),
        "<name xml:lang=\"zh-CN\">".to_owned(),
        "<summary xml:lang=\"zh-CN\">".to_owned(),
    ] {
        assert!(metainfo.contains(&needle), "metainfo lacks {needle}");
    }
    // Screenshots are files here, referenced by their path.
    let mut shots = 0;
    for part in metainfo.split("<image").skip(1) {
        let url = &part[part.find('>').expect(">") + 1..part.find("</image>").expect("end")];
        let path = &url[url.find("packaging/").expect("a repository path")..];
        let png = std::fs::read(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(&png[1..4], b"PNG", "{path}");
        shots += 1;
    }
    assert!(shots >= 1);
    for size in [48, 128, 256, 512] {
        let png = std::fs::read(repo().join(format!(
            "packaging/linux/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        )))
        .expect("icon");
        // PNG IHDR: width and height, big-endian, at bytes 16..24.
        let width = u32::from_be_bytes(png[16..20].try_into().expect("4 bytes"));
        let height = u32::from_be_bytes(png[20..24].try_into().expect("4 bytes"));
        assert_eq!((width, height), (size, size));
    }
    assert!(
        read(&format!(
            "packaging/linux/icons/hicolor/scalable/apps/{APP_ID}.svg"
        ))
        .contains("<svg")
    );
}

#[test]
fn the_deb_installs_every_file_it_names() {
    let cargo = toml_file("crates/app/Cargo.toml");
    let deb = cargo["package"]["metadata"]["deb"]
        .as_table()
        .expect("[package.metadata.deb]");
    let assets = deb["assets"].as_array().expect("assets");
    let mut installs = Vec::new();
    for asset in assets {
        let asset = asset.as_array().expect("[source, target, mode]");
        let source = asset[0].as_str().expect("source");
        let target = asset[1].as_str().expect("target");
        if !source.starts_with("target/") {
            assert!(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(source).is_file(),
                "{source} does not exist"
            );
        }
        installs.push(target.to_owned());
    }
    for wanted in [
        "usr/bin/".to_owned(),
        "usr/share/applications/".to_owned(),
        "usr/share/metainfo/".to_owned(),
        "usr/share/icons/hicolor/scalable/apps/".to_owned(),
        "usr/share/icons/hicolor/512x512/apps/".to_owned(),
    ] {
        assert!(installs.contains(&wanted), "nothing goes to {wanted}");
    }
    // The windowing libraries iced opens at run time are dependencies.
    let depends = string(deb, "depends");
    for lib in [
        "libxkbcommon0",
        "libwayland-client0",
        "libx11-6",
        "libxcursor1",
    ] {
        assert!(depends.contains(lib), "{lib} missing in {depends}");
    }
    let dist = &toml_file("Cargo.toml")["profile"]["dist"];
    assert_eq!(dist["lto"].as_str(), Some("fat"));
    assert_eq!(dist["strip"].as_bool(), Some(true));
}

#[test]
fn the_windows_and_macos_installers_are_configured_with_their_icons() {
    for (dir, formats, icon, magic) in [
        (
            "packaging/windows",
            ["nsis", "wix"],
            "icons/accord.ico",
            &[0u8, 0, 1, 0][..],
        ),
        (
            "packaging/macos",
            ["app", "dmg"],
            "icons/accord.icns",
            &b"icns"[..],
        ),
    ] {
        let config = toml_file(&format!("{dir}/Packager.toml"));
        assert_eq!(string(&config, "identifier"), APP_ID, "{dir}");
        assert_eq!(
            string(&config, "version"),
            env!("CARGO_PKG_VERSION"),
            "{dir}"
        );
        assert_eq!(string(&config, "product-name"), "Accord");
        let listed: Vec<&str> = config["formats"]
            .as_array()
            .expect("formats")
            .iter()
            .filter_map(|f| f.as_str())
            .collect();
        assert_eq!(listed, formats, "{dir}");
        let icons: Vec<&str> = config["icons"]
            .as_array()
            .expect("icons")
            .iter()
            .filter_map(|f| f.as_str())
            .collect();
        assert_eq!(icons, [icon]);
        // cargo-packager resolves paths from the configuration's folder.
        let base = repo().join(dir);
        let bytes = std::fs::read(base.join(icon)).expect("icon file");
        assert_eq!(&bytes[..4], magic, "{dir}/{icon}");
        assert!(base.join(string(&config, "license-file")).is_file());
        assert!(string(&config, "before-packaging-command").contains("--profile dist"));
        assert!(string(&config, "out-dir").ends_with("target/dist"));
    }
    // The .ico carries the sizes Windows asks for, up to 256 px.
    let ico = std::fs::read(repo().join("packaging/windows/icons/accord.ico")).expect("ico");
    let count = u16::from_le_bytes([ico[4], ico[5]]) as usize;
    let sizes: Vec<u32> = (0..count)
        .map(|i| match ico[6 + 16 * i] {
            0 => 256,
            n => u32::from(n),
        })
        .collect();
    for size in [16, 32, 48, 256] {
        assert!(sizes.contains(&size), "{size} px missing: {sizes:?}");
    }
}
