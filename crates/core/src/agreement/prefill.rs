//! The first draft of an agreement, taken from the case and what was
//! offered in the mediation room.

use super::{AgreementContent, Clause, Jurisdiction, Obligation, ObligationKind};
use crate::Case;

impl AgreementContent {
    /// A first draft from the case and the mediation room: the case
    /// summary as the facts, the category's default clauses (already in
    /// words), and one payment obligation for each disputed issue on which
    /// an offer was put to the other side. The offer that stands is the last
    /// one shared on that issue: it was conveyed and, in the joint closing,
    /// agreed. An offer by a respondent makes that respondent the debtor of
    /// the first applicant; an amount the applicant agreed to accept makes
    /// the first respondent its debtor. Deadlines are left for the mediator
    /// to fill in: the completeness check asks for them.
    pub fn prefill(
        case: &Case,
        items: &[crate::RoomItem],
        clauses: Vec<String>,
        mediator: &str,
        jurisdiction: Jurisdiction,
        today: chrono::NaiveDate,
    ) -> Self {
        use crate::{Disclosure, ItemKind, PartyRole};
        let first = |role| case.first(role).map(|p| p.id);
        let obligations = case
            .issues
            .iter()
            .filter_map(|issue| {
                let offer = items
                    .iter()
                    .filter(|i| {
                        i.kind == ItemKind::Offer
                            && i.issue_id == Some(issue.id)
                            && matches!(i.disclosure, Disclosure::Shared { .. })
                            && i.offer.as_ref().is_some_and(|o| o.amount.is_some())
                    })
                    .max_by_key(|i| (i.recorded_at, i.id))?;
                let amount = offer.offer.as_ref().and_then(|o| o.amount)?;
                let by = case.party(offer.party_id)?;
                let (debtor, creditor) = if by.role == PartyRole::Applicant {
                    (first(PartyRole::Respondent)?, Some(by.id))
                } else {
                    (by.id, first(PartyRole::Applicant))
                };
                let terms = offer.offer.as_ref().map(|o| o.terms.trim()).unwrap_or("");
                // Terms that are a schedule ("12月15日前3500元，…") adding
                // up to the offer become its instalments; other terms stay
                // as words.
                let installments = super::instalments_from_terms(terms, today)
                    .filter(|parts| {
                        parts.iter().map(|i| i.amount.minor).sum::<i64>() == amount.minor
                    })
                    .unwrap_or_default();
                Some(Obligation {
                    debtor,
                    creditor,
                    kind: ObligationKind::Payment,
                    description: if terms.is_empty() || !installments.is_empty() {
                        issue.title.clone()
                    } else {
                        terms.to_owned()
                    },
                    amount: Some(amount),
                    installments,
                    due: None,
                    method: String::new(),
                    place: String::new(),
                    account: String::new(),
                })
            })
            .collect();
        Self {
            jurisdiction,
            waive_unknown_claims: false,
            acceleration: false,
            mediation: String::new(),
            facts: case.summary.trim().to_owned(),
            clauses: clauses
                .into_iter()
                .filter(|c| !c.trim().is_empty())
                .map(|text| Clause { text })
                .collect(),
            obligations,
            mediator: mediator.trim().to_owned(),
            recorder: String::new(),
            witnesses: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Currency, Disclosure, ItemKind, Offer, RoomItem, demo};
    use crate::{Money, agreement::Missing};
    use chrono::{TimeZone, Utc};

    fn offer(id: i64, party_id: i64, issue: i64, yuan: i64, shared: bool, minute: u32) -> RoomItem {
        let at = Utc
            .with_ymd_and_hms(2025, 2, 12, 2, minute, 0)
            .single()
            .expect("time");
        RoomItem {
            id,
            party_id,
            issue_id: Some(issue),
            kind: ItemKind::Offer,
            text: String::new(),
            offer: Some(Offer {
                amount: Some(Money::major(yuan, Currency::Cny)),
                terms: String::new(),
            }),
            round: 1,
            recorded_at: at,
            disclosure: if shared {
                Disclosure::Shared {
                    at,
                    by: "边文玲".into(),
                }
            } else {
                Disclosure::Confidential
            },
            corrects: None,
        }
    }

    #[test]
    fn the_draft_takes_the_last_shared_offer_per_issue_and_leaves_deadlines_open() {
        let mut case = demo::water_leak_stored_case();
        case.issues = vec![
            crate::DisputedIssue {
                id: 10,
                title: "赔偿5楼李玥损失".into(),
                claimed: Some(Money::major(8_000, Currency::Cny)),
            },
            crate::DisputedIssue {
                id: 11,
                title: "赔偿4楼赵喆损失".into(),
                claimed: None,
            },
        ];
        let items = vec![
            // 王建国 (3) offers 5,000, then 7,000 (shared), then a confidential 9,000 ceiling.
            offer(1, 3, 10, 5_000, true, 1),
            offer(2, 3, 10, 7_000, true, 5),
            offer(3, 3, 10, 9_000, false, 9),
            // 赵喆 (2, applicant) says she would accept 3,500: shared.
            offer(4, 2, 11, 3_500, true, 7),
        ];
        let draft = AgreementContent::prefill(
            &case,
            &items,
            vec!["双方和睦相处。".into(), " ".into()],
            "边文玲",
            Jurisdiction::PrcPeoplesMediation,
            chrono::NaiveDate::from_ymd_opt(2025, 2, 12).expect("date"),
        );
        assert_eq!(draft.clauses.len(), 1, "blank default clauses are dropped");
        assert_eq!(draft.obligations.len(), 2);
        let first = &draft.obligations[0];
        assert_eq!(first.amount, Some(Money::major(7_000, Currency::Cny)));
        assert_eq!((first.debtor, first.creditor), (3, Some(1)));
        let second = &draft.obligations[1];
        assert_eq!((second.debtor, second.creditor), (3, Some(2)));
        assert_eq!(second.description, "赔偿4楼赵喆损失");
        assert!(draft.facts.starts_with("青五社区"));
        let missing = draft.missing(&case);
        assert!(missing.contains(&Missing::Deadline { obligation: 0 }));
        assert!(missing.contains(&Missing::Recorder));
    }

    #[test]
    fn a_schedule_typed_as_terms_becomes_instalments_under_the_issue_title() {
        let mut case = demo::water_leak_stored_case();
        case.issues = vec![crate::DisputedIssue {
            id: 10,
            title: "赔偿4楼赵喆损失".into(),
            claimed: None,
        }];
        let mut item = offer(1, 3, 10, 6_500, true, 1);
        item.offer.as_mut().expect("offer").terms = "12月15日前3500元，1月15日前3000元".into();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let draft = AgreementContent::prefill(
            &case,
            std::slice::from_ref(&item),
            Vec::new(),
            "边文玲",
            Jurisdiction::PrcPeoplesMediation,
            today,
        );
        let o = &draft.obligations[0];
        assert_eq!(o.description, "赔偿4楼赵喆损失");
        let dues: Vec<_> = o
            .installments
            .iter()
            .map(|i| (i.due.to_string(), i.amount.minor))
            .collect();
        assert_eq!(
            dues,
            vec![
                ("2026-12-15".to_owned(), 350_000),
                ("2027-01-15".to_owned(), 300_000)
            ]
        );
        assert!(
            !draft
                .missing(&case)
                .contains(&Missing::Deadline { obligation: 0 })
        );
        // A schedule that does not add up to the offer stays as words.
        item.offer.as_mut().expect("offer").terms = "12月15日前3500元".into();
        let draft = AgreementContent::prefill(
            &case,
            std::slice::from_ref(&item),
            Vec::new(),
            "边文玲",
            Jurisdiction::PrcPeoplesMediation,
            today,
        );
        assert!(draft.obligations[0].installments.is_empty());
        assert_eq!(draft.obligations[0].description, "12月15日前3500元");
    }
}
