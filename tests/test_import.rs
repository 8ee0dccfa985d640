//! `parrainage import`: reconciling a ledger with the Conseil
//! constitutionnel's publications, end to end with the real binary.

mod common;

use common::{HEADER, Workdir};
use serde_json::Value;

const FIRST: &str = "import/cc-2022-02-08.csv";
const SECOND: &str = "import/cc-2022-02-15.csv";

/// A workdir with the import fixtures' ledger and both publications.
fn workdir() -> Workdir {
    let wd = Workdir::new();
    wd.copy_fixture("import/parrainages.csv", "parrainages.csv");
    wd.copy_fixture(FIRST, "cc-2022-02-08.csv");
    wd.copy_fixture(SECOND, "cc-2022-02-15.csv");
    wd
}

fn import_json(wd: &Workdir, publication: &str, extra: &[&str]) -> Value {
    let output = wd
        .cmd()
        .args([
            "--candidate",
            "MARTIN Claire",
            "import",
            publication,
            "--format",
            "json",
        ])
        .args(extra)
        .output()
        .expect("run parrainage");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON document")
}

fn names(report: &Value, category: &str) -> Vec<String> {
    report["entries"][category]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|e| {
                    format!(
                        "{} {}",
                        e["last_name"].as_str().unwrap_or(""),
                        e["mandate"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn first_publication_moves_claims_forward() {
    let wd = workdir();
    let report = import_json(&wd, "cc-2022-02-08.csv", &[]);
    // Volunteer-typed claims: lower case, "Jouy en Argonne", "meuse", no
    // accent on Hélène, the candidate published as "MARTÍN Claire" and
    // "MARTIN  Claire", an empty official circonscription.
    assert_eq!(
        names(&report, "confirmed"),
        [
            "morel mayor",
            "Rousseau departmental-councillor",
            "FONTAINE regional-councillor",
            "BONNET mayor"
        ]
    );
    assert_eq!(report["confirmed"], 4);
    assert_eq!(names(&report, "added"), ["PERRIN delegate-mayor"]);
    // The LEFEBVRE homonyms: the councillor published for DURAND Paul is
    // lost, the mayor stays validated; neither steals the other's row.
    assert_eq!(
        names(&report, "lost"),
        ["LEFEBVRE departmental-councillor", "FRANCOIS mayor"]
    );
    assert_eq!(report["entries"]["lost"][0]["published_for"], "DURAND Paul");
    assert_eq!(
        names(&report, "already_validated"),
        ["GIRARD mayor", "LEFEBVRE mayor"]
    );
    assert_eq!(names(&report, "pending"), ["DUPUIS mayor", "ANDRE mayor"]);
    assert_eq!(report["written"], true);

    let ledger = wd.read("parrainages.csv");
    assert!(ledger.contains(
        "validated,martin claire,M.,morel,pascal,Maire,Jouy en Argonne,meuse,2022-01-05,2022-02-08,tournée Meuse,\n"
    ));
    assert!(ledger.contains(
        "lost,MARTIN Claire,M.,LEFEBVRE,Michel,departmental-councillor,Roubaix-1,59,2022-01-10,2022-02-08,fédé Nord,homonym of the mayor? to call; published for DURAND Paul on 2022-02-08\n"
    ));
    assert!(ledger.contains(
        "validated,MARTIN Claire,M.,LEFEBVRE,Michel,mayor,Wattrelos,59,2021-10-20,2022-02-08,fédé Nord,\n"
    ));
    assert!(ledger.ends_with(
        "validated,MARTIN Claire,Mme,PERRIN,Agnès,delegate-mayor,Saint-Lizier,09,,2022-02-08,cc-2022-02-08.csv,\n"
    ));
    // What the import wrote passes `check`.
    wd.cmd().args(["check"]).assert().success();
}

#[test]
fn anomalies_and_reviews_are_reported_not_applied() {
    let wd = workdir();
    let report = import_json(&wd, "cc-2022-02-08.csv", &[]);
    let anomalies = report["anomalies"].as_array().expect("anomalies");
    assert_eq!(anomalies.len(), 1);
    assert_eq!(anomalies[0]["code"], "published-despite-status");
    assert_eq!(anomalies[0]["ledger_line"], 9);
    // The withdrawn entry is kept as it is, and not added a second time.
    assert!(
        wd.read("parrainages.csv")
            .contains("withdrawn,MARTIN Claire,M.,WEBER")
    );
    assert_eq!(wd.read("parrainages.csv").matches("WEBER").count(), 1);
    // A mayor who signed as departmental councillor: matched, to review.
    let review = report["review"].as_array().expect("review");
    assert_eq!(review.len(), 1);
    assert_eq!(review[0]["code"], "other-mandate");
    assert!(
        review[0]["official"]
            .as_str()
            .unwrap_or("")
            .starts_with("BONNET Alain")
    );
}

#[test]
fn a_second_import_changes_nothing() {
    let wd = workdir();
    import_json(&wd, "cc-2022-02-08.csv", &[]);
    let after_first = wd.read_bytes("parrainages.csv");
    let report = import_json(&wd, "cc-2022-02-08.csv", &[]);
    assert_eq!(wd.read_bytes("parrainages.csv"), after_first);
    assert_eq!(report["written"], false);
    assert_eq!(report["confirmed"], 0);
    assert_eq!(report["added"], 0);
    assert_eq!(report["lost"], 0);
    wd.cmd()
        .args(["--candidate", "MARTIN Claire", "import", "cc-2022-02-08.csv"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Nothing to change"));
}

#[test]
fn successive_publications_move_claims_forward() {
    let wd = workdir();
    import_json(&wd, "cc-2022-02-08.csv", &[]);
    let report = import_json(&wd, "cc-2022-02-15.csv", &[]);
    assert_eq!(names(&report, "confirmed"), ["DUPUIS mayor"]);
    assert_eq!(names(&report, "added"), ["NOVAK mep"]);
    assert_eq!(report["lost"], 0);
    assert_eq!(names(&report, "pending"), ["ANDRE mayor"]);
    assert_eq!(report["already_validated"], 7);
    assert_eq!(report["publication_date"], "2022-02-15");
    let ledger = wd.read("parrainages.csv");
    assert!(
        ledger.contains("validated,MARTIN Claire,M.,DUPUIS,Henri,mayor,Bousbecque,59,2021-12-15,2022-02-15,")
    );
    assert!(
        ledger.ends_with("validated,MARTIN Claire,Mme,NOVAK,Ewa,mep,,EU,,2022-02-15,cc-2022-02-15.csv,\n")
    );
    // Importing the older publication again: nothing goes back.
    let before = wd.read_bytes("parrainages.csv");
    let report = import_json(&wd, "cc-2022-02-08.csv", &[]);
    assert_eq!(wd.read_bytes("parrainages.csv"), before);
    // Entries published after that older file are not "missing" from it.
    assert_eq!(report["anomalies"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_validated_entry_missing_from_a_later_publication_is_an_anomaly() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}validated,MARTIN Claire,M.,ZOLA,Emile,mayor,Lens,62,,2022-02-03,,\n"),
    );
    wd.copy_fixture(FIRST, "cc.csv");
    let report = import_json(&wd, "cc.csv", &[]);
    assert_eq!(report["anomalies"][0]["code"], "missing-from-publication");
    assert_eq!(report["entries"]["unchanged"][0]["last_name"], "ZOLA");
}

#[test]
fn dry_run_writes_nothing() {
    let wd = workdir();
    let before = wd.read_bytes("parrainages.csv");
    let report = import_json(&wd, "cc-2022-02-08.csv", &["--dry-run"]);
    assert_eq!(wd.read_bytes("parrainages.csv"), before);
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["written"], false);
    assert_eq!(report["confirmed"], 4);
    wd.cmd()
        .args([
            "--candidate",
            "MARTIN Claire",
            "import",
            "cc-2022-02-08.csv",
            "--dry-run",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "Dry run, nothing written: 6 row(s) would change, 1 would be added",
        ));
    assert_eq!(wd.read_bytes("parrainages.csv"), before);
}

#[test]
fn keeps_separator_bom_crlf_and_extra_columns() {
    let wd = workdir();
    // The fixture ledger as French Excel saves it, with a column of ours.
    let lines: Vec<String> = wd
        .read("parrainages.csv")
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let extra = if i == 0 {
                "téléphone".to_string()
            } else {
                format!("06 00 00 00 {i:02}")
            };
            format!("{};{extra}", line.replace(',', ";"))
        })
        .collect();
    let mut original = b"\xEF\xBB\xBF".to_vec();
    original.extend(lines.join("\r\n").into_bytes());
    original.extend(b"\r\n");
    wd.write("parrainages.csv", &original);

    let report = import_json(&wd, "cc-2022-02-08.csv", &[]);
    assert_eq!(report["confirmed"], 4);
    assert_eq!(report["entries"]["confirmed"][0]["ledger_line"], 3);
    let after = wd.read_bytes("parrainages.csv");
    assert!(after.starts_with(b"\xEF\xBB\xBFstatus;candidate;"));
    let text = String::from_utf8(after.clone()).expect("UTF-8");
    // Every line ends with CRLF, none with a bare LF or CR.
    assert_eq!(text.matches("\r\n").count(), text.matches('\n').count());
    assert_eq!(text.matches("\r\n").count(), text.matches('\r').count());
    assert!(text.contains(
        "validated;martin claire;M.;morel;pascal;Maire;Jouy en Argonne;meuse;2022-01-05;2022-02-08;tournée Meuse;;06 00 00 00 02\r\n"
    ));
    // Untouched rows are byte-identical and in their order.
    assert!(text.contains(&format!("{}\r\n{}\r\n", lines[10], lines[11])));
    // The added row leaves the extra column empty.
    assert!(
        text.ends_with(";PERRIN;Agnès;delegate-mayor;Saint-Lizier;09;;2022-02-08;cc-2022-02-08.csv;;\r\n")
    );
    // A second import leaves the file as it is.
    import_json(&wd, "cc-2022-02-08.csv", &[]);
    assert_eq!(wd.read_bytes("parrainages.csv"), after);
}

#[test]
fn reads_the_campaign_sample_against_the_2022_sample() {
    let wd = Workdir::new();
    wd.copy_fixture("campaign/parrainages.csv", "parrainages.csv");
    wd.copy_fixture("campaign/parrainage.toml", "parrainage.toml");
    wd.copy_fixture("official/cc-2022-sample.csv", "cc.csv");
    // The candidate comes from parrainage.toml.
    let output = wd
        .cmd()
        .args(["import", "cc.csv", "--format", "json"])
        .output()
        .expect("run");
    assert!(output.status.success());
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["candidate"], "MARTIN Claire");
    assert_eq!(names(&report, "lost"), ["LEFEBVRE departmental-councillor"]);
    // "MARTIN  Claire" (two spaces) and "MARTÍN Claire" (accent) are hers.
    let validated = names(&report, "already_validated");
    assert!(validated.contains(&"ROUSSEAU departmental-councillor".to_string()));
    assert!(validated.contains(&"FONTAINE regional-councillor".to_string()));
    assert!(validated.contains(&"LEFEBVRE mayor".to_string()));
    // Other candidates' sponsors are not added to her ledger.
    assert_eq!(report["added"], 0);
}

#[test]
fn reads_the_2017_format() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.copy_fixture("official/cc-2017-sample.csv", "cc-2017.csv");
    let output = wd
        .cmd()
        .args([
            "--candidate",
            "LAMY Sophie",
            "import",
            "cc-2017.csv",
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let added = names(&report, "added");
    assert_eq!(added.len(), 12, "{added:?}");
    assert!(added.contains(&"LEROY deputy".to_string()), "{added:?}");
    assert!(
        added.contains(&"GIRARD paris-councillor".to_string()),
        "{added:?}"
    );
    let ledger = wd.read("parrainages.csv");
    assert!(
        ledger.contains("validated,LAMY Sophie,Mme,SANCHEZ,Laure,senator,,31,,2017-03-14,cc-2017.csv,\n"),
        "{ledger}"
    );
    assert!(
        ledger.contains(
            "validated,LAMY Sophie,Mme,CLAIREAUX,Annick,overseas-councillor,,975,,2017-03-18,cc-2017.csv,\n"
        ),
        "{ledger}"
    );
    // The ledger written checks clean under the same rules.
    wd.cmd().args(["--election", "2017", "check"]).assert().success();
}

#[test]
fn a_2017_publication_under_2022_settings_is_refused() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.copy_fixture("official/cc-2017-sample.csv", "cc-2017.csv");
    wd.write("parrainage.toml", "election = 2022\n");
    wd.cmd()
        .args(["--candidate", "LAMY Sophie", "import", "cc-2017.csv"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("--election 2017"));
    assert_eq!(wd.read("parrainages.csv"), HEADER);
}

#[test]
fn usage_errors_exit_2() {
    let wd = workdir();
    // No candidate anywhere: not in the settings, not in the ledger.
    wd.write("empty.csv", HEADER);
    wd.cmd()
        .args(["--ledger", "empty.csv", "import", "cc-2022-02-08.csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--candidate"));
    // A campaign ledger is not a publication.
    wd.cmd()
        .args(["--candidate", "MARTIN Claire", "import", "parrainages.csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not an official publication"));
    wd.cmd()
        .args(["--candidate", "MARTIN Claire", "import", "missing.csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no such file"));
}

#[test]
fn a_ledger_with_errors_is_not_imported_into() {
    let wd = workdir();
    let broken = format!(
        "{}claimed,MARTIN Claire,M.,ZOLA,Emile,maire,Lens,99,,,,\n",
        wd.read("parrainages.csv")
    );
    wd.write("parrainages.csv", &broken);
    wd.cmd()
        .args(["--candidate", "MARTIN Claire", "import", "cc-2022-02-08.csv"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("nothing was written"));
    assert_eq!(wd.read("parrainages.csv"), broken);
}

#[test]
fn rows_that_would_fail_check_are_not_written() {
    // A ledger without a published_on column cannot hold a validated entry.
    let wd = Workdir::new();
    let ledger = "status,candidate,last_name,first_name,mandate,circonscription,department\n\
                  claimed,MARTIN Claire,MOREL,Pascal,mayor,Jouy-en-Argonne,55\n";
    wd.write("parrainages.csv", ledger);
    wd.copy_fixture(FIRST, "cc.csv");
    wd.cmd()
        .args(["--candidate", "MARTIN Claire", "import", "cc.csv"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("status-date-mismatch"));
    assert_eq!(wd.read("parrainages.csv"), ledger);
}

#[test]
fn table_names_the_entries_behind_each_number() {
    let wd = workdir();
    wd.cmd()
        .args([
            "--candidate",
            "MARTIN Claire",
            "import",
            "cc-2022-02-08.csv",
            "--dry-run",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "PERRIN Agnès (delegate-mayor, Saint-Lizier, 09)",
        ))
        .stdout(predicates::str::contains("To review (1)"))
        .stdout(predicates::str::contains("Anomalies (1)"));
}

/// A publication in the 2022 CSV format, rows after the header.
fn publication_2022(rows: &[&str]) -> String {
    let mut text =
        String::from("Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

fn run_json(wd: &Workdir, args: &[&str]) -> (Value, i32, String) {
    let output = wd.cmd().args(args).output().expect("run parrainage");
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (
        json,
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn claims_with_fewer_first_names_for_a_candidate_typed_first_name_first() {
    // The campaign types one first name and its candidate first name
    // first; the Conseil writes every first name, and NOM Prénom.
    let wd = Workdir::new();
    wd.write(
        "parrainage.toml",
        "candidate = \"Anasse Kazib\"\nelection = 2022\n",
    );
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}claimed,Anasse Kazib,M.,Scherer,Adrien,maire,Sarrewerden,67,2021-11-10,,,\n\
             claimed,Anasse Kazib,M.,Grimstone,Aaron-Lee,maire,Lembach,Bas-Rhin,2021-11-12,,,\n"
        ),
    );
    wd.write(
        "cc.csv",
        publication_2022(&[
            "M.;SCHERER;Adrien Edy;Maire;Sarrewerden;Bas-Rhin;KAZIB Anasse;08/02/2022",
            "M.;GRIMSTONE;Aaron-Lee Gustave;Maire;Lembach;Bas-Rhin;KAZIB Anasse;10/02/2022",
            "Mme;WEBER;Anne;Maire;Hatten;Bas-Rhin;KAZIB Anasse;10/02/2022",
            "M.;SCHERER;Paul;Maire;Zinswiller;Bas-Rhin;DURAND Paul;10/02/2022",
        ]),
    );
    let (json, code, stderr) = run_json(&wd, &["import", "cc.csv", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json["confirmed"], 2, "{json:#}");
    assert_eq!(json["added"], 1, "{json:#}");
    assert_eq!(json["lost"], 0, "{json:#}");
    assert_eq!(json["entries"]["confirmed"][0]["fit"], "fewer-first-names");
    let ledger = wd.read("parrainages.csv");
    // The claims take the published first names; what they said is kept.
    assert!(
        ledger.contains("validated,Anasse Kazib,M.,Scherer,Adrien Edy,maire,Sarrewerden,67,2021-11-10,2022-02-08,,before cc.csv: first_name `Adrien`"),
        "{ledger}"
    );
    assert!(ledger.contains(",Grimstone,Aaron-Lee Gustave,maire,"), "{ledger}");
    assert!(
        ledger.contains("validated,Anasse Kazib,Mme,WEBER,Anne,mayor,Hatten,67,,2022-02-10,cc.csv,"),
        "{ledger}"
    );
    // The ledger checks clean, and counts three, not five.
    wd.cmd().arg("check").assert().success();
    let output = wd.cmd().args(["report", "--format", "json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["candidates"][0]["validated"], 3);
    assert_eq!(report["candidates"][0]["claimed"], 3);
    // A second import changes nothing.
    let (json, code, _) = run_json(&wd, &["import", "cc.csv", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(json["written"], false, "{json:#}");
}

#[test]
fn a_first_name_is_not_a_hyphenated_one() {
    // "Jean" is not the start of "Jean-Pierre": the claim stays pending and
    // the published official is added.
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,MARTIN Claire,M.,DUBOIS,Jean,mayor,Laon,02,2021-11-10,,,\n"),
    );
    wd.write(
        "cc.csv",
        publication_2022(&["M.;DUBOIS;Jean-Pierre;Maire;Laon;Aisne;MARTIN Claire;08/02/2022"]),
    );
    let (json, code, stderr) = run_json(&wd, &["import", "cc.csv", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        (json["confirmed"].as_u64(), json["added"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(json["pending"], 1);
}

#[test]
fn two_published_rows_that_fit_a_shorter_name_are_ambiguous() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,MARTIN Claire,M.,DUBOIS,Jean,mayor,,02,2021-11-10,,,\n"),
    );
    wd.write(
        "cc.csv",
        publication_2022(&[
            "M.;DUBOIS;Jean Marc;Maire;Laon;Aisne;MARTIN Claire;08/02/2022",
            "M.;DUBOIS;Jean Luc;Maire;Soissons;Aisne;MARTIN Claire;08/02/2022",
        ]),
    );
    let (json, code, stderr) = run_json(&wd, &["import", "cc.csv", "--format", "json", "--dry-run"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json["confirmed"], 0, "{json:#}");
    assert_eq!(json["ambiguous"].as_array().unwrap().len(), 1, "{json:#}");
    assert_eq!(json["added"], 0, "{json:#}");
}

#[test]
fn a_claim_found_under_another_mandate_takes_the_published_one() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}sent,MARTIN Claire,Mme,ROUX,Anne,mayor,Laon,02,2021-11-10,,,called twice\n"),
    );
    wd.write(
        "cc.csv",
        publication_2022(&["Mme;ROUX;Anne;Conseillère départementale;;Aisne;MARTIN Claire;08/02/2022"]),
    );
    let (json, code, stderr) = run_json(&wd, &["import", "cc.csv", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json["confirmed"], 1);
    assert_eq!(json["review"][0]["code"], "other-mandate");
    let ledger = wd.read("parrainages.csv");
    assert!(
        ledger.contains(
            "validated,MARTIN Claire,Mme,ROUX,Anne,departmental-councillor,,02,2021-11-10,2022-02-08,,\"called twice; before cc.csv: mandate `mayor`, circonscription `Laon`\""
        ),
        "{ledger}"
    );
    let output = wd.cmd().args(["report", "--format", "json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["candidates"][0]["by_mandate"][0]["mandate"],
        "departmental-councillor"
    );
}

#[test]
fn a_promise_dated_after_its_publication_loses_that_date() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,MARTIN Claire,M.,GIRARD,Luc,mayor,Verdun,55,2022-02-20,,,\n"),
    );
    wd.write(
        "cc.csv",
        publication_2022(&["M.;GIRARD;Luc;Maire;Verdun;Meuse;MARTIN Claire;08/02/2022"]),
    );
    let (_, code, stderr) = run_json(&wd, &["import", "cc.csv", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let ledger = wd.read("parrainages.csv");
    assert!(
        ledger.contains("validated,MARTIN Claire,M.,GIRARD,Luc,mayor,Verdun,55,,2022-02-08,,\"before cc.csv: claimed_on 2022-02-20, after the publication\""),
        "{ledger}"
    );
    // So the ledger written has no promise after its publication.
    let output = wd.cmd().args(["check", "--format", "json"]).output().unwrap();
    let check: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(check["warnings"], 0, "{check:#}");
}

#[test]
fn one_unreadable_publication_row_stops_the_import_unless_skipped() {
    let wd = Workdir::new();
    let ledger = format!("{HEADER}claimed,MARTIN Claire,M.,GIRARD,Luc,mayor,Verdun,55,2021-11-10,,,\n");
    wd.write("parrainages.csv", &ledger);
    wd.write(
        "cc.csv",
        publication_2022(&[
            "M.;GIRARD;Luc;Maire;Verdun;Meuse;MARTIN Claire;08/02/2022",
            "Mme;ROUX;Anne;Membre du Conseil de Paris;;Paris;MARTIN Claire;08/02/2022",
            "M.;PETIT;Marc;Maire;Laon;Aisne;MARTIN Claire;31/02/2022",
        ]),
    );
    let (_, code, stderr) = run_json(&wd, &["import", "cc.csv"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("2 row(s) cannot be read"), "{stderr}");
    assert!(
        stderr.contains("cc.csv:3:") && stderr.contains("cc.csv:4:"),
        "{stderr}"
    );
    assert!(stderr.contains("--skip-unreadable"), "{stderr}");
    assert_eq!(wd.read("parrainages.csv"), ledger);

    let (json, code, stderr) = run_json(
        &wd,
        &["import", "cc.csv", "--skip-unreadable", "--format", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json["confirmed"], 1);
    let skipped: Vec<u64> = json["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["line"].as_u64().unwrap())
        .collect();
    assert_eq!(skipped, [3, 4]);
    assert_eq!(json["skipped"][0]["code"], "unknown-mandate");
}

#[test]
fn a_candidate_the_publication_does_not_hold_is_an_error() {
    let wd = workdir();
    let before = wd.read("parrainages.csv");
    let (_, code, stderr) = run_json(
        &wd,
        &["--candidate", "MARTIN Clair", "import", "cc-2022-02-08.csv"],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("no sponsorship for `MARTIN Clair`"), "{stderr}");
    assert!(stderr.contains("closest names: MARTIN Claire"), "{stderr}");
    assert_eq!(wd.read("parrainages.csv"), before);
}

#[test]
fn the_ledgers_one_candidate_needs_no_flag() {
    let wd = workdir();
    let (json, code, stderr) = run_json(
        &wd,
        &["import", "cc-2022-02-08.csv", "--format", "json", "--dry-run"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json["candidate"], "MARTIN Claire");
}

#[test]
fn reads_the_2022_json() {
    // The same publication as CSV and as JSON (with a BOM, pretty-printed)
    // gives the same reconciliation.
    let wd = workdir();
    wd.copy_fixture("official/cc-2022-sample.json", "cc.json");
    wd.copy_fixture("official/cc-2022-sample.csv", "cc.csv");
    let from_json = import_json(&wd, "cc.json", &["--dry-run"]);
    let from_csv = import_json(&wd, "cc.csv", &["--dry-run"]);
    for key in [
        "confirmed",
        "added",
        "lost",
        "pending",
        "already_validated",
        "unchanged",
    ] {
        assert_eq!(from_json[key], from_csv[key], "{key}");
    }
    assert!(from_json["confirmed"].as_u64().unwrap() + from_json["added"].as_u64().unwrap() > 0);
}

/// Case 11 of the robustness review: import wrote formula cells from a
/// publication with no warning, where `add` warns.
#[test]
fn case_11_import_warns_of_formula_cells() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,MARTIN Claire,,GIRARD,Luc,mayor,Verdun,55,2021-11-10,,,\n"),
    );
    wd.write(
        "cc.csv",
        publication_2022(&["M.;=HYPERLINK(\"x\");Luc;Maire;Laon;Aisne;MARTIN Claire;08/02/2022"]),
    );
    let (_, code, stderr) = run_json(&wd, &["import", "cc.csv", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("cc.csv line 2") && stderr.contains("formula"),
        "{stderr}"
    );
}
