//! `prospects`' outputs: a table for a person, a CSV call list, and one
//! JSON document.

use serde::Serialize;

use super::Lang;
use super::words::{mandate_named, say};
use crate::message::Message;
use crate::msg;
use crate::official::rne::Held;
use crate::ops::history::Past;
use crate::ops::prospects::{By, Found, Rank};
use crate::ops::register::Completeness;
use crate::render::model::defuse;
use crate::render::register::{RegisterView, completeness_of, register_view};
use crate::text::clean;

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
        history,
        ..
    } = found;
    let prospects: Vec<Prospect> = found
        .ranked
        .iter()
        .map(|ranked| {
            let person = &register.persons[ranked.person];
            // The mandate that ranks them first, then every other they
            // hold, whatever the filters.
            let ranking = &person.mandates[ranked.held];
            let others = person
                .mandates
                .iter()
                .enumerate()
                .filter(|(h, _)| *h != ranked.held)
                .map(|(_, held)| held);
            Prospect {
                last_name: &person.last_name,
                first_name: &person.first_name,
                civility: person.civility,
                department: ranked.possible.is_empty().then_some(ranked.unit.code),
                possible_departments: ranked.possible.iter().map(|u| u.code).collect(),
                mandates: std::iter::once(ranking).chain(others).map(HeldView::of).collect(),
                reason: ranked.rank.reason(),
                maybe_taken: taken.maybe[ranked.person],
                register_coverage: completeness_of(&found.coverage, ranked.unit),
                history: history.of(ranked.person).iter().map(PastView::of).collect(),
                rank: ranked.rank,
                unit_name: ranked.unit.name,
                live_there: standing.live[ranked.unit.index()],
            }
        })
        .collect();

    Summary {
        register: register_view(register, &found.coverage),
        excluded: Excluded {
            ledger: taken.by.iter().filter(|b| **b == Some(By::Ledger)).count(),
            published: taken.by.iter().filter(|b| **b == Some(By::Publication)).count(),
        },
        history: history
            .files
            .iter()
            .map(|joined| FileView {
                file: joined.path.display().to_string(),
                year: joined.year,
                matched: joined.matched,
                ambiguous: joined.ambiguous,
            })
            .collect(),
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
                    why: say(&Message::new(u.why), Lang::En),
                }
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct Summary<'r> {
    register: RegisterView,
    excluded: Excluded,
    /// What each past publication gave.
    history: Vec<FileView>,
    prospects: Vec<Prospect<'r>>,
    /// The register's rows that do not say which unit they count in.
    unknown_unit: Vec<UnknownView<'r>>,
}

#[derive(Serialize)]
struct FileView {
    file: String,
    year: u16,
    matched: usize,
    ambiguous: usize,
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
    /// `null` when the register does not say the unit: then the units
    /// the person may count in.
    department: Option<&'static str>,
    possible_departments: Vec<&'static str>,
    /// Every mandate of the person, the one that ranks them first.
    mandates: Vec<HeldView<'r>>,
    reason: &'static str,
    maybe_taken: bool,
    /// How complete the register is in the unit that ranks the person:
    /// where it is `incomplete` or `missing`, the list lacks officials
    /// there, whatever it shows.
    #[serde(serialize_with = "completeness_code")]
    register_coverage: Option<Completeness>,
    /// What the person did before, the latest election first.
    history: Vec<PastView<'r>>,
    #[serde(skip)]
    rank: Rank,
    #[serde(skip)]
    unit_name: &'static str,
    #[serde(skip)]
    live_there: u32,
}

impl Prospect<'_> {
    /// The unit, or the units the person may count in: `2A|2B`.
    fn unit_code(&self) -> String {
        self.department
            .map_or_else(|| self.possible_departments.join("|"), str::to_string)
    }
}

#[derive(Serialize)]
struct HeldView<'r> {
    mandate: &'static str,
    circonscription: &'r str,
    department: Option<&'static str>,
    /// The units a mandate of no known unit may count in, `2A|2B`.
    #[serde(skip)]
    possible: String,
    #[serde(skip)]
    mandate_type: crate::rules::Mandate,
}

impl<'r> HeldView<'r> {
    fn of(held: &'r Held) -> HeldView<'r> {
        HeldView {
            mandate: held.mandate.code(),
            circonscription: &held.circonscription,
            department: held.unit.map(|u| u.code),
            possible: held.possible.join("|"),
            mandate_type: held.mandate,
        }
    }

    /// `mayor (Biziat), 01`, the mandate named in the language.
    fn describe(&self, lang: Lang) -> String {
        let unit = self.department.map_or(self.possible.as_str(), |code| code);
        let unit = if unit.is_empty() { "?" } else { unit };
        format!(
            "{}{}, {unit}",
            mandate_named(self.mandate_type, lang),
            crate::sponsorship::in_brackets(self.circonscription)
        )
    }
}

#[derive(Serialize)]
struct PastView<'r> {
    year: u16,
    candidate: &'r str,
    mandate: &'static str,
    department: &'static str,
}

