//! The case file (卷宗) parsed back with lopdf: the parts in the
//! customary order, every page numbered, the table of contents and the
//! back cover telling the truth about those numbers, an imported PDF's
//! pages unchanged, each PDF/A-2b requirement that the assembly
//! implements, and the seal on top. When Apache PDFBox's Preflight is
//! installed (Debian: libpdfbox2-java, with libactivation-java and
//! libjaxb-api-java), it checks the file too.

use std::collections::BTreeSet;
use std::process::Command;

use lopdf::{Dictionary, Document, Object, ObjectId};

use accord_core::demo;
use accord_document::archive::{
    self, ArchiveError, BackCover, CaseFile, Cover, ImageFormat, Section, SectionBody,
};
use accord_document::{AgreementDocument, AgreementInput, Block, agreement, pdf, seal};
use accord_i18n::{Locale, Translations};
use chrono::NaiveDate;

const AT: i64 = 1_740_000_000;
const SCAN: &[u8] = include_bytes!("data/scan.jpg");

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn key_valid_at_sealing() -> (seal::SealKey, Vec<u8>) {
    let (key, _) = seal::self_signed("青山区人民调解委员会", "Accord");
    let cert = seal::self_signed_valid_between(
        &key,
        "青山区人民调解委员会",
        "Accord",
        AT - 86_400,
        AT + 3650 * 86_400,
    )
    .expect("certificate");
    (key, cert)
}

fn agreement_doc(t: &Translations) -> AgreementDocument {
    let case = demo::water_leak_stored_case();
    let content = demo::water_leak_agreement(&case);
    agreement(t, &AgreementInput::new(&case, &content))
}

/// The sealed agreement's original, as the desk keeps it.
fn sealed_agreement(t: &Translations) -> Vec<u8> {
    let options = pdf::PrintOptions {
        footer_pattern: t.tr("doc-footer"),
        created_unix: AT,
        ..Default::default()
    };
    let bytes = pdf::render(&agreement_doc(t), &options).expect("render");
    let (key, cert) = key_valid_at_sealing();
    seal::seal(&bytes, &key, &cert, "青山区人民调解委员会", "定稿", AT).expect("seal")
}

fn record(title: &str, paragraphs: usize) -> AgreementDocument {
    AgreementDocument {
        locale: Locale::ZhCn,
        title: title.into(),
        number: "（2025）青山人调字第1号".into(),
        blocks: std::iter::once(Block::Title(title.into()))
            .chain((0..paragraphs).map(|i| {
                Block::Paragraph(format!(
                    "第{}段：申请人李玥称，楼上住户赵喆家中水管破裂，致其房屋顶棚及墙面受损，请求赔偿维修费用。被申请人对漏水事实无异议，但对赔偿数额有异议。",
                    i + 1
                ))
            }))
            .collect(),
        signature_page: String::new(),
    }
}

/// A PNG with an alpha channel, half of it transparent.
fn png_with_alpha() -> Vec<u8> {
    let (w, h) = (64u32, 48u32);
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().expect("header");
        let data: Vec<u8> = (0..w * h)
            .flat_map(|i| {
                let x = i % w;
                [200, 30, 30, if x < w / 2 { 255 } else { 0 }]
            })
            .collect();
        writer.write_image_data(&data).expect("data");
    }
    out
}

fn sample(t: &Translations) -> CaseFile {
    CaseFile {
        locale: Locale::ZhCn,
        cover: Cover {
            file_number: "（2025）青山人调字第1号".into(),
            case_name: "相邻关系纠纷（漏水）".into(),
            parties: vec!["李玥".into(), "赵喆".into(), "王建国".into()],
            mediator: "王建国".into(),
            accepted: date(2025, 2, 10),
            closed: Some(date(2025, 3, 31)),
            result: "调解成功，达成书面协议".into(),
            retention: "长期".into(),
            compiled_by: "刘芳".into(),
            compiled_on: date(2025, 4, 2),
            committee: "青山区人民调解委员会".into(),
        },
        sections: vec![
            Section {
                title: "人民调解申请书".into(),
                body: SectionBody::Document(record("人民调解申请书", 3)),
            },
            Section {
                title: "调解笔录".into(),
                body: SectionBody::Document(record("调解笔录", 40)),
            },
            Section {
                title: "现场照片".into(),
                body: SectionBody::Image {
                    bytes: SCAN.to_vec(),
                    format: ImageFormat::Jpeg,
                },
            },
            Section {
                title: "人民调解协议书（正本）".into(),
                body: SectionBody::Pdf(sealed_agreement(t)),
            },
            Section {
                title: "维修费用收据".into(),
                body: SectionBody::Image {
                    bytes: png_with_alpha(),
                    format: ImageFormat::Png,
                },
            },
            Section {
                title: "回访记录".into(),
                body: SectionBody::Document(record("回访记录", 2)),
            },
        ],
        back: BackCover {
            lines: vec![
                (
                    t.tr("case-file-remarks"),
                    "本卷材料齐全，协议已履行完毕。".into(),
                ),
                ("立卷人：".into(), "刘芳　2025年4月2日".into()),
                ("检查人：".into(), "王建国　2025年4月3日".into()),
            ],
        },
        created_unix: AT,
        author: "青山区人民调解委员会".into(),
    }
}

