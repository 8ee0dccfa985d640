//! `diff`'s outputs: what a publication changed, per candidate, as a
//! terminal table, Markdown for a CI job's summary, CSV, or one JSON
//! document; with one candidate, the officials added and removed too.

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Value, json};

use super::Lang;
use super::model::{SinceSponsor, defuse, yes_no};
use super::words::{mandate_named, say};
use crate::message::{Key, Message};
use crate::msg;
use crate::ops::diff::{Change, Diff, Side};
use crate::sponsorship::Sponsorship;
use crate::text::{clean, clean_path};

/// The columns of the per-candidate table.
const COLUMNS: [Key; 6] = [
    Key::Candidate,
    Key::Validated,
    Key::Added,
    Key::Removed,
    Key::NewDepartements,
    Key::Qualified,
];

/// "publications/a.csv (latest publication 2022-02-10)".
fn side(side: &Side) -> Message {
    let file = clean_path(&side.file);
    match side.latest_publication {
        Some(day) => msg!(LatestPublication, file, day),
        None => msg!(Verbatim, file),
    }
}

fn title(diff: &Diff, lang: Lang) -> String {
    say(
        &msg!(PublicationsCompared, side(&diff.old), side(&diff.new)),
        lang,
    )
}

/// The cells of a candidate's row, for the table and Markdown.
fn cells(change: &Change, lang: Lang) -> Vec<String> {
    let departments: Vec<&str> = change.departments_added.iter().map(|d| d.code).collect();
    let qualified = if change.qualified_before == change.qualified_after {
        say(&Message::new(yes_no(change.qualified_after)), lang)
    } else {
        format!(
            "{} → {}",
            say(&Message::new(yes_no(change.qualified_before)), lang),
            say(&Message::new(yes_no(change.qualified_after)), lang)
        )
    };
    vec![
        change.candidate.clone(),
        format!("{} → {}", change.validated_before, change.validated_after),
        change.added.to_string(),
        change.removed.to_string(),
        departments.join(", "),
        qualified,
    ]
}

/// The candidates something changed for, and how many others there are.
fn changed(diff: &Diff) -> (Vec<&Change>, usize) {
    let shown: Vec<&Change> = diff
        .candidates
        .iter()
        .filter(|c| c.changed() || diff.one)
        .collect();
    let others = diff.candidates.len() - shown.len();
    (shown, others)
}

/// An official as a line: `DUPONT Jean (mayor, Verdun, 55 Meuse), 2022-02-15`.
fn official(entry: &Sponsorship, lang: Lang) -> String {
    let place = if entry.circonscription.is_empty() {
        String::new()
    } else {
        format!(", {}", entry.circonscription)
    };
    let published = entry.published_on.map_or_else(String::new, |d| {
        format!(", {}", super::words::day(lang, &d.to_string()))
    });
    clean(&format!(
        "{} {} ({}{place}, {} {}){published}",
        entry.last_name,
        entry.first_name,
        mandate_named(entry.mandate, lang),
        entry.department.code,
        entry.department.name
    ))
    .into_owned()
}

/// The two lists of officials of a one-candidate diff, each with its
/// heading (`Added ({})`, or with a colon `Added ({}):`), written by
/// `heading` and `line`.
fn officials(
    diff: &Diff,
    lang: Lang,
    colon: bool,
    heading: impl Fn(&str) -> String,
    line: impl Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    for change in diff.candidates.iter().filter(|_| diff.one) {
        let titles = if colon {
            [Key::AddedListColon, Key::RemovedListColon]
        } else {
            [Key::AddedList, Key::RemovedList]
        };
        for (title, list) in titles
            .into_iter()
            .zip([&change.officials_added, &change.officials_removed])
        {
            if list.is_empty() {
                continue;
            }
            out.push_str(&heading(&say(&Message::new(title).with(list.len()), lang)));
            for entry in list {
                out.push_str(&line(&official(entry, lang)));
            }
        }
    }
    out
}

/// The diff as a terminal table.
pub fn table(diff: &Diff, lang: Lang) -> String {
    let mut out = format!("{}\n", title(diff, lang));
    let (shown, others) = changed(diff);
    if shown.is_empty() {
        out.push_str(&format!("{}\n", say(&msg!(NoChange), lang)));
        return out;
    }
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(COLUMNS.map(|h| say(&Message::new(h), lang)));
    for change in &shown {
        table.add_row(cells(change, lang).into_iter().map(|c| clean(&c).into_owned()));
    }
    out.push_str(&table.to_string());
    out.push('\n');
    if others > 0 {
        out.push_str(&format!("{}\n", say(&msg!(OthersUnchanged, others), lang)));
    }
    out.push_str(&officials(
        diff,
        lang,
        true,
        |heading| format!("\n{heading}\n"),
        |line| format!("  {line}\n"),
    ));
    out
}