impl<'r> PastView<'r> {
    fn of(past: &'r Past) -> PastView<'r> {
        PastView {
            year: past.year,
            candidate: &past.candidate,
            mandate: past.mandate.code(),
            department: past.department.code,
        }
    }
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

/// A call list: one row per person, the mandate that ranks them first,
/// then their other mandates and what they did before.
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
        "history",
    ]);
    for p in &summary.prospects {
        let (first, others) = match p.mandates.split_first() {
            Some((first, others)) => (Some(first), others),
            None => (None, &[][..]),
        };
        let others: Vec<String> = others.iter().map(|m| m.describe(Lang::En)).collect();
        let history: Vec<String> = p
            .history
            .iter()
            .map(|h| format!("{} {} ({}, {})", h.year, h.candidate, h.mandate, h.department))
            .collect();
        let _ = writer.write_record([
            defuse(p.last_name).as_str(),
            defuse(p.first_name).as_str(),
            p.civility.unwrap_or_default(),
            &p.unit_code(),
            first.map_or("", |m| m.mandate),
            defuse(first.map_or("", |m| m.circonscription)).as_str(),
            defuse(&others.join("; ")).as_str(),
            p.reason,
            if p.maybe_taken { "yes" } else { "no" },
            p.register_coverage.map_or("", Completeness::code),
            defuse(&history.join("; ")).as_str(),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// What the table is told beside the summary.
pub struct TableContext<'a> {
    pub candidate: Option<&'a str>,
    pub standing: &'a crate::ops::prospects::Standing,
    /// Persons ranked but not shown.
    pub more: usize,
    /// Persons ranked whose unit the register does not say.
    pub of_no_known_unit: usize,
}

pub fn table(summary: &Summary, context: &TableContext, lang: Lang) -> String {
    let line = |message: Message| format!("{}\n", clean(&say(&message, lang)));
    let r = &summary.register;
    let shown = summary.prospects.len();
    let mut out = line(match context.candidate {
        Some(candidate) => msg!(ProspectsFor, candidate, shown),
        None => msg!(ProspectsOf, shown),
    });
    out.push_str(&line(msg!(
        ProspectsRegister,
        r.files,
        r.rows,
        r.eligible,
        r.persons,
        r.ineligible,
        r.skipped,
        r.unknown_unit
    )));
    out.push_str(&line(msg!(
        ProspectsTaken,
        summary.excluded.ledger,
        summary.excluded.published,
        context.standing.reached,
        context.standing.min_departments
    )));
    for file in &summary.history {
        out.push_str(&line(msg!(
            HistoryFile,
            file.file.as_str(),
            file.year.to_string(),
            file.matched,
            file.ambiguous
        )));
    }
    out.push('\n');
    let mut table = comfy_table::Table::new();
    let mut header = vec![
        msg!(NumberSign),
        msg!(Name),
        msg!(ProspectsMandates),
        msg!(DepartementShort),
        msg!(ProspectsWhy),
    ];
    let with_history = !summary.history.is_empty();
    if with_history {
        header.push(msg!(SponsoredBefore));
    }
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        // Fitted to a terminal; whole lines in a pipe or a file.
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_header(header.iter().map(|h| say(h, lang)));
    for (i, p) in summary.prospects.iter().enumerate() {
        let mut why = vec![match p.rank {
            Rank::NewDepartment => msg!(WhyNotReached, p.unit_name),
            Rank::UnderCap => msg!(WhyUnderCap, p.unit_code(), p.live_there, context.standing.cap),
            Rank::AtCap => msg!(WhyAtCap),
        }];
        if p.maybe_taken {
            why.push(msg!(WhyMaybeTaken));
        }
        match p.register_coverage {
            Some(Completeness::Missing) => why.push(msg!(WhyNoMayorInRegister)),
            Some(Completeness::Incomplete) => why.push(msg!(WhyRegisterIncomplete)),
            _ => {}
        }
        let why =
            Message::joined(why, crate::message::Key::Semicolon).map_or_else(String::new, |m| say(&m, lang));
        let mut row = vec![
            (i + 1).to_string(),
            clean(&format!("{} {}", p.last_name, p.first_name)).into_owned(),
            p.mandates
                .iter()
                .map(|m| clean(&m.describe(lang)).into_owned())
                .collect::<Vec<_>>()
                .join("\n"),
            p.unit_code(),
            why,
        ];
        if with_history {
            row.push(
                p.history
                    .iter()
                    .map(|h| {
                        let said = msg!(SponsoredIn, h.year.to_string(), h.candidate);
                        clean(&say(&said, lang)).into_owned()
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
        table.add_row(row);
    }
    out.push_str(&table.to_string());
    out.push('\n');
    if context.more > 0 {
        out.push_str(&line(msg!(ProspectsMore, context.more)));
    }
    if context.of_no_known_unit > 0 {
        out.push_str(&line(msg!(ProspectsOfNoKnownUnit, context.of_no_known_unit)));
    }
    out
}
