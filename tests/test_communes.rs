//! INSEE's official list of communes, embedded: mayors' places checked by
//! `check`, `add` and `update`, loose places matched by `import`, and the
//! register's coverage said by `prospects`, `check --register` and
//! `register`. The list's own counts are tested where it is read
//! (`official::communes`).

mod common;

use common::{HEADER, Workdir, fixture};
use serde_json::Value;

/// A ledger row of a claim for MARTIN Claire.
fn claim(last_name: &str, mandate: &str, place: &str, department: &str) -> String {
    format!("claimed,MARTIN Claire,,{last_name},Jean,{mandate},{place},{department},2022-01-05,,,\n")
}

fn check_json(wd: &Workdir, args: &[&str]) -> (Value, i32) {
    let output = wd
        .cmd()
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("run");
    (
        serde_json::from_slice(&output.stdout).expect("one JSON document"),
        output.status.code().unwrap_or(-1),
    )
}

/// The diagnostics of a `check` document with a code, as (line, message).
fn with_code(json: &Value, code: &str) -> Vec<(u64, String)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The entry of `array` (a JSON array of objects) whose `department` is `code`.
fn of_unit(array: &Value, code: &str) -> Option<Value> {
    array
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["department"] == code)
        .cloned()
}

/// `parrainage ARGS --format json`: the document, and what it said on
/// standard error.
fn json_of(wd: &Workdir, args: &[&str]) -> (Value, String) {
    let output = wd
        .cmd()
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run");
    (
        serde_json::from_slice(&output.stdout).unwrap_or(Value::Null),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn check_warns_of_a_commune_not_in_its_departement_and_nothing_else() {
    let wd = Workdir::new();
    let ledger = [
        claim("DUPONT", "mayor", "Verdum", "55"),
        claim("DURAND", "mayor", "Verdun", "57"),
        claim("PETIT", "mayor", "saint felix de tournegat", "09"),
        // A commune déléguée of Arboys en Bugey, and that commune itself,
        // as the Conseil writes most delegate mayors.
        claim("ROUX", "delegate-mayor", "Arbignieu", "01"),
        claim("BLANC", "delegate-mayor", "Arboys en Bugey", "01"),
        // Articles and "St" aside.
        claim("NOIR", "mayor", "Abergement-Clémenciat", "01"),
        claim("VERT", "mayor", "Mans (Le)", "72"),
        claim("GRIS", "mayor", "St-Malo", "35"),
        // Not a commune: nothing to look up.
        claim("BRUN", "departmental-councillor", "Verdun-1", "55"),
    ];
    wd.write("parrainages.csv", format!("{HEADER}{}", ledger.concat()));
    let (json, code) = check_json(&wd, &[]);
    assert_eq!(code, 0, "warnings only: {json:#}");
    let unknown = with_code(&json, "unknown-commune");
    assert_eq!(
        unknown,
        [
            (
                2,
                "`Verdum` is not a commune of 55 Meuse in the official list of communes; nearest: Verdun"
                    .to_string()
            ),
            (
                3,
                "`Verdun` is not a commune of 57 Moselle in the official list of communes; that name is in 09 Ariège, 55 Meuse"
                    .to_string()
            ),
        ],
        "{json:#}"
    );
    assert_eq!(json["warnings"], 2, "{json:#}");
    let diagnostic = &json["diagnostics"][1];
    assert_eq!(diagnostic["column"], "circonscription");
    assert_eq!(diagnostic["severity"], "warning");
    assert!(diagnostic["hint"].as_str().unwrap().contains("wrong département"));
}

#[test]
fn a_name_two_communes_share_is_a_warning_naming_both() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}{}{}",
            claim("DUPONT", "mayor", "vergne", "17"),
            claim("DURAND", "mayor", "La Vergne", "17")
        ),
    );
    let (json, _) = check_json(&wd, &[]);
    let ambiguous = with_code(&json, "ambiguous-commune");
    assert_eq!(ambiguous.len(), 1, "{json:#}");
    let (line, message) = &ambiguous[0];
    assert_eq!(*line, 2);
    assert!(
        message.contains("Vergné (17464)") && message.contains("La Vergne (17465)"),
        "{message}"
    );
    assert_eq!(json["warnings"], 1, "{json:#}");
}

