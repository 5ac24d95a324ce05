//! The signature dictionaries read straight from the file's bytes, without
//! loading the PDF: every `/ByteRange` key is found, and the dictionary
//! that holds it is read with a small tokenizer. Everything here is
//! bounded (how far back a dictionary may start, how deep it nests, how
//! many tokens it has, how long a number may be) and indexes only with
//! checked access, so no file makes it panic or allocate without bound.
//!
//! Reading the bytes (rather than a PDF library's object model) means the
//! verifier sees what is written in the file, including a signature that a
//! later revision hides by reusing the object number.

use super::SealError;

/// The key that marks a signature dictionary.
const BYTE_RANGE: &[u8] = b"/ByteRange";
/// How many `/ByteRange` keys are read as dictionaries; more are only
/// counted.
const MAX_READ: usize = 32;
/// How far before `/ByteRange` its dictionary may start (its `/Contents`
/// may come first, and a reserve is 2 × 8 KB of hex in our seals).
const LOOK_BACK: usize = 256 * 1024;
/// Nesting, token and length limits of the tokenizer.
const MAX_DEPTH: usize = 16;
const MAX_TOKENS: usize = 4096;
const MAX_STRING: usize = 64 * 1024;
const MAX_HEX: usize = LOOK_BACK;
const MAX_NAME: usize = 1024;
/// Digits a byte range number may have: 18 always fit an `i64`, and no
/// file this program reads is longer than 10^18 bytes.
const MAX_DIGITS: usize = 18;

/// One signature dictionary as written in the file.
#[derive(Debug, Clone)]
pub(super) struct SigDict {
    /// The byte range, or why it is not four integers.
    pub byte_range: Result<[i64; 4], SealError>,
    /// Where the `/Contents` hex string is: the offset of its `<` and the
    /// offset just after its `>`.
    pub contents: Option<(usize, usize)>,
    /// `/M`, `/Name` and `/Reason` as string bytes.
    pub m: Option<Vec<u8>>,
    pub name: Option<Vec<u8>>,
    pub reason: Option<Vec<u8>>,
}

/// The signature dictionaries of a file, in file order, and how many it
/// holds: a `/ByteRange` that is not a key of an object's dictionary (in
/// a stream, in a string) is not a signature; past the first [`MAX_READ`]
/// keys every one is counted as a signature without being read.
pub(super) fn signatures(pdf: &[u8]) -> (Vec<SigDict>, usize) {
    let mut found = Vec::new();
    let mut count = 0;
    let mut read = 0;
    let mut from = 0;
    while let Some(at) = find(pdf.get(from..).unwrap_or_default(), BYTE_RANGE) {
        let at = from + at;
        from = at + BYTE_RANGE.len();
        // `/ByteRangeX` is another name.
        if pdf.get(from).is_some_and(|&c| is_regular(c)) {
            continue;
        }
        if read == MAX_READ {
            count += 1;
            continue;
        }
        read += 1;
        if let Some(dict) = dictionary_around(pdf, at) {
            count += 1;
            found.push(dict);
        }
    }
    (found, count)
}

/// The dictionary of the indirect object whose `/ByteRange` key is at
/// `at`; `None` when `at` is not a key of such a dictionary (a stray
/// `/ByteRange` in a stream or a string).
fn dictionary_around(pdf: &[u8], at: usize) -> Option<SigDict> {
    let start = at.saturating_sub(LOOK_BACK);
    let before = pdf.get(start..at)?;
    // The last "obj" keyword before the key that is not "endobj".
    let mut end = before.len();
    let obj = loop {
        let i = rfind(before.get(..end)?, b"obj")?;
        let preceded = i
            .checked_sub(1)
            .and_then(|j| before.get(j))
            .is_some_and(|&c| is_white(c));
        let followed = before
            .get(i + 3)
            .is_none_or(|&c| is_white(c) || is_delimiter(c));
        if preceded && followed {
            break start + i + 3;
        }
        end = i;
    };
    let mut lexer = Lexer {
        b: pdf,
        pos: obj,
        tokens: 0,
    };
    let Value::Dict(entries) = lexer.value(0).ok()? else {
        return None;
    };
    let (_, _, byte_range) = entries
        .iter()
        .find(|(key, key_at, _)| key.as_slice() == b"ByteRange" && *key_at == at)?;
    let get = |name: &[u8]| {
        entries
            .iter()
            .find(|(key, _, _)| key.as_slice() == name)
            .map(|(_, _, v)| v)
    };
    let string = |name: &[u8]| match get(name) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::HexString { start, end }) => {
            pdf.get(start + 1..end.saturating_sub(1)).map(hex_bytes)
        }
        _ => None,
    };
    Some(SigDict {
        byte_range: byte_range_numbers(pdf, byte_range),
        contents: match get(b"Contents") {
            Some(Value::HexString { start, end, .. }) => Some((*start, *end)),
            _ => None,
        },
        m: string(b"M"),
        name: string(b"Name"),
        reason: string(b"Reason"),
    })
}

