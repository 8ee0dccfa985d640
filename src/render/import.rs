//! `import`'s outputs: the reconciliation as a table, or as one JSON
//! document with the entries behind each number.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Value, json};

use super::Lang;
use super::words;
use crate::diagnostic::Diagnostic;
use crate::ledger::LedgerReader;
use crate::ledger::ReadOptions;
use crate::ledger::new_rows::Merged;
use crate::ledger::read::Layout;
use crate::message::{Key, Message};
use crate::msg;
use crate::ops::import::Imported;
use crate::ops::reconcile::{self, NoteKind, Reconciliation};
use crate::rules::matching::Fit;
use crate::rules::{Mandate, Status};
use crate::sponsorship::Sponsorship;
use crate::text::clean;

/// The note said when the publication imported sits in a directory of the
/// ledger: it is read as the publication, not as one of the ledger's files.
pub fn set_aside_note(publication: &Path) -> Message {
    msg!(SetAside, publication.display().to_string())
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

/// An entry of a list in JSON, written as it goes (a million of them
/// would cost a map each): its keys in the order of a JSON object's,
/// alphabetical, as the document's other objects are written.
#[derive(serde::Serialize)]
struct ListedJson<'a> {
    circonscription: &'a str,
    department: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    first_name: &'a str,
    fit: Option<&'static str>,
    last_name: &'a str,
    ledger_line: Option<u64>,
    mandate: &'static str,
    publication_line: Option<u64>,
    published_for: Option<&'a str>,
    published_on: Option<String>,
    status: &'static str,
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

    fn json(&self) -> ListedJson<'a> {
        ListedJson {
            circonscription: self.circonscription,
            department: self.department,
            file: self.file.map(|file| file.display().to_string()),
            first_name: self.first_name,
            fit: self.fit.map(fit_code),
            last_name: self.last_name,
            ledger_line: self.ledger_line,
            mandate: self.mandate.code(),
            publication_line: self.publication_line,
            published_for: self.published_for,
            published_on: self.published_on.map(|d| d.to_string()),
            status: self.status.code(),
        }
    }

    fn name(&self, lang: Lang) -> String {
        let place = if self.circonscription.is_empty() {
            String::new()
        } else {
            format!(", {}", self.circonscription)
        };
        let file = self.file.map_or_else(String::new, |file| {
            format!(", {}:{}", file.display(), self.ledger_line.unwrap_or_default())
        });
        // In French, the mandate's name rather than its code.
        let mandate = words::mandate_named(self.mandate, lang);
        clean(&format!(
            "{} {} ({mandate}{place}, {}{file})",
            self.last_name, self.first_name, self.department
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
    report: &'r ImportReport<'r>,
    categories: &'r [(&'static str, Vec<usize>)],
}

impl serde::Serialize for EntriesJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        struct List<'r>(&'r ImportReport<'r>, &'r [usize]);
        impl serde::Serialize for List<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.1.len()))?;
                for &c in self.1 {
                    seq.serialize_element(&self.0.claim(c).json())?;
                }
                seq.end()
            }
        }
        struct AddedList<'r>(&'r ImportReport<'r>);
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

/// An import as it is shown.
pub struct ImportReport<'a> {
    pub ledger: &'a Path,
    pub publication: &'a Path,
    pub result: &'a Reconciliation<'a>,
    pub added: &'a Merged,
    pub layout: &'a Layout,
    pub options: &'a ReadOptions,
    pub first_new_line: u64,
    /// The publication's rows that could not be read (`--skip-unreadable`).
    pub skipped: &'a [Diagnostic],
    /// Beside each claim, the other ledger file it is in, if not this one.
    pub held_in: &'a [Option<Arc<Path>>],
    pub lang: Lang,
    pub dry_run: bool,
    pub written: bool,
    pub changed: usize,
}

