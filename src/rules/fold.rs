//! Folding text for comparison: case-, accent-, hyphen-, apostrophe- and
//! space-insensitive, as RULES.md §1 asks for names and SPEC.md for candidates.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `text` into `out`: lower case, accents removed, and every character
/// that is neither a letter nor a digit dropped ("Jouy-en-Argonne",
/// "jouy en argonne" and "JOUY EN ARGONNE" all fold to "jouyenargonne").
pub fn fold_into(text: &str, out: &mut impl FoldSink) {
    // ASCII and the accented letters of Latin-1 (two bytes, C3 xx: most
    // accents of French) are folded through tables; other characters one
    // by one, the other accented letters of Latin Extended-A looked up
    // directly and the rest decomposed.
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        i += out.push_simple(&bytes[i..]);
        if i >= bytes.len() {
            break;
        }
        // A character the tables do not fold: `i` is on its first byte.
        let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        match latin_base(c) {
            Some(base) => out.push_text(base),
            None => {
                let mut other = String::new();
                fold_other(c, &mut other);
                out.push_text(&other);
            }
        }
        i += c.len_utf8();
    }
}

/// What the character that starts `bytes` folds to, if the tables say
/// it: one ASCII byte (0 for a character dropped), and its length.
pub fn simple_fold(bytes: &[u8]) -> Option<(u8, usize)> {
    match bytes {
        [b, ..] if b.is_ascii() => Some((ASCII_FOLD[usize::from(*b)], 1)),
        [0xC3, next, ..] if LATIN1_FOLD[usize::from(next & 0x3F)] != 0 => {
            Some((LATIN1_FOLD[usize::from(next & 0x3F)], 2))
        }
        _ => None,
    }
}

/// What each ASCII byte folds to: letters in lower case, digits as they
/// are, 0 for everything else (dropped).
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// What the letters U+00C0 to U+00FF (UTF-8 C3 80 to C3 BF, indexed by
/// the second byte's low six bits) fold to, when it is one ASCII letter;
/// 0 for the others (×, ÷, Æ, ß…), folded the slow way.
const LATIN1_FOLD: [u8; 64] = {
    let mut table = [0u8; 64];
    let mut i = 0;
    while i < 64 {
        if let Some(c) = char::from_u32(0xC0 + i as u32)
            && let Some(base) = latin_base(c)
            && base.len() == 1
        {
            table[i] = base.as_bytes()[0];
        }
        i += 1;
    }
    table
};

/// Where folded text goes: a string, or bytes to hash.
pub trait FoldSink {
    /// Folds the start of `bytes` through the tables, up to the first
    /// character they do not fold; returns how many bytes were taken.
    fn push_simple(&mut self, bytes: &[u8]) -> usize;
    /// Text already folded.
    fn push_text(&mut self, text: &str);
}

impl FoldSink for String {
    fn push_simple(&mut self, bytes: &[u8]) -> usize {
        let mut i = 0;
        while let Some((folded, width)) = simple_fold(&bytes[i..]) {
            if folded != 0 {
                self.push(char::from(folded));
            }
            i += width;
        }
        i
    }

    fn push_text(&mut self, text: &str) {
        self.push_str(text);
    }
}

impl FoldSink for Vec<u8> {
    fn push_simple(&mut self, bytes: &[u8]) -> usize {
        // Written through a slice of room made beforehand: every byte is
        // written, and the length moves on past the kept ones only.
        let start = self.len();
        self.resize(start + bytes.len(), 0);
        let out = &mut self[start..];
        let (mut i, mut kept) = (0, 0);
        loop {
            // A run of ASCII, the common case, a byte at a time through the
            // table; `kept <= i` keeps each write inside `out`.
            while let (Some(b), Some(slot)) = (bytes.get(i), out.get_mut(kept))
                && b.is_ascii()
            {
                let folded = ASCII_FOLD[usize::from(*b)];
                *slot = folded;
                kept += usize::from(folded != 0);
                i += 1;
            }
            match simple_fold(&bytes[i..]) {
                Some((folded, width)) => {
                    out[kept] = folded;
                    kept += usize::from(folded != 0);
                    i += width;
                }
                None => break,
            }
        }
        self.truncate(start + kept);
        i
    }

