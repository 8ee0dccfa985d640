//! `parrainage report` end to end: every format on the fixtures (snapshots,
//! reviewed by eye), the choice of candidates, and the exit codes.

mod common;

use common::{HEADER, Workdir, fixture};
use serde_json::Value;

/// A workdir holding the campaign fixture and its settings (MARTIN Claire).
fn campaign() -> Workdir {
    let wd = Workdir::new();
    wd.copy_fixture("campaign/parrainages.csv", "parrainages.csv");
    wd.copy_fixture("campaign/parrainage.toml", "parrainage.toml");
    wd
}

/// Runs `report` with `args`, expects success, and returns stdout.
fn report(wd: &Workdir, args: &[&str]) -> String {
    let output = wd.cmd().arg("report").args(args).output().expect("run");
    assert!(
        output.status.success(),
        "report {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn json(wd: &Workdir, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend(args);
    serde_json::from_str(&report(wd, &all)).expect("one JSON document")
}

fn official_2022() -> String {
    fixture("official/cc-2022-sample.csv").display().to_string()
}

#[test]
fn table_of_the_campaign() {
    let wd = campaign();
    let out = report(&wd, &[]);
    // No line may overflow an 80-column terminal.
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    assert!(!out.contains('\x1b'), "NO_COLOR is set: no escape codes");
    insta::assert_snapshot!("campaign_table", out);
}

#[test]
fn colour_only_when_asked() {
    let wd = campaign();
    let out = report(&wd, &["--color", "always"]);
    assert!(out.contains("\x1b["), "--color always paints");
}

#[test]
fn json_of_the_campaign() {
    let wd = campaign();
    let out = report(&wd, &["--format", "json"]);
    insta::assert_snapshot!("campaign_json", out);
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(doc["as_of"], "2022-02-16");
    assert_eq!(doc["election"]["threshold"], 500);
    assert_eq!(doc["election"]["max_per_department"], 50);
    let martin = &doc["candidates"][0];
    assert_eq!(martin["candidate"], "MARTIN Claire");
    // 18 validated, 8 claimed and 3 sent; rejected + withdrawn + lost = 3.
    assert_eq!(martin["validated"], 18);
    assert_eq!(martin["claimed"], 29);
    assert_eq!(martin["pending"], 11);
    assert_eq!(martin["lost"], 3);
    assert_eq!(martin["usable"], 18);
    assert_eq!(martin["departments"], 15);
    assert_eq!(martin["qualified"], false);
    let by_date = martin["by_date"].as_array().expect("by_date");
    assert_eq!(by_date.last().expect("a date")["cumulative"], 18);
}

#[test]
fn csv_of_the_campaign() {
    let wd = campaign();
    let out = report(&wd, &["--format", "csv"]);
    insta::assert_snapshot!("campaign_csv", out);
    // One table per section, each headed by `section,…`, a blank line apart.
    let tables: Vec<&str> = out.split("\n\n").collect();
    assert_eq!(tables.len(), 4, "summary, mandate, department, date");
    for (table, name) in tables.iter().zip(["summary", "mandate", "department", "date"]) {
        let mut rows = csv::Reader::from_reader(table.as_bytes());
        assert_eq!(&rows.headers().expect("a header")[0], "section");
        for row in rows.records() {
            assert_eq!(&row.expect("a row")[0], name);
        }
    }
}

#[test]
fn markdown_of_the_campaign() {
    let wd = campaign();
    let out = report(&wd, &["--format", "markdown"]);
    insta::assert_snapshot!("campaign_markdown", out);
}

#[test]
fn by_selects_sections() {
    let wd = campaign();
    let out = report(&wd, &["--by", "department"]);
    assert!(out.contains("By département"));
    assert!(!out.contains("By mandate"));
    assert!(!out.contains("By publication date"));
    let out = report(&wd, &["--by", "mandate", "--by", "date"]);
    assert!(out.contains("By mandate") && out.contains("By publication date"));
    assert!(!out.contains("By département"));
}

#[test]
fn official_file_ranks_every_candidate() {
    let wd = Workdir::new();
    let out = report(&wd, &["--ledger", &official_2022()]);
    insta::assert_snapshot!("official_ranking_table", out);
}

#[test]
fn all_ranks_most_validated_first() {
    let wd = Workdir::new();
    let doc = json(&wd, &["--all", "--ledger", &official_2022()]);
    let names: Vec<&str> = doc["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .map(|c| c["candidate"].as_str().expect("a name"))
        .collect();
    // The sample spells her "MARTIN  Claire" and "MARTÍN Claire" too: one
    // candidate with 9, before DURAND Paul's 5.
    assert_eq!(names, ["MARTIN Claire", "DURAND Paul"]);
    assert_eq!(doc["candidates"][0]["validated"], 9);
    assert_eq!(doc["candidates"][1]["validated"], 5);
    // --all in JSON details every candidate.
    assert!(
        !doc["candidates"][1]["by_department"]
            .as_array()
            .expect("rows")
            .is_empty()
    );
}

#[test]
fn all_in_csv_and_markdown() {
    let wd = Workdir::new();
    let csv = report(&wd, &["--all", "--format", "csv", "--ledger", &official_2022()]);
    insta::assert_snapshot!("official_ranking_csv", csv);
    let markdown = report(
        &wd,
        &["--all", "--format", "markdown", "--ledger", &official_2022()],
    );
    insta::assert_snapshot!("official_ranking_markdown", markdown);
}

#[test]
fn official_2017_with_its_election() {
    let wd = Workdir::new();
    let path = fixture("official/cc-2017-sample.csv").display().to_string();
    let doc = json(&wd, &["--election", "2017", "--all", "--ledger", &path]);
    assert_eq!(doc["election"]["closes"], "2017-03-17T18:00:00+01:00");
    let names: Vec<&str> = doc["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .map(|c| c["candidate"].as_str().expect("a name"))
        .collect();
    // Two each: the tie is broken by name.
    assert_eq!(names, ["DURAND Paul", "LAMY Sophie"]);
}

#[test]
fn candidate_is_matched_without_case_accents_or_spaces() {
    let wd = Workdir::new();
    let doc = json(
        &wd,
        &["--candidate", "martín   CLAIRE", "--ledger", &official_2022()],
    );
    let candidates = doc["candidates"].as_array().expect("candidates");
    assert_eq!(candidates.len(), 1);
    assert_eq!(candidates[0]["candidate"], "MARTIN Claire");
}

#[test]
fn duplicate_official_counts_once() {
    let wd = Workdir::new();
    // The same official under both spellings of one candidate, as in the
    // real 2022 publication.
    wd.write(
        "cc.csv",
        "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n\
         Mme;DUMAS;Anne;Maire;Laon;Aisne;BÉKAERT Corinne;01/02/2022\n\
         Mme;DUMAS;Anne;Maire;Laon;Aisne;BEKAERT Corinne;03/02/2022\n\
         M.;ROY;Paul;Maire;Crécy;Aisne;BEKAERT Corinne;03/02/2022\n",
    );
    let output = wd
        .cmd()
        .args(["report", "--format", "json", "--ledger", "cc.csv"])
        .output()
        .expect("run");
    assert!(output.status.success());
    let doc: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(doc["candidates"].as_array().expect("candidates").len(), 1);
    assert_eq!(doc["candidates"][0]["validated"], 2);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("counted once"), "{stderr}");
}

#[test]
fn a_directory_is_one_ledger() {
    let wd = Workdir::new();
    let text = std::fs::read_to_string(fixture("campaign/parrainages.csv")).expect("fixture");
    let lines: Vec<&str> = text.lines().collect();
    let (north, south) = lines[1..].split_at(10);
    wd.write("ledger/a.csv", format!("{}\n{}\n", lines[0], north.join("\n")));
    wd.write("ledger/b.csv", format!("{}\n{}\n", lines[0], south.join("\n")));
    let doc = json(&wd, &["--ledger", "ledger"]);
    assert_eq!(doc["candidates"][0]["validated"], 18);
    assert_eq!(doc["candidates"][0]["claimed"], 29);
}

#[test]
fn unreadable_row_exits_1_and_points_to_check() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}validated,MARTIN Claire,,DUPONT,Jean,mayor,Laon,02,,2022-02-01,,\n\
             claimed,MARTIN Claire,,DURAND,Luc,conseiller municipal,Laon,02,,,,\n\
             claimed,MARTIN Claire,,ROY,Luc,grand chef,Laon,02,,,,\n"
        ),
    );
    let output = wd.cmd().arg("report").output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "no report from a ledger with errors");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("2 errors"), "{stderr}");
    assert!(stderr.contains("unknown-mandate"), "{stderr}");
    assert!(stderr.contains("parrainage check"), "{stderr}");
}

