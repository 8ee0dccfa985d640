//! Problems found in ledgers, with their stable codes (SPEC.md) and where
//! they are: file, line and column.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::message::Message;

/// How bad a problem is: errors fail `check`, warnings only with
/// `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// The stable diagnostic codes. Scripts match on these: never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    MalformedCsv,
    MissingColumn,
    MissingValue,
    UnknownStatus,
    UnknownMandate,
    IneligibleMandate,
    UnknownDepartment,
    DepartmentMismatch,
    UnknownCivility,
    BadDate,
    OutsideWindow,
    DuplicateSponsor,
    SeveralCandidates,
    StatusDateMismatch,
    FormulaCell,
    PossibleDuplicate,
    Encoding,
    NotInRegister,
    MandateNotInRegister,
    AmbiguousInRegister,
    TornRow,
    SkippedFile,
    DuplicateColumn,
    UnknownCommune,
    AmbiguousCommune,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::MalformedCsv => "malformed-csv",
            Code::MissingColumn => "missing-column",
            Code::MissingValue => "missing-value",
            Code::UnknownStatus => "unknown-status",
            Code::UnknownMandate => "unknown-mandate",
            Code::IneligibleMandate => "ineligible-mandate",
            Code::UnknownDepartment => "unknown-department",
            Code::DepartmentMismatch => "department-mismatch",
            Code::UnknownCivility => "unknown-civility",
            Code::BadDate => "bad-date",
            Code::OutsideWindow => "outside-window",
            Code::DuplicateSponsor => "duplicate-sponsor",
            Code::SeveralCandidates => "several-candidates",
            Code::StatusDateMismatch => "status-date-mismatch",
            Code::FormulaCell => "formula-cell",
            Code::PossibleDuplicate => "possible-duplicate",
            Code::NotInRegister => "not-in-register",
            Code::MandateNotInRegister => "mandate-not-in-register",
            Code::AmbiguousInRegister => "ambiguous-in-register",
            Code::TornRow => "torn-row",
            Code::SkippedFile => "skipped-file",
            Code::DuplicateColumn => "duplicate-column",
            Code::Encoding => "encoding",
            Code::UnknownCommune => "unknown-commune",
            Code::AmbiguousCommune => "ambiguous-commune",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem, located. What it says is a [`Message`], said in a
/// language by `render::words::diagnostic` (the JSON's `message` is the
/// English).
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub file: Arc<Path>,
    /// 1-based line where the row starts (the header is line 1).
    pub line: u64,
    /// The column's name in the file's header, when one field is at fault.
    pub column: Option<String>,
    pub severity: Severity,
    pub code: Code,
    pub message: Message,
    /// How to fix it.
    pub hint: Option<Message>,
}

