//! Which election's rules apply, and where the settings are found: the
//! election by default (the next one, or the one the files' dates name),
//! dates that cannot be, `--as-of` for every status, and the settings
//! searched where the ledger is.

mod common;

use common::{HEADER, Workdir};
use serde_json::Value;

fn json(wd: &Workdir, as_of: &str, args: &[&str]) -> Value {
    let output = wd
        .cmd_as_of(as_of)
        .args(["report", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn check(wd: &Workdir, args: &[&str]) -> (Value, i32) {
    let output = wd
        .cmd_as_of("2026-12-03")
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (json, output.status.code().unwrap())
}

fn codes(json: &Value) -> Vec<(u64, String)> {
    json["diagnostics"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|d| {
                    (
                        d["line"].as_u64().unwrap(),
                        d["code"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn init_with_no_flags_writes_the_next_election() {
    let wd = Workdir::new();
    let output = wd.cmd_as_of("2026-12-03").arg("init").output().unwrap();
    assert!(output.status.success());
    let said = String::from_utf8(output.stdout).unwrap();
    assert!(
        said.contains("Election: 2027, the next whose close is not past on 2026-12-03"),
        "{said}"
    );
    assert!(wd.read("parrainage.toml").contains("\nelection = 2027\n"));
    // On the close day, the close is not past yet.
    let wd = Workdir::new();
    wd.cmd_as_of("2022-03-04").arg("init").assert().success();
    assert!(wd.read("parrainage.toml").contains("\nelection = 2022\n"));
    // Every close past: the latest preset, and a warning.
    let wd = Workdir::new();
    let output = wd.cmd_as_of("2031-01-01").arg("init").output().unwrap();
    assert!(output.status.success());
    assert!(wd.read("parrainage.toml").contains("\nelection = 2027\n"));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("every preset's close is past"), "{stderr}");
}

#[test]
fn an_empty_ledger_with_no_settings_closes_on_12_march_2027() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    let doc = json(&wd, "2026-12-03", &[]);
    assert_eq!(doc["election"]["closes"], "2027-03-12T18:00:00+01:00");
    assert_eq!(doc["election"]["opens"], Value::Null);
    assert_eq!(doc["election"]["closed"], false);
    assert_eq!(doc["election"]["days_to_close"], 99);
    let rules = doc["election"]["rules"].as_str().unwrap();
    assert!(
        rules.starts_with("the 2027 election, the next election whose close is not past"),
        "{rules}"
    );
    // The window before the convening decree, in the table.
    let table = wd
        .cmd_as_of("2026-12-03")
        .args(["--candidate", "MARTIN Claire", "report"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.contains("opens: not yet known (the convening decree is not"),
        "{table}"
    );
}

#[test]
fn a_ledger_is_judged_by_its_own_dates() {
    let cases = [
        // The latest publication date decides, claims aside.
        (
            "validated,POUTOU Philippe,,A,B,mayor,X,02,2017-02-01,2017-03-18,,\n\
             claimed,POUTOU Philippe,,C,D,mayor,Y,03,2017-05-01,,,\n",
            "the 2017 election, chosen by the ledger's latest publication date (2017-03-18",
        ),
        // No publication: the latest claim; 2017-04-02 opens 2022's period.
        (
            "claimed,MARTIN Claire,,A,B,mayor,X,02,2017-04-02,,,\n",
            "the 2022 election, chosen by the ledger's latest claim date (2017-04-02",
        ),
        (
            "claimed,MARTIN Claire,,A,B,mayor,X,02,2022-03-19,,,\n",
            "the 2022 election, chosen by the ledger's latest claim date (2022-03-19",
        ),
        (
            "claimed,MARTIN Claire,,A,B,mayor,X,02,2022-03-20,,,\n\
             declined,MARTIN Claire,,C,D,mayor,Y,03,2026-11-20,,,\n",
            "the 2027 election, chosen by the ledger's latest claim date (2026-11-20",
        ),
    ];
    for (rows, rules) in cases {
        let wd = Workdir::new();
        wd.write("parrainages.csv", format!("{HEADER}{rows}"));
        let doc = json(&wd, "2026-12-03", &["--all"]);
        let found = doc["election"]["rules"].as_str().unwrap();
        assert!(found.starts_with(rules), "{found}\n{rows}");
    }
}

#[test]
fn settings_that_name_a_past_election_say_so_first() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.write(
        "parrainage.toml",
        "candidate = \"MARTIN Claire\"\nelection = 2022\n",
    );
    let doc = json(&wd, "2026-12-03", &[]);
    assert_eq!(doc["election"]["closed"], true);
    let table = wd.cmd_as_of("2026-12-03").arg("report").output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.starts_with("The settings name an election whose close is past (2022-03-04 18:00)"),
        "{table}"
    );
    let markdown = wd
        .cmd_as_of("2026-12-03")
        .args(["report", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(markdown.stdout)
            .unwrap()
            .starts_with("> The settings name")
    );
    // Before the close, nothing of the kind.
    let table = wd.cmd_as_of("2022-02-16").arg("report").output().unwrap();
    assert!(!String::from_utf8(table.stdout).unwrap().contains("close is past"));
}

/// `--election` naming a past election is said to be the command line's
/// doing, not the settings' (there are none here).
#[test]
fn a_flag_that_names_a_past_election_says_so_first() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    let table = wd
        .cmd_as_of("2026-12-03")
        .args(["--election", "2022", "--candidate", "MARTIN Claire", "report"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.starts_with("The command line names an election whose close is past (2022-03-04 18:00)"),
        "{table}"
    );
    assert!(!table.contains("settings"), "{table}");
}

#[test]
fn a_promise_dated_in_the_future_is_a_bad_date() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.write(
        "parrainage.toml",
        "candidate = \"MARTIN Claire\"\nelection = 2027\n",
    );
    // A date far ahead, so that the test holds next year too.
    let output = wd
        .cmd_as_of("2026-12-03")
        .args([
            "add",
            "--last-name",
            "DUPONT",
            "--first-name",
            "Jean",
            "--mandate",
            "mayor",
        ])
        .args(["--department", "55", "--claimed-on", "2030-01-15"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("in the future"));
    assert_eq!(wd.read("parrainages.csv"), HEADER);
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,MARTIN Claire,,DUPONT,Jean,mayor,X,55,2030-01-15,,,\n"),
    );
    let (json, code) = check(&wd, &[]);
    assert_eq!(code, 1);
    // And, as a promise after the close, a warning.
    assert_eq!(
        codes(&json),
        [(2, "bad-date".to_string()), (2, "outside-window".to_string())],
        "{json:#}"
    );
    // update refuses it too.
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,MARTIN Claire,,DUPONT,Jean,mayor,X,55,2026-11-01,,,\n"),
    );
    let output = wd
        .cmd_as_of("2026-12-03")
        .args([
            "update",
            "--last-name",
            "DUPONT",
            "--first-name",
            "Jean",
            "--claimed-on",
            "2030-01-15",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
}

/// SPEC.md's `--as-of`: every status at three dates, the counts written by
/// hand.
#[test]
fn every_status_counts_as_it_stood_at_each_date() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}\
             validated,MARTIN Claire,,V1,A,mayor,X,01,2022-01-05,2022-02-01,,\n\
             validated,MARTIN Claire,,V2,A,mayor,X,02,2022-01-05,2022-02-15,,\n\
             validated,MARTIN Claire,,V3,A,mayor,X,03,,2022-02-15,,\n\
             claimed,MARTIN Claire,,C1,A,mayor,X,04,2022-01-05,,,\n\
             claimed,MARTIN Claire,,C2,A,mayor,X,05,2022-02-12,,,\n\
             claimed,MARTIN Claire,,C3,A,mayor,X,06,,,,\n\
             sent,MARTIN Claire,,S1,A,mayor,X,07,2022-01-20,,,\n\
             rejected,MARTIN Claire,,R1,A,mayor,X,08,2022-01-05,,,\n\
             rejected,MARTIN Claire,,R2,A,mayor,X,09,2022-02-12,,,\n\
             withdrawn,MARTIN Claire,,W1,A,mayor,X,10,,,,\n\
             withdrawn,MARTIN Claire,,W2,A,mayor,X,11,2022-02-12,,,\n\
             lost,MARTIN Claire,,L1,A,mayor,X,12,2022-01-05,2022-02-01,,\n\
             lost,MARTIN Claire,,L2,A,mayor,X,13,2022-01-05,2022-02-15,,\n\
             lost,MARTIN Claire,,L3,A,mayor,X,14,2022-02-12,2022-02-15,,\n\
             declined,MARTIN Claire,,D1,A,mayor,X,15,2022-01-05,,,\n\
             declined,MARTIN Claire,,D2,A,mayor,X,16,2022-02-12,,,\n\
             declined,MARTIN Claire,,D3,A,mayor,X,17,,,,\n"
        ),
    );
    wd.write(
        "parrainage.toml",
        "candidate = \"MARTIN Claire\"\nelection = 2022\n",
    );
    // (validated, pending, lost, declined, claimed = validated + pending)
    let expected = [
        // 10 January: V1, V2, C1 pending (claimed 5 Jan), C3 (no date)
        // pending, L1 and L2 pending (published for another later); V3
        // (no claim date) unknown yet; S1 not yet claimed; R1 lost, W1
        // lost (no date); D1, D3 declined.
        ("2022-01-10", (0, 6, 2, 2)),
        // 1 February: V1 validated; V2, C1, C3, S1, L2 pending; L1 lost
        // (published that day), R1, W1 lost; D1, D3.
        ("2022-02-01", (1, 5, 3, 2)),
        // 16 February: V1, V2, V3 validated; C1, C2, C3, S1 pending; R1,
        // R2, W1, W2, L1, L2, L3 lost; D1, D2, D3.
        ("2022-02-16", (3, 4, 7, 3)),
    ];
    for (day, (validated, pending, lost, declined)) in expected {
        let doc = json(&wd, day, &[]);
        let c = &doc["candidates"][0];
        assert_eq!(c["validated"], validated, "{day}: {c:#}");
        assert_eq!(c["pending"], pending, "{day}: {c:#}");
        assert_eq!(c["claimed"], validated + pending, "{day}: {c:#}");
        assert_eq!(c["lost"], lost, "{day}: {c:#}");
        assert_eq!(c["declined"], declined, "{day}: {c:#}");
    }
}

#[test]
fn claims_are_given_by_week() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}\
             claimed,MARTIN Claire,,A,A,mayor,X,01,2026-11-23,,,\n\
             claimed,MARTIN Claire,,B,A,mayor,X,02,2026-11-29,,,\n\
             sent,MARTIN Claire,,C,A,mayor,X,03,2026-11-30,,,\n\
             declined,MARTIN Claire,,D,A,mayor,X,04,2026-11-30,,,\n\
             claimed,MARTIN Claire,,E,A,mayor,X,05,2026-12-02,,,\n"
        ),
    );
    let doc = json(&wd, "2026-12-03", &[]);
    let weeks = &doc["candidates"][0]["claims_by_week"];
    assert_eq!(
        weeks,
        &serde_json::json!([
            {"week": "2026-11-23", "new": 2, "cumulative": 2},
            {"week": "2026-11-30", "new": 2, "cumulative": 4},
        ]),
        "{doc:#}"
    );
    assert_eq!(doc["candidates"][0]["declined"], 1);
}

