//! 矛盾纠纷预警: the rules that flag a case for the director's attention.
//! Each flag is red, yellow or green with its reason. The rules are pure:
//! the store reads the facts (earlier cases of the same people or
//! address, the words marked, performance) and asks here.
//!
//! - A repeat dispute: the same party (by ID number, or name and phone)
//!   or the same address in another case received within 12 months.
//! - A case that returns after settlement: such an earlier case was
//!   settled (yellow), or its agreement is being broken (red).
//! - A group dispute: five or more parties on one side against one.
//! - Escalation words in the summary or in notes the mediator marked:
//!   threats of violence or of self-harm (red).
//! - An overdue performance: an instalment unpaid past its due date
//!   (yellow; red after 30 days).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{CaseStatus, Party, PartyRole, conflict::normalise_name, conflict::normalise_phone};

crate::choice! {
    /// How urgent a flag is.
    pub enum RiskLevel {
        Green => "green", "risk-level-green";
        Yellow => "yellow", "risk-level-yellow";
        Red => "red", "risk-level-red";
    }
}

crate::choice! {
    /// Which rule raised a flag.
    pub enum RiskRule {
        Repeat => "repeat", "risk-rule-repeat";
        Returned => "returned", "risk-rule-returned";
        Group => "group", "risk-rule-group";
        Escalation => "escalation", "risk-rule-escalation";
        Overdue => "overdue", "risk-rule-overdue";
    }
}

/// A flag with its reason (the facts, for the reason's sentence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskFlag {
    pub rule: RiskRule,
    pub level: RiskLevel,
    /// What the sentence names: an earlier case number, a word, a count.
    pub facts: Vec<String>,
}

/// An earlier case the store found for the same people or address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierCase {
    pub number: String,
    pub received: NaiveDate,
    pub status: CaseStatus,
    pub parties: Vec<Party>,
    /// Its agreement has an instalment unpaid past its due date.
    pub agreement_broken: bool,
}

/// Words that mean a dispute may turn violent (民转刑) or a person may
/// harm themself.
const ESCALATION_WORDS: &[&str] = &[
    "杀",
    "砍",
    "捅",
    "弄死",
    "同归于尽",
    "报复",
    "炸",
    "放火",
    "烧了",
    "自杀",
    "跳楼",
    "喝药",
    "不想活",
    "轻生",
    "kill",
    "suicide",
    "revenge",
    "burn down",
];

/// Whether two parties are the same person or organisation: the same ID
/// number or credit code, or the same name and phone.
fn same_party(a: &Party, b: &Party) -> bool {
    let id = |p: &Party| p.id_number.as_deref().map(|s| s.trim().to_uppercase());
    if let (Some(x), Some(y)) = (id(a), id(b))
        && !x.is_empty()
    {
        return x == y;
    }
    let phone = |p: &Party| p.phone.as_deref().map(normalise_phone);
    normalise_name(&a.name) == normalise_name(&b.name)
        && matches!((phone(a), phone(b)), (Some(x), Some(y)) if !x.is_empty() && x == y)
}

