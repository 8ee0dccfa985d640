//! `parrainage add`: record one sponsorship or promise.
//!
//! The entry is checked exactly as `check` checks a row, then against every
//! entry of the ledger; an official already there is refused, naming the
//! line. The row is appended in one write under the ledger's lock: the rest
//! of the file is never rewritten, and a refused entry leaves it untouched.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::cli::AddArgs;
use crate::context::{Context, Exit, Failure, Outcome, print};
use crate::diagnostic::Diagnostic;
use crate::ledger::Field;
use crate::ledger::edit::{build_record, check_row, field_text, next_line, open_for_writing, target_file};
use crate::ledger::read::{expand, finding_diagnostic, scan};
use crate::ledger::write::LockedLedger;
use crate::rules::Status;
use crate::rules::identity::{Finding, Location, Registry};

pub fn run(args: &AddArgs, context: &Context) -> Outcome {
    let path = target_file(&context.ledgers)?;
    let mut locked = LockedLedger::acquire(&path)
        .map_err(|e| Failure::usage(format!("{}: cannot lock the ledger: {e}", path.display())))?;
    let reader = open_for_writing(&path, &context.read)?;

    // The new row, as the user typed it, in the file's columns.
    let identity = &args.identity;
    let claimed_on = args.claimed_on.clone().or_else(|| {
        let pending = args.status.parse::<Status>().is_ok_and(Status::is_pending);
        pending.then(|| context.as_of.format("%Y-%m-%d").to_string())
    });
    let typed = build_record(reader.header.len(), &reader.columns, None, |field| match field {
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
    let line = next_line(&path).map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    let (entry, diagnostics) = check_row(&path, &reader.header, reader.dialect, &typed, line, &context.read);
    let Some(entry) = entry else {
        return Err(refusal(&diagnostics));
    };
    for warning in &diagnostics {
        eprintln!("{warning}");
    }

    // Every entry already in the ledger, the target file and any other
    // files and directories named, each file read once.
    let mut registry = Registry::default();
    let mut files: Vec<PathBuf> = vec![path.clone()];
    let mut seen: HashSet<PathBuf> = files.iter().filter_map(|p| p.canonicalize().ok()).collect();
    for file in expand(&context.ledgers[1..]).map_err(Failure::usage)? {
        if seen.insert(file.canonicalize().unwrap_or_else(|_| file.clone())) {
            files.push(file);
        }
    }
    let existing = scan(&files, &context.read, &mut registry, |_, _| {});
    if !existing.unreadable.is_empty() {
        return Err(Failure::usage(existing.unreadable.join("\n")));
    }
    if existing.errors() > 0 {
        eprintln!(
            "note: the ledger already has {} errors; run `parrainage check` to see them",
            existing.errors()
        );
    }
    let at = Location {
        file: std::sync::Arc::from(path.as_path()),
        line,
    };
    let mut refused = Vec::new();
    for finding in registry.record(&entry, &at, true) {
        let blocking = !matches!(finding, Finding::PossibleDuplicate { .. });
        let diagnostic = finding_diagnostic(&entry, &at, finding);
        if blocking {
            refused.push(diagnostic);
        } else {
            eprintln!("{diagnostic}");
        }
    }
    if !refused.is_empty() {
        return Err(refusal(&refused));
    }

    // Stored with codes and ISO dates, whatever spelling was typed.
    let record = build_record(reader.header.len(), &reader.columns, None, |field| {
        Some(field_text(&entry, field))
    });
    let mut bytes = Vec::new();
    if locked
        .last_byte()
        .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?
        .is_some_and(|b| b != b'\n')
    {
        bytes.extend_from_slice(reader.dialect.line_end());
    }
    let row = reader
        .encoding
        .encode(&reader.dialect.encode_row(&record))
        .map_err(|e| Failure::data(format!("{}: the entry was not recorded: {e}", path.display())))?;
    bytes.extend(row);
    locked
        .append(&bytes)
        .map_err(|e| Failure::usage(format!("{}: the entry was not recorded: {e}", path.display())))?;
    print(&format!(
        "Recorded {}:{}: {} {} for {}\n",
        path.display(),
        line,
        entry.status,
        entry.describe(),
        entry.candidate
    ));
    Ok(Exit::Success)
}

/// The entry is refused: exit 1 with every reason.
fn refusal(diagnostics: &[Diagnostic]) -> Failure {
    let reasons: Vec<String> = diagnostics.iter().map(Diagnostic::to_string).collect();
    Failure::data(format!("the entry was not recorded:\n{}", reasons.join("\n")))
}
