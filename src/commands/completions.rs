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

/// `parrainage man`: one manual page, in roff, from the same help texts:
/// the tool, its global options, then every command with its own options
/// and examples (one page rather than a page per command, which `man`
/// would not find unless each were installed).
pub fn man() -> Outcome {
    let failed = |e: std::io::Error| Failure::usage(format!("cannot write the manual page: {e}"));
    let mut command = Cli::command();
    command.build();
    let page = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    page.render_title(&mut out).map_err(failed)?;
    page.render_name_section(&mut out).map_err(failed)?;
    page.render_synopsis_section(&mut out).map_err(failed)?;
    page.render_description_section(&mut out).map_err(failed)?;
    page.render_options_section(&mut out).map_err(failed)?;
    for sub in command.get_subcommands() {
        // Each command's own options; the global ones are above.
        let own = sub
            .clone()
            .mut_args(|arg| if arg.is_global_set() { arg.hide(true) } else { arg });
        let sub_page = clap_mangen::Man::new(own.clone());
        let mut part = Vec::new();
        sub_page.render_synopsis_section(&mut part).map_err(failed)?;
        sub_page.render_options_section(&mut part).map_err(failed)?;
        if own.get_after_help().is_some() || own.get_after_long_help().is_some() {
            sub_page.render_extra_section(&mut part).map_err(failed)?;
        }
        let about = own.get_about().map(|a| a.to_string()).unwrap_or_default();
        out.extend(format!(".SH \"COMMAND: {}\"\n{}\n", own.get_name().to_uppercase(), about).into_bytes());
        // Its sections become subsections of the command's.
        for line in String::from_utf8_lossy(&part).lines() {
            // The string definitions each part repeats are made once, at
            // the top of the page.
            if line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq") {
                continue;
            }
            let line = match line.strip_prefix(".SH ") {
                Some("EXTRA") => ".SS \"NOTES AND EXAMPLES\"".to_string(),
                Some(title) => format!(".SS {title}"),
                None => line.to_string(),
            };
            out.extend(line.into_bytes());
            out.push(b'\n');
        }
    }
    page.render_extra_section(&mut out).map_err(failed)?;
    page.render_version_section(&mut out).map_err(failed)?;
    let page = String::from_utf8_lossy(&out).replace(".SH EXTRA", ".SH \"RULES AND EXAMPLES\"");
    print(&title_first(&page))?;
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
