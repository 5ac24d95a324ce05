//! The agreement's words in both languages, and the one pass against
//! the build-then-patch sequence it replaced.

use super::*;
use crate::{DiffLine, diff};
use accord_core::{
    Currency,
    agreement::{Clause, Installment},
    demo,
};

pub(crate) fn case() -> Case {
    demo::water_leak_stored_case()
}

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).expect("date")
}

pub(crate) fn content() -> AgreementContent {
    AgreementContent {
        jurisdiction: Jurisdiction::PrcPeoplesMediation,
        waive_unknown_claims: false,
        acceleration: false,
        mediation: String::new(),
        facts: "2025年2月，王建国家中直饮水管道多次漏水，致楼下李玥、赵喆两户房屋受损。".into(),
        clauses: vec![Clause {
            text: "双方互谅互让，今后和睦相处。".into(),
        }],
        obligations: vec![
            Obligation {
                debtor: 3,
                creditor: None,
                kind: ObligationKind::Act,
                description: "修复六楼直饮水管道".into(),
                amount: None,
                installments: Vec::new(),
                due: Some(date(2, 20)),
                method: String::new(),
                place: String::new(),
                account: String::new(),
            },
            Obligation {
                debtor: 3,
                creditor: Some(1),
                kind: ObligationKind::Payment,
                description: "房屋及家具损失赔偿款".into(),
                amount: Some(Money::major(8_000, Currency::Cny)),
                installments: vec![
                    Installment {
                        due: date(3, 1),
                        amount: Money::major(5_000, Currency::Cny),
                    },
                    Installment {
                        due: date(3, 31),
                        amount: Money::major(3_000, Currency::Cny),
                    },
                ],
                due: None,
                method: "银行转账".into(),
                place: String::new(),
                account: String::new(),
            },
            Obligation {
                debtor: 3,
                creditor: Some(2),
                kind: ObligationKind::Payment,
                description: "顶棚修复费用".into(),
                amount: Some(Money::new(350_050, Currency::Cny)),
                installments: vec![Installment {
                    due: date(3, 1),
                    amount: Money::new(350_050, Currency::Cny),
                }],
                due: None,
                method: "现金".into(),
                place: String::new(),
                account: String::new(),
            },
        ],
        mediator: "边文玲".into(),
        recorder: "李瑞芳".into(),
        witnesses: vec!["张勇".into()],
    }
}

#[test]
fn the_chinese_agreement_names_everyone_every_amount_and_every_deadline() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let doc = agreement(&t, &AgreementInput::new(&case(), &content()));
    let text = doc.plain_text();
    for expected in [
        "人民调解协议书",
        "编号：2025-0001",
        "申请人：李玥，女，1985年9月23日出生\n身份证号码：150204198509230024",
        "被申请人：王建国，男，1968年5月12日出生\n身份证号码：150204196805120031",
        "王建国应于2025年2月20日前修复六楼直饮水管道。",
        "共计人民币捌仟元整（¥8,000.00），分2期支付：第1期于2025年3月1日前支付人民币伍仟元整（¥5,000.00）；第2期于2025年3月31日前支付人民币叁仟元整（¥3,000.00）",
        "向赵喆支付顶棚修复费用人民币叁仟伍佰元伍角（¥3,500.50）",
        "本协议一式4份",
        "三十日内共同向本调解委员会所在地的基层人民法院申请司法确认",
        "申请人（签名/按指印） 李玥",
        "人民调解员（签名） 边文玲",
        "记录人（签名） 李瑞芳",
        "人民调解委员会（盖章）",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn the_difference_between_two_versions_shows_only_what_changed() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let old = content();
    let mut new = content();
    new.obligations[2].method = "银行转账".into();
    new.witnesses.push("李枭".into());
    let changes: Vec<DiffLine> = diff(&t, &case(), &old, &new)
        .into_iter()
        .filter(|l| !matches!(l, DiffLine::Same(_)))
        .collect();
    assert!(
        changes
            .iter()
            .any(|l| matches!(l, DiffLine::Removed(s) if s.contains("支付方式：现金")))
    );
    assert!(
        changes
            .iter()
            .any(|l| matches!(l, DiffLine::Added(s) if s.contains("支付方式：银行转账")))
    );
    assert!(
        changes
            .iter()
            .any(|l| matches!(l, DiffLine::Added(s) if s.contains("李枭")))
    );
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert!(
        diff(&t, &case(), &old, &old)
            .iter()
            .all(|l| matches!(l, DiffLine::Same(_)))
    );
}

