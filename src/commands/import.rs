//! `parrainage import OFFICIAL.csv`: reconcile the ledger with a publication
//! of the Conseil constitutionnel.
//!
//! Who is who is decided in `rules::matching`, what each entry becomes in
//! `ops::reconcile`; this module reads the two files, rewrites the ledger
//! in one atomic step under its lock (every untouched byte as it was), and
//! prints the reconciliation as a table or as JSON.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;

use bumpalo::Bump;
use chrono::NaiveDate;
use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Value, json};

use crate::cli::{ImportArgs, ImportFormat};
use crate::context::{self, Context, Exit, Failure, Outcome, print};
use crate::diagnostic::Diagnostic;
use crate::ledger::edit::{build_record, field_text, open_for_writing, read_whole, reader_over, target_file};
use crate::ledger::encoding::TextEncoding;
use crate::ledger::new_rows::{Merged, NewRows};
use crate::ledger::read::Layout;
use crate::ledger::read::RowChecker;
use crate::ledger::write::{LockedLedger, ends_a_line, splice_pieces};
use crate::ledger::{Field, LedgerReader, OpenError, ReadOptions};
use crate::ops::compare::ledger_files;
use crate::ops::reconcile::{self, Admission, Claim, Kept, NoteKind, Reconciler, Reconciliation};
use crate::render::Lang;
use crate::render::words::tr;
use crate::rules::fold::{fold, tidy};
use crate::rules::identity::{candidate_key, candidate_name_advice, closest_names};
use crate::rules::matching::Fit;
use crate::rules::{Mandate, Status};
use crate::sponsorship::Sponsorship;
use crate::text::clean;

/// How many problems of a file to quote in a message.
const QUOTED: usize = 10;

