//! `prospects`' workflow: the register of elected officials
//! (`official::rne`) less everyone in the ledger (any status) and everyone a
//! publication lists, one row per person, ranked by what each would add for
//! the candidate: a département not reached yet while fewer than 30 are,
//! then a département under the cap, then the rest. Within a rank, the
//! past sponsors of the candidates preferred come first, then the past
//! sponsors of anyone (`ops::history`), then the rest; then the
//! départements furthest from the cap, then by département and name.
//!
//! A person whose unit the register does not say (the Assemblée de Corse,
//! the Alsace section of the regional council) is ranked by the best of
//! the units they may count in, and shown with those units.

use std::path::{Path, PathBuf};

use crate::context::{Context, Failure};
use crate::diagnostic::Diagnostic;
use crate::ledger::ReadOptions;
use crate::ledger::scan::each_entry;
use crate::message::{Arg, Message};
use crate::official;
use crate::official::rne::{Held, Index, Lookup, Register};
use crate::ops::history::{History, NotHistory, PastFile, PastRows, join, year_in_force};
use crate::ops::register::{Coverage, coverage, read_register, register_dir};
use crate::rules::identity::{candidate_key, closest_names};
use crate::rules::{Department, Mandate, department};
use crate::sponsorship::{Entry, Sponsorship};

/// What `prospects` is asked for.
pub struct ProspectsRequest<'r> {
    /// The register's directory, else the settings'.
    pub register: Option<&'r Path>,
    pub publications: &'r [PathBuf],
    /// Past publications, else the settings' `history`.
    pub history: &'r [PathBuf],
    /// Candidates whose past sponsors come first within each rank.
    pub prefer: &'r [String],
    /// Only these départements and mandates (all when empty), as typed.
    pub departments: &'r [String],
    pub mandates: &'r [String],
    /// At most this many rows.
    pub limit: Option<usize>,
    pub skip_unreadable: bool,
}

/// The prospects found: the register, who is taken, where the candidate
/// stands, and the persons ranked (best first, `limit` of them).
pub struct Found {
    pub register: Register,
    pub candidate: Option<String>,
    pub standing: Standing,
    pub taken: Taken,
    pub history: History,
    pub ranked: Vec<Ranked>,
    /// How many were ranked before `limit`.
    pub ranked_in_all: usize,
    /// How many of those the register gives no unit for.
    pub of_no_known_unit: usize,
    /// How complete the register is, unit by unit.
    pub coverage: Vec<Coverage>,
}

/// A person ranked.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub rank: Rank,
    pub tier: Tier,
    /// The person (in `register.persons`).
    pub person: usize,
    /// The mandate that ranks them (in the person's `mandates`).
    pub held: usize,
    /// The unit that ranks them: theirs, or the best they may count in.
    pub unit: &'static Department,
    /// The units they may count in, when the register says none (empty
    /// otherwise).
    pub possible: Vec<&'static Department>,
}

/// Where a person stands by what they did before: ordered first first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// Sponsored one of the candidates preferred (`--prefer`).
    Preferred,
    /// Sponsored someone.
    Sponsored,
    /// Sponsored no one, as far as the history files say.
    Rest,
}