    fn push_text(&mut self, text: &str) {
        self.extend_from_slice(text.as_bytes());
    }
}

/// The folded form of a Latin letter with a diacritic, if it is one.
const fn latin_base(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => "c",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' => "i",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'ò'..='ö' | 'Ø' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => "o",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => "u",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => "y",
        'Š' | 'š' | 'Ś' | 'ś' | 'Ş' | 'ş' => "s",
        'Ž' | 'ž' | 'Ź' | 'ź' | 'Ż' | 'ż' => "z",
        'Œ' | 'œ' => "oe",
        'Æ' | 'æ' => "ae",
        'ß' => "ss",
        _ => return None,
    })
}

fn fold_other(c: char, out: &mut String) {
    for d in std::iter::once(c).nfkd() {
        if is_combining_mark(d) {
            continue;
        }
        if let Some(base) = latin_base(d) {
            out.push_str(base);
        } else if let Some(twin) = latin_twin(d) {
            out.push(twin);
        } else if d.is_alphanumeric() {
            out.extend(d.to_lowercase());
        }
    }
}

/// The Latin letter, folded, that a Greek or Cyrillic letter cannot be
/// told from (Cyrillic О, Greek Ο: o), so that `DUPОNT` typed with a
/// Russian keyboard is the same official as `DUPONT`.
///
/// The look-alikes are Unicode's confusables (UTS #39), through the
/// `unicode-security` crate's skeletons. Only letters of those two scripts
/// are mapped, and only to one Latin letter: Latin text is never touched
/// (the skeletons also make `rn` of `m` and `l` of `I`), digits and pairs
/// of letters are left out. Where two Latin letters share a skeleton (`I`
/// and `l`), the one of the same case is the twin.
fn latin_twin(c: char) -> Option<char> {
    use std::sync::OnceLock;
    use unicode_security::confusable_detection::skeleton;
    if !matches!(c, '\u{370}'..='\u{3FF}' | '\u{400}'..='\u{52F}' | '\u{1F00}'..='\u{1FFF}') {
        return None;
    }
    static LATIN: OnceLock<Vec<(char, String)>> = OnceLock::new();
    let latin = LATIN.get_or_init(|| {
        ('A'..='Z')
            .chain('a'..='z')
            .map(|letter| (letter, skeleton(letter.encode_utf8(&mut [0; 4])).collect()))
            .collect()
    });
    let shape: String = skeleton(c.encode_utf8(&mut [0; 4])).collect();
    let mut twins = latin
        .iter()
        .filter(|(_, skeleton)| *skeleton == shape)
        .map(|(letter, _)| *letter);
    let first = twins.next()?;
    let same_case = std::iter::once(first)
        .chain(twins)
        .find(|letter| letter.is_uppercase() == c.is_uppercase());
    Some(same_case.unwrap_or(first).to_ascii_lowercase())
}

