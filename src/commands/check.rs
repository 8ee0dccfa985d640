//! `parrainage check`: validate ledger files, the CI gate.
//!
//! Every problem is reported, not just the first (like bean-check), as
//! `FILE:LINE: error[CODE]: message` with a hint, as one JSON document, or
//! as GitHub workflow annotations.

use std::path::PathBuf;

use serde::Serialize;

use crate::cli::{CheckArgs, CheckFormat};
use crate::context::{Context, Exit, Failure, Outcome, print};
use crate::diagnostic::{Diagnostic, Severity};
use crate::ledger::scan::{Scan, findings, scan};
use crate::rules::identity::Registry;

pub fn run(args: &CheckArgs, context: &Context) -> Outcome {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        context.ledgers.clone()
    } else {
        args.paths.clone()
    };
    let (options, _) = context.options_for(&paths);
    let (mut result, registry) = scan::<Registry>(&paths, &options);
    let cross_row = findings(&registry, &result, &options);
    result.diagnostics.extend(cross_row);
    // Report in file order, then line order, whatever order rules ran in.
    result
        .diagnostics
        .sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
    match args.format {
        CheckFormat::Human => print(&human(&result, context.color)),
        CheckFormat::Json => print(&json(&result)),
        CheckFormat::Github => print(&github(&result)),
    }
    if !result.unreadable.is_empty() {
        return Err(Failure::usage(result.unreadable.join("\nparrainage: error: ")));
    }
    let failed = result.errors() > 0 || (args.deny_warnings && result.warnings() > 0);
    Ok(if failed { Exit::DataErrors } else { Exit::Success })
}

fn human(result: &Scan, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for diagnostic in &result.diagnostics {
        let text = diagnostic.to_string();
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
    out.push_str(&format!(
        "{}, {} in {} ({})\n",
        plural(result.errors(), "error"),
        plural(result.warnings(), "warning"),
        plural(result.files, "file"),
        plural(result.rows as usize, "row"),
    ));
    out
}

#[derive(Serialize)]
struct Report<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

fn json(result: &Scan) -> String {
    let report = Report {
        errors: result.errors(),
        warnings: result.warnings(),
        diagnostics: &result.diagnostics,
    };
    // Serialising plain data to a string cannot fail.
    let mut out = serde_json::to_string_pretty(&report).expect("serialisable report");
    out.push('\n');
    out
}

/// GitHub workflow commands; `%`, CR, LF, `:` and `,` escaped as GitHub asks.
fn github(result: &Scan) -> String {
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