#[test]
fn missing_file_exits_2() {
    let wd = Workdir::new();
    let output = wd
        .cmd()
        .args(["report", "--ledger", "nowhere.csv"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nowhere.csv"));
}

#[test]
fn unknown_candidate_exits_2_with_close_names() {
    let wd = Workdir::new();
    let output = wd
        .cmd()
        .args([
            "report",
            "--candidate",
            "DURANT Paule",
            "--ledger",
            &official_2022(),
        ])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no candidate `DURANT Paule`"), "{stderr}");
    assert!(stderr.contains("DURAND Paul"), "{stderr}");
}

#[test]
fn new_ledger_starts_at_zero() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.copy_fixture("campaign/parrainage.toml", "parrainage.toml");
    let doc = json(&wd, &[]);
    let martin = &doc["candidates"][0];
    assert_eq!(martin["candidate"], "MARTIN Claire");
    assert_eq!(martin["validated"], 0);
    assert_eq!(martin["missing"]["sponsorships"], 500);
    // 500 over the 17 days from 16 February to the close day included.
    assert_eq!(martin["pace_needed"], 29.41);
}

#[test]
fn election_without_a_close_date() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,MARTIN Claire,,DUPONT,Jean,mayor,Laon,02,2026-11-02,,,\n"),
    );
    let doc = json(&wd, &["--election", "2027"]);
    assert_eq!(doc["election"]["closes"], Value::Null);
    assert_eq!(doc["election"]["days_left"], Value::Null);
    assert_eq!(doc["candidates"][0]["pace_needed"], Value::Null);
    assert_eq!(doc["candidates"][0]["claimed"], 1);
    let table = report(&wd, &["--election", "2027"]);
    assert!(table.contains("no close date"), "{table}");
}

