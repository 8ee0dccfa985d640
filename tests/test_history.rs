//! Who sponsored before (`prospects --history`, `--prefer`) and the
//! register in `add` and `update`, on `fixtures/history/` (written by hand):
//! a small register (`rne/`) and past publications in the 2017 CSV, 2022
//! CSV and 2022 JSON formats. Among them: several first names on either
//! side, two homonyms in one département, a person two officials of one
//! file fit, a person with two mandates, an official who moved
//! département, a mandate that changed, the same official listed twice
//! for two spellings of one candidate, and a member of the Assemblée de
//! Corse, whose unit the register does not say.

mod common;

use common::{HEADER, Workdir, fixture};
use serde_json::{Value, json};

/// "Today" in the 2027 campaign.
const TODAY: &str = "2026-12-03";

fn history(name: &str) -> String {
    fixture("history").join(name).display().to_string()
}

fn run(wd: &Workdir, args: &[&str]) -> (Value, i32, String) {
    let register = history("rne");
    let output = wd
        .cmd_as_of(TODAY)
        .args([
            "--candidate",
            "MARTIN Claire",
            "prospects",
            "--register",
            &register,
        ])
        .args(args)
        .output()
        .expect("run");
    (
        serde_json::from_slice(&output.stdout).unwrap_or(Value::Null),
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn json(wd: &Workdir, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend(args);
    let (json, code, stderr) = run(wd, &all);
    assert_eq!(code, 0, "{stderr}");
    json
}

/// Each prospect: last name, then each past sponsorship as
/// `year candidate mandate département`.
fn pasts(json: &Value) -> Vec<(String, Vec<String>)> {
    json["prospects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let past = p["history"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    format!(
                        "{} {} {} {}",
                        h["year"],
                        h["candidate"].as_str().unwrap(),
                        h["mandate"].as_str().unwrap(),
                        h["department"].as_str().unwrap()
                    )
                })
                .collect();
            (p["last_name"].as_str().unwrap().to_string(), past)
        })
        .collect()
}

fn past_of(json: &Value, last: &str) -> Vec<String> {
    let found: Vec<Vec<String>> = pasts(json)
        .into_iter()
        .filter(|(name, _)| name == last)
        .map(|(_, past)| past)
        .collect();
    assert_eq!(found.len(), 1, "{last}: {found:?}");
    found.into_iter().next().unwrap()
}

#[test]
fn past_sponsors_are_found_in_the_register_one_fit_or_none() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    let json = json(
        &wd,
        &["--history", &history("cc-2017.csv"), &history("cc-2022.csv")],
    );
    // Of the 2017 file: LEMOINE and MOREL; DUBOIS Jean fits two mayors of
    // the Aisne. Of the 2022 file: seven rows (BAUDOIN's two count, her
    // sponsorship once); PETIT Louis is fit by two officials of the file.
    assert_eq!(
        json["history"],
        json!([
            {"file": history("cc-2017.csv"), "year": 2017, "matched": 2, "ambiguous": 1},
            {"file": history("cc-2022.csv"), "year": 2022, "matched": 7, "ambiguous": 2},
        ])
    );
    // A person with two mandates, matched by either: the row's mandate.
    assert_eq!(
        past_of(&json, "LEMOINE"),
        [
            "2022 KAZIB Anasse mayor 02",
            "2017 POUTOU Philippe departmental-councillor 02"
        ]
    );
    // Several first names: the register writes more ("Pascal Henri"), or
    // the publication does ("Anne Marie").
    assert_eq!(past_of(&json, "MOREL"), ["2017 MELENCHON Jean-Luc mayor 55"]);
    assert_eq!(past_of(&json, "BERTRAND"), ["2022 KAZIB Anasse mayor 51"]);
    // Moved from the Aisne to the Marne: the 2017 row of the Aisne is not
    // the mayor of Épernay; the 2022 row of the Marne is.
    assert_eq!(past_of(&json, "ROUSSEL"), ["2022 KAZIB Anasse mayor 51"]);
    // Mayor then, departmental councillor now: the person, not the mandate.
    assert_eq!(past_of(&json, "GARNIER"), ["2022 POUTOU Philippe mayor 55"]);
    // Listed twice for two spellings of one candidate: sponsored once.
    assert_eq!(past_of(&json, "BAUDOIN"), ["2022 BÉKAERT Corinne mayor 55"]);
    // Of no known unit: found by the units they may count in.
    assert_eq!(
        past_of(&json, "ORSINI"),
        ["2022 ZEMMOUR Éric corsica-councillor 2B"]
    );
    // Ambiguous: attributed to nobody, the homonyms and PETIT alike.
    for (name, past) in pasts(&json) {
        if matches!(name.as_str(), "DUBOIS" | "PETIT" | "LEFEBVRE") {
            assert!(past.is_empty(), "{name}: {past:?}");
        }
    }
    // `register.persons` keeps its meaning: every eligible person.
    assert_eq!(json["register"]["persons"], 11);
}

