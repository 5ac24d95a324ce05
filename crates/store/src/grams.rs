/// The 1- and 2-character pieces of a name, lowercased, without spaces:
/// the keys of the party-name search index. "王 芳" -> 王, 芳, 王芳.
pub fn name_grams(name: &str) -> Vec<String> {
    let chars: Vec<char> = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let mut grams: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
    grams.extend(chars.windows(2).map(|w| w.iter().collect()));
    grams.sort();
    grams.dedup();
    grams
}

/// The gram to look up for a search fragment: its first two characters
/// (or the only one). Candidates are then checked against the full text.
pub(crate) fn lookup_gram(fragment: &str) -> Option<String> {
    let gram: String = normalise(fragment).chars().take(2).collect();
    (!gram.is_empty()).then_some(gram)
}

/// A name or fragment as the index keys it: lowercase, no spaces.
pub(crate) fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grams_cover_every_fragment_of_two() {
        assert_eq!(name_grams("王芳"), vec!["王", "王芳", "芳"]);
        assert_eq!(
            name_grams("Li Yue"),
            vec!["e", "i", "iy", "l", "li", "u", "ue", "y", "yu"]
        );
        assert_eq!(lookup_gram(" 建国 "), Some("建国".into()));
        assert_eq!(lookup_gram("王建国"), Some("王建".into()));
        assert_eq!(lookup_gram("  "), None);
    }
}
