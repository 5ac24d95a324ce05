//! Line breaking: the pieces a line may break between (a Latin word or
//! number stays whole, every CJK character stands alone) and greedy
//! filling to a measure that keeps Chinese and Western closing punctuation
//! off the start of a line and an opening bracket off its end.

use super::fonts::Metrics;

/// Characters that must not begin a line (Chinese and Western closing
/// punctuation).
const NO_LINE_START: &str = "，。、；：？！）》」』】〉”’,.;:?!)%％";
/// Characters that must not end a line (opening brackets).
const NO_LINE_END: &str = "（《「『【〈“‘(";

/// Splits text into the pieces a line may break between: a run of Latin
/// letters and digits stays whole; every CJK character is its own piece.
fn pieces(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        // Letters and digits make words; a currency sign starts one and a
        // comma or point between digits stays inside ("¥3,500.50").
        let inside_number =
            matches!(c, ',' | '.') && word.chars().last().is_some_and(|l| l.is_ascii_digit());
        if c.is_ascii_alphanumeric()
            || (c.is_alphanumeric() && !is_cjk(c))
            || matches!(c, '¥' | '$' | '€' | '£')
            || inside_number
            || (matches!(c, '-' | '\'' | '/' | '@' | '_') && !word.is_empty())
        {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        out.push(c.to_string());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// Greedy line breaking at `max` points. A closing punctuation mark is
/// pulled onto the previous line (hanging slightly into the margin if it
/// must); an opening bracket moves to the next line with what it opens.
pub(super) fn wrap(m: &Metrics, text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0.0;
    for piece in pieces(text) {
        if piece == "\n" {
            lines.push(std::mem::take(&mut line));
            width = 0.0;
            continue;
        }
        let w = m.width(&piece, size);
        let first = piece.chars().next().unwrap_or(' ');
        if width + w > max && !line.is_empty() && !NO_LINE_START.contains(first) {
            // Carry a trailing opening bracket over with what follows.
            let mut carry = String::new();
            while line.chars().last().is_some_and(|c| NO_LINE_END.contains(c)) {
                if let Some(c) = line.pop() {
                    carry.insert(0, c);
                }
            }
            let done = std::mem::take(&mut line);
            lines.push(done.trim_end().to_owned());
            line = carry;
            width = m.width(&line, size);
            if piece == " " {
                continue;
            }
        }
        line.push_str(&piece);
        width += w;
    }
    if !line.is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::fonts::{FONT_REGULAR, load};
    use super::*;

    fn metrics() -> Metrics {
        Metrics::new(load(FONT_REGULAR).expect("font"))
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let m = metrics();
        let text = "王建国应于2025年2月20日前修复六楼直饮水管道，并赔偿李玥房屋及家具损失。双方互谅互让，今后和睦相处，不再因本纠纷发生争执。".repeat(4);
        for width in [100.0, 137.0, 160.0, 230.0, 311.0, 453.0] {
            let lines = wrap(&m, &text, 12.0, width);
            assert_eq!(lines.concat(), text, "nothing lost at {width}");
            for line in &lines[1..] {
                let first = line.chars().next().expect("non-empty line");
                assert!(
                    !NO_LINE_START.contains(first),
                    "{line:?} starts with {first} at {width}"
                );
            }
            for line in &lines {
                // A hanging mark may overflow by one character at most.
                assert!(
                    m.width(line, 12.0) <= width + 12.0,
                    "{line:?} too wide at {width}"
                );
            }
        }
    }

    #[test]
    fn english_words_are_not_split() {
        let m = metrics();
        let text = "This settlement agreement is binding and enforceable. The parties intend to be legally bound by it.";
        let lines = wrap(&m, text, 12.0, 150.0);
        assert!(lines.len() > 2);
        let words: Vec<&str> = text.split(' ').collect();
        let rejoined: Vec<String> = lines
            .iter()
            .flat_map(|l| l.split(' ').map(str::to_owned))
            .collect();
        assert_eq!(rejoined, words);
    }
}
