//! Civilities: `M.` and `Mme`, as the Conseil constitutionnel writes them.

use super::fold::fold;

/// The civilities as ledgers store them (and completions offer them).
pub const ALL: [&str; 2] = ["M.", "Mme"];

/// The civility `text` stands for, written as ledgers store it, if it is
/// one: `Monsieur`, `m`, `MR` are `M.`; `Madame`, `mme` are `Mme`.
pub fn civility(text: &str) -> Option<&'static str> {
    match fold(text).as_str() {
        "m" | "mr" | "monsieur" => Some(ALL[0]),
        "mme" | "madame" => Some(ALL[1]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::civility;

    #[test]
    fn civilities_are_read_in_any_spelling() {
        for (text, expected) in [
            ("M.", "M."),
            ("Monsieur", "M."),
            ("mr", "M."),
            ("Mme", "Mme"),
            ("MADAME", "Mme"),
        ] {
            assert_eq!(civility(text), Some(expected), "{text}");
        }
        assert_eq!(civility("Dr"), None);
    }
}
