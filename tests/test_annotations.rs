//! `check` for CI jobs: at most so many GitHub annotations, then one that
//! says how many more (every problem still in the log), and the Markdown
//! summary of a job.

mod common;

use common::{HEADER, Workdir};

/// A ledger with `errors` rows whose département is not one, then
/// `warnings` rows with a formula-like note.
fn ledger(wd: &Workdir, errors: usize, warnings: usize) {
    let mut text = HEADER.to_string();
    for i in 0..errors {
        text.push_str(&format!(
            "claimed,MARTIN Claire,,ERRANT{i},Jean,mayor,Verdun,99,2022-01-05,,,\n"
        ));
    }
    for i in 0..warnings {
        text.push_str(&format!(
            "claimed,MARTIN Claire,,NOTED{i},Jean,mayor,=SUM(A1),55,2022-01-05,,,\n"
        ));
    }
    wd.write("parrainages.csv", text);
}

fn github(wd: &Workdir, args: &[&str]) -> (String, i32) {
    let output = wd
        .cmd()
        .args(["check", "--format", "github"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap(),
    )
}

#[test]
fn at_most_fifty_annotations_then_one_that_counts_the_rest() {
    let wd = Workdir::new();
    ledger(&wd, 60, 0);
    let (text, code) = github(&wd, &[]);
    assert_eq!(code, 1);
    let annotations: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 51, "{text}");
    assert_eq!(
        annotations[50],
        "::error title=parrainage check::10 more problems not annotated (10 errors, 0 warnings): every problem is in the log"
    );
    // Every problem is in the log: the first 50 as annotations, the others
    // as the table writes them, indented so that none reads as a command.
    for i in 0..60 {
        let line = i + 2;
        let place = if i < 50 {
            format!("::error file=parrainages.csv,line={line},")
        } else {
            format!("  parrainages.csv:{line}: ")
        };
        let found = text.lines().filter(|l| l.starts_with(&place));
        assert_eq!(found.count(), 1, "line {line}: {text}");
    }
    assert!(
        text.contains("  parrainages.csv:61: error[unknown-department]:"),
        "{text}"
    );
}

#[test]
fn errors_are_annotated_before_warnings_whatever_their_order() {
    let wd = Workdir::new();
    // Warnings first in the file, then the errors.
    let mut text = HEADER.to_string();
    for i in 0..4 {
        text.push_str(&format!(
            "claimed,MARTIN Claire,,NOTED{i},Jean,mayor,=SUM(A1),55,2022-01-05,,,\n"
        ));
    }
    text.push_str("claimed,MARTIN Claire,,ERRANT,Jean,mayor,Verdun,99,2022-01-05,,,\n");
    wd.write("parrainages.csv", text);
    let (text, code) = github(&wd, &["--max-annotations", "2"]);
    assert_eq!(code, 1);
    let annotations: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 3, "{text}");
    assert!(
        annotations[0].starts_with("::warning file=parrainages.csv,line=2,title=formula-cell::"),
        "{text}"
    );
    assert!(
        annotations[1].starts_with("::error file=parrainages.csv,line=6,title=unknown-department::"),
        "{text}"
    );
    // Only warnings are left out: the last annotation is a warning.
    assert_eq!(
        annotations[2],
        "::warning title=parrainage check::3 more problems not annotated (0 errors, 3 warnings): every problem is in the log"
    );
    // In file order, annotated or not.
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[1].starts_with("  parrainages.csv:3: warning[formula-cell]:"),
        "{text}"
    );
}

#[test]
fn no_limit_with_zero_and_none_said_when_all_fit() {
    let wd = Workdir::new();
    ledger(&wd, 60, 0);
    let (text, _) = github(&wd, &["--max-annotations", "0"]);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("::error file=")).count(),
        60
    );
    assert!(!text.contains("more problem"), "{text}");
    let (text, _) = github(&wd, &["--max-annotations", "60"]);
    assert!(text.lines().all(|l| l.starts_with("::error file=")), "{text}");
}

#[test]
fn max_annotations_is_for_the_github_format_only() {
    let wd = Workdir::new();
    ledger(&wd, 1, 0);
    let output = wd
        .cmd()
        .args(["check", "--max-annotations", "5"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("--max-annotations is for --format github"),
        "{stderr}"
    );
}

#[test]
fn markdown_summary_counts_by_code_and_lists_the_problems() {
    let wd = Workdir::new();
    ledger(&wd, 2, 1);
    let output = wd.cmd().args(["check", "--format", "markdown"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("## parrainage check\n\n2 errors, 1 warning in 1 file (3 rows).\n"),
        "{text}"
    );
    assert!(
        text.contains("| error | unknown-department | 2 | parrainages.csv:2 |"),
        "{text}"
    );
    assert!(
        text.contains("| warning | formula-cell | 1 | parrainages.csv:4 |"),
        "{text}"
    );
    // One row a problem, with its hint; markup in values is escaped.
    assert!(
        text.contains("| parrainages.csv:3 | error | unknown-department | column \\`department\\`: \\`99\\` is not a département"),
        "{text}"
    );
    assert!(text.contains("(hint: write an INSEE code"), "{text}");
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("| parrainages.csv:"))
            .count(),
        3
    );
}

#[test]
fn markdown_summary_of_a_clean_ledger_and_of_many_problems() {
    let wd = Workdir::new();
    ledger(&wd, 0, 0);
    let output = wd.cmd().args(["check", "-f", "markdown"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "## parrainage check\n\n0 errors, 0 warnings in 1 file (0 rows).\n"
    );
    // A job summary holds at most 1 MiB: the first 100 problems, then how
    // many more.
    ledger(&wd, 130, 0);
    let output = wd.cmd().args(["check", "-f", "markdown"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("| parrainages.csv:"))
            .count(),
        100
    );
    assert!(
        text.ends_with("\n30 more: `parrainage check` lists them all.\n"),
        "{text}"
    );
}

#[test]
fn markdown_summary_in_french() {
    let wd = Workdir::new();
    ledger(&wd, 1, 0);
    let output = wd
        .cmd()
        .args(["--lang", "fr", "check", "-f", "markdown"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("1 erreur, 0 avertissements dans 1 fichier (1 ligne)."),
        "{text}"
    );
    assert!(
        text.contains("| Gravité | Code | Problèmes | Premier en |"),
        "{text}"
    );
    assert!(text.contains("| erreur | unknown-department | 1 |"), "{text}");
    assert!(text.contains("(aide : "), "{text}");
}