/// A row with three problems gets three diagnostics (it used to stop at
/// the first: a volunteer needed two commits).
#[test]
fn every_problem_of_a_row_is_said() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}validated,MARTIN Claire,,DUPONT,Jean,garde champêtre,X,99,2030-01-01,,,\n"),
    );
    wd.write("parrainage.toml", "election = 2027\n");
    let (json, code) = check(&wd, &[]);
    assert_eq!(code, 1);
    let found: Vec<String> = codes(&json).into_iter().map(|(_, code)| code).collect();
    assert_eq!(
        found,
        [
            "unknown-mandate",
            "unknown-department",
            "status-date-mismatch",
            "bad-date"
        ],
        "{json:#}"
    );
    for format in ["table", "github"] {
        let output = wd
            .cmd_as_of("2026-12-03")
            .args(["check", "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        for code in &found {
            assert!(text.contains(code.as_str()), "{format}: {code}\n{text}");
        }
    }
}

/// The settings of a 2027 ledger that sits in a folder, checked from the
/// repository root: they used to be ignored (2022 rules, `outside-window`
/// on every 2027 row).
fn team_repository(wd: &Workdir) {
    std::fs::create_dir_all(wd.path(".git")).unwrap();
    wd.write(
        "ledger/a.csv",
        format!("{HEADER}claimed,MARTIN Claire,,DUPONT,Jean,mayor,Verdun,55,2026-11-20,,,\n"),
    );
    wd.write(
        "ledger/parrainage.toml",
        "candidate = \"MARTIN Claire\"\nelection = 2027\n",
    );
}

