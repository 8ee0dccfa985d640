//! `parrainage init`.

mod common;

use common::{HEADER, Workdir};
use predicates::prelude::*;

#[test]
fn creates_the_ledger_and_its_settings() {
    let wd = Workdir::new();
    wd.cmd()
        .args(["init", "--candidate", "KAZIB Anasse"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Created parrainages.csv"))
        .stdout(predicate::str::contains("by 2022-03-04 18:00"));
    assert_eq!(wd.read("parrainages.csv"), HEADER);
    let settings = wd.read("parrainage.toml");
    assert!(settings.contains("candidate = \"KAZIB Anasse\""), "{settings}");
    assert!(settings.contains("election = 2022"), "{settings}");
    // The new ledger passes the gate, and knows its candidate.
    wd.cmd().arg("check").assert().success();
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Dupont",
            "--first-name",
            "Jean",
            "--mandate",
            "maire",
            "--department",
            "55",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("for KAZIB Anasse"));
}

#[test]
fn refuses_to_overwrite() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", "precious\n");
    wd.cmd()
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already there"));
    assert_eq!(wd.read("parrainages.csv"), "precious\n");
    assert!(!wd.path("parrainage.toml").exists());
}

#[test]
fn keeps_existing_settings_for_a_second_file() {
    let wd = Workdir::new();
    wd.cmd()
        .args(["init", "team/alice.csv", "--candidate", "MARTIN Claire"])
        .assert()
        .success();
    let settings = wd.read("team/parrainage.toml");
    wd.cmd()
        .args(["init", "team/bob.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Kept the existing"));
    assert_eq!(wd.read("team/parrainage.toml"), settings);
}

#[test]
fn semicolon_ledgers_and_a_2027_first_round() {
    let wd = Workdir::new();
    wd.cmd()
        .args([
            "init",
            "--delimiter",
            ";",
            "--election",
            "2027",
            "--first-round",
            "2027-04-11",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("by 2027-03-05 18:00"));
    assert_eq!(wd.read("parrainages.csv"), HEADER.replace(',', ";"));
    let settings = wd.read("parrainage.toml");
    assert!(settings.contains("first_round = \"2027-04-11\""), "{settings}");
    assert!(settings.contains("election = 2027"), "{settings}");
}

#[test]
fn a_2027_ledger_says_where_its_dates_come_from() {
    let wd = Workdir::new();
    wd.cmd()
        .args(["init", "--election", "2027"])
        .assert()
        .success()
        .stdout(predicate::str::contains("by 2027-03-12 18:00"))
        .stdout(predicate::str::contains("first round 2027-04-18"))
        .stdout(predicate::str::contains("not yet published"));
    let settings = wd.read("parrainage.toml");
    assert!(settings.contains("first_round = \"2027-04-18\""), "{settings}");
    assert!(settings.contains("# opens = "), "{settings}");
    // The settings written read back.
    wd.cmd().arg("check").assert().success();
}

#[test]
fn bad_settings_are_a_usage_error() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.write("parrainage.toml", "max_share = 3\n");
    wd.cmd()
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("parrainage.toml: `max_share`"));
    wd.write("parrainage.toml", "colour = \"red\"\n");
    wd.cmd()
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field"));
    wd.cmd()
        .args(["check", "--config", "nowhere.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nowhere.toml: no such settings file"));
}

#[test]
fn a_candidate_not_written_nom_prenom_is_warned_about() {
    let wd = Workdir::new();
    wd.cmd()
        .args(["init", "--candidate", "Anasse Kazib"])
        .assert()
        .success()
        .stderr(predicate::str::contains("`KAZIB Anasse`?"));
    let wd = Workdir::new();
    wd.cmd()
        .args(["init", "--candidate", "KAZIB Anasse"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
}
