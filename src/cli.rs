//! The command line: flags, help texts and examples.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::ledger::encoding::TextEncoding;

/// The law the tool applies, in short: the help's and the manual's.
pub const RULES: &str = "\
Rules (loi du 6 novembre 1962, art. 3): 500 sponsorships from elected officials of at
least 30 départements or collectivities, at most a tenth (50) of the 500 from any one.
MEPs count in one fictitious unit (EU, Parlement européen) and the representatives of the
French abroad in another (ZZ, Français de l'étranger); each counts towards the 30, a
default the law's text does not settle.";

/// The first commands of a campaign: the help's and the manual's examples.
pub const EXAMPLES: &str = "  parrainage init --candidate 'KAZIB Anasse'
  parrainage add --last-name Dupont --first-name Jean --mandate maire \\
      --circonscription 'Jouy-en-Argonne' --department Meuse
  parrainage check
  parrainage report";

fn after_help() -> String {
    format!("{RULES}\n\nExamples:\n{EXAMPLES}")
}

#[derive(Debug, Parser)]
#[command(
    name = "parrainage",
    version,
    about = "Track the parrainages (sponsorships) of a French presidential candidate",
    after_help = after_help(),
    // `help` is ours, so that `parrainage help --help` works.
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The command line, with `--color` applied to the help and the usage
    /// errors clap prints too (clap honours `NO_COLOR` by itself).
    pub fn parse_args() -> Cli {
        use clap::{CommandFactory, FromArgMatches};
        let mut command = Cli::command().color(help_color(std::env::args_os().skip(1)));
        let matches = command.get_matches_mut();
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut command).exit())
    }
}

/// What `--color` says among `args` (the last one before any `--`), for
/// what clap prints before the arguments are parsed.
fn help_color(args: impl Iterator<Item = std::ffi::OsString>) -> clap::ColorChoice {
    let mut choice = clap::ColorChoice::Auto;
    let mut args = args.map(|arg| arg.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--" => break,
            "--color" => args.next(),
            _ => arg.strip_prefix("--color=").map(str::to_string),
        };
        choice = match value.as_deref() {
            Some("never") => clap::ColorChoice::Never,
            Some("always") => clap::ColorChoice::Always,
            Some("auto") => clap::ColorChoice::Auto,
            _ => choice,
        };
    }
    choice
}

#[derive(Debug, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Ledger file or directory of .csv files (repeatable)
    /// [default: $PARRAINAGE_LEDGER, else ./parrainages.csv]
    #[arg(short, long = "ledger", global = true, value_name = "PATH")]
    pub ledgers: Vec<PathBuf>,

    /// Settings file [default: parrainage.toml beside the ledger]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// What "today" is, YYYY-MM-DD or dd/mm/yyyy [default: today in Europe/Paris]
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_iso_date)]
    pub as_of: Option<NaiveDate>,

    /// Election preset: 2017, 2022 or 2027 [default: the settings', else the one the files' dates point to, else the next whose close is not past]
    #[arg(long, global = true, value_name = "YEAR")]
    pub election: Option<u16>,

    /// First round, YYYY-MM-DD or dd/mm/yyyy; the close is the sixth Friday before, 18:00
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_iso_date)]
    pub first_round: Option<NaiveDate>,

    /// Candidate, `NOM Prénom` (case-, accent- and space-insensitive)
    #[arg(long, global = true, value_name = "NAME", value_parser = bounded_text)]
    pub candidate: Option<String>,

    /// Encoding of the ledger files: utf-8 or windows-1252 [default: detected]
    #[arg(long, global = true, value_name = "NAME")]
    pub encoding: Option<TextEncoding>,

    /// Writers give up (exit 2) if another holds the ledger's lock this long [default: wait]
    #[arg(long, global = true, value_name = "SECONDS")]
    pub lock_timeout: Option<f64>,

    /// When to use colours (NO_COLOR is honoured)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Language of human output [default: `lang` in the settings, else from LC_ALL/LANG, else en]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangChoice>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    /// Français
    Fr,
    /// English
    En,
}

/// A free-text value with the values completions offer: mandate codes,
/// statuses, département codes, civilities. Any text is taken (labels and names too);
/// the command checks it and says what it expected.
#[derive(Debug, Clone, Copy)]
pub struct Offered(fn() -> Vec<&'static str>);

impl TypedValueParser for Offered {
    type Value = String;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(command, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.0)().into_iter().map(PossibleValue::new)))
    }
}

