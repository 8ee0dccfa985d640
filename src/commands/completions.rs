//! What the tool says about itself: shell completions, the manual page,
//! and `help`.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionsArgs, HelpArgs};
use crate::context::{Exit, Failure, Outcome, print};

/// `parrainage completions SHELL`: a completion script, which offers the
/// values of `--mandate`, `--status`, `--department`, `--civility`,
/// `--format` and `--lang`, and in bash, zsh and fish each value of a
/// comma-separated list (`--status claimed,<TAB>`).
pub fn run(args: &CompletionsArgs) -> Outcome {
    let mut command = Cli::command();
    command.build();
    let lists = comma_lists(&command);
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "parrainage", &mut out);
    let script = String::from_utf8_lossy(&out);
    let script = match args.shell {
        Shell::Bash => patch_lists(&script, &lists, BASH),
        Shell::Zsh => patch_lists(&script, &lists, ZSH),
        Shell::Fish => patch_lists(&script, &lists, FISH),
        _ => script.into_owned(),
    };
    print(&script)?;
    Ok(Exit::Success)
}

/// An option of a command that takes a comma-separated list of values.
struct CommaList {
    command: String,
    long: String,
    values: Vec<String>,
}

fn comma_lists(command: &clap::Command) -> Vec<CommaList> {
    let mut lists = Vec::new();
    for sub in command.get_subcommands() {
        for arg in sub.get_arguments() {
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect();
            if let (Some(','), Some(long), false) =
                (arg.get_value_delimiter(), arg.get_long(), values.is_empty())
            {
                lists.push(CommaList {
                    command: sub.get_name().to_string(),
                    long: long.to_string(),
                    values,
                });
            }
        }
    }
    lists
}

/// How one shell's script completes a list: clap_complete completes one
/// value per option, so what it writes for each list option is replaced by
/// a call to a helper of ours, which keeps the values typed up to the last
/// comma and completes the one after it.
struct ListPatch {
    /// The helper, put before the script.
    helper: &'static str,
    /// The command whose options the lines from here on are, if `line`
    /// starts its block.
    block: fn(&str) -> Option<&str>,
    /// `line`, in the block of `list.command`, rewritten to complete
    /// `list`, if it is where that option's values start.
    rewrite: fn(line: &str, list: &CommaList) -> Option<String>,
    /// Whether `line` ends what a rewritten line started (values with a
    /// description are written one a line).
    ends: fn(line: &str) -> bool,
}

