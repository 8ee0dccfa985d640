//! `check`'s outputs: the table (`FILE:LINE: severity[CODE]: message`, then
//! the hint), one JSON document, GitHub workflow annotations, and a
//! Markdown summary for a CI job. The table and the annotations are
//! written as the problems are found (`diagnostic::Log::streaming`), the
//! JSON document and the summary once at the end.

use std::cell::RefCell;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use super::Lang;
use super::words::{diagnostic, hint_label, said, say, word};
use crate::diagnostic::{Code, Diagnostic, Severity, Sink};
use crate::message::{Key, Message};
use crate::ops::check::Checked;
use crate::render::register::{CoverageView, coverage_views};
use crate::text::clean_path;

/// Writes each diagnostic as the table shows it, as it comes.
pub fn table_lines<'o>(out: &'o mut dyn Write, color: bool, lang: Lang) -> Sink<'o> {
    Box::new(move |diagnostics: &[Diagnostic], _| {
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
    writeln!(out, "{}", summary(checked, lang))
}

/// `3 errors, 1 warning in 2 files (120 rows)`, in `lang`.
fn summary(checked: &Checked, lang: Lang) -> String {
    say(
        &crate::msg!(
            CheckSummary,
            checked.errors,
            checked.warnings,
            checked.files,
            checked.rows
        ),
        lang,
    )
}

#[derive(Serialize)]
struct CheckDocument<'a> {
    errors: u64,
    warnings: u64,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// Beyond the first diagnostics of a file, how many of each code.
    left_out: Vec<LeftOut<'a>>,
    /// With `--register`: how complete the register is.
    #[serde(skip_serializing_if = "Option::is_none")]
    register: Option<RegisterCoverage>,
}

