//! The draft as typed: [`Form`] and [`ObligationForm`] keep every field as
//! the user wrote it, so nothing is lost while a date or an amount does not
//! parse yet; they are made from a saved [`AgreementContent`], and
//! [`Form::parse`] turns them back into content plus the errors of the
//! fields that do not parse (as Fluent keys with the obligation's number).

use accord_core::{
    Currency, Money,
    agreement::{AgreementContent, Clause, Installment, Jurisdiction, Obligation, ObligationKind},
};
use chrono::NaiveDate;
use iced::widget::text_editor;

use crate::gui::ctx::input_amount;

/// One obligation as typed.
#[derive(Debug, Clone, Default)]
pub(super) struct ObligationForm {
    pub(super) debtor: Option<i64>,
    pub(super) creditor: Option<i64>,
    pub(super) kind: Option<ObligationKind>,
    pub(super) description: String,
    pub(super) amount: String,
    /// The single due date (payment) or the deadline (act).
    pub(super) due: String,
    /// Instalments as (date, amount), when a payment is split.
    pub(super) installments: Vec<(String, String)>,
    pub(super) method: String,
    pub(super) place: String,
    pub(super) account: String,
}

/// The draft as typed: text kept as written so nothing is lost.
#[derive(Debug, Default)]
pub(super) struct Form {
    pub(super) jurisdiction: Option<Jurisdiction>,
    pub(super) facts: text_editor::Content,
    /// 调解情况: what the mediation did.
    pub(super) mediation: text_editor::Content,
    /// A missed instalment makes the whole balance due.
    pub(super) acceleration: bool,
    /// The release waives unknown claims (California Civil Code §1542).
    pub(super) waive_unknown_claims: bool,
    pub(super) clauses: Vec<String>,
    pub(super) obligations: Vec<ObligationForm>,
    pub(super) mediator: String,
    pub(super) recorder: String,
    pub(super) witnesses: String,
}

