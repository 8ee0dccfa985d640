//! The one error of a command that could not do its work. It says what was
//! being done, to which file, and why ("cannot write parrainages.csv: No
//! space left on device"), and its kind decides the exit code in `main`:
//! 1 for data that is wrong, 2 for a command line or input that cannot be
//! used.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The command line, the settings or a file cannot be used: exit 2.
    #[error("{0}")]
    Usage(String),
    /// The data is wrong (an entry refused, rows that cannot be counted):
    /// exit 1.
    #[error("{0}")]
    Data(String),
    /// An entry refused, with every reason: exit 1.
    #[error("{what}:\n{}", .reasons.iter().map(Diagnostic::to_string).collect::<Vec<_>>().join("\n"))]
    Refused {
        what: &'static str,
        reasons: Vec<Diagnostic>,
    },
    /// Files that cannot be read, each said on its own line: exit 2.
    #[error("{}", .0.join("; "))]
    Unreadable(Vec<String>),
    /// A file could not be read or written: exit 2.
    #[error("cannot {action} {}: {source}", crate::text::clean_path(path))]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::Usage(message.into())
    }

    pub fn data(message: impl Into<String>) -> Failure {
        Failure::Data(message.into())
    }

    /// `action` ("read", "write", "lock") failed on `path`.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Failure {
        Failure::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// The process's exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Data(_) | Failure::Refused { .. } => 1,
            Failure::Usage(_) | Failure::Unreadable(_) | Failure::Io { .. } => 2,
        }
    }

    /// What to say, one error a line.
    pub fn messages(&self) -> Vec<String> {
        match self {
            Failure::Unreadable(each) => each.clone(),
            other => vec![other.to_string()],
        }
    }
}