fn mandate_codes() -> Vec<&'static str> {
    crate::rules::Mandate::ALL.iter().map(|m| m.code()).collect()
}

fn status_codes() -> Vec<&'static str> {
    crate::rules::Status::ALL.map(crate::rules::Status::code).to_vec()
}

fn department_codes() -> Vec<&'static str> {
    crate::rules::department::ALL.iter().map(|d| d.code).collect()
}

fn civilities() -> Vec<&'static str> {
    crate::rules::civility::ALL.to_vec()
}

pub const MANDATES: Offered = Offered(mandate_codes);
pub const STATUSES: Offered = Offered(status_codes);
pub const DEPARTMENTS: Offered = Offered(department_codes);
pub const CIVILITIES: Offered = Offered(civilities);

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a ledger with its header, and its settings file
    #[command(after_help = "Example:\n  parrainage init --candidate 'KAZIB Anasse' --election 2022")]
    Init(InitArgs),
    /// Record one sponsorship or promise (refuses an official already in the ledger)
    #[command(after_help = add_help())]
    Add(AddArgs),
    /// Change one entry: its status and dates, or with --set-… a field typed wrong
    #[command(
        after_help = "The entry is chosen by the identity flags; when they fit several rows, narrow with
--mandate, --department, --circonscription, --candidate or --line. A change of who the entry is
(--set-…) is refused if it would make it another entry's duplicate; with a register of elected
officials (--register, or `register` in parrainage.toml), a change that leaves the register is
warned of (not-in-register), as add warns.

Examples:
  parrainage update --last-name Dupont --first-name Jean --status validated --published-on 08/02/2027
  parrainage update --last-name Dupont --first-name Jean --set-mandate 'conseiller départemental'
  parrainage update --last-name Dupont --first-name Jean --line 42 --status withdrawn"
    )]
    Update(UpdateArgs),
    /// Validate ledger files: the CI gate (exit 1 on errors)
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Where the candidate stands: counts, the cap, the window, tables
    #[command(after_help = REPORT_HELP)]
    Report(ReportArgs),
    /// Reconcile the ledger with a publication of the Conseil constitutionnel
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// Whom to ask next: the register's officials not in the ledger nor published
    #[command(after_help = PROSPECTS_HELP)]
    Prospects(ProspectsArgs),
    /// What the register of elected officials holds, per mandate and per département, and where it is incomplete
    #[command(after_help = REGISTER_HELP)]
    Register(RegisterArgs),
    /// Download the current publication and keep it in the archive if it is new
    #[command(after_help = FETCH_HELP)]
    Fetch(FetchArgs),
    /// What changed between two publications, per candidate
    #[command(after_help = DIFF_HELP)]
    Diff(DiffArgs),
    /// Set aside a torn last row (a write that did not finish) and keep every complete row
    #[command(
        after_help = "Under the ledger's lock, moves the torn last row to a side file next to the ledger\n(LEDGER.torn-TIME), named in the output, and cuts the ledger after its last complete row.\n\nExample:\n  parrainage repair"
    )]
    Repair,
    /// Delete one entry's row (an ambiguous selection removes none)
    #[command(after_help = REMOVE_HELP)]
    Remove(RemoveArgs),
    /// The entries of the ledger, filtered, each with its file and line
    #[command(after_help = LIST_HELP)]
    List(ListArgs),
    /// Print shell completions
    #[command(
        after_help = "Examples:\n  parrainage completions bash > ~/.local/share/bash-completion/completions/parrainage\n  parrainage completions zsh > ~/.zfunc/_parrainage\n  parrainage completions fish > ~/.config/fish/completions/parrainage.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff)
    #[command(
        after_help = "Example:\n  parrainage man > ~/.local/share/man/man1/parrainage.1 && man parrainage"
    )]
    Man,
    /// Print the help of the tool or of a command
    #[command(after_help = "Examples:\n  parrainage help\n  parrainage help report")]
    Help(HelpArgs),
}

#[derive(Debug, Args)]
pub struct HelpArgs {
    /// The command whose help to print
    pub command: Option<String>,
}