/// The script with each list option's values completed by `patch`.
fn patch_lists(script: &str, lists: &[CommaList], patch: ListPatch) -> String {
    let mut out = String::from(patch.helper);
    let mut block = "";
    let mut lines = script.lines();
    while let Some(line) = lines.next() {
        if let Some(name) = (patch.block)(line) {
            block = name;
        }
        let rewritten = lists
            .iter()
            .filter(|list| list.command == block)
            .find_map(|list| (patch.rewrite)(line, list));
        match rewritten {
            Some(rewritten) => {
                out.push_str(&rewritten);
                // The lines of the values replaced go too.
                if !(patch.ends)(line) {
                    lines.by_ref().find(|next| (patch.ends)(next));
                }
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    // tests/test_cli.rs checks that every list option is found, in every shell.
    out
}

/// bash: in each command's `case "${prev}"`, the `compgen` of the option's
/// values.
const BASH: ListPatch = ListPatch {
    helper: r#"# The values of a comma-separated list (`--status claimed,<TAB>`): those
# typed are kept, the one after the last comma is completed.
_parrainage_comma_list() {
    local typed="" last="${cur}"
    if [[ "${cur}" == *,* ]]; then
        typed="${cur%,*},"
        last="${cur##*,}"
    fi
    COMPREPLY=($(compgen -P "${typed}" -W "$1" -- "${last}"))
}

"#,
    block: |line| {
        line.strip_prefix("        parrainage__subcmd__")?
            .strip_suffix(')')
    },
    rewrite: |line, list| {
        let values = list.values.join(" ");
        (line.trim() == format!(r#"COMPREPLY=($(compgen -W "{values}" -- "${{cur}}"))"#))
            .then(|| format!(r#"                    _parrainage_comma_list "{values}""#))
    },
    ends: |_| true,
};

/// zsh: in each command's `_arguments`, the spec of `*--status=`, whose
/// values `_values -s ,` completes as a list.
const ZSH: ListPatch = ListPatch {
    helper: "",
    block: |line| line.strip_prefix('(')?.strip_suffix(')'),
    rewrite: |line, list| {
        let start = format!("'*--{}=[", list.long);
        let rest = line.strip_prefix(&start)?;
        // The help ends at the first `]:` that is not escaped.
        let end = (1..rest.len()).find(|&i| {
            rest.is_char_boundary(i) && rest[i..].starts_with("]:") && !rest[..i].ends_with('\\')
        })?;
        let help = &rest[..end];
        let name = rest[end + 2..].split(':').next()?;
        Some(format!(
            "{start}{help}]:{name}:_values -s , {name} {}' \\",
            list.values.join(" ")
        ))
    },
    ends: |line| line.ends_with("' \\"),
};

/// fish: the `complete` line of each list option, whose values come from
/// our function, each after the values already typed.
const FISH: ListPatch = ListPatch {
    helper: r#"# The values of a comma-separated list (`--status claimed,<TAB>`): those
# typed are kept, the one after the last comma is completed.
function __fish_parrainage_comma_list
    set -l token (commandline -ct | string replace -r -- '^--[^=]*=' '')
    set -l typed (string match -r -- '^.*,' $token)
    for value in $argv
        printf '%s%s\n' "$typed" $value
    end
end

"#,
    block: |line| {
        let rest = line.strip_prefix("complete -c parrainage -n \"__fish_parrainage_using_subcommand ")?;
        rest.split_once('"').map(|(name, _)| name)
    },
    rewrite: |line, list| {
        if !line.contains(&format!("\" -l {} ", list.long)) {
            return None;
        }
        let (head, _) = line.split_once(" -a \"")?;
        Some(format!(
            "{head} -a \"(__fish_parrainage_comma_list {})\"",
            list.values.join(" ")
        ))
    },
    ends: |line| line.ends_with('"'),
};

/// `parrainage man`: one manual page, in roff, from the same help texts:
/// the tool, its global options, then every command with its own options
/// and examples (one page rather than a page per command, which `man`
/// would not find unless each were installed).
pub fn man() -> Outcome {
    let failed = |e: std::io::Error| Failure::usage(crate::msg!(CannotWriteManual, e.to_string()));
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
    out.extend(page_sections().into_bytes());
    page.render_version_section(&mut out).map_err(failed)?;
    print(&title_first(&String::from_utf8_lossy(&out)))?;
    Ok(Exit::Success)
}

/// How the tool ends.
const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Success; for check, no errors (warnings pass unless --deny-warnings is given).",
    ),
    (
        "1",
        "The data has errors: check found errors (or warnings, with --deny-warnings); add or \
         update refused an entry; report or import met rows it cannot read.",
    ),
    (
        "2",
        "A usage error or input that cannot be used: an unknown flag or value, a missing or \
         unreadable file, a settings file that cannot be read, a candidate the ledger does not \
         hold, a lock not taken within --lock-timeout.",
    ),
];

/// What the tool reads from its environment.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "PARRAINAGE_LEDGER",
        "The ledger file or directory when no --ledger is given (else ./parrainages.csv). \
         An empty value is ignored.",
    ),
    (
        "PARRAINAGE_CONFIG",
        "The settings file to use, as --config names one; --config wins.",
    ),
    (
        "PARRAINAGE_THREADS",
        "How many threads read a large file side by side (default: one a core, at most 64). \
         A value that is not a whole number above 0 is ignored.",
    ),
    (
        "PARRAINAGE_PART_BYTES",
        "The least size, in bytes, of a part when a large file is read in parts, one a thread \
         (default 4194304, 4 MiB): a file under twice this size is read in one part. \
         A value that is not a whole number above 0 is ignored.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour with --color auto (the default), in the output and \
         in the help.",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "The language of human output when neither --lang nor `lang` in the settings says: the \
         first of them that is set and not empty decides, French if it starts with fr \
         (fr_FR.UTF-8), else English.",
    ),
];

/// The files the tool reads and leaves.
const FILES: &[(&str, &str)] = &[
    (
        "parrainages.csv",
        "The ledger, in the current directory unless --ledger or $PARRAINAGE_LEDGER names \
         another; a ledger may be a directory, whose *.csv files are read as one ledger.",
    ),
    (
        "parrainage.toml",
        "The settings (candidate, election, opens, closes, first_round, threshold, \
         min_departments, max_share, register, lang). Found in this order: --config, else \
         $PARRAINAGE_CONFIG, else parrainage.toml beside the ledger file (or in the ledger \
         directory), else in its parent directories up to the repository root, else in the \
         current directory.",
    ),
    (
        ".LEDGER.parrainage-*.tmp",
        "Left beside the ledger by a rewrite (update, remove, import) that was killed; the \
         next writer removes it.",
    ),
    (
        "LEDGER.torn-TIME",
        "A torn last row (a write that did not finish), set aside by parrainage repair.",
    ),
];

/// Examples beyond the help's first steps: CI, another ledger, a past day.
const MORE_EXAMPLES: &str = "  parrainage check --format github ledger/
  parrainage check --format markdown ledger/ >> \"$GITHUB_STEP_SUMMARY\"
  PARRAINAGE_LEDGER=team/ parrainage list --status claimed,sent
  parrainage --as-of 2022-02-10 report --all --ledger cc-2022-parrainages.csv
  parrainage man > ~/.local/share/man/man1/parrainage.1";

/// The manual's own sections, after the commands: the rules, exit status,
/// environment, files, examples, and where to read more.
fn page_sections() -> String {
    let mut out = String::new();
    out.push_str(&heading("RULES"));
    out.push_str(&roff_text(&crate::cli::RULES.replace('\n', " ")));
    out.push('\n');
    for (title, items) in [
        ("EXIT STATUS", EXIT_STATUS),
        ("ENVIRONMENT", ENVIRONMENT),
        ("FILES", FILES),
    ] {
        out.push_str(&heading(title));
        for (term, text) in items {
            out.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{}\n",
                roff_text(term),
                roff_text(text)
            ));
        }
    }
    out.push_str(&heading("EXAMPLES"));
    out.push_str(".PP\n.RS 4\n.nf\n");
    for line in crate::cli::EXAMPLES.lines().chain(MORE_EXAMPLES.lines()) {
        out.push_str(&roff_text(line.strip_prefix("  ").unwrap_or(line)));
        out.push('\n');
    }
    out.push_str(".fi\n.RE\n");
    out.push_str(&heading("SEE ALSO"));
    out.push_str(&format!(
        "{}\n",
        roff_text(&format!(
            "README.md in the source, which says how to set up CI (the pre-commit hook and the \
             GitHub Action) and what happens on bad input: {}. \
             The publications of the Conseil constitutionnel (presidentielle2022.conseil-constitutionnel.fr) \
             and the Répertoire national des élus (data.gouv.fr), which the tool reads.",
            env!("CARGO_PKG_REPOSITORY")
        ))
    ));
    out
}

/// A section's heading, quoted when it has a space, as clap_mangen writes them.
fn heading(title: &str) -> String {
    if title.contains(' ') {
        format!(".SH \"{title}\"\n")
    } else {
        format!(".SH {title}\n")
    }
}

/// Text for a roff page: backslashes and hyphens escaped, and no line
/// starting with a control character.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    match escaped.chars().next() {
        Some('.' | '\'') => format!("\\&{escaped}"),
        _ => escaped,
    }
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
                return Err(Failure::usage(crate::msg!(NotACommand, name, names.join(", "))));
            }
        },
    };
    print(&help.to_string())?;
    Ok(Exit::Success)
}
