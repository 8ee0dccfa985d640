//! `prospects`' workflow: the register of elected officials
//! (`official::rne`) less everyone in the ledger (any status) and everyone a
//! publication lists, one row per person, ranked by what each would add for
//! the candidate: a département not reached yet while fewer than 30 are,
//! then a département under the cap (the fewest first), then the rest.

use std::path::{Path, PathBuf};

use crate::context::{Context, Failure};
use crate::diagnostic::Diagnostic;
use crate::ledger::ReadOptions;
use crate::ledger::scan::each_entry;
use crate::message::{Arg, Message};
use crate::official;
use crate::official::rne::{Index, Lookup, Register};
use crate::ops::register::{Coverage, coverage, read_register, register_dir};
use crate::rules::identity::candidate_key;
use crate::rules::{Department, Mandate, department};
use crate::sponsorship::Sponsorship;

/// What `prospects` is asked for.
pub struct ProspectsRequest<'r> {
    /// The register's directory, else the settings'.
    pub register: Option<&'r Path>,
    pub publications: &'r [PathBuf],
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
    /// Rank, person (in `register.persons`) and the unit that ranks them.
    pub ranked: Vec<(Rank, usize, &'static Department)>,
    /// How many were ranked before `limit`.
    pub ranked_in_all: usize,
    pub departments: Vec<&'static Department>,
    pub mandates: Vec<Mandate>,
    /// How complete the register is, unit by unit.
    pub coverage: Vec<Coverage>,
}

pub fn prospects(request: &ProspectsRequest, context: &Context) -> Result<Found, Failure> {
    let dir = register_dir(request.register, context)?;
    let departments = request
        .departments
        .iter()
        .map(|d| {
            Department::lookup(d)
                .ok_or_else(|| Failure::usage(format!("`{d}` is not a département or collectivity")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mandates = request
        .mandates
        .iter()
        .map(|m| {
            official::parse_mandate(m)
                .map_err(|_| Failure::usage(format!("`{m}` is not a mandate that may sponsor")))
        })
        .collect::<Result<Vec<Mandate>, _>>()?;

    // Who is taken: anyone in the ledger, whatever the status, and anyone
    // published, for any candidate. The ledger and the publications are
    // read while the register is.
    let (options, _) = context.options_for(&context.ledgers)?;
    let (register, taken_rows) = std::thread::scope(|scope| {
        let rows =
            scope.spawn(|| taken_rows(context, &options, request.publications, request.skip_unreadable));
        let register = read_register(&dir, request.skip_unreadable, context.notes.as_ref());
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
    let limit = request.limit;
    if let Some(limit) = limit {
        ranked.truncate(limit);
    }
    let ranked = ranked
        .into_iter()
        .map(|(rank, _, _, p, unit)| (rank, p, unit))
        .collect();
    Ok(Found {
        coverage: coverage(&register),
        register,
        candidate,
        standing,
        taken,
        ranked,
        ranked_in_all,
        departments,
        mandates,
    })
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
        if errors.is_empty() {
            return Ok(());
        }
        let count = errors.len();
        let listed = Arg::lines(errors, 10);
        if skip_unreadable {
            context
                .notes
                .warn(crate::msg!(TakenRowsUnreadable, count, what, listed));
            return Ok(());
        }
        Err(Failure::data(crate::msg!(TakenRowsRefused, count, what, listed)))
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
        // An archive of publications stands for its latest file.
        let publication = &crate::ledger::archive::publication_file(publication).map_err(Failure::usage)?;
        let (publication_options, _) = context.options_for_publication(std::slice::from_ref(publication))?;
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
        refuse(errors, crate::msg!(Verbatim, publication.display().to_string()))?;
    }
    Ok((ledger_rows, published_rows))
}

/// Whether a mandate is among those asked for (all when none is).
pub fn wanted(held: &official::rne::Held, departments: &[&'static Department], mandates: &[Mandate]) -> bool {
    (departments.is_empty()
        || held
            .unit
            .is_some_and(|u| departments.iter().any(|d| std::ptr::eq(*d, u))))
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
    /// Under the cap, with this many live entries there.
    UnderCap(u32),
    AtCap,
}

impl Rank {
    pub fn reason(self) -> &'static str {
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
