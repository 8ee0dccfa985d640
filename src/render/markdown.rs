//! `report --format markdown`: GitHub-flavoured Markdown for CI job
//! summaries and pull-request comments.

use super::Lang;
use super::model::{
    CandidateView, DATE_COLUMNS, DEPARTMENT_COLUMNS, MANDATE_COLUMNS, RANKING_COLUMNS, Report, yes_no,
};
use super::words::{day, percent, tr};

pub fn render(report: &Report, lang: Lang) -> String {
    let sections = report.sections;
    let mut out = String::new();
    if let Some(note) = report.closed_note() {
        out.push_str(&format!("> {}\n\n", escape(&tr(lang, &format!("{note}.")))));
    }
    if sections.ranking {
        out.push_str(&format!(
            "## {}\n\n",
            tr(lang, &format!("Candidates as of {}", report.as_of))
        ));
        let rows: Vec<Vec<String>> = report
            .ranking
            .iter()
            .map(|r| {
                vec![
                    r.rank.to_string(),
                    r.candidate.clone(),
                    r.validated.to_string(),
                    r.usable.to_string(),
                    r.departments.to_string(),
                    tr(lang, yes_no(r.qualified)).into_owned(),
                ]
            })
            .collect();
        out.push_str(&table(
            lang,
            &RANKING_COLUMNS,
            &[true, false, true, true, true, false],
            &rows,
        ));
        let qualified = report.ranking.iter().filter(|r| r.qualified).count();
        let total: u32 = report.ranking.iter().map(|r| r.validated).sum();
        out.push_str(&format!(
            "\n{}.\n\n",
            tr(
                lang,
                &format!(
                    "{qualified} of {} candidates qualified; {total} validated sponsorships in all",
                    report.ranking.len()
                )
            )
        ));
        if !sections.details()
            && let Some(date) = report
                .candidates
                .iter()
                .find_map(|c| c.since.as_ref())
                .map(|s| &s.date)
        {
            out.push_str(&format!(
                "### {}\n\n",
                tr(lang, &format!("Published after {date}"))
            ));
            let rows: Vec<Vec<String>> = report
                .candidates
                .iter()
                .filter_map(|c| c.since.as_ref().map(|s| (c, s)))
                .filter(|(_, s)| s.validated > 0)
                .map(|(c, s)| vec![c.candidate.clone(), s.validated.to_string()])
                .collect();
            out.push_str(&table(
                lang,
                &["Candidate", "New validated"],
                &[false, true],
                &rows,
            ));
            out.push('\n');
        }
    }
    if sections.details() {
        for c in &report.candidates {
            out.push_str(&details(report, c, lang));
        }
    }
    if out.is_empty() {
        out.push_str(&tr(lang, "No sponsorship in the ledger yet."));
        out.push('\n');
    }
    let kept = out.trim_end_matches('\n').len();
    out.truncate(kept);
    out.push_str(&format!(
        "\n\n_{}_\n",
        escape(&tr(lang, &format!("Rules: {}.", report.election.rules)))
    ));
    out
}

fn details(report: &Report, c: &CandidateView, lang: Lang) -> String {
    let sections = report.sections;
    let mut out = format!(
        "## {}\n\n",
        tr(lang, &format!("{} as of {}", escape(&c.candidate), report.as_of))
    );
    if sections.summary {
        for fact in report.facts(c) {
            let progress = fact
                .progress
                .map(|p| format!(" ({})", percent(lang, p)))
                .unwrap_or_default();
            let colon = if lang == Lang::Fr { " :" } else { ":" };
            out.push_str(&format!(
                "- **{}**{colon} {}{progress}\n",
                tr(lang, fact.label),
                escape(&tr(lang, &fact.value))
            ));
        }
        out.push_str(&format!(
            "\n{}\n\n",
            escape(&tr(lang, &report.not_reached_text(c)))
        ));
    }
    if sections.mandate {
        out.push_str(&format!("### {}\n\n", tr(lang, "By mandate")));
        let rows: Vec<Vec<String>> = c
            .by_mandate
            .iter()
            .map(|m| {
                vec![
                    tr(lang, m.label).into_owned(),
                    m.validated.to_string(),
                    m.claimed.to_string(),
                    percent(lang, m.share),
                ]
            })
            .collect();
        out.push_str(&table(lang, &MANDATE_COLUMNS, &[false, true, true, true], &rows));
        out.push('\n');
    }
    if sections.department {
        out.push_str(&format!(
            "### {}\n\n",
            tr(
                lang,
                &format!(
                    "By département (cap: {} each)",
                    report.election.max_per_department
                )
            )
        ));
        let rows: Vec<Vec<String>> = c
            .by_department
            .iter()
            .map(|d| {
                vec![
                    d.code.into(),
                    d.name.into(),
                    d.validated.to_string(),
                    d.claimed.to_string(),
                    if d.at_cap {
                        tr(lang, "at cap").into_owned()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        out.push_str(&table(
            lang,
            &DEPARTMENT_COLUMNS,
            &[false, false, true, true, false],
            &rows,
        ));
        out.push('\n');
    }
    if sections.date {
        out.push_str(&format!("### {}\n\n", tr(lang, "By publication date")));
        let rows: Vec<Vec<String>> = c
            .by_date
            .iter()
            .map(|d| {
                vec![
                    day(lang, &d.date),
                    d.validated.to_string(),
                    d.cumulative.to_string(),
                    d.target.map(|t| t.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
        out.push_str(&table(lang, &DATE_COLUMNS, &[false, true, true, true], &rows));
        out.push('\n');
    }
    if let Some(since) = &c.since {
        out.push_str(&format!(
            "### {}\n\n",
            tr(
                lang,
                &format!(
                    "Published after {}: {} new validated",
                    since.date, since.validated
                )
            )
        ));
        let rows: Vec<Vec<String>> = since
            .sponsors
            .iter()
            .map(|s| {
                vec![
                    day(lang, &s.published_on),
                    format!("{} {}", s.last_name, s.first_name),
                    tr(lang, s.mandate).into_owned(),
                    s.circonscription.clone(),
                    s.department.into(),
                ]
            })
            .collect();
        if !rows.is_empty() {
            out.push_str(&table(
                lang,
                &["Published", "Name", "Mandate", "Place", "Département"],
                &[false; 5],
                &rows,
            ));
            out.push('\n');
        }
    }
    out
}

/// A GFM table; `right[i]` aligns column i to the right (numbers).
pub(super) fn table(lang: Lang, header: &[&str], right: &[bool], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = header.iter().map(|h| tr(lang, h).into_owned()).collect();
    let mut out = format!("| {} |\n|", header.join(" | "));
    for (i, _) in header.iter().enumerate() {
        out.push_str(if right.get(i).copied().unwrap_or(false) {
            " ---: |"
        } else {
            " --- |"
        });
    }
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// Keeps names from breaking a table or turning into markup.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Line ends become spaces here, so that a name cannot break a table.
    let text = text.replace(['\n', '\r'], " ");
    for c in crate::text::clean(&text).chars() {
        if matches!(c, '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']') {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}