fn zh() -> Translations {
    Translations::load(Locale::ZhCn).expect("locale")
}

fn build(t: &Translations, file: &CaseFile) -> Vec<u8> {
    let bytes = archive::case_file(t, file).expect("case file");
    if let Ok(dir) = std::env::var("ACCORD_PDF_OUT") {
        let name = format!("{dir}/case-file-{}.pdf", t.locale().tag());
        std::fs::write(name, &bytes).expect("write");
    }
    bytes
}

/// A page's text without white space, and the archive number stamped on
/// it (the last line of its text).
fn page_text(doc: &Document, n: u32) -> (String, String) {
    let text = doc.extract_text(&[n]).expect("text");
    let text = text.trim_end();
    let (body, stamp) = text.rsplit_once('\n').unwrap_or(("", text));
    (
        body.split_whitespace().collect::<Vec<_>>().join(""),
        stamp.trim().to_owned(),
    )
}

fn page_ids(doc: &Document) -> Vec<ObjectId> {
    doc.get_pages().into_values().collect()
}

/// Whether the page shows an image.
fn shows_image(doc: &Document, page: ObjectId) -> bool {
    let (inline, ids) = doc.get_page_resources(page).expect("resources");
    inline
        .into_iter()
        .chain(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()))
        .filter_map(|r| doc.get_dict_in_dict(r, b"XObject").ok())
        .flat_map(|x| x.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>())
        .filter_map(|v| v.as_reference().ok())
        .filter_map(|id| doc.get_object(id).ok()?.as_stream().ok())
        .any(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
}

/// The first words of the first page of a PDF.
fn first_words(bytes: &[u8]) -> String {
    let doc = Document::load_mem(bytes).expect("pdf");
    let text = doc.extract_text(&[1]).expect("text");
    text.split_whitespace()
        .collect::<String>()
        .chars()
        .take(16)
        .collect()
}

#[test]
fn the_parts_come_in_the_customary_order_and_every_page_is_numbered() {
    let t = zh();
    let file = sample(&t);
    let bytes = build(&t, &file);
    let doc = Document::load_mem(&bytes).expect("a valid PDF");
    let count = doc.get_pages().len();
    let ids = page_ids(&doc);
    let pages: Vec<(String, String)> = (1..=count as u32).map(|n| page_text(&doc, n)).collect();

    // Every page, the imported and the scanned ones included, carries its
    // number.
    for (i, (_, stamp)) in pages.iter().enumerate() {
        assert_eq!(
            stamp,
            &(i + 1).to_string(),
            "the number stamped on page {}",
            i + 1
        );
    }

    // The cover.
    let cover = &pages[0].0;
    for expected in [
        "青山区人民调解委员会",
        "人民调解卷宗",
        "卷宗号：（2025）青山人调字第1号",
        "案由：相邻关系纠纷（漏水）",
        "当事人：李玥、赵喆、王建国",
        "调解员：王建国",
        "受理日期：2025年2月10日",
        "结案日期：2025年3月31日",
        "调解结果：调解成功，达成书面协议",
        "保管期限：长期",
        "立卷人：刘芳",
        "立卷日期：2025年4月2日",
    ] {
        assert!(
            cover.contains(expected),
            "{expected:?} not on the cover: {cover}"
        );
    }

    // Where each section really starts, found from the pages themselves:
    // a composed document by its title, the imported PDF by its first
    // words, a scan as a page with an image and no text.
    let mut starts = Vec::new();
    let mut from = 2; // after the cover and at least one page of contents
    for section in &file.sections {
        let found = (from..count)
            .find(|&i| match &section.body {
                SectionBody::Document(doc) => pages[i].0.starts_with(&doc.title),
                SectionBody::Pdf(original) => pages[i].0.starts_with(&first_words(original)),
                SectionBody::Image { .. } => pages[i].0.is_empty() && shows_image(&doc, ids[i]),
            })
            .unwrap_or_else(|| panic!("{} not found after page {from}", section.title));
        starts.push(found + 1);
        from = found + 1;
    }
    // A scan is one page: what follows it starts on the next page.
    for (i, section) in file.sections.iter().enumerate() {
        if matches!(section.body, SectionBody::Image { .. }) {
            let next = starts.get(i + 1).copied().unwrap_or(count);
            assert_eq!(next, starts[i] + 1, "{} takes one page", section.title);
        }
    }

    // The table of contents: each title with the page it really starts on,
    // in order, and nothing else.
    let mut expected = String::from("卷内目录序号文件名称页号");
    for (i, (section, start)) in file.sections.iter().zip(&starts).enumerate() {
        expected.push_str(&format!("{}{}{}", i + 1, section.title, start));
    }
    assert_eq!(pages[1].0, expected, "the table of contents");
    assert_eq!(starts[0], 3, "one page of contents");

    // The back cover, last, states the total.
    let back = &pages[count - 1].0;
    assert!(back.starts_with("卷内备考表"), "{back}");
    assert!(back.contains(&format!("本卷共{count}页。")), "{back}");
    assert!(back.contains("检查人：王建国"), "{back}");
}