/// The diff in Markdown, for a CI job's summary.
pub fn markdown(diff: &Diff, lang: Lang) -> String {
    let mut out = format!("{}\n\n", super::markdown::escape(&title(diff, lang)));
    let (shown, others) = changed(diff);
    if shown.is_empty() {
        out.push_str(&format!("{}\n", say(&msg!(NoChange), lang)));
        return out;
    }
    let rows: Vec<Vec<String>> = shown.iter().map(|c| cells(c, lang)).collect();
    out.push_str(&super::markdown::table(
        lang,
        &COLUMNS,
        &[false, true, true, true, false, false],
        &rows,
    ));
    if others > 0 {
        out.push_str(&format!("\n{}\n", say(&msg!(OthersUnchanged, others), lang)));
    }
    out.push_str(&officials(
        diff,
        lang,
        false,
        |heading| format!("\n#### {}\n\n", super::markdown::escape(heading)),
        |line| format!("- {}\n", super::markdown::escape(line)),
    ));
    out
}

/// The diff as CSV: a `candidates` table, and for one candidate an
/// `officials` table after a blank line, each row starting with its
/// section, as `report --format csv` writes them. Cells a spreadsheet
/// would run as formulas are defused.
pub fn csv(diff: &Diff) -> String {
    let mut rows = vec![
        [
            "section",
            "candidate",
            "added",
            "removed",
            "departments_added",
            "qualified_before",
            "qualified_after",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for change in &diff.candidates {
        let departments: Vec<&str> = change.departments_added.iter().map(|d| d.code).collect();
        rows.push(vec![
            "candidates".into(),
            defuse(&change.candidate),
            change.added.to_string(),
            change.removed.to_string(),
            departments.join(" "),
            change.qualified_before.to_string(),
            change.qualified_after.to_string(),
        ]);
    }
    let mut out = super::csv::table(&rows);
    if diff.one {
        let mut rows = vec![
            [
                "section",
                "change",
                "last_name",
                "first_name",
                "mandate",
                "circonscription",
                "department",
                "published_on",
            ]
            .map(String::from)
            .to_vec(),
        ];
        for change in &diff.candidates {
            for (what, list) in [
                ("added", &change.officials_added),
                ("removed", &change.officials_removed),
            ] {
                for entry in list {
                    rows.push(vec![
                        "officials".into(),
                        what.into(),
                        defuse(&entry.last_name),
                        defuse(&entry.first_name),
                        entry.mandate.code().into(),
                        defuse(&entry.circonscription),
                        entry.department.code.into(),
                        entry.published_on.map(|d| d.to_string()).unwrap_or_default(),
                    ]);
                }
            }
        }
        out.push('\n');
        out.push_str(&super::csv::table(&rows));
    }
    out
}

/// An official in JSON, as `report --since` lists sponsors.
fn official_json(entry: &Sponsorship) -> Value {
    serde_json::to_value(SinceSponsor::of(entry)).unwrap_or_default()
}

/// The JSON document: `{"old": {file, latest_publication}, "new": {…},
/// "candidates": [{candidate, added, removed, departments_added,
/// qualified_before, qualified_after}]}`; with one candidate, each also
/// lists `officials_added` and `officials_removed`.
pub fn json(diff: &Diff) -> Value {
    let side = |side: &Side| {
        json!({
            "file": side.file.display().to_string(),
            "latest_publication": side.latest_publication.map(|d| d.to_string()),
        })
    };
    let candidates: Vec<Value> = diff
        .candidates
        .iter()
        .map(|change| {
            let mut value = json!({
                "candidate": change.candidate,
                "added": change.added,
                "removed": change.removed,
                "departments_added": change.departments_added.iter().map(|d| d.code).collect::<Vec<_>>(),
                "qualified_before": change.qualified_before,
                "qualified_after": change.qualified_after,
            });
            if diff.one {
                value["officials_added"] = change.officials_added.iter().map(official_json).collect();
                value["officials_removed"] = change.officials_removed.iter().map(official_json).collect();
            }
            value
        })
        .collect();
    json!({
        "old": side(&diff.old),
        "new": side(&diff.new),
        "candidates": candidates,
    })
}
