//! `parrainage list` and `parrainage remove`, end to end with the binary.

mod common;

use common::{HEADER, Workdir};
use predicates::prelude::*;
use serde_json::Value;

const ROWS: &str = "claimed,MARTIN Claire,,DUPONT,Hélène,mayor,Jouy-en-Argonne,55,2022-01-05,,,\n\
                    validated,MARTIN Claire,,LEFEBVRE,Michel,mayor,Wattrelos,59,2022-01-05,2022-02-08,,\n\
                    sent,MARTIN Claire,,LEFEBVRE,Michel,departmental-councillor,Roubaix-1,59,2022-01-05,,,\n\
                    claimed,DURAND Paul,,SAINT-ÉTIENNE,Zoé,mayor,Saint-Étienne-du-Bois,01,2022-01-06,,,\n";

fn listed(wd: &Workdir, args: &[&str]) -> Vec<(String, u64)> {
    let output = wd
        .cmd()
        .arg("list")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["count"].as_u64().unwrap() as usize,
        json["entries"].as_array().unwrap().len()
    );
    json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["last_name"].as_str().unwrap().to_string(),
                e["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn list_filters_by_status_mandate_department_and_search() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", format!("{HEADER}{ROWS}"));
    let names = |pairs: Vec<(String, u64)>| {
        pairs
            .into_iter()
            .map(|(n, l)| format!("{n}:{l}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(listed(&wd, &[])).len(), 4);
    assert_eq!(
        names(listed(&wd, &["--status", "claimed,sent"])),
        ["DUPONT:2", "LEFEBVRE:4", "SAINT-ÉTIENNE:5"]
    );
    assert_eq!(
        names(listed(&wd, &["--mandate", "conseillère départementale"])),
        ["LEFEBVRE:4"]
    );
    assert_eq!(
        names(listed(&wd, &["--department", "Nord", "--status", "validated"])),
        ["LEFEBVRE:3"]
    );
    // Folded as identity folds: case, accents, spaces, hyphens; names in
    // either order; places.
    assert_eq!(names(listed(&wd, &["--search", "helene dupont"])), ["DUPONT:2"]);
    assert_eq!(
        names(listed(&wd, &["--search", "saint etienne"])),
        ["SAINT-ÉTIENNE:5"]
    );
    assert_eq!(names(listed(&wd, &["--search", "roubaix"])), ["LEFEBVRE:4"]);
    assert_eq!(names(listed(&wd, &["--search", "meuse"])), ["DUPONT:2"]);
    assert_eq!(names(listed(&wd, &["--candidate", "Claire Martin"])).len(), 3);
    // A value that is not one is refused, with the values and the one meant.
    wd.cmd()
        .args(["list", "--status", "valdated"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `validated`?"))
        .stderr(predicate::str::contains("claimed, sent, validated"));
}

#[test]
fn list_shows_file_and_line_and_its_csv_is_a_ledger() {
    let wd = Workdir::new();
    wd.write("team/alice.csv", format!("{HEADER}{ROWS}"));
    wd.write(
        "team/bob.csv",
        format!("{HEADER}claimed,MARTIN Claire,,PETIT,Anne,mayor,Laon,02,2022-01-10,,,\n"),
    );
    wd.cmd()
        .args(["-l", "team", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("team/alice.csv:5"))
        .stdout(predicate::str::contains("team/bob.csv:2"))
        .stdout(predicate::str::contains("5 entries"));
    wd.cmd()
        .args([
            "-l",
            "team",
            "list",
            "--status",
            "claimed",
            "-f",
            "csv",
            "-o",
            "claims.csv",
        ])
        .assert()
        .success();
    let csv = wd.read("claims.csv");
    assert!(
        csv.starts_with(&format!("{},file,line\n", HEADER.trim_end())),
        "{csv}"
    );
    assert!(
        csv.contains("claimed,MARTIN Claire,,PETIT,Anne,mayor,Laon,02,2022-01-10,,,,team/bob.csv,2\n"),
        "{csv}"
    );
    // The output is a ledger: checked clean, and counted.
    wd.cmd().args(["-l", "claims.csv", "check"]).assert().success();
    let report = wd
        .cmd()
        .args(["-l", "claims.csv", "report", "--all", "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&report.stdout).unwrap();
    let claimed: u64 = json["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["claimed"].as_u64().unwrap())
        .sum();
    assert_eq!(claimed, 3);
}

#[test]
fn remove_deletes_one_row_and_refuses_an_ambiguous_selection() {
    let wd = Workdir::new();
    let original = format!("{HEADER}{ROWS}");
    wd.write("parrainages.csv", &original);
    // Two LEFEBVRE Michel: neither is removed, both are listed.
    wd.cmd()
        .args(["remove", "--last-name", "Lefebvre", "--first-name", "Michel"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("2 entries match"))
        .stderr(predicate::str::contains("line 3:"))
        .stderr(predicate::str::contains("line 4:"));
    assert_eq!(wd.read("parrainages.csv"), original);
    wd.cmd()
        .args(["remove", "--last-name", "Nobody", "--first-name", "X"])
        .assert()
        .code(1);
    assert_eq!(wd.read("parrainages.csv"), original);
    // Narrowed by mandate, or by line: one row goes, every other byte stays.
    wd.cmd()
        .args([
            "remove",
            "--last-name",
            "lefebvre",
            "--first-name",
            "michel",
            "--mandate",
            "departmental-councillor",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Removed parrainages.csv:4"));
    let expected = original.replace(
        "sent,MARTIN Claire,,LEFEBVRE,Michel,departmental-councillor,Roubaix-1,59,2022-01-05,,,\n",
        "",
    );
    assert_eq!(wd.read("parrainages.csv"), expected);
    wd.cmd()
        .args([
            "remove",
            "--last-name",
            "DUPONT",
            "--first-name",
            "Hélène",
            "--line",
            "3",
        ])
        .assert()
        .code(1);
    wd.cmd()
        .args([
            "remove",
            "--last-name",
            "DUPONT",
            "--first-name",
            "Hélène",
            "--line",
            "2",
        ])
        .assert()
        .success();
    assert_eq!(listed(&wd, &[]).len(), 2);
}

/// The hint of a duplicate names the command that removes it, and that
/// command works as written.
#[test]
fn the_duplicate_hint_is_a_command_that_works() {
    let wd = Workdir::new();
    let row = "claimed,MARTIN Claire,,D'ARC,Jeanne,mayor,Domrémy,88,2022-01-05,,,\n";
    wd.write("parrainages.csv", format!("{HEADER}{row}{row}"));
    let output = wd.cmd().arg("check").output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let command = text
        .lines()
        .find_map(|l| l.split('`').nth(1).filter(|c| c.starts_with("parrainage ")))
        .unwrap_or_else(|| panic!("no command in {text}"));
    assert!(command.contains("--line 3"), "{command}");
    let status = std::process::Command::new("sh")
        .current_dir(wd.root())
        .env(
            "PATH",
            format!(
                "{}:{}",
                assert_cmd::cargo::cargo_bin("parrainage")
                    .parent()
                    .unwrap()
                    .display(),
                std::env::var("PATH").unwrap()
            ),
        )
        .env_remove("PARRAINAGE_LEDGER")
        .arg("-c")
        .arg(command)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(wd.read("parrainages.csv"), format!("{HEADER}{row}"));
    wd.cmd().arg("check").assert().success();
}

/// An entry recorded under the candidate's name typed first name first is
/// found under `NOM Prénom`: one candidate, whatever the order.
#[test]
fn remove_finds_a_candidate_typed_in_either_order() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,Claire Martin,,DUPONT,Jean,mayor,Verdun,55,2022-01-05,,,\n"),
    );
    wd.cmd()
        .args([
            "--candidate",
            "MARTIN Claire",
            "remove",
            "--last-name",
            "Dupont",
            "--first-name",
            "Jean",
        ])
        .assert()
        .success();
    assert_eq!(wd.read("parrainages.csv"), HEADER);
}
