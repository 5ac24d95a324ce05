//! Identity numbers printed on agreements: the PRC resident ID number
//! (GB 11643-1999) and the unified social credit code of an organisation
//! (GB 32100-2015). Both end in a check character that catches typos.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::ValidationError;

/// A validated 18-character PRC resident ID number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ResidentId(String);

/// Sex as encoded in the 17th character of a resident ID number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";

impl ResidentId {
    /// Validates length, digits, the region code, the embedded birth date
    /// (a real day, not after today in China) and the check character.
    /// Spaces are ignored and a lowercase `x` is accepted.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let china = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8");
        Self::parse_on(input, chrono::Utc::now().with_timezone(&china).date_naive())
    }

    /// [`ResidentId::parse`] as on the day `today`.
    pub fn parse_on(input: &str, today: NaiveDate) -> Result<Self, ValidationError> {
        let id: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if id.chars().count() != 18 {
            return Err(ValidationError::IdLength);
        }
        let bytes = id.as_bytes();
        if !bytes[..17].iter().all(u8::is_ascii_digit)
            || !(bytes[17].is_ascii_digit() || bytes[17] == b'X')
        {
            return Err(ValidationError::IdFormat);
        }
        if !known_region(&bytes[..6]) {
            return Err(ValidationError::IdRegion);
        }
        match Self::birth_date_of(&id) {
            None => return Err(ValidationError::IdBirthDate),
            Some(born) if born > today => return Err(ValidationError::IdBirthFuture),
            Some(_) => {}
        }
        if Self::check_character(&bytes[..17]) != bytes[17] {
            return Err(ValidationError::IdCheckCharacter);
        }
        Ok(Self(id))
    }

    /// The check character for the first 17 digits (ASCII digits only).
    pub fn check_character(first17: &[u8]) -> u8 {
        let sum: u32 = first17
            .iter()
            .zip(ID_WEIGHTS)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        ID_CHECK[(sum % 11) as usize]
    }

    fn birth_date_of(id: &str) -> Option<NaiveDate> {
        let year = id.get(6..10)?.parse().ok()?;
        let month = id.get(10..12)?.parse().ok()?;
        let day = id.get(12..14)?.parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, day).filter(|d| d.year_ce().1 >= 1850)
    }

    /// The holder's date of birth.
    pub fn birth_date(&self) -> NaiveDate {
        Self::birth_date_of(&self.0).unwrap_or_default()
    }

    /// The holder's sex (odd 17th digit: male).
    pub fn sex(&self) -> Sex {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

use chrono::Datelike as _;

impl fmt::Display for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ResidentId {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ResidentId> for String {
    fn from(id: ResidentId) -> Self {
        id.0
    }
}

/// GB/T 2260 administrative-division codes, current and historical since
/// 1980 (see `data/NOTICE`): seven bytes a line, sorted.
const REGIONS: &[u8] = include_bytes!("../data/gb2260_codes.txt");

/// Whether the first six digits of an ID number name a division: listed
/// themselves, or (the list ends in 2023 and misses a few local codes)
/// under a listed prefecture. The check character already catches typos;
/// this refuses numbers no office ever issued, as 000000 or 999999.
fn known_region(code: &[u8]) -> bool {
    let count = REGIONS.len() / 7;
    let at = |i: usize| &REGIONS[i * 7..i * 7 + 6];
    let first = partition_point(count, |i| at(i) < code);
    if first < count && at(first) == code {
        return true;
    }
    let prefix = &code[..4];
    let first = partition_point(count, |i| &at(i)[..4] < prefix);
    first < count && &at(first)[..4] == prefix
}

/// The first index in `0..count` where `before` turns false.
fn partition_point(count: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if before(mid) { lo = mid + 1 } else { hi = mid }
    }
    lo
}

/// A validated 18-character unified social credit code of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UnifiedCreditCode(String);

const CODE_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CODE_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

impl UnifiedCreditCode {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let code: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let values: Option<Vec<u32>> = code
            .chars()
            .map(|c| CODE_CHARS.find(c).map(|i| i as u32))
            .collect();
        let values = values.ok_or(ValidationError::CreditCode)?;
        if values.len() != 18 {
            return Err(ValidationError::CreditCode);
        }
        let sum: u32 = values[..17]
            .iter()
            .zip(CODE_WEIGHTS)
            .map(|(v, w)| v * w)
            .sum();
        let check = (31 - sum % 31) % 31;
        if check != values[17] {
            return Err(ValidationError::CreditCode);
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnifiedCreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for UnifiedCreditCode {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<UnifiedCreditCode> for String {
    fn from(code: UnifiedCreditCode) -> Self {
        code.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_example_ids_are_valid() {
        for id in [
            "11010519491231002X",
            "440524188001010014",
            "110101199003074477",
        ] {
            assert!(ResidentId::parse(id).is_ok(), "{id} should be valid");
        }
        // Lowercase x and spaces typed by a mediator are accepted.
        let id = ResidentId::parse("110105 19491231 002x").expect("valid");
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).expect("date")
        );
        assert_eq!(id.sex(), Sex::Female);
        assert_eq!(
            ResidentId::parse("440524188001010014").map(|i| i.sex()),
            Ok(Sex::Male)
        );
    }

    #[test]
    fn a_wrong_check_character_is_refused() {
        assert_eq!(
            ResidentId::parse("110105194912310021"),
            Err(ValidationError::IdCheckCharacter)
        );
        assert_eq!(
            ResidentId::parse("440524188001010015"),
            Err(ValidationError::IdCheckCharacter)
        );
        // One digit mistyped in the middle.
        assert_eq!(
            ResidentId::parse("11010519491231012X"),
            Err(ValidationError::IdCheckCharacter)
        );
    }

    #[test]
    fn every_single_digit_typo_is_caught() {
        let good = b"11010519491231002X";
        for pos in 0..17 {
            for d in b'0'..=b'9' {
                if d == good[pos] {
                    continue;
                }
                let mut bad = *good;
                bad[pos] = d;
                let bad = std::str::from_utf8(&bad).expect("ascii");
                assert!(ResidentId::parse(bad).is_err(), "{bad} accepted");
            }
        }
    }

    #[test]
    fn length_format_and_date_errors_are_told_apart() {
        assert_eq!(
            ResidentId::parse("1101051949123100"),
            Err(ValidationError::IdLength)
        );
        assert_eq!(ResidentId::parse(""), Err(ValidationError::IdLength));
        assert_eq!(
            ResidentId::parse("11010519491231002Y"),
            Err(ValidationError::IdFormat)
        );
        assert_eq!(
            ResidentId::parse("1101051949123100X2"),
            Err(ValidationError::IdFormat)
        );
        assert_eq!(
            ResidentId::parse("王10519491231002X12"),
            Err(ValidationError::IdFormat)
        );
        // 1949-02-30 does not exist.
        let mut bad = *b"11010519490230002X";
        bad[17] = ResidentId::check_character(&bad[..17]);
        let bad = std::str::from_utf8(&bad).expect("ascii");
        assert_eq!(ResidentId::parse(bad), Err(ValidationError::IdBirthDate));
    }

    /// `first17` with its check character.
    fn with_check(first17: &str) -> String {
        let check = ResidentId::check_character(first17.as_bytes());
        format!("{first17}{}", check as char)
    }

    #[test]
    fn a_region_code_that_names_no_division_is_refused() {
        for prefix in ["000000", "999999", "123456", "990101", "000101"] {
            let id = with_check(&format!("{prefix}19800101001"));
            assert_eq!(
                ResidentId::parse(&id),
                Err(ValidationError::IdRegion),
                "{id}"
            );
        }
        // Current codes, codes abolished long ago (Beijing's 崇文区 110103
        // and 宣武区 110104, merged in 2010), and 港澳台 prefixes.
        for prefix in [
            "110101", "110103", "110104", "320106", "440305", "150204", "810000",
        ] {
            let id = with_check(&format!("{prefix}19800101001"));
            assert!(ResidentId::parse(&id).is_ok(), "{id}");
        }
        // A county code newer than the list, under a known prefecture.
        let id = with_check("15029919800101001");
        assert!(ResidentId::parse(&id).is_ok(), "{id}");
    }

    #[test]
    fn a_birth_date_after_today_is_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let born_today = with_check("11010520261201001");
        assert!(ResidentId::parse_on(&born_today, today).is_ok());
        let tomorrow = with_check("11010520261202001");
        assert_eq!(
            ResidentId::parse_on(&tomorrow, today),
            Err(ValidationError::IdBirthFuture)
        );
        let next_century = with_check("11010521000101001");
        assert_eq!(
            ResidentId::parse(&next_century),
            Err(ValidationError::IdBirthFuture)
        );
    }

    #[test]
    fn the_region_list_is_sorted_six_digit_lines() {
        assert_eq!(REGIONS.len() % 7, 0);
        let lines: Vec<&[u8]> = REGIONS.chunks(7).collect();
        assert!(lines.len() > 7000);
        for pair in lines.windows(2) {
            assert!(pair[0][..6] < pair[1][..6]);
        }
        for line in lines {
            assert!(line[..6].iter().all(u8::is_ascii_digit) && line[6] == b'\n');
        }
    }

    #[test]
    fn credit_codes_are_checked() {
        assert!(UnifiedCreditCode::parse("91350100M000100Y43").is_ok());
        assert!(UnifiedCreditCode::parse("91350100M000100Y44").is_err());
        assert!(UnifiedCreditCode::parse("91350100M000100Y4").is_err());
        assert!(UnifiedCreditCode::parse("91350100I000100Y43").is_err());
    }
}
