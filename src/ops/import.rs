//! `import`'s workflow: reconcile the ledger with a publication of the
//! Conseil constitutionnel and write the ledger in one atomic step under its
//! lock, every untouched byte as it was.
//!
//! Who is who is decided in `rules::matching`, what each entry becomes in
//! `ops::reconcile`; what was done is returned, for `render::import` to show.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bumpalo::Bump;

use crate::context::{Context, Failure};
use crate::diagnostic::Diagnostic;
use crate::error::Action;
use crate::ledger::archive::{open_publication, publication_file};
use crate::ledger::edit::{build_record, field_text, open_for_writing, read_whole, reader_over, target_file};
use crate::ledger::encoding::TextEncoding;
use crate::ledger::new_rows::{Merged, NewRows};
use crate::ledger::read::ahead::ReadAhead;
use crate::ledger::read::{Layout, RowChecker};
use crate::ledger::write::{LockedLedger, ends_a_line, splice_pieces};
use crate::ledger::{Field, LedgerReader, ReadOptions};
use crate::message::{Arg, Message, Notes};
use crate::ops::compare::ledger_files_importing;
use crate::ops::reconcile::{self, Admission, Claim, Kept, Reconciler, Reconciliation};
use crate::rules::Status;
use crate::rules::fold::{fold, tidy};
use crate::rules::identity::{candidate_key, candidate_name_advice, closest_names};
use crate::rules::matching::Fit;
use crate::sponsorship::Sponsorship;

/// How many problems of a file to quote in a message.
const QUOTED: usize = 10;

/// What an import is asked to do.
pub struct ImportRequest<'r> {
    /// The publication of the Conseil constitutionnel.
    pub publication: &'r Path,
    /// Show what would change, write nothing.
    pub dry_run: bool,
    /// Go on past the publication's rows that cannot be read.
    pub skip_unreadable: bool,
}

/// What an import did: the reconciliation, the rows added, whether the
/// ledger was written.
pub struct Imported<'a> {
    /// The ledger file written (or that would be).
    pub ledger: PathBuf,
    /// The publication imported: the file given, or an archive's latest.
    pub publication: PathBuf,
    /// The publication, found in a directory of the ledger and so not read
    /// as a ledger file.
    pub set_aside: Option<PathBuf>,
    pub result: Reconciliation<'a>,
    pub added: Merged,
    pub layout: Layout,
    pub options: ReadOptions,
    /// The line the first added row is on.
    pub first_new_line: u64,
    /// The publication's rows that could not be read (`skip_unreadable`).
    pub skipped: Vec<Diagnostic>,
    /// Beside each claim, the other ledger file it is in, if not this one.
    pub held_in: Vec<Option<Arc<Path>>>,
    pub written: bool,
    /// Rows changed in place.
    pub changed: usize,
}