/// `add`'s long help: the mandate codes come from the table of mandates.
fn add_help() -> String {
    let codes: Vec<&str> = crate::rules::Mandate::ALL.iter().map(|m| m.code()).collect();
    format!(
        "Mandates: {}; the official French labels are read too, in any gendered or inclusive
form (conseillère, conseiller·e, conseiller(e)…).
Ordinary municipal councillors, deputy mayors and community councillors cannot sponsor.

Départements: INSEE code or name (22, 2A, 971, \"Côtes-d'Armor\"), ZZ for the French abroad,
EU for MEPs (MEPs, AFE members and consular presidents need no département).
A mayor's commune is looked up in INSEE's official list of communes, and stored as the list
writes it when typed otherwise (`saint felix de tournegat`: Saint-Félix-de-Tournegat).
With a register of elected officials (--register, or `register` in parrainage.toml), the
official is looked up in it: found, the entry takes the register's spelling of the names,
and its civility and circonscription when they were not typed; not found, a warning
not-in-register names the nearest officials of that mandate there (for a mayor, the mayor
of that commune), and the entry is recorded all the same: the register lags.
Dates: YYYY-MM-DD or dd/mm/yyyy; the ledger stores YYYY-MM-DD.

Examples:
  parrainage add --last-name Dupont --first-name Jean --mandate maire \\
      --circonscription 'Jouy-en-Argonne' --department Meuse
  parrainage add --last-name Durand --first-name Éloïse --mandate 'conseillère départementale' \\
      --department 02 --claimed-on 05/01/2027 --source 'appel du 5 janvier'",
        codes.join(", ")
    )
}

const CHECK_HELP: &str = "\
A mayor's, delegate mayor's or arrondissement mayor's circonscription is looked up among the
places of its département in INSEE's official list of communes (2026): a warning
unknown-commune names the nearest places and the départements where that name is;
ambiguous-commune, a name two places share.

Exit status: 0 no errors, 1 errors (or warnings with --deny-warnings), 2 unreadable input.

Examples (GitHub Actions):
  parrainage check --format github ledger/
  parrainage check --format markdown ledger/ >> \"$GITHUB_STEP_SUMMARY\"";

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the ledger [default: the --ledger path, else ./parrainages.csv]
    pub path: Option<PathBuf>,

    /// Field separator of the new ledger: ',' ';' or 'tab'
    #[arg(long, default_value = ",", value_parser = parse_delimiter)]
    pub delimiter: u8,
}

/// Who the official is: the identity of RULES.md §1.
#[derive(Debug, Args, Clone)]
pub struct IdentityArgs {
    /// Last name, as the official writes it
    #[arg(long, value_parser = bounded_text)]
    pub last_name: String,
    /// First name
    #[arg(long, value_parser = bounded_text)]
    pub first_name: String,
    /// Mandate type code or official label
    #[arg(long, value_parser = MANDATES, hide_possible_values = true)]
    pub mandate: Option<String>,
    /// Département code or name
    #[arg(long, value_parser = DEPARTMENTS, hide_possible_values = true)]
    pub department: Option<String>,
    /// Commune, canton, region, constituency…
    #[arg(long, value_parser = bounded_text)]
    pub circonscription: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub identity: IdentityArgs,
    /// M. or Mme
    #[arg(long, value_parser = CIVILITIES, hide_possible_values = true)]
    pub civility: Option<String>,
    /// claimed, sent, validated, rejected, withdrawn, lost or declined (said no)
    #[arg(long, default_value = "claimed", value_parser = STATUSES, hide_possible_values = true)]
    pub status: String,
    /// Date of the promise, YYYY-MM-DD or dd/mm/yyyy [default: --as-of for a claim]
    #[arg(long, value_name = "DATE", value_parser = parse_flag_date)]
    pub claimed_on: Option<String>,
    /// Date of the official publication, YYYY-MM-DD or dd/mm/yyyy (needed for validated)
    #[arg(long, value_name = "DATE", value_parser = parse_flag_date)]
    pub published_on: Option<String>,
    /// Who recorded it, or where it comes from
    #[arg(long, value_parser = bounded_text)]
    pub source: Option<String>,
    /// Free text
    #[arg(long, value_parser = bounded_text)]
    pub notes: Option<String>,
    /// Look the official up in the register of elected officials (RNE) in DIR
    /// [default: `register` in parrainage.toml, if set]
    #[arg(long, value_name = "DIR")]
    pub register: Option<PathBuf>,
}