impl<'a> ImportReport<'a> {
    /// The report of what `imported` did.
    pub fn of(imported: &'a Imported<'a>, lang: Lang, dry_run: bool) -> ImportReport<'a> {
        ImportReport {
            ledger: &imported.ledger,
            publication: &imported.publication,
            result: &imported.result,
            added: &imported.added,
            layout: &imported.layout,
            options: &imported.options,
            first_new_line: imported.first_new_line,
            skipped: &imported.skipped,
            held_in: &imported.held_in,
            lang,
            dry_run,
            written: imported.written,
            changed: imported.changed,
        }
    }

    /// The ledger's entries (claim indices) in each category; `added` is
    /// left empty, its rows being read back by
    /// [`each_added`](Self::each_added).
    fn categories(&self) -> Vec<(&'static str, Vec<usize>)> {
        let mut lists: Vec<(&'static str, Vec<usize>)> =
            CATEGORIES.iter().map(|c| (*c, Vec::new())).collect();
        for (c, verdict) in self.result.verdicts.iter().enumerate() {
            let category = match verdict.outcome {
                _ if self.held_in[c].is_some() => 6,
                reconcile::EntryOutcome::Confirmed => 0,
                reconcile::EntryOutcome::Lost => 2,
                reconcile::EntryOutcome::Pending => 3,
                reconcile::EntryOutcome::AlreadyValidated => 4,
                reconcile::EntryOutcome::Unchanged => 5,
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
            reconcile::EntryOutcome::Confirmed => (Status::Validated, row.and_then(|r| r.entry.published_on)),
            reconcile::EntryOutcome::Lost => (Status::Lost, row.and_then(|r| r.entry.published_on)),
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
                let entry = claim.map(|c| &c.entry).or(row.map(|r| &r.entry));
                // JSON names the official one way, whatever the language.
                let who = entry.map(|e| e.describe()).unwrap_or_default();
                let shown = entry
                    .map(|e| super::entries::described(e, self.lang))
                    .unwrap_or_default();
                let said = match claim {
                    Some(c) => msg!(LineNote, c.line, shown, note.message.clone()),
                    None => msg!(CodeSaid, shown, note.message.clone()),
                };
                let text = clean(&words::say(&said, self.lang)).into_owned();
                let value = json!({
                    "code": note.code,
                    "message": words::say(&note.message, Lang::En),
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
                let text = words::say(
                    &msg!(
                        TangledLines,
                        clean(&who).into_owned(),
                        join(&ledger_lines),
                        join(&publication_lines)
                    ),
                    self.lang,
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
    pub fn write_json(&self, out: impl std::io::Write) -> serde_json::Result<()> {
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
                    .map(|d| json!({ "line": d.line, "code": d.code.as_str(), "message": super::words::say(&d.message, Lang::En) }))
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

    pub fn table(&self) -> String {
        let result = self.result;
        let lang = self.lang;
        let rows = result.rows + self.skipped.len() as u64;
        let publication = self.publication.display().to_string();
        let ledger = self.ledger.display().to_string();
        let title = match result.latest {
            Some(latest) => msg!(
                ImportTitlePublished,
                publication,
                rows,
                latest,
                &ledger,
                &result.candidate
            ),
            None => msg!(ImportTitle, publication, rows, &ledger, &result.candidate),
        };
        let mut out = format!("{}\n", words::say(&title, lang));
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header([Key::Outcome, Key::EntriesHeader, Key::Who].map(|h| words::word(h, lang)));
        for (name, list) in self.categories() {
            const SHOWN: usize = 6;
            let count = self.count(name, &list);
            let mut names: Vec<String> = list
                .iter()
                .take(SHOWN)
                .map(|&c| self.claim(c).name(lang))
                .collect();
            if name == "added" {
                let _ = self.each_added(SHOWN, |listed| -> Result<(), ()> {
                    names.push(listed.name(lang));
                    Ok(())
                });
            }
            if count > SHOWN {
                names.push(words::say(&msg!(AndMore, count - SHOWN), lang));
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
            out.push('\n');
            out.push_str(words::word(Key::OtherFilesNotWritten, lang));
            out.push('\n');
        }
        for (title, lines) in [
            (Key::Anomalies, self.notes(NoteKind::Anomaly)),
            (Key::ToReview, self.notes(NoteKind::Review)),
            (Key::Ambiguous, self.tangles()),
        ] {
            if lines.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{} ({}):\n", words::word(title, lang), lines.len()));
            for (text, _) in lines {
                out.push_str(&format!("  {text}\n"));
            }
        }
        if !self.skipped.is_empty() {
            out.push_str(&format!(
                "\n{} ({}):\n",
                words::word(Key::SkippedUnreadable, lang),
                self.skipped.len()
            ));
            for diagnostic in self.skipped {
                out.push_str(&format!("  {}\n", words::diagnostic(diagnostic, lang)));
            }
        }
        if !result.repeated.is_empty() {
            out.push_str(&format!(
                "\n{}\n",
                words::say(&msg!(RepeatedInPublication, join(&result.repeated)), lang)
            ));
        }
        let added = self.added.len();
        out.push('\n');
        let last = if self.written {
            msg!(WroteImport, ledger, self.changed, added)
        } else if self.dry_run {
            msg!(DryRunImport, self.changed, added)
        } else {
            msg!(NothingToChange, ledger)
        };
        out.push_str(&words::say(&last, lang));
        out.push('\n');
        out
    }
}

fn join(lines: &[u64]) -> String {
    lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
}
