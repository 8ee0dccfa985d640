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