/// Whether `raw` folds to `folded`, decided as early as possible: most
/// names differ from the first letter. `raw` that is not UTF-8 folds to
/// nothing it could equal.
pub fn folds_to(raw: &[u8], folded: &str) -> bool {
    let want = folded.as_bytes();
    // ASCII names are compared byte by byte, without folding them whole.
    if raw.is_ascii() {
        let mut letters = raw
            .iter()
            .filter(|b| b.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase);
        return want.iter().all(|w| letters.next() == Some(*w)) && letters.next().is_none();
    }
    match std::str::from_utf8(raw) {
        Ok(text) => fold(text) == folded,
        Err(_) => false,
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
    let mut out = String::with_capacity(text.len());
    tidy_into(text, &mut out);
    out
}

/// [`tidy`] into `out`, replacing what it held (and keeping its allocation).
pub fn tidy_into(text: &str, out: &mut String) {
    out.clear();
    // Most values are tidy already: copied as they are.
    let mut untidy = false;
    let mut after_space = true;
    let mut ascii = true;
    for &b in text.as_bytes() {
        if b.is_ascii_whitespace() {
            untidy |= after_space || b != b' ';
            after_space = true;
        } else {
            after_space = false;
            ascii &= b.is_ascii();
        }
    }
    untidy |= after_space && !text.is_empty();
    untidy |= !ascii && text.chars().any(|c| c.is_whitespace() && !c.is_ascii());
    if !untidy {
        out.push_str(text);
        return;
    }
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greek_and_cyrillic_look_alikes_fold_to_their_latin_twins() {
        // Cyrillic О and Greek Ο in the middle of a Latin name.
        assert_eq!(fold("DUP\u{41E}NT"), "dupont");
        assert_eq!(fold("DUP\u{39F}NT"), "dupont");
        // Cyrillic а, е, о, р, с, х, у; Greek ι and ν.
        assert_eq!(
            fold("\u{440}\u{430}\u{441}\u{43E}\u{445}\u{435}\u{443}"),
            "pacoxey"
        );
        assert_eq!(fold("\u{3B9}\u{3BD}"), "iv");
        // Capital Cyrillic І and Greek Ι look like I, not l.
        assert_eq!(fold("\u{406}\u{399}"), "ii");
        // Accented: Greek Ό is Ο with tonos; Cyrillic Ё is Е with diaeresis.
        assert_eq!(fold("\u{38C}\u{401}"), "oe");
        // Letters with no one Latin twin stay themselves.
        assert_eq!(fold("\u{416}\u{3A9}"), "\u{436}\u{3C9}");
        assert_eq!(fold("\u{417}"), "\u{437}", "З is not the digit 3");
        // Latin is never touched: no rn for m, no l for I.
        assert_eq!(fold("Marie Irène"), "marieirene");
        assert_eq!(fold("rn"), "rn");
    }

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
    fn the_latin_table_agrees_with_decomposition() {
        // Every character the table folds directly folds the same way
        // through Unicode decomposition.
        for c in ('\u{c0}'..='\u{17f}').filter(|c| latin_base(*c).is_some()) {
            let mut decomposed = String::new();
            for d in std::iter::once(c).nfkd().filter(|d| !is_combining_mark(*d)) {
                decomposed.extend(d.to_lowercase());
            }
            let expected = match c {
                'Œ' | 'œ' => "oe".to_string(),
                'Æ' | 'æ' => "ae".to_string(),
                'ß' => "ss".to_string(),
                'Ø' | 'ø' => "o".to_string(),
                _ => decomposed,
            };
            assert_eq!(latin_base(c), Some(expected.as_str()), "{c}");
        }
        assert_eq!(fold("Łódź"), "łodz");
    }

    #[test]
    fn folds_to_agrees_with_fold() {
        for (raw, other) in [
            ("DUPONT", "Dupont"),
            ("Le Gall", "LEGALL"),
            ("Hélène", "HELENE"),
            ("DUPONT", "DUPONTEL"),
            ("DUPONTEL", "DUPONT"),
            ("", "A"),
            ("Ab", ""),
        ] {
            assert_eq!(
                folds_to(raw.as_bytes(), &fold(other)),
                fold(raw) == fold(other),
                "{raw} {other}"
            );
        }
        assert!(!folds_to(b"H\xe9l\xe8ne", "helene"));
    }

    /// Folding one character at a time, with none of the tables.
    fn fold_by_character(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    out.push(c.to_ascii_lowercase());
                }
            } else if let Some(base) = latin_base(c) {
                out.push_str(base);
            } else {
                fold_other(c, &mut out);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_tables_fold_as_each_character_does(text in "[\\x00-\\u{17f}\u{1e9e}ǅ\u{301}]{0,24}") {
            let mut bytes = Vec::new();
            fold_into(&text, &mut bytes);
            let expected = fold_by_character(&text);
            proptest::prop_assert_eq!(String::from_utf8(bytes).ok(), Some(expected.clone()));
            proptest::prop_assert_eq!(fold(&text), expected);
        }
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
        assert_eq!(tidy("SMATI\tRafik"), "SMATI Rafik");
        assert_eq!(tidy("SMATI Rafik\r"), "SMATI Rafik");
        assert_eq!(tidy("SMATI\u{a0}\u{a0}Rafik"), "SMATI Rafik");
        assert_eq!(
            tidy("Saint-Martin / Saint-Barthélémy"),
            "Saint-Martin / Saint-Barthélémy"
        );
        assert_eq!(tidy(""), "");
    }
}
