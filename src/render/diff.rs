//! `diff`'s outputs: what a publication changed, per candidate, as a
//! terminal table, Markdown for a CI job's summary, CSV, or one JSON
//! document; with one candidate, the officials added and removed too.

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Value, json};

use super::Lang;
use super::model::{SinceSponsor, defuse, yes_no};
use super::words::tr;
use crate::ops::diff::{Change, Diff, Side};
use crate::sponsorship::Sponsorship;
use crate::text::{clean, clean_path};

/// The columns of the per-candidate table.
const COLUMNS: [&str; 6] = [
    "Candidate",
    "Validated",
    "Added",
    "Removed",
    "New départements",
    "Qualified",
];

/// "publications/a.csv (latest publication 2022-02-10)".
fn side(side: &Side, lang: Lang) -> String {
    let file = clean_path(&side.file);
    match side.latest_publication {
        Some(day) => tr(lang, &format!("{file} (latest publication {day})")).into_owned(),
        None => file,
    }
}

fn title(diff: &Diff, lang: Lang) -> String {
    tr(
        lang,
        &format!(
            "Publications compared: {} and {}",
            side(&diff.old, lang),
            side(&diff.new, lang)
        ),
    )
    .into_owned()
}

/// The cells of a candidate's row, for the table and Markdown.
fn cells(change: &Change, lang: Lang) -> Vec<String> {
    let departments: Vec<&str> = change.departments_added.iter().map(|d| d.code).collect();
    let qualified = if change.qualified_before == change.qualified_after {
        tr(lang, yes_no(change.qualified_after)).into_owned()
    } else {
        format!(
            "{} → {}",
            tr(lang, yes_no(change.qualified_before)),
            tr(lang, yes_no(change.qualified_after))
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
        tr(lang, entry.mandate.code()),
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
    let colon = if colon { ":" } else { "" };
    for change in diff.candidates.iter().filter(|_| diff.one) {
        for (title, list) in [
            ("Added", &change.officials_added),
            ("Removed", &change.officials_removed),
        ] {
            if list.is_empty() {
                continue;
            }
            out.push_str(&heading(&tr(lang, &format!("{title} ({}){colon}", list.len()))));
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
        out.push_str(&format!("{}\n", tr(lang, "No change.")));
        return out;
    }
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(COLUMNS.map(|h| tr(lang, h).into_owned()));
    for change in &shown {
        table.add_row(cells(change, lang).into_iter().map(|c| clean(&c).into_owned()));
    }
    out.push_str(&table.to_string());
    out.push('\n');
    if others > 0 {
        out.push_str(&format!(
            "{}\n",
            tr(lang, &format!("{others} other candidate(s) unchanged."))
        ));
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
        out.push_str(&format!("{}\n", tr(lang, "No change.")));
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
        out.push_str(&format!(
            "\n{}\n",
            tr(lang, &format!("{others} other candidate(s) unchanged."))
        ));
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
