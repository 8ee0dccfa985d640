//! `parrainage prospects`: whom to ask next. The register of elected
//! officials (`official::rne`) less everyone in the ledger (any status) and
//! everyone a publication lists, one row per person, ranked by what each
//! would add for the candidate: a département not reached yet while fewer
//! than 30 are, then a département under the cap (the fewest first), then
//! the rest.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::{ListFormat, ProspectsArgs};
use crate::context::{Context, Exit, Failure, Outcome, print, write_output, written};
use crate::diagnostic::Diagnostic;
use crate::ledger::ReadOptions;
use crate::ledger::scan::each_entry;
use crate::official;
use crate::official::rne::{Index, Lookup, Register};
use crate::render::Lang;
use crate::render::words::tr;
use crate::rules::identity::candidate_key;
use crate::rules::{Department, Mandate, department};
use crate::sponsorship::Sponsorship;
use crate::text::{clean, clean_path};

pub fn run(args: &ProspectsArgs, context: &Context) -> Outcome {
    let dir = register_dir(args.register.as_deref(), context)?;
    let departments = args
        .department
        .iter()
        .map(|d| {
            Department::lookup(d)
                .ok_or_else(|| Failure::usage(format!("`{d}` is not a département or collectivity")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mandates = args
        .mandate
        .iter()
        .map(|m| {
            official::parse_mandate(m)
                .map_err(|_| Failure::usage(format!("`{m}` is not a mandate that may sponsor")))
        })
        .collect::<Result<Vec<Mandate>, _>>()?;

    // Who is taken: anyone in the ledger, whatever the status, and anyone
    // published, for any candidate. The ledger and the publications are
    // read while the register is.
    let (options, _) = context.options_for(&context.ledgers);
    let (register, taken_rows) = std::thread::scope(|scope| {
        let rows = scope.spawn(|| taken_rows(context, &options, &args.publication, args.skip_unreadable));
        let register = read_register(&dir, args.skip_unreadable);
        let rows = rows
            .join()
            .unwrap_or_else(|_| Err(Failure::usage("a thread reading the ledger failed")));
        (register, rows)
    });
    let (register, (ledger_rows, published_rows)) = (register?, taken_rows?);
    let index = Index::new(&register);
    let mut taken = Taken::new(register.persons.len());
    for entry in &ledger_rows {
        taken.mark(index.lookup(entry), By::Ledger);
    }
    for entry in &published_rows {
        taken.mark(index.lookup(entry), By::Publication);
    }

    // Where the candidate stands: live entries per unit, as of today.
    let candidate = context
        .read
        .candidate
        .clone()
        .or_else(|| only_candidate(&ledger_rows));
    if candidate.is_none() && !ledger_rows.is_empty() {
        return Err(Failure::usage(
            "the ledger names several candidates: say whose prospects with --candidate 'NOM Prénom'",
        ));
    }
    let mut live = [0u32; department::ALL.len()];
    if let Some(name) = &candidate {
        let ours = candidate_key(name);
        for entry in &ledger_rows {
            if candidate_key(&entry.candidate) == ours
                && let Some(entry) = entry.as_of(context.as_of)
                && entry.status.is_live()
            {
                live[entry.department.index()] += 1;
            }
        }
    }
    let reached = live.iter().filter(|n| **n > 0).count() as u32;
    let election = &options.election;
    let standing = Standing {
        live,
        reached,
        min_departments: election.min_departments,
        cap: election.max_per_department(),
    };

    // Each person's best rank among their mandates (in the départements
    // and mandates asked for), sorted; only the rows shown are built.
    let mut ranked: Vec<(Rank, &'static str, &str, usize, &'static Department)> = register
        .persons
        .iter()
        .enumerate()
        .filter(|(p, _)| taken.by[*p].is_none())
        .filter_map(|(p, person)| {
            let (rank, unit) = person
                .mandates
                .iter()
                .filter(|h| wanted(h, &departments, &mandates))
                .filter_map(|h| h.unit.map(|u| (standing.rank(u), u)))
                .min_by_key(|(rank, unit)| (*rank, unit.code))?;
            Some((rank, unit.code, person.folded_last_name(), p, unit))
        })
        .collect();
    ranked.sort_unstable();
    let ranked_in_all = ranked.len();
    // A table is read by a person: the first rows, unless told otherwise.
    let limit = args
        .limit
        .or((args.format == ListFormat::Table).then_some(TABLE_ROWS));
    if let Some(limit) = limit {
        ranked.truncate(limit);
    }
    let prospects: Vec<Prospect> = ranked
        .iter()
        .map(|&(rank, _, _, p, unit)| {
            let person = &register.persons[p];
            Prospect {
                last_name: &person.last_name,
                first_name: &person.first_name,
                civility: person.civility,
                department: unit.code,
                mandates: person
                    .mandates
                    .iter()
                    .filter(|h| wanted(h, &departments, &mandates))
                    .map(|h| HeldView {
                        mandate: h.mandate.code(),
                        circonscription: &h.circonscription,
                        department: h.unit.map(|u| u.code),
                    })
                    .collect(),
                reason: rank.reason(),
                maybe_taken: taken.maybe[p],
                unit_name: unit.name,
                live_there: standing.live[unit.index()],
            }
        })
        .collect();
    let summary = Summary {
        register: RegisterView {
            files: register.files.len(),
            rows: register.rows,
            eligible: register.eligible,
            ineligible: register.ineligible,
            persons: register.persons.len(),
            skipped: register.skipped,
            unknown_unit: register.unknown_unit.len(),
        },
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
                    why: u.why,
                }
            })
            .collect(),
    };
    let text = match args.format {
        // Straight to standard output: the document of a whole register
        // is some megabytes.
        ListFormat::Json if args.output.is_none() => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            written(
                serde_json::to_writer_pretty(&mut out, &summary)
                    .map_err(std::io::Error::from)
                    .and_then(|()| std::io::Write::write_all(&mut out, b"\n"))
                    .and_then(|()| std::io::Write::flush(&mut out)),
            )?;
            return Ok(Exit::Success);
        }
        ListFormat::Json => {
            let mut bytes = Vec::with_capacity(256 * summary.prospects.len() + 1024);
            // Writing to memory cannot fail.
            let _ = serde_json::to_writer_pretty(&mut bytes, &summary);
            bytes.push(b'\n');
            String::from_utf8(bytes).unwrap_or_default()
        }
        ListFormat::Csv => csv(&summary),
        ListFormat::Table => table(
            &summary,
            // Rows of no known unit concern a list of every département.
            if departments.is_empty() {
                &register.unknown_unit
            } else {
                &[]
            },
            &register,
            candidate.as_deref(),
            &standing,
            ranked_in_all - summary.prospects.len(),
            context.lang,
        ),
    };
    match &args.output {
        Some(path) => write_output(path, &text)?,
        None => print(&text)?,
    }
    Ok(Exit::Success)
}