/// Reconciles the ledger with a publication and, unless a dry run, writes
/// the ledger in one atomic step under its lock. What is kept of the
/// publication lives in `arena`.
pub fn import<'a>(
    arena: &'a Bump,
    request: &ImportRequest,
    context: &Context,
) -> Result<Imported<'a>, Failure> {
    let path = target_file(&context.ledgers)?;
    // An archive of publications stands for its latest file.
    let publication_path = publication_file(request.publication).map_err(Failure::usage)?;
    // With no settings and no --election, the publication's own dates
    // choose the rules, for the ledger's rows as for the publication's.
    let (options, _) = context.options_for_publication(std::slice::from_ref(&publication_path))?;
    // An empty candidate cell in the publication must not default to ours.
    let publication_options = ReadOptions {
        candidate: None,
        ..options.clone()
    };
    // Read on a thread of its own: its rows are split and checked on one
    // core while this one reconciles them and writes what to add.
    let mut publication = {
        let path = publication_path.clone();
        ReadAhead::spawn(&publication_path, move || {
            open_publication(&path, &publication_options)
        })?
    };

    // The lock is taken before the ledger is read, as `add` does, so that an
    // entry added meanwhile is not lost by the rewrite. A dry run writes
    // nothing and needs no lock.
    let locked = if request.dry_run {
        None
    } else {
        Some(
            LockedLedger::acquire(&path, &context.ledgers, context.lock_timeout, &*context.notes)
                .map_err(|e| Failure::io(Action::Lock, &path, e))?,
        )
    };
    let header_reader = open_for_writing(&path, &options)?;
    let encoding = header_reader.encoding;
    let original = read_whole(&header_reader)?;
    let mut ledger = reader_over(&header_reader, &original, &options)?;

    let candidate = match &options.candidate {
        Some(candidate) => candidate.clone(),
        None => ledger_candidate(&path, &mut reader_over(&header_reader, &original, &options)?)?,
    };
    let ours = candidate_key(&candidate);

    // The candidate's entries, and what is kept of the publication, live
    // in one arena.
    let mut diagnostics = Vec::new();
    let (mut claims, mut spans) = (Vec::new(), Vec::new());
    // Beside each claim, the other ledger file it is in, if not this one.
    let mut held_in: Vec<Option<Arc<Path>>> = Vec::new();
    let mut last_spelling: Option<(String, bool)> = None;
    while let Some((at, entry)) = ledger.next_entry(&mut diagnostics) {
        let Some(entry) = entry else { continue };
        let is_ours = match &last_spelling {
            Some((spelling, is_ours)) if spelling == entry.candidate => *is_ours,
            _ => {
                let is_ours = candidate_key(entry.candidate) == ours;
                last_spelling = Some((entry.candidate.to_string(), is_ours));
                is_ours
            }
        };
        if is_ours {
            claims.push(Claim::new(arena, &entry, at.line));
            spans.push((at.offset, ledger.row_end()));
            held_in.push(None);
        }
    }
    // The candidate's entries in the ledger's other files take part in the
    // matching, so that a sponsor one of them holds is not added here a
    // second time; only this file is written.
    let (files, set_aside) = ledger_files_importing(&path, &context.ledgers, Some(&publication_path))?;
    for file in files.into_iter().skip(1) {
        let mut reader = LedgerReader::open(&file, &options)?;
        let file: Arc<Path> = Arc::clone(&reader.path);
        while let Some((at, entry)) = reader.next_entry(&mut diagnostics) {
            if let Some(entry) = entry.filter(|e| candidate_key(e.candidate) == ours) {
                claims.push(Claim::new(arena, &entry, at.line));
                held_in.push(Some(Arc::clone(&file)));
            }
        }
    }
    // A row the tool cannot read could be a claim the publication confirms;
    // importing around it would add the official a second time.
    let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(Diagnostic::is_error).collect();
    if !errors.is_empty() {
        let ledgers: Vec<String> = context.ledgers.iter().map(|p| p.display().to_string()).collect();
        return Err(Failure::data(crate::msg!(
            LedgerErrorsFirst,
            ledgers.join(", "),
            errors.len(),
            Arg::lines(errors, QUOTED)
        )));
    }

    // The publication, streamed: the candidate's sponsors of families no
    // claim is of are written as rows to add at once.
    let source = publication_path.file_name().map_or_else(
        || publication_path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let layout = ledger.layout();
    let spelled = tidy(&candidate);
    let mut additions = Additions::new(
        &layout,
        &options,
        &spelled,
        &source,
        &publication_path,
        context.notes.as_ref(),
    );
    let mut reconciler = Reconciler::new(arena, &candidate, claims);
    let mut skipped: Vec<Diagnostic> = Vec::new();
    let mut found = Vec::new();
    while let Some((at, entry)) = publication.next_entry(&mut found) {
        match entry {
            Some(entry) => {
                if reconciler.offer(&entry, at.line) == Admission::Added {
                    additions.add(false, &entry, at.line)?;
                }
            }
            None => skipped.extend(found.iter().find(|d| d.is_error()).cloned()),
        }
        found.clear();
    }
    // Diagnostics left by the last call: the file could not be read to its
    // end, and what follows the break would look missing.
    if !found.is_empty() {
        return Err(Failure::usage(crate::msg!(
            PublicationCutShort,
            &publication_path,
            Arg::lines(found, QUOTED)
        )));
    }
    // A partial reconciliation would leave pending what the unread rows
    // confirm: nothing is written unless the user says to go on.
    if !skipped.is_empty() && !request.skip_unreadable {
        return Err(Failure::data(crate::msg!(
            PublicationRowsUnreadable,
            &publication_path,
            skipped.len(),
            Arg::lines(skipped.iter().cloned(), QUOTED)
        )));
    }
    let result = reconciler.finish();
    if !result.holds_candidate {
        return Err(Failure::data(crate::msg!(
            NoSponsorshipFor,
            &publication_path,
            &candidate,
            result.candidates.len(),
            closest_names(&candidate, &result.candidates)
        )));
    }

    // The rows that change, each checked exactly as `check` would.
    let dialect = ledger.dialect;
    let mut refused = Vec::new();
    let mut changes = Vec::new();
    // The rows that change are read again from the ledger's text, by one
    // reader moved from row to row.
    let mut rereader = LedgerReader::resume(&layout, std::io::Cursor::new(&original[..]), &options, 1, 0);
    for (c, verdict) in result.verdicts.iter().enumerate() {
        let Some(p) = verdict.published.filter(|_| held_in[c].is_none()) else {
            continue;
        };
        let claim = &result.claims[c].entry;
        let row = &result.published[p].entry;
        let values = match verdict.outcome {
            reconcile::EntryOutcome::Confirmed => confirmation(claim, row, verdict.fit, &source),
            reconcile::EntryOutcome::Lost => vec![
                (Field::Status, "lost".to_string()),
                (Field::PublishedOn, field_text(row, Field::PublishedOn)),
                (
                    Field::Notes,
                    reconcile::lost_notes(claim.notes, row.candidate, row.published_on),
                ),
            ],
            _ => continue,
        };
        let (offset, end) = spans[c];
        let line = result.claims[c].line;
        let base = rereader
            .seek_to(offset, line)
            .ok()
            .and_then(|()| rereader.next_row(&mut Vec::new()))
            .map(|row| row.record)
            .unwrap_or_default();
        let record = build_record(layout.header.len(), &layout.columns, Some(&base), |field| {
            values.iter().find(|(f, _)| *f == field).map(|(_, v)| v.clone())
        });
        let (checked, found) = additions.checker.check(&record, line);
        if checked.is_none() {
            refused.extend(
                found
                    .into_iter()
                    .filter(Diagnostic::is_error)
                    .map(|d| crate::msg!(Verbatim, d)),
            );
        }
        changes.push((offset, end, dialect.encode_row(&record)));
    }
    // The candidate's rows kept for a family of the ledger that no claim
    // matched are added too, in publication order with the others.
    for &p in &result.added {
        let row = &result.published[p];
        additions.add(true, &row.entry, row.line)?;
    }
    // Rows added go after the last line; a file without a final line end
    // gets one first (see `splice`).
    let first_new_line = ledger.next_line() + u64::from(!ends_a_line(&original, dialect.line_end()));
    let (added, refused_rows) = additions.finish(first_new_line)?;
    refused.extend(refused_rows);
    if !refused.is_empty() {
        return Err(Failure::data(crate::msg!(
            ImportRowsRefused,
            refused.len(),
            Arg::lines(refused, QUOTED)
        )));
    }

    let changing = !changes.is_empty() || !added.is_empty();
    let written = match locked {
        // Nothing to change: the file is not rewritten at all.
        Some(locked) if changing => {
            let pieces = splice_pieces(&original, &changes, !added.is_empty(), dialect.line_end());
            let failed = |e: std::io::Error| Failure::usage(crate::msg!(LedgerNotChangedBecause, &path, &e));
            match encoding {
                TextEncoding::Utf8 => locked
                    .replace_streaming(&pieces, added.stream())
                    .map_err(failed)?,
                _ => {
                    let mut contents = pieces.concat();
                    added.stream().read_to_end(&mut contents).map_err(failed)?;
                    let contents = encoding
                        .encode(contents)
                        .map_err(|e| Failure::data(crate::msg!(LedgerNotChangedBecause, &path, e)))?;
                    locked.replace(&contents).map_err(failed)?;
                }
            }
            true
        }
        _ => false,
    };
    Ok(Imported {
        ledger: path,
        publication: publication_path,
        set_aside,
        result,
        added,
        layout,
        options,
        first_new_line,
        skipped,
        held_in,
        written,
        changed: changes.len(),
    })
}

