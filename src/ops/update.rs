//! `update`'s workflow: change one entry: its status and dates (a claim
//! that became `validated`), and with `--set-…` who it is (a name or a
//! mandate typed wrong).
//!
//! The entry is found by the identity flags (`ops::select`); the changed
//! row is checked as `check` would, and, when who it is changes, against
//! every other entry as `add` checks a new one, and, with a register of
//! elected officials, looked up in it as `add` looks one up: a change that
//! leaves the register is warned of. The file is rewritten in one atomic
//! step under the ledger's lock, every other byte as it was.

use std::path::PathBuf;
use std::sync::Arc;

use crate::context::{Context, Failure};
use crate::diagnostic::Diagnostic;
use crate::ledger::edit::{build_record, field_text, target_file};
use crate::ledger::read::RowChecker;
use crate::ledger::scan::{describe_finding, select_command};
use crate::ledger::{Field, ReadOptions};
use crate::official::communes::official_spelling;
use crate::official::rne::Index;
use crate::ops::compare::{Comparison, ledger_files};
use crate::ops::register::{InRegister, configured_register, in_register};
use crate::ops::select::{Identity, Selection, select_one};
use crate::rules::identity::{FindingKind, Location};
use crate::rules::{Department, Mandate, Status};
use crate::sponsorship::Sponsorship;

/// An entry changed: where, and what it was and is.
#[derive(Debug)]
pub struct Updated {
    pub file: PathBuf,
    pub line: u64,
    pub before: Sponsorship,
    pub after: Sponsorship,
    /// The circonscription as typed, when it was stored as the official
    /// list of communes writes it.
    pub respelled: Option<String>,
}

/// Which entry to change, and how: each value as typed (dates in the
/// ledger's form; an empty date clears one).
#[derive(Debug, Clone, Default)]
pub struct UpdateRequest {
    pub identity: Identity,
    /// The entry's line, when the identity fits several.
    pub line: Option<u64>,
    pub status: Option<String>,
    pub claimed_on: Option<String>,
    pub published_on: Option<String>,
    pub source: Option<String>,
    pub notes: Option<String>,
    pub set_last_name: Option<String>,
    pub set_first_name: Option<String>,
    pub set_civility: Option<String>,
    pub set_mandate: Option<String>,
    pub set_circonscription: Option<String>,
    pub set_department: Option<String>,
    /// The register of elected officials' directory, else the settings'.
    pub register: Option<PathBuf>,
}