#[test]
fn the_2022_json_gives_what_the_2022_csv_gives() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    let from_csv = json(&wd, &["--history", &history("cc-2022.csv")]);
    let from_json = json(&wd, &["--history", &history("cc-2022.json")]);
    assert_eq!(pasts(&from_csv), pasts(&from_json));
    assert_eq!(from_json["history"][0]["matched"], 7);
}

#[test]
fn prefer_puts_the_past_sponsors_of_a_candidate_first_within_each_rank() {
    let wd = Workdir::new();
    // A cap of 2 and 2 départements to reach: the Aisne is at the cap
    // (two claims), the Marne under it with one; the rest under it with
    // none, once two are reached.
    wd.write(
        "parrainage.toml",
        "candidate = \"MARTIN Claire\"\nthreshold = 20\nmin_departments = 2\n",
    );
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}claimed,MARTIN Claire,,ZOLA,Émile,mayor,,02,2026-11-02,,,\n\
             sent,MARTIN Claire,,HUGO,Adèle,mayor,,02,2026-11-02,,,\n\
             claimed,MARTIN Claire,,SAND,George,mayor,,51,2026-11-02,,,\n"
        ),
    );
    let order = |json: &Value| -> Vec<String> {
        json["prospects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                format!(
                    "{} {}",
                    p["last_name"].as_str().unwrap(),
                    p["reason"].as_str().unwrap()
                )
            })
            .collect()
    };
    let both = ["--history", &history("cc-2017.csv"), &history("cc-2022.json")];
    // Without --prefer: past sponsors of anyone first within each rank,
    // then the départements furthest from the cap, then code and name.
    let plain = json(&wd, &both);
    assert_eq!(
        order(&plain),
        [
            "ORSINI under-cap",
            "BAUDOIN under-cap",
            "GARNIER under-cap",
            "MOREL under-cap",
            "BERTRAND under-cap",
            "ROUSSEL under-cap",
            "LEFEBVRE under-cap",
            "LEMOINE at-cap",
            "DUBOIS at-cap",
            "DUBOIS at-cap",
            "PETIT at-cap",
        ]
    );
    // With it, written first name first: KAZIB's past sponsors come
    // before everyone else of their rank, even from a unit nearer the cap.
    let args: Vec<&str> = both.iter().copied().chain(["--prefer", "Anasse Kazib"]).collect();
    let preferred = json(&wd, &args);
    assert_eq!(
        order(&preferred),
        [
            "BERTRAND under-cap",
            "ROUSSEL under-cap",
            "ORSINI under-cap",
            "BAUDOIN under-cap",
            "GARNIER under-cap",
            "MOREL under-cap",
            "LEFEBVRE under-cap",
            "LEMOINE at-cap",
            "DUBOIS at-cap",
            "DUBOIS at-cap",
            "PETIT at-cap",
        ]
    );
    // The rule itself: in each rank, every past sponsor of KAZIB before
    // every other person.
    let prospects = preferred["prospects"].as_array().unwrap();
    let kazib = |p: &Value| {
        p["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["candidate"] == "KAZIB Anasse")
    };
    for rank in ["new-department", "under-cap", "at-cap"] {
        let flags: Vec<bool> = prospects
            .iter()
            .filter(|p| p["reason"] == rank)
            .map(kazib)
            .collect();
        assert!(flags.windows(2).all(|w| w[0] || !w[1]), "{rank}: {flags:?}");
    }
    // Two candidates, comma-separated: either one's sponsors first.
    let args: Vec<&str> = both
        .iter()
        .copied()
        .chain(["--prefer", "KAZIB Anasse,ZEMMOUR Éric"])
        .collect();
    assert_eq!(
        order(&json(&wd, &args))[..3],
        ["ORSINI under-cap", "BERTRAND under-cap", "ROUSSEL under-cap"]
    );
}

