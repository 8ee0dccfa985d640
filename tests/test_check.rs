//! `parrainage check`: every diagnostic code, every format, the exit codes.

mod common;

use common::{HEADER, Workdir, fixture};
use predicates::prelude::*;
use serde_json::Value;

/// Runs `check --format json` and returns the document and the exit code.
fn check_json(wd: &Workdir, args: &[&str]) -> (Value, i32) {
    let output = wd
        .cmd()
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).expect("one JSON document on stdout");
    (json, output.status.code().unwrap())
}

fn has(json: &Value, line: u64, code: &str) -> bool {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["line"] == line && d["code"] == code)
}

#[test]
fn the_shipped_campaign_ledger_is_clean_but_for_its_homonym_warning() {
    let wd = Workdir::new();
    let (json, code) = check_json(&wd, &[fixture("campaign/parrainages.csv").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(json["errors"], 0);
    assert_eq!(json["warnings"], 1);
    // The two LEFEBVRE Michel of the Nord: a warning, never an error.
    assert!(has(&json, 7, "possible-duplicate"));
}

#[test]
fn every_problem_is_reported_at_its_line() {
    let wd = Workdir::new();
    let (json, code) = check_json(&wd, &[fixture("broken/every-problem.csv").to_str().unwrap()]);
    assert_eq!(code, 1);
    let expected = [
        (3, "duplicate-sponsor"), // "Hélène" and "HELENE", "Jouy-en-Argonne" and "JOUY EN ARGONNE"
        (4, "unknown-status"),
        (5, "unknown-mandate"),
        (6, "ineligible-mandate"),
        (7, "unknown-department"),
        (8, "bad-date"), // 2022-02-30
        (9, "bad-date"), // dd/mm/yyyy
        (10, "status-date-mismatch"),
        (11, "malformed-csv"), // ragged row
        (13, "several-candidates"),
        (14, "outside-window"),
        (15, "formula-cell"),
        (17, "possible-duplicate"),
        (18, "missing-value"),
    ];
    for (line, code) in expected {
        assert!(has(&json, line, code), "expected {code} at line {line}: {json:#}");
    }
    assert_eq!(json["errors"], 12);
    assert_eq!(json["warnings"], 2);
    // Lines 2, 12 and 16 are the first of their pairs: nothing wrong there.
    for line in [2, 12, 16] {
        assert!(
            !json["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["line"] == line)
        );
    }
}

#[test]
fn diagnostics_have_the_stable_keys() {
    let wd = Workdir::new();
    let (json, _) = check_json(&wd, &[fixture("broken/every-problem.csv").to_str().unwrap()]);
    let first = &json["diagnostics"][0];
    for key in ["file", "line", "column", "severity", "code", "message"] {
        assert!(first.get(key).is_some(), "missing key {key} in {first}");
    }
    let unknown_status = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown-status")
        .unwrap();
    assert_eq!(unknown_status["column"], "status");
    assert_eq!(unknown_status["severity"], "error");
}

#[test]
fn human_format_names_file_line_column_and_hint() {
    let wd = Workdir::new();
    wd.cmd()
        .args(["check", fixture("broken/every-problem.csv").to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("every-problem.csv:6: error[ineligible-mandate]: column `mandate`: `conseiller municipal` cannot sponsor"))
        .stdout(predicate::str::contains("only the mayor"))
        .stdout(predicate::str::contains("every-problem.csv:9: error[bad-date]"))
        .stdout(predicate::str::contains("hint: write it as YYYY-MM-DD: 2022-01-05"))
        .stdout(predicate::str::contains("12 errors, 2 warnings in 1 file (17 rows)"));
}

#[test]
fn github_format_gives_workflow_annotations() {
    let wd = Workdir::new();
    let output = wd
        .cmd()
        .args([
            "check",
            "--format",
            "github",
            fixture("broken/every-problem.csv").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 14, "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::error file=") && l.contains(",line=4,title=unknown-status::"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::warning file=") && l.contains("title=possible-duplicate"))
    );
    // Hints are on the same annotation, newlines escaped.
    assert!(lines.iter().all(|l| l.starts_with("::")));
}

#[test]
fn deny_warnings_fails_on_warnings_only_ledgers() {
    let wd = Workdir::new();
    let ledger = fixture("campaign/parrainages.csv");
    wd.cmd()
        .args(["check", ledger.to_str().unwrap()])
        .assert()
        .code(0);
    wd.cmd()
        .args(["check", "--deny-warnings", ledger.to_str().unwrap()])
        .assert()
        .code(1);
}

#[test]
fn empty_file_is_an_error_and_header_only_is_clean() {
    let wd = Workdir::new();
    wd.cmd()
        .args(["check", fixture("broken/empty.csv").to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[missing-column]: the file is empty",
        ));
    wd.cmd()
        .args(["check", fixture("broken/header-only.csv").to_str().unwrap()])
        .assert()
        .code(0);
}

#[test]
fn a_file_that_is_not_a_ledger_lists_its_missing_columns() {
    let wd = Workdir::new();
    let (json, code) = check_json(&wd, &[fixture("broken/not-a-ledger.csv").to_str().unwrap()]);
    assert_eq!(code, 1);
    // Neither a campaign ledger nor a known publication: one error that
    // names every format the tool reads.
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{json:#}");
    assert_eq!(diagnostics[0]["code"], "missing-column");
    let message = diagnostics[0]["message"].as_str().unwrap();
    for format in [
        "2017 CSV",
        "2022 CSV",
        "2022 JSON",
        "Candidat-e parrainé-e",
        "DatePublication",
    ] {
        assert!(message.contains(format), "{message}");
    }
}

#[test]
fn missing_file_or_directory_without_ledgers_exits_2() {
    let wd = Workdir::new();
    wd.cmd()
        .args(["check", "missing.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.csv: no such file"));
    std::fs::create_dir(wd.path("empty-dir")).unwrap();
    wd.cmd()
        .args(["check", "empty-dir"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds no .csv ledger file"));
}

#[test]
fn a_directory_is_read_as_one_ledger() {
    let wd = Workdir::new();
    wd.write(
        "team/alice.csv",
        format!("{HEADER}claimed,MARTIN Claire,,DUPONT,Jean,mayor,Verdun,55,2022-01-05,,,\n"),
    );
    wd.write(
        "team/bob.csv",
        format!("{HEADER}claimed,MARTIN Claire,,Dupont,Jean,Maire,verdun,Meuse,2022-01-09,,,\n"),
    );
    wd.write("team/notes.txt", "not a ledger");
    let (json, code) = check_json(&wd, &["team"]);
    assert_eq!(code, 1);
    let duplicate = &json["diagnostics"][0];
    assert_eq!(duplicate["code"], "duplicate-sponsor");
    assert!(duplicate["file"].as_str().unwrap().ends_with("bob.csv"));
    assert!(duplicate["message"].as_str().unwrap().contains("alice.csv:2"));
}

#[test]
fn the_ledger_defaults_to_the_environment_then_to_parrainages_csv() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,MARTIN Claire,,DUPONT,Jean,mayor,Verdun,55,2022-01-05,,,\n"),
    );
    wd.write(
        "other.csv",
        format!("{HEADER}claimed,MARTIN Claire,,DUPONT,Jean,astronaut,Verdun,55,2022-01-05,,,\n"),
    );
    wd.cmd().arg("check").assert().code(0);
    wd.cmd()
        .arg("check")
        .env("PARRAINAGE_LEDGER", "other.csv")
        .assert()
        .code(1);
    // A flag wins over the environment, before or after the subcommand.
    wd.cmd()
        .args(["check", "--ledger", "parrainages.csv"])
        .env("PARRAINAGE_LEDGER", "other.csv")
        .assert()
        .code(0);
    wd.cmd().args(["--ledger", "other.csv", "check"]).assert().code(1);
}

#[test]
fn official_publications_are_read_as_validated_ledgers() {
    let wd = Workdir::new();
    let (json, code) = check_json(&wd, &[fixture("official/cc-2022-sample.csv").to_str().unwrap()]);
    assert_eq!(code, 0, "{json:#}");
    // The Conseil has told its homonyms apart: no warning for them.
    assert_eq!(json["warnings"], 0);
    // Every 2017 label and département spelling is read, and the file's
    // own dates choose the 2017 window.
    let sample_2017 = fixture("official/cc-2017-sample.csv");
    let (json, code) = check_json(&wd, &[sample_2017.to_str().unwrap()]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["warnings"], 0, "{json:#}");
    // Told otherwise, the 2022 window applies, and says why it fails.
    let (json, code) = check_json(&wd, &["--election", "2022", sample_2017.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        json["diagnostics"][0]["hint"]
            .as_str()
            .unwrap()
            .contains("--election 2017")
    );
}

#[test]
fn an_unknown_label_in_a_publication_is_still_an_error() {
    // The checks are not turned off for official files: a label the tool
    // does not know is said plainly, never dropped or miscounted.
    let wd = Workdir::new();
    let text = std::fs::read_to_string(fixture("official/cc-2017-sample.csv")).unwrap();
    wd.write(
        "cc-2017.csv",
        text.replacen("Sénateur/trice", "Astronaute/trice", 1),
    );
    let (json, code) = check_json(&wd, &["cc-2017.csv"]);
    assert_eq!(code, 1);
    assert_eq!(json["errors"], 1, "{json:#}");
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["code"], "unknown-mandate");
    assert_eq!(diagnostic["line"], 5);
    assert!(diagnostic["message"].as_str().unwrap().contains("2017 CSV"));
    // The report refuses to count rather than count it wrong.
    wd.cmd()
        .args(["report", "--all", "--ledger", "cc-2017.csv"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("unknown-mandate"));
}

#[test]
fn an_official_listed_twice_under_two_spellings_of_a_candidate_is_found() {
    // The 2022 data lists one mayor for both "BÉKAERT Corinne" and
    // "BEKAERT Corinne": one candidate, so the second row is a duplicate.
    let wd = Workdir::new();
    wd.write(
        "cc.csv",
        "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\r\n\
         Mme;LICHT;Monique;Maire;Neewiller-près-Lauterbourg;Bas-Rhin;BÉKAERT Corinne;03/03/2022\r\n\
         Mme;LICHT;Monique;Maire;Neewiller-près-Lauterbourg;Bas-Rhin;BEKAERT Corinne;07/03/2022\r\n\
         M.;LEFEBVRE;Michel;Maire;Wattrelos;Nord;BEKAERT Corinne;07/03/2022\r\n\
         M.;LEFEBVRE;Michel;Conseiller départemental;Roubaix-1;Nord;DURAND Paul;07/03/2022\r\n",
    );
    let (json, code) = check_json(&wd, &["cc.csv"]);
    assert_eq!(code, 1);
    assert_eq!(json["errors"], 1);
    assert!(has(&json, 3, "duplicate-sponsor"));
    assert_eq!(
        json["warnings"], 0,
        "homonyms in an official file are not duplicates"
    );
}

#[test]
fn separators_bom_and_crlf_are_read() {
    let wd = Workdir::new();
    let row = [
        "claimed",
        "MARTIN Claire",
        "",
        "DUPONT",
        "Jean",
        "Maire",
        "Jouy-en-Argonne",
        "Meuse",
        "",
        "",
        "",
        "",
    ];
    for (name, sep) in [("semi.csv", ";"), ("tab.csv", "\t")] {
        let header = HEADER.trim_end().replace(',', sep);
        wd.write(name, format!("\u{feff}{header}\r\n{}\r\n", row.join(sep)));
        let (json, code) = check_json(&wd, &[name]);
        assert_eq!(code, 0, "{name}: {json:#}");
    }
}

#[test]
fn mandates_of_the_french_abroad_and_meps_are_placed_by_law() {
    let wd = Workdir::new();
    wd.write(
        "l.csv",
        format!(
            "{HEADER}claimed,MARTIN Claire,,NOVAK,Ewa,mep,,Nord,,,,\n\
             claimed,MARTIN Claire,,DUVAL,Tom,afe-councillor,Suisse,,,,,\n\
             claimed,MARTIN Claire,,KLEIN,Sophie,deputy,,ZZ,,,,\n\
             claimed,MARTIN Claire,,HAUT,Paul,mayor,Lyon,ZZ,,,,\n"
        ),
    );
    let (json, code) = check_json(&wd, &["l.csv"]);
    assert_eq!(code, 1);
    // An MEP counts in EU whatever the département written: a warning.
    assert!(has(&json, 2, "department-mismatch"));
    assert_eq!(json["diagnostics"][0]["severity"], "warning");
    // A mayor cannot be elected among the French abroad: an error.
    assert!(has(&json, 5, "department-mismatch"));
    assert_eq!(json["errors"], 1);
}

#[test]
fn no_panic_on_odd_bytes() {
    let wd = Workdir::new();
    let inputs: [&[u8]; 6] = [
        b"\xff\xfe\x00\x01garbage",
        b"\"unterminated,quote\n",
        b"status\n\"a\"\"b\n",
        b"\n\n\n",
        b"status,candidate\r\nclaimed,\xe9t\xe9\r\n",
        b",,,,\n,,,,\n",
    ];
    for (i, input) in inputs.iter().enumerate() {
        let name = format!("odd{i}.csv");
        wd.write(&name, input);
        let output = wd.cmd().args(["check", &name]).output().unwrap();
        let code = output.status.code().unwrap();
        assert!(code == 1 || code == 0, "{name}: exit {code}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn dates_are_cross_checked() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}validated,MARTIN Claire,,A,Jean,mayor,Laon,02,2022-02-20,2022-02-08,,\n\
             validated,MARTIN Claire,,B,Jean,mayor,Laon,03,2021-11-02,2099-02-08,,\n"
        ),
    );
    let (json, code) = check_json(&wd, &[]);
    assert_eq!(code, 1, "{json:#}");
    // A promise dated after its own publication: a warning.
    assert!(has(&json, 2, "status-date-mismatch"), "{json:#}");
    // A publication dated after today's real date (not --as-of): an error.
    let future = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["line"] == 3 && d["code"] == "bad-date")
        .expect("bad-date on line 3");
    assert_eq!(future["severity"], "error");
    assert!(future["message"].as_str().unwrap().contains("in the future"));
}

#[test]
fn one_candidate_spelled_two_ways_is_one_candidate() {
    // A volunteer types the candidate first name first: the same official
    // for "Anasse Kazib" and "KAZIB Anasse" is a duplicate, not two
    // candidates.
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}claimed,KAZIB Anasse,,A,Jean,mayor,Laon,02,2021-11-02,,,\n\
             claimed,Anasse Kazib,,A,Jean,mayor,Laon,02,2021-11-03,,,\n"
        ),
    );
    let (json, code) = check_json(&wd, &[]);
    assert_eq!(code, 1);
    assert!(has(&json, 3, "duplicate-sponsor"), "{json:#}");
    assert!(!has(&json, 3, "several-candidates"), "{json:#}");
}
