//! A format that no one publishes, with renamed columns and labels of its
//! own: the test that a new format is one file of this folder.

use super::{Container, DateForm, Publication};
use crate::rules::Mandate;
use crate::sponsorship::Field;

pub static FORMAT: Publication = Publication {
    name: "made-up-2027-csv",
    election: 2027,
    container: Container::Csv,
    columns: &[
        (Field::LastName, "Nom de l'élu"),
        (Field::FirstName, "Prénom de l'élu"),
        (Field::Mandate, "Qualité"),
        (Field::Circonscription, "Territoire"),
        (Field::Department, "Code département"),
        (Field::Candidate, "Personne présentée"),
        (Field::PublishedOn, "Publié le"),
    ],
    mandates: &[("MAIRE", Mandate::Mayor), ("CD", Mandate::DepartmentalCouncillor)],
    departments: &[("Hors de France", "ZZ")],
    dates: DateForm::IsoDateTime,
    civilities: &[],
};

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::ledger::{Format, LedgerReader, ReadOptions};
    use crate::rules::Mandate;

    #[test]
    fn a_new_format_is_one_file() {
        let text = "Personne présentée,Nom de l'élu,Prénom de l'élu,Qualité,Territoire,Code département,Publié le\n\
                    DUPONT Marie,MARTIN,Jean,MAIRE,Verdun,55,2027-02-16\n\
                    DUPONT Marie,BERNARD,Anne,CD,Verdun-1,55,2027-02-16\n\
                    DUPONT Marie,ROUX,Luc,Conseiller municipal,Verdun,55,2027-02-16\n";
        let Ok(mut reader) = LedgerReader::from_reader(
            Path::new("made-up.csv"),
            text.as_bytes(),
            crate::ledger::Dialect::detect(text.as_bytes()),
            &ReadOptions {
                election: crate::rules::Election::preset(2027).unwrap(),
                ..ReadOptions::default()
            },
        ) else {
            panic!("the header is recognised")
        };
        assert_eq!(reader.format, Format::Official(&super::FORMAT));
        let mut diagnostics = Vec::new();
        let first = reader.next_row(&mut diagnostics).unwrap().entry.unwrap();
        assert_eq!(first.mandate, Mandate::Mayor);
        assert_eq!(first.department.code, "55");
        assert_eq!(first.published_on.unwrap().to_string(), "2027-02-16");
        let second = reader.next_row(&mut diagnostics).unwrap().entry.unwrap();
        assert_eq!(second.mandate, Mandate::DepartmentalCouncillor);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        // A label the format does not write is an error, not a guess.
        assert!(reader.next_row(&mut diagnostics).unwrap().entry.is_none());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code.as_str(), "ineligible-mandate");
    }
}
