//! The settlement agreement as a document: the words and their order
//! (this module, from the locale templates), independent of how they are
//! laid out on paper.

pub mod pdf;
pub mod seal;

use accord_core::{
    Case, Choice, Money, Party, PartyKind, ResidentId,
    agreement::{
        AgreementContent, Jurisdiction, Obligation, ObligationKind, SignMethod, Signatory,
        SignatoryRole, Signature, fixed_clauses,
    },
    words,
};
use accord_i18n::{Arg, Locale, Translations};
use chrono::NaiveDate;

/// One block of the printed agreement, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document title, centred.
    Title(String),
    /// A line under the title (the document number), right-aligned.
    Reference(String),
    /// A section heading.
    Heading(String),
    /// A paragraph of running text.
    Paragraph(String),
    /// A party: "申请人：" in bold, the name line, then one line per detail.
    Party {
        role: String,
        summary: String,
        details: Vec<String>,
    },
    /// A numbered term of the agreement.
    Term { number: usize, text: String },
    /// The signature blocks, side by side where space allows.
    Signatures(Vec<SignatureBox>),
    /// Lines set flush right under the signatures (committee seal, date).
    Closing(Vec<String>),
    /// A boxed notice with a bold lead ("司法确认告知：...").
    Notice { lead: String, text: String },
    /// A list item with its own marker ("一、", "1.") set flush left.
    Item { marker: String, text: String },
}

/// One place to sign.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureBox {
    /// "申请人（签名/按指印）" or "Applicant (signature)".
    pub label: String,
    /// The printed name under the line.
    pub name: String,
    /// Whether a fingerprint box is printed beside the signature.
    pub fingerprint: bool,
    /// The words printed inside the fingerprint box.
    pub fingerprint_label: String,
    /// The handwritten signature from the signature pad: strokes of points
    /// in a unit box (x right, y down). Empty when signed on paper.
    pub strokes: Vec<Vec<(f32, f32)>>,
}

/// The whole agreement as blocks, plus what the page header and footer
/// need.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementDocument {
    pub locale: Locale,
    pub title: String,
    /// The document number printed in the header (the case number).
    pub number: String,
    pub blocks: Vec<Block>,
}

fn tr(t: &Translations, key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<Arg<'_>> = args.iter().map(|(k, v)| (*k, v.as_str().into())).collect();
    t.tr_args(key, &args)
}

/// A date as the document's language writes it.
pub fn long_date(t: &Translations, date: NaiveDate) -> String {
    date.format(&t.tr("doc-format-date")).to_string()
}

/// An amount in words and figures, as legal documents write it.
pub fn amount(t: &Translations, money: Money) -> String {
    let in_words = match t.locale() {
        Locale::ZhCn => words::zh_capital(money),
        Locale::EnUs => words::en_words(money),
    };
    tr(
        t,
        "doc-amount",
        &[("words", in_words), ("figures", money.figures())],
    )
}

/// A party's details as the agreement prints them: the role and name with
/// sex and date of birth on the first line, then ID number, address,
/// phone and agent each on a line of its own.
fn party_block(t: &Translations, party: &Party) -> Block {
    let mut summary = vec![party.name.clone()];
    if party.kind == PartyKind::Person
        && let Some(id) = party
            .id_number
            .as_deref()
            .and_then(|id| ResidentId::parse(id).ok())
    {
        summary.push(match id.sex() {
            accord_core::Sex::Male => t.tr("doc-sex-male"),
            accord_core::Sex::Female => t.tr("doc-sex-female"),
        });
        summary.push(tr(
            t,
            "doc-born",
            &[("date", long_date(t, id.birth_date()))],
        ));
    }
    let mut details = Vec::new();
    if let Some(id) = &party.id_number {
        let key = if party.kind == PartyKind::Person {
            "doc-id-number"
        } else {
            "doc-credit-code"
        };
        details.push(tr(t, key, &[("id", id.clone())]));
    }
    if let Some(address) = &party.address {
        details.push(tr(t, "doc-address", &[("address", address.clone())]));
    }
    if let Some(phone) = &party.phone {
        details.push(tr(t, "doc-phone", &[("phone", phone.clone())]));
    }
    if let Some(agent) = &party.agent {
        details.push(tr(t, "doc-agent", &[("name", agent.name.clone())]));
    }
    Block::Party {
        role: tr(
            t,
            "doc-party-role",
            &[("role", t.tr(party.role.label_key()))],
        ),
        summary: summary.join(&t.tr("doc-separator")),
        details,
    }
}

