//! `prospects`' outputs: a table for a person, a CSV call list, and one
//! JSON document.

use serde::Serialize;

use super::Lang;
use super::words::tr;
use crate::official;
use crate::official::rne::Register;
use crate::ops::prospects::{By, Found, Standing, wanted};
use crate::ops::register::Completeness;
use crate::render::register::{RegisterView, completeness_of, register_view};
use crate::text::{clean, clean_path};

impl Summary<'_> {
    /// How many prospects are shown.
    pub fn shown(&self) -> usize {
        self.prospects.len()
    }
}

/// What is shown of the prospects found.
pub fn summary(found: &Found) -> Summary<'_> {
    let Found {
        register,
        taken,
        standing,
        departments,
        mandates,
        ..
    } = found;
    let prospects: Vec<Prospect> = found
        .ranked
        .iter()
        .map(|&(rank, p, unit)| {
            let person = &register.persons[p];
            Prospect {
                last_name: &person.last_name,
                first_name: &person.first_name,
                civility: person.civility,
                department: unit.code,
                mandates: person
                    .mandates
                    .iter()
                    .filter(|h| wanted(h, departments, mandates))
                    .map(|h| HeldView {
                        mandate: h.mandate.code(),
                        circonscription: &h.circonscription,
                        department: h.unit.map(|u| u.code),
                    })
                    .collect(),
                reason: rank.reason(),
                maybe_taken: taken.maybe[p],
                register_coverage: completeness_of(&found.coverage, unit),
                unit_name: unit.name,
                live_there: standing.live[unit.index()],
            }
        })
        .collect();

    Summary {
        register: register_view(register, &found.coverage),
        excluded: Excluded {
            ledger: taken.by.iter().filter(|b| **b == Some(By::Ledger)).count(),
            published: taken.by.iter().filter(|b| **b == Some(By::Publication)).count(),
        },
        prospects,
        unknown_unit: register
            .unknown_unit
            .iter()
            .map(|u| {
                let person = &register.persons[u.person];
                UnknownView {
                    file: register.files[u.file].0.display().to_string(),
                    line: u.line,
                    last_name: &person.last_name,
                    first_name: &person.first_name,
                    mandate: person
                        .mandates
                        .iter()
                        .find(|h| h.file == u.file && h.line == u.line)
                        .map_or("", |h| h.mandate.code()),
                    why: super::words::say(&crate::message::Message::new(u.why), Lang::En),
                }
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct Summary<'r> {
    register: RegisterView,
    excluded: Excluded,
    prospects: Vec<Prospect<'r>>,
    /// The register's rows that do not say which unit they count in.
    unknown_unit: Vec<UnknownView<'r>>,
}

#[derive(Serialize)]
struct UnknownView<'r> {
    file: String,
    line: u64,
    last_name: &'r str,
    first_name: &'r str,
    mandate: &'static str,
    why: String,
}

#[derive(Serialize)]
struct Excluded {
    ledger: usize,
    published: usize,
}

#[derive(Serialize)]
struct Prospect<'r> {
    last_name: &'r str,
    first_name: &'r str,
    civility: Option<&'static str>,
    department: &'static str,
    mandates: Vec<HeldView<'r>>,
    reason: &'static str,
    maybe_taken: bool,
    /// How complete the register is in the unit that ranks the person:
    /// where it is `incomplete` or `missing`, the list lacks officials
    /// there, whatever it shows.
    #[serde(serialize_with = "completeness_code")]
    register_coverage: Option<Completeness>,
    #[serde(skip)]
    unit_name: &'static str,
    #[serde(skip)]
    live_there: u32,
}

#[derive(Serialize)]
struct HeldView<'r> {
    mandate: &'static str,
    circonscription: &'r str,
    department: Option<&'static str>,
}

fn completeness_code<S: serde::Serializer>(
    value: &Option<Completeness>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(completeness) => serializer.serialize_str(completeness.code()),
        None => serializer.serialize_none(),
    }
}

