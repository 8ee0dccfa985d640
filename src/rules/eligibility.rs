//! Which rows of the register of elected officials may sponsor, and where
//! each counts (RULES.md §6 and §1): by the list a row is in and, for some
//! lists, by the function it names. A row that does not say its unit is
//! eligible all the same, with why (the Assemblée de Corse, the Alsace
//! section): never guessed. How a file is read is `official::rne`'s.

use crate::message::Key;
use crate::rules::fold::fold_words;
use crate::rules::{Department, Mandate};

/// The lists of the register of elected officials, one a file: each names
/// the mandates, or the functions, that may sponsor (RULES.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterList {
    Mayors,
    MunicipalCouncillors,
    ArrondissementCouncillors,
    DepartmentalCouncillors,
    RegionalCouncillors,
    AssemblyMembers,
    Deputies,
    Senators,
    Meps,
    CommunityCouncillors,
    AfeMembers,
    ConsularCouncillors,
}

impl RegisterList {
    /// The mandates that may sponsor which a file of this list holds
    /// (RULES.md §6).
    pub fn mandates(self) -> &'static [Mandate] {
        match self {
            RegisterList::Mayors => &[Mandate::Mayor],
            RegisterList::MunicipalCouncillors => &[Mandate::DelegateMayor, Mandate::ParisCouncillor],
            RegisterList::ArrondissementCouncillors => &[Mandate::ArrondissementMayor],
            RegisterList::DepartmentalCouncillors => &[Mandate::DepartmentalCouncillor],
            RegisterList::RegionalCouncillors => &[Mandate::RegionalCouncillor],
            RegisterList::AssemblyMembers => &[
                Mandate::CorsicaCouncillor,
                Mandate::LyonCouncillor,
                Mandate::OverseasCouncillor,
                Mandate::OverseasExecutive,
            ],
            RegisterList::Deputies => &[Mandate::Deputy],
            RegisterList::Senators => &[Mandate::Senator],
            RegisterList::Meps => &[Mandate::Mep],
            RegisterList::CommunityCouncillors => &[Mandate::EpciPresident],
            RegisterList::AfeMembers => &[Mandate::AfeCouncillor],
            RegisterList::ConsularCouncillors => &[Mandate::ConsularPresident],
        }
    }
}

/// What decides of a register row, as its file writes it (trimmed; empty
/// where the file has no such column).
#[derive(Debug, Clone, Copy, Default)]
pub struct RegisterRow<'r> {
    pub department: &'r str,
    pub collectivity: &'r str,
    /// The section of a collectivity with a special status.
    pub section: &'r str,
    pub canton: &'r str,
    pub regional_section: &'r str,
    pub function: &'r str,
}

/// A row that may sponsor: its mandate and its unit, or why the unit is
/// not known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Eligibility {
    pub mandate: Mandate,
    pub unit: Result<&'static Department, Key>,
}

/// The mandate a row of `list` may sponsor with, if any (RULES.md §6), and
/// where it counts (RULES.md §1), or why the row does not say.
pub fn eligibility(list: RegisterList, row: &RegisterRow) -> Option<Eligibility> {
    // Folded only for the lists whose function decides.
    let function = || fold_words(row.function);
    let (department, collectivity) = (row.department, row.collectivity);
    // The département column, else the collectivity's (overseas units).
    let unit_of_row = || {
        unit(department)
            .or_else(|| unit(collectivity))
            .ok_or(Key::NoDepartementInRow)
    };
    let (mandate, unit) = match list {
        RegisterList::Mayors => (Mandate::Mayor, unit_of_row()),
        RegisterList::MunicipalCouncillors => {
            let unit = unit_of_row();
            if function().starts_with("maire delegue") {
                (Mandate::DelegateMayor, unit)
            } else if unit.is_ok_and(|u| u.code == "75") {
                (Mandate::ParisCouncillor, unit)
            } else {
                return None;
            }
        }
        RegisterList::ArrondissementCouncillors if function() == "maire d arrondissement" => {
            (Mandate::ArrondissementMayor, unit_of_row())
        }
        RegisterList::ArrondissementCouncillors => return None,
        RegisterList::DepartmentalCouncillors => {
            let unit = if department == "6AE" {
                // The Collectivité européenne d'Alsace: the canton code
                // (67xx, 68xx) tells the Bas-Rhin from the Haut-Rhin.
                unit(row.canton.get(..2).unwrap_or_default())
                    .filter(|u| matches!(u.code, "67" | "68"))
                    .ok_or(Key::AlsaceCanton)
            } else {
                unit_of_row()
            };
            (Mandate::DepartmentalCouncillor, unit)
        }
        RegisterList::RegionalCouncillors => {
            let section = row.regional_section;
            let unit = match section {
                "69M" => Ok(Department::by_code("69")),
                "6AE" => Err(Key::AlsaceSection),
                code => unit(code).ok_or(Key::NoSectionInRow),
            };
            (Mandate::RegionalCouncillor, unit)
        }
        RegisterList::AssemblyMembers => {
            let section = row.section;
            match collectivity {
                "94" => (
                    Mandate::CorsicaCouncillor,
                    unit(department)
                        .filter(|u| matches!(u.code, "2A" | "2B"))
                        .ok_or(Key::CorsicaUnsaid),
                ),
                "69M" => (Mandate::LyonCouncillor, Ok(Department::by_code("69"))),
                code => {
                    let mandate = if function().starts_with("president de l organe executif")
                        && matches!(code, "972" | "987" | "988")
                    {
                        Mandate::OverseasExecutive
                    } else {
                        Mandate::OverseasCouncillor
                    };
                    let unit = unit(code)
                        .or_else(|| unit(department))
                        .or_else(|| unit(section.get(..3).unwrap_or_default()))
                        .ok_or(Key::NoCollectivityInRow);
                    (mandate, unit)
                }
            }
        }
        RegisterList::Deputies => {
            // The constituency of Saint-Martin and Saint-Barthélemy (ZX)
            // counts under 978 (RULES.md §5).
            let unit = if collectivity == "ZX" && department.is_empty() {
                Ok(Department::by_code("978"))
            } else {
                unit_of_row()
            };
            (Mandate::Deputy, unit)
        }
        RegisterList::Senators => (Mandate::Senator, unit_of_row()),
        RegisterList::Meps => (Mandate::Mep, fixed(Mandate::Mep)),
        RegisterList::CommunityCouncillors => {
            if !function().starts_with("president") {
                return None;
            }
            (Mandate::EpciPresident, unit_of_row())
        }
        RegisterList::AfeMembers => (Mandate::AfeCouncillor, fixed(Mandate::AfeCouncillor)),
        RegisterList::ConsularCouncillors if function().starts_with("president du conseil consulaire") => {
            (Mandate::ConsularPresident, fixed(Mandate::ConsularPresident))
        }
        RegisterList::ConsularCouncillors => return None,
    };
    Some(Eligibility { mandate, unit })
}