#[test]
fn an_imported_pdf_keeps_its_pages_as_they_were() {
    let t = zh();
    let original = sealed_agreement(&t);
    let file = CaseFile {
        sections: vec![Section {
            title: "人民调解协议书（正本）".into(),
            body: SectionBody::Pdf(original.clone()),
        }],
        ..sample(&t)
    };
    let out = Document::load_mem(&build(&t, &file)).expect("pdf");
    let src = Document::load_mem(&original).expect("pdf");
    let src_pages = page_ids(&src);
    let out_pages = page_ids(&out);
    assert_eq!(
        out_pages.len(),
        src_pages.len() + 3,
        "cover, contents, back cover"
    );
    for (k, src_page) in src_pages.iter().enumerate() {
        let out_page = out_pages[2 + k];
        let before = src.get_page_content(*src_page);
        // The page's own streams sit between the opening `q` and the stamp.
        let streams = out.get_page_contents(out_page);
        assert!(streams.len() >= 3);
        let inner: Vec<u8> = streams[1..streams.len() - 1]
            .iter()
            .flat_map(|id| {
                let s = out
                    .get_object(*id)
                    .and_then(Object::as_stream)
                    .expect("stream");
                let mut c = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                c.push(b'\n');
                c
            })
            .collect();
        assert_eq!(
            String::from_utf8_lossy(&inner).trim(),
            String::from_utf8_lossy(&before).trim(),
            "page {} of the original",
            k + 1
        );
        let first = out
            .get_object(streams[0])
            .and_then(Object::as_stream)
            .expect("q");
        assert_eq!(first.content.trim_ascii(), b"q");
        // The fonts it uses came along, by the same names.
        let names = |d: &Document, p| -> BTreeSet<Vec<u8>> {
            d.get_page_fonts(p).expect("fonts").into_keys().collect()
        };
        let (src_fonts, out_fonts) = (names(&src, *src_page), names(&out, out_page));
        assert!(
            src_fonts.is_subset(&out_fonts),
            "{src_fonts:?} {out_fonts:?}"
        );
        // And its text, with the archive number after it.
        let (src_text, _) = (
            src.extract_text(&[k as u32 + 1])
                .expect("text")
                .split_whitespace()
                .collect::<String>(),
            (),
        );
        let (out_text, stamp) = page_text(&out, k as u32 + 3);
        assert_eq!(out_text, src_text);
        assert_eq!(stamp, (k + 3).to_string());
    }
}

#[test]
fn a_scan_is_passed_through_and_a_transparent_png_is_flattened_onto_white() {
    let t = zh();
    let bytes = build(&t, &sample(&t));
    let doc = Document::load_mem(&bytes).expect("pdf");
    let images: Vec<&lopdf::Stream> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .collect();
    assert_eq!(images.len(), 2);
    let jpeg = images
        .iter()
        .find(|s| s.dict.get(b"Filter").and_then(Object::as_name).ok() == Some(b"DCTDecode"))
        .expect("the JPEG");
    assert_eq!(jpeg.content, SCAN, "the JPEG's bytes, not re-encoded");
    assert_eq!(
        jpeg.dict.get(b"Width").and_then(Object::as_i64).ok(),
        Some(240)
    );
    assert_eq!(
        jpeg.dict.get(b"Height").and_then(Object::as_i64).ok(),
        Some(320)
    );
    let png = images
        .iter()
        .find(|s| s.dict.get(b"Filter").and_then(Object::as_name).ok() == Some(b"FlateDecode"))
        .expect("the PNG");
    assert_eq!(
        png.dict.get(b"ColorSpace").and_then(Object::as_name).ok(),
        Some(b"DeviceRGB".as_slice())
    );
    let pixels = png.decompressed_content().expect("pixels");
    assert_eq!(pixels.len(), 64 * 48 * 3);
    assert_eq!(&pixels[..3], &[200, 30, 30], "opaque half as it was");
    assert_eq!(
        &pixels[63 * 3..64 * 3],
        &[255, 255, 255],
        "transparent half white"
    );
    for image in images {
        assert!(!image.dict.has(b"SMask") && !image.dict.has(b"Mask"));
        assert_eq!(
            image
                .dict
                .get(b"BitsPerComponent")
                .and_then(Object::as_i64)
                .ok(),
            Some(8)
        );
    }
}

