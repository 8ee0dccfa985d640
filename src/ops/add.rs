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
//!
//! With a register of elected officials, the official is looked up in it
//! first: found, the entry takes the register's spelling of the names, and
//! the civility and circonscription that were not typed; not found, a
//! warning names the nearest officials, and the entry is recorded all the
//! same (the register lags).

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
use crate::official::rne::{Index, Person, Register};
use crate::ops::compare::{Comparison, ledger_files};
use crate::ops::register::{InRegister, configured_register, in_register};
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
    /// The register of elected officials' directory, else the settings'.
    pub register: Option<PathBuf>,
}

/// Where an entry was recorded.
#[derive(Debug)]
pub struct Recorded {
    pub file: PathBuf,
    pub line: u64,
    pub entry: Sponsorship,
    /// The circonscription as typed, when it was stored as the official
    /// list of communes writes it.
    pub respelled: Option<String>,
    /// What the register of elected officials gave the entry.
    pub filled: Vec<Filled>,
}

/// A value of the entry taken from the register of elected officials.
#[derive(Debug, Clone, PartialEq)]
pub struct Filled {
    pub field: Field,
    /// What was typed, when the register spells it otherwise; `None` when
    /// nothing was.
    pub typed: Option<String>,
    pub value: String,
}

/// Records one entry: checked as `check` checks a row, compared with every
/// entry of the ledger, appended in one write under the lock.
/// Its warnings are said as they are found (`context.notes`).
pub fn add(args: &AddRequest, context: &Context) -> Result<Recorded, Failure> {
    let path = target_file(&context.ledgers)?;
    // Read before the ledger is locked: other writers need not wait.
    let register = configured_register(args.register.as_deref(), context)?;
    let index = register.as_ref().map(Index::new);
    let register = register.as_ref().zip(index.as_ref());
    // A program that does not take the lock may put another file in the
    // ledger's place while we write: then the row went to a file no one
    // will read, and the entry is recorded again, in the new file, once.
    for retrying in [false, true] {
        if let Some(recorded) = record(args, context, &path, register, retrying)? {
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
    register: Option<(&Register, &Index)>,
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
        let line =
            next_line(&path, layout.dialect.terminator()).map_err(|e| Failure::io(Action::Read, &path, e))?;
        diagnostics.iter_mut().for_each(|d| d.line = line);
        return Err(refusal(&diagnostics));
    };
    // A place typed loosely is stored as the official list writes it, and
    // compared with the ledger so.
    let respelled = official_spelling(entry.mandate, entry.department, &entry.circonscription)
        .map(|name| std::mem::replace(&mut entry.circonscription, name.to_string()));
    // The official as the register writes them; or, not there, a warning.
    let mut filled = Vec::new();
    if let Some((register, index)) = register {
        let here = Location {
            file: Arc::from(path.as_path()),
            line: 0,
        };
        match in_register(register, index, &entry, &here) {
            InRegister::Found { person, held } => {
                filled = fill(&mut entry, &register.persons[person], held);
            }
            InRegister::Warning(warning) => diagnostics.push(*warning),
            InRegister::Ambiguous => {}
        }
    }
    // A place the register gave is stored as the official list writes it.
    if let Some(given) = filled.iter_mut().find(|f| f.field == Field::Circonscription)
        && let Some(name) = official_spelling(entry.mandate, entry.department, &given.value)
    {
        given.value = name.to_string();
        entry.circonscription = name.to_string();
    }

    // Every entry already in the ledger: the target file and any other
    // files and directories named, each file read once.
    let files = ledger_files(&path, &context.ledgers)?;
    let ends_with_newline = locked
        .last_byte()
        .map_err(|e| Failure::io(Action::Read, &path, e))?
        .is_none_or(|b| b == layout.dialect.terminator());
    let mut comparison = Comparison::new(&entry);
    let mut line = 0;
    for (i, file) in files.iter().enumerate() {
        let (next, torn) = comparison.read(file, &context.read)?;
        if i == 0 {
            // A row appended after a torn one would be read with it.
            if let Some((torn_line, _)) = torn {
                return Err(Failure::data(crate::msg!(AddTornLastRow, &path, torn_line)));
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
                filled,
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
            let command = format!("{} --status …", select_command("update", &first, &first_at));
            refused.push(diagnostic.hint(crate::msg!(EntryStands, first_at.to_string(), command)));
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
        .map_err(|e| Failure::usage(crate::msg!(NotRecordedBecause, &path, &e)))?;
    let still_named = locked
        .still_named()
        .map_err(|e| Failure::io(Action::Read, &path, e))?;
    if !still_named {
        return Ok(None);
    }
    Ok(Some(Recorded {
        file: path,
        line,
        entry,
        respelled,
        filled,
    }))
}

/// The entry takes the register's spelling of the names, and the civility
/// and circonscription (of `held`, the mandate it names) that were not
/// typed; what changed is returned.
fn fill(entry: &mut Sponsorship, person: &Person, held: usize) -> Vec<Filled> {
    let mut filled = Vec::new();
    for (field, ours, theirs) in [
        (Field::LastName, &mut entry.last_name, &person.last_name),
        (Field::FirstName, &mut entry.first_name, &person.first_name),
    ] {
        if ours != theirs {
            filled.push(Filled {
                field,
                typed: Some(std::mem::replace(ours, theirs.clone())),
                value: theirs.clone(),
            });
        }
    }
    if entry.civility.is_none()
        && let Some(civility) = person.civility
    {
        entry.civility = Some(civility.to_string());
        filled.push(Filled {
            field: Field::Civility,
            typed: None,
            value: civility.to_string(),
        });
    }
    let place = person
        .mandates
        .get(held)
        .map_or("", |h| h.circonscription.as_str());
    if entry.circonscription.is_empty() && !place.is_empty() {
        entry.circonscription = place.to_string();
        filled.push(Filled {
            field: Field::Circonscription,
            typed: None,
            value: place.to_string(),
        });
    }
    filled
}

/// The entry is refused: exit 1 with every reason.
fn refusal(diagnostics: &[Diagnostic]) -> Failure {
    Failure::Refused {
        what: crate::msg!(EntryNotRecorded),
        reasons: diagnostics.to_vec(),
    }
}
