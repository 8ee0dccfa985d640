//! `add`'s workflow: record one sponsorship or promise.
//!
//! The entry is checked exactly as `check` checks a row, then against every
//! entry of the ledger; an official already there is refused, naming the
//! line. The row is appended in one write under the ledger's lock: the rest
//! of the file is never rewritten, and a refused entry leaves it untouched.
//!
//! The ledger is streamed and each row compared with the new entry alone, so
//! adding to a ledger of a million rows needs no more memory than to one of
//! ten.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::context::{Context, Failure};
use crate::diagnostic::Diagnostic;
use crate::error::Action;
use crate::ledger::edit::{build_record, field_text, next_line, open_for_writing, target_file};
use crate::ledger::read::RowChecker;
use crate::ledger::scan::{describe_finding, select_command};
use crate::ledger::write::LockedLedger;
use crate::ledger::{Field, ReadOptions};
use crate::official::communes::official_spelling;
use crate::ops::compare::{Comparison, ledger_files};
use crate::ops::select::Identity;
use crate::rules::Status;
use crate::rules::identity::{FindingKind, Location, candidate_name_warning};
use crate::sponsorship::Sponsorship;

/// The entry to record, as typed.
#[derive(Debug, Clone, Default)]
pub struct AddRequest {
    pub identity: Identity,
    pub civility: Option<String>,
    /// The status code or word (`claimed` unless given).
    pub status: String,
    /// Dates in the ledger's form, `YYYY-MM-DD`.
    pub claimed_on: Option<String>,
    pub published_on: Option<String>,
    pub source: Option<String>,
    pub notes: Option<String>,
}

/// Where an entry was recorded.
pub struct Recorded {
    pub file: PathBuf,
    pub line: u64,
    pub entry: Sponsorship,
    /// The circonscription as typed, when it was stored as the official
    /// list of communes writes it.
    pub respelled: Option<String>,
}

/// Records one entry: checked as `check` checks a row, compared with every
/// entry of the ledger, appended in one write under the lock.
/// Its warnings are said as they are found (`context.notes`).
pub fn add(args: &AddRequest, context: &Context) -> Result<Recorded, Failure> {
    let path = target_file(&context.ledgers)?;
    // A program that does not take the lock may put another file in the
    // ledger's place while we write: then the row went to a file no one
    // will read, and the entry is recorded again, in the new file, once.
    for retrying in [false, true] {
        if let Some(recorded) = record(args, context, &path, retrying)? {
            return Ok(recorded);
        }
        context.notes.note(crate::msg!(ReplacedWhileWritten, &path));
    }
    Err(Failure::usage(crate::msg!(ReplacedTwice, &path)))
}