/// Every PDF/A-2b requirement the assembly implements, read from the file.
fn assert_pdfa_2b(bytes: &[u8]) {
    // Header: version ≥ 1.4 and the comment line of bytes ≥ 128.
    assert!(bytes.starts_with(b"%PDF-1.7\n%"), "header");
    assert!(
        bytes[10..14].iter().all(|b| *b >= 128),
        "binary comment line"
    );

    let doc = Document::load_mem(bytes).expect("pdf");
    // No encryption; a file identifier.
    assert!(doc.trailer.get(b"Encrypt").is_err(), "no encryption");
    let id = doc
        .trailer
        .get(b"ID")
        .and_then(Object::as_array)
        .expect("/ID");
    assert_eq!(id.len(), 2);
    for part in id {
        assert_eq!(part.as_str().expect("string").len(), 16);
    }

    // Every font embedded, descendant fonts included.
    let mut fonts = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font") {
            continue;
        }
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .expect("subtype");
        let described: &Dictionary = match subtype {
            b"Type3" => continue,
            b"Type0" => {
                let d = dict
                    .get(b"DescendantFonts")
                    .and_then(Object::as_array)
                    .expect("descendants");
                let d = doc.dereference(&d[0]).expect("descendant").1;
                d.as_dict().expect("descendant font")
            }
            _ => dict,
        };
        let descriptor = doc
            .dereference(described.get(b"FontDescriptor").expect("descriptor"))
            .expect("descriptor")
            .1
            .as_dict()
            .expect("descriptor");
        let file = [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
            .iter()
            .find_map(|k| descriptor.get(k).ok())
            .expect("an embedded font program");
        let program = doc
            .dereference(file)
            .expect("program")
            .1
            .as_stream()
            .expect("stream");
        assert!(!program.content.is_empty());
        fonts += 1;
    }
    assert!(fonts >= 2, "the fonts were found");

    // XMP metadata in the catalog: PDF/A-2b, and what the Info says.
    let catalog = doc.catalog().expect("catalog");
    let metadata = doc
        .get_object(
            catalog
                .get(b"Metadata")
                .and_then(Object::as_reference)
                .expect("metadata"),
        )
        .and_then(Object::as_stream)
        .expect("metadata stream");
    assert_eq!(
        metadata.dict.get(b"Subtype").and_then(Object::as_name).ok(),
        Some(b"XML".as_slice())
    );
    assert!(
        metadata.dict.get(b"Filter").is_err(),
        "metadata readable as it is"
    );
    let xmp = String::from_utf8(metadata.content.clone()).expect("UTF-8");
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .expect("info");
    let text = |key: &[u8]| -> String {
        let raw = info.get(key).and_then(Object::as_str).expect("info entry");
        if raw.starts_with(&[0xFE, 0xFF]) {
            let units: Vec<u16> = raw[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).expect("UTF-16")
        } else {
            String::from_utf8(raw.to_vec()).expect("ASCII")
        }
    };
    assert!(xmp.contains(&format!(
        "<rdf:li xml:lang='x-default'>{}</rdf:li>",
        text(b"Title")
    )));
    assert!(xmp.contains(&format!("<rdf:li>{}</rdf:li>", text(b"Author"))));
    assert!(xmp.contains(&format!(
        "<pdf:Producer>{}</pdf:Producer>",
        text(b"Producer")
    )));
    assert!(xmp.contains(&format!(
        "<xmp:CreatorTool>{}</xmp:CreatorTool>",
        text(b"Creator")
    )));
    let created = seal::parse_pdf_date(&text(b"CreationDate")).expect("date");
    let xmp_date = xmp
        .split("<xmp:CreateDate>")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("xmp:CreateDate");
    let xmp_unix = chrono::DateTime::parse_from_rfc3339(xmp_date)
        .expect("date")
        .timestamp();
    assert_eq!(
        xmp_unix, created,
        "xmp:CreateDate is the Info's CreationDate"
    );

    // The output intent with its ICC profile.
    let intents = doc
        .dereference(catalog.get(b"OutputIntents").expect("output intents"))
        .expect("intents")
        .1
        .as_array()
        .expect("array");
    let intent = doc
        .dereference(&intents[0])
        .expect("intent")
        .1
        .as_dict()
        .expect("dict");
    assert_eq!(
        intent.get(b"S").and_then(Object::as_name).ok(),
        Some(b"GTS_PDFA1".as_slice())
    );
    let profile = doc
        .dereference(intent.get(b"DestOutputProfile").expect("profile"))
        .expect("profile")
        .1
        .as_stream()
        .expect("ICC stream");
    assert_eq!(
        profile.dict.get(b"N").and_then(Object::as_i64).ok(),
        Some(3)
    );
    let icc = profile
        .decompressed_content()
        .unwrap_or_else(|_| profile.content.clone());
    assert_eq!(&icc[36..40], b"acsp");
    assert_eq!(&icc[16..20], b"RGB ");
    assert_eq!(
        u32::from_be_bytes([icc[0], icc[1], icc[2], icc[3]]) as usize,
        icc.len()
    );

    // No JavaScript, no launching, no links out; no annotation but the
    // seal's invisible field; no soft masks.
    for object in doc.objects.values() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        assert!(!dict.has(b"JS") && !dict.has(b"JavaScript") && !dict.has(b"AA"));
        if let Ok(action) = dict.get(b"S").and_then(Object::as_name) {
            assert!(
                ![
                    b"JavaScript".as_slice(),
                    b"Launch",
                    b"URI",
                    b"GoToR",
                    b"ImportData",
                    b"SubmitForm"
                ]
                .contains(&action),
                "action {}",
                String::from_utf8_lossy(action)
            );
        }
        assert!(!dict.has(b"SMask"), "a soft mask");
        if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"Annot") {
            assert_eq!(
                dict.get(b"Subtype").and_then(Object::as_name).ok(),
                Some(b"Widget".as_slice())
            );
            assert_eq!(
                dict.get(b"FT").and_then(Object::as_name).ok(),
                Some(b"Sig".as_slice())
            );
        }
    }
}

