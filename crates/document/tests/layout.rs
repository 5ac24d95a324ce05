//! The agreement's pages parsed back with their positions, as a court
//! clerk would look at them: the text ends with "（以下无正文）", no page
//! holds signatures without text of the agreement (or the line that ties
//! it to the agreement), no amount in words is parted from its figures by
//! a page break, and the QR code never covers a word. Tried with 2, 4 and
//! 6 parties and 1 to 12 clauses.

use accord_core::{
    Case, PartyRole,
    agreement::{AgreementContent, Clause, Jurisdiction},
    demo,
};
use accord_document::{AgreementInput, agreement, pdf};
use accord_i18n::{Locale, Translations};
use lopdf::{Document, Object};

/// One run of text as the page shows it.
#[derive(Debug, Clone)]
struct Run {
    x: f32,
    y: f32,
    size: f32,
    text: String,
}

impl Run {
    /// The run's box, wide enough for every character (a CJK character
    /// is one em, anything else at most one): never narrower than drawn.
    fn bbox(&self) -> (f32, f32, f32, f32) {
        let width: f32 = self
            .text
            .chars()
            .map(|c| if c.is_ascii() { 0.6 } else { 1.0 } * self.size)
            .sum();
        (
            self.x,
            self.y - 0.25 * self.size,
            self.x + width,
            self.y + 0.9 * self.size,
        )
    }
}

/// A page: its runs of text and the filled squares drawn on it.
struct Page {
    runs: Vec<Run>,
    squares: Vec<(f32, f32, f32, f32)>,
}

impl Page {
    fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
    fn has(&self, fragment: &str) -> bool {
        self.runs.iter().any(|r| r.text.contains(fragment))
    }
    /// The runs between the running header and footer.
    fn body(&self) -> impl Iterator<Item = &Run> {
        self.runs.iter().filter(|r| r.y < 790.0 && r.y > 60.0)
    }
}

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

/// Every page's text runs (font size, position from the text matrix,
/// text through the font's ToUnicode map) and filled rectangles.
fn pages_of(bytes: &[u8]) -> Vec<Page> {
    let doc = Document::load_mem(bytes).expect("a valid PDF");
    doc.get_pages()
        .values()
        .map(|&id| {
            let fonts = doc.get_page_fonts(id).expect("fonts");
            let encodings: Vec<(Vec<u8>, lopdf::Encoding)> = fonts
                .into_iter()
                .map(|(name, font)| (name, font.get_font_encoding(&doc).expect("encoding")))
                .collect();
            let content =
                lopdf::content::Content::decode(&doc.get_page_content(id)).expect("content");
            let (mut font, mut size, mut at) = (None, 0.0, (0.0, 0.0));
            let mut runs = Vec::new();
            let mut squares = Vec::new();
            for op in &content.operations {
                match op.operator.as_str() {
                    "Tf" => {
                        let name = op.operands[0].as_name().expect("font name");
                        font = encodings.iter().position(|(n, _)| n == name);
                        size = number(&op.operands[1]);
                    }
                    "Tm" => at = (number(&op.operands[4]), number(&op.operands[5])),
                    "Tj" => {
                        let Object::String(bytes, _) = &op.operands[0] else {
                            panic!("Tj without a string");
                        };
                        let encoding = &encodings[font.expect("a font is set")].1;
                        runs.push(Run {
                            x: at.0,
                            y: at.1,
                            size,
                            text: Document::decode_text(encoding, bytes).expect("decodes"),
                        });
                    }
                    "re" => {
                        let v: Vec<f32> = op.operands.iter().map(number).collect();
                        squares.push((v[0], v[1], v[2], v[3]));
                    }
                    _ => {}
                }
            }
            Page { runs, squares }
        })
        .collect()
}

/// The water-leak case with `parties` parties (the three of the example,
/// then more applicants and respondents in turn).
fn case_with(parties: usize) -> Case {
    let mut case = demo::water_leak_stored_case();
    let names = ["刘芳", "陈志强", "杨帆", "黄晓明"];
    let template = case.parties[0].clone();
    if parties == 2 {
        // One applicant, one respondent.
        case.parties.remove(1);
    }
    for (i, name) in names.iter().enumerate().take(parties.saturating_sub(3)) {
        let mut p = template.clone();
        p.id = 10 + i as i64;
        p.name = (*name).into();
        p.role = if i % 2 == 0 {
            PartyRole::Respondent
        } else {
            PartyRole::Applicant
        };
        case.parties.push(p);
    }
    assert_eq!(case.parties.len(), parties);
    case
}

/// The example agreement with `clauses` clauses of differing lengths.
fn content_with(case: &Case, clauses: usize) -> AgreementContent {
    let mut content = demo::water_leak_agreement(case);
    content.jurisdiction = Jurisdiction::PrcPeoplesMediation;
    content.clauses = (0..clauses)
        .map(|i| Clause {
            text: format!(
                "第{}项约定：{}",
                i + 1,
                "双方确认上述事实，同意按本协议约定履行，并互相尊重、和睦相处。".repeat(1 + i % 4)
            ),
        })
        .collect();
    content
}

