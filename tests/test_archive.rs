//! Directories of publications: an archive (a directory whose files are all
//! publications, as `fetch` keeps them) stands for its latest file wherever
//! a publication or a ledger is read; a publication inside a directory of
//! campaign ledgers is never read as a ledger.

mod common;

use common::{HEADER, Workdir, fixture};
use predicates::prelude::*;
use serde_json::Value;

const FIRST: &str = "import/cc-2022-02-08.csv";
const SECOND: &str = "import/cc-2022-02-15.csv";

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("a fixture")
}

/// Issue 22, item 11: `import FILE -l team/alice.csv -l team` with FILE
/// inside `team/` read the publication as a team ledger: its rows became
/// "in other files" and the claims it confirms stayed pending.
#[test]
fn import_of_a_publication_inside_the_team_directory_reads_it_as_the_publication_only() {
    let wd = Workdir::new();
    wd.copy_fixture("import/parrainages.csv", "team/alice.csv");
    wd.write("team/bob.csv", HEADER);
    wd.copy_fixture(FIRST, "team/cc-2022-02-08.csv");
    let output = wd
        .cmd()
        .args(["--candidate", "MARTIN Claire"])
        .args(["-l", "team/alice.csv", "-l", "team"])
        .args(["import", "team/cc-2022-02-08.csv", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    // As an import into alice.csv alone gives.
    assert_eq!(report["confirmed"], 4, "{report}");
    assert_eq!(report["in_other_files"], 0, "{report}");
    assert_eq!(report["pending"], 2, "{report}");
    assert!(
        stderr.contains("cc-2022-02-08.csv") && stderr.contains("not read as a ledger"),
        "{stderr}"
    );
}

/// Any other publication in a directory of campaign ledgers is refused,
/// naming it: its rows would be counted as the campaign's.
#[test]
fn a_directory_that_mixes_ledgers_and_publications_is_refused() {
    let wd = Workdir::new();
    wd.copy_fixture("import/parrainages.csv", "team/alice.csv");
    wd.copy_fixture(FIRST, "team/cc-2022-02-08.csv");
    wd.copy_fixture(SECOND, "cc-2022-02-15.csv");
    for args in [
        vec!["-l", "team", "report"],
        vec!["-l", "team", "list"],
        vec!["check", "team"],
        vec![
            "-l",
            "team/alice.csv",
            "-l",
            "team",
            "import",
            "cc-2022-02-15.csv",
        ],
    ] {
        wd.cmd()
            .args(["--candidate", "MARTIN Claire"])
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cc-2022-02-08.csv"))
            .stderr(predicate::str::contains("publication"));
    }
    // Nothing was written.
    assert_eq!(wd.read("team/alice.csv"), fixture_text("import/parrainages.csv"));
}

/// A directory of publications only counts as its latest file, never as
/// the sum of the cumulative files.
#[test]
fn an_archive_counts_once() {
    let wd = Workdir::new();
    wd.copy_fixture(FIRST, "publications/2022-02-08T1800.csv");
    wd.copy_fixture(SECOND, "publications/2022-02-15T1800.csv");
    // What `fetch` keeps for itself is hidden, and passed over.
    wd.write("publications/.fetch.json", "{}");
    let json = |args: &[&str]| -> Value {
        let output = wd.cmd().args(args).output().unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let archive = json(&["-l", "publications", "report", "--all", "--format", "json"]);
    let latest = json(&[
        "-l",
        "publications/2022-02-15T1800.csv",
        "report",
        "--all",
        "--format",
        "json",
    ]);
    assert_eq!(archive, latest);
    let martin = archive["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["candidate"] == "MARTIN Claire")
        .unwrap();
    assert_eq!(martin["validated"], 10);

    // check and list read the latest file only too.
    let check = json(&["check", "publications", "--format", "json"]);
    assert_eq!(check["errors"], 0, "{check}");
    let listed = json(&["-l", "publications", "list", "--format", "json"]);
    assert_eq!(listed["count"], 13, "{listed}");
}

/// `import DIR` imports the archive's latest publication.
#[test]
fn import_of_an_archive_imports_its_latest_file() {
    let wd = Workdir::new();
    wd.copy_fixture("import/parrainages.csv", "parrainages.csv");
    wd.copy_fixture(FIRST, "publications/2022-02-08T1800.csv");
    wd.copy_fixture(SECOND, "publications/2022-02-15T1800.csv");
    let output = wd
        .cmd()
        .args(["--candidate", "MARTIN Claire", "import", "publications"])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    // DUPUIS is published on 15 February only.
    let confirmed: Vec<&str> = report["entries"]["confirmed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["last_name"].as_str())
        .collect();
    assert!(confirmed.contains(&"DUPUIS"), "{report}");
    assert!(wd.read("parrainages.csv").contains("2022-02-15T1800.csv"));
}

/// `prospects --publication DIR` takes the archive's latest publication.
#[test]
fn prospects_take_an_archive_as_its_latest_publication() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.copy_fixture(FIRST, "publications/2022-02-08T1800.csv");
    wd.copy_fixture(SECOND, "publications/2022-02-15T1800.csv");
    let register = fixture("register");
    let run = |publication: &str| -> Value {
        let output = wd
            .cmd()
            .args(["--candidate", "MARTIN Claire", "prospects"])
            .arg("--register")
            .arg(&register)
            .args(["--publication", publication, "--format", "json"])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    };
    assert_eq!(
        run("publications")["excluded"],
        run("publications/2022-02-15T1800.csv")["excluded"]
    );
}

/// A directory of publications in JSON is an archive too.
#[test]
fn an_archive_of_json_publications_is_read() {
    let wd = Workdir::new();
    wd.copy_fixture(
        "official/cc-2022-sample.json",
        "publications/2022-02-08T1800.json",
    );
    let output = wd
        .cmd()
        .args(["-l", "publications", "report", "--all", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
