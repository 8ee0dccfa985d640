//! The formats of `report`: a terminal table, JSON for scripts, CSV for
//! spreadsheets and Markdown for CI summaries. Each renders the same
//! [`model::Report`], computed once from the tally.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod model;
pub mod table;

pub use model::Report;

use crate::cli::ReportFormat;

/// The report in `format`; colour only applies to tables.
pub fn render(report: &Report, format: ReportFormat, color: bool) -> String {
    match format {
        ReportFormat::Table => table::render(report, color),
        ReportFormat::Json => json::render(report),
        ReportFormat::Csv => csv::render(report),
        ReportFormat::Markdown => markdown::render(report),
    }
}