fn name_of(case: &Case, id: Option<i64>) -> String {
    id.and_then(|id| case.parties.iter().find(|p| p.id == id))
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

/// An obligation in words: who, to whom, what, how much, by when, how.
fn obligation_text(t: &Translations, case: &Case, o: &Obligation) -> String {
    let debtor = name_of(case, Some(o.debtor));
    let creditor = name_of(case, o.creditor);
    // "，支付方式：银行转账" / ", by bank transfer", or nothing at all.
    let method = match o.method.trim() {
        "" => String::new(),
        m => tr(t, "doc-method", &[("method", m.to_owned())]),
    };
    match o.kind {
        ObligationKind::Act => tr(
            t,
            "doc-obligation-act",
            &[
                ("debtor", debtor),
                ("what", o.description.clone()),
                ("due", o.due.map(|d| long_date(t, d)).unwrap_or_default()),
            ],
        ),
        ObligationKind::Payment if o.installments.len() <= 1 => {
            let due = o.deadline().map(|d| long_date(t, d)).unwrap_or_default();
            let total = o.amount.map(|m| amount(t, m)).unwrap_or_default();
            tr(
                t,
                "doc-obligation-payment",
                &[
                    ("debtor", debtor),
                    ("creditor", creditor),
                    ("what", o.description.clone()),
                    ("amount", total),
                    ("due", due),
                    ("how", method.clone()),
                ],
            )
        }
        ObligationKind::Payment => {
            let parts: Vec<String> = o
                .installments
                .iter()
                .enumerate()
                .map(|(i, inst)| {
                    tr(
                        t,
                        "doc-installment",
                        &[
                            ("n", (i + 1).to_string()),
                            ("due", long_date(t, inst.due)),
                            ("amount", amount(t, inst.amount)),
                        ],
                    )
                })
                .collect();
            tr(
                t,
                "doc-obligation-installments",
                &[
                    ("debtor", debtor),
                    ("creditor", creditor),
                    ("what", o.description.clone()),
                    ("amount", o.amount.map(|m| amount(t, m)).unwrap_or_default()),
                    ("count", o.installments.len().to_string()),
                    ("installments", parts.join(&t.tr("doc-list-separator"))),
                    ("how", method.clone()),
                ],
            )
        }
    }
}

/// The words above a signature line ("申请人（签名/按指印）").
pub fn signature_label(t: &Translations, s: &Signatory) -> String {
    match (s.role, s.party) {
        (SignatoryRole::Party, Some(role)) => {
            tr(t, "doc-sign-party", &[("role", t.tr(role.label_key()))])
        }
        (SignatoryRole::Mediator, _) => t.tr("doc-sign-mediator"),
        (SignatoryRole::Recorder, _) => t.tr("doc-sign-recorder"),
        _ => t.tr("doc-sign-witness"),
    }
}

/// "一" … "九十九" in Chinese, the number itself otherwise.
fn ordinal(t: &Translations, n: usize) -> String {
    if t.locale() != Locale::ZhCn || n == 0 || n > 99 {
        return n.to_string();
    }
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = (n / 10, n % 10);
    match tens {
        0 => DIGITS[ones].to_owned(),
        1 => format!("十{}", DIGITS[ones]),
        _ => format!("{}十{}", DIGITS[tens], DIGITS[ones]),
    }
}

/// Builds the agreement's blocks in the translations' language.
pub fn agreement(t: &Translations, case: &Case, content: &AgreementContent) -> AgreementDocument {
    let prc = content.jurisdiction == Jurisdiction::PrcPeoplesMediation;
    let title = t.tr(if prc { "doc-title-prc" } else { "doc-title-en" });
    let number = case.number.to_string();
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Reference(tr(t, "doc-number", &[("number", number.clone())])),
        Block::Heading(t.tr("doc-parties")),
    ];
    blocks.extend(case.parties.iter().map(|p| party_block(t, p)));
    blocks.push(Block::Heading(t.tr("doc-facts")));
    blocks.push(Block::Paragraph(content.facts.trim().to_owned()));
    if !case.issues.is_empty() {
        blocks.push(Block::Heading(t.tr("doc-disputes")));
        let last = case.issues.len();
        for (i, issue) in case.issues.iter().enumerate() {
            let end = if i + 1 == last {
                "doc-item-end-last"
            } else {
                "doc-item-end"
            };
            blocks.push(Block::Item {
                marker: tr(t, "doc-item-marker", &[("n", ordinal(t, i + 1))]),
                text: format!("{}{}", issue.title.trim(), t.tr(end)),
            });
        }
    }
    blocks.push(Block::Heading(t.tr("doc-terms")));
    let mut number_term = 0;
    let mut term = |text: String, blocks: &mut Vec<Block>| {
        number_term += 1;
        blocks.push(Block::Term {
            number: number_term,
            text,
        });
    };
    for clause in content.clauses.iter().filter(|c| !c.text.trim().is_empty()) {
        term(clause.text.trim().to_owned(), &mut blocks);
    }
    for o in &content.obligations {
        term(obligation_text(t, case, o), &mut blocks);
    }
    let copies = AgreementContent::copies(case).to_string();
    for key in fixed_clauses(content.jurisdiction) {
        term(tr(t, key, &[("copies", copies.clone())]), &mut blocks);
    }
    if prc {
        // People's Mediation Law art. 33, set apart so no party misses it.
        blocks.push(Block::Notice {
            lead: t.tr("doc-judicial-notice-lead"),
            text: t.tr("doc-judicial-notice"),
        });
    }
    let signatures = content
        .signatories(case)
        .into_iter()
        .map(|s| SignatureBox {
            label: signature_label(t, &s),
            name: s.name,
            fingerprint: s.fingerprint,
            fingerprint_label: if s.fingerprint {
                t.tr("doc-fingerprint")
            } else {
                String::new()
            },
            strokes: Vec::new(),
        })
        .collect();
    blocks.push(Block::Signatures(signatures));

    let mut closing = Vec::new();
    if prc {
        closing.push(t.tr("doc-committee-seal"));
    }
    closing.push(t.tr("doc-date-line"));
    blocks.push(Block::Closing(closing));
    AgreementDocument {
        locale: t.locale(),
        title,
        number,
        blocks,
    }
}

