//! Amounts in words, as legal documents write them next to the figures:
//! Chinese capital numerals by the accounting rules (大写金额) and English
//! words.

use crate::{Currency, Money};

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const IN_GROUP: [&str; 4] = ["", "拾", "佰", "仟"];
const GROUPS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];

/// The four digits of one group (0..=9999) without leading or trailing
/// zeros; zeros inside collapse to one 零.
fn zh_group(value: u64) -> String {
    let mut out = String::new();
    let mut pending_zero = false;
    for pos in (0..4).rev() {
        let d = (value / 10u64.pow(pos)) % 10;
        if d == 0 {
            pending_zero = !out.is_empty();
        } else {
            if pending_zero {
                out.push('零');
                pending_zero = false;
            }
            out.push(DIGITS[d as usize]);
            out.push_str(IN_GROUP[pos as usize]);
        }
    }
    out
}

/// A whole number in capital numerals: 10050 -> 壹万零伍拾.
pub fn zh_capital_integer(mut n: u64) -> String {
    if n == 0 {
        return "零".to_owned();
    }
    let mut groups = Vec::new();
    while n > 0 {
        groups.push(n % 10_000);
        n /= 10_000;
    }
    let mut out = String::new();
    let mut need_zero = false;
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            need_zero = !out.is_empty();
            continue;
        }
        // A group below 1000 after a higher group reads with a 零 before it,
        // as does any group after a group of zeros.
        if !out.is_empty() && (need_zero || g < 1000) {
            out.push('零');
        }
        need_zero = false;
        out.push_str(&zh_group(g));
        out.push_str(GROUPS[i]);
    }
    out
}

/// The amount in Chinese capitals for a legal document:
/// ¥35,000.00 -> 人民币叁万伍仟元整, ¥10,050.30 -> 人民币壹万零伍拾元叁角.
pub fn zh_capital(money: Money) -> String {
    let prefix = match money.currency {
        Currency::Cny => "人民币",
        Currency::Usd => "美元",
        Currency::Eur => "欧元",
        Currency::Hkd => "港币",
        Currency::Gbp => "英镑",
    };
    let sign = if money.minor < 0 { "负" } else { "" };
    let abs = money.minor.unsigned_abs();
    let (yuan, jiao, fen) = (abs / 100, (abs / 10) % 10, abs % 10);
    let mut out = format!("{prefix}{sign}");
    if yuan > 0 || (jiao == 0 && fen == 0) {
        out.push_str(&zh_capital_integer(yuan));
        out.push('元');
    }
    if jiao == 0 && fen == 0 {
        out.push('整');
        return out;
    }
    if jiao > 0 {
        out.push(DIGITS[jiao as usize]);
        out.push('角');
    } else if yuan > 0 {
        out.push('零');
    }
    if fen > 0 {
        out.push(DIGITS[fen as usize]);
        out.push('分');
    }
    out
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const SCALES: [&str; 7] = [
    "",
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "quintillion",
];

fn en_below_thousand(n: u64) -> String {
    let (h, rest) = (n / 100, n % 100);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{} hundred", ONES[h as usize]));
    }
    if rest >= 20 {
        let t = TENS[(rest / 10) as usize];
        parts.push(if rest % 10 == 0 {
            t.to_owned()
        } else {
            format!("{t}-{}", ONES[(rest % 10) as usize])
        });
    } else if rest > 0 {
        parts.push(ONES[rest as usize].to_owned());
    }
    parts.join(" ")
}

/// A whole number in English words: 10050 -> "ten thousand fifty".
pub fn en_integer(mut n: u64) -> String {
    if n == 0 {
        return "zero".to_owned();
    }
    let mut parts = Vec::new();
    let mut scale = 0;
    while n > 0 {
        let chunk = n % 1000;
        if chunk > 0 {
            let words = en_below_thousand(chunk);
            parts.push(if scale == 0 {
                words
            } else {
                format!("{words} {}", SCALES[scale])
            });
        }
        n /= 1000;
        scale += 1;
    }
    parts.reverse();
    parts.join(" ")
}