/// Which entry `update` and `remove` change.
#[derive(Debug, Args, Clone)]
pub struct SelectArgs {
    #[command(flatten)]
    pub identity: IdentityArgs,
    /// The entry's line in the ledger file, when the identity fits several
    #[arg(long, value_name = "N")]
    pub line: Option<u64>,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    #[command(flatten)]
    pub select: SelectArgs,
    /// The new status: claimed, sent, validated, rejected, withdrawn, lost or declined
    #[arg(long, value_parser = STATUSES, hide_possible_values = true)]
    pub status: Option<String>,
    /// Date of the promise, YYYY-MM-DD or dd/mm/yyyy ('' clears it)
    #[arg(long, value_name = "DATE", value_parser = parse_flag_date)]
    pub claimed_on: Option<String>,
    /// Date of the official publication, YYYY-MM-DD or dd/mm/yyyy ('' clears it)
    #[arg(long, value_name = "DATE", value_parser = parse_flag_date)]
    pub published_on: Option<String>,
    /// Replace the source
    #[arg(long, value_parser = bounded_text)]
    pub source: Option<String>,
    /// Replace the notes
    #[arg(long, value_parser = bounded_text)]
    pub notes: Option<String>,
    /// Correct the last name
    #[arg(long, value_name = "NAME", value_parser = bounded_text)]
    pub set_last_name: Option<String>,
    /// Correct the first name
    #[arg(long, value_name = "NAME", value_parser = bounded_text)]
    pub set_first_name: Option<String>,
    /// Correct the civility (M. or Mme)
    #[arg(long, value_name = "CIVILITY", value_parser = CIVILITIES, hide_possible_values = true)]
    pub set_civility: Option<String>,
    /// Correct the mandate (code or official label)
    #[arg(long, value_name = "MANDATE", value_parser = MANDATES, hide_possible_values = true)]
    pub set_mandate: Option<String>,
    /// Correct the commune, canton, region or constituency
    #[arg(long, value_name = "PLACE", value_parser = bounded_text)]
    pub set_circonscription: Option<String>,
    /// Correct the département (code or name)
    #[arg(long, value_name = "DEPARTMENT", value_parser = DEPARTMENTS, hide_possible_values = true)]
    pub set_department: Option<String>,
    /// Look the changed official up in the register of elected officials (RNE) in DIR
    /// [default: `register` in parrainage.toml, if set]
    #[arg(long, value_name = "DIR")]
    pub register: Option<PathBuf>,
}

const REMOVE_HELP: &str = "\
The entry is chosen by the identity flags, as for update; when they fit several rows (the
same official twice), --line says which. Nothing is removed unless exactly one row fits.

Examples:
  parrainage remove --last-name Dupont --first-name Jean
  parrainage remove --last-name Dupont --first-name Jean --line 42";

const LIST_HELP: &str = "\
Filters combine: an entry is listed if it has one of the statuses, one of the mandates and
one of the départements given, and --search finds its name or place (case, accents,
spaces and hyphens ignored). The candidate is --candidate or the settings'.
--format csv writes ledger rows (with their file and line as two extra columns): the
output is itself a ledger.

Examples:
  parrainage list --status claimed,sent
  parrainage list --search dupont
  parrainage list --department 59 --mandate mayor --format csv -o nord.csv";

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only these statuses (repeatable or comma-separated)
    #[arg(long, value_name = "S", value_delimiter = ',', value_parser = STATUSES, hide_possible_values = true)]
    pub status: Vec<String>,
    /// Only these mandates (code or label; repeatable or comma-separated)
    #[arg(long, value_name = "M", value_delimiter = ',', value_parser = MANDATES, hide_possible_values = true)]
    pub mandate: Vec<String>,
    /// Only these départements (code or name; repeatable or comma-separated)
    #[arg(long, value_name = "D", value_delimiter = ',', value_parser = DEPARTMENTS, hide_possible_values = true)]
    pub department: Vec<String>,
    /// Only entries whose name or place holds TEXT
    #[arg(long, value_name = "TEXT", value_parser = bounded_text)]
    pub search: Option<String>,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Write to FILE rather than to standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    #[command(flatten)]
    pub select: SelectArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Ledger files or directories [default: the ledger]
    pub paths: Vec<PathBuf>,
    /// Output format (`human` is read as `table`)
    #[arg(short = 'f', long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
    /// Write to FILE rather than to standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// With --format github: annotate at most N problems, then say how many more
    /// there are (each still written to the log) [default: 50; 0: no limit]
    #[arg(long, value_name = "N")]
    pub max_annotations: Option<usize>,
    /// Also look each entry up in the register of elected officials (RNE) in DIR
    /// [default: `register` in parrainage.toml, if set]
    #[arg(long, value_name = "DIR")]
    pub register: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    #[value(alias = "human")]
    Table,
    Json,
    /// Workflow annotations, at most --max-annotations of them
    Github,
    /// The counts by code and the problems, for a CI job summary
    Markdown,
}