#[test]
fn disputed_matters_are_listed_and_the_court_notice_is_set_apart() {
    let t = Translations::load(Locale::ZhCn).expect("locale");
    let mut c = case();
    c.issues = ["维修六楼直饮水管道", "赔偿李玥房屋损失"]
        .iter()
        .zip(1..)
        .map(|(title, id)| accord_core::DisputedIssue {
            id,
            title: (*title).into(),
            claimed: None,
        })
        .collect();
    let content = content();
    let doc = agreement(&t, &AgreementInput::new(&c, &content));
    let text = doc.plain_text();
    assert!(
        text.contains("争议事项\n一、维修六楼直饮水管道；\n二、赔偿李玥房屋损失。"),
        "{text}"
    );
    assert!(doc.blocks.iter().any(|b| matches!(
        b,
        Block::Notice { lead, text } if lead == "司法确认告知：" && text.contains("第三十三条")
    )));
    assert!(
        !doc.blocks
            .iter()
            .any(|b| matches!(b, Block::Term { text, .. } if text.contains("司法确认"))),
        "the notice is not one of the numbered terms"
    );
    assert_eq!(ordinal(&t, 12), "十二");
    assert_eq!(ordinal(&t, 40), "四十");
    let dated = agreement(
        &t,
        &AgreementInput {
            signed_on: Some(date(3, 2)),
            ..AgreementInput::new(&c, &content)
        },
    );
    assert!(dated.plain_text().contains("2025年3月2日"));
}