pub fn run(args: &ImportArgs, context: &Context) -> Outcome {
    let path = target_file(&context.ledgers)?;
    // With no settings and no --election, the publication's own dates
    // choose the rules, for the ledger's rows as for the publication's.
    let (options, _) = context.options_for(std::slice::from_ref(&args.publication));
    // An empty candidate cell in the publication must not default to ours.
    let publication_options = ReadOptions {
        candidate: None,
        ..options.clone()
    };
    let mut publication = open_publication(&args.publication, &publication_options)?;

    // The lock is taken before the ledger is read, as `add` does, so that an
    // entry added meanwhile is not lost by the rewrite. A dry run writes
    // nothing and needs no lock.
    let locked = if args.dry_run {
        None
    } else {
        Some(
            LockedLedger::acquire(&path, &context.ledgers, context.lock_timeout)
                .map_err(|e| Failure::io("lock", &path, e))?,
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
    let arena = Bump::new();
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
            claims.push(Claim::new(&arena, &entry, at.line));
            spans.push((at.offset, ledger.row_end()));
            held_in.push(None);
        }
    }
    // The candidate's entries in the ledger's other files take part in the
    // matching, so that a sponsor one of them holds is not added here a
    // second time; only this file is written.
    for file in ledger_files(&path, &context.ledgers)?.into_iter().skip(1) {
        let mut reader = LedgerReader::open(&file, &options)?;
        let file: Arc<Path> = Arc::clone(&reader.path);
        while let Some((at, entry)) = reader.next_entry(&mut diagnostics) {
            if let Some(entry) = entry.filter(|e| candidate_key(e.candidate) == ours) {
                claims.push(Claim::new(&arena, &entry, at.line));
                held_in.push(Some(Arc::clone(&file)));
            }
        }
    }
    // A row the tool cannot read could be a claim the publication confirms;
    // importing around it would add the official a second time.
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(Diagnostic::to_string)
        .collect();
    if !errors.is_empty() {
        return Err(Failure::data(format!(
            "{}: {} error(s) in the ledger; fix them first (`parrainage check` lists them), nothing was written:\n{}",
            context
                .ledgers
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            errors.len(),
            quote(&errors)
        )));
    }

    // The publication, streamed: the candidate's sponsors of families no
    // claim is of are written as rows to add at once.
    let source = args.publication.file_name().map_or_else(
        || args.publication.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let layout = ledger.layout();
    let spelled = tidy(&candidate);
    let mut additions = Additions::new(&layout, &options, &spelled, &source, &args.publication);
    let mut reconciler = Reconciler::new(&arena, &candidate, claims);
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
        let left: Vec<String> = found.iter().map(Diagnostic::to_string).collect();
        return Err(Failure::usage(format!(
            "{}: cannot be read to its end, nothing was written:\n{}",
            args.publication.display(),
            quote(&left)
        )));
    }
    // A partial reconciliation would leave pending what the unread rows
    // confirm: nothing is written unless the user says to go on.
    if !skipped.is_empty() && !args.skip_unreadable {
        let listed: Vec<String> = skipped.iter().map(Diagnostic::to_string).collect();
        return Err(Failure::data(format!(
            "{}: {} row(s) cannot be read, so nothing was written (`--skip-unreadable` imports the rest and lists them):\n{}",
            args.publication.display(),
            skipped.len(),
            quote(&listed)
        )));
    }
    let result = reconciler.finish();
    if !result.holds_candidate {
        return Err(Failure::data(format!(
            "{}: the publication holds no sponsorship for `{candidate}` ({} candidate(s)); {}; nothing was written",
            args.publication.display(),
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
            reconcile::Outcome::Confirmed => confirmation(claim, row, verdict.fit, &source),
            reconcile::Outcome::Lost => vec![
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
            refused.extend(found.iter().filter(|d| d.is_error()).map(Diagnostic::to_string));
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
        return Err(Failure::data(format!(
            "nothing was written: {} problem(s) in the rows the import would write:\n{}",
            refused.len(),
            quote(&refused)
        )));
    }

    let changing = !changes.is_empty() || !added.is_empty();
    let written = match locked {
        // Nothing to change: the file is not rewritten at all.
        Some(locked) if changing => {
            let pieces = splice_pieces(&original, &changes, !added.is_empty(), dialect.line_end());
            let failed =
                |e: String| Failure::usage(format!("{}: the ledger was not changed: {e}", path.display()));
            match encoding {
                TextEncoding::Utf8 => locked
                    .replace_streaming(&pieces, added.stream())
                    .map_err(|e| failed(e.to_string()))?,
                _ => {
                    let mut contents = pieces.concat();
                    added
                        .stream()
                        .read_to_end(&mut contents)
                        .map_err(|e| failed(e.to_string()))?;
                    let contents = encoding.encode(contents).map_err(|e| {
                        Failure::data(format!("{}: the ledger was not changed: {e}", path.display()))
                    })?;
                    locked.replace(&contents).map_err(|e| failed(e.to_string()))?;
                }
            }
            true
        }
        _ => false,
    };
    if !context.election_is_chosen()
        && let Some(year) = options.election.year
        && options.election != context.read.election
    {
        eprintln!(
            "parrainage: note: the {year} election's rules applied, chosen by the publication's dates; \
             no settings name an election for {}: set `election = {year}` in its parrainage.toml \
             (or pass --election {year}) so that `check` and `report` apply them too",
            path.display()
        );
    }
    let report = Report {
        ledger: &path,
        publication: &args.publication,
        result: &result,
        added: &added,
        layout: &layout,
        options: &options,
        first_new_line,
        skipped: &skipped,
        held_in: &held_in,
        lang: context.lang,
        dry_run: args.dry_run,
        written,
        changed: changes.len(),
    };
    match (args.format, &args.output) {
        (ImportFormat::Table, None) => print(&report.table())?,
        (ImportFormat::Table, Some(path)) => context::write_output(path, &report.table())?,
        (ImportFormat::Json, Some(path)) => {
            let mut text = Vec::new();
            report
                .write_json(&mut text)
                .map_err(|e| Failure::usage(format!("cannot write the JSON: {e}")))?;
            text.push(b'\n');
            context::write_output(path, &String::from_utf8_lossy(&text))?;
        }
        (ImportFormat::Json, None) => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            context::written(
                report
                    .write_json(&mut out)
                    .map_err(std::io::Error::from)
                    .and_then(|()| out.write_all(b"\n"))
                    .and_then(|()| out.flush()),
            )?;
        }
    }
    Ok(Exit::Success)
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
    refused: Vec<(u64, String)>,
    shape: &'o Layout,
    /// The name every new row is written with, and the source it gives.
    candidate: &'o str,
    source: &'o str,
    publication: &'o Path,
}

impl<'o> Additions<'o> {
    fn new(
        shape: &'o Layout,
        options: &ReadOptions,
        candidate: &'o str,
        source: &'o str,
        publication: &'o Path,
    ) -> Additions<'o> {
        Additions {
            publication,
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
                    .map(|d| (line, format!("{}: {}", d.code, d.message))),
            );
        }
        warn_of_formulas(&found, self.publication);
        let rows = if late { &mut self.late } else { &mut self.direct };
        rows.push(&record, line, entry.candidate.as_ref())
            .map_err(|e| Failure::usage(format!("cannot keep the rows to add: {e}")))
    }

    /// The rows in publication order, and the problems of those that would
    /// fail `check`, at the ledger lines they would have.
    fn finish(self, first_new_line: u64) -> Result<(Merged, Vec<String>), Failure> {
        let failed = |e: std::io::Error| Failure::usage(format!("cannot keep the rows to add: {e}"));
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
            for (line, text) in &self.refused {
                refused.push(format!(
                    "new row at line {} (publication line {line}): {text}",
                    line_of.get(line).copied().unwrap_or_default()
                ));
            }
        }
        Ok((merged, refused))
    }
}

