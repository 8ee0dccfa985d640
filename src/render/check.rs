//! `check`'s outputs: the table (`FILE:LINE: severity[CODE]: message`, then
//! the hint), one JSON document, GitHub workflow annotations, and a
//! Markdown summary for a CI job.

use serde::Serialize;

use super::Lang;
use super::words::tr;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ledger::scan::Scan;
use crate::text::clean_path;

pub fn table(result: &Scan, color: bool, lang: Lang) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for diagnostic in &result.diagnostics {
        let text = super::words::diagnostic(diagnostic, lang);
        let (label, code) = match diagnostic.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        // Colour only the severity word.
        let text = text.replacen(&format!(": {label}["), &format!(": {}[", paint(code, label)), 1);
        out.push_str(&text);
        out.push('\n');
    }
    out.push_str(&summary(result, lang));
    out.push('\n');
    out
}

/// `3 errors, 1 warning in 2 files (120 rows)`, in `lang`.
fn summary(result: &Scan, lang: Lang) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let summary = format!(
        "{}, {} in {} ({})",
        plural(result.errors(), "error"),
        plural(result.warnings(), "warning"),
        plural(result.files, "file"),
        plural(result.rows as usize, "row"),
    );
    tr(lang, &summary).into_owned()
}

#[derive(Serialize)]
struct CheckDocument<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

pub fn json(result: &Scan) -> String {
    let report = CheckDocument {
        errors: result.errors(),
        warnings: result.warnings(),
        diagnostics: &result.diagnostics,
    };
    // Serialising plain data to a string cannot fail.
    let mut out = serde_json::to_string_pretty(&report).expect("serialisable report");
    out.push('\n');
    out
}

/// How many annotations `--format github` makes unless told otherwise: a
/// runner shows only a few per step, and thousands bury the first.
pub const MAX_ANNOTATIONS: usize = 50;

/// GitHub workflow commands; `%`, CR, LF, `:` and `,` escaped as GitHub asks.
/// At most `max` diagnostics become annotations (`None`: all), errors before
/// warnings; the others are written to the log as the table writes them,
/// in their place, and one last annotation says how many more there are.
pub fn github(result: &Scan, max: Option<usize>) -> String {
    let escape_data = |text: &str| text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let escape_property = |text: &str| escape_data(text).replace(':', "%3A").replace(',', "%2C");
    let annotated = annotated(&result.diagnostics, max);
    let mut out = String::new();
    for (d, annotate) in result.diagnostics.iter().zip(&annotated) {
        if !annotate {
            // Indented, so that no line of it can read as a command.
            out.push_str(&format!("  {}\n", d.to_string().replace('\n', "\n  ")));
            continue;
        }
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(column) = &d.column {
            message = format!("column `{column}`: {message}");
        }
        if let Some(hint) = &d.hint {
            message.push_str(&format!("\nhint: {hint}"));
        }
        out.push_str(&format!(
            "::{level} file={},line={},title={}::{}\n",
            escape_property(&d.file.display().to_string()),
            d.line,
            escape_property(d.code.as_str()),
            escape_data(&message)
        ));
    }
    let left: Vec<&Diagnostic> = result
        .diagnostics
        .iter()
        .zip(&annotated)
        .filter(|(_, annotate)| !**annotate)
        .map(|(d, _)| d)
        .collect();
    if !left.is_empty() {
        let errors = left.iter().filter(|d| d.is_error()).count();
        let level = if errors > 0 { "error" } else { "warning" };
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        out.push_str(&format!(
            "::{level} title=parrainage check::{} more {} not annotated ({}, {}): every problem is in the log\n",
            left.len(),
            if left.len() == 1 { "problem" } else { "problems" },
            plural(errors, "error"),
            plural(left.len() - errors, "warning"),
        ));
    }
    out
}

/// Which diagnostics become annotations: all of them up to `max`, else
/// the first `max` errors and then warnings, so that an error is never
/// left out for a warning.
fn annotated(diagnostics: &[Diagnostic], max: Option<usize>) -> Vec<bool> {
    let Some(max) = max.filter(|max| *max < diagnostics.len()) else {
        return vec![true; diagnostics.len()];
    };
    let mut annotated = vec![false; diagnostics.len()];
    let errors_first = (0..diagnostics.len())
        .filter(|i| diagnostics[*i].is_error())
        .chain((0..diagnostics.len()).filter(|i| !diagnostics[*i].is_error()));
    for i in errors_first.take(max) {
        annotated[i] = true;
    }
    annotated
}

/// How many problems the Markdown summary lists: a job summary holds at
/// most 1 MiB, and the log has them all.
const MARKDOWN_ROWS: usize = 100;

/// A Markdown summary for a CI job (`$GITHUB_STEP_SUMMARY`): the totals,
/// a table of the codes found, and the first problems.
pub fn markdown(result: &Scan, lang: Lang) -> String {
    let wording = super::words::wording(lang);
    let mut out = format!("## parrainage check\n\n{}.\n", summary(result, lang));
    if result.diagnostics.is_empty() {
        return out;
    }
    let mut codes: Vec<(Severity, &str, usize, &Diagnostic)> = Vec::new();
    for d in &result.diagnostics {
        match codes
            .iter_mut()
            .find(|(severity, code, _, _)| *severity == d.severity && *code == d.code.as_str())
        {
            Some(found) => found.2 += 1,
            None => codes.push((d.severity, d.code.as_str(), 1, d)),
        }
    }
    // Errors first, then the most frequent.
    codes.sort_by(|a, b| b.0.cmp(&a.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
    let severity = |s: Severity| match s {
        Severity::Error => tr(lang, "error").into_owned(),
        Severity::Warning => tr(lang, "warning").into_owned(),
    };
    let place = |d: &Diagnostic| format!("{}:{}", clean_path(&d.file), d.line);
    let rows: Vec<Vec<String>> = codes
        .iter()
        .map(|(s, code, n, first)| vec![severity(*s), code.to_string(), n.to_string(), place(first)])
        .collect();
    out.push('\n');
    out.push_str(&super::markdown::table(
        lang,
        &["Severity", "Code", "Problems", "First at"],
        &[false, false, true, false],
        &rows,
    ));
    let rows: Vec<Vec<String>> = result
        .diagnostics
        .iter()
        .take(MARKDOWN_ROWS)
        .map(|d| {
            let (message, hint) = d.said(wording);
            let said = match hint {
                Some(hint) => format!("{message} ({} {hint})", wording.hint),
                None => message,
            };
            vec![place(d), severity(d.severity), d.code.to_string(), said]
        })
        .collect();
    out.push('\n');
    out.push_str(&super::markdown::table(
        lang,
        &["Where", "Severity", "Code", "Problem"],
        &[false, false, false, false],
        &rows,
    ));
    let more = result.diagnostics.len().saturating_sub(MARKDOWN_ROWS);
    if more > 0 {
        out.push_str(&format!(
            "\n{}\n",
            tr(lang, &format!("{more} more: `parrainage check` lists them all."))
        ));
    }
    out
}
