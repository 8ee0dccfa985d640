//! `report --format markdown`: GitHub-flavoured Markdown for CI job
//! summaries and pull-request comments.

use super::Lang;
use super::model::{
    CandidateView, DATE_COLUMNS, DEPARTMENT_COLUMNS, MANDATE_COLUMNS, RANKING_COLUMNS, Report, yes_no,
};
use super::words::{day, mandate_label, mandate_named, percent, say};
use crate::message::{Key, Message};
use crate::msg;

pub fn render(report: &Report, lang: Lang) -> String {
    let sections = report.sections;
    let mut out = String::new();
    if let Some(note) = report.closed_note() {
        out.push_str(&format!("> {}\n\n", escape(&say(&note, lang))));
    }
    if sections.ranking {
        out.push_str(&format!(
            "## {}\n\n",
            say(&msg!(CandidatesAsOf, report.today), lang)
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
                    say(&Message::new(yes_no(r.qualified)), lang),
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
            say(&msg!(QualifiedOf, qualified, report.ranking.len(), total), lang)
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
                say(&msg!(PublishedAfter, day(lang, date)), lang)
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
                &[Key::Candidate, Key::NewValidated],
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
        out.push_str(&say(&msg!(NoSponsorshipYet), lang));
        out.push('\n');
    }
    let kept = out.trim_end_matches('\n').len();
    out.truncate(kept);
    out.push_str(&format!(
        "\n\n_{}_\n",
        escape(&say(
            &msg!(RulesSentence, say(&report.election.rules_said, lang)),
            lang
        ))
    ));
    out
}

fn details(report: &Report, c: &CandidateView, lang: Lang) -> String {
    let sections = report.sections;
    let mut out = format!(
        "## {}\n\n",
        say(&msg!(CandidateAsOf, escape(&c.candidate), report.today), lang)
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
                say(&fact.label, lang),
                escape(&say(&fact.value, lang))
            ));
        }
        out.push_str(&format!(
            "\n{}\n\n",
            escape(&say(&report.not_reached_text(c), lang))
        ));
    }
    if sections.mandate {
        out.push_str(&format!("### {}\n\n", say(&msg!(ByMandate), lang)));
        let rows: Vec<Vec<String>> = c
            .by_mandate
            .iter()
            .map(|m| {
                vec![
                    mandate_label(m.kind, lang).to_string(),
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
            say(&msg!(ByDepartementCap, report.election.max_per_department), lang)
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
                        say(&msg!(AtCap), lang)
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
        out.push_str(&format!("### {}\n\n", say(&msg!(ByPublicationDate), lang)));
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
            say(
                &msg!(PublishedAfterNew, day(lang, &since.date), since.validated),
                lang
            )
        ));
        let rows: Vec<Vec<String>> = since
            .sponsors
            .iter()
            .map(|s| {
                vec![
                    day(lang, &s.published_on),
                    format!("{} {}", s.last_name, s.first_name),
                    mandate_named(s.kind, lang).to_string(),
                    s.circonscription.clone(),
                    s.department.into(),
                ]
            })
            .collect();
        if !rows.is_empty() {
            out.push_str(&table(
                lang,
                &[
                    Key::Published,
                    Key::Name,
                    Key::Mandate,
                    Key::Place,
                    Key::Departement,
                ],
                &[false; 5],
                &rows,
            ));
            out.push('\n');
        }
    }
    out
}

/// A GFM table; `right[i]` aligns column i to the right (numbers).
pub(super) fn table(lang: Lang, header: &[Key], right: &[bool], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = header.iter().map(|h| say(&Message::new(*h), lang)).collect();
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