#[test]
fn the_history_setting_names_files_beside_the_settings() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.copy_fixture("history/cc-2017.csv", "past/cc-2017.csv");
    wd.copy_fixture("history/cc-2022.json", "past/cc-2022.json");
    wd.write(
        "parrainage.toml",
        "history = [\"past/cc-2017.csv\", \"past/cc-2022.json\"]\n",
    );
    let json = json(&wd, &["--prefer", "KAZIB Anasse"]);
    let years: Vec<&Value> = json["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["year"])
        .collect();
    assert_eq!(years, [2017, 2022]);
    assert_eq!(past_of(&json, "MOREL"), ["2017 MELENCHON Jean-Luc mayor 55"]);
}

#[test]
fn the_call_list_and_the_table_say_who_sponsored_before() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    let register = history("rne");
    let csv = wd
        .cmd_as_of(TODAY)
        .args([
            "--candidate",
            "MARTIN Claire",
            "prospects",
            "--register",
            &register,
        ])
        .args(["--history", &history("cc-2017.csv"), &history("cc-2022.csv")])
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.starts_with("last_name,first_name,civility,department,mandate,circonscription,other_mandates,reason,maybe_taken,register_coverage,history\n"),
        "{csv}"
    );
    // The canton, the other mandate, both past sponsorships.
    assert!(
        csv.contains(
            "LEMOINE,Claire,Mme,02,departmental-councillor,Laon-1,\"mayor (Abbécourt), 02\",new-department,no,incomplete,\
             \"2022 KAZIB Anasse (mayor, 02); 2017 POUTOU Philippe (departmental-councillor, 02)\"\n"
        ),
        "{csv}"
    );
    // The constituency as the register writes it; of no known unit, the
    // units they may count in.
    assert!(
        csv.contains("LEFEBVRE,Michel,M.,59,deputy,1Ère Circonscription,"),
        "{csv}"
    );
    assert!(
        csv.contains("ORSINI,Paul,M.,2A|2B,corsica-councillor,,,"),
        "{csv}"
    );
    let table = wd
        .cmd_as_of(TODAY)
        .args([
            "--candidate",
            "MARTIN Claire",
            "prospects",
            "--register",
            &register,
        ])
        .args(["--history", &history("cc-2022.csv")])
        .output()
        .unwrap();
    assert_eq!(table.status.code(), Some(0));
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("2022: KAZIB Anasse"), "{table}");
    assert!(
        table.contains("cc-2022.csv (2022): 7 row(s) found in the register, 2 ambiguous (given to nobody)."),
        "{table}"
    );
    // One line for the persons of no known unit, not their rows.
    assert!(
        table.contains("1 person of the list holds only mandates whose unit the register does not say"),
        "{table}"
    );
    assert!(!table.contains("elus-membres-dune-assemblee"), "{table}");
}