/// The unit of a mandate of one unit for all (MEPs: EU; the French
/// abroad: ZZ).
fn fixed(mandate: Mandate) -> Result<&'static Department, Key> {
    mandate.fixed_unit().ok_or(Key::NoDepartementInRow)
}

/// The units a row of no known unit may count in, by why it is not known:
/// a member of the Assemblée de Corse is of Corse-du-Sud or Haute-Corse,
/// a councillor of the Alsace section of Bas-Rhin or Haut-Rhin; a row that
/// names no unit at all, of none.
pub fn possible_units(why: Key) -> &'static [&'static str] {
    match why {
        Key::CorsicaUnsaid => &["2A", "2B"],
        Key::AlsaceSection | Key::AlsaceCanton => &["67", "68"],
        _ => &[],
    }
}

/// The unit of a register code: `1` is `01`, `2a` is `2A`, `971` a
/// collectivity, `ZZ` the French abroad. Names are not codes here.
fn unit(code: &str) -> Option<&'static Department> {
    let code = code.trim();
    if code.is_empty() || code.len() > 3 {
        return None;
    }
    // Compared in place, without a copy: a register holds tens of
    // thousands of rows. "1" is "01".
    let code = code.as_bytes();
    let padded = [b'0', code[0]];
    let code = if code.len() == 1 && code[0].is_ascii_digit() {
        &padded[..]
    } else {
        code
    };
    crate::rules::department::ALL
        .iter()
        .find(|d| d.code.as_bytes().eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_every_form() {
        assert_eq!(unit("1").map(|d| d.code), Some("01"));
        assert_eq!(unit("01").map(|d| d.code), Some("01"));
        assert_eq!(unit("2a").map(|d| d.code), Some("2A"));
        assert_eq!(unit("971").map(|d| d.code), Some("971"));
        assert_eq!(unit("6AE"), None);
        assert_eq!(unit("Ain"), None);
    }

    #[test]
    fn units_of_the_rows_that_say_none_or_one_for_all() {
        let row = |department, function| RegisterRow {
            department,
            function,
            ..RegisterRow::default()
        };
        let unit_of =
            |list, r: RegisterRow| eligibility(list, &r).map(|e| (e.mandate, e.unit.map(|u| u.code)));
        // One unit for all, whatever the row says.
        assert_eq!(
            unit_of(RegisterList::Meps, row("", "")),
            Some((Mandate::Mep, Ok("EU")))
        );
        assert_eq!(
            unit_of(RegisterList::AfeMembers, row("", "")),
            Some((Mandate::AfeCouncillor, Ok("ZZ")))
        );
        // A consular councillor sponsors only as the council's president.
        assert_eq!(
            unit_of(
                RegisterList::ConsularCouncillors,
                row("", "Conseiller consulaire")
            ),
            None
        );
        assert_eq!(
            unit_of(
                RegisterList::ConsularCouncillors,
                row("", "Président du conseil consulaire")
            ),
            Some((Mandate::ConsularPresident, Ok("ZZ")))
        );
        // A mayor of no département is eligible, its unit not guessed.
        assert_eq!(
            unit_of(RegisterList::Mayors, row("", "")),
            Some((Mandate::Mayor, Err(Key::NoDepartementInRow)))
        );
        // A member of the Assemblée de Corse whose département is not said
        // may be of either.
        let corsica = RegisterRow {
            collectivity: "94",
            ..RegisterRow::default()
        };
        let found = eligibility(RegisterList::AssemblyMembers, &corsica).unwrap();
        assert_eq!(found.mandate, Mandate::CorsicaCouncillor);
        assert_eq!(possible_units(found.unit.unwrap_err()), &["2A", "2B"]);
    }
}
