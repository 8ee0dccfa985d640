//! `parrainage import OFFICIAL.csv`: reconcile the ledger with a publication
//! of the Conseil constitutionnel.
//!
//! Who is who is decided in `rules::matching`, what each entry becomes in
//! `rules::reconcile`; this module reads the two files, rewrites the ledger
//! in one atomic step under its lock (every untouched byte as it was), and
//! prints the reconciliation as a table or as JSON.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Value, json};

use crate::cli::{ImportArgs, ImportFormat};
use crate::context::{Context, Exit, Failure, Outcome, print};
use crate::diagnostic::Diagnostic;
use crate::ledger::edit::{build_record, field_text, open_for_writing, read_whole, reader_over, target_file};
use crate::ledger::read::RowChecker;
use crate::ledger::write::{LockedLedger, splice};
use crate::ledger::{Field, LedgerReader, OpenError, ReadOptions};
use crate::rules::Status;
use crate::rules::fold::{fold, tidy};
use crate::rules::identity::{candidate_key, closest_names};
use crate::rules::matching::Fit;
use crate::rules::reconcile::{self, Claim, NoteKind, Reconciler, Reconciliation};
use crate::sponsorship::Sponsorship;

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
            LockedLedger::acquire(&path)
                .map_err(|e| Failure::usage(format!("{}: cannot lock the ledger: {e}", path.display())))?,
        )
    };
    let header_reader = open_for_writing(&path, &options)?;
    let encoding = header_reader.encoding;
    let original = read_whole(&header_reader)?;
    let mut ledger = reader_over(&header_reader, &original, &options)?;

    let mut diagnostics = Vec::new();
    let mut rows = Vec::new();
    while let Some(row) = ledger.next_row(&mut diagnostics) {
        if let Some(entry) = row.entry {
            rows.push((
                Claim {
                    entry,
                    line: row.line,
                },
                (row.offset, row.end, row.record),
            ));
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
            path.display(),
            errors.len(),
            quote(&errors)
        )));
    }
    let candidate = match &options.candidate {
        Some(candidate) => candidate.clone(),
        None => ledger_candidate(
            &path,
            rows.iter().map(|(claim, _)| claim.entry.candidate.as_str()),
        )?,
    };
    let ours = candidate_key(&candidate);
    let (claims, spans): (Vec<Claim>, Vec<_>) = rows
        .into_iter()
        .filter(|(claim, _)| candidate_key(&claim.entry.candidate) == ours)
        .unzip();

    let mut reconciler = Reconciler::new(&candidate, claims);
    let mut skipped: Vec<Diagnostic> = Vec::new();
    let mut found = Vec::new();
    while let Some((at, entry)) = publication.next_entry(&mut found) {
        match entry {
            Some(entry) => reconciler.offer_read(&entry, at.line),
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

    // The new rows, each checked exactly as `check` would.
    let source = args.publication.file_name().map_or_else(
        || args.publication.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let dialect = ledger.dialect;
    let mut checker = RowChecker::new(&ledger.layout(), &options);
    let mut changes = Vec::new();
    let mut refused = Vec::new();
    for (c, verdict) in result.verdicts.iter().enumerate() {
        let Some(p) = verdict.published else { continue };
        let claim = &result.claims[c].entry;
        let row = &result.published[p].entry;
        let values = match verdict.outcome {
            reconcile::Outcome::Confirmed => confirmation(claim, row, verdict.fit, &source),
            reconcile::Outcome::Lost => vec![
                (Field::Status, "lost".to_string()),
                (Field::PublishedOn, field_text(row, Field::PublishedOn)),
                (
                    Field::Notes,
                    reconcile::lost_notes(&claim.notes, &row.candidate, row.published_on),
                ),
            ],
            _ => continue,
        };
        let (offset, end, record) = &spans[c];
        let record = build_record(ledger.header.len(), &ledger.columns, Some(record), |field| {
            values.iter().find(|(f, _)| *f == field).map(|(_, v)| v.clone())
        });
        let line = result.claims[c].line;
        let (checked, found) = checker.check(&record, line);
        if checked.is_none() {
            refused.extend(found.iter().filter(|d| d.is_error()).map(Diagnostic::to_string));
        }
        changes.push((*offset, *end, dialect.encode_row(&record)));
    }
    // Rows added go after the last line; a file without a final line end
    // gets one first (see `splice`).
    let first_new_line = ledger.next_line() + u64::from(!original.ends_with(b"\n"));
    let mut appended = Vec::new();
    let added: Vec<Sponsorship> = result
        .added
        .iter()
        .map(|&p| Sponsorship {
            status: Status::Validated,
            candidate: result.candidate.clone(),
            claimed_on: None,
            source: source.clone(),
            notes: String::new(),
            ..result.published[p].entry.clone()
        })
        .collect();
    for (k, entry) in added.iter().enumerate() {
        let record = build_record(ledger.header.len(), &ledger.columns, None, |field| {
            Some(field_text(entry, field))
        });
        let (checked, found) = checker.check(&record, first_new_line + k as u64);
        if checked.is_none() {
            refused.extend(found.iter().filter(|d| d.is_error()).map(Diagnostic::to_string));
        }
        appended.extend(dialect.encode_row(&record));
    }
    if !refused.is_empty() {
        return Err(Failure::data(format!(
            "nothing was written: {} problem(s) in the rows the import would write:\n{}",
            refused.len(),
            quote(&refused)
        )));
    }

    let changing = !changes.is_empty() || !appended.is_empty();
    let written = match locked {
        // Nothing to change: the file is not rewritten at all.
        Some(locked) if changing => {
            let contents = splice(&original, &changes, &appended, dialect.line_end());
            let contents = encoding
                .encode(contents)
                .map_err(|e| Failure::data(format!("{}: the ledger was not changed: {e}", path.display())))?;
            locked.replace(&contents).map_err(|e| {
                Failure::usage(format!("{}: the ledger was not changed: {e}", path.display()))
            })?;
            true
        }
        _ => false,
    };
    let report = Report {
        ledger: &path,
        publication: &args.publication,
        result: &result,
        added: &added,
        first_new_line,
        skipped: &skipped,
        dry_run: args.dry_run,
        written,
        changed: changes.len(),
    };
    match args.format {
        ImportFormat::Table => print(&report.table()),
        ImportFormat::Json => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            // A closed pipe (`| head`) is not an error.
            let _ = report
                .write_json(&mut out)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n"))
                .and_then(|()| out.flush());
        }
    }
    Ok(Exit::Success)
}

/// The candidate of a ledger that names one, for an import without
/// `--candidate`: the ledger's rows may spell it several ways.
fn ledger_candidate<'a>(path: &Path, names: impl Iterator<Item = &'a str>) -> Result<String, Failure> {
    let mut found: Vec<(String, &str)> = Vec::new();
    for name in names {
        let key = candidate_key(name);
        if !found.iter().any(|(k, _)| *k == key) {
            found.push((key, name));
        }
    }
    match found.as_slice() {
        [(_, name)] => Ok(tidy(name)),
        [] => Err(Failure::usage(format!(
            "no candidate to import for: {} names none; pass --candidate 'NOM Prénom' or set `candidate` in parrainage.toml",
            path.display()
        ))),
        several => Err(Failure::usage(format!(
            "{} names {} candidates ({}): say which with --candidate",
            path.display(),
            several.len(),
            several.iter().map(|(_, n)| *n).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// What a confirmed claim becomes: `validated` with the publication's date.
/// Found under other first names, another mandate or place, it takes the
/// published values, and a promise dated after its own publication loses
/// that date; what it said before is kept in its notes.
fn confirmation(
    claim: &Sponsorship,
    row: &Sponsorship,
    fit: Option<Fit>,
    source: &str,
) -> Vec<(Field, String)> {
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
            reconcile::correction_notes(&claim.notes, source, &before),
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
        Fit::OtherMandate => "other-mandate",
    }
}

fn day(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

/// One line of a list: an entry, where it is, and what it became.
struct Listed<'a> {
    ledger_line: Option<u64>,
    publication_line: Option<u64>,
    entry: &'a Sponsorship,
    status: Status,
    published_on: Option<NaiveDate>,
    published_for: Option<&'a str>,
    fit: Option<Fit>,
}

impl Listed<'_> {
    fn json(&self) -> Value {
        let e = self.entry;
        json!({
            "ledger_line": self.ledger_line,
            "publication_line": self.publication_line,
            "last_name": e.last_name,
            "first_name": e.first_name,
            "mandate": e.mandate.code(),
            "circonscription": e.circonscription,
            "department": e.department.code,
            "status": self.status.code(),
            "published_on": day(self.published_on),
            "published_for": self.published_for,
            "fit": self.fit.map(fit_code),
        })
    }

    fn name(&self) -> String {
        let e = self.entry;
        let place = if e.circonscription.is_empty() {
            String::new()
        } else {
            format!(", {}", e.circonscription)
        };
        format!(
            "{} {} ({}{place}, {})",
            e.last_name, e.first_name, e.mandate, e.department.code
        )
    }
}

/// The JSON document of an import.
#[derive(serde::Serialize)]
struct JsonDocument<'r, 'a> {
    #[serde(flatten)]
    head: serde_json::Map<String, Value>,
    entries: EntriesJson<'r, 'a>,
    anomalies: Value,
    review: Value,
    ambiguous: Value,
}

/// The entries behind each number, serialised one by one.
struct EntriesJson<'r, 'a>(&'r [(&'static str, Vec<Listed<'a>>)]);

impl serde::Serialize for EntriesJson<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        struct List<'r, 'a>(&'r [Listed<'a>]);
        impl serde::Serialize for List<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
                for listed in self.0 {
                    seq.serialize_element(&listed.json())?;
                }
                seq.end()
            }
        }
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, list) in self.0 {
            map.serialize_entry(name, &List(list))?;
        }
        map.end()
    }
}

