//! Amounts in words, as legal documents write them next to the figures:
//! Chinese capital numerals by the accounting rules (大写金额) and English
//! words.

use crate::{Currency, Money};

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const IN_GROUP: [&str; 4] = ["", "拾", "佰", "仟"];

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
///
/// Above 亿 the count of 亿 is itself read with 万: 1,2345,0000,0000 is
/// 壹万贰仟叁佰肆拾伍亿 (never "壹万亿贰仟…亿"), and 万亿 appears only
/// when the 亿 part has nothing between its 万 and its 亿.
pub fn zh_capital_integer(n: u64) -> String {
    const YI: u64 = 100_000_000;
    if n == 0 {
        return "零".to_owned();
    }
    if n < YI {
        return below_yi(n);
    }
    let (high, low) = (n / YI, n % YI);
    let mut out = zh_capital_integer(high);
    out.push('亿');
    if low > 0 {
        // A 零 stands for the empty places between: the 仟万 place, or a
        // whole section of 亿 (1,0000,1000,0000: 壹万亿零壹仟万).
        if low < 10_000_000 || high % 10_000 == 0 {
            out.push('零');
        }
        out.push_str(&below_yi(low));
    }
    out
}

/// 1..=9999_9999 in capital numerals: groups of four under 万.
fn below_yi(n: u64) -> String {
    let (wan, rest) = (n / 10_000, n % 10_000);
    let mut out = String::new();
    if wan > 0 {
        out.push_str(&zh_group(wan));
        out.push('万');
    }
    if rest > 0 {
        // A group below 1000 after the 万 group reads with a 零 before it.
        if wan > 0 && rest < 1000 {
            out.push('零');
        }
        out.push_str(&zh_group(rest));
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
    fn ten_thousand_yi_and_more_read_the_count_of_yi_with_wan() {
        // Written out by hand, not by the code under test.
        let table: [(i64, &str); 12] = [
            (1_2345_0000_0000_00, "人民币壹万贰仟叁佰肆拾伍亿元整"),
            (1_0000_0000_0000_00, "人民币壹万亿元整"),
            (1_0000_0005_0000_00, "人民币壹万亿零伍万元整"),
            (1_0000_1000_0000_00, "人民币壹万亿零壹仟万元整"),
            (1_0001_0000_0000_00, "人民币壹万零壹亿元整"),
            (10_0000_0000_0000_00, "人民币壹拾万亿元整"),
            (
                12_3456_7890_1234_56,
                "人民币壹拾贰万叁仟肆佰伍拾陆亿柒仟捌佰玖拾万壹仟贰佰叁拾肆元伍角陆分",
            ),
            (
                9999_9999_9999_99,
                "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
            ),
            (
                9_9999_9999_9999_99,
                "人民币玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
            ),
            (5_0000_0000_0001_00, "人民币伍万亿零壹元整"),
            (3_0200_0000_0000_00, "人民币叁万零贰佰亿元整"),
            (20_0000_0001_00, "人民币贰拾亿零壹元整"),
        ];
        for (minor, words) in table {
            assert_eq!(cny(minor), words, "{minor}");
        }
    }

    /// An independent reading, digit by digit from the highest place, the
    /// way an accountant writes a cheque: each non-zero digit with its place
    /// (拾佰仟 within a section), 万 and 亿 closing a section that has a
    /// digit (亿 also after a section of 万亿), a run of zeros read as one
    /// 零 before the next non-zero digit, except zeros that only end a
    /// section with digits (the 万位 or 亿位 empty and the next 仟 place
    /// not: "may be left out", the rule this code has always followed, as
    /// 壹拾万壹仟); a whole empty section is read as 零.
    fn by_places(n: u64) -> String {
        const PLACE: [&str; 4] = ["", "拾", "佰", "仟"];
        if n == 0 {
            return "零".to_owned();
        }
        let digits: Vec<u64> = n.to_string().bytes().map(|b| u64::from(b - b'0')).collect();
        let len = digits.len();
        let mut out = String::new();
        let mut zero = false;
        let mut section_has_digit = false;
        let mut above_yi = false;
        for (i, &d) in digits.iter().enumerate() {
            let pos = len - 1 - i;
            if d == 0 {
                zero = !out.is_empty();
            } else {
                if zero {
                    out.push('零');
                    zero = false;
                }
                out.push(DIGITS[d as usize]);
                out.push_str(PLACE[pos % 4]);
                section_has_digit = true;
                if pos >= 8 {
                    above_yi = true;
                }
            }
            if pos > 0 && pos.is_multiple_of(4) {
                let is_yi = (pos / 4).is_multiple_of(2);
                if is_yi && above_yi {
                    out.push('亿');
                } else if !is_yi && section_has_digit {
                    out.push('万');
                }
                if is_yi {
                    above_yi = false;
                }
                if section_has_digit {
                    zero = false;
                }
                section_has_digit = false;
            }
        }
        out
    }

    #[test]
    fn every_amount_up_to_ten_thousand_yi_agrees_with_a_reading_by_places() {
        // Every digit count, each place alone, runs of zeros in every
        // section, and a spread of pseudo-random amounts up to
        // 9,999,999,999,999.99.
        let mut values: Vec<u64> = Vec::new();
        for exp in 0..13 {
            let p = 10u64.pow(exp);
            values.extend([p, p * 5, p * 10 - 1, p + 1, p * 3 + 7]);
            for other in 0..exp {
                values.push(p + 10u64.pow(other));
            }
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Knock out digits so that zeros come in runs.
            let mut v = x % 10_000_000_000_000;
            let mask = (x >> 40) % 8192;
            for place in 0..13 {
                if mask & (1 << place) != 0 {
                    let p = 10u64.pow(place);
                    v -= (v / p % 10) * p;
                }
            }
            values.push(v);
        }
        for v in values {
            assert!(v <= 9_999_999_999_999);
            assert_eq!(zh_capital_integer(v), by_places(v), "{v}");
        }
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
