//! The Conseil constitutionnel's 2022 CSV (RULES.md §4): `;`, UTF-8,
//! `dd/mm/yyyy` dates, civilities `M.` and `Mme`.

use super::{CIVILITIES, Container, DateForm, Publication};
use crate::rules::Mandate;
use crate::sponsorship::Field;

pub static FORMAT: Publication = Publication {
    name: "cc-2022-csv",
    election: 2022,
    container: Container::Csv,
    columns: &[
        (Field::Civility, "Civilité"),
        (Field::LastName, "Nom"),
        (Field::FirstName, "Prénom"),
        (Field::Mandate, "Mandat"),
        (Field::Circonscription, "Circonscription"),
        (Field::Department, "Département"),
        (Field::Candidate, "Candidat"),
        (Field::PublishedOn, "Date de publication"),
    ],
    mandates: MANDATES,
    departments: DEPARTMENTS,
    dates: DateForm::DayMonthYear,
    civilities: CIVILITIES,
};

/// The 2022 labels (RULES.md §2) are the law's own: one table, read by
/// the rules and by the 2022 JSON.
pub(super) const MANDATES: &[(&str, Mandate)] = crate::rules::mandate::OFFICIAL_LABELS;

/// The 2022 département labels that are not the units' own names.
pub(super) const DEPARTMENTS: &[(&str, &str)] = &[
    ("Saint-Martin / Saint-Barthélémy", "978"),
    ("Wallis et Futuna", "986"),
    ("Français de l'étranger", "ZZ"),
    ("Parlement européen", "EU"),
];