/// Records the entry under the ledger's lock; returns what to say, or
/// `None` if the file was replaced while the row was written. When
/// `retrying`, an entry the replacing file already holds, the same in
/// every field, is taken as recorded.
fn record(
    args: &AddRequest,
    context: &Context,
    path: &Path,
    retrying: bool,
) -> Result<Option<Recorded>, Failure> {
    let path = path.to_path_buf();
    let mut locked = LockedLedger::acquire(&path, &context.ledgers, context.lock_timeout, &*context.notes)
        .map_err(|e| Failure::io(Action::Lock, &path, e))?;
    let layout = open_for_writing(&path, &context.read)?;

    // The new row, as the user typed it, in the file's columns.
    let identity = &args.identity;
    let claimed_on = args.claimed_on.clone().or_else(|| {
        let pending = args.status.parse::<Status>().is_ok_and(Status::is_pending);
        pending.then(|| context.as_of.format("%Y-%m-%d").to_string())
    });
    let typed = build_record(layout.header.len(), &layout.columns, None, |field| match field {
        Field::Status => Some(args.status.clone()),
        Field::Candidate => context.read.candidate.clone(),
        Field::Civility => args.civility.clone(),
        Field::LastName => Some(identity.last_name.clone()),
        Field::FirstName => Some(identity.first_name.clone()),
        Field::Mandate => identity.mandate.clone(),
        Field::Circonscription => identity.circonscription.clone(),
        Field::Department => identity.department.clone(),
        Field::ClaimedOn => claimed_on.clone(),
        Field::PublishedOn => args.published_on.clone(),
        Field::Source => args.source.clone(),
        Field::Notes => args.notes.clone(),
    });
    let checking = ReadOptions {
        places: true,
        ..context.read.clone()
    };
    let (entry, mut diagnostics) = RowChecker::new(&layout.layout(), &checking).check(&typed, 0);
    if let Some(warning) = entry.as_ref().and_then(|e| candidate_name_warning(&e.candidate)) {
        context.notes.warn(warning);
    }
    let Some(mut entry) = entry else {
        let line = next_line(&path, layout.dialect.terminator())
            .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
        diagnostics.iter_mut().for_each(|d| d.line = line);
        return Err(refusal(&diagnostics));
    };
    // A place typed loosely is stored as the official list writes it, and
    // compared with the ledger so.
    let respelled = official_spelling(entry.mandate, entry.department, &entry.circonscription)
        .map(|name| std::mem::replace(&mut entry.circonscription, name.to_string()));

    // Every entry already in the ledger: the target file and any other
    // files and directories named, each file read once.
    let files = ledger_files(&path, &context.ledgers)?;
    let ends_with_newline = locked
        .last_byte()
        .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?
        .is_none_or(|b| b == layout.dialect.terminator());
    let mut comparison = Comparison::new(&entry);
    let mut line = 0;
    for (i, file) in files.iter().enumerate() {
        let (next, torn) = comparison.read(file, &context.read)?;
        if i == 0 {
            // A row appended after a torn one would be read with it.
            if let Some((torn_line, _)) = torn {
                return Err(Failure::data(format!(
                    "{}:{torn_line}: the last row is torn (a write that did not finish, or a quote never closed); \
                     `parrainage repair` sets it aside; the entry was not recorded",
                    path.display()
                )));
            }
            line = next + u64::from(!ends_with_newline);
        }
    }
    let at = Location {
        file: Arc::from(path.as_path()),
        line,
    };
    for diagnostic in &mut diagnostics {
        diagnostic.line = line;
        context.notes.problem(diagnostic);
    }
    let mut refused = Vec::new();
    for (kind, first, first_at) in comparison.found {
        if retrying && kind == FindingKind::DuplicateSponsor && first == entry {
            return Ok(Some(Recorded {
                file: first_at.file.to_path_buf(),
                line: first_at.line,
                entry,
                respelled,
            }));
        }
        if kind == FindingKind::PossibleDuplicate {
            context
                .notes
                .problem(&describe_finding(kind, &entry, &at, &first, &first_at));
        } else {
            // Named at the entry that stands, not at the line the new one
            // would have had.
            let diagnostic = describe_finding(kind, &entry, &first_at, &first, &first_at);
            refused.push(diagnostic.hint(format!(
                "the entry at {first_at} stands; to change it: `{} --status …` (or --set-mandate, --notes…)",
                select_command("update", &first, &first_at)
            )));
        }
    }
    if !refused.is_empty() {
        return Err(refusal(&refused));
    }

    // Stored with codes and ISO dates, whatever spelling was typed.
    let record = build_record(layout.header.len(), &layout.columns, None, |field| {
        Some(field_text(&entry, field))
    });
    let mut bytes = Vec::new();
    if !ends_with_newline {
        bytes.extend_from_slice(layout.dialect.line_end());
    }
    let row = layout
        .encoding
        .encode(layout.dialect.encode_appended_row(&record))
        .map_err(|e| Failure::data(crate::msg!(NotRecordedBecause, &path, e)))?;
    bytes.extend(row);
    locked
        .append(&bytes)
        .map_err(|e| Failure::usage(format!("{}: the entry was not recorded: {e}", path.display())))?;
    let still_named = locked
        .still_named()
        .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    if !still_named {
        return Ok(None);
    }
    Ok(Some(Recorded {
        file: path,
        line,
        entry,
        respelled,
    }))
}

/// The entry is refused: exit 1 with every reason.
fn refusal(diagnostics: &[Diagnostic]) -> Failure {
    Failure::Refused {
        what: crate::msg!(EntryNotRecorded),
        reasons: diagnostics.to_vec(),
    }
}
