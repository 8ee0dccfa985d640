//! `report --format json`: one document on stdout, with the stable keys of
//! SPEC.md. It always holds every table of the candidates in scope, whatever
//! `--by` says, so scripts can rely on its keys.

use super::Report;

pub fn render(report: &Report) -> String {
    // Plain data with string keys: serialising it cannot fail.
    let mut out = serde_json::to_string_pretty(report).expect("serialisable report");
    out.push('\n');
    out
}
