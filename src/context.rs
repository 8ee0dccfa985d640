//! What every command needs: the ledger paths, the election, the candidate,
//! "today", and how to print.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::{ColorChoice, GlobalArgs, LangChoice};
use crate::lang::Lang;
use crate::message::{Arg, Message, Notes};
use crate::msg;
use crate::output::Output;

use crate::ledger::ReadOptions;
use crate::ledger::dates::{Dated, dated};
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

/// The archive's name when no setting gives one.
const ARCHIVE: &str = "publications";

pub struct Context {
    /// The ledger files and directories, as given.
    pub ledgers: Vec<PathBuf>,
    /// How the ledgers are read: the election (chosen), the candidate.
    pub read: ReadOptions,
    pub as_of: NaiveDate,
    pub color: bool,
    /// The register of elected officials' directory, from the settings.
    pub register: Option<PathBuf>,
    /// Past publications for `prospects`, from the settings.
    pub history: Vec<PathBuf>,
    /// Where `fetch` downloads the publication, from the settings.
    pub publication_url: Option<String>,
    /// The archive of publications, from the settings.
    archive: Option<PathBuf>,
    /// The language of human output.
    pub lang: Lang,
    /// How long a writer waits for the ledger's lock (`None`: as long as it takes).
    pub lock_timeout: Option<std::time::Duration>,
    /// Where the workflows say their notes and warnings.
    pub notes: Box<dyn Notes>,
    /// Which election's rules apply to the ledgers, and why.
    rules: Message,
    /// What chose the election when the settings or a flag did (`None`:
    /// the files' own dates, or the next election, chose it).
    election_chosen: Option<ChosenBy>,
    /// The settings of the run: the ledger's, or the file named.
    primary: Found,
    /// The settings file read, if there was one.
    settings_file: Option<PathBuf>,
    /// Whether the settings file was named (`--config`,
    /// `$PARRAINAGE_CONFIG`): it then applies to every file.
    settings_named: bool,
    /// The flags that override every settings file.
    overrides: Overrides,
    candidate_flag: Option<String>,
    encoding: Option<crate::ledger::encoding::TextEncoding>,
}

/// What chose a run's election, when the files' own dates did not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChosenBy {
    /// `election` or `first_round` in a settings file.
    Settings,
    /// `--election` or `--first-round`.
    CommandLine,
}

/// The settings of a run's files: the file that holds them, if any, and
/// what they say.
#[derive(Debug, Clone)]
struct Found {
    path: Option<PathBuf>,
    settings: Settings,
    /// Whether they were named rather than found.
    named: bool,
}

/// Reads the settings `path` names, found as `how` says: an error names
/// the file and how it was found.
fn load(path: &Path, how: settings::Found) -> Result<Settings, Failure> {
    match Settings::load(path) {
        Ok(Some(settings)) => Ok(settings),
        Ok(None) => Err(Failure::usage(msg!(NoSuchSettingsFile, path, how.describe()))),
        Err(e) => Err(Failure::usage(msg!(HowFound, Message::from(e), how.describe()))),
    }
}

/// The settings of `ledger`: `--config`, else `$PARRAINAGE_CONFIG`, else
/// `parrainage.toml` found where the ledger is (`settings::find`).
fn settings_of(config: Option<&Path>, ledger: &Path) -> Result<Found, Failure> {
    let named = config
        .map(|p| (p.to_path_buf(), settings::Found::Flag))
        .or_else(|| {
            std::env::var_os("PARRAINAGE_CONFIG")
                .filter(|v| !v.is_empty())
                .map(|v| (PathBuf::from(v), settings::Found::Environment))
        });
    if let Some((path, how)) = named {
        let settings = load(&path, how)?;
        return Ok(Found {
            path: Some(path),
            settings,
            named: true,
        });
    }
    match settings::find(ledger) {
        Some((path, how)) => Ok(Found {
            settings: load(&path, how)?,
            path: Some(path),
            named: false,
        }),
        None => Ok(Found {
            path: None,
            settings: Settings::default(),
            named: false,
        }),
    }
}

