//! `check`'s outputs: the table (`FILE:LINE: severity[CODE]: message`, then
//! the hint), one JSON document, and GitHub workflow annotations.

use serde::Serialize;

use super::Lang;
use super::words::tr;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ledger::scan::Scan;
use crate::ops::register::Coverage;
use crate::render::register::{CoverageView, coverage_views};

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
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let summary = format!(
        "{}, {} in {} ({})",
        plural(result.errors(), "error"),
        plural(result.warnings(), "warning"),
        plural(result.files, "file"),
        plural(result.rows as usize, "row"),
    );
    out.push_str(&tr(lang, &summary));
    out.push('\n');
    out
}

#[derive(Serialize)]
struct CheckDocument<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
    /// With `--register`: how complete the register is.
    #[serde(skip_serializing_if = "Option::is_none")]
    register: Option<RegisterCoverage>,
}

#[derive(Serialize)]
struct RegisterCoverage {
    coverage: Vec<CoverageView>,
}

/// The document; `coverage`, with `--register`, is the register's.
pub fn json(result: &Scan, coverage: Option<&[Coverage]>) -> String {
    let report = CheckDocument {
        errors: result.errors(),
        warnings: result.warnings(),
        diagnostics: &result.diagnostics,
        register: coverage.map(|c| RegisterCoverage {
            coverage: coverage_views(c),
        }),
    };
    // Serialising plain data to a string cannot fail.
    let mut out = serde_json::to_string_pretty(&report).expect("serialisable report");
    out.push('\n');
    out
}

/// GitHub workflow commands; `%`, CR, LF, `:` and `,` escaped as GitHub asks.
pub fn github(result: &Scan) -> String {
    let escape_data = |text: &str| text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let escape_property = |text: &str| escape_data(text).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for d in &result.diagnostics {
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
    out
}