#[test]
fn arrondissement_mayors_sit_in_an_arrondissement_or_a_sector_of_the_city() {
    let wd = Workdir::new();
    let ledger = [
        claim(
            "DUPONT",
            "arrondissement-mayor",
            "Marseille 1er Arrondissement",
            "13",
        ),
        claim("DURAND", "arrondissement-mayor", "Marseille Secteur 4", "13"),
        claim("PETIT", "arrondissement-mayor", "Lyon 3e Arrondissement", "13"),
        // The Conseil leaves Paris's empty.
        claim("ROUX", "arrondissement-mayor", "", "75"),
    ];
    wd.write("parrainages.csv", format!("{HEADER}{}", ledger.concat()));
    let (json, _) = check_json(&wd, &[]);
    let unknown = with_code(&json, "unknown-commune");
    assert_eq!(unknown.len(), 1, "{json:#}");
    assert_eq!(unknown[0].0, 4);
    assert!(
        unknown[0].1.contains("that name is in 69 Rhône"),
        "{}",
        unknown[0].1
    );
}

#[test]
fn a_publications_own_places_are_never_warned_about() {
    let wd = Workdir::new();
    wd.write(
        "cc.csv",
        "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n\
         M.;DUPONT;Jean;Maire;Verdum;Meuse;MARTIN Claire;08/02/2022\n",
    );
    let (json, code) = check_json(&wd, &["cc.csv"]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["warnings"], 0, "{json:#}");
}

#[test]
fn add_stores_the_official_spelling_and_says_so() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.cmd()
        .args(["--candidate", "MARTIN Claire", "add"])
        .args(["--last-name", "PETIT", "--first-name", "Anne", "--mandate", "maire"])
        .args(["--circonscription", "saint felix de tournegat", "--department", "Ariège"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "`saint felix de tournegat` stored as the official list of communes writes it: `Saint-Félix-de-Tournegat`",
        ));
    assert!(
        wd.read("parrainages.csv")
            .contains(",PETIT,Anne,mayor,Saint-Félix-de-Tournegat,09,"),
        "{}",
        wd.read("parrainages.csv")
    );
    // The same official typed another loose way is the one already there.
    wd.cmd()
        .args(["--candidate", "MARTIN Claire", "add"])
        .args([
            "--last-name",
            "Petit",
            "--first-name",
            "Anne",
            "--mandate",
            "mayor",
        ])
        .args(["--circonscription", "St Felix de Tournegat", "--department", "09"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("duplicate-sponsor"));
    // A commune not there: recorded as typed, with the warning.
    wd.cmd()
        .args(["--candidate", "MARTIN Claire", "add"])
        .args([
            "--last-name",
            "DUPONT",
            "--first-name",
            "Jean",
            "--mandate",
            "mayor",
        ])
        .args(["--circonscription", "Verdum", "--department", "55"])
        .assert()
        .success()
        .stderr(predicates::str::contains("warning[unknown-commune]"))
        .stderr(predicates::str::contains("nearest: Verdun"));
    assert!(
        wd.read("parrainages.csv")
            .contains(",DUPONT,Jean,mayor,Verdum,55,")
    );
}

#[test]
fn update_stores_the_official_spelling_of_a_place_it_sets() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}{}", claim("DUPONT", "mayor", "Verdum", "55")),
    );
    wd.cmd()
        .args(["update", "--last-name", "DUPONT", "--first-name", "Jean"])
        .args(["--set-circonscription", "verdun"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "`verdun` stored as the official list of communes writes it: `Verdun`",
        ));
    assert!(
        wd.read("parrainages.csv")
            .contains(",DUPONT,Jean,mayor,Verdun,55,")
    );
    // Moved to a département where it is no commune: said, and kept.
    wd.cmd()
        .args(["update", "--last-name", "DUPONT", "--first-name", "Jean"])
        .args(["--set-department", "57"])
        .assert()
        .success()
        .stderr(predicates::str::contains("that name is in 09 Ariège, 55 Meuse"));
}