impl Context {
    /// The context of a run; `notes` makes the sink of its notes and
    /// warnings, once the language is known.
    pub fn from_args(
        args: &GlobalArgs,
        notes: impl FnOnce(Lang) -> Box<dyn Notes>,
    ) -> Result<Context, Failure> {
        let ledgers = if args.ledgers.is_empty() {
            match std::env::var_os("PARRAINAGE_LEDGER") {
                Some(path) if !path.is_empty() => vec![PathBuf::from(path)],
                _ => vec![PathBuf::from("parrainages.csv")],
            }
        } else {
            args.ledgers.clone()
        };
        let found = settings_of(args.config.as_deref(), &ledgers[0])?;
        let settings = &found.settings;
        let path = found
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(settings::FILE_NAME));
        let overrides = Overrides {
            election: args.election,
            first_round: args.first_round,
        };
        let as_of = args.as_of.unwrap_or_else(today_in_paris);
        // A blank candidate names no one: rows that leave theirs empty
        // then have none, and `add` refuses them as `check` would.
        let candidate = args
            .candidate
            .clone()
            .or(settings.candidate.clone())
            .filter(|name| !name.trim().is_empty());
        // Relative to the settings file, where they are written.
        let beside_settings = |dir: &PathBuf| match path.parent() {
            Some(parent) if dir.is_relative() => parent.join(dir),
            _ => dir.clone(),
        };
        let register = settings.register.as_ref().map(beside_settings);
        let archive = settings.archive.as_ref().map(beside_settings);
        let history = settings.history.iter().flatten().map(beside_settings).collect();
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
            }
        };
        let lang = match (args.lang, &settings.lang) {
            (Some(LangChoice::Fr), _) => Lang::Fr,
            (Some(LangChoice::En), _) => Lang::En,
            (None, Some(code)) => Lang::parse(code)
                .filter(|_| matches!(code.as_str(), "fr" | "en"))
                .ok_or_else(|| Failure::usage(msg!(BadLangSetting, &path, code)))?,
            (None, None) => Lang::from_locale(|name| std::env::var(name).ok()),
        };
        let mut context = Context {
            read: ReadOptions {
                election: Election::default(),
                candidate,
                encoding: args.encoding,
                as_of: None,
                today: Some(today_in_paris()),
                places: false,
            },
            as_of,
            color,
            register,
            history,
            publication_url: settings.publication_url.clone(),
            archive,
            lang,
            lock_timeout: args.lock_timeout.map(lock_timeout).transpose()?,
            notes: notes(lang),
            rules: msg!(NoDatesYet),
            election_chosen: None,
            settings_file: found.path.clone(),
            settings_named: found.named,
            primary: found.clone(),
            overrides,
            candidate_flag: args.candidate.clone(),
            encoding: args.encoding,
            ledgers,
        };
        let (read, rules, chosen) = context.options_under(&found, &context.ledgers.clone())?;
        context.read = read;
        context.rules = rules;
        context.election_chosen = chosen;
        Ok(context)
    }

    /// The context of a run on `ledgers` on the day `as_of`, as the
    /// command line makes it with no other flag: the settings found beside
    /// the first ledger, the election they or the files choose, no colour.
    /// For a program, or a test, that calls the workflows itself.
    pub fn of_ledgers(
        ledgers: Vec<PathBuf>,
        as_of: NaiveDate,
        lang: Lang,
        notes: Box<dyn Notes>,
    ) -> Result<Context, Failure> {
        let args = GlobalArgs {
            ledgers,
            as_of: Some(as_of),
            color: ColorChoice::Never,
            lang: Some(match lang {
                Lang::En => LangChoice::En,
                Lang::Fr => LangChoice::Fr,
            }),
            ..GlobalArgs::default()
        };
        Context::from_args(&args, |_| notes)
    }

    /// The reading options of `paths` under the settings `found`: their
    /// election (the settings' or a flag's, else chosen by the files'
    /// own dates, else the next one), their candidate; the sentence that
    /// says which rules apply and why; and what chose the election, when
    /// the settings or a flag did.
    fn options_under(
        &self,
        found: &Found,
        paths: &[PathBuf],
    ) -> Result<(ReadOptions, Message, Option<ChosenBy>), Failure> {
        let settings = &found.settings;
        let path = found
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(settings::FILE_NAME));
        let chosen = if self.overrides.election.is_some() || self.overrides.first_round.is_some() {
            Some(ChosenBy::CommandLine)
        } else if settings.chooses_election() {
            Some(ChosenBy::Settings)
        } else {
            None
        };
        let (next, all_past) = Election::next_on(self.as_of);
        let mut options = ReadOptions {
            election: Election::default(),
            candidate: self
                .candidate_flag
                .clone()
                .or(settings.candidate.clone())
                .filter(|name| !name.trim().is_empty()),
            encoding: self.encoding,
            as_of: None,
            today: Some(today_in_paris()),
            places: false,
        };
        let (year, why) = match chosen {
            Some(ChosenBy::CommandLine) => (next, msg!(ChosenOnCommandLine)),
            Some(ChosenBy::Settings) => (next, msg!(SetIn, &path)),
            None => match dated(paths, &options) {
                Dated::Publication { year, file } => (year, msg!(ChosenByPublicationDates, file)),
                Dated::Published { day, file } => match Election::collecting_on(day) {
                    Some(year) => (year, msg!(ChosenByLatestPublication, day, file)),
                    None => (next, next_why(self.as_of, all_past)),
                },
                Dated::Claimed { day, file } => match Election::collecting_on(day) {
                    Some(year) => (year, msg!(ChosenByLatestClaim, day, file)),
                    None => (next, next_why(self.as_of, all_past)),
                },
                Dated::Undated => (next, next_why(self.as_of, all_past)),
            },
        };
        options.election = settings
            .election(&self.overrides, &path, year)
            .map_err(Failure::usage)?;
        let election = &options.election;
        // The preset's own account of its dates, unless settings or flags
        // moved them: then the dates that apply, as they are.
        let as_preset = election
            .year
            .and_then(Election::preset)
            .is_some_and(|preset| preset == *election);
        let dates = match election.year.and_then(Election::provenance) {
            Some(dates) if as_preset => dates,
            _ => election.dates(),
        };
        let rules = match election.year {
            Some(year) => msg!(ElectionRules, year.to_string(), why, dates),
            None => msg!(CustomElectionRules, why, dates),
        };
        Ok((options, rules, chosen))
    }

    /// The files and directories every command reads: the ledgers, the
    /// settings, the register, the past publications. `-o` may not name
    /// one of them.
    pub fn reads(&self) -> Vec<PathBuf> {
        let mut reads = self.ledgers.clone();
        reads.extend(self.settings_file.iter().cloned());
        reads.extend(self.register.iter().cloned());
        reads.extend(self.history.iter().cloned());
        reads
    }

    /// Where the output goes: standard output, or `path`, refused if it
    /// is a file the command reads (`reads()` and `more`).
    pub fn output(
        &self,
        path: Option<&std::path::Path>,
        more: &[&std::path::Path],
    ) -> Result<Output, Failure> {
        let mut reads = self.reads();
        reads.extend(more.iter().map(|p| p.to_path_buf()));
        Output::to(path, &reads)
    }

    /// The archive of publications: `flag` (`--archive`), else the
    /// `archive` setting, else `publications/` beside the ledger, else in
    /// the current directory.
    pub fn archive(&self, flag: Option<&Path>) -> PathBuf {
        if let Some(dir) = flag.map(Path::to_path_buf).or_else(|| self.archive.clone()) {
            return dir;
        }
        match self.ledgers.first() {
            Some(ledger) if ledger.exists() => match ledger.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.join(ARCHIVE),
                _ => PathBuf::from(ARCHIVE),
            },
            _ => PathBuf::from(ARCHIVE),
        }
    }

    /// Whether the settings or a flag chose the election.
    pub fn election_is_chosen(&self) -> bool {
        self.election_chosen.is_some()
    }

    /// What chose the election, when the files' dates did not.
    pub fn election_chosen_by(&self) -> Option<ChosenBy> {
        self.election_chosen
    }

    /// Which election's rules apply to the ledgers, and why.
    pub fn rules(&self) -> &Message {
        &self.rules
    }

    /// The reading options for the files `paths`, and the sentence saying
    /// which election's rules apply and why. Each file's settings are
    /// found where it is (SPEC.md): files under different settings that
    /// name different elections cannot be counted together (exit 2,
    /// naming them). With no settings and no `--election`, the files' own
    /// dates choose: a publication's (a 2017 file is judged by the 2017
    /// window), a ledger's latest publication or claim, else the next
    /// election.
    pub fn options_for(&self, paths: &[PathBuf]) -> Result<(ReadOptions, Message), Failure> {
        let groups = self.options_by_settings(paths)?;
        let first = &groups[0];
        for group in &groups[1..] {
            if group.options.election != first.options.election {
                let name = |settings: &Option<PathBuf>| -> Arg {
                    settings
                        .as_ref()
                        .map_or_else(|| msg!(NoSettings).into(), Arg::from)
                };
                let year = |o: &ReadOptions| -> Arg {
                    o.election
                        .year
                        .map_or_else(|| msg!(CustomElection).into(), |y| y.to_string().into())
                };
                return Err(Failure::usage(msg!(
                    SettingsDisagree,
                    &first.files[0],
                    name(&first.settings),
                    year(&first.options),
                    &group.files[0],
                    name(&group.settings),
                    year(&group.options),
                )));
            }
        }
        Ok((first.options.clone(), first.rules.clone()))
    }

    /// The reading options for publications (`import`'s, `diff`'s,
    /// `prospects --publication`): under the run's settings, their own
    /// dates choosing the election when the settings do not.
    pub fn options_for_publication(&self, paths: &[PathBuf]) -> Result<(ReadOptions, Message), Failure> {
        let (options, rules, _) = self.options_under(&self.primary, paths)?;
        Ok((options, rules))
    }

    /// The files `paths` stand for, grouped by the settings each is
    /// under (found where it is, unless one file is named for all), with
    /// the reading options and rules of each group, in order of the first
    /// file of each: what `check` needs to check each file under its own.
    pub fn options_by_settings(&self, paths: &[PathBuf]) -> Result<Vec<SettingsGroup>, Failure> {
        // The ledgers, under the settings the run was started with.
        if paths == self.ledgers.as_slice() && (self.settings_named || self.settings_are_shared(paths)) {
            return Ok(vec![SettingsGroup {
                files: paths.to_vec(),
                options: self.read.clone(),
                rules: self.rules.clone(),
                settings: self.settings_file.clone(),
            }]);
        }
        let mut groups: Vec<(Vec<PathBuf>, Found)> = Vec::new();
        for path in paths {
            let found = if self.settings_named {
                settings_of(self.settings_file.as_deref(), path)?
            } else {
                settings_of(None, path)?
            };
            match groups.iter_mut().find(|(_, f)| f.path == found.path) {
                Some((files, _)) => files.push(path.clone()),
                None => groups.push((vec![path.clone()], found)),
            }
        }
        groups
            .into_iter()
            .map(|(files, found)| {
                let (options, rules, _) = self.options_under(&found, &files)?;
                Ok(SettingsGroup {
                    files,
                    options,
                    rules,
                    settings: found.path,
                })
            })
            .collect()
    }

    /// Whether every path is under the settings of the run.
    fn settings_are_shared(&self, paths: &[PathBuf]) -> bool {
        paths
            .iter()
            .all(|path| settings::find(path).map(|(p, _)| p) == self.settings_file)
    }
}

