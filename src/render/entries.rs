//! The entries `list` prints: a terminal table, ledger CSV, or JSON. Each
//! entry comes with the file and line it is on.

use std::path::Path;

use std::io::{self, Write};

use super::Lang;
use super::words::{self, say};
use crate::ledger::Field;
use crate::ledger::edit::field_text;
use crate::message::{Arg, Key, Message};
use crate::msg;
use crate::ops::list::Listed;
use crate::sponsorship::Sponsorship;
use crate::text::{clean, clean_path};

/// How many entries a table shows: a person reads a table; past that,
/// the rest are counted and the CSV or JSON formats list them all.
pub const TABLE_ROWS: usize = 10_000;

/// The entries as a table, a ledger CSV or JSON, written as they come: a
/// CSV or JSON listing holds one entry at a time, a table at most
/// [`TABLE_ROWS`]. Nothing is written before the first entry or the end,
/// so that a listing that fails prints nothing.
pub struct EntryWriter {
    format: EntryFormat,
    lang: Lang,
    /// Entries written so far.
    count: u64,
    /// The table's rows, up to [`TABLE_ROWS`].
    table: Vec<Listed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryFormat {
    Table,
    Csv,
    Json,
}

impl EntryWriter {
    pub fn new(format: EntryFormat, lang: Lang) -> EntryWriter {
        EntryWriter {
            format,
            lang,
            count: 0,
            table: Vec::new(),
        }
    }

    /// Writes one entry (the table keeps it for the end).
    pub fn entry(&mut self, out: &mut dyn Write, listed: Listed) -> io::Result<()> {
        let first = self.count == 0;
        self.count += 1;
        match self.format {
            EntryFormat::Table => {
                if self.table.len() < TABLE_ROWS {
                    self.table.push(listed);
                }
                Ok(())
            }
            EntryFormat::Csv => {
                if first {
                    csv_header(out)?;
                }
                csv_row(out, &listed)
            }
            EntryFormat::Json => {
                out.write_all(if first { b"{\n  \"entries\": [\n" } else { b",\n" })?;
                let text = serde_json::to_string_pretty(&json_entry(&listed)).map_err(io::Error::from)?;
                for (i, line) in text.lines().enumerate() {
                    if i > 0 {
                        out.write_all(b"\n")?;
                    }
                    write!(out, "    {line}")?;
                }
                Ok(())
            }
        }
    }

    /// Ends the listing: the table, the CSV header of an empty listing, or
    /// the end of the JSON document with its count.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            EntryFormat::Table => out.write_all(table(&self.table, self.count, self.lang).as_bytes()),
            EntryFormat::Csv if self.count == 0 => csv_header(out),
            EntryFormat::Csv => Ok(()),
            EntryFormat::Json if self.count == 0 => {
                out.write_all(b"{\n  \"entries\": [],\n  \"count\": 0\n}\n")
            }
            EntryFormat::Json => write!(out, "\n  ],\n  \"count\": {}\n}}\n", self.count),
        }
    }
}

fn table(entries: &[Listed], count: u64, lang: Lang) -> String {
    let mut table = comfy_table::Table::new();
    let header = [
        Key::Where,
        Key::Status,
        Key::Name,
        Key::Mandate,
        Key::Place,
        Key::DeptShort,
        Key::Candidate,
        Key::ClaimedOn,
        Key::PublishedOn,
    ];
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_header(header.map(|h| words::word(h, lang)));
    let day = |d: Option<chrono::NaiveDate>| d.map_or_else(String::new, |d| words::day(lang, &d.to_string()));
    for listed in entries {
        let e = &listed.entry;
        table.add_row(vec![
            format!("{}:{}", clean_path(&listed.file), listed.line),
            words::status_named(e.status, lang).to_string(),
            clean(&format!("{} {}", e.last_name, e.first_name)).into_owned(),
            match lang {
                Lang::En => e.mandate.code().to_string(),
                Lang::Fr => words::mandate_label(e.mandate, lang).to_string(),
            },
            clean(&e.circonscription).into_owned(),
            e.department.code.to_string(),
            clean(&e.candidate).into_owned(),
            day(e.claimed_on),
            day(e.published_on),
        ]);
    }
    let mut text = format!("{table}\n{}\n", words::say(&msg!(EntriesCounted, count), lang));
    let left = count.saturating_sub(entries.len() as u64);
    if left > 0 {
        text.push_str(&words::say(&msg!(MoreNotShown, left), lang));
        text.push('\n');
    }
    text
}

/// The header of the ledger rows `list --format csv` writes: the columns
/// of a new ledger, then `file` and `line`, extra columns that a ledger
/// keeps: the output is itself a ledger that `check` accepts.
fn csv_header(out: &mut dyn Write) -> io::Result<()> {
    let mut header: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
    header.extend(["file", "line"]);
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(&header)?;
    writer.flush()
}

