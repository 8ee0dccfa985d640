//! The command line itself: help, the manual page, completions, and the
//! flags every command shares.

mod common;

use common::{HEADER, Workdir};
use predicates::prelude::*;

#[test]
fn help_has_its_own_help_and_global_options_their_own_heading() {
    let wd = Workdir::new();
    wd.cmd()
        .args(["help", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage: parrainage help"));
    wd.cmd()
        .args(["help", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--search"));
    wd.cmd()
        .args(["help", "nosuch"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the commands are"));
    let output = wd.cmd().args(["add", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    let (own, global) = help
        .split_once("Global options:")
        .expect("a Global options heading");
    assert!(own.contains("--last-name") && !own.contains("--ledger"), "{help}");
    assert!(global.contains("--ledger") && global.contains("--lang"), "{help}");
    // Every command's long help has examples.
    for command in [
        "init",
        "add",
        "update",
        "remove",
        "list",
        "check",
        "report",
        "import",
        "prospects",
        "repair",
        "completions",
        "man",
        "help",
    ] {
        wd.cmd()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
}

#[test]
fn man_prints_a_roff_page() {
    let wd = Workdir::new();
    let output = wd.cmd().arg("man").output().unwrap();
    assert!(output.status.success());
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(
        page.starts_with(".TH parrainage 1"),
        "{}",
        &page[..80.min(page.len())]
    );
    assert!(
        page.contains("\\fBparrainage\\fR") || page.contains("parrainage"),
        "{page}"
    );
}

#[test]
fn completions_offer_mandates_statuses_departments_formats_and_languages() {
    let wd = Workdir::new();
    for shell in ["bash", "zsh", "fish"] {
        let output = wd.cmd().args(["completions", shell]).output().unwrap();
        assert!(output.status.success());
        let script = String::from_utf8_lossy(&output.stdout);
        for value in [
            "departmental-councillor",
            "epci-president",
            "withdrawn",
            "declined",
            "2A",
            "971",
            "markdown",
            "github",
        ] {
            assert!(script.contains(value), "{shell}: no `{value}`");
        }
    }
}

#[test]
fn format_and_output_have_short_flags_and_one_name_for_the_human_format() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,MARTIN Claire,,DUPONT,Jean,mayor,Verdun,55,2022-01-05,,,\n"),
    );
    let table = wd.cmd().args(["check", "-f", "table"]).output().unwrap();
    let human = wd.cmd().args(["check", "--format", "human"]).output().unwrap();
    assert!(table.status.success());
    assert_eq!(table.stdout, human.stdout);
    for command in [vec!["check"], vec!["report"], vec!["list"]] {
        wd.cmd()
            .args(&command)
            .args(["-f", "json", "-o", "out.json"])
            .assert()
            .success()
            .stdout("");
        let json: serde_json::Value = serde_json::from_str(&wd.read("out.json")).unwrap();
        assert!(json.is_object(), "{command:?}");
    }
    wd.write(
        "cc.csv",
        "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n\
         M.;DUPONT;Jean;Maire;Verdun;Meuse;MARTIN Claire;10/02/2022\n",
    );
    wd.cmd()
        .args(["import", "cc.csv", "-f", "json", "-o", "import.json"])
        .assert()
        .success()
        .stdout("");
    let json: serde_json::Value = serde_json::from_str(&wd.read("import.json")).unwrap();
    assert_eq!(json["confirmed"], 1);
}

/// The manual page, and the text of its section `title` (up to the next).
fn man_section(title: &str) -> String {
    let wd = Workdir::new();
    let output = wd.cmd().arg("man").output().unwrap();
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    let heading = if title.contains(' ') {
        format!(".SH \"{title}\"\n")
    } else {
        format!(".SH {title}\n")
    };
    let (_, rest) = page
        .split_once(&heading)
        .unwrap_or_else(|| panic!("no {title} section in the page"));
    let end = rest.find("\n.SH ").unwrap_or(rest.len());
    // As a reader sees it: roff's escaped hyphens are hyphens.
    rest[..end].replace("\\-", "-")
}

#[test]
fn man_says_each_exit_status() {
    let section = man_section("EXIT STATUS");
    for (status, what) in [
        ("0", "no errors"),
        ("1", "--deny-warnings"),
        ("2", "unreadable file"),
    ] {
        assert!(section.contains(&format!(".TP\n\\fB{status}\\fR\n")), "{section}");
        assert!(section.contains(what), "{section}");
    }
}

#[test]
fn man_says_what_each_environment_variable_does() {
    let section = man_section("ENVIRONMENT");
    for (name, what) in [
        ("PARRAINAGE_LEDGER", "when no --ledger is given"),
        ("PARRAINAGE_CONFIG", "as --config"),
        ("PARRAINAGE_THREADS", "threads"),
        ("PARRAINAGE_PART_BYTES", "4194304"),
        ("NO_COLOR", "in the help"),
        ("LC_ALL, LC_MESSAGES, LANG", "French"),
    ] {
        let entry = section
            .split_once(&format!("\\fB{name}\\fR\n"))
            .unwrap_or_else(|| panic!("{name} not in ENVIRONMENT: {section}"))
            .1;
        let entry = entry.split(".TP").next().unwrap();
        assert!(entry.contains(what), "{name}: {entry}");
    }
}

#[test]
fn man_says_where_the_ledger_and_the_settings_are() {
    let section = man_section("FILES");
    assert!(section.contains("\\fBparrainages.csv\\fR"), "{section}");
    let settings = section.split_once("\\fBparrainage.toml\\fR").unwrap().1;
    let order = [
        "--config",
        "$PARRAINAGE_CONFIG",
        "beside the ledger file",
        "parent directories up to the repository root",
        "current directory",
    ];
    let places: Vec<usize> = order
        .iter()
        .map(|what| {
            settings
                .find(what)
                .unwrap_or_else(|| panic!("no {what}: {settings}"))
        })
        .collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{settings}");
}

#[test]
fn man_has_examples_and_see_also() {
    let examples = man_section("EXAMPLES");
    assert!(examples.contains(".nf\n"), "{examples}");
    assert!(
        examples.contains("parrainage check --format github ledger/"),
        "{examples}"
    );
    assert!(examples.contains("parrainage init --candidate"), "{examples}");
    let see_also = man_section("SEE ALSO");
    assert!(see_also.contains("README.md"), "{see_also}");
    assert!(see_also.contains(env!("CARGO_PKG_REPOSITORY")), "{see_also}");
}

#[test]
fn help_is_coloured_only_when_colour_is_wanted() {
    let wd = Workdir::new();
    let coloured = |args: &[&str], no_color: bool| {
        let mut cmd = wd.cmd();
        // Colour even into a pipe, unless told otherwise.
        cmd.env_remove("NO_COLOR").env("CLICOLOR_FORCE", "1");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let output = cmd.args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        output.stdout.contains(&0x1b)
    };
    assert!(coloured(&["check", "--help"], false));
    assert!(!coloured(&["--color", "never", "check", "--help"], false));
    assert!(!coloured(&["check", "--color=never", "--help"], false));
    assert!(!coloured(&["check", "--help"], true));
    assert!(coloured(&["--color", "always", "check", "--help"], true));
    // A usage error too.
    let output = wd
        .cmd()
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["--color", "never", "chek"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!output.stderr.contains(&0x1b));
}

/// What bash completes for `words`, the last being the word under the cursor.
fn bash_completes(wd: &Workdir, words: &[&str]) -> Vec<String> {
    let output = wd.cmd().args(["completions", "bash"]).output().unwrap();
    wd.write("completion.bash", &output.stdout);
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source ./completion.bash
COMP_WORDS=({words})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
_parrainage parrainage \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"
printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = quoted.join(" ")
    );
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(wd.root())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_each_value_of_a_comma_separated_list() {
    let wd = Workdir::new();
    assert_eq!(
        bash_completes(&wd, &["parrainage", "list", "--status", "claimed,v"]),
        ["claimed,validated"]
    );
    assert_eq!(
        bash_completes(&wd, &["parrainage", "report", "--by", "mandate,d"]),
        ["mandate,department", "mandate,date"]
    );
    assert_eq!(
        bash_completes(&wd, &["parrainage", "prospects", "--department", "59,2"]).len(),
        11, // 2A, 2B, 21…29
    );
    assert_eq!(
        bash_completes(&wd, &["parrainage", "list", "--mandate", "mayor,ep"]),
        ["mayor,epci-president"]
    );
    // A single value is completed as before.
    assert_eq!(
        bash_completes(&wd, &["parrainage", "add", "--status", "cl"]),
        ["claimed"]
    );
}

#[test]
fn civilities_are_offered_and_no_file_names() {
    let wd = Workdir::new();
    wd.write("Mfile.csv", "");
    for option in ["add", "update"] {
        let flag = if option == "add" {
            "--civility"
        } else {
            "--set-civility"
        };
        let mut found = bash_completes(&wd, &["parrainage", option, flag, ""]);
        found.sort();
        assert_eq!(found, ["M.", "Mme"], "{option} {flag}");
    }
    let zsh = String::from_utf8(wd.cmd().args(["completions", "zsh"]).output().unwrap().stdout).unwrap();
    assert!(zsh.contains("'--civility=[M. or Mme]:CIVILITY:(M. Mme)'"), "zsh");
    assert!(zsh.contains(":CIVILITY:(M. Mme)' \\\n'--set-mandate"), "zsh");
    let fish = String::from_utf8(wd.cmd().args(["completions", "fish"]).output().unwrap().stdout).unwrap();
    for flag in ["civility", "set-civility"] {
        let line = fish
            .lines()
            .find(|l| l.contains(&format!(" -l {flag} ")))
            .unwrap_or_else(|| panic!("fish: no --{flag}"));
        // -f: no file names; the values follow.
        assert!(line.contains(" -r -f -a \"M.\\t"), "fish: {line}");
    }
}

#[test]
fn zsh_and_fish_complete_each_value_of_a_comma_separated_list() {
    let wd = Workdir::new();
    let script = |shell: &str| {
        String::from_utf8(wd.cmd().args(["completions", shell]).output().unwrap().stdout).unwrap()
    };
    let (zsh, fish) = (script("zsh"), script("fish"));
    // Every option that takes a list, in its command.
    let lists = [
        (
            "list",
            "status",
            "claimed sent validated rejected withdrawn lost declined",
        ),
        ("list", "mandate", "mayor delegate-mayor"),
        ("list", "department", "01 02 03"),
        ("prospects", "department", "01 02 03"),
        ("prospects", "mandate", "mayor delegate-mayor"),
        ("report", "by", "mandate department date candidate"),
    ];
    assert_eq!(zsh.matches(":_values -s , ").count(), lists.len(), "{zsh}");
    assert_eq!(
        fish.matches("-a \"(__fish_parrainage_comma_list ").count(),
        lists.len(),
        "{fish}"
    );
    assert!(fish.starts_with("# The values of a comma-separated list"));
    for (command, option, values) in lists {
        let block = zsh
            .split(&format!("\n({command})\n"))
            .nth(1)
            .unwrap_or_else(|| panic!("zsh: no {command}"));
        let block = block.split("\n;;\n").next().unwrap();
        let spec = block
            .lines()
            .find(|l| l.starts_with(&format!("'*--{option}=[")))
            .unwrap_or_else(|| panic!("zsh: no {command} --{option}"));
        assert!(
            spec.contains(":_values -s , ") && spec.contains(values),
            "zsh: {spec}"
        );
        let line = fish
            .lines()
            .find(|l| l.contains(&format!("using_subcommand {command}\" -l {option} ")))
            .unwrap_or_else(|| panic!("fish: no {command} --{option}"));
        assert!(
            line.contains(&format!("-a \"(__fish_parrainage_comma_list {values}")),
            "fish: {line}"
        );
    }
    // A single value stays a single value.
    let add = zsh
        .split("\n(add)\n")
        .nth(1)
        .unwrap()
        .split("\n;;\n")
        .next()
        .unwrap();
    assert!(add.contains(":STATUS:(claimed sent"), "{add}");
}