const REPORT_HELP: &str = "\
The candidate is --candidate, else the settings' candidate, else the ledger's only one;
with several candidates and none chosen (or --all), a ranking of them all.
Usable = validated sponsorships counted at most 50 per département; the pace needed is
per day from --as-of to the close, the close day included.
Exit status: 0 printed, 1 rows that cannot be read (run `parrainage check`), 2 unreadable
input or unknown candidate.

Examples:
  parrainage report
  parrainage report --by department,date --format markdown >> \"$GITHUB_STEP_SUMMARY\"
  parrainage report --all --ledger cc-2022-parrainages.csv --format json
  parrainage report --format html -o parrainages.html
  parrainage --as-of 2022-02-10 report --all --since 2022-02-08   # what that publication changed";

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Every candidate of the ledger: the ranking (and, in JSON, each one's details)
    #[arg(long)]
    pub all: bool,
    /// Sections to print: mandate, department, date, candidate (repeatable or comma-separated)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "SECTION")]
    pub by: Vec<Section>,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Also show what changed after DATE: the sponsorships published since
    #[arg(long, value_name = "DATE", value_parser = parse_iso_date)]
    pub since: Option<NaiveDate>,
    /// Write the report to FILE rather than to standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// A table of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Section {
    /// By mandate type
    Mandate,
    /// By département
    Department,
    /// By publication date, cumulative
    Date,
    /// A ranking of every candidate
    Candidate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
    Markdown,
    /// One self-contained page: inline SVG charts, no script, nothing fetched
    Html,
}

const IMPORT_HELP: &str = "\
Claims published for the candidate become validated with the publication date; published
sponsors missing from the ledger are added as validated; claims published for another
candidate become lost. Anomalies and matches to review are listed; nothing is guessed.
Reads the 2017 and 2022 formats. Importing the same file twice changes nothing.

Examples:
  parrainage import cc-2022-02-15.csv --dry-run
  parrainage import cc-2022-02-15.csv --candidate 'KAZIB Anasse' --format json";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The publication: the Conseil constitutionnel's CSV or JSON (2017 or 2022 format), or an
    /// archive of them (its latest file)
    #[arg(value_name = "OFFICIAL.csv")]
    pub publication: PathBuf,
    /// Show what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import the rows that can be read and list the others (without it,
    /// one unreadable row stops the import, and nothing is written)
    #[arg(long)]
    pub skip_unreadable: bool,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = ImportFormat::Table)]
    pub format: ImportFormat,
    /// Write to FILE rather than to standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Table,
    Json,
}

const PROSPECTS_HELP: &str = "\
Reads the register of elected officials (RNE): a directory of its CSV files, as
data.gouv.fr publishes them (--register, or `register` in parrainage.toml). Lists every
eligible official who is neither in the ledger (whatever the status, declined included)
nor published for any candidate in the publications given, one row per person, ranked by
what each would add for the candidate: first départements not yet reached (towards 30),
then départements under the cap of 50, then the rest. Reached and under the cap count the
candidate's live entries (claimed, sent, validated). A ledger or published row that fits
two homonyms excludes neither: both stay, marked maybe taken.