/// Every entry of the ledger, whatever its status, and every row of the
/// publications, whoever it is for.
fn taken_rows(
    context: &Context,
    options: &ReadOptions,
    publications: &[PathBuf],
    skip_unreadable: bool,
) -> Result<(Vec<Sponsorship>, Vec<Sponsorship>), Failure> {
    // A row that cannot be read may be an official who is taken: without
    // it, the list would call them again.
    let refuse = |errors: Vec<Diagnostic>, what: &str| -> Result<(), Failure> {
        if errors.is_empty() {
            return Ok(());
        }
        let listed: Vec<String> = errors.iter().take(10).map(Diagnostic::to_string).collect();
        let more = if errors.len() > 10 {
            format!("\n… and {} more", errors.len() - 10)
        } else {
            String::new()
        };
        if skip_unreadable {
            eprintln!(
                "parrainage: warning: {} row(s) of {what} cannot be read: whoever they name stays on the list:\n{}{more}",
                errors.len(),
                listed.join("\n")
            );
            return Ok(());
        }
        Err(Failure::data(format!(
            "{} row(s) of {what} cannot be read, so the list could call officials who are taken \
             (`parrainage check` says how to fix them; `--skip-unreadable` goes on without them):\n{}{more}",
            errors.len(),
            listed.join("\n")
        )))
    };
    let everyone = ReadOptions {
        as_of: None,
        ..options.clone()
    };
    let mut ledger_rows = Vec::new();
    if context.ledgers.iter().any(|p| p.exists()) {
        let errors = each_entry(&context.ledgers, &everyone, |entry| {
            ledger_rows.push(entry.tidied())
        });
        refuse(errors, "the ledger")?;
    }
    let mut published_rows = Vec::new();
    for publication in publications {
        let (publication_options, _) = context.options_for(std::slice::from_ref(publication));
        let publication_options = ReadOptions {
            candidate: None,
            as_of: None,
            ..publication_options
        };
        match crate::ledger::LedgerReader::open(publication, &publication_options) {
            Ok(reader) if reader.format.is_official() => {}
            Ok(_) => {
                return Err(Failure::usage(format!(
                    "{}: not a publication of the Conseil constitutionnel",
                    publication.display()
                )));
            }
            Err(e) => return Err(e.into()),
        }
        let errors = each_entry(std::slice::from_ref(publication), &publication_options, |entry| {
            published_rows.push(entry.tidied())
        });
        refuse(errors, &publication.display().to_string())?;
    }
    Ok((ledger_rows, published_rows))
}

/// How many rows a table shows without `--limit`.
const TABLE_ROWS: usize = 50;

