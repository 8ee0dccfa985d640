//! `parrainage prospects` and `check --register`: the register of elected
//! officials read in every drifted form (`fixtures/register/`, written by
//! hand), who is taken, how the rest is ranked, and bad input.

mod common;

use common::{HEADER, Workdir, fixture};
use serde_json::Value;

fn register() -> String {
    fixture("register").display().to_string()
}

fn prospects(wd: &Workdir, args: &[&str]) -> (Value, i32, String) {
    let register = register();
    let output = wd
        .cmd()
        .args(["prospects", "--register", &register, "--format", "json"])
        .args(args)
        .output()
        .expect("run");
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (
        json,
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn names(json: &Value) -> Vec<String> {
    json["prospects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            // A person of no known unit: the units they may count in.
            let possible: Vec<&str> = p["possible_departments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap())
                .collect();
            format!(
                "{} {} {}",
                p["last_name"].as_str().unwrap(),
                p["department"]
                    .as_str()
                    .map_or_else(|| possible.join("|"), str::to_string),
                p["reason"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn every_file_of_the_register_is_read_in_its_own_form() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    let (json, code, stderr) = prospects(&wd, &["--candidate", "MARTIN Claire"]);
    assert_eq!(code, 0, "{stderr}");
    let register = &json["register"];
    // 12 files (the text file is passed over, and said so), 31 rows: 27
    // eligible, held by 25 persons; 4 not eligible (an ordinary consular
    // councillor, two deputy mayors, a vice-president of an EPCI).
    assert_eq!(register["files"], 12);
    assert_eq!(register["rows"], 31);
    assert_eq!(register["eligible"], 27);
    assert_eq!(register["ineligible"], 4);
    assert_eq!(register["persons"], 25);
    assert_eq!(register["skipped"], 0);
    assert_eq!(register["unknown_unit"], 2);
    assert!(
        stderr.contains("LISEZMOI.txt") && stderr.contains("passed over"),
        "{stderr}"
    );
    // Each person once, with every eligible mandate, where the law counts it.
    let prospects = json["prospects"].as_array().unwrap();
    let person = |last: &str| -> Vec<String> {
        prospects
            .iter()
            .filter(|p| p["last_name"] == last)
            .map(|p| {
                p["mandates"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| {
                        format!(
                            "{}@{}",
                            m["mandate"].as_str().unwrap(),
                            m["department"].as_str().unwrap_or("?")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect()
    };
    assert_eq!(person("LEMOINE"), ["departmental-councillor@02,mayor@02"]);
    assert_eq!(
        person("KELLER"),
        ["departmental-councillor@67"],
        "Alsace canton 67xx"
    );
    assert_eq!(
        person("MEYER"),
        ["departmental-councillor@68"],
        "Alsace canton 68xx"
    );
    assert_eq!(person("ROUX"), ["regional-councillor@69"], "section 69M");
    assert_eq!(person("GIRARD"), ["lyon-councillor@69"]);
    assert_eq!(person("HODGE"), ["deputy@978"], "constituency ZX");
    assert_eq!(person("MARTIN"), ["deputy@ZZ"]);
    assert_eq!(person("NOVAK"), ["mep@EU"]);
    assert_eq!(person("DUVAL"), ["afe-councillor@ZZ"]);
    assert_eq!(person("ROY"), ["consular-president@ZZ"]);
    assert_eq!(person("AMIEL"), ["arrondissement-mayor@13"]);
    assert_eq!(person("PERRIN"), ["delegate-mayor@09"]);
    assert_eq!(person("BLANC"), ["paris-councillor@75"]);
    assert_eq!(person("FAURE"), ["epci-president@02"]);
    assert_eq!(person("LOUIS"), ["mayor@972,overseas-executive@972"]);
    assert_eq!(
        person("PETIT"),
        ["regional-councillor@59"],
        "a two-digit year of birth"
    );
    // Homonyms of the register are two persons: two mayors DUBOIS Jean.
    assert_eq!(person("DUBOIS").len(), 2);
    // No unit known: never guessed; listed with the units they may count
    // in, and ranked by the best of them.
    assert_eq!(person("ORSINI"), ["corsica-councillor@?"]);
    assert_eq!(person("BASTIEN"), ["regional-councillor@?"]);
    let possible = |last: &str| {
        let p = prospects.iter().find(|p| p["last_name"] == last).unwrap();
        (p["department"].clone(), p["possible_departments"].clone())
    };
    assert_eq!(possible("ORSINI"), (Value::Null, serde_json::json!(["2A", "2B"])));
    assert_eq!(
        possible("BASTIEN"),
        (Value::Null, serde_json::json!(["67", "68"]))
    );
    let unknown: Vec<(&str, u64)> = json["unknown_unit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["last_name"].as_str().unwrap(), u["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(unknown, [("BASTIEN", 3), ("ORSINI", 2)]);
}

#[test]
fn the_ledger_and_the_publications_take_officials() {
    let wd = Workdir::new();
    // A claim with one first name of two, a declined official, and a
    // claim that fits both DUBOIS Jean (no commune): maybe taken, kept.
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}claimed,MARTIN Claire,,Morel,Pascal,maire,,Meuse,2026-11-02,,,\n\
             declined,MARTIN Claire,,GARNIER,Hélène,senator,,55,2026-11-02,,,\n\
             claimed,MARTIN Claire,,DUBOIS,Jean,mayor,,02,2026-11-02,,,\n"
        ),
    );
    wd.write(
        "cc.csv",
        "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n\
         M.;LEFEBVRE;Michel;Député;;Nord;DURAND Paul;08/02/2022\n\
         Mme;LEMOINE;Claire;Maire;Abbécourt;Aisne;DURAND Paul;08/02/2022\n\
         Mme;GARNIER;Hélène;Sénatrice;;Meuse;DURAND Paul;08/02/2022\n",
    );
    let (json, code, stderr) = prospects(&wd, &["--candidate", "MARTIN Claire", "--publication", "cc.csv"]);
    assert_eq!(code, 0, "{stderr}");
    // MOREL and GARNIER by the ledger (GARNIER is published too: counted
    // once, under the ledger); LEFEBVRE the deputy and LEMOINE published.
    assert_eq!(json["excluded"]["ledger"], 2);
    assert_eq!(json["excluded"]["published"], 2);
    let listed = names(&json);
    for gone in ["MOREL", "GARNIER", "LEMOINE"] {
        assert!(!listed.iter().any(|n| n.starts_with(gone)), "{gone}: {listed:?}");
    }
    // The other LEFEBVRE Michel, departmental councillor, stays.
    assert!(listed.iter().any(|n| n.starts_with("LEFEBVRE 59")), "{listed:?}");
    let dubois: Vec<&Value> = json["prospects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["last_name"] == "DUBOIS")
        .collect();
    assert_eq!(dubois.len(), 2);
    assert!(dubois.iter().all(|p| p["maybe_taken"] == true));
}

#[test]
fn prospects_are_ranked_by_what_they_would_add() {
    let wd = Workdir::new();
    // Reached: 02 (with two live entries); 55 only by a declined official,
    // who counts nowhere. With a minimum of 2 départements and a cap of 2
    // (threshold 20, a tenth), 02 is at the cap.
    wd.write(
        "parrainage.toml",
        "candidate = \"MARTIN Claire\"\nthreshold = 20\nmin_departments = 2\n",
    );
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}claimed,MARTIN Claire,,ZOLA,Émile,mayor,,02,2022-01-02,,,\n\
             sent,MARTIN Claire,,HUGO,Adèle,mayor,,02,2022-01-02,,,\n\
             declined,MARTIN Claire,,GARNIER,Hélène,senator,,55,2022-01-02,,,\n"
        ),
    );
    let (json, code, stderr) = prospects(&wd, &[]);
    assert_eq!(code, 0, "{stderr}");
    let listed = names(&json);
    // New départements first, by code then name; the cap's last.
    assert_eq!(
        listed.first().map(String::as_str),
        Some("PERRIN 09 new-department"),
        "{listed:?}"
    );
    let first_at_cap = listed.iter().position(|n| n.ends_with("at-cap")).unwrap();
    assert!(
        listed[first_at_cap..]
            .iter()
            .all(|n| n.ends_with("at-cap") && n.contains(" 02 ")),
        "{listed:?}"
    );
    // LEMOINE holds mandates in 02 only: at the cap.
    assert!(listed.contains(&"LEMOINE 02 at-cap".to_string()), "{listed:?}");
    // Filters and limit.
    let (json, _, _) = prospects(&wd, &["--department", "59", "--mandate", "deputy"]);
    assert_eq!(names(&json), ["LEFEBVRE 59 new-department"]);
    let (json, _, _) = prospects(&wd, &["--limit", "3"]);
    assert_eq!(json["prospects"].as_array().unwrap().len(), 3);
    // The CSV is a call list another tool reads.
    let register = register();
    let output = wd
        .cmd()
        .args([
            "prospects",
            "--register",
            &register,
            "--format",
            "csv",
            "--department",
            "02",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("last_name,first_name,civility,department,mandate,circonscription,"),
        "{text}"
    );
    // The canton as the register writes it; every other mandate.
    assert!(
        text.contains("LEMOINE,Claire,Mme,02,departmental-councillor,Laon-1,\"mayor (Abbécourt), 02\","),
        "{text}"
    );
}

#[test]
fn a_broken_register_file_is_named_with_its_line_and_column() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    for entry in std::fs::read_dir(fixture("register")).unwrap() {
        let path = entry.unwrap().path();
        wd.write(
            &format!("rne/{}", path.file_name().unwrap().to_string_lossy()),
            std::fs::read(&path).unwrap(),
        );
    }
    let mayors = wd.read("rne/elus-maires.csv");
    // A date that cannot be read, and a row cut short.
    let broken =
        mayors
            .replacen("12/11/1958", "31/02/1958", 1)
            .replacen(";Agriculteur;15/03/2026;23/03/2026", "", 1);
    wd.write("rne/elus-maires.csv", broken);
    let output = wd
        .cmd()
        .args(["prospects", "--register", "rne", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("elus-maires.csv:3: error[malformed-csv]: column `Date de naissance`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("elus-maires.csv:4: error[malformed-csv]") && stderr.contains("fields"),
        "{stderr}"
    );
    let output = wd
        .cmd()
        .args([
            "prospects",
            "--register",
            "rne",
            "--format",
            "json",
            "--skip-unreadable",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["register"]["skipped"], 2);
    assert_eq!(json["register"]["eligible"], 25);
    // No register at all: a usage error that says how to give one.
    wd.cmd()
        .args(["prospects"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--register"));
}

#[test]
fn check_looks_each_entry_up_in_the_register() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}claimed,MARTIN Claire,,LEMOINE,Claire,mayor,Abbécourt,02,2026-11-02,,,\n\
             claimed,MARTIN Claire,,LEMOYNE,Claire,mayor,Abbécourt,02,2026-11-02,,,\n\
             claimed,MARTIN Claire,,GARNIER,Hélène,mayor,,55,2026-11-02,,,\n\
             claimed,MARTIN Claire,,DUBOIS,Jean,mayor,,02,2026-11-02,,,\n\
             claimed,MARTIN Claire,,MOREL,Pascal,mayor,Jouy-en-Argonne,55,2026-11-02,,,\n"
        ),
    );
    wd.write(
        "parrainage.toml",
        "candidate = \"MARTIN Claire\"\nelection = 2027\n",
    );
    let register = register();
    let output = wd
        .cmd_as_of("2026-11-30")
        .args(["check", "--register", &register, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "warnings only");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(u64, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"].as_str().unwrap().ends_with("register"))
        .map(|d| (d["line"].as_u64().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "not-in-register"),
            (4, "mandate-not-in-register"),
            (5, "ambiguous-in-register")
        ]
    );
    let message = |line: u64| {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["line"] == line)
            .unwrap()["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(message(3).contains("nearest: LEMOINE Claire"), "{}", message(3));
    assert!(message(4).contains("as senator (55)"), "{}", message(4));
    // The setting does the same as the flag.
    wd.write(
        "parrainage.toml",
        format!("candidate = \"MARTIN Claire\"\nelection = 2027\nregister = \"{register}\"\n"),
    );
    let output = wd
        .cmd_as_of("2026-11-30")
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["warnings"], 3, "{json:#}");
}

#[test]
fn a_declined_official_counts_nowhere() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}claimed,MARTIN Claire,,A,Jean,mayor,Laon,02,2022-01-02,,,\n\
             declined,MARTIN Claire,,B,Jean,mayor,Laon,03,2022-01-02,,,\n"
        ),
    );
    let output = wd
        .cmd()
        .args(["--candidate", "MARTIN Claire", "report", "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let c = &json["candidates"][0];
    assert_eq!(
        (
            c["claimed"].as_u64(),
            c["lost"].as_u64(),
            c["departments_claimed"].as_u64()
        ),
        (Some(1), Some(0), Some(1))
    );
    wd.cmd().arg("check").assert().success();
}

#[test]
fn unreadable_rows_of_the_ledger_or_a_publication_stop_the_list() {
    // A row that cannot be read may be an official who is taken: the list
    // would call them again.
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,MARTIN Claire,,MOREL,Pascal,mair,Jouy-en-Argonne,55,2022-01-02,,,\n"),
    );
    let (_, code, stderr) = prospects(&wd, &["--candidate", "MARTIN Claire"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("parrainages.csv:2") && stderr.contains("unknown-mandate"),
        "{stderr}"
    );
    let (json, code, stderr) = prospects(&wd, &["--candidate", "MARTIN Claire", "--skip-unreadable"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("stays on the list"), "{stderr}");
    assert!(names(&json).iter().any(|n| n.starts_with("MOREL")));
    // The same for a publication.
    wd.write("parrainages.csv", HEADER);
    wd.write(
        "cc.csv",
        "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n\
         M.;LEFEBVRE;Michel;Député;;Nord;DURAND Paul;31/02/2022\n",
    );
    let (_, code, stderr) = prospects(&wd, &["--candidate", "MARTIN Claire", "--publication", "cc.csv"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("cc.csv:2"), "{stderr}");
}

#[test]
fn a_ledger_of_several_candidates_needs_one_named() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}claimed,MARTIN Claire,,A,Jean,mayor,Laon,02,2022-01-02,,,\n\
             claimed,DURAND Paul,,B,Jean,mayor,Laon,03,2022-01-02,,,\n"
        ),
    );
    let (_, code, stderr) = prospects(&wd, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--candidate"), "{stderr}");
}
