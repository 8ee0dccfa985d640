//! The ledger's columns (SPEC.md) and the official publication's (RULES.md §4).

use crate::rules::fold::fold;

/// A column the tool knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Status,
    Candidate,
    Civility,
    LastName,
    FirstName,
    Mandate,
    Circonscription,
    Department,
    ClaimedOn,
    PublishedOn,
    Source,
    Notes,
}

impl Field {
    /// The columns of a new ledger, in order.
    pub const ALL: [Field; 12] = [
        Field::Status,
        Field::Candidate,
        Field::Civility,
        Field::LastName,
        Field::FirstName,
        Field::Mandate,
        Field::Circonscription,
        Field::Department,
        Field::ClaimedOn,
        Field::PublishedOn,
        Field::Source,
        Field::Notes,
    ];

    /// The column's name in a campaign ledger.
    pub fn name(self) -> &'static str {
        match self {
            Field::Status => "status",
            Field::Candidate => "candidate",
            Field::Civility => "civility",
            Field::LastName => "last_name",
            Field::FirstName => "first_name",
            Field::Mandate => "mandate",
            Field::Circonscription => "circonscription",
            Field::Department => "department",
            Field::ClaimedOn => "claimed_on",
            Field::PublishedOn => "published_on",
            Field::Source => "source",
            Field::Notes => "notes",
        }
    }

    /// Other names accepted in a header, folded (French headers, spaces).
    fn aliases(self) -> &'static [&'static str] {
        match self {
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

    fn index(self) -> usize {
        // The variants are declared in the order of `ALL`.
        self as usize
    }
}

/// What kind of file a ledger is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A campaign's ledger, with a `status` column: ours to write.
    Campaign,
    /// A publication of the Conseil constitutionnel (2017 or 2022 header):
    /// every row validated, read-only.
    Official { year: u16 },
}

impl Format {
    pub fn is_official(self) -> bool {
        matches!(self, Format::Official { .. })
    }
}

/// Where each known field sits in a file's header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    positions: [Option<usize>; 12],
}

impl Columns {
    /// Maps a header. Names are matched folded, so `Last name`, `last_name`
    /// and `Nom` are one column.
    pub fn from_header<'a>(names: impl IntoIterator<Item = &'a str>) -> Columns {
        let mut columns = Columns::default();
        for (position, name) in names.into_iter().enumerate() {
            let folded = fold(name);
            for field in Field::ALL {
                let known = fold(field.name()) == folded || field.aliases().contains(&folded.as_str());
                if known && columns.positions[field.index()].is_none() {
                    columns.positions[field.index()] = Some(position);
                }
            }
        }
        columns
    }

    pub fn get(&self, field: Field) -> Option<usize> {
        self.positions[field.index()]
    }

    /// The format this header announces: a campaign ledger has a `status`
    /// column; an official publication has none and names the candidate
    /// `Candidat` (2022) or `Candidat-e parrainé-e` (2017).
    pub fn format<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Format {
        if self.get(Field::Status).is_some() {
            return Format::Campaign;
        }
        let names: Vec<String> = names.into_iter().map(fold).collect();
        let official = ["nom", "prenom", "mandat", "departement", "datedepublication"]
            .iter()
            .all(|n| names.iter().any(|h| h == n));
        if official && names.iter().any(|h| h == "candidateparrainee") {
            Format::Official { year: 2017 }
        } else if official && names.iter().any(|h| h == "candidat") {
            Format::Official { year: 2022 }
        } else {
            Format::Campaign
        }
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
            let columns = Columns::from_header(header.split(';'));
            assert_eq!(columns.format(header.split(';')), Format::Official { year });
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
        let columns = Columns::from_header(names.iter().copied());
        assert_eq!(columns.format(names.iter().copied()), Format::Campaign);
        for (i, field) in Field::ALL.iter().enumerate() {
            assert_eq!(columns.get(*field), Some(i));
        }
    }
}
