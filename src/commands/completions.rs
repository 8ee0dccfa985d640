//! `parrainage completions SHELL`: shell completion scripts.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::context::{Exit, Outcome};

pub fn run(args: &CompletionsArgs) -> Outcome {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "parrainage", &mut out);
    crate::context::print(&String::from_utf8_lossy(&out))?;
    Ok(Exit::Success)
}
