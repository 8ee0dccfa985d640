//! Settings: `parrainage.toml`, found where the ledger is, overridden by
//! flags.
//!
//! With no settings and no `--election`, the election is chosen by the
//! files' own dates, or the next one (`context`).

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use crate::message::Message;
use crate::msg;
use crate::rules::Election;
use crate::rules::election::PRESETS;

/// The settings file's name.
pub const FILE_NAME: &str = "parrainage.toml";

/// What `parrainage.toml` may say.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub candidate: Option<String>,
    pub election: Option<u16>,
    pub opens: Option<toml::Value>,
    pub closes: Option<toml::Value>,
    pub first_round: Option<toml::Value>,
    pub threshold: Option<u32>,
    pub min_departments: Option<u32>,
    pub max_share: Option<f64>,
    /// The directory of the register of elected officials (RNE), relative
    /// to the settings file.
    pub register: Option<PathBuf>,
    /// The language of human output: `fr` or `en`.
    pub lang: Option<String>,
    /// Where `fetch` downloads the publication, rather than the preset's
    /// address.
    pub publication_url: Option<String>,
    /// The directory where `fetch` keeps each publication, relative to the
    /// settings file [default: `publications/` beside the ledger].
    pub archive: Option<PathBuf>,
    /// Past publications that `prospects` joins with the register (who
    /// sponsored before), relative to the settings file.
    pub history: Option<Vec<PathBuf>>,
}

/// Flags that override the settings.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub election: Option<u16>,
    pub first_round: Option<NaiveDate>,
}

/// How a settings file was found, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// `--config`.
    Flag,
    /// `$PARRAINAGE_CONFIG`.
    Environment,
    /// Beside the ledger file, or in the ledger directory.
    Beside,
    /// In a parent directory of the ledger.
    Above,
    /// In the current directory.
    CurrentDirectory,
}

impl Found {
    pub fn describe(self) -> Message {
        match self {
            Found::Flag => msg!(GivenWithConfig),
            Found::Environment => msg!(NamedByEnvironment),
            Found::Beside => msg!(FoundBeside),
            Found::Above => msg!(FoundAbove),
            Found::CurrentDirectory => msg!(FoundHere),
        }
    }
}

/// Why a settings file cannot be used: it cannot be read, or it is not
/// TOML of the settings.
#[derive(Debug)]
pub enum SettingsError {
    Io { path: PathBuf, source: std::io::Error },
    Toml { path: PathBuf, source: toml::de::Error },
}

impl From<SettingsError> for Message {
    fn from(error: SettingsError) -> Message {
        let (path, why) = match &error {
            SettingsError::Io { path, source } => (path, source.to_string()),
            SettingsError::Toml { path, source } => (path, source.to_string()),
        };
        msg!(FileSaid, path, Message::verbatim(why))
    }
}

/// The settings of the ledger file or directory `ledger`: `parrainage.toml`
/// beside the file (or in the directory), else in its parent directories
/// up to the repository's root (the directory that holds `.git`) or the
/// file system's root, else the current directory's. `None` if there is
/// none. (`--config` and `$PARRAINAGE_CONFIG` come first: the caller's.)
pub fn find(ledger: &Path) -> Option<(PathBuf, Found)> {
    // The directory as written (empty for the current one), for messages.
    let start = if ledger.is_dir() {
        ledger.to_path_buf()
    } else {
        ledger.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    // Upward through the directories as they really are (`..` and links
    // resolved), so that `ledger.csv` in the current directory finds the
    // repository root above it.
    let here = if start.as_os_str().is_empty() {
        Path::new(".")
    } else {
        start.as_path()
    };
    let absolute = std::fs::canonicalize(here).unwrap_or_else(|_| here.to_path_buf());
    let mut found = Found::Beside;
    for directory in absolute.ancestors() {
        let candidate = directory.join(FILE_NAME);
        if candidate.is_file() {
            // Said as the user wrote the ledger's path where that is the
            // same directory.
            let shown = if found == Found::Beside {
                start.join(FILE_NAME)
            } else {
                candidate
            };
            return Some((shown, found));
        }
        if directory.join(".git").exists() {
            break;
        }
        found = Found::Above;
    }
    let here = PathBuf::from(FILE_NAME);
    here.is_file().then_some((here, Found::CurrentDirectory))
}

/// Where `init` writes the settings of a new ledger: in the ledger's
/// directory if the ledger is one, else beside the ledger file.
pub fn default_path(ledger: &Path) -> PathBuf {
    if ledger.is_dir() {
        let inside = ledger.join(FILE_NAME);
        if inside.exists() {
            return inside;
        }
    }
    match ledger.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join(FILE_NAME),
        _ => PathBuf::from(FILE_NAME),
    }
}