Within each rank, in this order: those who sponsored one of the --prefer candidates in
the --history files, then those who sponsored anyone, then the rest; then the
départements where the candidate is furthest from the cap; then by département and name.
--history takes past publications (2017 or 2022, CSV or JSON; or the `history` setting):
a row is a person of the register when the last names are the same, the first names
agree (the fewer are the first of the others) and the row's département is one of the
person's; a row that fits two persons, or a person two officials of one file, goes to
nobody. A person whose unit the register does not say (Assemblée de Corse, the Alsace
section) is ranked by the best of the units they may count in, written 2A|2B or 67|68.

Examples:
  parrainage prospects --register rne/ --publication cc-2022-02-15.csv --limit 50
  parrainage prospects --history cc-2017.csv cc-2022.csv --prefer 'KAZIB Anasse,POUTOU Philippe'
  parrainage prospects --department 59 --format csv -o appels-nord.csv";

#[derive(Debug, Args)]
pub struct ProspectsArgs {
    /// The register's directory [default: `register` in parrainage.toml]
    #[arg(long, value_name = "DIR")]
    pub register: Option<PathBuf>,
    /// A publication of the Conseil constitutionnel, or an archive of them (its latest file):
    /// whoever it lists is taken (repeatable)
    #[arg(long, value_name = "FILE")]
    pub publication: Vec<PathBuf>,
    /// Past publications (2017 or 2022, CSV or JSON): who they list sponsored before
    /// [default: `history` in parrainage.toml]
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub history: Vec<PathBuf>,
    /// Within each rank, the past sponsors of these candidates first ('NOM Prénom';
    /// repeatable or comma-separated)
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    pub prefer: Vec<String>,
    /// Only officials of these départements (code or name; repeatable or comma-separated)
    #[arg(long, value_name = "D", value_delimiter = ',', value_parser = DEPARTMENTS, hide_possible_values = true)]
    pub department: Vec<String>,
    /// Only these mandates (code or label; repeatable or comma-separated)
    #[arg(long, value_name = "M", value_delimiter = ',', value_parser = MANDATES, hide_possible_values = true)]
    pub mandate: Vec<String>,
    /// At most N rows
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Write to FILE rather than to standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Go on past register rows that cannot be read, and count them
    #[arg(long)]
    pub skip_unreadable: bool,
}

const REGISTER_HELP: &str = "\
Reads the register of elected officials (RNE), as prospects does, and says what it holds:
the mandates that may sponsor, per mandate and per département, and how complete it is.
Per département, the mayors it holds are compared with the communes of INSEE's official
list (2026), and, when it has the EPCI file, the EPCI presidents with the EPCI: a
département where it holds under 95% is named in a warning, and `missing` where it holds
no mayor at all.

Examples:
  parrainage register --register rne/
  parrainage register --format csv -o rne-par-departement.csv";

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// The register's directory [default: `register` in parrainage.toml]
    #[arg(long, value_name = "DIR")]
    pub register: Option<PathBuf>,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Write to FILE rather than to standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Go on past register rows that cannot be read, and count them
    #[arg(long)]
    pub skip_unreadable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
}

const FETCH_HELP: &str = "\
The address is URL, else `publication_url` in parrainage.toml, else the election preset's
(2022: the Conseil constitutionnel's parrainagestotal.csv; 2027: the same address for 2027,
a guess until the site opens). The body is stored only once it reads as a publication, every
row of it, and only if it differs from the archive's latest file; names sort by time: the
latest publication date in the file, then the download time (2027-02-16T1730.csv). A server
that gave an ETag or Last-Modified is asked only for a change. Network errors and 5xx
answers are tried again, waiting 1 s, 2 s, 4 s… between attempts.
With --import, the archive's latest publication is then imported into the ledger, as
`parrainage import` does (under the ledger's lock; importing it again changes nothing).
Exit status: 0 stored or unchanged, 1 the import found errors, 2 nothing could be fetched
or stored.

Examples:
  parrainage fetch
  parrainage fetch --import --format json
  parrainage fetch https://presidentielle2027.conseil-constitutionnel.fr/telechargement/parrainagestotal.json";

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The publication's address [default: `publication_url` in parrainage.toml, else the preset's]
    pub url: Option<String>,
    /// The archive's directory [default: `archive` in parrainage.toml, else publications/ beside the ledger]
    #[arg(long, value_name = "DIR")]
    pub archive: Option<PathBuf>,
    /// Then import the archive's latest publication into the ledger
    #[arg(long)]
    pub import: bool,
    /// Give up an attempt after this long, the body included
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = parse_seconds)]
    pub timeout: std::time::Duration,
    /// Attempts after the first one, on a network error or a 5xx answer (0 to 10)
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = ImportFormat::Table)]
    pub format: ImportFormat,
}