/// A value a publication brings into the ledger that a spreadsheet would
/// run as a formula: said, as `add` says it (the value is written as
/// published, and `check` will name it too).
fn warn_of_formulas(found: &[Diagnostic], publication: &Path) {
    for diagnostic in found
        .iter()
        .filter(|d| d.code == crate::diagnostic::Code::FormulaCell)
    {
        eprintln!(
            "parrainage: warning: {} line {}: {}",
            publication.display(),
            diagnostic.line,
            diagnostic.message
        );
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
        [] => Err(Failure::usage(format!(
            "no candidate to import for: {} names none; pass --candidate 'NOM Prénom' or set `candidate` in parrainage.toml",
            path.display()
        ))),
        several => Err(Failure::usage(format!(
            "{} names {} candidates ({}): say which with --candidate",
            path.display(),
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

fn open_publication(path: &Path, options: &ReadOptions) -> Result<LedgerReader, Failure> {
    let reader = LedgerReader::open(path, options).map_err(|e| match e {
        OpenError::Unreadable(message) => Failure::usage(message),
        OpenError::Invalid(found) => Failure::usage(format!(
            "{} is not an official publication of the Conseil constitutionnel:\n{}",
            path.display(),
            quote(&found.iter().map(Diagnostic::to_string).collect::<Vec<_>>())
        )),
    })?;
    if !reader.format.is_official() {
        return Err(Failure::usage(format!(
            "{} is not an official publication of the Conseil constitutionnel: its header should be \
             `Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication` \
             (2022) or name the candidate `Candidat-e parrainé-e` (2017)",
            path.display()
        )));
    }
    Ok(reader)
}

/// The first lines of `messages`, and how many more there are.
fn quote(messages: &[String]) -> String {
    let mut out: Vec<String> = messages.iter().take(QUOTED).cloned().collect();
    if messages.len() > QUOTED {
        out.push(format!("… and {} more", messages.len() - QUOTED));
    }
    out.join("\n")
}

fn fit_code(fit: Fit) -> &'static str {
    match fit {
        Fit::Exact => "exact",
        Fit::OpenCirconscription => "open-circonscription",
        Fit::FewerFirstNames => "fewer-first-names",
        Fit::OtherPlace => "other-place",
        Fit::OtherMandate => "other-mandate",
    }
}

fn day(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

/// One line of a list: an entry, where it is, and what it became.
struct Listed<'a> {
    /// Another ledger file than the one written, where the entry is.
    file: Option<&'a Path>,
    ledger_line: Option<u64>,
    publication_line: Option<u64>,
    last_name: &'a str,
    first_name: &'a str,
    mandate: Mandate,
    circonscription: &'a str,
    department: &'static str,
    status: Status,
    published_on: Option<NaiveDate>,
    published_for: Option<&'a str>,
    fit: Option<Fit>,
}

impl<'a> Listed<'a> {
    /// `entry`, which became `status`: its identity.
    fn of<S: AsRef<str>>(
        entry: &'a Sponsorship<S>,
        status: Status,
        published_on: Option<NaiveDate>,
    ) -> Listed<'a> {
        Listed {
            file: None,
            ledger_line: None,
            publication_line: None,
            last_name: entry.last_name.as_ref(),
            first_name: entry.first_name.as_ref(),
            mandate: entry.mandate,
            circonscription: entry.circonscription.as_ref(),
            department: entry.department.code,
            status,
            published_on,
            published_for: None,
            fit: None,
        }
    }

    fn json(&self) -> Value {
        let mut value = json!({
            "ledger_line": self.ledger_line,
            "publication_line": self.publication_line,
            "last_name": self.last_name,
            "first_name": self.first_name,
            "mandate": self.mandate.code(),
            "circonscription": self.circonscription,
            "department": self.department,
            "status": self.status.code(),
            "published_on": day(self.published_on),
            "published_for": self.published_for,
            "fit": self.fit.map(fit_code),
        });
        if let Some(file) = self.file {
            value["file"] = json!(file.display().to_string());
        }
        value
    }

    fn name(&self) -> String {
        let place = if self.circonscription.is_empty() {
            String::new()
        } else {
            format!(", {}", self.circonscription)
        };
        let file = self.file.map_or_else(String::new, |file| {
            format!(", {}:{}", file.display(), self.ledger_line.unwrap_or_default())
        });
        clean(&format!(
            "{} {} ({}{place}, {}{file})",
            self.last_name, self.first_name, self.mandate, self.department
        ))
        .into_owned()
    }
}

/// The JSON document of an import, keys in this order.
#[derive(serde::Serialize)]
struct JsonDocument<'r> {
    #[serde(flatten)]
    head: serde_json::Map<String, Value>,
    entries: EntriesJson<'r>,
    anomalies: Value,
    review: Value,
    ambiguous: Value,
}

/// The entries behind each number, serialised one by one; the added rows
/// are read back from their bytes as they are written.
struct EntriesJson<'r> {
    report: &'r Report<'r>,
    categories: &'r [(&'static str, Vec<usize>)],
}