pub fn prospects(request: &ProspectsRequest, context: &Context) -> Result<Found, Failure> {
    let dir = register_dir(request.register, context)?;
    let departments = request
        .departments
        .iter()
        .map(|d| {
            Department::lookup(d).ok_or_else(|| Failure::usage(crate::msg!(UnknownDepartement, d.as_str())))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mandates = request
        .mandates
        .iter()
        .map(|m| {
            official::parse_mandate(m)
                .map_err(|_| Failure::usage(crate::msg!(NotASponsoringMandate, m.as_str())))
        })
        .collect::<Result<Vec<Mandate>, _>>()?;
    let history_files = if request.history.is_empty() {
        context.history.as_slice()
    } else {
        request.history
    };
    if !request.prefer.is_empty() && history_files.is_empty() {
        return Err(Failure::usage(crate::msg!(PreferNeedsHistory)));
    }

    // Who is taken: anyone in the ledger, whatever the status, and anyone
    // published, for any candidate; and who sponsored before. The ledger
    // and the publications are read while the register is.
    let (options, _) = context.options_for(&context.ledgers)?;
    let in_force = year_in_force(&options.election);
    let (register, read) = std::thread::scope(|scope| {
        let rows = scope.spawn(|| {
            let taken = taken_rows(context, &options, request.publications, request.skip_unreadable)?;
            let past = past_files(context, history_files, in_force, request.skip_unreadable)?;
            Ok::<_, Failure>((taken, past))
        });
        let register = read_register(&dir, request.skip_unreadable, context.notes.as_ref());
        let rows = rows
            .join()
            .unwrap_or_else(|_| Err(Failure::usage(crate::msg!(LedgerThreadFailed))));
        (register, rows)
    });
    let (register, ((ledger_rows, published_rows), past)) = (register?, read?);
    let index = Index::new(&register);
    let mut taken = Taken::new(register.persons.len());
    for entry in &ledger_rows {
        taken.mark(index.lookup(entry), By::Ledger);
    }
    for entry in &published_rows {
        taken.mark(index.lookup(entry), By::Publication);
    }
    let history = join(&register, &index, past);
    let preferred = preferred(request.prefer, &history)?;

    // Where the candidate stands: live entries per unit, as of today.
    let candidate = context
        .read
        .candidate
        .clone()
        .or_else(|| only_candidate(&ledger_rows));
    if candidate.is_none() && !ledger_rows.is_empty() {
        return Err(Failure::usage(crate::msg!(SayWhoseProspects)));
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
    // and mandates asked for), sorted; only the rows shown are kept.
    let tier = |p: usize| -> Tier {
        let past = history.of(p);
        if past
            .iter()
            .any(|done| preferred.iter().any(|key| **key == *done.candidate_key))
        {
            Tier::Preferred
        } else if past.is_empty() {
            Tier::Rest
        } else {
            Tier::Sponsored
        }
    };
    let mut ranked: Vec<(RankKey<'_>, Ranked)> = register
        .persons
        .iter()
        .enumerate()
        .filter(|(p, _)| taken.by[*p].is_none())
        .filter_map(|(p, person)| {
            let (held, unit, known) = best_unit(&person.mandates, &standing, &departments, &mandates)?;
            let rank = standing.rank(unit);
            let tier = tier(p);
            let key = (
                rank,
                tier,
                standing.live[unit.index()],
                unit.code,
                person.folded_last_name(),
                p,
            );
            let possible = if known {
                Vec::new()
            } else {
                possible_units(&person.mandates, &departments, &mandates)
            };
            Some((
                key,
                Ranked {
                    rank,
                    tier,
                    person: p,
                    held,
                    unit,
                    possible,
                },
            ))
        })
        .collect();
    let ranked_in_all = ranked.len();
    let of_no_known_unit = ranked.iter().filter(|(_, r)| !r.possible.is_empty()).count();
    // Only the rows shown are put in order: the first `limit`, found
    // first when there are more.
    if let Some(limit) = request.limit
        && limit < ranked.len()
    {
        if limit > 0 {
            ranked.select_nth_unstable_by(limit - 1, |a, b| a.0.cmp(&b.0));
        }
        ranked.truncate(limit);
    }
    ranked.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let ranked: Vec<Ranked> = ranked.into_iter().map(|(_, r)| r).collect();
    Ok(Found {
        coverage: coverage(&register),
        register,
        candidate,
        standing,
        taken,
        history,
        ranked,
        ranked_in_all,
        of_no_known_unit,
    })
}

/// How persons are sorted: rank, what they did before, how many live
/// entries the candidate has in their unit (the furthest from the cap
/// first), the unit's code, the folded last name, the register's order.
type RankKey<'r> = (Rank, Tier, u32, &'static str, &'r str, usize);

/// The mandate and unit that rank a person best, among the mandates asked
/// for, and whether the unit is known: a unit the register gives comes
/// before those a mandate of no known unit may count in.
fn best_unit(
    mandates: &[Held],
    standing: &Standing,
    departments: &[&'static Department],
    wanted_mandates: &[Mandate],
) -> Option<(usize, &'static Department, bool)> {
    let by_rank = |unit: &'static Department| (standing.rank(unit), standing.live[unit.index()], unit.code);
    let asked = |unit: &'static Department| {
        departments.is_empty() || departments.iter().any(|d| std::ptr::eq(*d, unit))
    };
    let best = |known: bool| {
        mandates
            .iter()
            .enumerate()
            .filter(|(_, h)| h.unit.is_some() == known && wanted(h, departments, wanted_mandates))
            .flat_map(|(i, h)| h.units().filter(|u| asked(u)).map(move |u| (i, u)))
            .min_by_key(|&(_, unit)| by_rank(unit))
    };
    best(true)
        .map(|(i, unit)| (i, unit, true))
        .or_else(|| best(false).map(|(i, unit)| (i, unit, false)))
}

/// The units a person of no known unit may count in, by the mandates
/// asked for, in the order of `department::ALL`.
fn possible_units(
    mandates: &[Held],
    departments: &[&'static Department],
    wanted_mandates: &[Mandate],
) -> Vec<&'static Department> {
    let mut units: Vec<&'static Department> = mandates
        .iter()
        .filter(|h| wanted(h, departments, wanted_mandates))
        .flat_map(|h| h.units())
        .collect();
    units.sort_by_key(|u| u.index());
    units.dedup_by(|a, b| std::ptr::eq(*a, *b));
    units
}

/// The candidate keys of `--prefer`, each of which some person of the
/// register sponsored in the history files: a name that none did is a
/// typing mistake, said with the nearest names.
fn preferred(names: &[String], history: &History) -> Result<Vec<String>, Failure> {
    names
        .iter()
        .map(|name| {
            let key = candidate_key(name);
            if history.names(&key) {
                Ok(key)
            } else {
                Err(Failure::usage(crate::msg!(
                    PreferredNotInHistory,
                    name.as_str(),
                    closest_names(name, &history.candidates())
                )))
            }
        })
        .collect()
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
    let refuse = |errors: Vec<Diagnostic>, what: Message| -> Result<(), Failure> {
        unreadable(context, errors, skip_unreadable, |count, listed| {
            if skip_unreadable {
                crate::msg!(TakenRowsUnreadable, count, what.clone(), listed)
            } else {
                crate::msg!(TakenRowsRefused, count, what.clone(), listed)
            }
        })
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
        refuse(errors, crate::msg!(TheLedger))?;
    }
    let mut published_rows = Vec::new();
    for publication in publications {
        let (publication, errors) =
            read_publication(publication, context, |entry| published_rows.push(entry.tidied()))?;
        refuse(errors, crate::msg!(Verbatim, publication.display().to_string()))?;
    }
    Ok((ledger_rows, published_rows))
}

/// The past publications, each of an election before the one in force.
fn past_files(
    context: &Context,
    paths: &[PathBuf],
    in_force: Option<u16>,
    skip_unreadable: bool,
) -> Result<Vec<PastFile>, Failure> {
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let mut rows = PastRows::default();
        let (path, errors) = read_publication(path, context, |entry| rows.push(entry))?;
        // A row that cannot be read may be a past sponsor: the list would
        // rank them as someone who never sponsored.
        unreadable(context, errors, skip_unreadable, |count, listed| {
            if skip_unreadable {
                crate::msg!(HistoryRowsUnreadable, count, &path, listed)
            } else {
                crate::msg!(HistoryRowsRefused, count, &path, listed)
            }
        })?;
        let file = rows.finish(path.clone(), in_force).map_err(|why| {
            Failure::usage(match why {
                NotHistory::InForce { year, latest } => {
                    crate::msg!(HistoryInForce, &path, latest, year.to_string())
                }
                NotHistory::NotPast { latest } => crate::msg!(HistoryNotPast, &path, latest),
                NotHistory::Undated => crate::msg!(HistoryUndated, &path),
            })
        })?;
        files.push(file);
    }
    Ok(files)
}

/// Each row of a publication, whoever it is for, handed to `each`; the
/// file read (an archive of publications stands for its latest file) and
/// the errors of the rows it cannot read. A file that is not a
/// publication is refused, naming the formats.
fn read_publication(
    path: &Path,
    context: &Context,
    each: impl FnMut(&Entry),
) -> Result<(PathBuf, Vec<Diagnostic>), Failure> {
    let path = crate::ledger::archive::publication_file(path).map_err(Failure::usage)?;
    let (options, _) = context.options_for_publication(std::slice::from_ref(&path))?;
    let options = ReadOptions {
        candidate: None,
        as_of: None,
        ..options
    };
    crate::ledger::archive::open_publication(&path, &options)?;
    let errors = each_entry(std::slice::from_ref(&path), &options, each);
    Ok((path, errors))
}

/// Rows that cannot be read: none is fine; else, with `--skip-unreadable`
/// a warning, without it a refusal (exit 1), each the message `said`
/// makes of their count and the first of them.
fn unreadable(
    context: &Context,
    mut errors: Vec<Diagnostic>,
    skip_unreadable: bool,
    said: impl FnOnce(usize, Arg) -> Message,
) -> Result<(), Failure> {
    if errors.is_empty() {
        return Ok(());
    }
    // One error a row, its first, as `import` says them: a row's later
    // errors follow from it (a date that cannot be read is then missing).
    errors.dedup_by(|later, first| later.file == first.file && later.line == first.line);
    let count = errors.len();
    let message = said(count, Arg::lines(errors, 10));
    if skip_unreadable {
        context.notes.warn(message);
        return Ok(());
    }
    Err(Failure::data(message))
}

/// Whether a mandate is among those asked for (all when none is): a
/// mandate of no known unit is when one of the units it may count in is.
pub fn wanted(held: &Held, departments: &[&'static Department], mandates: &[Mandate]) -> bool {
    (departments.is_empty()
        || held
            .units()
            .any(|u| departments.iter().any(|d| std::ptr::eq(*d, u))))
        && (mandates.is_empty() || mandates.contains(&held.mandate))
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
pub enum By {
    Ledger,
    Publication,
}

/// Who is taken, person by person.
pub struct Taken {
    pub by: Vec<Option<By>>,
    /// Named by a row that fits them and a homonym: kept, but flagged.
    pub maybe: Vec<bool>,
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
pub struct Standing {
    pub live: [u32; department::ALL.len()],
    pub reached: u32,
    pub min_departments: u32,
    pub cap: u32,
}

/// What a person would add: ordered best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    NewDepartment,
    /// Under the cap (the fewest live entries there first, within).
    UnderCap,
    AtCap,
}

impl Rank {
    pub fn reason(self) -> &'static str {
        match self {
            Rank::NewDepartment => "new-department",
            Rank::UnderCap => "under-cap",
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
            Rank::UnderCap
        } else {
            Rank::AtCap
        }
    }
}