/// Whether a mandate is among those asked for (all when none is).
fn wanted(held: &official::rne::Held, departments: &[&'static Department], mandates: &[Mandate]) -> bool {
    (departments.is_empty()
        || held
            .unit
            .is_some_and(|u| departments.iter().any(|d| std::ptr::eq(*d, u))))
        && (mandates.is_empty() || mandates.contains(&held.mandate))
}

/// The register's directory: the flag, else the settings'.
fn register_dir(flag: Option<&Path>, context: &Context) -> Result<PathBuf, Failure> {
    flag.map(Path::to_path_buf).or_else(|| context.register.clone()).ok_or_else(|| {
        Failure::usage(
            "no register of elected officials: pass --register DIR (the RNE's CSV files from data.gouv.fr), \
             or set `register` in parrainage.toml",
        )
    })
}

/// The register, or an error listing its unreadable rows (exit 1) unless
/// the user goes on without them.
pub fn read_register(dir: &Path, skip_unreadable: bool) -> Result<Register, Failure> {
    let register = Register::read(dir).map_err(Failure::usage)?;
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        register.diagnostics.iter().partition(|d| d.is_error());
    for warning in warnings {
        eprintln!("parrainage: warning: {warning}");
    }
    if !errors.is_empty() && !skip_unreadable {
        let mut message = format!(
            "{} row(s) of the register cannot be read (`--skip-unreadable` goes on without them):",
            errors.len()
        );
        for error in errors.iter().take(10) {
            message.push_str(&format!("\n{error}"));
        }
        if errors.len() > 10 {
            message.push_str(&format!("\n… and {} more", errors.len() - 10));
        }
        return Err(Failure::data(message));
    }
    if !errors.is_empty() {
        eprintln!(
            "parrainage: warning: {} row(s) of the register cannot be read and were skipped",
            errors.len()
        );
    }
    Ok(register)
}

/// The one candidate a ledger names, if it names one.
fn only_candidate(rows: &[Sponsorship]) -> Option<String> {
    let first = rows.first()?;
    let key = candidate_key(&first.candidate);
    rows.iter()
        .all(|r| candidate_key(&r.candidate) == key)
        .then(|| first.candidate.clone())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum By {
    Ledger,
    Publication,
}

/// Who is taken, person by person.
struct Taken {
    by: Vec<Option<By>>,
    /// Named by a row that fits them and a homonym: kept, but flagged.
    maybe: Vec<bool>,
}

impl Taken {
    fn new(persons: usize) -> Taken {
        Taken {
            by: vec![None; persons],
            maybe: vec![false; persons],
        }
    }

    fn mark(&mut self, lookup: Lookup, by: By) {
        match lookup {
            // A person in the ledger and a publication counts once, under
            // the ledger.
            Lookup::One(p) | Lookup::OtherMandates(p) => {
                if self.by[p] != Some(By::Ledger) {
                    self.by[p] = Some(by);
                }
            }
            Lookup::Several(persons) => {
                for p in persons {
                    self.maybe[p] = true;
                }
            }
            Lookup::Nobody => {}
        }
    }
}

/// The candidate's live entries per unit, and the rules' numbers.
struct Standing {
    live: [u32; department::ALL.len()],
    reached: u32,
    min_departments: u32,
    cap: u32,
}

/// What a person would add: ordered best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    NewDepartment,
    /// Under the cap, with this many live entries there.
    UnderCap(u32),
    AtCap,
}

impl Rank {
    fn reason(self) -> &'static str {
        match self {
            Rank::NewDepartment => "new-department",
            Rank::UnderCap(_) => "under-cap",
            Rank::AtCap => "at-cap",
        }
    }
}

impl Standing {
    fn rank(&self, unit: &Department) -> Rank {
        let live = self.live[unit.index()];
        if live == 0 && self.reached < self.min_departments {
            Rank::NewDepartment
        } else if live < self.cap {
            Rank::UnderCap(live)
        } else {
            Rank::AtCap
        }
    }
}

#[derive(Serialize)]
struct Summary<'r> {
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
    why: &'static str,
}

#[derive(Serialize)]
struct RegisterView {
    files: usize,
    rows: u64,
    eligible: u64,
    ineligible: u64,
    persons: usize,
    skipped: u64,
    unknown_unit: usize,
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

/// A call list: one row per person, the mandate that ranks them first.
fn csv(summary: &Summary) -> String {
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
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn describe(m: &HeldView, lang: Lang) -> String {
    let place = if m.circonscription.is_empty() {
        String::new()
    } else {
        format!(" ({})", m.circonscription)
    };
    // In French, the mandate's official label rather than its code.
    let mandate = match (lang, m.mandate.parse::<crate::rules::Mandate>()) {
        (Lang::Fr, Ok(mandate)) => tr(lang, mandate.label()).into_owned(),
        _ => m.mandate.to_string(),
    };
    format!("{mandate}{place}, {}", m.department.unwrap_or("?"))
}

fn table(
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
                tr(lang, u.why)
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
