//! `report --format csv`: one table per section, separated by a blank line.
//! Every table's first column is `section` and per-candidate tables carry a
//! `candidate` column, so a section loads on its own (filter on the first
//! column) and several candidates share one table. When `--by` asks for
//! one section, that table is printed alone, with one header: xsv or pandas
//! read it as it is. Text cells that a spreadsheet would run as formulas
//! are defused; numbers stay numbers.

use super::model::Section;
use super::model::{CandidateView, Report, Sections, defuse};

pub fn render(report: &Report) -> String {
    // What changed after --since is a section of its own.
    let since = report.candidates.iter().any(|c| c.since.is_some());
    let sections = match report.sections.only.filter(|_| !since) {
        Some(only) => Sections {
            summary: false,
            mandate: only == Section::Mandate,
            department: only == Section::Department,
            date: only == Section::Date,
            ranking: only == Section::Candidate,
            only: Some(only),
        },
        None => report.sections,
    };
    let mut tables: Vec<String> = Vec::new();
    let candidates = if sections.details() {
        &report.candidates[..]
    } else {
        &[]
    };
    if sections.ranking {
        tables.push(ranking(report));
    }
    if sections.summary && !candidates.is_empty() {
        tables.push(summary(report, candidates));
    }
    if sections.mandate && !candidates.is_empty() {
        tables.push(by_mandate(candidates));
    }
    if sections.department && !candidates.is_empty() {
        tables.push(by_department(candidates));
    }
    if sections.date && !candidates.is_empty() {
        tables.push(by_date(candidates));
    }
    if since {
        tables.push(since_table(report));
    }
    tables.join("\n")
}

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// Rows as CSV text, quoted where needed.
pub(super) fn table(rows: &[Vec<String>]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail.
        writer.write_record(row).expect("a CSV row in memory");
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The `ranking` section's table.
fn ranking(report: &Report) -> String {
    let mut rows = vec![strings(&[
        "section",
        "rank",
        "candidate",
        "validated",
        "claimed",
        "usable",
        "departments",
        "qualified",
    ])];
    for r in &report.ranking {
        rows.push(vec![
            "ranking".into(),
            r.rank.to_string(),
            defuse(&r.candidate),
            r.validated.to_string(),
            r.claimed.to_string(),
            r.usable.to_string(),
            r.departments.to_string(),
            yes_no(r.qualified).into(),
        ]);
    }
    table(&rows)
}

/// The `summary` section's table.
fn summary(report: &Report, candidates: &[CandidateView]) -> String {
    let mut rows = vec![strings(&[
        "section",
        "candidate",
        "validated",
        "claimed",
        "pending",
        "lost",
        "declined",
        "usable",
        "departments",
        "qualified",
        "missing_sponsorships",
        "missing_departments",
        "nearest_cap",
        "days_left",
        "pace_needed",
        "pace_so_far",
    ])];
    let optional = |x: Option<String>| x.unwrap_or_default();
    for c in candidates {
        rows.push(vec![
            "summary".into(),
            defuse(&c.candidate),
            c.validated.to_string(),
            c.claimed.to_string(),
            c.pending.to_string(),
            c.lost.to_string(),
            c.declined.to_string(),
            c.usable.to_string(),
            c.departments.to_string(),
            yes_no(c.qualified).into(),
            c.missing.sponsorships.to_string(),
            c.missing.departments.to_string(),
            optional(c.nearest_cap.as_ref().map(|u| u.code.to_string())),
            optional(report.election.days_left.map(|d| d.to_string())),
            optional(c.pace_needed.map(|p| p.to_string())),
            optional(c.pace_so_far.map(|p| p.to_string())),
        ]);
    }
    table(&rows)
}

/// The `mandate` section's table.
fn by_mandate(candidates: &[CandidateView]) -> String {
    let mut rows = vec![strings(&[
        "section",
        "candidate",
        "mandate",
        "validated",
        "claimed",
        "share",
    ])];
    for c in candidates {
        for m in &c.by_mandate {
            rows.push(vec![
                "mandate".into(),
                defuse(&c.candidate),
                m.mandate.into(),
                m.validated.to_string(),
                m.claimed.to_string(),
                m.share.to_string(),
            ]);
        }
    }
    table(&rows)
}

/// The `department` section's table.
fn by_department(candidates: &[CandidateView]) -> String {
    let mut rows = vec![strings(&[
        "section",
        "candidate",
        "code",
        "name",
        "validated",
        "claimed",
        "at_cap",
    ])];
    for c in candidates {
        for d in &c.by_department {
            rows.push(vec![
                "department".into(),
                defuse(&c.candidate),
                d.code.into(),
                d.name.into(),
                d.validated.to_string(),
                d.claimed.to_string(),
                yes_no(d.at_cap).into(),
            ]);
        }
    }
    table(&rows)
}

/// The `date` section's table.
fn by_date(candidates: &[CandidateView]) -> String {
    let mut rows = vec![strings(&[
        "section",
        "candidate",
        "date",
        "validated",
        "cumulative",
        "target",
    ])];
    for c in candidates {
        for d in &c.by_date {
            rows.push(vec![
                "date".into(),
                defuse(&c.candidate),
                d.date.clone(),
                d.validated.to_string(),
                d.cumulative.to_string(),
                d.target.map(|t| t.to_string()).unwrap_or_default(),
            ]);
        }
    }
    table(&rows)
}

/// The `since` section's table.
fn since_table(report: &Report) -> String {
    let mut rows = vec![strings(&[
        "section",
        "candidate",
        "since",
        "validated",
        "last_name",
        "first_name",
        "mandate",
        "circonscription",
        "department",
        "published_on",
    ])];
    for c in &report.candidates {
        let Some(since) = &c.since else { continue };
        if since.sponsors.is_empty() {
            if since.validated > 0 {
                let mut row = vec!["since".into(), defuse(&c.candidate), since.date.clone()];
                row.push(since.validated.to_string());
                row.extend(std::iter::repeat_n(String::new(), 6));
                rows.push(row);
            }
            continue;
        }
        for s in &since.sponsors {
            rows.push(vec![
                "since".into(),
                defuse(&c.candidate),
                since.date.clone(),
                "1".into(),
                defuse(&s.last_name),
                defuse(&s.first_name),
                s.mandate.into(),
                defuse(&s.circonscription),
                s.department.into(),
                s.published_on.clone(),
            ]);
        }
    }
    table(&rows)
}

/// A flag as the CSV writes it, in every language: data, not words.
fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}