/// The rows an import adds: each published sponsor turned into a new
/// `validated` row of the candidate, checked as `check` would, and kept by
/// [`NewRows`]. Two sets, each in publication order: those added as the
/// publication is read (`direct`, spilled to a file past a size) and those
/// known only once claims are matched (`late`, bounded by the ledger).
struct Additions<'o> {
    checker: RowChecker,
    direct: NewRows,
    late: NewRows,
    /// Problems of rows that would fail `check`: publication line and text.
    refused: Vec<(u64, Message)>,
    shape: &'o Layout,
    /// The name every new row is written with, and the source it gives.
    candidate: &'o str,
    source: &'o str,
    publication: &'o Path,
    /// Where the warnings of values that would run as formulas go.
    notes: &'o dyn Notes,
}

impl<'o> Additions<'o> {
    fn new(
        shape: &'o Layout,
        options: &ReadOptions,
        candidate: &'o str,
        source: &'o str,
        publication: &'o Path,
        notes: &'o dyn Notes,
    ) -> Additions<'o> {
        Additions {
            publication,
            notes,
            checker: RowChecker::new(shape, options),
            direct: NewRows::new(shape.dialect, true),
            late: NewRows::new(shape.dialect, false),
            refused: Vec::new(),
            shape,
            candidate,
            source,
        }
    }

    /// Adds the published `entry`, read at `line`, as a new row.
    fn add<S: AsRef<str>>(&mut self, late: bool, entry: &Sponsorship<S>, line: u64) -> Result<(), Failure> {
        let record = build_record(self.shape.header.len(), &self.shape.columns, None, |field| {
            Some(match field {
                Field::Status => Status::Validated.code().to_string(),
                Field::Candidate => self.candidate.to_string(),
                Field::ClaimedOn | Field::Notes => String::new(),
                Field::Source => self.source.to_string(),
                Field::LastName | Field::FirstName | Field::Circonscription => {
                    tidy(&field_text(entry, field))
                }
                other => field_text(entry, other),
            })
        });
        let (checked, found) = self.checker.check(&record, line);
        if checked.is_none() {
            self.refused.extend(
                found
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| (line, crate::msg!(CodeSaid, d.code.as_str(), d.message.clone()))),
            );
        }
        warn_of_formulas(&found, self.publication, self.notes);
        let rows = if late { &mut self.late } else { &mut self.direct };
        rows.push(&record, line, entry.candidate.as_ref())
            .map_err(|e| Failure::usage(crate::msg!(RowsToAddUnkept, e.to_string())))
    }

    /// The rows in publication order, and the problems of those that would
    /// fail `check`, at the ledger lines they would have.
    fn finish(self, first_new_line: u64) -> Result<(Merged, Vec<Message>), Failure> {
        let failed = |e: std::io::Error| Failure::usage(crate::msg!(RowsToAddUnkept, e.to_string()));
        let merged = Merged::new(
            self.direct.finish().map_err(failed)?,
            self.late.finish().map_err(failed)?,
        );
        let mut refused = Vec::new();
        if !self.refused.is_empty() {
            let line_of: rustc_hash::FxHashMap<u64, u64> = merged
                .origins()
                .enumerate()
                .map(|(k, (line, _))| (line, first_new_line + k as u64))
                .collect();
            for (line, said) in self.refused {
                refused.push(crate::msg!(
                    NewRowRefused,
                    line_of.get(&line).copied().unwrap_or_default(),
                    line,
                    said
                ));
            }
        }
        Ok((merged, refused))
    }
}

