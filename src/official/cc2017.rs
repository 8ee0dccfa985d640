//! The Conseil constitutionnel's 2017 CSV (RULES.md §4): `;`, UTF-8, CRLF,
//! no quotes, `dd/mm/yyyy` dates, civility `M` (no dot) or `Mme`, and the
//! 2017 labels, written in the inclusive form (`Conseiller/ère
//! départemental-e`), one per overseas assembly.

use super::{CIVILITIES, Container, DateForm, Publication};
use crate::rules::Mandate;
use crate::sponsorship::Field;

pub static FORMAT: Publication = Publication {
    name: "cc-2017-csv",
    election: 2017,
    container: Container::Csv,
    columns: &[
        (Field::Civility, "Civilité"),
        (Field::LastName, "Nom"),
        (Field::FirstName, "Prénom"),
        (Field::Mandate, "Mandat"),
        (Field::Circonscription, "Circonscription"),
        (Field::Department, "Département"),
        (Field::Candidate, "Candidat-e parrainé-e"),
        (Field::PublishedOn, "Date de publication"),
    ],
    mandates: &[
        ("Maire", Mandate::Mayor),
        ("Maire délégué-e", Mandate::DelegateMayor),
        ("Maire d'arrondissement", Mandate::ArrondissementMayor),
        ("Membre du Conseil de Paris", Mandate::ParisCouncillor),
        ("Conseiller/ère métropolitain-e de Lyon", Mandate::LyonCouncillor),
        ("Conseiller/ère départemental-e", Mandate::DepartmentalCouncillor),
        ("Conseiller/ère régional-e", Mandate::RegionalCouncillor),
        ("Membre de l'assemblée de Corse", Mandate::CorsicaCouncillor),
        ("Membre de l'assemblée de Guyane", Mandate::OverseasCouncillor),
        ("Membre de l'assemblée de Martinique", Mandate::OverseasCouncillor),
        (
            "Membre de l'assemblée de la Polynésie française",
            Mandate::OverseasCouncillor,
        ),
        (
            "Membre d'une assemblée de province de la Nouvelle-Calédonie",
            Mandate::OverseasCouncillor,
        ),
        (
            "Membre de l'assemblée territoriale des îles Wallis et Futuna",
            Mandate::OverseasCouncillor,
        ),
        (
            "Conseiller/ère territorial-e de Saint-Martin",
            Mandate::OverseasCouncillor,
        ),
        (
            "Conseiller/ère territorial-e de Saint-Barthélemy",
            Mandate::OverseasCouncillor,
        ),
        (
            "Conseiller/ère territorial-e de Saint-Pierre-et-Miquelon",
            Mandate::OverseasCouncillor,
        ),
        ("Député-e", Mandate::Deputy),
        ("Sénateur/trice", Mandate::Senator),
        ("Représentant-e français-e au Parlement européen", Mandate::Mep),
        (
            "Président-e d'un conseil de communauté de communes",
            Mandate::EpciPresident,
        ),
        (
            "Président-e d'un conseil de communauté d'agglomération",
            Mandate::EpciPresident,
        ),
        (
            "Président-e d'un conseil de communauté urbaine",
            Mandate::EpciPresident,
        ),
        ("Président-e d'un conseil de métropole", Mandate::EpciPresident),
        (
            "Membre élu-e de l'assemblée des Français de l'étranger",
            Mandate::AfeCouncillor,
        ),
    ],
    departments: &[
        ("Corse du Sud", "2A"),
        ("Nouvelle Calédonie", "988"),
        ("Polynésie Française", "987"),
        ("Saint Pierre et Miquelon", "975"),
        ("Wallis et Futuna", "986"),
        ("Saint-Martin/Saint-Barthélemy", "978"),
        ("Français de l'étranger", "ZZ"),
        ("Parlement européen", "EU"),
    ],
    dates: DateForm::DayMonthYear,
    civilities: CIVILITIES,
};