fn input_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl ObligationForm {
    /// The obligation as the form shows it: a single payment on one date
    /// keeps its date in `due`, a split one lists its instalments.
    fn from(o: &Obligation) -> Self {
        let single = o.installments.len() == 1 && Some(o.installments[0].amount) == o.amount;
        let (due, installments) = match o.kind {
            ObligationKind::Act => (o.due.map(input_date).unwrap_or_default(), Vec::new()),
            ObligationKind::Payment if single => (input_date(o.installments[0].due), Vec::new()),
            ObligationKind::Payment => (
                String::new(),
                o.installments
                    .iter()
                    .map(|i| (input_date(i.due), input_amount(i.amount)))
                    .collect(),
            ),
        };
        Self {
            debtor: Some(o.debtor),
            creditor: o.creditor,
            kind: Some(o.kind),
            description: o.description.clone(),
            amount: o.amount.map(input_amount).unwrap_or_default(),
            due,
            installments,
            method: o.method.clone(),
            place: o.place.clone(),
            account: o.account.clone(),
        }
    }

    /// The obligation, or the Fluent key of what does not parse.
    fn parse(&self) -> Result<Obligation, &'static str> {
        let date = |s: &str| -> Result<Option<NaiveDate>, &'static str> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| "error-date")
        };
        let money = |s: &str| -> Result<Option<Money>, &'static str> {
            if s.trim().is_empty() {
                return Ok(None);
            }
            Money::parse(s, Currency::Cny)
                .map(Some)
                .map_err(|_| "error-amount")
        };
        let kind = self.kind.unwrap_or(ObligationKind::Payment);
        let amount = money(&self.amount)?;
        let due = date(&self.due)?;
        let installments = match kind {
            ObligationKind::Act => Vec::new(),
            ObligationKind::Payment if self.installments.is_empty() => match (due, amount) {
                (Some(due), Some(amount)) => vec![Installment { due, amount }],
                _ => Vec::new(),
            },
            ObligationKind::Payment => self
                .installments
                .iter()
                .filter(|(d, a)| !d.trim().is_empty() || !a.trim().is_empty())
                .map(|(d, a)| {
                    Ok::<_, &'static str>(Installment {
                        due: date(d)?.ok_or("error-date")?,
                        amount: money(a)?.ok_or("error-amount")?,
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(Obligation {
            debtor: self.debtor.unwrap_or_default(),
            creditor: self.creditor,
            kind,
            description: self.description.trim().to_owned(),
            amount: if kind == ObligationKind::Payment {
                amount
            } else {
                None
            },
            installments,
            due: if kind == ObligationKind::Act {
                due
            } else {
                None
            },
            method: self.method.trim().to_owned(),
            place: self.place.trim().to_owned(),
            account: self.account.trim().to_owned(),
        })
    }
}

impl Form {
    /// The form showing saved (or prefilled) content.
    pub(super) fn from(content: &AgreementContent) -> Self {
        Self {
            jurisdiction: Some(content.jurisdiction),
            facts: text_editor::Content::with_text(&content.facts),
            mediation: text_editor::Content::with_text(&content.mediation),
            waive_unknown_claims: content.waive_unknown_claims,
            acceleration: content.acceleration,
            clauses: content.clauses.iter().map(|c| c.text.clone()).collect(),
            obligations: content
                .obligations
                .iter()
                .map(ObligationForm::from)
                .collect(),
            mediator: content.mediator.clone(),
            recorder: content.recorder.clone(),
            // Written as the agreement's language writes a list.
            witnesses: content.witnesses.join(match content.jurisdiction {
                Jurisdiction::GenericEnglish => ", ",
                _ => "、",
            }),
        }
    }

    /// The content as typed, and the Fluent key and number of each
    /// obligation that does not parse (left out of the content).
    pub(super) fn parse(&self) -> (AgreementContent, Vec<(&'static str, usize)>) {
        let mut errors = Vec::new();
        let obligations = self
            .obligations
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match o.parse() {
                Ok(o) => Some(o),
                Err(key) => {
                    errors.push((key, i + 1));
                    None
                }
            })
            .collect();
        let content = AgreementContent {
            jurisdiction: self
                .jurisdiction
                .unwrap_or(Jurisdiction::PrcPeoplesMediation),
            waive_unknown_claims: self.waive_unknown_claims,
            acceleration: self.acceleration,
            mediation: self.mediation.text().trim().to_owned(),
            facts: self.facts.text().trim().to_owned(),
            clauses: self
                .clauses
                .iter()
                .map(|c| Clause {
                    text: c.trim().to_owned(),
                })
                .filter(|c| !c.text.is_empty())
                .collect(),
            obligations,
            mediator: self.mediator.trim().to_owned(),
            recorder: self.recorder.trim().to_owned(),
            witnesses: self
                .witnesses
                .split(['、', ',', '，', ';', '；'])
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
        };
        (content, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cny(yuan: i64, fen: i64) -> Money {
        Money::new(yuan * 100 + fen, Currency::Cny)
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    /// A payment as typed, with spaces around the words.
    fn payment(amount: &str, due: &str) -> ObligationForm {
        ObligationForm {
            debtor: Some(1),
            creditor: Some(2),
            kind: Some(ObligationKind::Payment),
            description: " 赔偿房屋及家具损失 ".into(),
            amount: amount.into(),
            due: due.into(),
            installments: Vec::new(),
            method: " 银行转账 ".into(),
            place: String::new(),
            account: String::new(),
        }
    }

    fn with(obligations: Vec<ObligationForm>) -> Form {
        Form {
            obligations,
            ..Form::default()
        }
    }

    fn split(rows: &[(&str, &str)]) -> ObligationForm {
        ObligationForm {
            installments: rows
                .iter()
                .map(|(d, a)| ((*d).to_owned(), (*a).to_owned()))
                .collect(),
            ..payment("7200", "")
        }
    }

    #[test]
    fn a_single_payment_is_one_instalment_on_its_date() {
        let o = payment("8000", "2025-03-01").parse().expect("parses");
        assert_eq!(o.amount, Some(Money::major(8_000, Currency::Cny)));
        assert_eq!(
            o.installments,
            vec![Installment {
                due: day("2025-03-01"),
                amount: Money::major(8_000, Currency::Cny)
            }]
        );
        assert_eq!(o.due, None, "a payment's date is its instalment's");
        assert_eq!((o.debtor, o.creditor), (1, Some(2)));
        assert_eq!(o.description, "赔偿房屋及家具损失");
        assert_eq!(o.method, "银行转账");

        let cents = payment("3500.50", " 2025-03-01 ").parse().expect("parses");
        assert_eq!(cents.amount, Some(cny(3500, 50)));
        assert_eq!(cents.installments[0].amount, cny(3500, 50));
        let written = payment("¥10,050.3", "2025-03-01").parse().expect("parses");
        assert_eq!(written.amount, Some(cny(10050, 30)));
    }

    #[test]
    fn a_payment_without_its_date_or_amount_has_no_instalment_yet() {
        let undated = payment("8000", "").parse().expect("parses");
        assert_eq!(undated.amount, Some(cny(8000, 0)));
        assert!(undated.installments.is_empty());
        let unpriced = payment("", "2025-03-01").parse().expect("parses");
        assert_eq!(unpriced.amount, None);
        assert!(unpriced.installments.is_empty());
    }

    #[test]
    fn split_payments_list_their_instalments_and_skip_blank_rows() {
        let o = split(&[
            ("2025-03-01", "3600"),
            ("  ", ""),
            (" 2025-04-01 ", "3600.00"),
        ])
        .parse()
        .expect("parses");
        assert_eq!(o.amount, Some(cny(7200, 0)));
        assert_eq!(
            o.installments,
            vec![
                Installment {
                    due: day("2025-03-01"),
                    amount: cny(3600, 0)
                },
                Installment {
                    due: day("2025-04-01"),
                    amount: cny(3600, 0)
                },
            ]
        );
    }

    #[test]
    fn an_instalment_needs_a_date_and_an_amount() {
        assert_eq!(split(&[("2025-03-01", "")]).parse(), Err("error-amount"));
        assert_eq!(split(&[("", "3600")]).parse(), Err("error-date"));
        assert_eq!(split(&[("01/03/2025", "3600")]).parse(), Err("error-date"));
        assert_eq!(
            split(&[("2025-03-01", "三千六")]).parse(),
            Err("error-amount")
        );
    }

    #[test]
    fn an_act_keeps_its_deadline_and_no_amount() {
        let act = ObligationForm {
            kind: Some(ObligationKind::Act),
            creditor: None,
            ..payment("500", "2025-05-01")
        };
        let o = act.parse().expect("parses");
        assert_eq!(o.kind, ObligationKind::Act);
        assert_eq!(o.due, Some(day("2025-05-01")));
        assert_eq!(o.amount, None);
        assert!(o.installments.is_empty());
        assert_eq!(o.creditor, None);
    }

    #[test]
    fn bad_input_names_the_obligation_and_keeps_the_text() {
        let form = with(vec![
            payment("7200", "2025-03-01"),
            payment("7200", "2025-02-30"),
            payment("七千二", "2025-03-01"),
        ]);
        let (content, errors) = form.parse();
        assert_eq!(errors, vec![("error-date", 2), ("error-amount", 3)]);
        assert_eq!(content.obligations.len(), 1, "the good one is kept");
        assert_eq!(content.obligations[0].amount, Some(cny(7200, 0)));
        // Nothing typed is lost: the text stays for correcting.
        assert_eq!(form.obligations[1].due, "2025-02-30");
        assert_eq!(form.obligations[2].amount, "七千二");
        assert_eq!(form.parse().1, errors);
    }

    #[test]
    fn witnesses_split_on_any_list_mark() {
        let form = Form {
            witnesses: " 张勇、李四,王五，赵六; 钱七；孙八 、 ".into(),
            ..Form::default()
        };
        assert_eq!(
            form.parse().0.witnesses,
            ["张勇", "李四", "王五", "赵六", "钱七", "孙八"]
        );
        assert!(Form::default().parse().0.witnesses.is_empty());
    }

    #[test]
    fn the_text_is_trimmed_and_empty_clauses_dropped() {
        let form = Form {
            clauses: vec![" 双方今后和睦相处。 ".into(), "   ".into(), String::new()],
            mediator: " 李瑞芳 ".into(),
            recorder: "陈晓红 ".into(),
            ..Form::default()
        };
        let (content, errors) = form.parse();
        assert!(errors.is_empty());
        assert_eq!(
            content.jurisdiction,
            Jurisdiction::PrcPeoplesMediation,
            "the default when none is picked"
        );
        assert_eq!(
            content.clauses,
            vec![Clause {
                text: "双方今后和睦相处。".into()
            }]
        );
        assert_eq!(
            (content.mediator.as_str(), content.recorder.as_str()),
            ("李瑞芳", "陈晓红")
        );
    }

    #[test]
    fn saved_content_comes_back_unchanged() {
        let single = Installment {
            due: day("2025-03-01"),
            amount: cny(8000, 0),
        };
        let content = AgreementContent {
            jurisdiction: Jurisdiction::GenericEnglish,
            waive_unknown_claims: false,
            acceleration: false,
            mediation: String::new(),
            facts: "The pipe leaked.\nThe ceiling was damaged.".into(),
            clauses: vec![Clause {
                text: "No further claims.".into(),
            }],
            obligations: vec![
                Obligation {
                    debtor: 1,
                    creditor: Some(2),
                    kind: ObligationKind::Payment,
                    description: "Damages".into(),
                    amount: Some(cny(8000, 0)),
                    installments: vec![single],
                    due: None,
                    method: "Bank transfer".into(),
                    place: String::new(),
                    account: String::new(),
                },
                Obligation {
                    debtor: 1,
                    creditor: Some(3),
                    kind: ObligationKind::Payment,
                    description: "Repairs".into(),
                    amount: Some(cny(7200, 50)),
                    installments: vec![
                        Installment {
                            due: day("2025-03-01"),
                            amount: cny(3600, 50),
                        },
                        Installment {
                            due: day("2025-04-01"),
                            amount: cny(3600, 0),
                        },
                    ],
                    due: None,
                    method: String::new(),
                    place: String::new(),
                    account: String::new(),
                },
                Obligation {
                    debtor: 2,
                    creditor: None,
                    kind: ObligationKind::Act,
                    description: "Repair the pipe".into(),
                    amount: None,
                    installments: Vec::new(),
                    due: Some(day("2025-05-01")),
                    method: String::new(),
                    place: String::new(),
                    account: String::new(),
                },
            ],
            mediator: "Li".into(),
            recorder: "Chen".into(),
            witnesses: vec!["Zhang".into(), "Wang".into()],
        };
        let form = Form::from(&content);
        assert_eq!(form.obligations[0].due, "2025-03-01", "one date, no rows");
        assert!(form.obligations[0].installments.is_empty());
        assert_eq!(form.obligations[1].installments.len(), 2);
        assert_eq!(form.witnesses, "Zhang, Wang", "an English list in English");
        assert_eq!(form.parse(), (content, Vec::new()));
    }
}