/// A value a publication brings into the ledger that a spreadsheet would
/// run as a formula: said, as `add` says it (the value is written as
/// published, and `check` will name it too).
fn warn_of_formulas(found: &[Diagnostic], publication: &Path, notes: &dyn Notes) {
    for diagnostic in found
        .iter()
        .filter(|d| d.code == crate::diagnostic::Code::FormulaCell)
    {
        notes.warn(crate::msg!(
            FileLine,
            publication.display().to_string(),
            diagnostic.line,
            diagnostic.message.clone()
        ));
    }
}

/// The candidate of a ledger that names one, for an import without
/// `--candidate`: its rows may spell it several ways. Rows that cannot be
/// read are left to the pass that reads them for good.
fn ledger_candidate<R: std::io::Read>(path: &Path, ledger: &mut LedgerReader<R>) -> Result<String, Failure> {
    let mut found: Vec<(String, String)> = Vec::new();
    let mut ignored = Vec::new();
    while let Some((_, entry)) = ledger.next_entry(&mut ignored) {
        ignored.clear();
        let Some(entry) = entry else { continue };
        if found.last().is_some_and(|(_, name)| name == entry.candidate) {
            continue;
        }
        let key = candidate_key(entry.candidate);
        match found.iter_mut().find(|(k, _)| *k == key) {
            // One candidate spelled several ways: the spelling written
            // NOM Prénom is the one new rows take.
            Some((_, name)) => {
                if candidate_name_advice(name).is_some() && candidate_name_advice(entry.candidate).is_none() {
                    *name = tidy(entry.candidate);
                }
            }
            None => found.push((key, tidy(entry.candidate))),
        }
    }
    match found.as_slice() {
        [(_, name)] => Ok(name.clone()),
        [] => Err(Failure::usage(crate::msg!(NoCandidateToImport, path))),
        several => Err(Failure::usage(crate::msg!(
            SeveralCandidatesToImport,
            path,
            several.len(),
            several
                .iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// What a confirmed claim becomes: `validated` with the publication's date.
/// Found under other first names, another mandate or place, it takes the
/// published values, and a promise dated after its own publication loses
/// that date; what it said before is kept in its notes.
fn confirmation(claim: &Kept, row: &Kept, fit: Option<Fit>, source: &str) -> Vec<(Field, String)> {
    let mut values = vec![
        (Field::Status, "validated".to_string()),
        (Field::PublishedOn, field_text(row, Field::PublishedOn)),
    ];
    let mut before = Vec::new();
    if fit.is_some_and(Fit::corrects_the_claim) {
        for field in [
            Field::LastName,
            Field::FirstName,
            Field::Mandate,
            Field::Circonscription,
            Field::Department,
        ] {
            let (old, new) = (field_text(claim, field), field_text(row, field));
            if fold(&old) != fold(&new) {
                before.push(format!("{} `{old}`", field.name()));
                values.push((field, new));
            }
        }
    }
    if let (Some(claimed), Some(published)) = (claim.claimed_on, row.published_on)
        && claimed > published
    {
        before.push(format!("claimed_on {claimed}, after the publication"));
        values.push((Field::ClaimedOn, String::new()));
    }
    if !before.is_empty() {
        values.push((
            Field::Notes,
            reconcile::correction_notes(claim.notes, source, &before),
        ));
    }
    values
}
