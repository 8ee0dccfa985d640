//! `parrainage diff`: what a publication changed, per candidate, between
//! two files or within an archive.

mod common;

use common::{Workdir, fixture};
use predicates::prelude::*;
use serde_json::Value;

const HEADER_2022: &str =
    "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n";

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("a fixture")
}

/// The two publications of the import fixtures, 8 and 15 February.
fn workdir() -> Workdir {
    let wd = Workdir::new();
    wd.copy_fixture("import/cc-2022-02-08.csv", "old.csv");
    wd.copy_fixture("import/cc-2022-02-15.csv", "new.csv");
    wd
}

fn json(wd: &Workdir, args: &[&str]) -> Value {
    let output = wd
        .cmd()
        .arg("diff")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON document")
}

fn candidate<'v>(diff: &'v Value, name: &str) -> &'v Value {
    diff["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["candidate"] == name)
        .unwrap_or_else(|| panic!("{name} in {diff}"))
}

#[test]
fn per_candidate_added_removed_and_new_departments() {
    let wd = workdir();
    let diff = json(&wd, &["old.csv", "new.csv"]);
    assert_eq!(diff["old"]["file"], "old.csv");
    assert_eq!(diff["old"]["latest_publication"], "2022-02-08");
    assert_eq!(diff["new"]["latest_publication"], "2022-02-15");
    // DUPUIS (Nord, already reached) and NOVAK (the European Parliament's
    // unit, new), whatever the spellings of the candidate.
    let martin = candidate(&diff, "MARTIN Claire");
    assert_eq!(martin["added"], 2);
    assert_eq!(martin["removed"], 0);
    assert_eq!(martin["departments_added"], serde_json::json!(["EU"]));
    assert_eq!(martin["qualified_before"], false);
    assert_eq!(martin["qualified_after"], false);
    let durand = candidate(&diff, "DURAND Paul");
    assert_eq!(durand["added"], 0);
    assert_eq!(durand["removed"], 0);
    // The shape, exactly.
    let mut keys: Vec<&str> = martin.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "added",
            "candidate",
            "departments_added",
            "qualified_after",
            "qualified_before",
            "removed"
        ]
    );
    let mut top: Vec<&str> = diff.as_object().unwrap().keys().map(String::as_str).collect();
    top.sort();
    assert_eq!(top, ["candidates", "new", "old"]);
}