impl Settings {
    /// Whether the settings say which election, or its dates.
    pub fn chooses_election(&self) -> bool {
        self.election.is_some() || self.opens.is_some() || self.closes.is_some() || self.first_round.is_some()
    }

    /// Reads a settings file. `Ok(None)` when there is none.
    pub fn load(path: &Path) -> Result<Option<Settings>, SettingsError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(SettingsError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        toml::from_str(&text)
            .map(Some)
            .map_err(|source| SettingsError::Toml {
                path: path.to_path_buf(),
                source,
            })
    }

    /// The election these settings and `overrides` describe; `default`,
    /// the year chosen otherwise, when neither names one.
    pub fn election(&self, overrides: &Overrides, path: &Path, default: u16) -> Result<Election, Message> {
        let bad = |key: &str, why: Message| msg!(BadSetting, path, key, why);
        let year = overrides.election.or(self.election).unwrap_or(default);
        let mut election = Election::preset(year).ok_or_else(|| {
            let known: Vec<String> = PRESETS.iter().map(u16::to_string).collect();
            msg!(NoSuchPreset, year.to_string(), known.join(", "))
        })?;
        if let Some(value) = &self.first_round {
            election.set_first_round(parse_day(value).map_err(|e| bad("first_round", e))?);
        }
        if let Some(value) = &self.opens {
            election.opens = Some(parse_day(value).map_err(|e| bad("opens", e))?);
        }
        if let Some(value) = &self.closes {
            election.closes = Some(parse_time(value).map_err(|e| bad("closes", e))?);
        }
        if let Some(first_round) = overrides.first_round {
            election.set_first_round(first_round);
        }
        if let Some(threshold) = self.threshold {
            if threshold == 0 {
                return Err(bad("threshold", msg!(AtLeastOne)));
            }
            election.threshold = threshold;
        }
        if let Some(min) = self.min_departments {
            election.min_departments = min;
        }
        if let Some(share) = self.max_share {
            if !(share > 0.0 && share <= 1.0) {
                return Err(bad("max_share", msg!(NotAShare, share.to_string())));
            }
            election.max_share = share;
        }
        election.possible().map_err(|why| msg!(FileSaid, path, why))?;
        Ok(election)
    }
}

fn value_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn parse_day(value: &toml::Value) -> Result<NaiveDate, Message> {
    crate::rules::election::parse_day(&value_text(value)).map_err(Message::from)
}

/// A date and time in Paris; a date alone means 18:00, the legal hour.
pub fn parse_time(value: &toml::Value) -> Result<NaiveDateTime, Message> {
    let text = value_text(value);
    let text = text.trim();
    // The day as any other date typed, then the time, if any.
    let (day, time) = text.split_once([' ', 'T']).unwrap_or((text, "18:00"));
    let day = crate::rules::election::parse_day(day).map_err(|_| msg!(NotADateAndTime, text))?;
    ["%H:%M", "%H:%M:%S"]
        .iter()
        .find_map(|format| NaiveTime::parse_from_str(time, format).ok())
        .map(|time| day.and_time(time))
        .ok_or_else(|| msg!(NotADateAndTime, text))
}