#[test]
fn csv_defuses_formulas() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,=HYPERLINK(1) Evil,,DUPONT,Jean,mayor,Laon,02,,,,\n"),
    );
    let out = report(&wd, &["--format", "csv"]);
    assert!(out.contains(",'=HYPERLINK(1) Evil,"), "{out}");
    assert!(!out.contains(",=HYPERLINK"), "{out}");
}

#[test]
fn a_departement_at_the_cap_is_marked() {
    let wd = Workdir::new();
    let mut csv =
        String::from("Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n");
    // 51 mayors of the Aisne and one of the Aude: 52 validated, 51 usable.
    for n in 0..51 {
        csv.push_str(&format!(
            "M.;MAIRE{n};Jean;Maire;Commune {n};Aisne;ROY Léa;01/02/2022\n"
        ));
    }
    csv.push_str("M.;MAIRE;Paul;Maire;Limoux;Aude;ROY Léa;03/02/2022\n");
    wd.write("cc.csv", csv);
    let doc = json(&wd, &["--ledger", "cc.csv"]);
    let roy = &doc["candidates"][0];
    assert_eq!(roy["validated"], 52);
    assert_eq!(roy["usable"], 51);
    assert_eq!(roy["nearest_cap"]["code"], "02");
    assert_eq!(roy["at_cap"][0]["code"], "02");
    assert_eq!(roy["by_department"][0]["at_cap"], true);
    assert_eq!(roy["by_department"][1]["at_cap"], false);
    let table = report(&wd, &["--ledger", "cc.csv", "--by", "department"]);
    assert!(table.contains("At the cap    02 Aisne (51)"), "{table}");
    let aisne = table.lines().find(|l| l.contains("Aisne") && l.contains('│'));
    assert!(aisne.is_some_and(|l| l.contains("at cap")), "{table}");
}