fn render(t: &Translations, case: &Case, content: &AgreementContent) -> (Vec<u8>, Vec<String>) {
    let doc = agreement(t, &AgreementInput::new(case, content));
    let amounts: Vec<String> = doc
        .plain_text()
        .split(['，', '。', '：', '；'])
        .filter(|s| s.contains("人民币") && s.contains("（¥"))
        .map(|s| s[s.find("人民币").expect("amount")..].to_owned())
        .collect();
    let options = pdf::PrintOptions {
        footer_pattern: t.tr("doc-footer"),
        original: Some("正本 1/3".into()),
        qr: Some((
            "ACCORD|2025-0001|1|sha256:0123abcd".into(),
            t.tr("doc-qr-caption"),
        )),
        ..Default::default()
    };
    (pdf::render(&doc, &options).expect("renders"), amounts)
}

#[test]
fn signatures_stay_with_the_text_amounts_stay_whole_and_the_qr_code_covers_nothing() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    for parties in [2, 4, 6] {
        let case = case_with(parties);
        for clauses in 1..=12 {
            let content = content_with(&case, clauses);
            let (bytes, amounts) = render(&t, &case, &content);
            let pages = pages_of(&bytes);
            let what = format!("{parties} parties, {clauses} clauses");

            // The operative text ends once, with its end line.
            let ends: Vec<usize> = (0..pages.len())
                .filter(|&i| pages[i].has("（以下无正文）"))
                .collect();
            assert_eq!(ends.len(), 1, "{what}: one end line");

            // A page with a place to sign holds text of the agreement above
            // the end line, or opens with the line that names the agreement.
            for (n, page) in pages.iter().enumerate() {
                if !page.has("（签名") {
                    continue;
                }
                let tie = page
                    .body()
                    .max_by(|a, b| a.y.total_cmp(&b.y))
                    .is_some_and(|top| top.text.contains("签署页，无正文"));
                let end_y = page
                    .runs
                    .iter()
                    .find(|r| r.text.contains("（以下无正文）"))
                    .map(|r| r.y);
                let text_above = end_y.is_some_and(|end| {
                    page.body()
                        .any(|r| r.y > end + 1.0 && !r.text.trim().is_empty())
                });
                assert!(
                    tie || text_above,
                    "{what}: page {} holds signatures alone:\n{}",
                    n + 1,
                    page.text()
                );
            }

            // Every amount in words stands on one page with its figures.
            assert!(!amounts.is_empty());
            for amount in &amounts {
                assert!(
                    pages.iter().any(|p| p.text().contains(amount.as_str())),
                    "{what}: {amount} is split across pages"
                );
            }

            // The QR code: the small squares on the last page; no text
            // over it.
            let last = pages.last().expect("a page");
            let modules: Vec<_> = last
                .squares
                .iter()
                .filter(|(_, _, w, h)| (w - h).abs() < 0.01 && *w < 5.0)
                .collect();
            assert!(modules.len() > 100, "{what}: the QR code is drawn");
            let qr = modules.iter().fold(
                (f32::MAX, f32::MAX, f32::MIN, f32::MIN),
                |(x0, y0, x1, y1), (x, y, w, h)| {
                    (x0.min(*x), y0.min(*y), x1.max(x + w), y1.max(y + h))
                },
            );
            for run in &last.runs {
                let (x0, y0, x1, y1) = run.bbox();
                let apart = x1 <= qr.0 || x0 >= qr.2 || y1 <= qr.1 || y0 >= qr.3;
                assert!(
                    apart,
                    "{what}: {:?} at ({}, {}) overlaps the QR code {qr:?}",
                    run.text, run.x, run.y
                );
            }
        }
    }
}

#[test]
fn the_title_reads_as_one_word_and_the_file_claims_no_pdf_x() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let case = case_with(3);
    let (bytes, _) = render(&t, &case, &content_with(&case, 2));
    let doc = Document::load_mem(&bytes).expect("pdf");
    assert_eq!(doc.version, "1.7");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|r| doc.get_dictionary(r))
        .expect("info");
    assert!(info.get(b"GTS_PDFXVersion").is_err(), "no PDF/X claim");
    // The letter-spaced title carries its words as ActualText.
    let first = *doc.get_pages().values().next().expect("page");
    let content = lopdf::content::Content::decode(&doc.get_page_content(first)).expect("content");
    let actual = content
        .operations
        .iter()
        .find(|op| op.operator == "BDC")
        .and_then(|op| op.operands.get(1))
        .and_then(|props| props.as_dict().ok())
        .and_then(|d| d.get(b"ActualText").ok())
        .and_then(|s| lopdf::decode_text_string(s).ok());
    assert_eq!(actual.as_deref(), Some("人民调解协议书"));
    // And poppler, which court e-filing systems use, extracts it whole.
    if let Ok(out) = std::process::Command::new("pdftotext")
        .args(["-l", "1", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(&bytes)?;
            child.wait_with_output()
        })
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("人民调解协议书"), "pdftotext read:\n{text}");
    }
}