/// The text of a new settings file; `provenance`, where the preset's dates
/// come from ([`Election::provenance`]), as its comment says it.
pub fn render(candidate: Option<&str>, election: &Election, provenance: Option<&str>) -> String {
    let mut out = String::from("# Settings of this parrainage ledger. Flags override them.\n");
    match candidate {
        Some(name) => out.push_str(&format!(
            "candidate = {}\n",
            toml::Value::String(name.to_string())
        )),
        None => out.push_str("# candidate = \"NOM Prénom\"\n"),
    }
    if let Some(year) = election.year {
        out.push_str(&format!("election = {year}\n"));
        if let Some(dates) = provenance {
            out.push_str(&format!("# The {year} preset: {dates}.\n"));
        }
    }
    let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    match day(election.opens) {
        Some(opens) => out.push_str(&format!("opens = \"{opens}\"\n")),
        None => out.push_str("# opens = \"YYYY-MM-DD\"   # publication of the convening decree\n"),
    }
    match day(election.first_round) {
        Some(first) => out.push_str(&format!("first_round = \"{first}\"\n")),
        None => out.push_str("# first_round = \"YYYY-MM-DD\"   # the close is derived from it\n"),
    }
    if let Some(closes) = election.closes {
        out.push_str(&format!(
            "# closes = \"{}\"   # derived: sixth Friday before the first round, 18:00 Paris time\n",
            closes.format("%Y-%m-%d %H:%M")
        ));
    }
    out.push_str(&format!(
        "threshold = {}\nmin_departments = {}\nmax_share = {}\n",
        election.threshold, election.min_departments, election.max_share
    ));
    out.push_str("# lang = \"fr\"   # human output in French (default: the locale, LANG)\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_settings_read_back() {
        let mut election = Election::preset(2027).unwrap();
        election.set_first_round(NaiveDate::from_ymd_opt(2027, 4, 11).unwrap());
        let text = render(Some("DUPONT Jean"), &election, None);
        let settings: Settings = toml::from_str(&text).unwrap();
        assert_eq!(settings.candidate.as_deref(), Some("DUPONT Jean"));
        let read = settings
            .election(&Overrides::default(), Path::new("x"), 2022)
            .unwrap();
        assert_eq!(read, election);
    }

    #[test]
    fn dates_are_read_either_way() {
        let settings: Settings =
            toml::from_str("opens = \"27/01/2022\"\ncloses = \"04/03/2022 18:00\"").unwrap();
        let election = settings
            .election(&Overrides::default(), Path::new("x"), 2022)
            .unwrap();
        assert_eq!(election.opens.unwrap().to_string(), "2022-01-27");
        assert_eq!(election.closes.unwrap().to_string(), "2022-03-04 18:00:00");
    }

    #[test]
    fn flags_override_settings() {
        let settings: Settings = toml::from_str("election = 2017\nthreshold = 600").unwrap();
        let overrides = Overrides {
            first_round: NaiveDate::from_ymd_opt(2027, 4, 11),
            ..Overrides::default()
        };
        let election = settings.election(&overrides, Path::new("x"), 2022).unwrap();
        assert_eq!(election.threshold, 600);
        assert_eq!(election.closes.unwrap().to_string(), "2027-03-05 18:00:00");
    }

    #[test]
    fn reads_the_fetch_settings() {
        let settings: Settings =
            toml::from_str("publication_url = \"http://127.0.0.1:8080/p.csv\"\narchive = \"pubs\"").unwrap();
        assert_eq!(
            settings.publication_url.as_deref(),
            Some("http://127.0.0.1:8080/p.csv")
        );
        assert_eq!(settings.archive, Some(PathBuf::from("pubs")));
    }

    #[test]
    fn refuses_bad_values() {
        for text in [
            "max_share = 2.0",
            "election = 2031",
            "opens = \"2022-13-01\"",
            "colour = 1",
            // Nonsense that used to be taken: no one could qualify, a window
            // that closes before it opens, a year past the calendar's range.
            "max_share = 0.0001",
            "threshold = 6000\nmax_share = 0.001",
            "min_departments = 200",
            "opens = \"2022-03-10\"",
            "first_round = \"-262143-01-01\"",
            "first_round = \"20222-01-01\"",
        ] {
            let parsed: Result<Settings, _> = toml::from_str(text);
            let failed = match parsed {
                Err(_) => true,
                Ok(s) => s.election(&Overrides::default(), Path::new("x"), 2022).is_err(),
            };
            assert!(failed, "{text}");
        }
    }
}
