//! Folding text for comparison: case-, accent-, hyphen-, apostrophe- and
//! space-insensitive, as RULES.md §1 asks for names and SPEC.md for candidates.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `text` into `out`: lower case, accents removed, and every character
/// that is neither a letter nor a digit dropped ("Jouy-en-Argonne",
/// "jouy en argonne" and "JOUY EN ARGONNE" all fold to "jouyenargonne").
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        // The common case: no allocation beyond `out`.
        out.extend(
            text.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase() as char),
        );
        return;
    }
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
}

/// Folds `text` into a new string. See [`fold_into`].
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Folds but keeps word boundaries as single spaces, for matching labels
/// word by word ("Conseillère  départementale" → "conseillere departementale").
pub fn fold_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    for piece in text.split(|c: char| !c.is_alphanumeric() && !is_combining_mark(c)) {
        word.clear();
        fold_into(piece, &mut word);
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// Collapses runs of white space and trims, for displaying names as written
/// but without the official data's stray double spaces ("SMATI  Rafik").
pub fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("Hélène"), "helene");
        assert_eq!(fold("HELENE"), "helene");
        assert_eq!(fold("Jouy-en-Argonne"), fold("jouy en argonne"));
        assert_eq!(fold("Côtes-d'Armor"), "cotesdarmor");
        assert_eq!(fold("SMATI  Rafik"), fold("Smati Rafik"));
        assert_eq!(fold("BÉKAERT Corinne"), fold("BEKAERT Corinne"));
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    #[test]
    fn fold_words_keeps_boundaries() {
        assert_eq!(
            fold_words("Conseillère  départementale"),
            "conseillere departementale"
        );
        assert_eq!(fold_words("Maire d'arrondissement"), "maire d arrondissement");
    }

    #[test]
    fn tidy_collapses_spaces() {
        assert_eq!(tidy("  SMATI  Rafik "), "SMATI Rafik");
    }
}
