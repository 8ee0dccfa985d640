//! The model: one elected official's sponsorship of one candidate
//! (a "présentation", or the promise of one).

use chrono::NaiveDate;

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