#[test]
fn a_history_file_must_be_a_past_publication_read_whole() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    // A campaign ledger is not a publication: the formats are named.
    let (_, code, stderr) = run(&wd, &["--history", "parrainages.csv"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("not an official publication") && stderr.contains("Candidat-e parrainé-e"),
        "{stderr}"
    );
    // The publication of the election in force is no history.
    let (_, code, stderr) = run(&wd, &["--election", "2022", "--history", &history("cc-2022.csv")]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("the one in force") && stderr.contains("--publication"),
        "{stderr}"
    );
    // Rows that cannot be read: exit 1, named; --skip-unreadable goes on.
    // A date that is no date (the row's one error said, not what follows
    // from it) and a mandate the tool does not know: two rows.
    let broken = std::fs::read_to_string(history("cc-2022.csv"))
        .unwrap()
        .replacen("08/02/2022", "31/02/2022", 1)
        .replacen("Maire;Jouy-en-Argonne", "Gardien de phare;Jouy-en-Argonne", 1);
    wd.write("cc-2022-broken.csv", broken);
    let (_, code, stderr) = run(&wd, &["--history", "cc-2022-broken.csv", "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("2 row(s) of cc-2022-broken.csv cannot be read")
            && stderr.contains("cc-2022-broken.csv:2: error[bad-date]")
            && stderr.contains("cc-2022-broken.csv:4: error[unknown-mandate]")
            && !stderr.contains("status-date-mismatch"),
        "{stderr}"
    );
    let (json, code, stderr) = run(
        &wd,
        &[
            "--history",
            "cc-2022-broken.csv",
            "--format",
            "json",
            "--skip-unreadable",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("2 row(s) of cc-2022-broken.csv cannot be read"),
        "{stderr}"
    );
    assert_eq!(json["history"][0]["matched"], 5);
    // --prefer needs history, and a candidate someone sponsored.
    let (_, code, stderr) = run(&wd, &["--prefer", "KAZIB Anasse"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--history"), "{stderr}");
    let (_, code, stderr) = run(
        &wd,
        &["--history", &history("cc-2022.csv"), "--prefer", "KAZIB Anas"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("KAZIB Anasse"), "{stderr}");
}

#[test]
fn add_takes_the_registers_spelling_and_warns_of_a_name_not_there() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.write(
        "parrainage.toml",
        format!(
            "candidate = \"MARTIN Claire\"\nregister = \"{}\"\n",
            history("rne")
        ),
    );
    // A sloppy entry for the mayor of Éton: the register's names, her
    // civility and her commune.
    let output = wd
        .cmd_as_of(TODAY)
        .args(["add", "--last-name", "baudoin", "--first-name", "delphine"])
        .args(["--mandate", "maire", "--department", "55"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("last_name `BAUDOIN` (typed `baudoin`)")
            && stdout.contains("civility `Mme` (not typed)")
            && stdout.contains("circonscription `Éton` (not typed)"),
        "{stdout}"
    );
    assert!(
        wd.read("parrainages.csv")
            .ends_with("claimed,MARTIN Claire,Mme,BAUDOIN,Delphine,mayor,Éton,55,2026-12-03,,,\n"),
        "{}",
        wd.read("parrainages.csv")
    );
    // A departmental councillor: her canton.
    let output = wd
        .cmd_as_of(TODAY)
        .args(["add", "--last-name", "Lemoine", "--first-name", "Claire"])
        .args(["--mandate", "conseillère départementale", "--department", "Aisne"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        wd.read("parrainages.csv")
            .contains(",Mme,LEMOINE,Claire,departmental-councillor,Laon-1,02,"),
        "{}",
        wd.read("parrainages.csv")
    );
    // A name the register does not have as the mayor of Éton: warned of at
    // once, the real mayor named first (MOREL is nearer in spelling), and
    // recorded all the same.
    let output = wd
        .cmd_as_of(TODAY)
        .args(["add", "--last-name", "morelle", "--first-name", "pascal"])
        .args([
            "--mandate",
            "maire",
            "--circonscription",
            "eton",
            "--department",
            "55",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("parrainages.csv:4: warning[not-in-register]")
            && stderr.contains("nearest there: BAUDOIN Delphine, MOREL Pascal Henri\n"),
        "{stderr}"
    );
    assert!(
        wd.read("parrainages.csv")
            .contains(",morelle,pascal,mayor,Éton,55,")
    );
    // --register does the same without the setting; without either, add
    // says nothing of a register.
    wd.write("parrainage.toml", "candidate = \"MARTIN Claire\"\n");
    let output = wd
        .cmd_as_of(TODAY)
        .args(["add", "--last-name", "Morel", "--first-name", "Pascal"])
        .args(["--mandate", "maire", "--department", "55"])
        .args(["--register", &history("rne")])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        wd.read("parrainages.csv")
            .contains(",M.,MOREL,Pascal Henri,mayor,Verdun,55,"),
        "{}",
        wd.read("parrainages.csv")
    );
    let output = wd
        .cmd_as_of(TODAY)
        .args(["add", "--last-name", "nobody", "--first-name", "known"])
        .args(["--mandate", "maire", "--department", "55"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("register"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn update_warns_when_the_new_values_leave_the_register() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}claimed,MARTIN Claire,Mme,BAUDOIN,Delphine,mayor,Éton,55,2026-11-02,,,\n"),
    );
    wd.write(
        "parrainage.toml",
        format!(
            "candidate = \"MARTIN Claire\"\nregister = \"{}\"\n",
            history("rne")
        ),
    );
    // The mayor of Éton said to be of the Marne: warned of, with where the
    // register has her; the change is made.
    let output = wd
        .cmd_as_of(TODAY)
        .args(["update", "--last-name", "BAUDOIN", "--first-name", "Delphine"])
        .args(["--set-department", "51"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("parrainages.csv:2: warning[not-in-register]")
            && stderr.contains("the register has BAUDOIN Delphine as mayor (Éton) in 55"),
        "{stderr}"
    );
    assert!(wd.read("parrainages.csv").contains(",mayor,Éton,51,"));
    // A change of status alone does not read the register.
    let output = wd
        .cmd_as_of(TODAY)
        .args(["update", "--last-name", "BAUDOIN", "--first-name", "Delphine"])
        .args(["--status", "sent"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("register"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