/// The categories of the reconciliation, in the order they are shown.
const CATEGORIES: [&str; 6] = [
    "confirmed",
    "added",
    "lost",
    "pending",
    "already_validated",
    "unchanged",
];

struct Report<'a> {
    ledger: &'a Path,
    publication: &'a Path,
    result: &'a Reconciliation,
    added: &'a [Sponsorship],
    first_new_line: u64,
    /// The publication's rows that could not be read (`--skip-unreadable`).
    skipped: &'a [Diagnostic],
    dry_run: bool,
    written: bool,
    changed: usize,
}

impl<'a> Report<'a> {
    /// The entries of each category.
    fn categories(&self) -> Vec<(&'static str, Vec<Listed<'a>>)> {
        let result = self.result;
        let mut lists: Vec<(&'static str, Vec<Listed<'a>>)> =
            CATEGORIES.iter().map(|c| (*c, Vec::new())).collect();
        for (c, verdict) in result.verdicts.iter().enumerate() {
            let claim = &result.claims[c];
            let row = verdict.published.map(|p| &result.published[p]);
            let (category, status, published_on) = match verdict.outcome {
                reconcile::Outcome::Confirmed => {
                    (0, Status::Validated, row.and_then(|r| r.entry.published_on))
                }
                reconcile::Outcome::Lost => (2, Status::Lost, row.and_then(|r| r.entry.published_on)),
                reconcile::Outcome::Pending => (3, claim.entry.status, claim.entry.published_on),
                reconcile::Outcome::AlreadyValidated => (4, claim.entry.status, claim.entry.published_on),
                reconcile::Outcome::Unchanged => (5, claim.entry.status, claim.entry.published_on),
            };
            lists[category].1.push(Listed {
                ledger_line: Some(claim.line),
                publication_line: row.map(|r| r.line),
                entry: &claim.entry,
                status,
                published_on,
                published_for: row.map(|r| r.entry.candidate.as_str()),
                fit: verdict.fit,
            });
        }
        for (k, (entry, &p)) in self.added.iter().zip(&result.added).enumerate() {
            lists[1].1.push(Listed {
                ledger_line: Some(self.first_new_line + k as u64),
                publication_line: Some(result.published[p].line),
                entry,
                status: Status::Validated,
                published_on: entry.published_on,
                published_for: Some(result.published[p].entry.candidate.as_str()),
                fit: None,
            });
        }
        lists
    }

