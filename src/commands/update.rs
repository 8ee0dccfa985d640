//! `parrainage update`: change the status and dates of one entry, e.g. a
//! claim that became `validated`.
//!
//! The entry is found by the identity flags; the changed row is checked as
//! `check` would, and the file is rewritten in one atomic step under the
//! ledger's lock, every other byte as it was.

use crate::cli::UpdateArgs;
use crate::context::{Context, Exit, Failure, Outcome, print};
use crate::diagnostic::Diagnostic;
use crate::ledger::Field;
use crate::ledger::edit::{build_record, open_for_writing, read_whole, reader_over, target_file};
use crate::ledger::read::{RowChecker, parse_date};
use crate::ledger::write::{LockedLedger, splice};
use crate::rules::identity::IdentityQuery;
use crate::rules::{Department, Mandate, Status};

pub fn run(args: &UpdateArgs, context: &Context) -> Outcome {
    let path = target_file(&context.ledgers)?;
    let query = query(args, context)?;
    let changes = changes(args)?;
    if changes.is_empty() {
        return Err(Failure::usage(
            "nothing to change: give --status, --claimed-on, --published-on, --source or --notes",
        ));
    }
    let locked = LockedLedger::acquire(&path, &context.ledgers, context.lock_timeout)
        .map_err(|e| Failure::usage(format!("{}: cannot lock the ledger: {e}", path.display())))?;
    let header_reader = open_for_writing(&path, &context.read)?;
    let encoding = header_reader.encoding;
    let original = read_whole(&header_reader)?;
    let mut reader = reader_over(&header_reader, &original, &context.read)?;
    let mut ignored = Vec::new();
    let mut found = Vec::new();
    while let Some(row) = reader.next_row(&mut ignored) {
        if row.entry.as_ref().is_some_and(|entry| query.matches(entry)) {
            found.push(row);
        }
    }
    let row = match found.len() {
        0 => {
            return Err(Failure::data(format!(
                "{}: no entry for {} {} matches; `parrainage check` lists rows that cannot be read",
                path.display(),
                query.last_name,
                query.first_name
            )));
        }
        1 => found.remove(0),
        _ => {
            let lines: Vec<String> = found
                .iter()
                .filter_map(|row| {
                    row.entry
                        .as_ref()
                        .map(|e| format!("  line {}: {} for {}", row.line, e.describe(), e.candidate))
                })
                .collect();
            return Err(Failure::data(format!(
                "{} entries match; narrow with --mandate, --department, --circonscription or --candidate:\n{}",
                found.len(),
                lines.join("\n")
            )));
        }
    };
    let before = row.entry.clone().expect("matched rows have an entry");
    for (field, _) in &changes {
        if reader.columns.get(*field).is_none() {
            return Err(Failure::usage(format!(
                "{} has no `{}` column to change",
                path.display(),
                field.name()
            )));
        }
    }
    let record = build_record(reader.header.len(), &reader.columns, Some(&row.record), |field| {
        changes
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, value)| value.clone())
    });
    let (after, diagnostics) = RowChecker::new(&reader.layout(), &context.read).check(&record, row.line);
    let Some(after) = after else {
        let reasons: Vec<String> = diagnostics.iter().map(Diagnostic::to_string).collect();
        return Err(Failure::data(format!(
            "the entry was not changed:\n{}",
            reasons.join("\n")
        )));
    };
    let encoded = reader.dialect.encode_row(&record);
    let contents = splice(
        &original,
        &[(row.offset, row.end, encoded)],
        b"",
        reader.dialect.line_end(),
    );
    let contents = encoding
        .encode(contents)
        .map_err(|e| Failure::data(format!("{}: the entry was not changed: {e}", path.display())))?;
    locked
        .replace(&contents)
        .map_err(|e| Failure::usage(format!("{}: the ledger was not changed: {e}", path.display())))?;
    let mut out = format!(
        "Updated {}:{}: {}",
        crate::render::text::clean_path(&path),
        row.line,
        crate::render::text::clean(&after.describe())
    );
    if before.status != after.status {
        out.push_str(&format!(", {} → {}", before.status, after.status));
    }
    if let Some(day) = after.published_on {
        out.push_str(&format!(", published {day}"));
    }
    out.push('\n');
    print(&out)?;
    Ok(Exit::Success)
}

fn query(args: &UpdateArgs, context: &Context) -> Result<IdentityQuery, Failure> {
    let identity = &args.identity;
    let mandate = identity
        .mandate
        .as_deref()
        .map(|text| {
            text.parse::<Mandate>()
                .map_err(|_| Failure::usage(format!("`{text}` is not a mandate type")))
        })
        .transpose()?;
    let department = identity
        .department
        .as_deref()
        .map(|text| {
            Department::lookup(text).ok_or_else(|| Failure::usage(format!("`{text}` is not a département")))
        })
        .transpose()?;
    Ok(IdentityQuery {
        last_name: identity.last_name.clone(),
        first_name: identity.first_name.clone(),
        mandate,
        department: department.or_else(|| mandate.and_then(Mandate::fixed_unit)),
        circonscription: identity.circonscription.clone(),
        candidate: context.read.candidate.clone(),
    })
}

/// The new values, checked and written as the ledger stores them.
fn changes(args: &UpdateArgs) -> Result<Vec<(Field, String)>, Failure> {
    let mut changes = Vec::new();
    if let Some(text) = &args.status {
        let status = text
            .parse::<Status>()
            .map_err(|()| Failure::usage(format!("`{text}` is not a status")))?;
        changes.push((Field::Status, status.code().to_string()));
    }
    for (field, value) in [
        (Field::ClaimedOn, &args.claimed_on),
        (Field::PublishedOn, &args.published_on),
    ] {
        if let Some(text) = value {
            // An empty value clears the date.
            let stored = if text.is_empty() {
                String::new()
            } else {
                parse_date(text, false)
                    .map_err(|e| {
                        Failure::usage(format!("--{}: {}", field.name().replace('_', "-"), e.message))
                    })?
                    .format("%Y-%m-%d")
                    .to_string()
            };
            changes.push((field, stored));
        }
    }
    if let Some(source) = &args.source {
        changes.push((Field::Source, source.clone()));
    }
    if let Some(notes) = &args.notes {
        changes.push((Field::Notes, notes.clone()));
    }
    Ok(changes)
}