#[test]
fn the_english_agreement_reads_in_english() {
    let t = Translations::load(Locale::EnUs).expect("locale");
    let mut c = content();
    c.jurisdiction = Jurisdiction::GenericEnglish;
    let text = agreement(&t, &AgreementInput::new(&case(), &c)).plain_text();
    for expected in [
        "Mediated Settlement Agreement",
        // Named without sex, birth date or ID number.
        "Applicant: 李玥\nAddress: ",
        "王建国 shall 修复六楼直饮水管道 no later than February 20, 2025.",
        "Eight thousand yuan only (¥8,000.00)",
        "Three thousand five hundred yuan and fifty fen (¥3,500.50)",
        "BINDING AND ENFORCEABLE AND IS NOT SUBJECT TO REVOCATION",
        "signed in 4 originals",
        "Mediator (signature) 边文玲",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(
        !text.contains("People's Mediation Committee"),
        "no PRC seal line in the generic profile"
    );
    assert!(!text.contains("Resident ID") && !text.contains("female"));
}

/// The sequence the app used before the agreement was built in one
/// pass, kept verbatim as the reference the one pass must match: build
/// the draft, then draw the pad signatures by slot, overwrite the last
/// closing line with the date, and replace the generic committee line
/// with the named one.
fn build_and_patch(t: &Translations, input: &AgreementInput<'_>) -> AgreementDocument {
    let mut doc = agreement(t, &AgreementInput::new(input.case, input.content));
    for block in &mut doc.blocks {
        if let Block::Signatures(boxes) = block {
            for s in input.signatures {
                if let Some(b) = boxes.get_mut(s.slot)
                    && s.method == SignMethod::Pad
                {
                    b.strokes = s.strokes.clone();
                }
            }
        }
    }
    if let Some(date) = input.signed_on {
        let line = tr(t, "doc-date-signed", &[("date", long_date(t, date))]);
        for block in &mut doc.blocks {
            if let Block::Closing(lines) = block
                && let Some(last) = lines.last_mut()
            {
                *last = line.clone();
            }
        }
    }
    if let Some(name) = input.committee {
        let generic = t.tr("doc-committee-seal");
        let named = tr(t, "doc-committee-seal-named", &[("name", name.to_owned())]);
        for block in &mut doc.blocks {
            if let Block::Closing(lines) = block {
                for line in lines.iter_mut().filter(|l| **l == generic) {
                    *line = named.clone();
                }
            }
        }
    }
    doc
}

/// Each page's content stream, for comparing two renderings.
fn page_contents(pdf: &[u8]) -> Vec<Vec<u8>> {
    let doc = lopdf::Document::load_mem(pdf).expect("pdf");
    doc.get_pages()
        .values()
        .map(|id| doc.get_page_content(*id))
        .collect()
}

#[test]
fn the_signed_agreement_is_what_building_and_patching_made() {
    let case = case();
    let committee = "青山区青山路街道人民调解委员会";
    for (locale, jurisdiction) in [
        (Locale::ZhCn, Jurisdiction::PrcPeoplesMediation),
        (Locale::EnUs, Jurisdiction::GenericEnglish),
        (Locale::EnUs, Jurisdiction::PrcPeoplesMediation),
        (Locale::ZhCn, Jurisdiction::GenericEnglish),
    ] {
        let t = Translations::load(locale).expect("locale");
        let content = AgreementContent {
            jurisdiction,
            ..demo::water_leak_agreement(&case)
        };
        let slots = content.signatories(&case).len();
        // Everyone on the pad but the second signatory (on paper); the
        // first signed twice, the third again on paper, and one
        // signature for a slot the agreement does not have.
        let mut signatures: Vec<Signature> = (0..slots)
            .map(|slot| Signature {
                slot,
                name: String::new(),
                method: if slot == 1 {
                    SignMethod::Paper
                } else {
                    SignMethod::Pad
                },
                strokes: vec![vec![(slot as f32 / 10.0, 0.5), (0.9, 0.1)]],
                signed_at: chrono::Utc::now(),
            })
            .collect();
        signatures.push(Signature {
            strokes: vec![vec![(0.1, 0.1), (0.2, 0.2)]],
            ..signatures[0].clone()
        });
        signatures.push(Signature {
            method: SignMethod::Paper,
            ..signatures[2].clone()
        });
        signatures.push(Signature {
            slot: slots + 3,
            ..signatures[0].clone()
        });
        for (signatures, signed_on, committee) in [
            (&[][..], None, None),
            (&signatures[..], None, None),
            (&signatures[..], Some(date(2, 12)), None),
            (&signatures[..], None, Some(committee)),
            (&[][..], Some(date(2, 12)), Some("Qingshan")),
            (&signatures[..], Some(date(2, 12)), Some(committee)),
        ] {
            let input = AgreementInput {
                signatures,
                signed_on,
                committee,
                ..AgreementInput::new(&case, &content)
            };
            let (one_pass, patched) = (agreement(&t, &input), build_and_patch(&t, &input));
            assert_eq!(one_pass, patched);
            assert_eq!(one_pass.plain_text(), patched.plain_text());
        }
        // The full case printed: page for page the same drawing.
        let input = AgreementInput {
            signatures: &signatures,
            signed_on: Some(date(2, 12)),
            committee: Some(committee),
            ..AgreementInput::new(&case, &content)
        };
        let options = crate::pdf::PrintOptions {
            footer_pattern: t.tr("doc-footer"),
            qr: Some((
                "ACCORD|2025-0001|1|sha256:00".into(),
                t.tr("doc-qr-caption"),
            )),
            ..Default::default()
        };
        let render = |doc: &AgreementDocument| {
            page_contents(&crate::pdf::render(doc, &options).expect("render"))
        };
        assert_eq!(
            render(&agreement(&t, &input)),
            render(&build_and_patch(&t, &input))
        );
    }
}