fn same_address(a: &Party, b: &Party) -> bool {
    let key = |p: &Party| {
        p.address.as_deref().map(|s| {
            normalise_name(s)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
    };
    matches!((key(a), key(b)), (Some(x), Some(y)) if x.chars().count() >= 6 && x == y)
}

/// The flags of a case received on `received` with `parties` and the
/// `texts` to read (its summary and the notes the mediator marked),
/// given the `earlier` cases of the same people or address and the days
/// its most overdue instalment is late (0: none).
pub fn flags(
    received: NaiveDate,
    parties: &[Party],
    texts: &[&str],
    earlier: &[EarlierCase],
    overdue_days: i64,
) -> Vec<RiskFlag> {
    let mut out = Vec::new();
    let year_before = received
        .checked_sub_months(Months::new(12))
        .unwrap_or(received);
    let related: Vec<&EarlierCase> = earlier
        .iter()
        .filter(|e| e.received >= year_before && e.received <= received)
        .filter(|e| {
            parties.iter().any(|p| {
                e.parties
                    .iter()
                    .any(|q| same_party(p, q) || same_address(p, q))
            })
        })
        .collect();
    if !related.is_empty() {
        out.push(RiskFlag {
            rule: RiskRule::Repeat,
            level: if related.len() >= 2 {
                RiskLevel::Red
            } else {
                RiskLevel::Yellow
            },
            facts: related.iter().map(|e| e.number.clone()).collect(),
        });
    }
    let settled: Vec<&&EarlierCase> = related
        .iter()
        .filter(|e| matches!(e.status, CaseStatus::Settled | CaseStatus::Closed))
        .collect();
    if !settled.is_empty() {
        out.push(RiskFlag {
            rule: RiskRule::Returned,
            level: if settled.iter().any(|e| e.agreement_broken) {
                RiskLevel::Red
            } else {
                RiskLevel::Yellow
            },
            facts: settled.iter().map(|e| e.number.clone()).collect(),
        });
    }
    let count = |role: PartyRole| parties.iter().filter(|p| p.role == role).count();
    let (applicants, respondents) = (count(PartyRole::Applicant), count(PartyRole::Respondent));
    if (applicants >= 5 && respondents <= 1) || (respondents >= 5 && applicants <= 1) {
        out.push(RiskFlag {
            rule: RiskRule::Group,
            level: if applicants.max(respondents) >= 10 {
                RiskLevel::Red
            } else {
                RiskLevel::Yellow
            },
            facts: vec![applicants.max(respondents).to_string()],
        });
    }
    let mut words: Vec<String> = Vec::new();
    for text in texts {
        let lower = text.to_lowercase();
        for w in ESCALATION_WORDS {
            if lower.contains(w) && !words.iter().any(|x| x == w) {
                words.push((*w).to_owned());
            }
        }
    }
    if !words.is_empty() {
        out.push(RiskFlag {
            rule: RiskRule::Escalation,
            level: RiskLevel::Red,
            facts: words,
        });
    }
    if overdue_days > 0 {
        out.push(RiskFlag {
            rule: RiskRule::Overdue,
            level: if overdue_days > 30 {
                RiskLevel::Red
            } else {
                RiskLevel::Yellow
            },
            facts: vec![overdue_days.to_string()],
        });
    }
    out
}

/// The highest level among the flags: green when there are none.
pub fn level(flags: &[RiskFlag]) -> RiskLevel {
    flags
        .iter()
        .map(|f| f.level)
        .max_by_key(|l| *l as u8)
        .unwrap_or(RiskLevel::Green)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PartyDetails, PartyKind};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn party(role: PartyRole, name: &str, id: Option<&str>, phone: &str, address: &str) -> Party {
        Party {
            id: 0,
            kind: PartyKind::Person,
            role,
            name: name.into(),
            id_number: id.map(Into::into),
            phone: Some(phone.into()),
            address: Some(address.into()),
            email: None,
            agent: None,
            details: PartyDetails::default(),
        }
    }

    fn earlier(
        number: &str,
        received: NaiveDate,
        status: CaseStatus,
        parties: Vec<Party>,
    ) -> EarlierCase {
        EarlierCase {
            number: number.into(),
            received,
            status,
            parties,
            agreement_broken: false,
        }
    }

    #[test]
    fn the_same_people_or_address_within_a_year_is_a_repeat_and_a_return() {
        let now = vec![
            party(
                PartyRole::Applicant,
                "李玥",
                None,
                "13804720501",
                "青山区青五社区3栋2单元501室",
            ),
            party(
                PartyRole::Respondent,
                "王建国",
                Some("150204196805120031"),
                "1",
                "别处",
            ),
        ];
        let by_id = earlier(
            "2024-0100",
            day(2024, 6, 1),
            CaseStatus::Settled,
            vec![party(
                PartyRole::Applicant,
                "王 建國",
                Some("150204196805120031"),
                "2",
                "x",
            )],
        );
        let by_address = earlier(
            "2024-0200",
            day(2024, 9, 1),
            CaseStatus::NotSettled,
            vec![party(
                PartyRole::Applicant,
                "张三",
                None,
                "3",
                "青山区青五社区 3栋2单元501室",
            )],
        );
        let too_old = earlier(
            "2023-0001",
            day(2023, 12, 1),
            CaseStatus::Settled,
            vec![party(
                PartyRole::Applicant,
                "李玥",
                None,
                "13804720501",
                "y",
            )],
        );
        let namesake = earlier(
            "2024-0300",
            day(2024, 10, 1),
            CaseStatus::Settled,
            vec![party(
                PartyRole::Applicant,
                "李玥",
                None,
                "13900000000",
                "别的地方很远",
            )],
        );
        let got = flags(
            day(2025, 2, 10),
            &now,
            &["漏水"],
            &[by_id.clone(), by_address, too_old, namesake],
            0,
        );
        assert_eq!(got[0].rule, RiskRule::Repeat);
        assert_eq!(got[0].level, RiskLevel::Red, "two earlier cases");
        assert_eq!(got[0].facts, vec!["2024-0100", "2024-0200"]);
        assert_eq!(got[1].rule, RiskRule::Returned);
        assert_eq!(got[1].level, RiskLevel::Yellow);
        assert_eq!(got[1].facts, vec!["2024-0100"]);
        assert_eq!(got.len(), 2);
        let broken = EarlierCase {
            agreement_broken: true,
            ..by_id
        };
        let got = flags(day(2025, 2, 10), &now, &[], &[broken], 0);
        assert_eq!(
            got[1].level,
            RiskLevel::Red,
            "the agreement is being broken"
        );
        assert_eq!(level(&got), RiskLevel::Red);
    }

    #[test]
    fn groups_words_and_overdue_performance() {
        let mut many: Vec<Party> = (0..6)
            .map(|i| {
                party(
                    PartyRole::Applicant,
                    &format!("业主{i}"),
                    None,
                    "1",
                    &format!("{i}号"),
                )
            })
            .collect();
        many.push(party(PartyRole::Respondent, "物业公司", None, "2", "z"));
        let got = flags(day(2025, 2, 10), &many, &[], &[], 0);
        assert_eq!(got.len(), 1);
        assert_eq!(
            (got[0].rule, got[0].level),
            (RiskRule::Group, RiskLevel::Yellow)
        );
        assert_eq!(got[0].facts, vec!["6"]);

        let two = &many[5..];
        let got = flags(day(2025, 2, 10), two, &["他说要报复，还说不想活了"], &[], 0);
        assert_eq!(got[0].rule, RiskRule::Escalation);
        assert_eq!(got[0].facts, vec!["报复", "不想活"]);
        assert!(flags(day(2025, 2, 10), two, &["双方情绪平稳"], &[], 0).is_empty());
        assert_eq!(level(&[]), RiskLevel::Green);

        let late = flags(day(2025, 2, 10), two, &[], &[], 12);
        assert_eq!(
            (late[0].rule, late[0].level),
            (RiskRule::Overdue, RiskLevel::Yellow)
        );
        assert_eq!(
            flags(day(2025, 2, 10), two, &[], &[], 31)[0].level,
            RiskLevel::Red
        );
    }
}
