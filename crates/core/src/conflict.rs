//! 回避: whether a mediator is tied to someone in a case. Each party, its
//! agent and whoever signs for an organisation is checked against the
//! mediator themself (the same ID number or credit code; the same name
//! with the same phone or address) and against every relation the
//! mediator declared (the same ID number, or the same name). A hit carries
//! its evidence, so the director sees why.
//!
//! Names are compared after [`normalise_name`]: spacing, middle dots,
//! full-width letters and traditional characters do not hide a match
//! (張 偉 is 张伟).

use std::{collections::HashMap, sync::OnceLock};

use serde::{Deserialize, Serialize};

use crate::{
    Party,
    mediator::{Mediator, RelationKind},
};

/// Traditional → simplified pairs (OpenCC, see `data/NOTICE`).
static TS: &str = include_str!("../data/ts_characters.txt");

fn simplified(c: char) -> char {
    static MAP: OnceLock<HashMap<char, char>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        TS.lines()
            .filter_map(|l| {
                let mut cs = l.chars();
                Some((cs.next()?, cs.next()?))
            })
            .collect()
    });
    map.get(&c).copied().unwrap_or(c)
}

/// A name as compared: no spaces or dots of any width, full-width letters
/// and digits as ASCII, small letters, traditional characters simplified.
pub fn normalise_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '•' | '・' | '.' | '．' | '‧'))
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .map(simplified)
        .collect()
}

/// A phone number as compared: its digits, without China's +86.
pub fn normalise_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("86") {
        Some(rest) if rest.len() == 11 => rest.to_owned(),
        _ => digits,
    }
}

/// An address as compared: like a name, without punctuation.
fn normalise_address(address: &str) -> String {
    normalise_name(address)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// An ID number or credit code as compared: capital letters, no spaces.
fn normalise_id(id: &str) -> String {
    id.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

crate::choice! {
    /// Where in a case a person stands.
    pub enum PersonRole {
        Party => "party", "person-role-party";
        Agent => "agent", "person-role-agent";
        Representative => "representative", "person-role-representative";
    }
}

/// Someone in a case, as the check sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The party they are, or act for.
    pub party_id: i64,
    pub role: PersonRole,
    /// As written in the case.
    pub name: String,
    key: String,
    id_number: Option<String>,
    phone: Option<String>,
    address: Option<String>,
}

impl Person {
    fn new(
        party_id: i64,
        role: PersonRole,
        name: &str,
        id_number: Option<&str>,
        phone: Option<&str>,
        address: Option<&str>,
    ) -> Self {
        let some = |s: Option<&str>, f: fn(&str) -> String| s.map(f).filter(|s| !s.is_empty());
        Self {
            party_id,
            role,
            name: name.to_owned(),
            key: normalise_name(name),
            id_number: some(id_number, normalise_id),
            phone: some(phone, normalise_phone),
            address: some(address, normalise_address),
        }
    }
}

/// Everyone in the parties: each party, its agent, who signs for it.
pub fn persons_of(parties: &[Party]) -> Vec<Person> {
    let mut out = Vec::new();
    for p in parties {
        out.push(Person::new(
            p.id,
            PersonRole::Party,
            &p.name,
            p.id_number.as_deref(),
            p.phone.as_deref(),
            p.address.as_deref(),
        ));
        if let Some(agent) = &p.agent {
            out.push(Person::new(
                p.id,
                PersonRole::Agent,
                &agent.name,
                None,
                agent.phone.as_deref(),
                None,
            ));
        }
        if let Some(rep) = &p.details.representative
            && !rep.name.trim().is_empty()
        {
            out.push(Person::new(
                p.id,
                PersonRole::Representative,
                &rep.name,
                None,
                None,
                None,
            ));
        }
    }
    out
}

/// Why a mediator is tied to someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Evidence {
    /// The mediator's own ID number or credit code.
    SameId { id: String },
    /// The mediator's own name and phone.
    SameNamePhone { phone: String },
    /// The mediator's own name and address.
    SameNameAddress { address: String },
    /// A relation the mediator declared, matched by ID number or name.
    Declared {
        kind: RelationKind,
        name: String,
        by_id: bool,
    },
}

/// One tie found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub mediator_id: i64,
    pub party_id: i64,
    pub role: PersonRole,
    /// The person in the case, as written there.
    pub person: String,
    pub evidence: Evidence,
}

/// A mediator prepared for checking (names normalised once).
#[derive(Debug, Clone)]
pub struct Checker {
    mediator_id: i64,
    key: String,
    id_number: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    relations: Vec<(RelationKind, String, String, Option<String>)>,
}

impl Checker {
    pub fn new(m: &Mediator) -> Self {
        let d = &m.details;
        let some = |s: &Option<String>, f: fn(&str) -> String| {
            s.as_deref().map(f).filter(|s| !s.is_empty())
        };
        Self {
            mediator_id: m.id,
            key: normalise_name(&d.name),
            id_number: some(&d.id_number, normalise_id),
            phone: some(&d.phone, normalise_phone),
            address: some(&d.address, normalise_address),
            relations: d
                .relations
                .iter()
                .map(|r| {
                    (
                        r.kind,
                        r.name.clone(),
                        normalise_name(&r.name),
                        some(&r.id_number, normalise_id),
                    )
                })
                .collect(),
        }
    }