/// Files of a run under one settings file.
#[derive(Debug)]
pub struct SettingsGroup {
    /// The paths, as given.
    pub files: Vec<PathBuf>,
    pub options: ReadOptions,
    /// Which election's rules apply to them, and why.
    pub rules: Message,
    /// The settings file, if there is one.
    pub settings: Option<PathBuf>,
}

/// Why the next election's rules apply: no settings, no date.
fn next_why(today: NaiveDate, all_past: bool) -> Message {
    if all_past {
        msg!(LatestPresetPast, today)
    } else {
        msg!(NextElection, today)
    }
}

/// `--lock-timeout SECONDS` as a duration, bounded before use: a value no
/// duration holds (`1e20`, a negative one, NaN) is refused, never a panic.
/// More than a year is no timeout anyone means.
fn lock_timeout(seconds: f64) -> Result<std::time::Duration, Failure> {
    const YEAR: f64 = 365.0 * 24.0 * 3600.0;
    match std::time::Duration::try_from_secs_f64(seconds) {
        Ok(duration) if seconds <= YEAR => Ok(duration),
        _ => Err(Failure::usage(msg!(
            LockTimeoutRange,
            seconds.to_string(),
            YEAR.to_string()
        ))),
    }
}

/// Writes to standard output. A closed pipe (`| head`) is not an error;
/// any other failure (a full disk behind `>`) is, with exit 2.
pub fn print(text: &str) -> Result<(), Failure> {
    crate::output::Output::stdout().write(text.as_bytes())
}
