//! The one error of a command that could not do its work. It says what was
//! being done, to which file, and why ("cannot write parrainages.csv: No
//! space left on device"), as messages that `render::words` says in the
//! language, and its kind decides the exit code in `main`: 1 for data that
//! is wrong, 2 for a command line or input that cannot be used.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::message::Message;

#[derive(Debug)]
pub enum Failure {
    /// The command line, the settings or a file cannot be used: exit 2.
    Usage(Message),
    /// The data is wrong (an entry refused, rows that cannot be counted):
    /// exit 1.
    Data(Message),
    /// An entry refused, with every reason: exit 1.
    Refused { what: Message, reasons: Vec<Diagnostic> },
    /// Files that cannot be read, each said on its own line: exit 2.
    Unreadable(Vec<Message>),
    /// A file could not be read or written: exit 2. The operating
    /// system's error is kept as it is.
    Io {
        action: Action,
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What was being done to a file when the operating system said no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Write,
    Create,
    Lock,
}

impl Failure {
    pub fn usage(message: impl Into<Message>) -> Failure {
        Failure::Usage(message.into())
    }

    pub fn data(message: impl Into<Message>) -> Failure {
        Failure::Data(message.into())
    }

    /// `action` failed on `path`.
    pub fn io(action: Action, path: &Path, source: std::io::Error) -> Failure {
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
}