    /// Every tie between this mediator and `persons`.
    pub fn check(&self, persons: &[Person]) -> Vec<Hit> {
        let mut hits = Vec::new();
        for p in persons {
            let mut hit = |evidence| {
                hits.push(Hit {
                    mediator_id: self.mediator_id,
                    party_id: p.party_id,
                    role: p.role,
                    person: p.name.clone(),
                    evidence,
                })
            };
            let same = |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(a), Some(b)) if a == b);
            if same(&self.id_number, &p.id_number) {
                hit(Evidence::SameId {
                    id: p.id_number.clone().unwrap_or_default(),
                });
            } else if p.key == self.key && same(&self.phone, &p.phone) {
                hit(Evidence::SameNamePhone {
                    phone: p.phone.clone().unwrap_or_default(),
                });
            } else if p.key == self.key && same(&self.address, &p.address) {
                hit(Evidence::SameNameAddress {
                    address: p.address.clone().unwrap_or_default(),
                });
            }
            for (kind, name, key, id) in &self.relations {
                let by_id = same(id, &p.id_number);
                if by_id || (!key.is_empty() && *key == p.key) {
                    hit(Evidence::Declared {
                        kind: *kind,
                        name: name.clone(),
                        by_id,
                    });
                }
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mediator::{DeclaredRelation, MediatorDetails, MediatorType};
    use crate::{Agent, AgentKind, PartyDetails, PartyKind, PartyRole};

    fn party(id: i64, name: &str, id_number: Option<&str>, phone: Option<&str>) -> Party {
        Party {
            id,
            kind: PartyKind::Person,
            role: PartyRole::Applicant,
            name: name.into(),
            id_number: id_number.map(Into::into),
            phone: phone.map(Into::into),
            address: Some("青山区青五社区6栋602".into()),
            email: None,
            agent: None,
            details: PartyDetails::default(),
        }
    }

    fn mediator(name: &str) -> Mediator {
        Mediator {
            id: 7,
            details: MediatorDetails {
                name: name.into(),
                mediator_type: Some(MediatorType::FullTime),
                active: true,
                ..Default::default()
            },
        }
    }

    #[test]
    fn names_match_across_scripts_spacing_and_widths() {
        assert_eq!(normalise_name("張 偉"), "张伟");
        assert_eq!(normalise_name("张伟"), "张伟");
        assert_eq!(normalise_name("阿依古丽·买买提"), "阿依古丽买买提");
        assert_eq!(normalise_name("Ｌｉ　Ｍｉｎｇ"), "liming");
        assert_eq!(normalise_name("陳國強"), "陈国强");
        assert_ne!(normalise_name("张伟"), normalise_name("张玮"));
        assert_eq!(normalise_phone("+86 138-0013-8000"), "13800138000");
    }

    #[test]
    fn the_same_id_or_name_with_phone_or_address_is_a_hit() {
        let mut m = mediator("王建国");
        m.details.id_number = Some("11010519491231002x".into());
        m.details.phone = Some("13800138000".into());
        m.details.address = Some("青山区 青五社区 6栋 602".into());
        let checker = Checker::new(&m);
        let by_id = [party(1, "王某", Some("11010519491231002X"), None)];
        assert!(matches!(
            checker.check(&persons_of(&by_id))[0].evidence,
            Evidence::SameId { .. }
        ));
        let by_phone = [party(2, "王 建國", None, Some("138 0013 8000"))];
        assert!(matches!(
            checker.check(&persons_of(&by_phone))[0].evidence,
            Evidence::SameNamePhone { .. }
        ));
        let mut by_address = party(3, "王建国", None, Some("13900000000"));
        by_address.address = Some("青山区青五社区6栋602".into());
        assert!(matches!(
            checker.check(&persons_of(&[by_address]))[0].evidence,
            Evidence::SameNameAddress { .. }
        ));
        // The same name alone is not a tie: namesakes are common.
        let mut namesake = party(4, "王建国", None, Some("13900000000"));
        namesake.address = Some("别处".into());
        assert!(checker.check(&persons_of(&[namesake])).is_empty());
    }

    #[test]
    fn a_declared_relation_matches_by_id_or_name_also_for_agents() {
        let mut m = mediator("边文玲");
        m.details.relations = vec![
            DeclaredRelation {
                kind: RelationKind::Relative,
                name: "邊建華".into(),
                id_number: None,
                note: "表兄".into(),
            },
            DeclaredRelation {
                kind: RelationKind::FormerEmployer,
                name: "青山置业有限公司".into(),
                id_number: Some("91110000100000000A".into()),
                note: String::new(),
            },
        ];
        let checker = Checker::new(&m);
        let mut p = party(1, "李四", None, None);
        p.agent = Some(Agent {
            name: "边建华".into(),
            phone: None,
            kind: AgentKind::Entrusted,
            authority: String::new(),
        });
        let mut company = party(
            2,
            "青山置業有限公司（更名）",
            Some("91110000100000000a"),
            None,
        );
        company.kind = PartyKind::Organisation;
        let hits = checker.check(&persons_of(&[p, company]));
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert_eq!(hits[0].role, PersonRole::Agent);
        assert_eq!(hits[0].person, "边建华");
        assert!(matches!(
            hits[1].evidence,
            Evidence::Declared {
                kind: RelationKind::FormerEmployer,
                by_id: true,
                ..
            }
        ));
    }
}