impl serde::Serialize for EntriesJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        struct List<'r>(&'r Report<'r>, &'r [usize]);
        impl serde::Serialize for List<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.1.len()))?;
                for &c in self.1 {
                    seq.serialize_element(&self.0.claim(c).json())?;
                }
                seq.end()
            }
        }
        struct AddedList<'r>(&'r Report<'r>);
        impl serde::Serialize for AddedList<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.0.added.len()))?;
                self.0
                    .each_added(usize::MAX, |listed| seq.serialize_element(&listed.json()))?;
                seq.end()
            }
        }
        let mut map = serializer.serialize_map(Some(self.categories.len()))?;
        for (name, list) in self.categories {
            if *name == "added" {
                map.serialize_entry(name, &AddedList(self.report))?;
            } else {
                map.serialize_entry(name, &List(self.report, list))?;
            }
        }
        map.end()
    }
}

/// The categories of the reconciliation, in the order they are shown.
const CATEGORIES: [&str; 7] = [
    "confirmed",
    "added",
    "lost",
    "pending",
    "already_validated",
    "unchanged",
    "in_other_files",
];

struct Report<'a> {
    ledger: &'a Path,
    publication: &'a Path,
    result: &'a Reconciliation<'a>,
    added: &'a Merged,
    layout: &'a Layout,
    options: &'a ReadOptions,
    first_new_line: u64,
    /// The publication's rows that could not be read (`--skip-unreadable`).
    skipped: &'a [Diagnostic],
    /// Beside each claim, the other ledger file it is in, if not this one.
    held_in: &'a [Option<Arc<Path>>],
    lang: Lang,
    dry_run: bool,
    written: bool,
    changed: usize,
}

impl<'a> Report<'a> {
    /// The ledger's entries (claim indices) in each category; `added` is
    /// left empty, its rows being read back by
    /// [`each_added`](Self::each_added).
    fn categories(&self) -> Vec<(&'static str, Vec<usize>)> {
        let mut lists: Vec<(&'static str, Vec<usize>)> =
            CATEGORIES.iter().map(|c| (*c, Vec::new())).collect();
        for (c, verdict) in self.result.verdicts.iter().enumerate() {
            let category = match verdict.outcome {
                _ if self.held_in[c].is_some() => 6,
                reconcile::Outcome::Confirmed => 0,
                reconcile::Outcome::Lost => 2,
                reconcile::Outcome::Pending => 3,
                reconcile::Outcome::AlreadyValidated => 4,
                reconcile::Outcome::Unchanged => 5,
            };
            lists[category].1.push(c);
        }
        lists
    }

    /// Claim `c`, where it is and what it became.
    fn claim(&self, c: usize) -> Listed<'a> {
        let result = self.result;
        let claim = &result.claims[c];
        let verdict = &result.verdicts[c];
        let row = verdict.published.map(|p| &result.published[p]);
        let (status, published_on) = match verdict.outcome {
            reconcile::Outcome::Confirmed => (Status::Validated, row.and_then(|r| r.entry.published_on)),
            reconcile::Outcome::Lost => (Status::Lost, row.and_then(|r| r.entry.published_on)),
            _ => (claim.entry.status, claim.entry.published_on),
        };
        Listed {
            file: self.held_in[c].as_deref(),
            ledger_line: Some(claim.line),
            publication_line: row.map(|r| r.line),
            published_for: row.map(|r| r.entry.candidate),
            fit: verdict.fit,
            ..Listed::of(&claim.entry, status, published_on)
        }
    }

