//! `report --format table`: for a terminal of 80 columns, with a progress
//! bar, and colour only when the context allows it.

use comfy_table::presets::{NOTHING, UTF8_FULL_CONDENSED};
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};

use super::Lang;
use super::model::{
    CandidateView, DATE_COLUMNS, DEPARTMENT_COLUMNS, MANDATE_COLUMNS, RANKING_COLUMNS, Report, yes_no,
};
use super::words::{day, percent, tr};
use crate::text::clean;

const WIDTH: u16 = 80;
const BAR: usize = 20;

pub fn render(report: &Report, color: bool, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(note) = report.closed_note() {
        out.push_str(&wrap(&tr(lang, &format!("{note}.")), usize::from(WIDTH)));
        out.push('\n');
    }
    let sections = report.sections;
    if sections.ranking {
        out.push_str(&tr(lang, &format!("Candidates as of {}", report.as_of)));
        out.push('\n');
        out.push_str(&ranking(report, color, lang));
        out.push('\n');
        if !sections.details() {
            out.push_str(&since_by_candidate(report, lang));
        }
    }
    if sections.details() {
        for candidate in &report.candidates {
            out.push_str(&details(report, candidate, color, lang));
        }
    }
    if out.is_empty() {
        out.push_str(&tr(lang, "No sponsorship in the ledger yet."));
        out.push('\n');
    }
    out.push_str(&wrap(
        &tr(lang, &format!("Rules: {}.", clean(&report.election.rules))),
        usize::from(WIDTH),
    ));
    out
}

/// `text` cut into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out.push('\n');
    out
}

fn details(report: &Report, c: &CandidateView, color: bool, lang: Lang) -> String {
    let sections = report.sections;
    let mut out = format!(
        "{}\n",
        tr(lang, &format!("{} as of {}", clean(&c.candidate), report.as_of))
    );
    if sections.summary {
        let mut table = new_table(color, false);
        for fact in report.facts(c) {
            let mut value = tr(lang, &fact.value).into_owned();
            if let Some(progress) = fact.progress {
                value = format!("{value:<11} {} {:>4}", bar(progress), percent(lang, progress));
            }
            let mut cell = Cell::new(value);
            if fact.is_qualification {
                cell = cell.fg(if c.qualified { Color::Green } else { Color::Red });
            }
            table.add_row(vec![
                Cell::new(tr(lang, fact.label)).add_attribute(Attribute::Bold),
                cell,
            ]);
        }
        if !c.by_date.is_empty() {
            let counts: Vec<u32> = c.by_date.iter().map(|d| d.validated).collect();
            let first = c.by_date.first().map_or("", |d| d.date.as_str());
            let last = c.by_date.last().map_or("", |d| d.date.as_str());
            table.add_row(vec![
                Cell::new(tr(lang, "Publications")).add_attribute(Attribute::Bold),
                Cell::new(tr(
                    lang,
                    &format!("{} new validated, {first} to {last}", sparkline(&counts)),
                )),
            ]);
        }
        out.push_str(&finish(table));
        out.push_str(&wrap(&tr(lang, &report.not_reached_text(c)), usize::from(WIDTH)));
        out.push('\n');
    }
    if sections.mandate {
        out.push_str(&tr(lang, "By mandate"));
        out.push('\n');
        let mut table = new_table(color, true);
        table.set_header(header(lang, &MANDATE_COLUMNS));
        for row in &c.by_mandate {
            table.add_row(vec![
                Cell::new(tr(lang, row.label)),
                Cell::new(row.validated),
                Cell::new(row.claimed),
                Cell::new(percent(lang, row.share)),
            ]);
        }
        right_align(&mut table, &[1, 2, 3]);
        out.push_str(&finish(table));
        out.push('\n');
    }
    if sections.department {
        out.push_str(&tr(
            lang,
            &format!(
                "By département (cap: {} each)",
                report.election.max_per_department
            ),
        ));
        out.push('\n');
        let mut table = new_table(color, true);
        table.set_header(header(lang, &DEPARTMENT_COLUMNS));
        for row in &c.by_department {
            let cap = if row.at_cap {
                Cell::new(tr(lang, "at cap")).fg(Color::Yellow)
            } else {
                Cell::new("")
            };
            table.add_row(vec![
                Cell::new(row.code),
                Cell::new(row.name),
                Cell::new(row.validated),
                Cell::new(row.claimed),
                cap,
            ]);
        }
        right_align(&mut table, &[2, 3]);
        out.push_str(&finish(table));
        out.push('\n');
    }
    if sections.date {
        out.push_str(&tr(
            lang,
            "By publication date (steady pace: the count needed by that day)",
        ));
        out.push('\n');
        let mut table = new_table(color, true);
        table.set_header(header(lang, &DATE_COLUMNS));
        for row in &c.by_date {
            let target = row.target.map_or_else(String::new, |t| t.to_string());
            let mut cumulative = Cell::new(row.cumulative);
            if let Some(target) = row.target {
                cumulative = cumulative.fg(if row.cumulative >= target {
                    Color::Green
                } else {
                    Color::Red
                });
            }
            table.add_row(vec![
                Cell::new(day(lang, &row.date)),
                Cell::new(row.validated),
                cumulative,
                Cell::new(target),
            ]);
        }
        right_align(&mut table, &[1, 2, 3]);
        out.push_str(&finish(table));
        out.push('\n');
    }
    if let Some(since) = &c.since {
        out.push_str(&tr(
            lang,
            &format!(
                "Published after {}: {} new validated",
                since.date, since.validated
            ),
        ));
        out.push('\n');
        for s in &since.sponsors {
            let place = crate::sponsorship::in_brackets(&clean(&s.circonscription));
            out.push_str(&format!(
                "  {} {} {}, {}{place}, {}\n",
                day(lang, &s.published_on),
                clean(&s.last_name),
                clean(&s.first_name),
                tr(lang, s.mandate),
                s.department
            ));
        }
        out.push('\n');
    }
    out
}