/// The Conseil has withdrawn published rows: a later publication without
/// a row removes it, and a row moved to another candidate is removed from
/// one and added to the other.
#[test]
fn a_publication_can_shrink() {
    let wd = workdir();
    let shrunk: String = fixture_text("import/cc-2022-02-15.csv")
        .lines()
        .filter(|l| !l.contains("GIRARD"))
        .map(|l| {
            if l.contains("FRANCOIS") {
                format!("{}\n", l.replace("DURAND Paul", "MARTIN Claire"))
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    wd.write("shrunk.csv", shrunk);
    let diff = json(&wd, &["new.csv", "shrunk.csv"]);
    let martin = candidate(&diff, "MARTIN Claire");
    assert_eq!(martin["removed"], 1);
    assert_eq!(martin["added"], 1);
    assert_eq!(martin["departments_added"], serde_json::json!(["69"]));
    let durand = candidate(&diff, "DURAND Paul");
    assert_eq!(durand["removed"], 1);
    assert_eq!(durand["added"], 0);

    // With one candidate, who.
    let one = json(&wd, &["--candidate", "MARTIN Claire", "new.csv", "shrunk.csv"]);
    assert_eq!(one["candidates"].as_array().unwrap().len(), 1);
    let martin = &one["candidates"][0];
    assert_eq!(martin["officials_removed"][0]["last_name"], "GIRARD");
    assert_eq!(martin["officials_removed"][0]["published_on"], "2022-02-03");
    assert_eq!(martin["officials_added"][0]["last_name"], "FRANCOIS");
    assert_eq!(martin["officials_added"][0]["department"], "69");
    wd.cmd()
        .args(["--candidate", "Claire Martin", "diff", "new.csv", "shrunk.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Removed (1):\n  GIRARD Luc (mayor, Verdun, 55 Meuse), 2022-02-03",
        ))
        .stdout(predicate::str::contains(
            "Added (1):\n  FRANCOIS Patrick (mayor, Pollionnay, 69 Rhône)",
        ));
}

/// Added and removed agree with the count: validated after = before +
/// added − removed, an official listed twice counting once.
#[test]
fn added_and_removed_agree_with_the_report() {
    let wd = workdir();
    let mut doubled = fixture_text("import/cc-2022-02-15.csv");
    doubled.push_str("M.;DUPUIS;Henri;Maire;Bousbecque;Nord;MARTIN Claire;15/02/2022\n");
    wd.write("doubled.csv", doubled);
    let diff = json(&wd, &["old.csv", "doubled.csv"]);
    let validated = |file: &str| -> i64 {
        let output = wd
            .cmd()
            .args(["-l", file, "report", "--all", "--format", "json"])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        candidate(&report, "MARTIN Claire")["validated"].as_i64().unwrap()
    };
    let martin = candidate(&diff, "MARTIN Claire");
    assert_eq!(
        validated("old.csv") + martin["added"].as_i64().unwrap() - martin["removed"].as_i64().unwrap(),
        validated("doubled.csv")
    );
    assert_eq!(martin["added"], 2);
}

/// A candidate crosses the threshold: qualified before and after differ.
#[test]
fn qualified_before_and_after() {
    let wd = Workdir::new();
    let rows = |n: usize| -> String {
        let mut text = HEADER_2022.to_string();
        for i in 0..n {
            // Forty départements, twelve or thirteen sponsors each.
            let code = [
                "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15",
                "16", "17", "18", "19", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
                "32", "33", "34", "35", "36", "37", "38", "39", "40", "41",
            ][i % 40];
            text.push_str(&format!(
                "M.;NOM{i};Jean;Maire;Commune {i};{code};DURAND Paul;08/02/2022\n"
            ));
        }
        text
    };
    wd.write("before.csv", rows(499));
    wd.write("after.csv", rows(501));
    let diff = json(&wd, &["before.csv", "after.csv"]);
    let durand = candidate(&diff, "DURAND Paul");
    assert_eq!(durand["added"], 2);
    assert_eq!(durand["qualified_before"], false);
    assert_eq!(durand["qualified_after"], true);
    wd.cmd()
        .args(["diff", "before.csv", "after.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("499 → 501"))
        .stdout(predicate::str::contains("no → yes"));
}

/// In an archive, --since DATE compares the latest file on or before DATE
/// with the latest file.
#[test]
fn since_a_date_in_an_archive() {
    let wd = Workdir::new();
    wd.copy_fixture("import/cc-2022-02-08.csv", "publications/2022-02-08T1800.csv");
    wd.copy_fixture("import/cc-2022-02-15.csv", "publications/2022-02-15T1800.csv");
    wd.write("publications/.fetch.json", "{}");
    let diff = json(&wd, &["--since", "2022-02-10", "publications"]);
    assert_eq!(diff["old"]["file"], "publications/2022-02-08T1800.csv");
    assert_eq!(diff["new"]["file"], "publications/2022-02-15T1800.csv");
    assert_eq!(candidate(&diff, "MARTIN Claire")["added"], 2);
    // The default archive: publications/ beside the ledger.
    let default = json(&wd, &["--since", "2022-02-10"]);
    assert_eq!(default, diff);
    // An archive given as OLD and NEW is its latest file: nothing changed.
    wd.cmd()
        .args(["diff", "publications", "publications"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No change."));
    wd.cmd()
        .args(["diff", "--since", "2022-02-01", "publications"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("on or before 2022-02-01"));
}

#[test]
fn markdown_and_csv() {
    let wd = workdir();
    let markdown = wd
        .cmd()
        .args(["diff", "old.csv", "new.csv", "--format", "markdown"])
        .output()
        .unwrap();
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(
        markdown.contains("| Candidate | Validated | Added | Removed | New départements | Qualified |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| MARTIN Claire | 8 → 10 | 2 | 0 | EU | no |"),
        "{markdown}"
    );
    assert!(markdown.contains("1 other candidate(s) unchanged."), "{markdown}");

    let csv = wd
        .cmd()
        .args([
            "--candidate",
            "MARTIN Claire",
            "diff",
            "old.csv",
            "new.csv",
            "-f",
            "csv",
        ])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.starts_with(
            "section,candidate,added,removed,departments_added,qualified_before,qualified_after\n\
         candidates,MARTIN Claire,2,0,EU,false,false\n\n\
         section,change,last_name,first_name,mandate,circonscription,department,published_on\n"
        ),
        "{csv}"
    );
    assert!(
        csv.contains("officials,added,NOVAK,Ewa,mep,,EU,2022-02-15\n"),
        "{csv}"
    );
}

#[test]
fn in_french() {
    let wd = workdir();
    wd.cmd()
        .args(["--lang", "fr", "diff", "old.csv", "new.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Publications comparées : old.csv (dernière publication le 08/02/2022) et new.csv (dernière publication le 15/02/2022)",
        ))
        .stdout(predicate::str::contains("Nouveaux départements"))
        .stdout(predicate::str::contains("1 autre(s) candidat(s) sans changement."));
    wd.cmd()
        .args([
            "--lang",
            "fr",
            "--candidate",
            "MARTIN Claire",
            "diff",
            "old.csv",
            "new.csv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Ajoutés (2) :\n  DUPUIS Henri (maire, Bousbecque, 59 Nord), 15/02/2022",
        ));
}

#[test]
fn bad_requests_exit_2() {
    let wd = workdir();
    wd.copy_fixture("import/parrainages.csv", "parrainages.csv");
    for (args, said) in [
        (vec!["diff", "old.csv"], "give OLD and NEW"),
        (vec!["diff", "old.csv", "missing.csv"], "missing.csv"),
        (vec!["diff", "old.csv", "parrainages.csv"], "not a publication"),
        (vec!["diff", "--since", "2022-02-10"], "--since needs an archive"),
        (
            vec!["--candidate", "NOBODY Here", "diff", "old.csv", "new.csv"],
            "no candidate `NOBODY Here`",
        ),
    ] {
        wd.cmd()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(said));
    }
}