    /// The number of entries in a category.
    fn count(&self, category: &str, list: &[usize]) -> usize {
        if category == "added" {
            self.added.len()
        } else {
            list.len()
        }
    }

    /// Hands the first `limit` added rows to `each`, read back from the
    /// bytes written, with their lines and the name they were published for.
    fn each_added<E>(&self, limit: usize, mut each: impl FnMut(Listed) -> Result<(), E>) -> Result<(), E> {
        let mut reader = LedgerReader::resume(
            self.layout,
            self.added.stream(),
            self.options,
            self.first_new_line,
            0,
        );
        let mut origins = self.added.origins();
        let mut ignored = Vec::new();
        for _ in 0..limit.min(self.added.len()) {
            let (Some((at, Some(entry))), Some((line, published_for))) =
                (reader.next_entry(&mut ignored), origins.next())
            else {
                break;
            };
            each(Listed {
                ledger_line: Some(at.line),
                publication_line: Some(line),
                published_for: Some(published_for),
                ..Listed::of(&entry, Status::Validated, entry.published_on)
            })?;
        }
        Ok(())
    }

    fn notes(&self, kind: NoteKind) -> Vec<(String, Value)> {
        let result = self.result;
        result
            .notes
            .iter()
            .filter(|n| n.kind == kind)
            // Said when that file is imported into.
            .filter(|n| n.claim.is_none_or(|c| self.held_in[c].is_none()))
            .map(|note| {
                let claim = note.claim.map(|c| &result.claims[c]);
                let row = note.published.map(|p| &result.published[p]);
                let who = claim
                    .map(|c| &c.entry)
                    .or(row.map(|r| &r.entry))
                    .map(|e| e.describe())
                    .unwrap_or_default();
                let at = claim.map_or_else(String::new, |c| format!("line {}: ", c.line));
                let text = clean(&format!("{at}{who}: {}", note.message)).into_owned();
                let value = json!({
                    "code": note.code,
                    "message": note.message,
                    "ledger_line": claim.map(|c| c.line),
                    "publication_line": row.map(|r| r.line),
                    "official": who,
                });
                (text, value)
            })
            .collect()
    }

    fn tangles(&self) -> Vec<(String, Value)> {
        let result = self.result;
        result
            .tangles
            .iter()
            .map(|tangle| {
                let ledger_lines: Vec<u64> = tangle
                    .claims
                    .iter()
                    .filter(|&&c| self.held_in[c].is_none())
                    .map(|&c| result.claims[c].line)
                    .collect();
                let publication_lines: Vec<u64> = tangle
                    .published
                    .iter()
                    .map(|&p| result.published[p].line)
                    .collect();
                let who = tangle
                    .claims
                    .first()
                    .map(|&c| &result.claims[c].entry)
                    .map(|e| format!("{} {} in {}", e.last_name, e.first_name, e.department))
                    .unwrap_or_default();
                let text = format!(
                    "{}: ledger line(s) {} and publication line(s) {} cannot be told apart; left as they are",
                    clean(&who),
                    join(&ledger_lines),
                    join(&publication_lines)
                );
                let value = json!({
                    "official": who,
                    "ledger_lines": ledger_lines,
                    "publication_lines": publication_lines,
                    "message": "cannot be told apart by mandate and circonscription; left as they are",
                });
                (text, value)
            })
            .collect()
    }

