//! Problems found in ledgers, with their stable codes (SPEC.md) and where
//! they are: file, line and column.

use std::borrow::Cow;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::text::{clean, clean_path};

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

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    #[serde(serialize_with = "serialize_path")]
    pub file: Arc<Path>,
    /// 1-based line where the row starts (the header is line 1).
    pub line: u64,
    /// The column's name in the file's header, when one field is at fault.
    pub column: Option<String>,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

fn serialize_path<S: serde::Serializer>(path: &Arc<Path>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&path.display().to_string())
}

impl Diagnostic {
    pub fn error(file: &Arc<Path>, line: u64, code: Code, message: impl Into<String>) -> Diagnostic {
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

    pub fn warning(file: &Arc<Path>, line: u64, code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, code, message)
        }
    }

    pub fn column(mut self, column: impl Into<String>) -> Diagnostic {
        self.column = Some(column.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The words a diagnostic is written with besides its own: the column and
/// hint labels, and the translation of its message and hint.
pub struct Wording<'w> {
    pub column: &'w str,
    pub hint: &'w str,
    /// What comes before a value after a label: ":" or, in French, " :".
    pub colon: &'w str,
    pub translate: &'w dyn Fn(&str) -> Cow<'_, str>,
}

impl Wording<'_> {
    pub const ENGLISH: Wording<'static> = Wording {
        column: "column",
        hint: "hint:",
        colon: ":",
        translate: &|text| Cow::Borrowed(text),
    };
}

impl Diagnostic {
    /// `FILE:LINE: error[CODE]: message`, then the hint on its own line,
    /// in `wording`. The prefix is the same in every language, since tools
    /// parse it; the message and the hint are translated.
    pub fn written(&self, wording: &Wording) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Every value from a file is written out safe (`crate::text`).
        let mut out = format!(
            "{}:{}: {}[{}]: ",
            clean_path(&self.file),
            self.line,
            severity,
            self.code
        );
        if let Some(name) = &self.column {
            out.push_str(&format!("{} `{}`{} ", wording.column, clean(name), wording.colon));
        }
        out.push_str(&clean(&(wording.translate)(&self.message)));
        if let Some(text) = &self.hint {
            out.push_str(&format!(
                "\n  = {} {}",
                wording.hint,
                clean(&(wording.translate)(text))
            ));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    /// `FILE:LINE: error[CODE]: message`, then the hint on its own line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written(&Wording::ENGLISH))
    }
}
