//! The parties to a dispute and how the intake form's text becomes a
//! validated party.

use serde::{Deserialize, Serialize};

use crate::{Field, PartyField, ResidentId, UnifiedCreditCode, ValidationError, ValidationErrors};

crate::choice! {
    /// A natural person or an organisation (company, property manager...).
    pub enum PartyKind {
        Person => "person", "party-kind-person";
        Organisation => "organisation", "party-kind-organisation";
    }
}

crate::choice! {
    /// The side a party is on.
    pub enum PartyRole {
        Applicant => "applicant", "party-role-applicant";
        Respondent => "respondent", "party-role-respondent";
        ThirdParty => "third_party", "party-role-third-party";
    }
}

crate::choice! {
    /// Whom an agent acts for a party as: appointed by the party
    /// (委托代理人, with a power of attorney) or by law for a minor or a
    /// person without full capacity (法定代理人, a parent or guardian).
    pub enum AgentKind {
        Entrusted => "entrusted", "agent-kind-entrusted";
        Statutory => "statutory", "agent-kind-statutory";
    }
}

crate::choice! {
    /// Who signs for an organisation: its legal representative
    /// (法定代表人) or, for a branch or an unincorporated body, the person
    /// in charge (负责人).
    pub enum RepresentativeTitle {
        LegalRepresentative => "legal_representative", "representative-title-legal";
        PersonInCharge => "person_in_charge", "representative-title-in-charge";
    }
}

/// Someone acting for a party (lawyer, relative, company representative).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    pub name: String,
    pub phone: Option<String>,
    /// Appointed by the party, or by law.
    #[serde(default = "entrusted")]
    pub kind: AgentKind,
    /// What an appointed agent may do (代理权限: 一般授权, or 特别授权 with
    /// the powers listed), as the power of attorney on file says.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub authority: String,
}

fn entrusted() -> AgentKind {
    AgentKind::Entrusted
}

/// The person who signs for an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub name: String,
    pub title: RepresentativeTitle,
}

/// What the agreement prints of a party beyond name and numbers, each
/// when given: 民族 and 职业或工作单位 of a person, the representative of
/// an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PartyDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<Representative>,
}

impl PartyDetails {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A validated party of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// Database id; 0 until stored.
    pub id: i64,
    pub kind: PartyKind,
    pub role: PartyRole,
    pub name: String,
    /// Resident ID number (person) or unified social credit code
    /// (organisation), validated, if known.
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "PartyDetails::is_empty")]
    pub details: PartyDetails,
}

impl Party {
    /// Whether the party was under 18 on `day`, by the birth date in their
    /// ID number: a minor acts through a statutory agent.
    pub fn is_minor_on(&self, day: chrono::NaiveDate) -> bool {
        use chrono::Datelike as _;
        let Some(born) = self
            .id_number
            .as_deref()
            .filter(|_| self.kind == PartyKind::Person)
            .and_then(|id| ResidentId::parse_on(id, day).ok())
            .map(|id| id.birth_date())
        else {
            return false;
        };
        let eighteenth = born
            .with_year(born.year() + 18)
            .or_else(|| born.succ_opt().and_then(|d| d.with_year(d.year() + 18)));
        eighteenth.is_some_and(|d| day < d)
    }
}

/// What the intake form holds for one party: raw text, kept as typed so
/// nothing is lost when validation fails.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewParty {
    pub kind: Option<PartyKind>,
    pub role: Option<PartyRole>,
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub address: String,
    pub email: String,
    pub agent_name: String,
    pub agent_phone: String,
    /// Appointed or statutory; appointed when not chosen.
    #[serde(default)]
    pub agent_kind: Option<AgentKind>,
    #[serde(default)]
    pub agent_authority: String,
    #[serde(default)]
    pub ethnicity: String,
    #[serde(default)]
    pub occupation: String,
    #[serde(default)]
    pub representative_name: String,
    /// 法定代表人 when not chosen.
    #[serde(default)]
    pub representative_title: Option<RepresentativeTitle>,
}

pub(crate) const MAX_NAME: usize = 100;
const MAX_ADDRESS: usize = 300;

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A phone number: digits with optional `+`, spaces, dashes, brackets;
/// 5 to 20 digits (extension numbers and landlines included).
pub fn validate_phone(text: &str) -> Result<Option<String>, ValidationError> {
    let Some(t) = optional(text) else {
        return Ok(None);
    };
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let allowed = t.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0)
    });
    if allowed && (5..=20).contains(&digits) {
        Ok(Some(t))
    } else {
        Err(ValidationError::Phone)
    }
}

/// An email address: one `@`, a non-empty local part, a dotted domain, no
/// spaces. Deliverability is the mail server's business.
pub fn validate_email(text: &str) -> Result<Option<String>, ValidationError> {
    let Some(t) = optional(text) else {
        return Ok(None);
    };
    let valid = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.split('.').count() >= 2
                && domain.split('.').all(|p| !p.is_empty())
                && !t.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(Some(t))
    } else {
        Err(ValidationError::Email)
    }
}

pub fn validate_name(text: &str) -> Result<String, ValidationError> {
    let t = text.trim();
    if t.is_empty() {
        Err(ValidationError::NameEmpty)
    } else if t.chars().count() > MAX_NAME {
        Err(ValidationError::TooLong { max: MAX_NAME })
    } else {
        Ok(t.to_owned())
    }
}