#[derive(Serialize)]
struct RegisterCoverage {
    coverage: Vec<CoverageView>,
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

/// A diagnostic in JSON: its message and hint in English, whatever the
/// language of the run (JSON is for scripts).
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    file: String,
    line: u64,
    column: Option<&'a str>,
    severity: Severity,
    code: Code,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn of(d: &'a Diagnostic) -> JsonDiagnostic<'a> {
        JsonDiagnostic {
            file: d.file.display().to_string(),
            line: d.line,
            column: d.column.as_deref(),
            severity: d.severity,
            code: d.code,
            message: say(&d.message, Lang::En),
            hint: d.hint.as_ref().map(|hint| say(hint, Lang::En)),
        }
    }
}

/// The JSON document of a run that read every file.
pub fn json(out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
    let report = CheckDocument {
        errors: checked.errors,
        warnings: checked.warnings,
        diagnostics: checked.held.iter().map(JsonDiagnostic::of).collect(),
        left_out: checked
            .left_out
            .iter()
            .map(|(file, code, count)| LeftOut {
                file,
                code: *code,
                count: *count,
            })
            .collect(),
        register: checked.coverage.as_deref().map(|c| RegisterCoverage {
            coverage: coverage_views(c),
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// The JSON document of a run that could not read every file: the error,
/// and no counts that a script could take for a clean ledger.
pub fn json_error(out: &mut dyn Write, unreadable: &[Message]) -> io::Result<()> {
    #[derive(Serialize)]
    struct Failed {
        error: String,
        unreadable: Vec<String>,
    }
    let unreadable: Vec<String> = unreadable.iter().map(|m| say(m, Lang::En)).collect();
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

/// How many annotations `--format github` makes unless told otherwise: a
/// runner shows only a few per step, and thousands bury the first.
pub const MAX_ANNOTATIONS: usize = 50;

/// GitHub workflow commands, written as the problems come, in file order:
/// at most `max` become annotations (`None`: all), errors before warnings,
/// so that an error is never left out for a warning; every other problem
/// is written to the log as the table writes it, indented so that no line
/// of it can read as a command. Warnings are annotated from the last batch
/// only (a run of fewer than `diagnostic::BATCH` problems is one batch):
/// an earlier one cannot know that errors follow.
pub struct Annotations {
    max: Option<usize>,
    annotated: usize,
    left_errors: u64,
    left_warnings: u64,
}

impl Annotations {
    pub fn new(max: Option<usize>) -> RefCell<Annotations> {
        RefCell::new(Annotations {
            max,
            annotated: 0,
            left_errors: 0,
            left_warnings: 0,
        })
    }

    /// The sink that writes them to `out`.
    pub fn sink<'o>(this: &'o RefCell<Annotations>, out: &'o mut dyn Write) -> Sink<'o> {
        Box::new(move |diagnostics: &[Diagnostic], last| this.borrow_mut().batch(out, diagnostics, last))
    }

    fn batch(&mut self, out: &mut dyn Write, diagnostics: &[Diagnostic], last: bool) -> io::Result<()> {
        let room = self
            .max
            .map_or(usize::MAX, |max| max.saturating_sub(self.annotated));
        let mut annotated = vec![false; diagnostics.len()];
        let errors = (0..diagnostics.len()).filter(|i| diagnostics[*i].is_error());
        let warnings = (0..diagnostics.len()).filter(|i| last && !diagnostics[*i].is_error());
        for i in errors.chain(warnings).take(room) {
            annotated[i] = true;
        }
        for (d, annotate) in diagnostics.iter().zip(annotated) {
            if annotate {
                self.annotated += 1;
                write_annotation(out, d)?;
            } else {
                if d.is_error() {
                    self.left_errors += 1;
                } else {
                    self.left_warnings += 1;
                }
                log_line(out, d)?;
            }
        }
        Ok(())
    }

    /// One last annotation saying how many more problems there are.
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let left = self.left_errors + self.left_warnings;
        if left > 0 {
            let level = if self.left_errors > 0 { "error" } else { "warning" };
            let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            writeln!(
                out,
                "::{level} title=parrainage check::{left} more {} not annotated ({}, {}): every problem is in the log",
                if left == 1 { "problem" } else { "problems" },
                plural(self.left_errors, "error"),
                plural(self.left_warnings, "warning"),
            )?;
        }
        Ok(())
    }
}

/// A problem not annotated, in the log as the table writes it.
fn log_line(out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
    writeln!(out, "  {}", diagnostic(d, Lang::En).replace('\n', "\n  "))
}

/// One problem as a GitHub workflow command.
fn write_annotation(out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = say(&d.message, Lang::En);
    if let Some(column) = &d.column {
        message = format!("column `{column}`: {message}");
    }
    if let Some(hint) = &d.hint {
        message.push_str(&format!("\nhint: {}", say(hint, Lang::En)));
    }
    writeln!(
        out,
        "::{level} file={},line={},title={}::{}",
        escape_property(&d.file.display().to_string()),
        d.line,
        escape_property(d.code.as_str()),
        escape_data(&message)
    )
}

/// A file that could not be read, as a GitHub annotation of its own.
pub fn annotate_unreadable(out: &mut dyn Write, unreadable: &[Message]) -> io::Result<()> {
    for message in unreadable {
        writeln!(
            out,
            "::error title=unreadable::{}",
            escape_data(&say(message, Lang::En))
        )?;
    }
    Ok(())
}

/// How many problems the Markdown summary lists: a job summary holds at
/// most 1 MiB, and the log has them all.
pub const MARKDOWN_ROWS: usize = 100;

/// A Markdown summary for a CI job (`$GITHUB_STEP_SUMMARY`): the totals,
/// a table of the codes found, and the first problems (those `checked`
/// holds, a log keeping [`MARKDOWN_ROWS`] of a file).
pub fn markdown(out: &mut dyn Write, checked: &Checked, lang: Lang) -> io::Result<()> {
    write!(out, "## parrainage check\n\n{}.\n", summary(checked, lang))?;
    if checked.codes.is_empty() {
        return Ok(());
    }
    let severity = |s: Severity| match s {
        Severity::Error => word(Key::Error, lang).to_string(),
        Severity::Warning => word(Key::Warning, lang).to_string(),
    };
    let place = |file: &std::path::Path, line: u64| format!("{}:{}", clean_path(file), line);
    let rows: Vec<Vec<String>> = checked
        .codes
        .iter()
        .map(|c| {
            vec![
                severity(c.severity),
                c.code.to_string(),
                c.count.to_string(),
                place(&c.file, c.line),
            ]
        })
        .collect();
    out.write_all(b"\n")?;
    out.write_all(
        super::markdown::table(
            lang,
            &[Key::Severity, Key::Code, Key::Problems, Key::FirstAt],
            &[false, false, true, false],
            &rows,
        )
        .as_bytes(),
    )?;
    let rows: Vec<Vec<String>> = checked
        .held
        .iter()
        .take(MARKDOWN_ROWS)
        .map(|d| {
            let (message, hint) = said(d, lang);
            let said = match hint {
                Some(hint) => format!("{message} ({} {hint})", hint_label(lang)),
                None => message,
            };
            vec![
                place(&d.file, d.line),
                severity(d.severity),
                d.code.to_string(),
                said,
            ]
        })
        .collect();
    out.write_all(b"\n")?;
    out.write_all(
        super::markdown::table(
            lang,
            &[Key::Where, Key::Severity, Key::Code, Key::Problem],
            &[false, false, false, false],
            &rows,
        )
        .as_bytes(),
    )?;
    let more = (checked.errors + checked.warnings).saturating_sub(rows.len() as u64);
    if more > 0 {
        write!(out, "\n{}\n", say(&crate::msg!(MoreProblems, more), lang))?;
    }
    Ok(())
}