impl AgreementDocument {
    /// Draws the stored pad signatures into their boxes (by slot); a
    /// signature "on paper" leaves its box empty for ink.
    pub fn apply_signatures(&mut self, signatures: &[Signature]) {
        for block in &mut self.blocks {
            if let Block::Signatures(boxes) = block {
                for s in signatures {
                    if let Some(b) = boxes.get_mut(s.slot)
                        && s.method == SignMethod::Pad
                    {
                        b.strokes = s.strokes.clone();
                    }
                }
            }
        }
    }

    /// Names the committee whose seal the agreement carries
    /// ("青山区青山路街道人民调解委员会（盖章）").
    pub fn committee(&mut self, t: &Translations, name: &str) {
        let generic = t.tr("doc-committee-seal");
        let named = tr(t, "doc-committee-seal-named", &[("name", name.to_owned())]);
        for block in &mut self.blocks {
            if let Block::Closing(lines) = block {
                for line in lines.iter_mut().filter(|l| **l == generic) {
                    *line = named.clone();
                }
            }
        }
    }

    /// Prints the date the agreement was signed in the date line.
    pub fn date(&mut self, t: &Translations, date: NaiveDate) {
        let line = tr(t, "doc-date-signed", &[("date", long_date(t, date))]);
        for block in &mut self.blocks {
            if let Block::Closing(lines) = block
                && let Some(last) = lines.last_mut()
            {
                *last = line.clone();
            }
        }
    }