/// One entry as a ledger row (codes and ISO dates), its values as they
/// are: a listing is a ledger, not a spreadsheet export (`check` warns of
/// a cell a spreadsheet would run).
fn csv_row(out: &mut dyn Write, listed: &Listed) -> io::Result<()> {
    let mut record: Vec<String> = Field::ALL.iter().map(|f| field_text(&listed.entry, *f)).collect();
    record.push(listed.file.display().to_string());
    record.push(listed.line.to_string());
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(&record)?;
    writer.flush()
}

/// One entry in JSON: where it is, then its columns as the ledger stores
/// them (codes and ISO dates; `null` for a date or civility not given).
#[derive(serde::Serialize)]
struct JsonEntry {
    file: String,
    line: u64,
    status: &'static str,
    candidate: String,
    civility: Option<String>,
    last_name: String,
    first_name: String,
    mandate: &'static str,
    circonscription: String,
    department: &'static str,
    claimed_on: Option<String>,
    published_on: Option<String>,
    source: String,
    notes: String,
}

fn json_entry(listed: &Listed) -> JsonEntry {
    let e = &listed.entry;
    JsonEntry {
        file: listed.file.display().to_string(),
        line: listed.line,
        status: e.status.code(),
        candidate: e.candidate.clone(),
        civility: e.civility.clone(),
        last_name: e.last_name.clone(),
        first_name: e.first_name.clone(),
        mandate: e.mandate.code(),
        circonscription: e.circonscription.clone(),
        department: e.department.code,
        claimed_on: e.claimed_on.map(|d| d.to_string()),
        published_on: e.published_on.map(|d| d.to_string()),
        source: e.source.clone(),
        notes: e.notes.clone(),
    }
}

/// What `add` says of an entry recorded at `file:line`.
pub fn recorded(file: &Path, line: u64, entry: &Sponsorship, lang: Lang) -> String {
    entry_at(Key::Recorded, file, line, entry, lang)
}

/// `Recorded` or `RemovedEntry`: what was done to the entry at `file:line`.
fn entry_at(done: Key, file: &Path, line: u64, entry: &Sponsorship, lang: Lang) -> String {
    let said = Message::new(done)
        .with(file)
        .with(line.to_string())
        .with(Arg::Status(entry.status))
        .with(entry)
        .with(entry.candidate.as_str());
    format!("{}\n", clean(&say(&said, lang)))
}

/// What `add` and `update` say of a place they stored as the official list
/// of communes writes it, rather than as it was typed.
pub fn respelled(typed: &str, official: &str, lang: Lang) -> String {
    format!("{}\n", clean(&say(&msg!(Respelled, typed, official), lang)))
}

/// What `add` says of the values it took from the register of elected
/// officials (nothing when it took none).
pub fn filled(filled: &[crate::ops::add::Filled], lang: Lang) -> String {
    let parts = filled.iter().map(|f| match &f.typed {
        Some(typed) => msg!(FilledSpelling, f.field.name(), f.value.as_str(), typed.as_str()),
        None => msg!(FilledGiven, f.field.name(), f.value.as_str()),
    });
    match crate::message::Message::joined(parts, crate::message::Key::Comma) {
        Some(parts) => format!("{}\n", clean(&say(&msg!(FilledFromRegister, parts), lang))),
        None => String::new(),
    }
}

/// What `update` says of the entry it changed: the entry, its status
/// before and after when it changed, its publication date.
pub fn updated(done: &crate::ops::update::Updated, lang: Lang) -> String {
    let (before, after) = (&done.before, &done.after);
    let mut said = msg!(UpdatedEntry, &done.file, done.line.to_string(), after);
    if before.status != after.status {
        said = msg!(
            StatusChanged,
            said,
            Arg::Status(before.status),
            Arg::Status(after.status)
        );
    }
    if let Some(published_on) = after.published_on {
        said = msg!(WithPublication, said, published_on);
    }
    let mut out = format!("{}\n", clean(&say(&said, lang)));
    if let Some(typed) = &done.respelled {
        out.push_str(&respelled(typed, &after.circonscription, lang));
    }
    out
}

/// What `remove` says of the entry it removed from `file:line`.
pub fn removed(file: &Path, line: u64, entry: &Sponsorship, lang: Lang) -> String {
    entry_at(Key::RemovedEntry, file, line, entry, lang)
}

/// `DUPONT Jean, maire (Verdun), 55 Meuse`: the entry as messages name it,
/// its mandate named in the language.
pub fn described<S: AsRef<str>>(entry: &Sponsorship<S>, lang: Lang) -> String {
    say(&msg!(Verbatim, entry), lang)
}