/// The amount in English words for a legal document, first letter
/// capitalised: "Ten thousand fifty yuan and thirty fen".
pub fn en_words(money: Money) -> String {
    let (major, minor_name) = match money.currency {
        Currency::Cny => (("yuan", "yuan"), ("fen", "fen")),
        Currency::Usd => (("dollar", "dollars"), ("cent", "cents")),
        Currency::Hkd => (("Hong Kong dollar", "Hong Kong dollars"), ("cent", "cents")),
        Currency::Eur => (("euro", "euros"), ("cent", "cents")),
        Currency::Gbp => (("pound", "pounds"), ("penny", "pence")),
    };
    let sign = if money.minor < 0 { "minus " } else { "" };
    let abs = money.minor.unsigned_abs();
    let (whole, cents) = (abs / 100, abs % 100);
    let pick = |n: u64, (one, many): (&'static str, &'static str)| if n == 1 { one } else { many };
    let mut text = format!("{sign}{} {}", en_integer(whole), pick(whole, major));
    if cents > 0 {
        text.push_str(&format!(
            " and {} {}",
            en_integer(cents),
            pick(cents, minor_name)
        ));
    } else {
        text.push_str(" only");
    }
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

// Amounts in the tests are written yuan_fen (1680_32 is ¥1,680.32).
#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping, clippy::mistyped_literal_suffixes)]
mod tests {
    use super::*;

    fn cny(minor: i64) -> String {
        zh_capital(Money::new(minor, Currency::Cny))
    }

    #[test]
    fn the_examples_from_the_brief() {
        assert_eq!(cny(3_500_000), "人民币叁万伍仟元整");
        assert_eq!(cny(1_005_030), "人民币壹万零伍拾元叁角");
    }

    #[test]
    fn exact_yuan_end_with_zheng() {
        assert_eq!(cny(0), "人民币零元整");
        assert_eq!(cny(100), "人民币壹元整");
        assert_eq!(cny(1000), "人民币壹拾元整");
        assert_eq!(cny(12_000_00), "人民币壹万贰仟元整");
    }

    #[test]
    fn zeros_inside_read_once() {
        assert_eq!(cny(1005_00), "人民币壹仟零伍元整");
        assert_eq!(cny(1050_00), "人民币壹仟零伍拾元整");
        assert_eq!(cny(100_001_00), "人民币壹拾万零壹元整");
        assert_eq!(cny(101_000_00), "人民币壹拾万壹仟元整");
        assert_eq!(cny(1_000_010_00), "人民币壹佰万零壹拾元整");
        assert_eq!(cny(6_007_00), "人民币陆仟零柒元整");
    }

    #[test]
    fn jiao_and_fen() {
        assert_eq!(cny(5), "人民币伍分");
        assert_eq!(cny(30), "人民币叁角");
        assert_eq!(cny(35), "人民币叁角伍分");
        assert_eq!(cny(1000_05), "人民币壹仟元零伍分");
        assert_eq!(cny(1680_32), "人民币壹仟陆佰捌拾元叁角贰分");
        assert_eq!(cny(10_05), "人民币壹拾元零伍分");
    }

    #[test]
    fn ten_thousands_and_hundred_millions() {
        assert_eq!(cny(10_000_00), "人民币壹万元整");
        assert_eq!(cny(10_000_000_00), "人民币壹仟万元整");
        assert_eq!(cny(100_000_000_00), "人民币壹亿元整");
        assert_eq!(cny(100_000_001_00), "人民币壹亿零壹元整");
        assert_eq!(cny(100_010_000_00), "人民币壹亿零壹万元整");
        assert_eq!(cny(120_034_500_00), "人民币壹亿贰仟零叁万肆仟伍佰元整");
        assert_eq!(cny(1_000_000_000_000_00), "人民币壹万亿元整");
        assert_eq!(cny(200_000_100_50), "人民币贰亿零壹佰元伍角");
    }

    #[test]
    fn english_words() {
        let w = |minor, c| en_words(Money::new(minor, c));
        assert_eq!(
            w(3_500_000, Currency::Cny),
            "Thirty-five thousand yuan only"
        );
        assert_eq!(
            w(1_005_030, Currency::Cny),
            "Ten thousand fifty yuan and thirty fen"
        );
        assert_eq!(w(100, Currency::Usd), "One dollar only");
        assert_eq!(
            w(1_234_567_01, Currency::Usd),
            "One million two hundred thirty-four thousand five hundred sixty-seven dollars and one cent"
        );
        assert_eq!(w(5, Currency::Usd), "Zero dollars and five cents");
        assert_eq!(
            w(100_000_000_00, Currency::Gbp),
            "One hundred million pounds only"
        );
    }
}