#[test]
fn the_case_file_meets_what_pdfa_2b_asks_of_it() {
    let t = zh();
    assert_pdfa_2b(&build(&t, &sample(&t)));
}

/// poppler's verdict, when pdfsig is installed (CI installs it).
fn pdfsig(bytes: &[u8], name: &str) -> Option<String> {
    let path = temp_path(name);
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
    let pdf = temp_path(name);
    std::fs::write(&pdf, bytes).expect("write");
    let der = temp_path(&format!("{name}.cer"));
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

fn temp_path(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("accord-case-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    dir.join(name)
}

#[test]
fn the_case_file_seals_like_the_agreement_and_stays_pdfa() {
    let t = zh();
    let bytes = build(&t, &sample(&t));
    let (key, cert) = key_valid_at_sealing();
    let sealed =
        seal::seal(&bytes, &key, &cert, "青山区人民调解委员会", "卷宗归档", AT).expect("seal");
    assert!(sealed.starts_with(&bytes), "an incremental update");
    let trusted = seal::TrustedCertificates::from_der([&cert]).expect("certificate");
    let report = seal::verify_trusted(&sealed, &trusted).expect("verifies");
    assert_eq!(report.signer_cn, "青山区人民调解委员会");
    assert!(report.covers_whole_file);
    if let Some(out) = pdfsig(&sealed, "pdfsig-case-file.pdf") {
        assert!(out.contains("Signature is Valid"), "{out}");
        assert!(out.contains("Total document signed"), "{out}");
    }
    if let Some((ok, out)) = pyhanko(&sealed, &cert, "pyhanko-case-file.pdf") {
        assert!(ok, "pyHanko: {out}");
    }
    assert_pdfa_2b(&sealed);
    let doc = Document::load_mem(&sealed).expect("pdf");
    assert!(
        doc.trailer.get(b"ID").is_ok(),
        "the update's trailer keeps the /ID"
    );
    assert_eq!(
        doc.get_pages().len(),
        Document::load_mem(&bytes).expect("pdf").get_pages().len()
    );
}

/// A one-page PDF whose font is named but not embedded (the standard
/// Helvetica), drawn from a form XObject when `in_form`.
fn pdf_with_unembedded_font(in_form: bool) -> Vec<u8> {
    let mut doc = Document::with_version("1.4");
    let font = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type1".to_vec())),
        ("BaseFont", Object::Name(b"Helvetica".to_vec())),
    ]));
    let fonts = Dictionary::from_iter(vec![("F1", Object::Reference(font))]);
    let text = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET".to_vec();
    let (resources, content) = if in_form {
        let form = doc.add_object(lopdf::Stream::new(
            Dictionary::from_iter(vec![
                ("Type", Object::Name(b"XObject".to_vec())),
                ("Subtype", Object::Name(b"Form".to_vec())),
                (
                    "BBox",
                    vec![0.into(), 0.into(), 600.into(), 800.into()].into(),
                ),
                (
                    "Resources",
                    Object::Dictionary(Dictionary::from_iter(vec![(
                        "Font",
                        Object::Dictionary(fonts),
                    )])),
                ),
            ]),
            text,
        ));
        (
            Dictionary::from_iter(vec![(
                "XObject",
                Object::Dictionary(Dictionary::from_iter(vec![("X1", Object::Reference(form))])),
            )]),
            b"/X1 Do".to_vec(),
        )
    } else {
        (
            Dictionary::from_iter(vec![("Font", Object::Dictionary(fonts))]),
            text,
        )
    };
    one_page(doc, resources, content, None)
}

/// A PDF of one page whose media box and resources are inherited from
/// the page tree.
fn one_page(
    mut doc: Document,
    resources: Dictionary,
    content: Vec<u8>,
    rotate: Option<i64>,
) -> Vec<u8> {
    let content = doc.add_object(lopdf::Stream::new(Dictionary::new(), content));
    let pages = doc.new_object_id();
    let mut page = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Page".to_vec())),
        ("Parent", Object::Reference(pages)),
        ("Contents", Object::Reference(content)),
    ]);
    if let Some(r) = rotate {
        page.set("Rotate", r);
    }
    let page = doc.add_object(page);
    doc.objects.insert(
        pages,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Kids", vec![Object::Reference(page)].into()),
            ("Count", 1.into()),
            (
                "MediaBox",
                vec![0.into(), 0.into(), 612.into(), 792.into()].into(),
            ),
            ("Resources", Object::Dictionary(resources)),
        ])),
    );
    let catalog = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages)),
    ]));
    doc.trailer.set("Root", Object::Reference(catalog));
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

