//! A change to a final agreement as a document of its own: a
//! supplementary agreement (补充协议（一）) or the record of a rescission
//! (解除调解协议记录). It names the same parties as the agreement, ties
//! itself to the original by its date, committee and case number, sets
//! out what was agreed, and is signed on paper by everyone who signed the
//! agreement, under the committee's seal line and the day it was agreed.

use accord_core::{
    Case,
    agreement::{AgreementContent, Amendment, AmendmentKind, Jurisdiction},
};
use accord_i18n::Translations;
use chrono::NaiveDate;

use super::{
    AgreementInput, chinese_numeral, closing_lines, long_date, ordinal, party_block,
    signature_boxes, tr,
};
use crate::{AgreementDocument, Block};

/// What a supplementary agreement or rescission record is built from: the
/// final agreement it changes and the change itself.
#[derive(Debug, Clone, Copy)]
pub struct AmendmentInput<'a> {
    pub case: &'a Case,
    /// The final version's content: its profile, the signatories.
    pub content: &'a AgreementContent,
    /// The day the final agreement was signed.
    pub signed_on: NaiveDate,
    /// The committee that mediated the agreement, as the agreement names it
    /// ("青山区青山路街道人民调解委员会").
    pub committee: &'a str,
    pub amendment: &'a Amendment,
}

/// Builds the supplementary agreement's or rescission record's blocks in
/// the translations' language. Every box is left empty for ink: these
/// documents are signed on paper.
pub fn amendment(t: &Translations, input: &AmendmentInput<'_>) -> AgreementDocument {
    let (case, content, change) = (input.case, input.content, input.amendment);
    let prc = content.jurisdiction == Jurisdiction::PrcPeoplesMediation;
    let supplementary = change.kind == AmendmentKind::Supplementary;
    let title = if supplementary {
        tr(
            t,
            "doc-amendment-title-supplementary",
            &[("n", ordinal(t, usize::try_from(change.number).unwrap_or(0)))],
        )
    } else {
        t.tr("doc-amendment-title-rescission")
    };
    let number = case.number.to_string();
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Reference(tr(
            t,
            "doc-amendment-reference",
            &[("number", number.clone())],
        )),
        Block::Heading(t.tr("doc-parties")),
    ];
    blocks.extend(case.parties.iter().map(|p| party_block(t, p, prc)));
    let (heading, intro) = if supplementary {
        (
            "doc-amendment-heading-supplementary",
            "doc-amendment-intro-supplementary",
        )
    } else {
        (
            "doc-amendment-heading-rescission",
            "doc-amendment-intro-rescission",
        )
    };
    blocks.push(Block::Heading(t.tr(heading)));
    blocks.push(Block::Paragraph(tr(
        t,
        intro,
        &[
            ("date", long_date(t, input.signed_on)),
            ("centre", input.committee.to_owned()),
            (
                "title",
                t.tr(if prc { "doc-title-prc" } else { "doc-title-en" }),
            ),
            ("number", number.clone()),
            ("agreed", long_date(t, change.agreed_on)),
        ],
    )));
    let terms = change.terms();
    if supplementary {
        blocks.extend(terms.iter().enumerate().map(|(i, line)| Block::Term {
            number: i + 1,
            text: without_marker(line, i + 1).to_owned(),
        }));
        blocks.push(Block::Paragraph(t.tr("doc-amendment-effect-supplementary")));
    } else {
        blocks.extend(
            terms
                .iter()
                .map(|line| Block::Paragraph((*line).to_owned())),
        );
        blocks.push(Block::Paragraph(t.tr("doc-amendment-effect-rescission")));
    }
    // The agreement's own boxes and closing lines, with no pad strokes,
    // the committee named and the day this change was agreed.
    let signed = AgreementInput {
        signatures: &[],
        signed_on: Some(change.agreed_on),
        committee: Some(input.committee),
        ..AgreementInput::new(case, content)
    };
    blocks.push(Block::EndOfText(t.tr("doc-end-of-text")));
    blocks.push(Block::Signatures(signature_boxes(t, &signed)));
    blocks.push(Block::Closing(closing_lines(t, &signed, prc)));
    AgreementDocument {
        locale: t.locale(),
        signature_page: super::signature_page(t, &title, &number),
        title,
        number,
        blocks,
    }
}

