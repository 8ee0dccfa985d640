//! The publications of the Conseil constitutionnel, one module per published
//! format (RULES.md §4); the register of elected officials (`rne`, §6); and
//! INSEE's official list of communes (`communes`).
//!
//! Each format is a table ([`Publication`]): how to recognise its header, where
//! each column is, the labels it writes for mandates, départements and
//! civilities, and the form of its dates. The readers in `ledger/` take the
//! table and apply it; nothing else knows a format. A new format (2027's,
//! when the Conseil publishes it) is one new file here, listed in
//! [`FORMATS`], plus a fixture.

pub mod addresses;
pub mod cc2017;
pub mod cc2022_csv;
pub mod cc2022_json;
pub mod communes;
pub mod json;
#[cfg(test)]
mod made_up;
pub mod rne;

use chrono::{NaiveDate, NaiveDateTime};

use crate::message::{Key, Message};
use crate::msg;
use crate::rules::fold::{fold, fold_words};
use crate::rules::mandate::MandateError;
use crate::rules::{Department, Mandate};
use crate::sponsorship::Field;

/// How a publication's rows are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// Separated values with a header line.
    Csv,
    /// One JSON array of flat objects, the keys naming the columns.
    Json,
}

/// How a publication writes its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// `01/02/2022`.
    DayMonthYear,
    /// `2022-02-01T00:00:00` (or `2022-02-01`).
    IsoDateTime,
}

/// One published format.
#[derive(Debug, PartialEq)]
pub struct Publication {
    /// A stable short name, for messages and JSON: `cc-2022-csv`.
    pub name: &'static str,
    /// The election it was published for: its rules apply to the file when
    /// neither the settings nor `--election` say otherwise and its dates
    /// do not name another preset year.
    pub election: u16,
    pub container: Container,
    /// Each column the tool reads, as the header writes it. Headers are
    /// matched folded (case, accents, spaces and punctuation aside).
    pub columns: &'static [(Field, &'static str)],
    /// Every mandate label the format writes, both genders.
    pub mandates: &'static [(&'static str, Mandate)],
    /// Département labels that differ from the names of `rules::department`,
    /// with the code they stand for.
    pub departments: &'static [(&'static str, &'static str)],
    pub dates: DateForm,
    /// Civility labels, with the ledger's form (`M.` or `Mme`).
    pub civilities: &'static [(&'static str, &'static str)],
}

/// Every format the tool reads, oldest first.
pub static FORMATS: &[&Publication] = &[
    &cc2017::FORMAT,
    &cc2022_csv::FORMAT,
    &cc2022_json::FORMAT,
    #[cfg(test)]
    &made_up::FORMAT,
];

/// The format whose columns a header holds, if any: every column of the
/// format must be there; when several fit, the one with most columns.
pub fn recognise(header: &[String], container: Container) -> Option<&'static Publication> {
    let names: Vec<String> = header.iter().map(|h| fold(h)).collect();
    FORMATS
        .iter()
        .filter(|format| format.container == container)
        .filter(|format| {
            format
                .columns
                .iter()
                .all(|(_, name)| names.iter().any(|h| *h == fold(name)))
        })
        .max_by_key(|format| format.columns.len())
        .copied()
}

/// The formats the tool knows, each with its columns, for the error about
/// a header that matches none.
pub fn known_formats() -> Message {
    let each = FORMATS.iter().map(|format| {
        let columns: Vec<&str> = format.columns.iter().map(|(_, name)| *name).collect();
        match format.container {
            Container::Csv => msg!(FormatColumns, format.title(), columns.join(", ")),
            Container::Json => msg!(FormatKeys, format.title(), columns.join(", ")),
        }
    });
    Message::joined(each, Key::Semicolon).unwrap_or_else(|| Message::verbatim(""))
}

impl Publication {
    /// What a person calls it: "the Conseil constitutionnel's 2022 CSV".
    pub fn title(&self) -> Message {
        let year = self.election.to_string();
        match self.container {
            Container::Csv => msg!(ConseilCsv, year),
            Container::Json => msg!(ConseilJson, year),
        }
    }