#[test]
fn a_pdf_that_does_not_embed_its_fonts_or_paints_in_cmyk_is_refused() {
    let t = zh();
    for in_form in [false, true] {
        let mut file = sample(&t);
        file.sections.insert(
            1,
            Section {
                title: "外来材料".into(),
                body: SectionBody::Pdf(pdf_with_unembedded_font(in_form)),
            },
        );
        assert_eq!(
            archive::case_file(&t, &file).map(|b| b.len()),
            Err(ArchiveError::FontNotEmbedded {
                section: 1,
                title: "外来材料".into(),
                font: "Helvetica".into(),
            }),
            "in a form: {in_form}"
        );
    }
    // Colours in DeviceCMYK: by operator, by an image.
    let mut file = sample(&t);
    file.sections[2].body = SectionBody::Pdf(one_page(
        Document::with_version("1.4"),
        Dictionary::new(),
        b"0 0 0 1 k 0 0 100 100 re f".to_vec(),
        None,
    ));
    assert!(matches!(
        archive::case_file(&t, &file),
        Err(ArchiveError::DeviceCmyk { section: 2, ref place, .. }) if place == "the operator k"
    ));
    let mut src = Document::with_version("1.4");
    let image = src.add_object(lopdf::Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Image".to_vec())),
            ("Width", 1.into()),
            ("Height", 1.into()),
            ("ColorSpace", Object::Name(b"DeviceCMYK".to_vec())),
            ("BitsPerComponent", 8.into()),
        ]),
        vec![0, 0, 0, 255],
    ));
    let resources = Dictionary::from_iter(vec![(
        "XObject",
        Object::Dictionary(Dictionary::from_iter(vec![(
            "Im9",
            Object::Reference(image),
        )])),
    )]);
    file.sections[2].body = SectionBody::Pdf(one_page(src, resources, b"/Im9 Do".to_vec(), None));
    assert!(matches!(
        archive::case_file(&t, &file),
        Err(ArchiveError::DeviceCmyk { section: 2, ref place, .. }) if place == "image Im9"
    ));

    let mut file = sample(&t);
    file.sections[0].body = SectionBody::Pdf(b"%PDF-1.4 not really".to_vec());
    assert!(matches!(
        archive::case_file(&t, &file),
        Err(ArchiveError::UnreadablePdf { section: 0, .. })
    ));
    file.sections[0].body = SectionBody::Image {
        bytes: b"GIF89a".to_vec(),
        format: ImageFormat::Jpeg,
    };
    assert!(matches!(
        archive::case_file(&t, &file),
        Err(ArchiveError::Image { section: 0, .. })
    ));
}

#[test]
fn a_turned_page_with_inherited_attributes_is_copied_whole_and_numbered_upright() {
    let t = zh();
    // A drawing with what PDF/A forbids and paper does not show: a
    // smoothed image with an alternate, a transfer function.
    let mut src = Document::with_version("1.4");
    let image = src.add_object(lopdf::Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Image".to_vec())),
            ("Width", 2.into()),
            ("Height", 2.into()),
            ("ColorSpace", Object::Name(b"DeviceGray".to_vec())),
            ("BitsPerComponent", 8.into()),
            ("Interpolate", true.into()),
            ("Alternates", Object::Array(vec![])),
        ]),
        vec![0, 255, 255, 0],
    ));
    let resources = Dictionary::from_iter(vec![
        (
            "XObject",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "Im1",
                Object::Reference(image),
            )])),
        ),
        (
            "ExtGState",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "GS1",
                Object::Dictionary(Dictionary::from_iter(vec![
                    ("Type", Object::Name(b"ExtGState".to_vec())),
                    ("TR", Object::Name(b"Identity".to_vec())),
                ])),
            )])),
        ),
    ]);
    let drawing = one_page(
        src,
        resources,
        b"q /GS1 gs 10 0 0 10 0 0 cm /Im1 Do Q 0 0 m 300 300 l S".to_vec(),
        Some(90),
    );
    let file = CaseFile {
        sections: vec![Section {
            title: "横向图纸".into(),
            body: SectionBody::Pdf(drawing),
        }],
        ..sample(&t)
    };
    let doc = Document::load_mem(&build(&t, &file)).expect("pdf");
    let page = doc.get_dictionary(page_ids(&doc)[2]).expect("page");
    let media: Vec<f32> = page
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .expect("its own media box")
        .iter()
        .map(|o| o.as_float().expect("number"))
        .collect();
    assert_eq!(media, vec![0.0, 0.0, 612.0, 792.0]);
    let resources = doc
        .dereference(page.get(b"Resources").expect("its own resources"))
        .expect("resources")
        .1
        .as_dict()
        .expect("dict");
    let gs = doc.get_dict_in_dict(resources, b"ExtGState").expect("gs");
    let gs = doc.get_dict_in_dict(gs, b"GS1").expect("GS1");
    assert!(!gs.has(b"TR"), "no transfer function");
    let xobjects = doc
        .get_dict_in_dict(resources, b"XObject")
        .expect("xobjects");
    let image = doc
        .get_object(
            xobjects
                .get(b"Im1")
                .and_then(Object::as_reference)
                .expect("Im1"),
        )
        .and_then(Object::as_stream)
        .expect("image");
    assert_eq!(
        image
            .dict
            .get(b"Interpolate")
            .and_then(Object::as_bool)
            .ok(),
        Some(false)
    );
    assert!(!image.dict.has(b"Alternates"));
    assert_eq!(
        image.content,
        vec![0, 255, 255, 0],
        "the pixels as they were"
    );
    assert_eq!(page.get(b"Rotate").and_then(Object::as_i64).ok(), Some(90));
    // The stamp is turned with the page, so it reads upright in the top
    // right corner of the page as shown.
    let streams = doc.get_page_contents(page_ids(&doc)[2]);
    let stamp = doc
        .get_object(*streams.last().expect("stamp"))
        .and_then(Object::as_stream)
        .expect("stream");
    let stamp = String::from_utf8_lossy(
        &stamp
            .decompressed_content()
            .unwrap_or_else(|_| stamp.content.clone()),
    )
    .into_owned();
    assert!(
        stamp.contains("0.000 1.000 -1.000 0.000 612.000 0.000 cm"),
        "{stamp}"
    );
    assert_eq!(page_text(&doc, 3).1, "3");
}