    /// Puts signature-pad strokes on the box whose printed name is `name`.
    pub fn sign(&mut self, name: &str, strokes: Vec<Vec<(f32, f32)>>) -> bool {
        for block in &mut self.blocks {
            if let Block::Signatures(boxes) = block
                && let Some(b) = boxes.iter_mut().find(|b| b.name == name)
            {
                b.strokes = strokes;
                return true;
            }
        }
        false
    }

    /// All the text, in reading order (for tests and plain-text export).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(s) | Block::Reference(s) | Block::Heading(s) | Block::Paragraph(s) => {
                    out.push_str(s);
                }
                Block::Term { number, text } => out.push_str(&format!("{number}. {text}")),
                Block::Signatures(boxes) => {
                    for b in boxes {
                        out.push_str(&format!("{} {}\n", b.label, b.name));
                    }
                }
                Block::Closing(lines) => out.push_str(&lines.join("\n")),
                Block::Notice { lead, text } => out.push_str(&format!("{lead}{text}")),
                Block::Item { marker, text } => out.push_str(&format!("{marker}{text}")),
                Block::Party {
                    role,
                    summary,
                    details,
                } => {
                    out.push_str(&format!("{role}{summary}\n{}", details.join("\n")));
                }
            }
            out.push('\n');
        }
        out
    }
}

/// One line of the difference between two versions of an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffLine {
    Same(String),
    Removed(String),
    Added(String),
}

/// The difference between two versions' printed text, line by line, as a
/// legal advisor reads it when a draft comes back for approval.
pub fn diff(
    t: &Translations,
    case: &Case,
    old: &AgreementContent,
    new: &AgreementContent,
) -> Vec<DiffLine> {
    let old = agreement(t, case, old).plain_text();
    let new = agreement(t, case, new).plain_text();
    similar::TextDiff::from_lines(&old, &new)
        .iter_all_changes()
        .map(|change| {
            let line = change.value().trim_end_matches('\n').to_owned();
            match change.tag() {
                similar::ChangeTag::Equal => DiffLine::Same(line),
                similar::ChangeTag::Delete => DiffLine::Removed(line),
                similar::ChangeTag::Insert => DiffLine::Added(line),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let doc = agreement(&t, &case(), &content());
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
            "三十日内共同向人民法院申请司法确认",
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
        let doc = agreement(&t, &c, &content());
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
        let mut dated = doc.clone();
        dated.date(&t, date(3, 2));
        assert!(dated.plain_text().contains("2025年3月2日"));
    }

    #[test]
    fn the_english_agreement_reads_in_english() {
        let t = Translations::load(Locale::EnUs).expect("locale");
        let mut c = content();
        c.jurisdiction = Jurisdiction::GenericEnglish;
        let text = agreement(&t, &case(), &c).plain_text();
        for expected in [
            "Mediated Settlement Agreement",
            "Applicant: 李玥, female, born 23 September 1985\nResident ID number: 150204198509230024",
            "王建国 shall 修复六楼直饮水管道 no later than 20 February 2025.",
            "Eight thousand yuan only (¥8,000.00)",
            "Three thousand five hundred yuan and fifty fen (¥3,500.50)",
            "binding and enforceable",
            "signed in 4 originals",
            "Mediator (signature) 边文玲",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        assert!(
            !text.contains("People's Mediation Committee"),
            "no PRC seal line in the generic profile"
        );
    }
}
