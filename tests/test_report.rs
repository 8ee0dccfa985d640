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
    // As of 16 February, 9 of the 18 were published; the other 9, claimed
    // before, were pending then, and so was the claim published for
    // DURAND Paul on 22 February (lost only from then).
    assert_eq!(martin["validated"], 9);
    assert_eq!(martin["claimed"], 30);
    assert_eq!(martin["pending"], 21);
    assert_eq!(martin["lost"], 2);
    assert_eq!(martin["usable"], 9);
    assert_eq!(martin["departments"], 7);
    assert_eq!(martin["qualified"], false);
    let by_date = martin["by_date"].as_array().expect("by_date");
    assert_eq!(by_date.last().expect("a date")["cumulative"], 9);
    // After the last publication, all 18.
    let output = wd
        .cmd_as_of("2022-03-08")
        .args(["report", "--format", "json"])
        .output()
        .expect("run");
    let doc: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(doc["candidates"][0]["validated"], 18);
    assert_eq!(doc["candidates"][0]["pending"], 11);
    assert_eq!(doc["candidates"][0]["departments"], 15);
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
    // candidate with 6 published by 16 February, before DURAND Paul's 1.
    assert_eq!(names, ["MARTIN Claire", "DURAND Paul"]);
    assert_eq!(doc["candidates"][0]["validated"], 6);
    assert_eq!(doc["candidates"][1]["validated"], 1);
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
    // No --election: the publication's dates choose the 2017 rules.
    let doc = json(&wd, &["--all", "--ledger", &path]);
    assert_eq!(doc["election"]["closes"], "2017-03-17T18:00:00+01:00");
    assert!(
        doc["election"]["rules"]
            .as_str()
            .unwrap()
            .contains("2017 election, chosen by the publication's own dates")
    );
    let names: Vec<&str> = doc["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .map(|c| c["candidate"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, ["DURAND Paul", "LAMY Sophie"]);
    let validated: Vec<u64> = doc["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["validated"].as_u64().unwrap())
        .collect();
    assert_eq!(validated, [13, 12]);
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
    // As of 16 February: 9 of the 18 validated were published by then,
    // and the claim published for DURAND Paul on 22 February was pending.
    assert_eq!(doc["candidates"][0]["validated"], 9);
    assert_eq!(doc["candidates"][0]["claimed"], 30);
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

fn json_as_of(wd: &Workdir, day: &str, args: &[&str]) -> Value {
    let output = wd
        .cmd_as_of(day)
        .arg("report")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn as_of_gives_the_standings_after_that_days_publication() {
    let wd = Workdir::new();
    let sample = official_2022();
    let validated = |day: &str| {
        let doc = json_as_of(&wd, day, &["--all", "--ledger", &sample]);
        doc["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["candidate"].as_str().unwrap().to_string(),
                    c["validated"].as_u64().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    // Published by 8 February: BERTRAND (1st), CORDIER (3rd), LEFEBVRE
    // for her, LEFEBVRE for him (8th).
    assert_eq!(
        validated("2022-02-08"),
        [("MARTIN Claire".to_string(), 3), ("DURAND Paul".to_string(), 1)]
    );
    assert_eq!(validated("2022-01-31"), []);
    assert_eq!(
        validated("2022-03-07"),
        [("MARTIN Claire".to_string(), 9), ("DURAND Paul".to_string(), 5)]
    );
}

#[test]
fn as_of_counts_a_ledger_as_it_stood_that_day() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}validated,MARTIN Claire,,A,Jean,mayor,Laon,02,2021-11-02,2022-02-03,,\n\
             validated,MARTIN Claire,,B,Jean,mayor,Laon,03,2021-11-02,2022-02-15,,\n\
             validated,MARTIN Claire,,C,Jean,mayor,Laon,04,,2022-02-15,,\n\
             validated,MARTIN Claire,,D,Jean,mayor,Laon,05,2022-02-12,2022-02-15,,\n\
             claimed,MARTIN Claire,,E,Jean,mayor,Laon,06,2022-02-01,,,\n\
             claimed,MARTIN Claire,,F,Jean,mayor,Laon,07,2022-02-20,,,\n\
             withdrawn,MARTIN Claire,,G,Jean,mayor,Laon,08,2022-02-20,,,\n"
        ),
    );
    let doc = json_as_of(&wd, "2022-02-10", &[]);
    let c = &doc["candidates"][0];
    // A: validated by then. B: claimed by then, published later: pending.
    // C and D: unknown to the campaign on the 10th. E pending; F and G
    // not yet claimed: they count nowhere, whatever their status.
    assert_eq!(c["validated"], 1, "{c:#}");
    assert_eq!(c["pending"], 2, "{c:#}");
    assert_eq!(c["claimed"], 3, "{c:#}");
    assert_eq!(c["lost"], 0, "{c:#}");
    assert_eq!(c["by_date"].as_array().unwrap().len(), 1);
    let doc = json_as_of(&wd, "2022-02-20", &[]);
    assert_eq!(doc["candidates"][0]["validated"], 4);
    assert_eq!(doc["candidates"][0]["claimed"], 6);
}

#[test]
fn the_2022_json_reads_as_the_csv() {
    let wd = Workdir::new();
    let csv = fixture("official/cc-2022-sample.csv").display().to_string();
    let json_file = fixture("official/cc-2022-sample.json").display().to_string();
    let mut from_csv = json_as_of(&wd, "2022-03-08", &["--all", "--ledger", &csv]);
    let mut from_json = json_as_of(&wd, "2022-03-08", &["--all", "--ledger", &json_file]);
    // Only the file named in the rules' sentence differs.
    for doc in [&mut from_csv, &mut from_json] {
        doc["election"]["rules"] = Value::Null;
    }
    assert_eq!(from_csv, from_json);
    assert_eq!(from_json["candidates"][0]["validated"], 9);
}

#[test]
fn the_2027_preset_closes_on_12_march_2027() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,MARTIN Claire,,DUPONT,Jean,mayor,Laon,02,2026-11-02,,,\n"),
    );
    let doc = json_as_of(&wd, "2026-12-01", &["--election", "2027"]);
    assert_eq!(doc["election"]["closes"], "2027-03-12T18:00:00+01:00");
    assert_eq!(doc["election"]["first_round"], "2027-04-18");
    assert_eq!(doc["election"]["opens"], Value::Null);
    let rules = doc["election"]["rules"].as_str().unwrap();
    assert!(rules.contains("not yet published"), "{rules}");
}

