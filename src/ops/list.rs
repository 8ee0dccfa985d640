//! `list`'s workflow: the entries of the ledger, filtered by status,
//! mandate, département, candidate and a search over names and places
//! (folded, as identity folds), each with its file and line.

use std::path::Path;
use std::sync::Arc;

use crate::cli::ListArgs;
use crate::context::{Context, Failure};
use crate::diagnostic::Diagnostic;
use crate::ledger::read::expand;
use crate::ledger::scan::each_entry_at;
use crate::ledger::{LedgerReader, OpenError, ReadOptions};
use crate::rules::fold::fold;
use crate::rules::identity::{candidate_key, closest_names};
use crate::rules::{Department, Mandate, Status};
use crate::sponsorship::{Entry, Sponsorship};

/// One entry and where it is.
pub struct Listed {
    pub file: Arc<Path>,
    pub line: u64,
    pub entry: Sponsorship,
}

/// The entries listed, and how many rows could not be read.
pub struct Listing {
    pub entries: Vec<Listed>,
    pub unreadable: usize,
}

/// The entries of the ledger that `args`' filters keep, each with its file
/// and line; rows that cannot be read are counted and said on stderr.
pub fn list(args: &ListArgs, context: &Context) -> Result<Listing, Failure> {
    let filter = Filter::from_args(args, context.read.candidate.as_deref())?;
    // Entries as the ledger holds them, whatever day it is, by the rules a
    // publication's own dates choose, as `check` reads them.
    let (options, _) = context.options_for(&context.ledgers);
    let options = ReadOptions {
        as_of: None,
        ..options
    };
    // A file that cannot be opened is not an empty list.
    for file in expand(&context.ledgers).map_err(Failure::usage)? {
        if let Err(OpenError::Unreadable(message)) = LedgerReader::open(&file, &options) {
            return Err(Failure::usage(message));
        }
    }
    let mut found = Vec::new();
    let mut candidates: Vec<String> = Vec::new();
    let errors = each_entry_at(&context.ledgers, &options, |file, _, line, entry| {
        if !candidates.iter().any(|c| c == entry.candidate) {
            candidates.push(entry.candidate.to_string());
        }
        if filter.keeps(entry) {
            found.push(Listed {
                file: Arc::clone(file),
                line,
                entry: entry.tidied(),
            });
        }
    });
    // A candidate the ledger does not hold is a mistake, as for `report`.
    if let (Some(wanted), Some(name)) = (&filter.candidate, context.read.candidate.as_deref())
        && !candidates.is_empty()
        && !candidates.iter().any(|c| candidate_key(c) == *wanted)
    {
        return Err(Failure::usage(format!(
            "the ledger holds no entry for `{name}`; {}",
            closest_names(name, &candidates)
        )));
    }
    // A row may have several problems: rows are counted, not problems.
    let mut rows: Vec<(&std::path::Path, u64)> = errors.iter().map(|d| (&*d.file, d.line)).collect();
    rows.sort_unstable();
    rows.dedup();
    if !errors.is_empty() {
        eprintln!(
            "parrainage: warning: {} row(s) cannot be read and are not listed; `parrainage check` says why",
            rows.len()
        );
        for error in errors.iter().take(3) {
            eprintln!(
                "  {}",
                Diagnostic::to_string(error).lines().next().unwrap_or_default()
            );
        }
    }
    Ok(Listing {
        entries: found,
        unreadable: rows.len(),
    })
}

/// Every value of a repeatable flag, read by `typed`; the first refused
/// one is a usage error.
fn typed_all<T>(texts: &[String], typed: impl Fn(&str) -> Result<T, String>) -> Result<Vec<T>, Failure> {
    texts
        .iter()
        .map(|t| typed(t))
        .collect::<Result<_, _>>()
        .map_err(Failure::usage)
}

/// What an entry must be to be listed; an empty list allows any.
struct Filter {
    statuses: Vec<Status>,
    mandates: Vec<Mandate>,
    departments: Vec<&'static Department>,
    candidate: Option<String>,
    /// Folded, as identity folds names.
    search: Option<String>,
}

impl Filter {
    fn from_args(args: &ListArgs, candidate: Option<&str>) -> Result<Filter, Failure> {
        let statuses = typed_all(&args.status, Status::typed)?;
        let mandates = typed_all(&args.mandate, Mandate::typed)?;
        let departments = typed_all(&args.department, Department::typed)?;
        Ok(Filter {
            statuses,
            mandates,
            departments,
            candidate: candidate.map(candidate_key),
            search: args.search.as_deref().map(fold).filter(|s| !s.is_empty()),
        })
    }

    fn keeps(&self, entry: &Entry) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&entry.status))
            && (self.mandates.is_empty() || self.mandates.contains(&entry.mandate))
            && (self.departments.is_empty()
                || self
                    .departments
                    .iter()
                    .any(|d| std::ptr::eq(*d, entry.department)))
            && self
                .candidate
                .as_ref()
                .is_none_or(|c| *c == candidate_key(entry.candidate))
            && self.search.as_ref().is_none_or(|wanted| {
                let (last, first) = (fold(entry.last_name), fold(entry.first_name));
                [
                    format!("{last}{first}"),
                    format!("{first}{last}"),
                    fold(entry.circonscription),
                    fold(entry.department.name),
                ]
                .iter()
                .any(|text| text.contains(wanted.as_str()))
            })
    }
}