/// The new counts of each publication as a line of bars: `▁▃█▅`.
fn sparkline(counts: &[u32]) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let top = counts.iter().copied().max().unwrap_or(0).max(1);
    counts
        .iter()
        .map(|n| LEVELS[((n * 7 + top / 2) / top).min(7) as usize])
        .collect()
}

/// With `--all --since`: the new validated sponsorships of each candidate.
fn since_by_candidate(report: &Report, lang: Lang) -> String {
    let Some(date) = report
        .candidates
        .iter()
        .find_map(|c| c.since.as_ref())
        .map(|s| &s.date)
    else {
        return String::new();
    };
    let mut out = format!("{}\n", tr(lang, &format!("Published after {date}")));
    for c in &report.candidates {
        if let Some(since) = &c.since
            && since.validated > 0
        {
            out.push_str(&format!("  {:>5}  {}\n", since.validated, clean(&c.candidate)));
        }
    }
    let total: u32 = report
        .candidates
        .iter()
        .filter_map(|c| c.since.as_ref())
        .map(|s| s.validated)
        .sum();
    out.push_str(&format!("  {total:>5}  {}\n", tr(lang, "in all")));
    out
}

fn ranking(report: &Report, color: bool, lang: Lang) -> String {
    let mut table = new_table(color, true);
    table.set_header(header(lang, &RANKING_COLUMNS));
    for row in &report.ranking {
        let qualified = Cell::new(tr(lang, yes_no(row.qualified))).fg(if row.qualified {
            Color::Green
        } else {
            Color::Reset
        });
        table.add_row(vec![
            Cell::new(row.rank),
            Cell::new(clean(&row.candidate)),
            Cell::new(row.validated),
            Cell::new(row.usable),
            Cell::new(row.departments),
            qualified,
        ]);
    }
    right_align(&mut table, &[0, 2, 3, 4]);
    let qualified = report.ranking.iter().filter(|r| r.qualified).count();
    let total: u32 = report.ranking.iter().map(|r| r.validated).sum();
    let summary = format!(
        "{qualified} of {} candidates qualified; {total} validated sponsorships in all",
        report.ranking.len()
    );
    format!("{}{}\n", finish(table), tr(lang, &summary))
}

fn new_table(color: bool, borders: bool) -> Table {
    let mut table = Table::new();
    table
        .load_style(if borders { UTF8_FULL_CONDENSED } else { NOTHING })
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

fn header(lang: Lang, names: &[&str]) -> Vec<Cell> {
    names
        .iter()
        .map(|n| Cell::new(tr(lang, n)).add_attribute(Attribute::Bold))
        .collect()
}

fn right_align(table: &mut Table, columns: &[usize]) {
    for i in columns {
        if let Some(column) = table.column_mut(*i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// The table's text, without the padding a borderless table leaves at
/// the end of its lines.
fn finish(table: Table) -> String {
    let mut text = String::new();
    for line in table.lines() {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// `████████░░░░░░░░░░░░`: full past 100%.
pub(super) fn bar(progress: f64) -> String {
    let filled = ((progress.clamp(0.0, 1.0) * BAR as f64).round() as usize).min(BAR);
    format!("{}{}", "█".repeat(filled), "░".repeat(BAR - filled))
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bar_is_empty_half_and_full() {
        assert_eq!(bar(0.0), "░".repeat(20));
        assert_eq!(bar(0.5), format!("{}{}", "█".repeat(10), "░".repeat(10)));
        assert_eq!(bar(5.27), "█".repeat(20));
        assert_eq!(bar(f64::NAN).chars().count(), 20);
    }
}