    fn notes(&self, kind: NoteKind) -> Vec<(String, Value)> {
        let result = self.result;
        result
            .notes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|note| {
                let claim = note.claim.map(|c| &result.claims[c]);
                let row = note.published.map(|p| &result.published[p]);
                let who = claim
                    .map(|c| &c.entry)
                    .or(row.map(|r| &r.entry))
                    .map(Sponsorship::describe)
                    .unwrap_or_default();
                let at = claim.map_or_else(String::new, |c| format!("line {}: ", c.line));
                let text = format!("{at}{who}: {}", note.message);
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
                let ledger_lines: Vec<u64> = tangle.claims.iter().map(|&c| result.claims[c].line).collect();
                let publication_lines: Vec<u64> = tangle.published.iter().map(|&p| result.published[p].line).collect();
                let who = tangle
                    .claims
                    .first()
                    .map(|&c| &result.claims[c].entry)
                    .map(|e| format!("{} {} in {}", e.last_name, e.first_name, e.department))
                    .unwrap_or_default();
                let text = format!(
                    "{who}: ledger line(s) {} and publication line(s) {} cannot be told apart; left as they are",
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
            head.insert((*name).into(), json!(list.len()));
        }
        let values = |notes: Vec<(String, Value)>| Value::Array(notes.into_iter().map(|(_, v)| v).collect());
        let document = JsonDocument {
            head,
            entries: EntriesJson(&categories),
            anomalies: values(self.notes(NoteKind::Anomaly)),
            review: values(self.notes(NoteKind::Review)),
            ambiguous: values(self.tangles()),
        };
        serde_json::to_writer_pretty(out, &document)
    }

    fn table(&self) -> String {
        let result = self.result;
        let mut out = format!(
            "Import of {} ({} rows{}) into {} for {}\n",
            self.publication.display(),
            result.rows + self.skipped.len() as u64,
            result
                .latest
                .map_or_else(String::new, |d| format!(", published up to {d}")),
            self.ledger.display(),
            result.candidate
        );
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(vec!["outcome", "entries", "who"]);
        for (name, list) in self.categories() {
            const SHOWN: usize = 6;
            let mut names: Vec<String> = list.iter().take(SHOWN).map(Listed::name).collect();
            if list.len() > SHOWN {
                names.push(format!("… and {} more", list.len() - SHOWN));
            }
            table.add_row(vec![
                name.replace('_', " "),
                list.len().to_string(),
                names.join("\n"),
            ]);
        }
        out.push_str(&table.to_string());
        out.push('\n');
        for (title, lines) in [
            ("Anomalies", self.notes(NoteKind::Anomaly)),
            ("To review", self.notes(NoteKind::Review)),
            ("Ambiguous", self.tangles()),
        ] {
            if lines.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{title} ({}):\n", lines.len()));
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
        out.push_str(&if self.written {
            format!(
                "Wrote {}: {} row(s) changed, {added} added.\n",
                self.ledger.display(),
                self.changed
            )
        } else if self.dry_run {
            format!(
                "Dry run, nothing written: {} row(s) would change, {added} would be added.\n",
                self.changed
            )
        } else {
            format!("Nothing to change: {} is untouched.\n", self.ledger.display())
        });
        out
    }
}

fn join(lines: &[u64]) -> String {
    lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
}
