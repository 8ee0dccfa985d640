//! `parrainage`: track the sponsorships of a French presidential candidate.
//!
//! `main` parses the command line, builds the context and dispatches to
//! `commands/`; a failure is printed and decides the exit code.

use std::process::ExitCode;

use parrainage::cli::{Cli, Command};
use parrainage::commands;
use parrainage::context::{self, Context};

fn main() -> ExitCode {
    // A file-size limit (`ulimit -f`) must fail a write, which is then
    // undone, rather than kill the process half-way through it.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to "ignore" before any other
    // thread exists; no handler code runs.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = Cli::parse_args();
    let outcome = match &cli.command {
        // Completions need no ledger and no settings.
        Command::Completions(args) => commands::completions::run(args),
        Command::Man => commands::completions::man(),
        Command::Help(args) => commands::completions::help(args),
        command => Context::from_args(&cli.global).and_then(|context| dispatch(command, &context)),
    };
    match outcome {
        Ok(exit) => exit.into(),
        Err(failure) => {
            for message in failure.messages() {
                eprintln!("parrainage: error: {message}");
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

fn dispatch(command: &Command, context: &Context) -> context::Outcome {
    match command {
        Command::Init(args) => commands::init::run(args, context),
        Command::Add(args) => commands::add::run(args, context),
        Command::Update(args) => commands::update::run(args, context),
        Command::Remove(args) => commands::remove::run(args, context),
        Command::List(args) => commands::list::run(args, context),
        Command::Check(args) => commands::check::run(args, context),
        Command::Report(args) => commands::report::run(args, context),
        Command::Import(args) => commands::import::run(args, context),
        Command::Prospects(args) => commands::prospects::run(args, context),
        Command::Register(args) => commands::register::run(args, context),
        Command::Fetch(args) => commands::fetch::run(args, context),
        Command::Diff(args) => commands::diff::run(args, context),
        Command::Repair => commands::repair::run(context),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man => commands::completions::man(),
        Command::Help(args) => commands::completions::help(args),
    }
}
