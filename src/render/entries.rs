//! The entries `list` prints: a terminal table, ledger CSV, or JSON. Each
//! entry comes with the file and line it is on.

use std::path::Path;

use serde_json::json;

use super::Lang;
use super::words::{self, tr};
use crate::ledger::Field;
use crate::ledger::edit::field_text;
use crate::ops::list::Listed;
use crate::sponsorship::Sponsorship;
use crate::text::{clean, clean_path};

pub fn table(entries: &[Listed], lang: Lang) -> String {
    let mut table = comfy_table::Table::new();
    let header = [
        "Where",
        "Status",
        "Name",
        "Mandate",
        "Place",
        "Dépt",
        "Candidate",
        "Claimed on",
        "Published on",
    ];
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_header(header.map(|h| tr(lang, h).into_owned()));
    let day = |d: Option<chrono::NaiveDate>| d.map_or_else(String::new, |d| words::day(lang, &d.to_string()));
    for listed in entries {
        let e = &listed.entry;
        table.add_row(vec![
            format!("{}:{}", clean_path(&listed.file), listed.line),
            tr(lang, e.status.code()).into_owned(),
            clean(&format!("{} {}", e.last_name, e.first_name)).into_owned(),
            match lang {
                Lang::En => e.mandate.code().to_string(),
                Lang::Fr => tr(lang, e.mandate.label()).into_owned(),
            },
            clean(&e.circonscription).into_owned(),
            e.department.code.to_string(),
            clean(&e.candidate).into_owned(),
            day(e.claimed_on),
            day(e.published_on),
        ]);
    }
    let count = format!(
        "{} entr{}",
        entries.len(),
        if entries.len() == 1 { "y" } else { "ies" }
    );
    format!("{table}\n{}\n", tr(lang, &count))
}

/// The entries as ledger rows (the columns of a new ledger, codes and ISO
/// dates), then `file` and `line`, extra columns that a ledger keeps: the
/// output is itself a ledger that `check` accepts.
pub fn csv(entries: &[Listed]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
    header.extend(["file", "line"]);
    writer.write_record(&header)?;
    for listed in entries {
        let mut record: Vec<String> = Field::ALL.iter().map(|f| field_text(&listed.entry, *f)).collect();
        record.push(listed.file.display().to_string());
        record.push(listed.line.to_string());
        writer.write_record(&record)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
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

pub fn json(entries: &[Listed]) -> String {
    let list: Vec<JsonEntry> = entries
        .iter()
        .map(|listed| {
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
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&json!({ "count": entries.len(), "entries": list })).unwrap_or_default();
    text.push('\n');
    text
}

/// What `add` says of an entry recorded at `file:line`.
pub fn recorded(file: &Path, line: u64, entry: &Sponsorship, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Recorded {}:{}: {} {} for {}\n",
            clean_path(file),
            line,
            entry.status,
            clean(&entry.describe()),
            clean(&entry.candidate)
        ),
        Lang::Fr => format!(
            "Enregistré {}:{} : {} {} pour {}\n",
            clean_path(file),
            line,
            tr(lang, entry.status.code()),
            clean(&described(entry, lang)),
            clean(&entry.candidate)
        ),
    }
}

/// What `add` and `update` say of a place they stored as the official list
/// of communes writes it, rather than as it was typed.
pub fn respelled(typed: &str, official: &str, lang: Lang) -> String {
    let line = match lang {
        Lang::En => format!("`{typed}` stored as the official list of communes writes it: `{official}`"),
        Lang::Fr => {
            format!("`{typed}` enregistré comme l'écrit la liste officielle des communes : `{official}`")
        }
    };
    format!("{}\n", clean(&line))
}

/// `DUPONT Jean, maire (Verdun), 55 Meuse`: the entry as messages name it,
/// its mandate by its label in French.
pub fn described<S: AsRef<str>>(entry: &Sponsorship<S>, lang: Lang) -> String {
    match lang {
        Lang::En => entry.describe(),
        Lang::Fr => format!(
            "{} {}, {}{}, {}",
            entry.last_name.as_ref(),
            entry.first_name.as_ref(),
            tr(lang, entry.mandate.code()),
            crate::sponsorship::in_brackets(entry.circonscription.as_ref()),
            entry.department
        ),
    }
}