#[test]
fn an_english_case_file_reads_in_english() {
    let t = Translations::load(Locale::EnUs).expect("locale");
    let mut file = sample(&t);
    file.locale = Locale::EnUs;
    file.back.lines = vec![(t.tr("case-file-checked-by"), "Wang Jianguo".into())];
    let doc = Document::load_mem(&build(&t, &file)).expect("pdf");
    let count = doc.get_pages().len();
    let (cover, _) = page_text(&doc, 1);
    assert!(
        cover.contains("MediationCaseFile") && cover.contains("Filenumber:"),
        "{cover}"
    );
    let (toc, _) = page_text(&doc, 2);
    assert!(toc.starts_with("ContentsNo.DocumentPage"), "{toc}");
    let (back, _) = page_text(&doc, count as u32);
    assert!(
        back.contains(&format!("Thisfilehas{count}pages.")),
        "{back}"
    );
    assert!(back.contains("Checkedby:WangJianguo"), "{back}");
}

/// Apache PDFBox Preflight, where it is installed: a PDF/A-1b validator,
/// the only free one in Debian's packages. Run on our PDF/A-2b file it
/// must find nothing but what PDF/A-2 allows and PDF/A-1 does not: that
/// the file says part 2, and CID fonts subset without a CIDSet (optional
/// since PDF/A-2).
#[test]
fn pdfbox_preflight_finds_nothing_but_what_pdfa_2_allows() {
    let jars = [
        "preflight.jar",
        "pdfbox2.jar",
        "fontbox2.jar",
        "xmpbox.jar",
        "commons-logging.jar",
        "javax.activation.jar",
        "jaxb-api.jar",
    ]
    .map(|j| format!("/usr/share/java/{j}"));
    if let Some(missing) = jars.iter().find(|j| !std::path::Path::new(j).exists()) {
        eprintln!("PDFBox Preflight not installed ({missing} missing); skipped");
        return;
    }
    let t = zh();
    let bytes = build(&t, &sample(&t));
    let (key, cert) = key_valid_at_sealing();
    let sealed =
        seal::seal(&bytes, &key, &cert, "青山区人民调解委员会", "卷宗归档", AT).expect("seal");
    for (name, pdf) in [("case-file.pdf", bytes), ("sealed-case-file.pdf", sealed)] {
        let path = temp_path(name);
        std::fs::write(&path, &pdf).expect("write");
        let out = match Command::new("java")
            .arg("-cp")
            .arg(jars.join(":"))
            .arg("org.apache.pdfbox.preflight.Validator_A1b")
            .arg(&path)
            .output()
        {
            Ok(out) => out,
            Err(e) => {
                eprintln!("java not runnable ({e}); skipped");
                return;
            }
        };
        let report = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            report.contains("not a valid PDF/A-1b file")
                || report.contains("is a valid PDF/A-1b file"),
            "{report}"
        );
        let unexpected: Vec<&str> = report
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .filter(|l| !(l.starts_with("3.1.11") && l.contains("CIDSet entry is missing")))
            .filter(|l| !(l.starts_with("7.11.2") && l.contains("part must be 1")))
            .collect();
        assert!(unexpected.is_empty(), "{name}: {}", unexpected.join("\n"));
    }
}