/// The bytes of a hex string's digits (white space skipped, an odd last
/// digit padded with 0, as PDF reads it).
fn hex_bytes(digits: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(digits.len() / 2 + 1);
    let mut high = None;
    for d in digits.iter().filter_map(|&c| char::from(c).to_digit(16)) {
        let d = d as u8; // a hex digit, below 16
        match high.take() {
            Some(h) => out.push(h << 4 | d),
            None => high = Some(d),
        }
    }
    out.extend(high.map(|h| h << 4));
    out
}

/// Four integers, each checked: a sign and at most [`MAX_DIGITS`] digits.
fn byte_range_numbers(pdf: &[u8], value: &Value) -> Result<[i64; 4], SealError> {
    let Value::Array(items) = value else {
        return Err(SealError::ByteRangeShape);
    };
    let [a, b, c, d] = items.as_slice() else {
        return Err(SealError::ByteRangeShape);
    };
    let number = |v: &Value| -> Result<i64, SealError> {
        let Value::Number { start, end } = *v else {
            return Err(SealError::ByteRangeShape);
        };
        let text = pdf.get(start..end).ok_or(SealError::ByteRangeShape)?;
        let (negative, digits) = match text {
            [b'-', rest @ ..] => (true, rest),
            [b'+', rest @ ..] => (false, rest),
            _ => (false, text),
        };
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return Err(SealError::ByteRangeShape);
        }
        let significant = digits.iter().skip_while(|&&c| c == b'0').count();
        if significant > MAX_DIGITS {
            return Err(SealError::ByteRangeHuge);
        }
        let n = digits
            .iter()
            .fold(0i64, |n, &c| n * 10 + i64::from(c - b'0'));
        Ok(if negative { -n } else { n })
    };
    Ok([number(a)?, number(b)?, number(c)?, number(d)?])
}

/// A value as far as a signature dictionary needs it.
#[derive(Debug, Clone)]
enum Value {
    /// Entries with the offset of each key's `/`.
    Dict(Vec<(Vec<u8>, usize, Value)>),
    Array(Vec<Value>),
    Name,
    /// A number token, by its place in the file.
    Number {
        start: usize,
        end: usize,
    },
    /// A literal string, decoded.
    String(Vec<u8>),
    /// A hex string, by where it is (`<` to just after `>`).
    HexString {
        start: usize,
        end: usize,
    },
    /// `true`, `false`, `null`, `R` and the like.
    Keyword,
}

