//! The model: one elected official's sponsorship of one candidate
//! (a "présentation", or the promise of one).

use chrono::NaiveDate;

use crate::rules::fold::tidy;
use crate::rules::{Department, Mandate, Status};

/// One ledger entry, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Sponsorship {
    pub status: Status,
    /// `NOM Prénom`, as written (double spaces tidied).
    pub candidate: String,
    pub civility: Option<String>,
    pub last_name: String,
    pub first_name: String,
    pub mandate: Mandate,
    /// Commune, canton, constituency… as the official data writes it.
    pub circonscription: String,
    /// The unit the sponsor counts in ("réputé élu"), after the law's
    /// attribution rules (MEPs in `EU`, AFE members in `ZZ`).
    pub department: &'static Department,
    pub claimed_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
    pub source: String,
    pub notes: String,
}

impl Sponsorship {
    /// An entry with nothing in it, to be filled by a reader.
    pub fn blank() -> Sponsorship {
        Sponsorship {
            status: Status::Claimed,
            candidate: String::new(),
            civility: None,
            last_name: String::new(),
            first_name: String::new(),
            mandate: Mandate::Mayor,
            circonscription: String::new(),
            department: &crate::rules::department::ALL[0],
            claimed_on: None,
            published_on: None,
            source: String::new(),
            notes: String::new(),
        }
    }

    /// A copy with the runs of spaces inside names collapsed, as the
    /// official data's "SMATI  Rafik" is written "SMATI Rafik".
    pub fn tidied(&self) -> Sponsorship {
        Sponsorship {
            candidate: tidy(&self.candidate),
            last_name: tidy(&self.last_name),
            first_name: tidy(&self.first_name),
            circonscription: tidy(&self.circonscription),
            ..self.clone()
        }
    }

    /// "DUPONT Jean, mayor (Jouy-en-Argonne), 55 Meuse", for messages.
    pub fn describe(&self) -> String {
        let place = if self.circonscription.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.circonscription)
        };
        format!(
            "{} {}, {}{}, {}",
            self.last_name, self.first_name, self.mandate, place, self.department
        )
    }
}
