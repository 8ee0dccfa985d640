//! `list`'s workflow: the entries of the ledger, filtered by status,
//! mandate, département, candidate and a search over names and places
//! (folded, as identity folds), each with its file and line.

use std::path::Path;
use std::sync::Arc;

use crate::context::{Context, Failure};
use crate::diagnostic::Diagnostic;
use crate::error::Action;
use crate::ledger::read::expand;
use crate::ledger::scan::each_entry_noting;
use crate::ledger::{LedgerReader, OpenError, ReadOptions};
use crate::message::Arg;
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

/// Which entries to list: the values of each filter as typed (an empty
/// list allows any).
#[derive(Debug, Default)]
pub struct ListRequest<'a> {
    pub statuses: &'a [String],
    pub mandates: &'a [String],
    pub departments: &'a [String],
    /// Text to find in names and places.
    pub search: Option<&'a str>,
}

/// How many rows could not be read (and are not listed).
pub struct Listing {
    pub unreadable: u64,
}

/// Hands each entry of the ledger that `request`'s filters keep to `each`,
/// with its file and line, as it is read: a ledger of any size is listed
/// in the memory of one row. Rows that cannot be read are counted and
/// said on stderr. `each` returning an error (a full disk) ends the
/// listing with it.
pub fn list(
    request: &ListRequest,
    context: &Context,
    each: &mut dyn FnMut(Listed) -> std::io::Result<()>,
) -> Result<Listing, Failure> {
    let filter = Filter::from_request(request, context.read.candidate.as_deref())?;
    // Entries as the ledger holds them, whatever day it is, by the rules a
    // publication's own dates choose, as `check` reads them.
    let (options, _) = context.options_for(&context.ledgers)?;
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
    let mut failed: Option<std::io::Error> = None;
    let mut candidates: Vec<String> = Vec::new();
    // A row may have several problems: rows are counted, not problems.
    // Errors come in file order, so a row's are next to each other.
    let mut unreadable = 0;
    let mut last_row: Option<(Arc<Path>, u64)> = None;
    let mut shown: Vec<Diagnostic> = Vec::new();
    each_entry_noting(
        &context.ledgers,
        &options,
        |file, _, line, entry| {
            if !candidates.iter().any(|c| c == entry.candidate) {
                candidates.push(entry.candidate.to_string());
            }
            if failed.is_none() && filter.keeps(entry) {
                let entry = Listed {
                    file: Arc::clone(file),
                    line,
                    entry: entry.tidied(),
                };
                if let Err(e) = each(entry) {
                    failed = Some(e);
                }
            }
        },
        |error| {
            let row = (Arc::clone(&error.file), error.line);
            if last_row.as_ref() != Some(&row) {
                unreadable += 1;
                last_row = Some(row);
            }
            if shown.len() < 3 {
                shown.push(error);
            }
        },
    );
    if let Some(e) = failed {
        return Err(Failure::io(Action::Write, Path::new("the output"), e));
    }
    // A candidate the ledger does not hold is a mistake, as for `report`.
    if let (Some(wanted), Some(name)) = (&filter.candidate, context.read.candidate.as_deref())
        && !candidates.is_empty()
        && !candidates.iter().any(|c| candidate_key(c) == *wanted)
    {
        return Err(Failure::usage(crate::msg!(
            NoEntryFor,
            name,
            closest_names(name, &candidates)
        )));
    }
    if unreadable > 0 {
        // Each problem said on its first line only: the hints are check's.
        let firsts = shown
            .into_iter()
            .map(|error| crate::msg!(Indented, Diagnostic { hint: None, ..error }));
        context
            .notes
            .warn(crate::msg!(RowsNotListed, unreadable, Arg::lines(firsts, 3)));
    }
    Ok(Listing { unreadable })
}

/// Every value of a repeatable flag, read by `typed`; the first refused
/// one is a usage error.
fn typed_all<T>(
    texts: &[String],
    typed: impl Fn(&str) -> Result<T, crate::message::Message>,
) -> Result<Vec<T>, Failure> {
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
    fn from_request(request: &ListRequest, candidate: Option<&str>) -> Result<Filter, Failure> {
        let statuses = typed_all(request.statuses, Status::typed)?;
        let mandates = typed_all(request.mandates, Mandate::typed)?;
        let departments = typed_all(request.departments, Department::typed)?;
        Ok(Filter {
            statuses,
            mandates,
            departments,
            candidate: candidate.map(candidate_key),
            search: request.search.map(fold).filter(|s| !s.is_empty()),
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
