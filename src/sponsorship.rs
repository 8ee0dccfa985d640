//! The model: one elected official's sponsorship of one candidate
//! (a "présentation", or the promise of one).

use chrono::NaiveDate;

use bumpalo::Bump;

use crate::rules::fold::{tidy, tidy_into};
use crate::rules::status::status_on;
use crate::rules::{Department, Mandate, Status};

/// One ledger entry, read and checked. Its texts are owned (`String`), or
/// borrowed from the row being read (`&str`, see [`Entry`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Sponsorship<S = String> {
    pub status: Status,
    /// `NOM Prénom`, as written (double spaces tidied).
    pub candidate: S,
    pub civility: Option<S>,
    pub last_name: S,
    pub first_name: S,
    pub mandate: Mandate,
    /// Commune, canton, constituency… as the official data writes it.
    pub circonscription: S,
    /// The unit the sponsor counts in ("réputé élu"), after the law's
    /// attribution rules (MEPs in `EU`, AFE members in `ZZ`).
    pub department: &'static Department,
    pub claimed_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
    pub source: S,
    pub notes: S,
}

/// An entry whose texts are borrowed from the row just read: what the
/// reader's fast path hands out, with nothing copied.
pub type Entry<'a> = Sponsorship<&'a str>;

impl<S: AsRef<str>> Sponsorship<S> {
    /// A copy that owns its texts, with the runs of spaces inside names
    /// collapsed, as the official data's "SMATI  Rafik" is written
    /// "SMATI Rafik".
    pub fn tidied(&self) -> Sponsorship {
        Sponsorship {
            status: self.status,
            candidate: tidy(self.candidate.as_ref()),
            civility: self.civility.as_ref().map(|c| c.as_ref().to_string()),
            last_name: tidy(self.last_name.as_ref()),
            first_name: tidy(self.first_name.as_ref()),
            mandate: self.mandate,
            circonscription: tidy(self.circonscription.as_ref()),
            department: self.department,
            claimed_on: self.claimed_on,
            published_on: self.published_on,
            source: self.source.as_ref().to_string(),
            notes: self.notes.as_ref().to_string(),
        }
    }

    /// [`tidied`](Self::tidied), its texts copied into `arena` rather than
    /// each into its own allocation: for the many rows an import keeps.
    pub fn tidied_in<'b>(&self, arena: &'b Bump) -> Sponsorship<&'b str> {
        let mut scratch = String::new();
        let mut tidied = |text: &str| -> &'b str {
            tidy_into(text, &mut scratch);
            arena.alloc_str(&scratch)
        };
        Sponsorship {
            status: self.status,
            candidate: tidied(self.candidate.as_ref()),
            civility: self.civility.as_ref().map(|c| &*arena.alloc_str(c.as_ref())),
            last_name: tidied(self.last_name.as_ref()),
            first_name: tidied(self.first_name.as_ref()),
            mandate: self.mandate,
            circonscription: tidied(self.circonscription.as_ref()),
            department: self.department,
            claimed_on: self.claimed_on,
            published_on: self.published_on,
            source: arena.alloc_str(self.source.as_ref()),
            notes: arena.alloc_str(self.notes.as_ref()),
        }
    }

    /// The entry as it stood on `day`, or `None` if it did not count then
    /// (see [`status_on`]).
    pub fn as_of(&self, day: NaiveDate) -> Option<Sponsorship<S>>
    where
        S: Clone,
    {
        let status = status_on(self.status, self.claimed_on, self.published_on, day)?;
        let mut entry = self.clone();
        if status != self.status {
            entry.status = status;
            entry.published_on = None;
        }
        Some(entry)
    }

    /// "DUPONT Jean, mayor (Jouy-en-Argonne), 55 Meuse", for messages.
    pub fn describe(&self) -> String {
        format!(
            "{} {}, {}{}, {}",
            self.last_name.as_ref(),
            self.first_name.as_ref(),
            self.mandate,
            in_brackets(self.circonscription.as_ref()),
            self.department
        )
    }
}

/// ` (Verdun)`, the circonscription as messages write it after a mandate;
/// nothing when there is none.
pub fn in_brackets(circonscription: &str) -> String {
    if circonscription.is_empty() {
        String::new()
    } else {
        format!(" ({circonscription})")
    }
}

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

    /// Whether the column says who the official is (RULES.md §1): a change
    /// to it may make the entry another's duplicate.
    pub fn is_identity(self) -> bool {
        matches!(
            self,
            Field::LastName | Field::FirstName | Field::Mandate | Field::Circonscription | Field::Department
        )
    }

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

    pub fn index(self) -> usize {
        // The variants are declared in the order of `ALL`.
        self as usize
    }
}