#[test]
fn import_matches_a_claim_whose_commune_was_typed_loosely() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}{}{}",
            claim("DUPONT", "mayor", "Abergement Clemenciat", "01"),
            claim("DURAND", "mayor", "St Felix de Tournegat", "09")
        ),
    );
    // DUPONT published for another candidate, DURAND for ours, each as
    // the official list writes the commune.
    wd.write(
        "cc.csv",
        "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n\
         M.;DUPONT;Jean;Maire;L'Abergement-Clémenciat;Ain;DURAND Paul;08/02/2022\n\
         M.;DURAND;Jean;Maire;Saint-Félix-de-Tournegat;Ariège;MARTIN Claire;08/02/2022\n",
    );
    let output = wd
        .cmd()
        .args([
            "--candidate",
            "MARTIN Claire",
            "import",
            "cc.csv",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    // The same commune: no homonym in another place, so the claim lost to
    // another candidate is lost, and nothing is left to review.
    assert_eq!(
        (json["confirmed"].as_u64(), json["lost"].as_u64()),
        (Some(1), Some(1)),
        "{json:#}"
    );
    let ledger = wd.read("parrainages.csv");
    assert!(
        ledger.contains("lost,MARTIN Claire,,DUPONT,Jean,mayor,Abergement Clemenciat,01,"),
        "{ledger}"
    );
    assert!(
        !output.stdout.windows(11).any(|w| w == b"other-place"),
        "{json:#}"
    );
}

/// A register directory holding only mayors: every commune of
/// Saint-Pierre-et-Miquelon, 16 of Mayotte's 17, none of Mayenne's; and a
/// departmental councillor of each, so that each has a prospect.
fn small_register(wd: &Workdir) -> String {
    let mut mayors = String::from(
        "Code du département;Libellé du département;Code de la collectivité à statut particulier;\
         Libellé de la collectivité à statut particulier;Code de la commune;Libellé de la commune;\
         Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance\n",
    );
    mayors.push_str(";;975;Saint-Pierre-et-Miquelon;97501;Miquelon-Langlade;ARRIBET;Paul;M;01/01/1960\n");
    mayors.push_str(";;975;Saint-Pierre-et-Miquelon;97502;Saint-Pierre;BRIAND;Anne;F;01/01/1961\n");
    for i in 1..=16 {
        mayors.push_str(&format!(
            "976;Mayotte;;;976{i:02};Commune {i};MAIRE{i};Ali;M;01/01/1970\n"
        ));
    }
    wd.write("rne/elus-maires-mai.csv", mayors);
    wd.write(
        "rne/elus-conseillers-departementaux-cd.csv",
        "Code du département;Libellé du département;Code du canton;Libellé du canton;Nom de l'élu;\
         Prénom de l'élu;Code sexe;Date de naissance\n\
         53;Mayenne;5301;Laval-1;LEROUX;Marie;F;02/02/1962\n\
         976;Mayotte;97601;Mamoudzou-1;SAID;Fatima;F;03/03/1973\n\
         975;Saint-Pierre-et-Miquelon;97501;Saint-Pierre;CORMIER;Luc;M;04/04/1964\n",
    );
    wd.path("rne").display().to_string()
}

#[test]
fn prospects_say_how_complete_the_register_is_and_mark_the_call_list() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    let register = small_register(&wd);
    let (json, stderr) = json_of(
        &wd,
        &[
            "--candidate",
            "MARTIN Claire",
            "prospects",
            "--register",
            &register,
        ],
    );
    let coverage = &json["register"]["coverage"];
    let of = |code: &str| {
        of_unit(coverage, code).map(|c| (c["mayors"].as_u64().unwrap(), c["communes"].as_u64().unwrap()))
    };
    assert_eq!(of("975"), Some((2, 2)));
    assert_eq!(of("976"), Some((16, 17)));
    assert_eq!(of("53"), Some((0, 240)));
    assert_eq!(of("58"), Some((0, 309)));
    // Units whose communes have no mayors, and the fictitious ones: none.
    assert_eq!(of("977"), None);
    assert_eq!(of("ZZ"), None);
    assert_eq!(coverage.as_array().unwrap().len(), 104);
    // No EPCI file: nothing said of the EPCI.
    assert_eq!(coverage[0]["epci_presidents"], Value::Null);
    assert!(stderr.contains("976 Mayotte 16 of 17"), "{stderr}");
    assert!(stderr.contains("53 Mayenne 0 of 240"), "{stderr}");
    assert!(!stderr.contains("975 Saint-Pierre"), "{stderr}");
    let marked = |department: &str| {
        json["prospects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| {
                p["department"] == department && p["mandates"][0]["mandate"] == "departmental-councillor"
            })
            .map(|p| p["register_coverage"].clone())
    };
    assert_eq!(marked("975"), Some("complete".into()));
    assert_eq!(marked("976"), Some("incomplete".into()));
    assert_eq!(marked("53"), Some("missing".into()));
    // The call list marks them too; the table says why.
    let csv = wd
        .cmd()
        .args([
            "--candidate",
            "MARTIN Claire",
            "prospects",
            "--register",
            &register,
            "--format",
            "csv",
        ])
        .args(["--department", "53"])
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&csv.stdout);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",maybe_taken,register_coverage,history"),
        "{csv}"
    );
    assert!(
        csv.contains("LEROUX,Marie,Mme,53,departmental-councillor,Laval-1,,new-department,no,missing,"),
        "{csv}"
    );
    let table = wd
        .cmd()
        .args([
            "--candidate",
            "MARTIN Claire",
            "prospects",
            "--register",
            &register,
        ])
        .args(["--department", "53"])
        .output()
        .unwrap();
    // The table wraps its cells: read without spaces and borders.
    let table: String = String::from_utf8_lossy(&table.stdout)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    assert!(table.contains("theregisterhasnomayorhere"), "{table}");
}

