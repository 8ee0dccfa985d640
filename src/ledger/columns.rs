//! The ledger's columns (SPEC.md) and the official publication's (RULES.md §4).

use crate::official::{self, Container, Publication};
use crate::rules::fold::fold;

pub use crate::sponsorship::Field;

/// Other names accepted in a header, folded (French headers, spaces).
fn aliases(field: Field) -> &'static [&'static str] {
    match field {
        Field::Status => &["statut"],
        Field::Candidate => &["candidat", "candidate", "candidateparrainee"],
        Field::Civility => &["civilite"],
        Field::LastName => &["nom", "lastname"],
        Field::FirstName => &["prenom", "firstname"],
        Field::Mandate => &["mandat"],
        Field::Circonscription => &[],
        Field::Department => &["departement", "dept"],
        Field::ClaimedOn => &["claimedon", "datedepromesse"],
        Field::PublishedOn => &["publishedon", "datedepublication"],
        Field::Source => &[],
        Field::Notes => &["note", "commentaire", "commentaires"],
    }
}

/// What kind of file a ledger is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Format {
    /// A campaign's ledger, with a `status` column: ours to write.
    Campaign,
    /// A publication of the Conseil constitutionnel: every row validated,
    /// read-only.
    Official(&'static Publication),
}

impl Format {
    pub fn is_official(self) -> bool {
        matches!(self, Format::Official(_))
    }

    /// Whether the rows are read from the file's own bytes, which may then
    /// be cut in parts and sought: not for a publication turned from JSON
    /// into CSV text.
    pub fn reads_file_bytes(self) -> bool {
        !matches!(self, Format::Official(p) if p.container == Container::Json)
    }
}

/// Where each known field sits in a file's header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    positions: [Option<usize>; Field::ALL.len()],
}

impl Columns {
    /// Maps a campaign ledger's header. Names are matched folded, so
    /// `Last name`, `last_name` and `Nom` are one column.
    pub fn from_header<'a>(names: impl IntoIterator<Item = &'a str>) -> Columns {
        let mut columns = Columns::default();
        for (position, name) in names.into_iter().enumerate() {
            let folded = fold(name);
            for field in Field::ALL {
                let known = fold(field.name()) == folded || aliases(field).contains(&folded.as_str());
                if known && columns.positions[field.index()].is_none() {
                    columns.positions[field.index()] = Some(position);
                }
            }
        }
        columns
    }

    /// Maps a publication's header by its format's own column names.
    pub fn of_publication(header: &[String], publication: &Publication) -> Columns {
        let mut columns = Columns::default();
        for field in Field::ALL {
            columns.positions[field.index()] = publication.position(header, field);
        }
        columns
    }

    pub fn get(&self, field: Field) -> Option<usize> {
        self.positions[field.index()]
    }

    /// The format of a file with this header: a campaign ledger has a
    /// `status` column; a publication has the columns of one of the
    /// formats of `official`. `None`: neither.
    pub fn format(header: &[String], container: Container) -> Option<(Format, Columns)> {
        let campaign = Columns::from_header(header.iter().map(String::as_str));
        if container == Container::Csv && campaign.get(Field::Status).is_some() {
            return Some((Format::Campaign, campaign));
        }
        official::recognise(header, container).map(|publication| {
            (
                Format::Official(publication),
                Columns::of_publication(header, publication),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_official_headers() {
        let h2022 = "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication";
        let h2017 = "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat-e parrainé-e;Date de publication";
        for (header, year) in [(h2022, 2022), (h2017, 2017)] {
            let names: Vec<String> = header.split(';').map(String::from).collect();
            let (format, columns) = Columns::format(&names, Container::Csv).unwrap();
            let Format::Official(publication) = format else {
                panic!("{header}")
            };
            assert_eq!(publication.election, year);
            assert_eq!(columns.get(Field::Candidate), Some(6));
            assert_eq!(columns.get(Field::PublishedOn), Some(7));
            assert_eq!(columns.get(Field::LastName), Some(1));
        }
    }

    #[test]
    fn indexes_follow_the_order_of_all() {
        for (i, field) in Field::ALL.iter().enumerate() {
            assert_eq!(field.index(), i);
        }
    }

    #[test]
    fn reads_campaign_header() {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        let owned: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let (format, columns) = Columns::format(&owned, Container::Csv).unwrap();
        assert_eq!(format, Format::Campaign);
        for (i, field) in Field::ALL.iter().enumerate() {
            assert_eq!(columns.get(*field), Some(i));
        }
    }
}
