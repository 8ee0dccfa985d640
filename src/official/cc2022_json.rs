//! The Conseil constitutionnel's 2022 JSON (RULES.md §4): one array of
//! objects with unaccented keys, dates `2022-02-01T00:00:00`, often a BOM.
//! Its labels are the 2022 CSV's.

use super::cc2022_csv::{DEPARTMENTS, MANDATES};
use super::{CIVILITIES, Container, DateForm, Publication};
use crate::sponsorship::Field;

pub static FORMAT: Publication = Publication {
    name: "cc-2022-json",
    election: 2022,
    container: Container::Json,
    columns: &[
        (Field::Civility, "Civilite"),
        (Field::LastName, "Nom"),
        (Field::FirstName, "Prenom"),
        (Field::Mandate, "Mandat"),
        (Field::Circonscription, "Circonscription"),
        (Field::Department, "Departement"),
        (Field::Candidate, "Candidat"),
        (Field::PublishedOn, "DatePublication"),
    ],
    mandates: MANDATES,
    departments: DEPARTMENTS,
    dates: DateForm::IsoDateTime,
    civilities: CIVILITIES,
};