/// Changes one entry, chosen by the identity flags, in one atomic rewrite.
/// Its warnings are said as they are found (`context.notes`).
pub fn update(args: &UpdateRequest, context: &Context) -> Result<Updated, Failure> {
    let path = target_file(&context.ledgers)?;
    let selection = Selection::of(&args.identity, args.line, context.read.candidate.clone())?;
    let changes = changes(args)?;
    if changes.is_empty() {
        return Err(Failure::usage(crate::msg!(UpdateNeedsAChange)));
    }
    // Who the entry is changes: read before the ledger is locked.
    let register = if changes.iter().any(|(field, _)| field.is_identity()) {
        configured_register(args.register.as_deref(), context)?
    } else {
        None
    };
    let selected = select_one(&path, &selection, context)?;
    let (row, layout) = (&selected.row, &selected.layout);
    let before = row.entry.clone().expect("matched rows have an entry");
    for (field, _) in &changes {
        if layout.columns.get(*field).is_none() {
            return Err(Failure::usage(crate::msg!(NoColumnToChange, &path, field.name())));
        }
    }
    let record = build_record(layout.header.len(), &layout.columns, Some(&row.record), |field| {
        changes
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, value)| value.clone())
    });
    let checking = ReadOptions {
        places: true,
        ..context.read.clone()
    };
    let (after, diagnostics) = RowChecker::new(layout, &checking).check(&record, row.line);
    let Some(mut after) = after else {
        return Err(not_changed(&diagnostics));
    };
    // A place typed loosely is stored as the official list writes it, as
    // `add` stores it.
    let respelled = args
        .set_circonscription
        .as_ref()
        .and_then(|_| official_spelling(after.mandate, after.department, &after.circonscription))
        .map(|name| std::mem::replace(&mut after.circonscription, name.to_string()));
    // What `check` would warn of in the changed row (a civility it does
    // not know, a formula), said as `add` says it.
    for warning in &diagnostics {
        context.notes.problem(warning);
    }
    let here = Location {
        file: Arc::from(path.as_path()),
        line: row.line,
    };
    if let Some(register) = &register
        && let InRegister::Warning(warning) = in_register(register, &Index::new(register), &after, &here)
    {
        context.notes.problem(&warning);
    }
    // Written as the ledger stores values (`M.` for `Monsieur`, codes, ISO
    // dates), as `add` writes them.
    let record = build_record(layout.header.len(), &layout.columns, Some(&row.record), |field| {
        changes
            .iter()
            .any(|(f, _)| *f == field)
            .then(|| field_text(&after, field))
    });
    // A new name, mandate, place or département may make it another
    // official's duplicate: checked as `add` checks a new entry.
    if changes.iter().any(|(field, _)| field.is_identity()) {
        let mut comparison = Comparison::new(&after).replacing(here.clone());
        for file in ledger_files(&path, &context.ledgers)? {
            comparison.read(&file, &context.read)?;
        }
        let mut refused = Vec::new();
        for (kind, first, first_at) in comparison.found {
            let diagnostic = describe_finding(kind, &after, &here, &first, &first_at);
            if kind == FindingKind::PossibleDuplicate {
                context.notes.problem(&diagnostic);
            } else {
                // The row still holds what it held: the hint names it so.
                let command = select_command("remove", &before, &here);
                refused.push(diagnostic.hint(crate::msg!(
                    AlreadyHoldsOfficial,
                    first_at.to_string(),
                    command
                )));
            }
        }
        if !refused.is_empty() {
            return Err(not_changed(&refused));
        }
    }
    let line = row.line;
    let encoded = selected.dialect.encode_row(&record);
    selected.rewrite(encoded, &path)?;
    Ok(Updated {
        file: path,
        line,
        before,
        after,
        respelled,
    })
}

fn not_changed(diagnostics: &[Diagnostic]) -> Failure {
    Failure::Refused {
        what: crate::msg!(EntryNotChanged),
        reasons: diagnostics.to_vec(),
    }
}

/// The new values, as the ledger stores them: codes and ISO dates.
fn changes(args: &UpdateRequest) -> Result<Vec<(Field, String)>, Failure> {
    let mut changes = Vec::new();
    if let Some(text) = &args.status {
        let status = Status::typed(text).map_err(Failure::data)?;
        changes.push((Field::Status, status.code().to_string()));
    }
    if let Some(text) = &args.set_mandate {
        let mandate = Mandate::typed(text).map_err(Failure::data)?;
        changes.push((Field::Mandate, mandate.code().to_string()));
    }
    if let Some(text) = &args.set_department {
        let department = Department::typed(text).map_err(Failure::data)?;
        changes.push((Field::Department, department.code.to_string()));
    }
    // Dates come checked and in ISO form from the command line; an empty
    // value clears one.
    for (field, value) in [
        (Field::ClaimedOn, &args.claimed_on),
        (Field::PublishedOn, &args.published_on),
        (Field::LastName, &args.set_last_name),
        (Field::FirstName, &args.set_first_name),
        (Field::Civility, &args.set_civility),
        (Field::Circonscription, &args.set_circonscription),
        (Field::Source, &args.source),
        (Field::Notes, &args.notes),
    ] {
        if let Some(text) = value {
            changes.push((field, text.clone()));
        }
    }
    Ok(changes)
}