    /// Writes the JSON document to `out`. The entries, which may be a
    /// million, are turned into JSON one at a time as they are written.
    fn write_json(&self, out: impl std::io::Write) -> serde_json::Result<()> {
        let categories = self.categories();
        let mut head = serde_json::Map::new();
        head.insert("ledger".into(), json!(self.ledger.display().to_string()));
        head.insert(
            "publication".into(),
            json!(self.publication.display().to_string()),
        );
        head.insert("publication_date".into(), day(self.result.latest));
        head.insert("candidate".into(), json!(self.result.candidate));
        let skipped = self.skipped.len() as u64;
        head.insert("rows_read".into(), json!(self.result.rows + skipped));
        head.insert("unreadable_rows".into(), json!(skipped));
        head.insert(
            "skipped".into(),
            Value::Array(
                self.skipped
                    .iter()
                    .map(|d| json!({ "line": d.line, "code": d.code, "message": d.message }))
                    .collect(),
            ),
        );
        head.insert("repeated_rows".into(), json!(self.result.repeated));
        head.insert("dry_run".into(), json!(self.dry_run));
        head.insert("written".into(), json!(self.written));
        for (name, list) in &categories {
            head.insert((*name).into(), json!(self.count(name, list)));
        }
        let values = |notes: Vec<(String, Value)>| Value::Array(notes.into_iter().map(|(_, v)| v).collect());
        let document = JsonDocument {
            head,
            entries: EntriesJson {
                report: self,
                categories: &categories,
            },
            anomalies: values(self.notes(NoteKind::Anomaly)),
            review: values(self.notes(NoteKind::Review)),
            ambiguous: values(self.tangles()),
        };
        serde_json::to_writer_pretty(out, &document)
    }

    fn table(&self) -> String {
        let result = self.result;
        let lang = self.lang;
        let title = format!(
            "Import of {} ({} rows{}) into {} for {}",
            self.publication.display(),
            result.rows + self.skipped.len() as u64,
            result
                .latest
                .map_or_else(String::new, |d| format!(", published up to {d}")),
            self.ledger.display(),
            result.candidate
        );
        let mut out = format!("{}\n", tr(lang, &title));
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(["outcome", "entries", "who"].map(|h| tr(lang, h).into_owned()));
        for (name, list) in self.categories() {
            const SHOWN: usize = 6;
            let count = self.count(name, &list);
            let mut names: Vec<String> = list.iter().take(SHOWN).map(|&c| self.claim(c).name()).collect();
            if name == "added" {
                let _ = self.each_added(SHOWN, |listed| -> Result<(), ()> {
                    names.push(listed.name());
                    Ok(())
                });
            }
            if count > SHOWN {
                names.push(tr(lang, &format!("… and {} more", count - SHOWN)).into_owned());
            }
            table.add_row(vec![
                crate::render::words::outcome(lang, name),
                count.to_string(),
                names.join("\n"),
            ]);
        }
        out.push_str(&table.to_string());
        out.push('\n');
        if self.held_in.iter().any(Option::is_some) {
            out.push_str(
                "\nEntries in other files of the ledger keep the publication from adding them twice, \
                 but only the file imported into is written: import into each of them to update it.\n",
            );
        }
        for (title, lines) in [
            ("Anomalies", self.notes(NoteKind::Anomaly)),
            ("To review", self.notes(NoteKind::Review)),
            ("Ambiguous", self.tangles()),
        ] {
            if lines.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{} ({}):\n", tr(lang, title), lines.len()));
            for (text, _) in lines {
                out.push_str(&format!("  {text}\n"));
            }
        }
        if !self.skipped.is_empty() {
            out.push_str(&format!("\nSkipped, unreadable ({}):\n", self.skipped.len()));
            for diagnostic in self.skipped {
                out.push_str(&format!("  {diagnostic}\n"));
            }
        }
        if !result.repeated.is_empty() {
            out.push_str(&format!(
                "\nRepeated in the publication, counted once: line(s) {}\n",
                join(&result.repeated)
            ));
        }
        let added = self.added.len();
        out.push('\n');
        let last = if self.written {
            format!(
                "Wrote {}: {} row(s) changed, {added} added.",
                self.ledger.display(),
                self.changed
            )
        } else if self.dry_run {
            format!(
                "Dry run, nothing written: {} row(s) would change, {added} would be added.",
                self.changed
            )
        } else {
            format!("Nothing to change: {} is untouched.", self.ledger.display())
        };
        out.push_str(&tr(lang, &last));
        out.push('\n');
        out
    }
}

fn join(lines: &[u64]) -> String {
    lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
}
