//! What every command needs: the ledger paths, the election, the candidate,
//! "today", and how to print.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::ledger::ReadOptions;
use crate::settings::{self, Overrides, Settings};

/// How a command ends (SPEC.md exit codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: success (for `check`: no errors).
    Success,
    /// 1: the data has errors.
    DataErrors,
}

/// A command that could not run: usage error or unreadable input (exit 2),
/// or refused data (exit 1).
#[derive(Debug)]
pub struct Failure {
    pub exit: u8,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            exit: 2,
            message: message.into(),
        }
    }

    pub fn data(message: impl Into<String>) -> Failure {
        Failure {
            exit: 1,
            message: message.into(),
        }
    }
}

pub type Outcome = Result<Exit, Failure>;

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        match exit {
            Exit::Success => ExitCode::SUCCESS,
            Exit::DataErrors => ExitCode::from(1),
        }
    }
}

pub struct Context {
    /// The ledger files and directories, as given.
    pub ledgers: Vec<PathBuf>,
    pub read: ReadOptions,
    pub as_of: NaiveDate,
    pub color: bool,
}

impl Context {
    pub fn from_args(args: &GlobalArgs) -> Result<Context, Failure> {
        let ledgers = if args.ledgers.is_empty() {
            match std::env::var_os("PARRAINAGE_LEDGER") {
                Some(path) if !path.is_empty() => vec![PathBuf::from(path)],
                _ => vec![PathBuf::from("parrainages.csv")],
            }
        } else {
            args.ledgers.clone()
        };
        let (path, explicit) = match &args.config {
            Some(path) => (path.clone(), true),
            None => (settings::default_path(&ledgers[0]), false),
        };
        let loaded = Settings::load(&path).map_err(Failure::usage)?;
        if explicit && loaded.is_none() {
            return Err(Failure::usage(format!(
                "{}: no such settings file",
                path.display()
            )));
        }
        let settings = loaded.unwrap_or_default();
        let overrides = Overrides {
            election: args.election,
            candidate: args.candidate.clone(),
            first_round: args.first_round,
        };
        let election = settings.election(&overrides, &path).map_err(Failure::usage)?;
        let candidate = args.candidate.clone().or(settings.candidate.clone());
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
            }
        };
        Ok(Context {
            ledgers,
            read: ReadOptions {
                election,
                candidate,
                encoding: args.encoding,
            },
            as_of: args.as_of.unwrap_or_else(today_in_paris),
            color,
        })
    }
}

/// Today's date in Paris, where the law's deadlines are set.
pub fn today_in_paris() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
