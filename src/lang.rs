//! The language of human output: which one a run speaks. How each
//! writes numbers and dates is `render::written`'s.

/// The language numbers, dates and words of human output are written in
/// (`--lang`, the `lang` setting, else the locale).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// `fr` or `en` (a locale such as `fr_FR.UTF-8` too).
    pub fn parse(text: &str) -> Option<Lang> {
        let code = text.trim().to_ascii_lowercase();
        if code.starts_with("fr") {
            Some(Lang::Fr)
        } else if code.starts_with("en") || code == "c" || code == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The locale's language: the first of `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` that is set, as the C library reads them; English otherwise.
    pub fn from_locale(variable: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| variable(name).filter(|v| !v.is_empty()))
            .next()
            .and_then(|value| Lang::parse(&value))
            .unwrap_or_default()
    }

    /// The language's code, for `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}
