//! What the tool says about itself: shell completions, the manual page,
//! and `help`.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, HelpArgs};
use crate::context::{Exit, Failure, Outcome, print};

/// `parrainage completions SHELL`: a completion script, which offers the
/// values of `--mandate`, `--status`, `--department`, `--format` and `--lang`.
pub fn run(args: &CompletionsArgs) -> Outcome {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "parrainage", &mut out);
    print(&String::from_utf8_lossy(&out))?;
    Ok(Exit::Success)
}

/// `parrainage man`: the manual page, in roff, from the same help texts.
pub fn man() -> Outcome {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Failure::usage(format!("cannot write the manual page: {e}")))?;
    print(&title_first(&String::from_utf8_lossy(&out)))?;
    Ok(Exit::Success)
}

/// The page with its `.TH` title line first, as `man` and `file` expect a
/// page to start; the string definitions clap_mangen puts before it work
/// as well after it.
fn title_first(page: &str) -> String {
    let Some(title) = page.lines().find(|l| l.starts_with(".TH ")) else {
        return page.to_string();
    };
    let mut out = format!("{title}\n");
    for line in page.lines().filter(|l| *l != title) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `parrainage help [COMMAND]`: the long help of the tool or a command.
pub fn help(args: &HelpArgs) -> Outcome {
    let mut command = Cli::command();
    command.build();
    let help = match &args.command {
        None => command.render_long_help(),
        Some(name) => match command.find_subcommand_mut(name) {
            Some(sub) => sub.render_long_help(),
            None => {
                let names: Vec<String> = command
                    .get_subcommands()
                    .map(|c| c.get_name().to_string())
                    .collect();
                return Err(Failure::usage(format!(
                    "`{name}` is not a command: the commands are {}",
                    names.join(", ")
                )));
            }
        },
    };
    print(&help.to_string())?;
    Ok(Exit::Success)
}