impl Diagnostic {
    pub fn error(file: &Arc<Path>, line: u64, code: Code, message: impl Into<Message>) -> Diagnostic {
        Diagnostic {
            file: Arc::clone(file),
            line,
            column: None,
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: &Arc<Path>, line: u64, code: Code, message: impl Into<Message>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, code, message)
        }
    }

    pub fn column(mut self, column: impl Into<String>) -> Diagnostic {
        self.column = Some(column.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<Message>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The diagnostics of a run, as they are found, in bounded memory: a
/// ledger of ten million bad rows must not take ten million diagnostics
/// of memory.
///
/// - [`Log::keeping`] holds the first few of each file and counts the
///   rest by code (`check`'s JSON document, `report`'s refusal).
/// - [`Log::streaming`] hands every diagnostic to a sink, holding at most
///   a batch at a time (`check`'s table and GitHub annotations): each
///   batch is sorted in file and line order before it is handed over, so
///   that a run with fewer problems than a batch reads in file order, and
///   a larger one is still said whole.
pub struct Log<'s> {
    held: Vec<Diagnostic>,
    errors: u64,
    warnings: u64,
    /// How many of each file are held (keeping).
    per_file: Vec<(Arc<Path>, usize)>,
    /// What was neither held nor handed on, by file and code.
    left_out: std::collections::BTreeMap<(Arc<Path>, Code), u64>,
    /// Every code found, with its count and where it was first found.
    codes: Vec<CodeCount>,
    mode: Mode<'s>,
    /// The first error of the sink, after which nothing more is handed on.
    failed: Option<std::io::Error>,
}

/// How many diagnostics of one severity and code a run found, and where
/// the first is.
#[derive(Debug, Clone)]
pub struct CodeCount {
    pub severity: Severity,
    pub code: Code,
    pub count: u64,
    pub file: Arc<Path>,
    pub line: u64,
}

/// Where the diagnostics of a [`Log`] go: each batch, and whether it is
/// the last.
pub type Sink<'s> = Box<dyn FnMut(&[Diagnostic], bool) -> std::io::Result<()> + 's>;

enum Mode<'s> {
    Keep { per_file: usize },
    Stream { batch: usize, sink: Sink<'s> },
}

/// How many diagnostics a streaming log holds before handing them on.
pub const BATCH: usize = 10_000;

impl<'s> Log<'s> {
    /// Holds the first `per_file` diagnostics of each file, and counts the
    /// rest by code.
    pub fn keeping(per_file: usize) -> Log<'static> {
        Log::with(Mode::Keep { per_file })
    }

    /// Hands every diagnostic to `sink`, in sorted batches of at most `batch`.
    pub fn streaming(batch: usize, sink: Sink<'s>) -> Log<'s> {
        Log::with(Mode::Stream {
            batch: batch.max(1),
            sink,
        })
    }

    fn with(mode: Mode<'s>) -> Log<'s> {
        Log {
            held: Vec::new(),
            errors: 0,
            warnings: 0,
            per_file: Vec::new(),
            left_out: std::collections::BTreeMap::new(),
            codes: Vec::new(),
            mode,
            failed: None,
        }
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        match diagnostic.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        match self
            .codes
            .iter_mut()
            .find(|c| c.severity == diagnostic.severity && c.code == diagnostic.code)
        {
            Some(found) => {
                found.count += 1;
                if (&diagnostic.file, diagnostic.line) < (&found.file, found.line) {
                    (found.file, found.line) = (Arc::clone(&diagnostic.file), diagnostic.line);
                }
            }
            None => self.codes.push(CodeCount {
                severity: diagnostic.severity,
                code: diagnostic.code,
                count: 1,
                file: Arc::clone(&diagnostic.file),
                line: diagnostic.line,
            }),
        }
        match &mut self.mode {
            Mode::Keep { per_file } => {
                let held = match self
                    .per_file
                    .iter_mut()
                    .find(|(file, _)| *file == diagnostic.file)
                {
                    Some((_, held)) => held,
                    None => {
                        self.per_file.push((Arc::clone(&diagnostic.file), 0));
                        &mut self.per_file.last_mut().expect("just pushed").1
                    }
                };
                if *held < *per_file {
                    *held += 1;
                    self.held.push(diagnostic);
                } else {
                    *self
                        .left_out
                        .entry((Arc::clone(&diagnostic.file), diagnostic.code))
                        .or_default() += 1;
                }
            }
            Mode::Stream { batch, .. } => {
                let full = self.held.len() + 1 >= *batch;
                self.held.push(diagnostic);
                if full {
                    self.hand_on(false);
                }
            }
        }
    }

    /// Sorts what is held in file and line order (a row's own problems
    /// keep the order they were found in), and in a streaming log hands
    /// it on.
    fn hand_on(&mut self, last: bool) {
        self.held
            .sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
        if let Mode::Stream { sink, .. } = &mut self.mode {
            if self.failed.is_none()
                && let Err(e) = sink(&self.held, last)
            {
                self.failed = Some(e);
            }
            self.held.clear();
        }
    }

    /// Ends the log: what is held sorted, and in a streaming log handed
    /// on. Returns the sink's first error, if it failed.
    pub fn finish(&mut self) -> std::io::Result<()> {
        self.hand_on(true);
        match self.failed.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    pub fn errors(&self) -> u64 {
        self.errors
    }

    pub fn warnings(&self) -> u64 {
        self.warnings
    }

    /// The diagnostics held (a keeping log's first of each file; after
    /// [`finish`](Self::finish), in file and line order).
    pub fn held(&self) -> &[Diagnostic] {
        &self.held
    }

    /// Every code found: how many, and the first place (in file and line
    /// order), errors first, then the most frequent.
    pub fn codes(&self) -> Vec<CodeCount> {
        let mut codes = self.codes.clone();
        codes.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then(b.count.cmp(&a.count))
                .then(a.code.as_str().cmp(b.code.as_str()))
        });
        codes
    }

    /// How many diagnostics of each file and code a keeping log did not
    /// hold.
    pub fn left_out(&self) -> impl Iterator<Item = (&Arc<Path>, Code, u64)> {
        self.left_out.iter().map(|((file, code), n)| (file, *code, *n))
    }
}

impl Extend<Diagnostic> for Log<'_> {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, diagnostics: I) {
        for diagnostic in diagnostics {
            self.push(diagnostic);
        }
    }
}

impl fmt::Debug for Log<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Log")
            .field("errors", &self.errors)
            .field("warnings", &self.warnings)
            .field("held", &self.held.len())
            .finish()
    }
}
