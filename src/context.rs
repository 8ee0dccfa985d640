//! What every command needs: the ledger paths, the election, the candidate,
//! "today", and how to print.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};

use crate::cli::{ColorChoice, GlobalArgs, LangChoice};
use crate::lang::Lang;

use crate::ledger::read::expand;
use crate::ledger::{Format, LedgerReader, ReadOptions};
use crate::rules::Election;
use crate::rules::election::today_in_paris;
use crate::settings::{self, Overrides, Settings};

/// How a command ends (SPEC.md exit codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: success (for `check`: no errors).
    Success,
    /// 1: the data has errors.
    DataErrors,
}

pub use crate::error::Failure;

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
    /// The register of elected officials' directory, from the settings.
    pub register: Option<PathBuf>,
    /// The language of human output.
    pub lang: Lang,
    /// How long a writer waits for the ledger's lock (`None`: as long as it takes).
    pub lock_timeout: Option<std::time::Duration>,
    /// Whether the settings or a flag chose the election; if not, an
    /// official publication's own dates may (see [`Context::options_for`]).
    election_chosen: Option<String>,
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
            first_round: args.first_round,
        };
        let election = settings.election(&overrides, &path).map_err(Failure::usage)?;
        let election_chosen = if args.election.is_some() || args.first_round.is_some() {
            Some("chosen on the command line".to_string())
        } else if settings.chooses_election() {
            Some(format!("set in {}", path.display()))
        } else {
            None
        };
        let candidate = args.candidate.clone().or(settings.candidate.clone());
        // Relative to the settings file, where it is written.
        let register = settings.register.as_ref().map(|dir| match path.parent() {
            Some(parent) if dir.is_relative() => parent.join(dir),
            _ => dir.clone(),
        });
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
                as_of: None,
                today: Some(today_in_paris()),
                places: false,
            },
            as_of: args.as_of.unwrap_or_else(today_in_paris),
            color,
            register,
            lang: match (args.lang, &settings.lang) {
                (Some(LangChoice::Fr), _) => Lang::Fr,
                (Some(LangChoice::En), _) => Lang::En,
                (None, Some(code)) => Lang::parse(code)
                    .filter(|_| matches!(code.as_str(), "fr" | "en"))
                    .ok_or_else(|| {
                        Failure::usage(format!(
                            "{}: lang = \"{code}\": write \"fr\" or \"en\"",
                            path.display()
                        ))
                    })?,
                (None, None) => Lang::from_locale(|name| std::env::var(name).ok()),
            },
            lock_timeout: match args.lock_timeout {
                Some(s) if s.is_finite() && s >= 0.0 => Some(std::time::Duration::from_secs_f64(s)),
                Some(s) => {
                    return Err(Failure::usage(format!(
                        "--lock-timeout {s}: give a number of seconds"
                    )));
                }
                None => None,
            },
            election_chosen,
        })
    }

    /// Whether the settings or a flag chose the election.
    pub fn election_is_chosen(&self) -> bool {
        self.election_chosen.is_some()
    }

    /// The reading options for the ledger files `paths`, and a sentence
    /// saying which election's rules apply and why. With no settings and
    /// no `--election`, publications of the Conseil constitutionnel choose
    /// by their own dates (a 2017 file is judged by the 2017 window), as
    /// long as every file agrees.
    pub fn options_for(&self, paths: &[PathBuf]) -> (ReadOptions, String) {
        let mut options = self.read.clone();
        let election = &options.election;
        let year = election
            .year
            .map_or_else(|| "custom".to_string(), |y| y.to_string());
        // The preset's own account of its dates, unless settings or flags
        // moved them: then the dates that apply, as they are.
        let as_preset = election
            .year
            .and_then(Election::preset)
            .is_some_and(|preset| preset == *election);
        let described = |why: &str| match election.year.and_then(Election::provenance) {
            Some(dates) if as_preset => format!("the {year} election, {why}: {dates}"),
            _ => format!("the {year} election, {why}: {}", election.dates()),
        };
        if let Some(why) = &self.election_chosen {
            let text = described(why);
            return (options, text);
        }
        if let Some((year, file)) = publication_year(paths, &options) {
            options.election = Election::preset(year).expect("a preset year");
            let dates = Election::provenance(year).unwrap_or_default();
            let text =
                format!("the {year} election, chosen by the publication's own dates ({file}): {dates}");
            return (options, text);
        }
        let text = described("the default with no settings and no --election");
        (options, text)
    }
}

/// The election year of a ledger made only of official publications that
/// agree on one preset: the year of each file's first publication date, or
/// the format's own year when no row gives a date. With the file that
/// decided it, for messages.
fn publication_year(paths: &[PathBuf], options: &ReadOptions) -> Option<(u16, String)> {
    let files = expand(paths).ok()?;
    // The rows are read for their dates only: no window may refuse them.
    let mut options = options.clone();
    options.election.opens = None;
    options.election.first_round = None;
    options.today = None;
    let mut found: Option<(u16, String)> = None;
    for file in &files {
        let mut reader = LedgerReader::open(file, &options).ok()?;
        let Format::Official(publication) = reader.format else {
            return None;
        };
        let mut ignored = Vec::new();
        let mut year = publication.election;
        // The first few rows are enough: a publication is one election's.
        for _ in 0..100 {
            match reader.next_entry(&mut ignored) {
                Some((_, Some(entry))) if entry.published_on.is_some() => {
                    let day = entry.published_on.map(|d| d.year()).unwrap_or_default();
                    if let Ok(day_year) = u16::try_from(day)
                        && Election::preset(day_year).is_some()
                    {
                        year = day_year;
                    }
                    break;
                }
                Some(_) => ignored.clear(),
                None => break,
            }
        }
        match &found {
            Some((other, _)) if *other != year => return None,
            Some(_) => {}
            None => {
                let name = file.file_name().map_or_else(
                    || file.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                found = Some((year, name));
            }
        }
    }
    found
}

/// Writes to standard output. A closed pipe (`| head`) is not an error;
/// any other failure (a full disk behind `>`) is, with exit 2.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    written(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// The outcome of writing to standard output: a closed pipe is not an
/// error (`| head` stops reading); anything else is.
pub fn written(result: std::io::Result<()>) -> Result<(), Failure> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::usage(format!("cannot write the output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Writes a command's output to `path` in one step: a temporary file
/// beside it, renamed over it, so that a reader never sees half a page.
pub fn write_output(path: &std::path::Path, text: &str) -> Result<(), Failure> {
    let failed =
        |e: std::io::Error| Failure::usage(format!("{}: cannot write the report: {e}", path.display()));
    let directory = crate::ledger::write::directory_of(path);
    let mut builder = tempfile::Builder::new();
    // A report is for reading: the permissions a new file would get.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut file = builder.tempfile_in(&directory).map_err(failed)?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(failed)?;
    file.as_file().sync_all().map_err(failed)?;
    file.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}
