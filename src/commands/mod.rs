//! One module per command: each parses nothing itself (see `cli`), does its
//! work through `ledger` and `rules`, and returns an exit outcome.

pub mod add;
pub mod check;
pub mod completions;
pub mod diff;
pub mod fetch;
pub mod import;
pub mod init;
pub mod list;
pub mod prospects;
pub mod register;
pub mod remove;
pub mod repair;
pub mod report;
pub mod update;

use std::process::ExitCode;

use crate::cli::{Cli, Command, LangChoice};
use crate::context::{Context, Outcome};
use crate::lang::Lang;
use crate::render;

/// Runs the command line: builds the context, dispatches to the command,
/// and says a failure (in the run's language) with its exit code.
pub fn run(cli: &Cli) -> ExitCode {
    // The language of a failure before the settings are read: the flag's,
    // else the locale's.
    let mut lang = match cli.global.lang {
        Some(LangChoice::Fr) => Lang::Fr,
        Some(LangChoice::En) => Lang::En,
        None => Lang::from_locale(|name| std::env::var(name).ok()),
    };
    let outcome = match &cli.command {
        // Completions need no ledger and no settings.
        Command::Completions(args) => completions::run(args),
        Command::Man => completions::man(),
        Command::Help(args) => completions::help(args),
        command => Context::from_args(&cli.global, |lang| Box::new(render::notes::Stderr { lang })).and_then(
            |context| {
                lang = context.lang;
                dispatch(command, &context)
            },
        ),
    };
    match outcome {
        Ok(exit) => exit.into(),
        Err(failure) => {
            render::notes::failure(&failure, lang);
            ExitCode::from(failure.exit_code())
        }
    }
}

fn dispatch(command: &Command, context: &Context) -> Outcome {
    match command {
        Command::Init(args) => init::run(args, context),
        Command::Add(args) => add::run(args, context),
        Command::Update(args) => update::run(args, context),
        Command::Remove(args) => remove::run(args, context),
        Command::List(args) => list::run(args, context),
        Command::Check(args) => check::run(args, context),
        Command::Report(args) => report::run(args, context),
        Command::Import(args) => import::run(args, context),
        Command::Prospects(args) => prospects::run(args, context),
        Command::Register(args) => register::run(args, context),
        Command::Fetch(args) => fetch::run(args, context),
        Command::Diff(args) => diff::run(args, context),
        Command::Repair => repair::run(context),
        Command::Completions(args) => completions::run(args),
        Command::Man => completions::man(),
        Command::Help(args) => completions::help(args),
    }
}

/// The identity flags, as the workflows take them.
fn identity(args: &crate::cli::IdentityArgs) -> crate::ops::select::Identity {
    crate::ops::select::Identity {
        last_name: args.last_name.clone(),
        first_name: args.first_name.clone(),
        mandate: args.mandate.clone(),
        department: args.department.clone(),
        circonscription: args.circonscription.clone(),
    }
}