/// A term without the number the user typed before it ("一、", "1.",
/// "（1）", "第一条"), since the document numbers the terms itself. Only
/// the number of the term's own place is taken off, so "3月1日前…" and
/// "1.5万元…" stay whole.
fn without_marker(line: &str, n: usize) -> &str {
    for numeral in [n.to_string(), chinese_numeral(n)] {
        let markers = [
            format!("{numeral}、"),
            format!("{numeral}."),
            format!("{numeral}．"),
            format!("{numeral})"),
            format!("{numeral}）"),
            format!("({numeral})"),
            format!("（{numeral}）"),
            format!("第{numeral}条"),
        ];
        for marker in &markers {
            let Some(rest) = line.strip_prefix(marker.as_str()) else {
                continue;
            };
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                continue; // "1.5万元": a decimal, not a marker
            }
            let rest =
                rest.trim_start_matches(|c: char| c.is_whitespace() || c == '：' || c == ':');
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::tests::{case, content};
    use accord_i18n::Locale;
    use chrono::Utc;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).expect("date")
    }

    fn change(kind: AmendmentKind, number: i32, text: &str) -> Amendment {
        Amendment {
            id: 1,
            number,
            kind,
            text: text.into(),
            agreed_on: date(4, 10),
            recorded_at: Utc::now(),
            recorded_by: "边文玲".into(),
        }
    }

    fn document(locale: Locale, a: &Amendment) -> AgreementDocument {
        let t = Translations::load(locale).expect("locale");
        let (case, content) = (case(), content());
        amendment(
            &t,
            &AmendmentInput {
                case: &case,
                content: &content,
                signed_on: date(2, 15),
                committee: "青山区青山路街道人民调解委员会",
                amendment: a,
            },
        )
    }

    #[test]
    fn a_supplementary_agreement_numbers_its_terms_and_keeps_the_rest_of_the_original() {
        let a = change(
            AmendmentKind::Supplementary,
            2,
            "一、付款期限延至2025年4月30日。\n\n  二、其余条款不变。\n3月1日前支付的款项照常计入。",
        );
        let doc = document(Locale::ZhCn, &a);
        assert_eq!(doc.title, "补充协议（二）");
        let text = doc.plain_text();
        for expected in [
            "补充协议（二）",
            "案号：2025-0001",
            "申请人：李玥，女，1985年9月23日出生",
            "各方当事人于2025年2月15日经青山区青山路街道人民调解委员会调解达成的人民调解协议书（案号2025-0001），经协商一致，于2025年4月10日达成如下补充协议：",
            "1. 付款期限延至2025年4月30日。",
            "2. 其余条款不变。",
            "3. 3月1日前支付的款项照常计入。",
            "本补充协议与原协议具有同等效力",
            "申请人（签名/按指印） 李玥",
            "人民调解员（签名） 边文玲",
            "青山区青山路街道人民调解委员会（盖章）\n2025年4月10日",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        let boxes = doc.blocks.iter().find_map(|b| match b {
            Block::Signatures(boxes) => Some(boxes),
            _ => None,
        });
        let boxes = boxes.expect("signature boxes");
        assert_eq!(boxes.len(), content().signatories(&case()).len());
        assert!(boxes.iter().all(|b| b.strokes.is_empty()));
    }

    #[test]
    fn a_rescission_is_a_record_with_the_reasons_as_paragraphs() {
        let a = change(
            AmendmentKind::Rescission,
            1,
            "被申请人已一次性付清全部赔偿款。\n各方同意解除原协议。",
        );
        let doc = document(Locale::EnUs, &a);
        assert_eq!(doc.title, "Record of Rescission");
        assert!(doc.blocks.iter().all(|b| !matches!(b, Block::Term { .. })));
        let text = doc.plain_text();
        for expected in [
            "Case No. 2025-0001",
            "On February 15, 2025 the parties reached",
            "on April 10, 2025 they rescinded that agreement",
            "被申请人已一次性付清全部赔偿款。\n各方同意解除原协议。\n",
            "Mediator (signature)",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        assert_eq!(
            document(Locale::EnUs, &change(AmendmentKind::Supplementary, 3, "x")).title,
            "Supplementary Agreement No. 3"
        );
    }

    #[test]
    fn only_the_terms_own_number_is_taken_off() {
        assert_eq!(without_marker("一、延期。", 1), "延期。");
        assert_eq!(without_marker("2. Pay later.", 2), "Pay later.");
        assert_eq!(without_marker("（3）延期。", 3), "延期。");
        assert_eq!(without_marker("第十二条：延期。", 12), "延期。");
        assert_eq!(
            without_marker("1.5万元于5月1日前支付。", 1),
            "1.5万元于5月1日前支付。"
        );
        assert_eq!(without_marker("3月1日前付清。", 3), "3月1日前付清。");
        assert_eq!(without_marker("二、延期。", 1), "二、延期。");
        assert_eq!(without_marker("1、", 1), "1、");
    }
}