    /// The header position of each field the format reads.
    pub fn position(&self, header: &[String], field: Field) -> Option<usize> {
        let (_, name) = self.columns.iter().find(|(f, _)| *f == field)?;
        let name = fold(name);
        header.iter().position(|h| fold(h) == name)
    }

    /// The mandate a label of this format stands for. A label the format
    /// does not list is unknown even if it reads as a mandate elsewhere:
    /// the tool is then behind the publication, and says so.
    pub fn mandate(&self, label: &str) -> Result<Mandate, MandateError> {
        let words = fold_words(label);
        if let Some((_, mandate)) = self.mandates.iter().find(|(l, _)| fold_words(l) == words) {
            return Ok(*mandate);
        }
        match label.parse::<Mandate>() {
            Err(MandateError::Ineligible(why)) => Err(MandateError::Ineligible(why)),
            _ => Err(MandateError::Unknown),
        }
    }

    /// The unit a département label of this format stands for.
    pub fn department(&self, label: &str) -> Option<&'static Department> {
        let folded = fold(label);
        self.departments
            .iter()
            .find(|(l, _)| fold(l) == folded)
            .map(|(_, code)| Department::by_code(code))
            .or_else(|| Department::lookup(label))
    }

    /// A date as this format writes it.
    pub fn date(&self, text: &str) -> Option<NaiveDate> {
        match self.dates {
            DateForm::DayMonthYear => NaiveDate::parse_from_str(text, "%d/%m/%Y").ok(),
            DateForm::IsoDateTime => NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
                .map(|t| t.date())
                .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
                .ok(),
        }
    }

    /// How the format writes a date, for messages.
    pub fn date_example(&self) -> &'static str {
        match self.dates {
            DateForm::DayMonthYear => "dd/mm/yyyy",
            DateForm::IsoDateTime => "yyyy-mm-ddT00:00:00",
        }
    }

    /// The ledger's civility for a label of this format.
    pub fn civility(&self, label: &str) -> Option<&'static str> {
        self.civilities
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, civility)| *civility)
    }
}

/// A mandate as a campaign writes it: a code, an official French label of
/// the law, a common alias, or any label of a publication (a volunteer may
/// copy the 2017 file's `Conseiller/ère départemental-e`).
pub fn parse_mandate(text: &str) -> Result<Mandate, MandateError> {
    match text.parse::<Mandate>() {
        Err(MandateError::Unknown) => {
            let words = fold_words(text);
            FORMATS
                .iter()
                .flat_map(|format| format.mandates.iter())
                .find(|(label, _)| fold_words(label) == words)
                .map(|(_, mandate)| *mandate)
                .ok_or(MandateError::Unknown)
        }
        found => found,
    }
}

/// The two labels of the legislative constituency of Saint-Martin and
/// Saint-Barthélemy (2022, 2017), counted under 978 (RULES.md §5).
pub fn is_shared_constituency(label: &str) -> bool {
    let folded = fold(label);
    folded == fold("Saint-Martin / Saint-Barthélémy") || folded == fold("Saint-Martin/Saint-Barthélemy")
}

/// The civilities every format writes.
const CIVILITIES: &[(&str, &str)] = &[("M.", "M."), ("M", "M."), ("Mme", "Mme")];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label a format lists reads as the mandate it says, through
    /// the format's own reading; the 2022 formats' labels are the law's.
    #[test]
    fn every_format_s_labels_map_to_a_mandate() {
        for format in FORMATS {
            assert!(!format.mandates.is_empty(), "{}", format.name);
            for (label, mandate) in format.mandates {
                assert_eq!(format.mandate(label), Ok(*mandate), "{}: {label}", format.name);
            }
        }
        for format in [&cc2022_csv::FORMAT, &cc2022_json::FORMAT] {
            assert_eq!(format.mandates, crate::rules::mandate::OFFICIAL_LABELS);
        }
    }
}
