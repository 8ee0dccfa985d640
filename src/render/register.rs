//! `register`'s outputs (a table, JSON, CSV), and the register's coverage
//! as every command that reads the register says it: one warning naming
//! each unit where it holds under 95% of the mayors, and JSON
//! `register.coverage`.

use serde::Serialize;

use super::Lang;
use super::words::{count, mandate_named, say, word};
use crate::message::Key;
use crate::msg;
use crate::official::rne::Register;
use crate::ops::register::{COMPLETE, Completeness, Coverage, Holdings};
use crate::rules::{Mandate, department};

/// What the register is, as `prospects` and `register` say it in JSON.
#[derive(Serialize)]
pub struct RegisterView {
    pub files: usize,
    pub rows: u64,
    pub eligible: u64,
    pub ineligible: u64,
    pub persons: usize,
    pub skipped: u64,
    pub unknown_unit: usize,
    /// One entry per unit whose communes have mayors.
    pub coverage: Vec<CoverageView>,
}

/// One unit's coverage, in JSON.
#[derive(Serialize)]
pub struct CoverageView {
    department: &'static str,
    mayors: u32,
    communes: u32,
    /// `null` when the register has no file of EPCI presidents.
    epci_presidents: Option<u32>,
    epcis: Option<u32>,
}

pub fn register_view(register: &Register, coverage: &[Coverage]) -> RegisterView {
    RegisterView {
        files: register.files.len(),
        rows: register.rows,
        eligible: register.eligible,
        ineligible: register.ineligible,
        persons: register.persons.len(),
        skipped: register.skipped,
        unknown_unit: register.unknown_unit.len(),
        coverage: coverage_views(coverage),
    }
}

pub fn coverage_views(coverage: &[Coverage]) -> Vec<CoverageView> {
    coverage
        .iter()
        .map(|c| CoverageView {
            department: c.unit.code,
            mayors: c.mayors,
            communes: c.communes,
            epci_presidents: c.epci_presidents,
            epcis: c.epcis,
        })
        .collect()
}

/// The warning about the units where the register holds under 95% of
/// the mayors (or of the EPCI presidents), each named with both numbers;
/// `None` where it is complete.
pub fn coverage_warning(coverage: &[Coverage], lang: Lang) -> Option<String> {
    let short = |found: u32, expected: u32| f64::from(found) < COMPLETE * f64::from(expected);
    let of = match lang {
        Lang::En => "of",
        Lang::Fr => "sur",
    };
    let named = |found: u32, expected: u32, c: &Coverage| {
        format!("{} {found} {of} {}", c.unit, count(lang, expected))
    };
    let mayors: Vec<String> = coverage
        .iter()
        .filter(|c| short(c.mayors, c.communes))
        .map(|c| named(c.mayors, c.communes, c))
        .collect();
    let presidents: Vec<String> = coverage
        .iter()
        .filter_map(|c| Some((c.epci_presidents?, c.epcis?, c)))
        .filter(|(found, expected, _)| short(*found, *expected))
        .map(|(found, expected, c)| named(found, expected, c))
        .collect();
    if mayors.is_empty() && presidents.is_empty() {
        return None;
    }
    let mut out = match lang {
        Lang::En => "the register of elected officials is incomplete: ".to_string(),
        Lang::Fr => "le répertoire national des élus est incomplet : ".to_string(),
    };
    if !mayors.is_empty() {
        out.push_str(&match lang {
            Lang::En => format!(
                "it holds under 95% of the mayors in {} département(s) (mayors found of the communes of the official list): {}",
                mayors.len(),
                mayors.join(", ")
            ),
            Lang::Fr => format!(
                "il compte moins de 95 % des maires dans {} département(s) (maires trouvés sur les communes de la liste officielle) : {}",
                mayors.len(),
                mayors.join(", ")
            ),
        });
    }
    if !presidents.is_empty() {
        if !mayors.is_empty() {
            out.push_str(match lang {
                Lang::En => "; ",
                Lang::Fr => " ; ",
            });
        }
        out.push_str(&match lang {
            Lang::En => format!(
                "under 95% of the EPCI presidents in {} département(s) (found of the EPCI with their seat there): {}",
                presidents.len(),
                presidents.join(", ")
            ),
            Lang::Fr => format!(
                "moins de 95 % des présidents d'EPCI dans {} département(s) (trouvés sur les EPCI qui y ont leur siège) : {}",
                presidents.len(),
                presidents.join(", ")
            ),
        });
    }
    out.push_str(match lang {
        Lang::En => ". Officials missing there are not prospects the tool can list: check the latest release of the register",
        Lang::Fr => ". Les élus qui y manquent ne peuvent pas être proposés : vérifiez la dernière version du répertoire",
    });
    Some(out)
}

#[derive(Serialize)]
struct Document<'h> {
    register: RegisterView,
    by_mandate: Vec<MandateHeld>,
    by_department: Vec<DepartmentHeld<'h>>,
}

#[derive(Serialize)]
struct MandateHeld {
    mandate: &'static str,
    /// `null` when the register has no file that lists the mandate.
    held: Option<u32>,
}

#[derive(Serialize)]
struct DepartmentHeld<'h> {
    department: &'static str,
    name: &'static str,
    held: u32,
    /// Mandates held there, by code, for the mandates the register lists.
    mandates: serde_json::Map<String, serde_json::Value>,
    /// `complete`, `incomplete` or `missing`, where its communes have
    /// mayors; else `null`.
    coverage: Option<&'static str>,
    #[serde(skip)]
    unit: &'static department::Department,
    #[serde(skip)]
    covered: Option<&'h Coverage>,
}

