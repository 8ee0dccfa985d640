//! INSEE's official list of communes, embedded: mayors' places checked by
//! `check`, `add` and `update`, and loose places matched by `import`. The
//! list's own counts are tested where it is read (`official::communes`).

mod common;

use common::{HEADER, Workdir};
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