#[test]
fn settings_are_found_beside_the_ledger() {
    let wd = Workdir::new();
    team_repository(&wd);
    // A settings file of the root, for 2022, is not the ledger's.
    wd.write("parrainage.toml", "election = 2022\n");
    let (json, code) = check(&wd, &["ledger/a.csv"]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(codes(&json), [], "{json:#}");
    // In the ledger directory, as a directory.
    let (json, _) = check(&wd, &["ledger"]);
    assert_eq!(codes(&json), [], "{json:#}");
    let doc = json_run(&wd, &["-l", "ledger/a.csv"]);
    assert!(
        doc["election"]["rules"]
            .as_str()
            .unwrap()
            .contains("set in ledger/parrainage.toml")
    );
}

fn json_run(wd: &Workdir, args: &[&str]) -> Value {
    let output = wd
        .cmd_as_of("2026-12-03")
        .args(args)
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn settings_are_found_in_a_parent_directory_up_to_the_repository_root() {
    let wd = Workdir::new();
    std::fs::create_dir_all(wd.path("repo/.git")).unwrap();
    wd.write("repo/parrainage.toml", "election = 2027\n");
    wd.write(
        "repo/ledger/team/a.csv",
        format!("{HEADER}claimed,MARTIN Claire,,DUPONT,Jean,mayor,X,55,2026-11-20,,,\n"),
    );
    let doc = json_run(&wd, &["-l", "repo/ledger/team/a.csv"]);
    let rules = doc["election"]["rules"].as_str().unwrap();
    assert!(
        rules.contains("set in") && rules.contains("repo/parrainage.toml"),
        "{rules}"
    );
    // Not above the repository's root.
    wd.write("parrainage.toml", "election = 2017\n");
    std::fs::remove_file(wd.path("repo/parrainage.toml")).unwrap();
    let doc = json_run(&wd, &["-l", "repo/ledger/team/a.csv"]);
    let rules = doc["election"]["rules"].as_str().unwrap();
    // Then the current directory's, the last resort.
    assert!(
        rules.starts_with("the 2017 election, set in parrainage.toml"),
        "{rules}"
    );
}

#[test]
fn config_then_the_environment_then_the_search() {
    let wd = Workdir::new();
    team_repository(&wd);
    wd.write("other.toml", "election = 2017\n");
    wd.write("env.toml", "election = 2022\n");
    let doc = json_run(&wd, &["--config", "other.toml", "-l", "ledger/a.csv"]);
    assert!(
        doc["election"]["rules"]
            .as_str()
            .unwrap()
            .starts_with("the 2017 election")
    );
    let output = wd
        .cmd_as_of("2026-12-03")
        .env("PARRAINAGE_CONFIG", "env.toml")
        .args(["-l", "ledger/a.csv", "report", "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        doc["election"]["rules"]
            .as_str()
            .unwrap()
            .starts_with("the 2022 election, set in env.toml")
    );
    // --config wins over the environment.
    let output = wd
        .cmd_as_of("2026-12-03")
        .env("PARRAINAGE_CONFIG", "env.toml")
        .args([
            "--config",
            "other.toml",
            "-l",
            "ledger/a.csv",
            "report",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        doc["election"]["rules"]
            .as_str()
            .unwrap()
            .starts_with("the 2017 election")
    );
}

#[test]
fn files_under_different_settings_are_each_checked_under_their_own() {
    let wd = Workdir::new();
    team_repository(&wd);
    wd.write(
        "old/b.csv",
        format!("{HEADER}validated,MARTIN Claire,,PETIT,Anne,mayor,Laon,02,2022-01-05,2022-02-08,,\n"),
    );
    wd.write(
        "old/parrainage.toml",
        "candidate = \"MARTIN Claire\"\nelection = 2022\n",
    );
    let (json, code) = check(&wd, &["ledger/a.csv", "old/b.csv"]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(codes(&json), [], "{json:#}");
    // report cannot count two elections together, and names both.
    let output = wd
        .cmd_as_of("2026-12-03")
        .args(["-l", "ledger/a.csv", "-l", "old/b.csv", "report"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("ledger/parrainage.toml") && stderr.contains("old/parrainage.toml"),
        "{stderr}"
    );
}

#[test]
fn a_settings_file_found_that_cannot_be_read_is_named_with_how_it_was_found() {
    let wd = Workdir::new();
    team_repository(&wd);
    wd.write("ledger/parrainage.toml", "election = \"soon\"\n");
    let output = wd
        .cmd_as_of("2026-12-03")
        .args(["check", "ledger/a.csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("ledger/parrainage.toml"), "{stderr}");
    assert!(stderr.contains("found beside the ledger"), "{stderr}");
}