#[test]
fn check_with_the_register_says_its_coverage() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}{}", claim("SAID", "departmental-councillor", "", "976")),
    );
    let register = small_register(&wd);
    let (json, stderr) = json_of(&wd, &["check", "--register", &register]);
    let mayotte = of_unit(&json["register"]["coverage"], "976").unwrap();
    assert_eq!(
        (mayotte["mayors"].as_u64(), mayotte["communes"].as_u64()),
        (Some(16), Some(17))
    );
    assert!(stderr.contains("976 Mayotte 16 of 17"), "{stderr}");
    // Without the register, the document is as it was.
    let (json, _) = check_json(&wd, &[]);
    assert!(json.get("register").is_none());
}

#[test]
fn register_says_what_it_holds_per_mandate_and_per_departement() {
    let wd = Workdir::new();
    let register = small_register(&wd);
    let (json, _) = json_of(&wd, &["register", "--register", &register]);
    assert_eq!(json["register"]["files"], 2);
    assert_eq!(json["register"]["eligible"], 21);
    let held = |mandate: &str| {
        json["by_mandate"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["mandate"] == mandate)
            .map(|m| m["held"].clone())
    };
    assert_eq!(held("mayor"), Some(18.into()));
    assert_eq!(held("departmental-councillor"), Some(3.into()));
    // No file lists them: not zero, unknown.
    assert_eq!(held("senator"), Some(Value::Null));
    let mayenne = of_unit(&json["by_department"], "53").unwrap();
    assert_eq!(mayenne["held"], 1);
    assert_eq!(mayenne["mandates"]["mayor"], 0);
    assert_eq!(mayenne["mandates"]["departmental-councillor"], 1);
    assert_eq!(mayenne["coverage"], "missing");
    assert!(mayenne["mandates"].get("senator").is_none());

    let csv = wd
        .cmd()
        .args(["register", "--register", &register, "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&csv.stdout);
    let header = csv.lines().next().unwrap();
    assert!(
        header.starts_with("department,name,held,mayor,delegate-mayor,"),
        "{header}"
    );
    assert!(header.ends_with(",communes,epcis,coverage"), "{header}");
    assert!(csv.contains("\n976,Mayotte,17,16,,"), "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("976,") && l.ends_with(",17,,incomplete")),
        "{csv}"
    );

    let table = wd
        .cmd()
        .args(["register", "--register", &register])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("no file"), "{table}");
    assert!(table.contains("53 Mayenne 0 of 240"), "{table}");
    let french = wd
        .cmd()
        .args(["--lang", "fr", "register", "--register", &register])
        .output()
        .unwrap();
    let french = String::from_utf8_lossy(&french.stdout);
    assert!(
        french.contains("pas de fichier") && french.contains("manquant"),
        "{french}"
    );
    assert!(french.contains("53 Mayenne 0 sur 240"), "{french}");
}

#[test]
fn the_fixture_register_with_its_epci_file_counts_epci_presidents() {
    let wd = Workdir::new();
    let register = fixture("register").display().to_string();
    let (json, stderr) = json_of(&wd, &["register", "--register", &register]);
    let aisne = of_unit(&json["register"]["coverage"], "02").unwrap();
    // One EPCI president in the fixture, of the Aisne's EPCI (their seats
    // as the official list tells them).
    assert_eq!(aisne["epci_presidents"], 1);
    assert!(aisne["epcis"].as_u64().unwrap() > 10, "{aisne}");
    assert!(stderr.contains("EPCI presidents"), "{stderr}");
}
