//! `parrainage`: track the sponsorships of a French presidential candidate.
//!
//! `main` parses the command line and hands it to `commands::run`, which
//! builds the context, dispatches, and says a failure, whose kind decides
//! the exit code.

use std::process::ExitCode;

use parrainage::cli::Cli;
use parrainage::commands;

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
    commands::run(&cli)
}