/// The units the register holds a mandate in, or whose communes have
/// mayors, in the order of `department::ALL`.
fn departments(holdings: &Holdings) -> Vec<DepartmentHeld<'_>> {
    department::ALL
        .iter()
        .filter_map(|unit| {
            let held = &holdings.held[unit.index()];
            let covered = holdings.coverage.iter().find(|c| std::ptr::eq(c.unit, unit));
            let total: u32 = held.iter().sum();
            if total == 0 && covered.is_none() {
                return None;
            }
            let mandates = Mandate::ALL
                .iter()
                .filter(|m| holdings.listed[m.index()])
                .map(|m| (m.code().to_string(), held[m.index()].into()))
                .collect();
            Some(DepartmentHeld {
                department: unit.code,
                name: unit.name,
                held: total,
                mandates,
                coverage: covered.map(|c| c.completeness().code()),
                unit,
                covered,
            })
        })
        .collect()
}

fn by_mandate(holdings: &Holdings) -> Vec<MandateHeld> {
    Mandate::ALL
        .iter()
        .map(|m| MandateHeld {
            mandate: m.code(),
            held: holdings.listed[m.index()].then(|| holdings.held.iter().map(|unit| unit[m.index()]).sum()),
        })
        .collect()
}

pub fn json(holdings: &Holdings) -> String {
    let document = Document {
        register: register_view(&holdings.register, &holdings.coverage),
        by_mandate: by_mandate(holdings),
        by_department: departments(holdings),
    };
    // Serialising plain data to a string cannot fail.
    let mut out = serde_json::to_string_pretty(&document).expect("serialisable document");
    out.push('\n');
    out
}

/// One row per unit: what it holds by mandate (an empty cell where the
/// register has no file of that mandate), its communes, its EPCI, and how
/// complete the register is there.
pub fn csv(holdings: &Holdings) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["department", "name", "held"];
    header.extend(Mandate::ALL.iter().map(|m| m.code()));
    header.extend(["communes", "epcis", "coverage"]);
    let _ = writer.write_record(&header);
    for d in departments(holdings) {
        let held = &holdings.held[d.unit.index()];
        let mut row = vec![d.department.to_string(), d.name.to_string(), d.held.to_string()];
        row.extend(Mandate::ALL.iter().map(|m| {
            if holdings.listed[m.index()] {
                held[m.index()].to_string()
            } else {
                String::new()
            }
        }));
        row.push(d.covered.map_or_else(String::new, |c| c.communes.to_string()));
        row.push(
            d.covered
                .and_then(|c| c.epcis)
                .map_or_else(String::new, |n| n.to_string()),
        );
        row.push(d.coverage.unwrap_or_default().to_string());
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub fn table(holdings: &Holdings, lang: Lang) -> String {
    let view = register_view(&holdings.register, &holdings.coverage);
    let register_line = msg!(
        RegisterSummary,
        view.files,
        view.rows,
        view.eligible,
        view.persons,
        view.ineligible,
        view.skipped,
        view.unknown_unit
    );
    let mut out = format!("{}\n\n", say(&register_line, lang));
    let new_table = |header: &[Key]| {
        let mut table = comfy_table::Table::new();
        table
            .load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
            .set_header(header.iter().map(|h| word(*h, lang)));
        table
    };
    let mut mandates = new_table(&[Key::Mandate, Key::Held]);
    for (mandate, m) in Mandate::ALL.iter().zip(by_mandate(holdings)) {
        let held = m
            .held
            .map_or_else(|| word(Key::NoFile, lang).to_string(), |n| count(lang, n));
        mandates.add_row(vec![mandate_named(*mandate, lang).to_string(), held]);
    }
    out.push_str(&mandates.to_string());
    out.push_str("\n\n");
    let mut units = new_table(&[
        Key::DeptShort,
        Key::Name,
        Key::Held,
        Key::Mayors,
        Key::Communes,
        Key::EpciPresidents,
        Key::Epcis,
        Key::Register,
    ]);
    let dash = || "–".to_string();
    for d in departments(holdings) {
        let covered = d.covered;
        units.add_row(vec![
            d.department.to_string(),
            d.name.to_string(),
            count(lang, d.held),
            covered.map_or_else(dash, |c| count(lang, c.mayors)),
            covered.map_or_else(dash, |c| count(lang, c.communes)),
            covered
                .and_then(|c| c.epci_presidents)
                .map_or_else(dash, |n| count(lang, n)),
            covered
                .and_then(|c| c.epcis)
                .map_or_else(dash, |n| count(lang, n)),
            covered.map_or_else(dash, |c| completeness_named(c.completeness(), lang).to_string()),
        ]);
    }
    out.push_str(&units.to_string());
    out.push('\n');
    if let Some(warning) = coverage_warning(&holdings.coverage, lang) {
        out.push_str(&format!("\n{}\n", crate::text::clean(&warning)));
    }
    out
}

/// A unit's coverage as a table says it: `complete`, `complet` in French.
fn completeness_named(completeness: Completeness, lang: Lang) -> &'static str {
    word(
        match completeness {
            Completeness::Complete => Key::Complete,
            Completeness::Incomplete => Key::Incomplete,
            Completeness::Missing => Key::Missing,
        },
        lang,
    )
}

/// The coverage of the unit a prospect ranks in, as the call list marks
/// it: `complete`, `incomplete` or `missing`; `None` for a unit whose
/// communes have no mayors (or no communes at all).
pub fn completeness_of(coverage: &[Coverage], unit: &department::Department) -> Option<Completeness> {
    coverage
        .iter()
        .find(|c| std::ptr::eq(c.unit, unit))
        .map(Coverage::completeness)
}
