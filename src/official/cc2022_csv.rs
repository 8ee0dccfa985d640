//! The Conseil constitutionnel's 2022 CSV (RULES.md §4): `;`, UTF-8,
//! `dd/mm/yyyy` dates, civilities `M.` and `Mme`.

use super::{CIVILITIES, Container, DateForm, Publication};
use crate::rules::Mandate;
use crate::sponsorship::Field;

pub static FORMAT: Publication = Publication {
    name: "cc-2022-csv",
    title: "the Conseil constitutionnel's 2022 CSV",
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

/// The 2022 labels (RULES.md §2), shared by the 2022 JSON.
pub(super) const MANDATES: &[(&str, Mandate)] = &[
    ("Maire", Mandate::Mayor),
    (
        "Maire délégué d'une commune associée ou d'une commune déléguée",
        Mandate::DelegateMayor,
    ),
    (
        "Maire déléguée d'une commune associée ou d'une commune déléguée",
        Mandate::DelegateMayor,
    ),
    ("Maire d'arrondissement", Mandate::ArrondissementMayor),
    ("Conseiller de Paris", Mandate::ParisCouncillor),
    ("Conseillère de Paris", Mandate::ParisCouncillor),
    ("Conseiller métropolitain de Lyon", Mandate::LyonCouncillor),
    ("Conseillère métropolitaine de Lyon", Mandate::LyonCouncillor),
    ("Conseiller départemental", Mandate::DepartmentalCouncillor),
    ("Conseillère départementale", Mandate::DepartmentalCouncillor),
    ("Conseiller régional", Mandate::RegionalCouncillor),
    ("Conseillère régionale", Mandate::RegionalCouncillor),
    ("Membre de l'Assemblée de Corse", Mandate::CorsicaCouncillor),
    (
        "Membre d'une assemblée d'une collectivité territoriale d'outre-mer à statut particulier",
        Mandate::OverseasCouncillor,
    ),
    ("Président de la Polynésie française", Mandate::OverseasExecutive),
    (
        "Président du gouvernement de la Nouvelle-Calédonie",
        Mandate::OverseasExecutive,
    ),
    (
        "Président du Conseil exécutif de Martinique",
        Mandate::OverseasExecutive,
    ),
    ("Député", Mandate::Deputy),
    ("Députée", Mandate::Deputy),
    ("Sénateur", Mandate::Senator),
    ("Sénatrice", Mandate::Senator),
    ("Représentant français au Parlement européen", Mandate::Mep),
    ("Représentante française au Parlement européen", Mandate::Mep),
    ("Président d'un EPCI à fiscalité propre", Mandate::EpciPresident),
    ("Présidente d'un EPCI à fiscalité propre", Mandate::EpciPresident),
    (
        "Conseiller à l'Assemblée des Français de l'étranger",
        Mandate::AfeCouncillor,
    ),
    (
        "Conseillère à l'Assemblée des Français de l'étranger",
        Mandate::AfeCouncillor,
    ),
    ("Président du conseil consulaire", Mandate::ConsularPresident),
    ("Présidente du conseil consulaire", Mandate::ConsularPresident),
];

/// The 2022 département labels that are not the units' own names.
pub(super) const DEPARTMENTS: &[(&str, &str)] = &[
    ("Saint-Martin / Saint-Barthélémy", "978"),
    ("Wallis et Futuna", "986"),
    ("Français de l'étranger", "ZZ"),
    ("Parlement européen", "EU"),
];
