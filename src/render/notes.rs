//! The notes and warnings of a run, said on standard error in the
//! language of the run: `parrainage: note: …`, `parrainage: warning: …`.

use super::Lang;
use super::words::say;
use crate::diagnostic::Diagnostic;
use crate::error::Failure;
use crate::message::{Message, Notes};

/// Notes and warnings written to standard error as they come.
pub struct Stderr {
    pub lang: Lang,
}

impl Notes for Stderr {
    fn note(&self, message: Message) {
        eprintln!("parrainage: note: {}", say(&message, self.lang));
    }

    fn warn(&self, message: Message) {
        eprintln!("parrainage: warning: {}", say(&message, self.lang));
    }

    fn problem(&self, diagnostic: &Diagnostic) {
        eprintln!("{}", super::words::diagnostic(diagnostic, self.lang));
    }

    fn progress(&self, message: Message) {
        eprintln!("parrainage: {}", say(&message, self.lang));
    }
}

/// A command's failure, said on standard error in `lang`, one error a
/// line.
pub fn failure(failure: &Failure, lang: Lang) {
    for message in super::words::failure(failure, lang) {
        eprintln!("parrainage: error: {message}");
    }
}