/// A bounded PDF tokenizer over the whole file, starting at `pos`.
struct Lexer<'a> {
    b: &'a [u8],
    pos: usize,
    tokens: usize,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    /// Skips white space and comments.
    fn skip(&mut self) {
        while let Some(c) = self.peek() {
            if is_white(c) {
                self.pos += 1;
            } else if c == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ()> {
        self.tokens += 1;
        if depth > MAX_DEPTH || self.tokens > MAX_TOKENS {
            return Err(());
        }
        self.skip();
        let start = self.pos;
        match self.peek().ok_or(())? {
            b'<' if self.b.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let mut entries = Vec::new();
                loop {
                    self.skip();
                    if self.b.get(self.pos..self.pos + 2) == Some(b">>") {
                        self.pos += 2;
                        return Ok(Value::Dict(entries));
                    }
                    let key_at = self.pos;
                    if self.peek() != Some(b'/') {
                        return Err(());
                    }
                    let key = self.name()?;
                    let value = self.value(depth + 1)?;
                    // `12 0 R`: the value is a reference.
                    if matches!(value, Value::Number { .. }) {
                        self.reference_tail();
                    }
                    entries.push((key, key_at, value));
                }
            }
            b'<' => {
                self.pos += 1;
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if self.pos - start > MAX_HEX {
                        return Err(());
                    }
                    if c == b'>' {
                        return Ok(Value::HexString {
                            start,
                            end: self.pos,
                        });
                    }
                    if !(c.is_ascii_hexdigit() || is_white(c)) {
                        return Err(());
                    }
                }
                Err(())
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        return Ok(Value::Array(items));
                    }
                    items.push(self.value(depth + 1)?);
                }
            }
            b'(' => self.literal().map(Value::String),
            b'/' => {
                self.name()?;
                Ok(Value::Name)
            }
            c if c == b'+' || c == b'-' || c == b'.' || c.is_ascii_digit() => {
                self.pos += 1;
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                Ok(Value::Number {
                    start,
                    end: self.pos,
                })
            }
            c if is_regular(c) => {
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                Ok(Value::Keyword)
            }
            _ => Err(()),
        }
    }

    /// After a number in a dictionary: ` 0 R` if it is a reference.
    fn reference_tail(&mut self) {
        let back = self.pos;
        self.skip();
        let digits = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let had_digits = self.pos > digits;
        self.skip();
        if had_digits
            && self.peek() == Some(b'R')
            && self.b.get(self.pos + 1).is_none_or(|&c| !is_regular(c))
        {
            self.pos += 1;
        } else {
            self.pos = back;
        }
    }

    /// A name after its `/`, with `#xx` escapes decoded.
    fn name(&mut self) -> Result<Vec<u8>, ()> {
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(c) = self.peek().filter(|&c| is_regular(c)) {
            self.pos += 1;
            if out.len() == MAX_NAME {
                return Err(());
            }
            let escaped = (c == b'#')
                .then(|| self.b.get(self.pos..self.pos + 2))
                .flatten()
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match escaped {
                Some(byte) => {
                    out.push(byte);
                    self.pos += 2;
                }
                None => out.push(c),
            }
        }
        Ok(out)
    }

    /// A literal string: balanced parentheses, backslash escapes.
    fn literal(&mut self) -> Result<Vec<u8>, ()> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 0usize;
        loop {
            let c = self.peek().ok_or(())?;
            self.pos += 1;
            if out.len() == MAX_STRING {
                return Err(());
            }
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' if depth == 0 => return Ok(out),
                b')' => {
                    depth -= 1;
                    out.push(c);
                }
                b'\\' => {
                    let e = self.peek().ok_or(())?;
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
    }
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(c: u8) -> bool {
    !is_white(c) && !is_delimiter(c)
}

pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(i) = position(haystack.get(from..)?, first) {
        let at = from + i;
        if haystack.get(at + 1..at + needle.len()) == Some(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Where `byte` first is (the standard library's `memchr`, fast even in
/// a debug build).
fn position(haystack: &[u8], byte: u8) -> Option<usize> {
    let mut rest = haystack;
    let read = std::io::BufRead::skip_until(&mut rest, byte).ok()?;
    let at = read.checked_sub(1)?;
    (haystack.get(at) == Some(&byte)).then_some(at)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn only(pdf: &[u8]) -> SigDict {
        let (found, count) = signatures(pdf);
        assert_eq!(count, 1);
        found.into_iter().next().unwrap()
    }

    #[test]
    fn a_signature_dictionary_is_read_from_the_bytes() {
        let pdf = b"%PDF-1.7\n7 0 obj\n<</Type/Sig/Contents<00AB>/ByteRange[0 10 20 30   ]/M(D:2025\\051)/Name<FEFF0041>/Reason(a (b) c)/Prop 5 0 R>>\nendobj\n";
        let sig = only(pdf);
        assert_eq!(sig.byte_range, Ok([0, 10, 20, 30]));
        let (s, e) = sig.contents.unwrap();
        assert_eq!(&pdf[s..e], b"<00AB>");
        assert_eq!(sig.m.as_deref(), Some(&b"D:2025)"[..]));
        assert_eq!(sig.reason.as_deref(), Some(&b"a (b) c"[..]));
        assert_eq!(sig.name.as_deref(), Some(&[0xfe, 0xff, 0, 0x41][..]));
    }

    #[test]
    fn numbers_are_checked() {
        let dict = |range: &str| {
            let pdf = format!("1 0 obj <</ByteRange {range}/Contents<00>>> endobj");
            only(pdf.as_bytes()).byte_range
        };
        assert_eq!(dict("[0 -1 2 3]"), Ok([0, -1, 2, 3]));
        assert_eq!(dict("[0 1 2]"), Err(SealError::ByteRangeShape));
        assert_eq!(dict("[0 1 2 3.5]"), Err(SealError::ByteRangeShape));
        assert_eq!(dict("5 0 R"), Err(SealError::ByteRangeShape));
        assert_eq!(
            dict("[0 1 2 99999999999999999999999999]"),
            Err(SealError::ByteRangeHuge)
        );
        assert_eq!(
            dict("[0 1 2 -999999999999999999]"),
            Ok([0, 1, 2, -999_999_999_999_999_999])
        );
    }

    #[test]
    fn stray_keys_are_not_signatures() {
        let (found, count) = signatures(b"1 0 obj <</Length 3>> stream\n/ByteRange\nendstream");
        assert!(found.is_empty());
        assert_eq!(count, 0);
        let (_, count) = signatures(b"1 0 obj <</ByteRanges[]/ByteRange[]>> endobj");
        assert_eq!(count, 1);
    }
}