#[test]
fn a_printable_annotation_is_drawn_into_its_page_and_links_out_are_gone() {
    let t = zh();
    let mut src = Document::with_version("1.4");
    let form = |src: &mut Document| {
        src.add_object(lopdf::Stream::new(
            Dictionary::from_iter(vec![
                ("Type", Object::Name(b"XObject".to_vec())),
                ("Subtype", Object::Name(b"Form".to_vec())),
                (
                    "BBox",
                    vec![0.into(), 0.into(), 50.into(), 25.into()].into(),
                ),
            ]),
            b"1 0 0 rg 0 0 50 25 re f".to_vec(),
        ))
    };
    let (stamp_form, hidden_form) = (form(&mut src), form(&mut src));
    let annotation = |subtype: &[u8], flags: i64, appearance: Option<ObjectId>| {
        let mut d = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Annot".to_vec())),
            ("Subtype", Object::Name(subtype.to_vec())),
            (
                "Rect",
                vec![100.into(), 100.into(), 200.into(), 150.into()].into(),
            ),
            ("F", flags.into()),
        ]);
        if let Some(f) = appearance {
            d.set(
                "AP",
                Object::Dictionary(Dictionary::from_iter(vec![("N", Object::Reference(f))])),
            );
        }
        d
    };
    let stamp = src.add_object(annotation(b"Stamp", 4, Some(stamp_form)));
    let hidden = src.add_object(annotation(b"Stamp", 4 | 2, Some(hidden_form)));
    let mut link = annotation(b"Link", 4, None);
    link.set(
        "A",
        Object::Dictionary(Dictionary::from_iter(vec![
            ("S", Object::Name(b"URI".to_vec())),
            ("URI", Object::string_literal("https://example.org/")),
        ])),
    );
    let link = src.add_object(link);
    let bytes = one_page(src, Dictionary::new(), b"0 0 m 300 300 l S".to_vec(), None);
    // Give the page its annotations.
    let mut doc = Document::load_mem(&bytes).expect("pdf");
    let page_id = page_ids(&doc)[0];
    doc.get_dictionary_mut(page_id).expect("page").set(
        "Annots",
        Object::Array(
            vec![stamp, hidden, link]
                .into_iter()
                .map(Object::Reference)
                .collect(),
        ),
    );
    let mut annotated = Vec::new();
    doc.save_to(&mut annotated).expect("save");

    let file = CaseFile {
        sections: vec![Section {
            title: "批注材料".into(),
            body: SectionBody::Pdf(annotated),
        }],
        ..sample(&t)
    };
    let bytes = build(&t, &file);
    assert_pdfa_2b(&bytes);
    let doc = Document::load_mem(&bytes).expect("pdf");
    let page_id = page_ids(&doc)[2];
    let page = doc.get_dictionary(page_id).expect("page");
    assert!(!page.has(b"Annots"), "no annotations left on the page");
    let streams = doc.get_page_contents(page_id);
    let drawn: String = streams
        .iter()
        .map(|id| {
            let s = doc
                .get_object(*id)
                .and_then(Object::as_stream)
                .expect("stream");
            String::from_utf8_lossy(
                &s.decompressed_content()
                    .unwrap_or_else(|_| s.content.clone()),
            )
            .into_owned()
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        drawn.contains("q 2.0000 0.0000 0.0000 2.0000 100.0000 100.0000 cm /Annot0 Do Q"),
        "the stamp drawn on its rectangle: {drawn}"
    );
    assert!(!drawn.contains("/Annot1"), "the hidden one is not drawn");
    let opens = drawn.matches('q').count();
    let closes = drawn.matches('Q').count();
    assert_eq!(opens, closes, "saves and restores balance: {drawn}");
    assert_eq!(page_text(&doc, 3).1, "3");
}

#[test]
fn layers_of_an_imported_page_are_listed_and_shown() {
    let t = zh();
    let mut src = Document::with_version("1.5");
    let layer = src.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OCG".to_vec())),
        ("Name", Object::string_literal("OCR text")),
    ]));
    let resources = Dictionary::from_iter(vec![(
        "Properties",
        Object::Dictionary(Dictionary::from_iter(vec![(
            "oc1",
            Object::Reference(layer),
        )])),
    )]);
    let layered = one_page(
        src,
        resources,
        b"/OC /oc1 BDC 0 0 m 10 10 l S EMC".to_vec(),
        None,
    );
    let file = CaseFile {
        sections: vec![Section {
            title: "扫描件".into(),
            body: SectionBody::Pdf(layered),
        }],
        ..sample(&t)
    };
    let bytes = build(&t, &file);
    assert_pdfa_2b(&bytes);
    let doc = Document::load_mem(&bytes).expect("pdf");
    let properties = doc
        .catalog()
        .and_then(|c| doc.get_dict_in_dict(c, b"OCProperties"))
        .expect("optional content properties");
    let groups = properties
        .get(b"OCGs")
        .and_then(Object::as_array)
        .expect("OCGs");
    assert_eq!(groups.len(), 1);
    let config = doc
        .get_dict_in_dict(properties, b"D")
        .expect("default configuration");
    assert!(config.has(b"Name"), "PDF/A wants the configuration named");
    assert_eq!(
        config.get(b"ON").and_then(Object::as_array).expect("ON"),
        groups
    );
}
