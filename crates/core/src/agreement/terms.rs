//! Payment terms as a mediator types them in the room ("12月15日前3500元，
//! 1月15日前3000元") read back as instalments, so the drafted agreement
//! says what is due when instead of quoting the note.

use chrono::{Datelike, NaiveDate};

use super::Installment;
use crate::{Currency, Money};

/// The instalments written in `terms`, if every part of it names a date
/// and an amount: "12月15日前3500元", "2027年1月15日前支付3,000元",
/// "2026-12-15前3500元", separated by "，", "；", "、" or a new line. A
/// date without a year is the next such day from `today` on, and each
/// later instalment falls after the one before. `None` when any part is
/// something else (the terms are then kept as words).
pub fn instalments_from_terms(terms: &str, today: NaiveDate) -> Option<Vec<Installment>> {
    // A comma between digits groups thousands ("3,000"); any other
    // separates instalments.
    let chars: Vec<char> = terms.chars().collect();
    let terms: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            !(*c == ','
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        })
        .map(|(_, c)| *c)
        .collect();
    let parts: Vec<&str> = terms
        .split(['，', ',', '；', ';', '、', '\n', '。'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return None;
    }
    let mut out: Vec<Installment> = Vec::new();
    for part in parts {
        let (date, rest) = leading_date(part)?;
        let after = out.last().map(|i| i.due).unwrap_or(today);
        let due = match date {
            (Some(y), m, d) => NaiveDate::from_ymd_opt(y, m, d)?,
            (None, m, d) => {
                let mut year = after.year();
                loop {
                    let candidate = NaiveDate::from_ymd_opt(year, m, d);
                    match candidate {
                        Some(c) if c >= after => break c,
                        _ if year > after.year() + 1 => return None,
                        _ => year += 1,
                    }
                }
            }
        };
        let amount = amount_in(rest)?;
        if out.last().is_some_and(|i| i.due >= due) {
            return None;
        }
        out.push(Installment { due, amount });
    }
    Some(out)
}

/// A date as typed: the year if given, the month, the day.
type Ymd = (Option<i32>, u32, u32);

/// "12月15日" / "2026年12月15日" / "2026-12-15" at the start, then "前" or
/// "之前" or "以前": the date and what follows.
fn leading_date(part: &str) -> Option<(Ymd, &str)> {
    let part = part.trim_start_matches(['于', '在']).trim_start();
    let (date, rest) = if let Some((head, rest)) = split_iso(part) {
        (head, rest)
    } else {
        let (first, rest) = number(part)?;
        let (year, month, rest) = if let Some(rest) = rest.strip_prefix('年') {
            let (month, rest) = number(rest)?;
            (
                Some(i32::try_from(first).ok()?),
                month,
                rest.strip_prefix('月')?,
            )
        } else {
            (None, first, rest.strip_prefix('月')?)
        };
        let (day, rest) = number(rest)?;
        let rest = rest
            .strip_prefix('日')
            .or_else(|| rest.strip_prefix('号'))?;
        ((year, month, day), rest)
    };
    let rest = rest.trim_start();
    let rest = ["之前", "以前", "前"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))?;
    Some((date, rest))
}

/// "2026-12-15" (or with "/" or ".") at the start.
fn split_iso(part: &str) -> Option<(Ymd, &str)> {
    let (y, rest) = number(part)?;
    if y < 1000 {
        return None;
    }
    let sep = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '/' | '.'))?;
    let (m, rest) = number(&rest[sep.len_utf8()..])?;
    let rest = rest.strip_prefix(sep)?;
    let (d, rest) = number(rest)?;
    Some(((Some(i32::try_from(y).ok()?), m, d), rest))
}

/// Leading ASCII or full-width digits.
fn number(s: &str) -> Option<(u32, &str)> {
    let mut value: u32 = 0;
    let mut used = 0;
    for c in s.chars() {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => break,
        };
        value = value.checked_mul(10)?.checked_add(digit)?;
        used += c.len_utf8();
    }
    (used > 0).then(|| (value, &s[used..]))
}

/// The amount in what follows the date: "3500元", "支付3,500元", "付
/// ¥3500", "3500.50 元"; nothing else may follow but "整".
fn amount_in(rest: &str) -> Option<Money> {
    let rest = rest.trim();
    let rest = ["支付", "付清", "给付", "偿还", "还款", "付", "还"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest)
        .trim();
    let figures = rest
        .trim_end_matches('整')
        .trim_end()
        .trim_end_matches(['元', '块'])
        .trim_end_matches("人民币")
        .trim();
    let figures = figures.trim_start_matches("人民币").trim();
    if figures.is_empty() {
        return None;
    }
    Money::parse(figures, Currency::Cny).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn two_instalments_typed_in_the_room_cross_the_new_year() {
        let got = instalments_from_terms("12月15日前3500元，1月15日前3000元", day(2026, 12, 1))
            .expect("parsed");
        assert_eq!(
            got,
            vec![
                Installment {
                    due: day(2026, 12, 15),
                    amount: Money::major(3500, Currency::Cny)
                },
                Installment {
                    due: day(2027, 1, 15),
                    amount: Money::major(3000, Currency::Cny)
                },
            ]
        );
    }

    #[test]
    fn years_iso_dates_and_words_around_the_amount() {
        let got = instalments_from_terms(
            "2027年3月1日前支付人民币3,000.50元整；2027-04-01前付2000元",
            day(2026, 12, 1),
        )
        .expect("parsed");
        assert_eq!(got[0].due, day(2027, 3, 1));
        assert_eq!(got[0].amount.minor, 300_050);
        assert_eq!(got[1].due, day(2027, 4, 1));
        assert_eq!(got[1].amount.minor, 200_000);
    }

    #[test]
    fn a_date_already_past_this_year_is_next_year() {
        let got = instalments_from_terms("3月1日前5000元", day(2026, 12, 1)).expect("parsed");
        assert_eq!(got[0].due, day(2027, 3, 1));
    }

    #[test]
    fn anything_else_stays_words() {
        for terms in [
            "一次付清",
            "一次付清，先修管道",
            "12月15日前3500元，先修管道",
            "12月15日前",
            "12月32日前100元",
            "下周前3500元",
            "",
        ] {
            assert_eq!(
                instalments_from_terms(terms, day(2026, 12, 1)),
                None,
                "{terms}"
            );
        }
    }

    #[test]
    fn instalments_out_of_order_are_not_guessed() {
        assert_eq!(
            instalments_from_terms("2027-02-01前100元，2027-01-01前100元", day(2026, 12, 1)),
            None
        );
    }
}