#[test]
fn the_shared_constituency_is_noted_once() {
    let wd = Workdir::new();
    let output = wd
        .cmd()
        .args(["report", "--all", "--ledger", &official_2022()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    // HODGE, published on 24 February, is not counted on the 16th.
    assert!(stderr.contains("Saint-Martin / Saint-Barthélemy"), "{stderr}");
    assert_eq!(
        stderr.matches("Saint-Martin / Saint-Barthélemy").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn a_publications_dates_choose_its_election_whatever_its_format() {
    // The 2022 format, as 2027 may well reuse it, with dates of another
    // preset year: the dates decide.
    let wd = Workdir::new();
    let text = std::fs::read_to_string(fixture("official/cc-2022-sample.csv")).unwrap();
    wd.write(
        "cc.csv",
        text.replace("/03/2022", "/04/2017")
            .replace("/02/2022", "/03/2017"),
    );
    let doc = json_as_of(&wd, "2017-04-20", &["--all", "--ledger", "cc.csv"]);
    assert_eq!(doc["election"]["first_round"], "2017-04-23");
    assert!(
        doc["election"]["rules"]
            .as_str()
            .unwrap()
            .contains("2017 election")
    );
}

#[test]
fn a_candidate_typed_first_name_first_counts_once() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}claimed,KAZIB Anasse,,A,Jean,mayor,Laon,02,2021-11-02,,,\n\
             claimed,Anasse Kazib,,B,Jean,mayor,Laon,03,2021-11-03,,,\n"
        ),
    );
    let doc = json_as_of(&wd, "2022-02-01", &["--all"]);
    let candidates = doc["candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 1, "{doc:#}");
    assert_eq!(candidates[0]["claimed"], 2);
}

/// The report of `wd` as of `day`, as a table.
fn table_as_of(wd: &Workdir, day: &str) -> String {
    let output = wd.cmd_as_of(day).arg("report").output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// On 3 March 2022, the close being 4 March at 18:00, two days are left
/// (both included), and the pace is what is missing over those two days.
#[test]
fn days_left_and_pace_agree() {
    let wd = campaign();
    let report = json_as_of(&wd, "2022-03-03", &[]);
    assert_eq!(report["election"]["days_left"], 2);
    let c = &report["candidates"][0];
    let missing = c["missing"]["sponsorships"].as_f64().unwrap();
    assert_eq!(
        c["pace_needed"].as_f64().unwrap(),
        (missing / 2.0 * 100.0).round() / 100.0
    );
    let table = table_as_of(&wd, "2022-03-03");
    assert!(table.contains("2 days left"), "{table}");
    assert!(table.contains("Claimed = Validated + Pending"), "{table}");
    let closing = json_as_of(&wd, "2022-03-04", &[]);
    assert_eq!(closing["election"]["days_left"], 1);
    assert_eq!(closing["candidates"][0]["pace_needed"].as_f64().unwrap(), missing);
}

/// The forecast appears once 20 claims are decided, at the rate of those
/// with a claim date, and is said not to be a promise.
#[test]
fn forecast_once_twenty_claims_are_decided() {
    let wd = Workdir::new();
    let mut text = String::from(HEADER);
    let row = |status: &str, i: usize, published: &str| {
        format!("{status},MARTIN Claire,,NOM{status}{i},Ana,mayor,C{i},02,2022-01-05,{published},,\n")
    };
    for i in 0..15 {
        text.push_str(&row("validated", i, "2022-02-01"));
    }
    for i in 0..4 {
        text.push_str(&row("rejected", i, ""));
    }
    for i in 0..10 {
        text.push_str(&row("claimed", i, ""));
    }
    wd.write("parrainages.csv", &text);
    assert_eq!(json(&wd, &[])["candidates"][0]["forecast"], Value::Null);
    text.push_str(&row("withdrawn", 0, ""));
    wd.write("parrainages.csv", &text);
    let forecast = &json(&wd, &[])["candidates"][0]["forecast"];
    assert_eq!(forecast["rate"], 0.75);
    assert_eq!(forecast["expected"], 22.5);
    let table = report(&wd, &[]);
    assert!(table.contains("Forecast"), "{table}");
    assert!(
        table.contains("at the current rate") && table.contains("not a promise"),
        "{table}"
    );
}

/// One `--by` section in CSV is one table with one header, as a strict
/// CSV reader (xsv's) takes it; several sections stay stacked.
#[test]
fn one_section_in_csv_is_one_table() {
    let wd = campaign();
    for by in ["mandate", "department", "date"] {
        let text = report(&wd, &["--by", by, "--format", "csv"]);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        assert_eq!(&header[0], "section");
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("one table")).collect();
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|r| &r[0] == by), "{by}: {text}");
    }
    let stacked = report(&wd, &["--by", "mandate,date", "--format", "csv"]);
    assert!(
        stacked.contains("\n\nsection,candidate,mandate") || stacked.contains("\nsection,candidate,mandate")
    );
    assert!(stacked.contains("section,candidate,date"), "{stacked}");
}