/// A call list: one row per person, the mandate that ranks them first.
pub fn csv(summary: &Summary) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record([
        "last_name",
        "first_name",
        "civility",
        "department",
        "mandate",
        "circonscription",
        "other_mandates",
        "reason",
        "maybe_taken",
        "register_coverage",
    ]);
    for p in &summary.prospects {
        let (first, others) = p
            .mandates
            .iter()
            .position(|m| m.department == Some(p.department))
            .map_or((None, Vec::new()), |i| {
                let others = p
                    .mandates
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, m)| describe(m, Lang::En))
                    .collect();
                (Some(&p.mandates[i]), others)
            });
        let _ = writer.write_record([
            crate::render::model::defuse(p.last_name).as_str(),
            crate::render::model::defuse(p.first_name).as_str(),
            p.civility.unwrap_or_default(),
            p.department,
            first.map_or("", |m| m.mandate),
            crate::render::model::defuse(first.map_or("", |m| m.circonscription)).as_str(),
            crate::render::model::defuse(&others.join("; ")).as_str(),
            p.reason,
            if p.maybe_taken { "yes" } else { "no" },
            p.register_coverage.map_or("", Completeness::code),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn describe(m: &HeldView, lang: Lang) -> String {
    let place = crate::sponsorship::in_brackets(m.circonscription);
    // In French, the mandate's official label rather than its code.
    let mandate = match (lang, m.mandate.parse::<crate::rules::Mandate>()) {
        (Lang::Fr, Ok(mandate)) => tr(lang, mandate.label()).into_owned(),
        _ => m.mandate.to_string(),
    };
    format!("{mandate}{place}, {}", m.department.unwrap_or("?"))
}

pub fn table(
    summary: &Summary,
    unknown: &[official::rne::UnknownUnit],
    register: &Register,
    candidate: Option<&str>,
    standing: &Standing,
    more: usize,
    lang: Lang,
) -> String {
    let r = &summary.register;
    let title = format!(
        "Prospects{}: {} person(s)",
        candidate.map_or(String::new(), |c| format!(" for {c}")),
        summary.prospects.len()
    );
    let mut out = format!("{}\n", tr(lang, &title));
    let register_line = format!(
        "Register: {} files, {} rows, {} eligible (held by {} persons), {} not eligible, {} skipped, {} with no known unit.",
        r.files, r.rows, r.eligible, r.persons, r.ineligible, r.skipped, r.unknown_unit
    );
    let taken = format!(
        "Taken: {} in the ledger (any status), {} published. Reached and under the cap count the \
         candidate's live entries (claimed, sent, validated): {} départements reached, {} needed.",
        summary.excluded.ledger, summary.excluded.published, standing.reached, standing.min_departments
    );
    out.push_str(&format!("{}\n{}\n\n", tr(lang, &register_line), tr(lang, &taken)));
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_width(100)
        .set_header(["#", "Name", "Mandates", "Dépt", "Why"].map(|h| tr(lang, h).into_owned()));
    for (i, p) in summary.prospects.iter().enumerate() {
        let why = match p.reason {
            "new-department" => format!("{} not reached yet", p.unit_name),
            "under-cap" => format!(
                "{} under the cap: {} of {}",
                p.department, p.live_there, standing.cap
            ),
            _ => "at the cap".to_string(),
        };
        let why = tr(lang, &why).into_owned();
        let why = if p.maybe_taken {
            format!("{why}; maybe taken (a homonym is in the ledger or published)")
        } else {
            why
        };
        let why = match p.register_coverage {
            Some(Completeness::Missing) => format!("{why}; {}", tr(lang, "the register has no mayor here")),
            Some(Completeness::Incomplete) => {
                format!("{why}; {}", tr(lang, "the register is incomplete here"))
            }
            _ => why,
        };
        let mandates: Vec<String> = p.mandates.iter().map(|m| describe(m, lang)).collect();
        table.add_row(vec![
            (i + 1).to_string(),
            clean(&format!("{} {}", p.last_name, p.first_name)).into_owned(),
            mandates
                .iter()
                .map(|m| clean(m).into_owned())
                .collect::<Vec<_>>()
                .join("\n"),
            p.department.to_string(),
            why,
        ]);
    }
    out.push_str(&table.to_string());
    out.push('\n');
    if more > 0 {
        let line =
            format!("… and {more} more: --limit N shows more, --format csv gives them all as a call list");
        out.push_str(&tr(lang, &line));
        out.push('\n');
    }
    if !unknown.is_empty() {
        let line = format!(
            "{} register row(s) do not say which unit they count in (not ranked):",
            unknown.len()
        );
        out.push_str(&format!("\n{}\n", tr(lang, &line)));
        for u in unknown.iter().take(5) {
            let person = &register.persons[u.person];
            out.push_str(&format!(
                "  {}:{}: {}: {}\n",
                clean_path(&register.files[u.file].0),
                u.line,
                clean(&format!("{} {}", person.last_name, person.first_name)),
                super::words::say(&crate::message::Message::new(u.why), lang)
            ));
        }
        if unknown.len() > 5 {
            let more = format!(
                "… and {} more (--format json lists them all, under `unknown_unit`)",
                unknown.len() - 5
            );
            out.push_str(&format!("  {}\n", tr(lang, &more)));
        }
    }
    out
}
