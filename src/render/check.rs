//! `check`'s outputs: the table (`FILE:LINE: severity[CODE]: message`, then
//! the hint), one JSON document, and GitHub workflow annotations. The
//! table and the annotations are written as the problems are found
//! (`diagnostic::Log::streaming`), the JSON document once at the end.

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use super::Lang;
use super::words::tr;
use crate::diagnostic::{Code, Diagnostic, Severity, Sink};
use crate::ops::check::Checked;

/// Writes each diagnostic as the table shows it, as it comes.
pub fn table_lines<'o>(out: &'o mut dyn Write, color: bool, lang: Lang) -> Sink<'o> {
    Box::new(move |diagnostics: &[Diagnostic]| {
        for diagnostic in diagnostics {
            writeln!(out, "{}", table_line(diagnostic, color, lang))?;
        }
        Ok(())
    })
}

fn table_line(diagnostic: &Diagnostic, color: bool, lang: Lang) -> String {
    let text = super::words::diagnostic(diagnostic, lang);
    let (label, code) = match diagnostic.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    if !color {
        return text;
    }
    // Colour only the severity word.
    text.replacen(
        &format!(": {label}["),
        &format!(": \x1b[{code}m{label}\x1b[0m["),
        1,
    )
}

/// The table's last line: how many problems in how many files and rows.
/// Only for a run that read every file: a failed run says nothing of counts.
pub fn table_summary(out: &mut dyn Write, checked: &Checked, lang: Lang) -> io::Result<()> {
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let summary = format!(
        "{}, {} in {} ({})",
        plural(checked.errors, "error"),
        plural(checked.warnings, "warning"),
        plural(checked.files as u64, "file"),
        plural(checked.rows, "row"),
    );
    writeln!(out, "{}", tr(lang, &summary))
}

#[derive(Serialize)]
struct CheckDocument<'a> {
    errors: u64,
    warnings: u64,
    diagnostics: &'a [Diagnostic],
    /// Beyond the first diagnostics of a file, how many of each code.
    left_out: Vec<LeftOut<'a>>,
}

#[derive(Serialize)]
struct LeftOut<'a> {
    #[serde(serialize_with = "as_text")]
    file: &'a Arc<Path>,
    code: Code,
    count: u64,
}

fn as_text<S: serde::Serializer>(path: &&Arc<Path>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&path.display().to_string())
}

/// The JSON document of a run that read every file.
pub fn json(out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
    let report = CheckDocument {
        errors: checked.errors,
        warnings: checked.warnings,
        diagnostics: &checked.held,
        left_out: checked
            .left_out
            .iter()
            .map(|(file, code, count)| LeftOut {
                file,
                code: *code,
                count: *count,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// The JSON document of a run that could not read every file: the error,
/// and no counts that a script could take for a clean ledger.
pub fn json_error(out: &mut dyn Write, unreadable: &[String]) -> io::Result<()> {
    #[derive(Serialize)]
    struct Failed<'a> {
        error: String,
        unreadable: &'a [String],
    }
    let failed = Failed {
        error: unreadable.join("; "),
        unreadable,
    };
    serde_json::to_writer_pretty(&mut *out, &failed)?;
    writeln!(out)
}

/// `%`, CR and LF escaped, as GitHub asks of a workflow command's data.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// [`escape_data`], and `:` and `,`, as GitHub asks of a property.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Writes each diagnostic as a GitHub workflow command, as it comes.
pub fn annotations<'o>(out: &'o mut dyn Write) -> Sink<'o> {
    Box::new(move |diagnostics: &[Diagnostic]| {
        for d in diagnostics {
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
            writeln!(
                out,
                "::{level} file={},line={},title={}::{}",
                escape_property(&d.file.display().to_string()),
                d.line,
                escape_property(d.code.as_str()),
                escape_data(&message)
            )?;
        }
        Ok(())
    })
}

/// A file that could not be read, as a GitHub annotation of its own.
pub fn annotate_unreadable(out: &mut dyn Write, unreadable: &[String]) -> io::Result<()> {
    for message in unreadable {
        writeln!(out, "::error title=unreadable::{}", escape_data(message))?;
    }
    Ok(())
}
