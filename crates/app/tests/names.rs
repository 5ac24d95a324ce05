//! Every name a resident ID card can carry: characters of GB 18030-2022
//! implementation level 1 sampled across the unified block and
//! Extension A, the 196 level-2 name characters (Extensions B-E) and
//! 𠮷, each drawn in the window by the real text widget (not the box a
//! missing glyph leaves) and printed into a PDF that gives it back.

use accord_document::{AgreementDocument, Block, FONT_BOLD, FONT_FAMILY, FONT_REGULAR, pdf};
use accord_i18n::Locale;
use iced::{Font, Settings, widget::text};
use iced_test::Simulator;

/// Characters sampled across level 1 (every 61st of the unified block and
/// of Extension A, and each block's ends), the level-2 list, and 𠮷.
fn names() -> Vec<char> {
    let mut chars = Vec::new();
    for (first, last) in [(0x4E00u32, 0x9FEFu32), (0x3400, 0x4DB5)] {
        chars.extend((first..=last).step_by(61).filter_map(char::from_u32));
        chars.extend([first, last].into_iter().filter_map(char::from_u32));
    }
    let list = include_str!("../../../tests/fixtures/gb18030_level2_names.txt");
    let level2: Vec<char> = list
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(1)?.chars().next())
        .collect();
    assert_eq!(level2.len(), 196, "the level-2 list");
    chars.extend(level2);
    chars.push('𠮷');
    chars
}

/// The SHA-256 of the window showing `c` large, as the text widget draws
/// it with the app's fonts.
fn drawn(c: char, dir: &std::path::Path) -> String {
    let mut ui = Simulator::with_size(
        Settings {
            fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
            default_font: Font::with_name(FONT_FAMILY),
            ..Settings::default()
        },
        (64.0, 64.0),
        iced::Element::<(), iced::Theme, iced::Renderer>::from(text(c.to_string()).size(48)),
    );
    let snapshot = ui.snapshot(&iced::Theme::Light).expect("snapshot");
    // iced_test writes "NAME-RENDERER.sha256" when there is none yet.
    let name = format!("{:X}", u32::from(c));
    let written = |dir: &std::path::Path| {
        std::fs::read_dir(dir)
            .expect("dir")
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{name}-")))
            })
    };
    if let Some(old) = written(dir) {
        std::fs::remove_file(old).expect("remove");
    }
    assert!(snapshot.matches_hash(dir.join(&name)).expect("hash"));
    std::fs::read_to_string(written(dir).expect("the hash file")).expect("hash file")
}

#[test]
fn every_sampled_name_character_is_drawn_in_the_window() {
    assert_eq!(
        std::env::var("ICED_TEST_BACKEND").as_deref(),
        Ok("tiny-skia"),
        "run with ICED_TEST_BACKEND=tiny-skia"
    );
    let dir = tempfile::tempdir().expect("dir");
    // What a character the font lacks looks like (U+20000 is in no font
    // Accord has), and an empty window.
    let missing = drawn('𠀀', dir.path());
    let blank = drawn(' ', dir.path());
    assert_ne!(missing, blank, "a missing glyph leaves a box");
    // Every character the fonts lack looks the same: 𪚥 (U+2A6A5) too. So
    // a character drawn differently is one the font has.
    assert_eq!(drawn('𪚥', dir.path()), missing, "the box is one box");
    let boxes: Vec<String> = names()
        .into_iter()
        .filter(|&c| {
            let hash = drawn(c, dir.path());
            hash == missing || hash == blank
        })
        .map(|c| format!("{c} U+{:04X}", u32::from(c)))
        .collect();
    assert!(boxes.is_empty(), "drawn as a box or not at all: {boxes:?}");
}

#[test]
fn every_sampled_name_character_prints_and_reads_back_from_the_pdf() {
    let chars = names();
    // Lines of 30, as a long list of names would be set.
    let lines: Vec<String> = chars
        .chunks(30)
        .map(|chunk| chunk.iter().collect())
        .collect();
    let doc = AgreementDocument {
        locale: Locale::ZhCn,
        title: "姓名".into(),
        number: "2025-0001".into(),
        blocks: lines.iter().cloned().map(Block::Paragraph).collect(),
        signature_page: String::new(),
    };
    assert_eq!(pdf::missing_glyphs(&doc), Ok(Vec::new()));
    let bytes = pdf::render(&doc, &pdf::PrintOptions::default()).expect("renders");
    // As e-filing reads it: poppler's pdftotext where installed (CI), and
    // always the file's own text layer.
    let read = lopdf::Document::load_mem(&bytes).expect("pdf");
    let pages: Vec<u32> = read.get_pages().keys().copied().collect();
    let mut texts = vec![read.extract_text(&pages).expect("text")];
    if let Some(text) = pdftotext(&bytes) {
        texts.push(text);
    }
    for text in texts {
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        for line in &lines {
            assert!(text.contains(line.as_str()), "{line} not read back");
        }
    }
}

/// The text poppler reads from `pdf`; `None` when pdftotext is absent.
fn pdftotext(pdf: &[u8]) -> Option<String> {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(pdf).ok()?;
    let out = child.wait_with_output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