impl NewParty {
    /// Validates every field and returns the party, or all errors found,
    /// each tagged with `Field::Party(index, ..)`.
    pub fn validate(&self, index: usize) -> Result<Party, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let mut check = |field, result: Result<Option<String>, ValidationError>| match result {
            Ok(v) => v,
            Err(e) => {
                errors.push(Field::Party(index, field), e);
                None
            }
        };
        let kind = self.kind.unwrap_or(PartyKind::Person);
        let name = check(PartyField::Name, validate_name(&self.name).map(Some));
        let id_number = check(
            PartyField::IdNumber,
            match (optional(&self.id_number), kind) {
                (None, _) => Ok(None),
                (Some(t), PartyKind::Person) => {
                    ResidentId::parse(&t).map(|id| Some(id.to_string()))
                }
                (Some(t), PartyKind::Organisation) => {
                    UnifiedCreditCode::parse(&t).map(|c| Some(c.to_string()))
                }
            },
        );
        let phone = check(PartyField::Phone, validate_phone(&self.phone));
        let address = check(
            PartyField::Address,
            match optional(&self.address) {
                Some(a) if a.chars().count() > MAX_ADDRESS => {
                    Err(ValidationError::TooLong { max: MAX_ADDRESS })
                }
                other => Ok(other),
            },
        );
        let email = check(PartyField::Email, validate_email(&self.email));
        let agent_phone = check(PartyField::AgentPhone, validate_phone(&self.agent_phone));
        let agent_name = match optional(&self.agent_name) {
            Some(n) => check(PartyField::AgentName, validate_name(&n).map(Some)),
            None if agent_phone.is_some() => {
                check(PartyField::AgentName, Err(ValidationError::NameEmpty))
            }
            None => None,
        };
        let short = |text: &str| match optional(text) {
            Some(t) if t.chars().count() > MAX_NAME => {
                Err(ValidationError::TooLong { max: MAX_NAME })
            }
            other => Ok(other),
        };
        let ethnicity = check(PartyField::Ethnicity, short(&self.ethnicity));
        let occupation = check(PartyField::Occupation, short(&self.occupation));
        let representative = check(PartyField::Representative, short(&self.representative_name));
        let authority = check(PartyField::AgentAuthority, short(&self.agent_authority));
        errors.into_result()?;
        let details = PartyDetails {
            ethnicity: ethnicity.filter(|_| kind == PartyKind::Person),
            occupation: occupation.filter(|_| kind == PartyKind::Person),
            representative: representative
                .filter(|_| kind == PartyKind::Organisation)
                .map(|name| Representative {
                    name,
                    title: self
                        .representative_title
                        .unwrap_or(RepresentativeTitle::LegalRepresentative),
                }),
        };
        Ok(Party {
            id: 0,
            kind,
            role: self.role.unwrap_or(PartyRole::Applicant),
            name: name.unwrap_or_default(),
            id_number,
            phone,
            address,
            email,
            agent: agent_name.map(|name| Agent {
                name,
                phone: agent_phone,
                kind: self.agent_kind.unwrap_or(AgentKind::Entrusted),
                authority: authority.unwrap_or_default(),
            }),
            details,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, id: &str) -> NewParty {
        NewParty {
            name: name.into(),
            id_number: id.into(),
            ..NewParty::default()
        }
    }

    #[test]
    fn a_valid_person_is_accepted_and_trimmed() {
        let p = person("  王喆 ", "11010519491231002x")
            .validate(0)
            .expect("valid");
        assert_eq!(p.name, "王喆");
        assert_eq!(p.id_number.as_deref(), Some("11010519491231002X"));
        assert_eq!(p.role, PartyRole::Applicant);
    }

    #[test]
    fn every_bad_field_is_reported_with_its_place() {
        let mut p = person("", "110105194912310021");
        p.phone = "abc".into();
        p.email = "wang@".into();
        let errors = p.validate(2).expect_err("invalid");
        assert_eq!(
            errors.for_field(Field::Party(2, PartyField::Name)),
            Some(&ValidationError::NameEmpty)
        );
        assert_eq!(
            errors.for_field(Field::Party(2, PartyField::IdNumber)),
            Some(&ValidationError::IdCheckCharacter)
        );
        assert_eq!(
            errors.for_field(Field::Party(2, PartyField::Phone)),
            Some(&ValidationError::Phone)
        );
        assert_eq!(
            errors.for_field(Field::Party(2, PartyField::Email)),
            Some(&ValidationError::Email)
        );
    }

    #[test]
    fn organisations_use_the_credit_code() {
        let mut p = person("青山物业服务有限公司", "91350100M000100Y43");
        p.kind = Some(PartyKind::Organisation);
        assert!(p.validate(0).is_ok());
        p.id_number = "11010519491231002X".into();
        assert_eq!(
            p.validate(0).expect_err("person id for a company").0[0].error,
            ValidationError::CreditCode
        );
    }

    #[test]
    fn phones_and_emails() {
        assert_eq!(
            validate_phone("138 0013 8000"),
            Ok(Some("138 0013 8000".into()))
        );
        assert_eq!(
            validate_phone("+86 (472) 512-3456"),
            Ok(Some("+86 (472) 512-3456".into()))
        );
        assert_eq!(validate_phone(""), Ok(None));
        assert_eq!(validate_phone("12"), Err(ValidationError::Phone));
        assert_eq!(validate_phone("1380+0138000"), Err(ValidationError::Phone));
        assert!(validate_email("wang.fang@example.org").is_ok());
        for bad in [
            "wang",
            "@example.org",
            "a@b",
            "a b@example.org",
            "a@@b.org",
            "a@b..org",
        ] {
            assert_eq!(validate_email(bad), Err(ValidationError::Email), "{bad}");
        }
    }

    #[test]
    fn an_agent_phone_without_a_name_is_refused() {
        let mut p = person("李堃", "");
        p.agent_phone = "13800138000".into();
        assert_eq!(
            p.validate(0)
                .expect_err("no agent name")
                .for_field(Field::Party(0, PartyField::AgentName)),
            Some(&ValidationError::NameEmpty)
        );
    }
}
