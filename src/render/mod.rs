//! The formats of `report`: a terminal table, JSON for scripts, CSV for
//! spreadsheets, Markdown for CI summaries and a self-contained HTML page. Each renders the same
//! [`model::Report`], computed once from the tally.

pub mod check;
pub mod csv;
pub mod diff;
pub mod entries;
pub mod fetch;
pub mod html;
pub mod import;
pub mod init;
pub mod json;
pub mod markdown;
pub mod model;
pub mod notes;
pub mod prospects;
pub mod register;
pub mod table;
pub mod tiles;
pub mod words;
pub mod written;

pub use crate::lang::Lang;
pub use model::Report;

/// The formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
    Markdown,
    Html,
}

/// The report in `format`; colour only applies to tables.
pub fn render(report: &Report, format: ReportFormat, color: bool, lang: Lang) -> String {
    match format {
        ReportFormat::Table => table::render(report, color, lang),
        ReportFormat::Json => json::render(report),
        ReportFormat::Csv => csv::render(report),
        ReportFormat::Markdown => markdown::render(report, lang),
        ReportFormat::Html => html::render(report, lang),
    }
}