const DIFF_HELP: &str = "\
Per candidate: the sponsorships added and removed (the Conseil has withdrawn published rows
before), the départements newly reached, and whether the candidate qualified before and
after. OLD and NEW are publications, or archives (each standing for its latest file). With
--since DATE and one archive (or none: the `archive` setting, else publications/ beside the
ledger), the archive's latest file on or before DATE is compared with its latest file.
The candidate is --candidate, else the settings' candidate: then only that candidate is
shown, with the officials added and removed; --all shows every candidate.

Examples:
  parrainage diff publications/2022-02-10T1800.csv publications/2022-02-15T1800.csv
  parrainage diff --since 2022-02-10 --format markdown >> \"$GITHUB_STEP_SUMMARY\"
  parrainage diff --since 2022-02-10 --candidate 'KAZIB Anasse' --format json";

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier publication, or with --since the archive
    #[arg(value_name = "OLD")]
    pub old: Option<PathBuf>,
    /// The later publication
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,
    /// Compare the archive's latest file on or before DATE with its latest file
    #[arg(long, value_name = "DATE", value_parser = parse_iso_date)]
    pub since: Option<NaiveDate>,
    /// Every candidate, even when the settings name one
    #[arg(long)]
    pub all: bool,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    /// Write to FILE rather than to standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
    Markdown,
    Csv,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell
    pub shell: clap_complete::Shell,
}

/// A value typed in a flag, refused when it is longer than any ledger
/// value may be (rather than refused later as if the file were broken).
fn bounded_text(text: &str) -> Result<String, String> {
    let limit = crate::ledger::read::MAX_FIELD_BYTES;
    if text.len() > limit {
        return Err(format!(
            "the value is {} bytes long; no ledger value needs more than {limit}",
            text.len()
        ));
    }
    Ok(text.to_string())
}

/// A day typed in a flag. Clap says a refused value in English, as it
/// says its own errors: these are the words `render::words` gives the
/// same reasons in English (`tests/test_cli.rs` holds them equal).
fn parse_iso_date(text: &str) -> Result<NaiveDate, String> {
    use crate::rules::election::DayProblem;
    crate::rules::election::parse_day(text).map_err(|not| {
        let text = not.text;
        match not.why {
            DayProblem::Form => format!("`{text}` is not a date: write YYYY-MM-DD or dd/mm/yyyy"),
            DayProblem::ShortYear => format!("`{text}` is not a date: the year takes four digits"),
            DayProblem::NoSuchMonth(month) => format!("`{text}` is not a date: there is no month {month}"),
            DayProblem::NoSuchDay { day, month, year } => {
                format!("`{text}` is not a date: there is no day {day} in month {month} of {year}")
            }
        }
    })
}

/// A date typed in a flag, as the ledger stores it (YYYY-MM-DD); empty
/// stays empty (it clears a date).
fn parse_flag_date(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Ok(String::new());
    }
    parse_iso_date(text).map(|day| day.format("%Y-%m-%d").to_string())
}

/// A number of seconds, from a millisecond to a day.
fn parse_seconds(text: &str) -> Result<std::time::Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(seconds) if (0.001..=86_400.0).contains(&seconds) => {
            Ok(std::time::Duration::from_secs_f64(seconds))
        }
        _ => Err(format!(
            "`{text}` is not a number of seconds between 0.001 and 86400"
        )),
    }
}

fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ => Err(format!("`{text}` is not a separator: use ',', ';' or 'tab'")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clap says a refused day in English with the words `render::words`
    /// gives the same reason.
    #[test]
    fn a_refused_day_is_said_as_render_says_it() {
        use crate::lang::Lang;
        use crate::message::Message;
        use crate::render::words::say;
        use crate::rules::election::read_day;
        for text in ["tomorrow", " 999-01-01", "2022-13-01", "2022-02-30"] {
            let reason = read_day(text).expect_err(text);
            let said = say(&Message::from(reason), Lang::En);
            assert_eq!(parse_iso_date(text).expect_err(text), said);
        }
    }
}
