//! `parrainage add`: validate, refuse duplicates, append one row.

mod common;

use common::{HEADER, Workdir};
use predicates::prelude::*;

fn ledger(wd: &Workdir, rows: &str) {
    wd.write("parrainages.csv", format!("{HEADER}{rows}"));
    wd.write("parrainage.toml", "candidate = \"MARTIN Claire\"\n");
}

const DUPONT: &str = "claimed,MARTIN Claire,Mme,DUPONT,Hélène,mayor,Jouy-en-Argonne,55,2022-01-05,,,\n";

#[test]
fn appends_one_row_with_codes_and_iso_dates() {
    let wd = Workdir::new();
    ledger(&wd, DUPONT);
    wd.cmd()
        .args(["add", "--last-name", "Rousseau", "--first-name", "Anne", "--civility", "Madame"])
        .args(["--mandate", "Conseillère départementale", "--circonscription", "Lille-3"])
        .args(["--department", "nord", "--status", "validated", "--published-on", "2022-02-10"])
        .assert()
        .success()
        .stdout("Recorded parrainages.csv:3: validated Rousseau Anne, departmental-councillor (Lille-3), 59 Nord for MARTIN Claire\n");
    assert_eq!(
        wd.read("parrainages.csv"),
        format!(
            "{HEADER}{DUPONT}validated,MARTIN Claire,Mme,Rousseau,Anne,departmental-councillor,Lille-3,59,,2022-02-10,,\n"
        )
    );
}

#[test]
fn a_claim_is_dated_today_unless_told() {
    let wd = Workdir::new();
    ledger(&wd, "");
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "A",
            "--first-name",
            "B",
            "--mandate",
            "mayor",
            "--department",
            "01",
        ])
        .assert()
        .success();
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "C",
            "--first-name",
            "D",
            "--mandate",
            "mayor",
            "--department",
            "02",
        ])
        .args(["--claimed-on", "2021-11-30"])
        .assert()
        .success();
    let text = wd.read("parrainages.csv");
    assert!(text.contains(",A,B,mayor,,01,2022-02-16,"), "{text}");
    assert!(text.contains(",C,D,mayor,,02,2021-11-30,"), "{text}");
}

#[test]
fn refuses_the_same_official_typed_otherwise_and_names_the_line() {
    let wd = Workdir::new();
    ledger(&wd, DUPONT);
    let before = wd.read_bytes("parrainages.csv");
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "DUPONT",
            "--first-name",
            "HELENE",
            "--mandate",
            "Maire",
        ])
        .args(["--circonscription", "jouy en argonne", "--department", "Meuse"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[duplicate-sponsor]"))
        .stderr(predicate::str::contains("parrainages.csv:2"));
    assert_eq!(wd.read_bytes("parrainages.csv"), before);
}

#[test]
fn refuses_an_official_who_sponsors_another_candidate() {
    let wd = Workdir::new();
    ledger(&wd, DUPONT);
    let before = wd.read_bytes("parrainages.csv");
    wd.cmd()
        .args([
            "add",
            "--candidate",
            "DURAND Paul",
            "--last-name",
            "Dupont",
            "--first-name",
            "Hélène",
        ])
        .args([
            "--mandate",
            "mayor",
            "--circonscription",
            "Jouy-en-Argonne",
            "--department",
            "55",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[several-candidates]"));
    assert_eq!(wd.read_bytes("parrainages.csv"), before);
}

#[test]
fn refuses_bad_entries_with_every_reason_and_leaves_the_file_untouched() {
    let wd = Workdir::new();
    ledger(&wd, DUPONT);
    let before = wd.read_bytes("parrainages.csv");
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Moyen",
            "--first-name",
            "Luc",
            "--mandate",
            "adjoint au maire",
        ])
        .args(["--department", "Bretagne", "--published-on", "2022-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2022-02-30"));
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Moyen",
            "--first-name",
            "Luc",
            "--mandate",
            "adjoint au maire",
        ])
        .args(["--department", "Bretagne", "--status", "validated"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[ineligible-mandate]"))
        .stderr(predicate::str::contains("only the mayor may"))
        .stderr(predicate::str::contains("error[unknown-department]"))
        .stderr(predicate::str::contains("did you mean").not());
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Sans",
            "--first-name",
            "Date",
            "--mandate",
            "mayor",
            "--department",
            "55",
        ])
        .args(["--status", "validated"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[status-date-mismatch]"));
    assert_eq!(wd.read_bytes("parrainages.csv"), before);
}

#[test]
fn warns_of_a_possible_homonym_but_records_it() {
    let wd = Workdir::new();
    ledger(&wd, DUPONT);
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Dupont",
            "--first-name",
            "Hélène",
            "--mandate",
            "departmental-councillor",
        ])
        .args(["--department", "55"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning[possible-duplicate]"));
    assert_eq!(wd.read("parrainages.csv").lines().count(), 3);
}

#[test]
fn meps_and_afe_members_need_no_department() {
    let wd = Workdir::new();
    ledger(&wd, "");
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Novak",
            "--first-name",
            "Ewa",
            "--mandate",
            "depute europeen",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("EU Parlement européen"));
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Duval",
            "--first-name",
            "Tom",
            "--mandate",
            "afe-councillor",
        ])
        .args(["--circonscription", "Allemagne, Autriche, Suisse"])
        .assert()
        .success();
    let text = wd.read("parrainages.csv");
    assert!(text.contains(",Novak,Ewa,mep,,EU,"), "{text}");
    assert!(
        text.contains(",Duval,Tom,afe-councillor,\"Allemagne, Autriche, Suisse\",ZZ,"),
        "{text}"
    );
}

#[test]
fn keeps_separator_bom_crlf_and_extra_columns() {
    let wd = Workdir::new();
    let header = HEADER.trim_end().replace(',', ";") + ";phone";
    let original = format!("\u{feff}{header}\r\nclaimed;MARTIN Claire;;A;B;mayor;;01;2022-01-05;;;;0601\r\n");
    wd.write("parrainages.csv", &original);
    wd.cmd()
        .args([
            "add",
            "--candidate",
            "MARTIN Claire",
            "--last-name",
            "C",
            "--first-name",
            "D",
        ])
        .args([
            "--mandate",
            "mayor",
            "--department",
            "02",
            "--claimed-on",
            "2022-01-06",
        ])
        .assert()
        .success();
    assert_eq!(
        wd.read("parrainages.csv"),
        format!("{original}claimed;MARTIN Claire;;C;D;mayor;;02;2022-01-06;;;;\r\n")
    );
}

#[test]
fn a_file_without_final_newline_gets_one_before_the_row() {
    let wd = Workdir::new();
    ledger(&wd, DUPONT.trim_end());
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "C",
            "--first-name",
            "D",
            "--mandate",
            "mayor",
            "--department",
            "02",
        ])
        .args(["--claimed-on", "2022-01-06"])
        .assert()
        .success()
        .stdout(predicate::str::contains("parrainages.csv:3:"));
    assert_eq!(
        wd.read("parrainages.csv"),
        format!("{HEADER}{DUPONT}claimed,MARTIN Claire,,C,D,mayor,,02,2022-01-06,,,\n")
    );
}

#[test]
fn refuses_official_files_missing_ledgers_and_directories() {
    let wd = Workdir::new();
    let args = [
        "add",
        "--candidate",
        "X Y",
        "--last-name",
        "C",
        "--first-name",
        "D",
        "--mandate",
        "mayor",
        "--department",
        "02",
    ];
    wd.cmd()
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("parrainage init"));
    wd.write(
        "cc.csv",
        "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n",
    );
    wd.cmd()
        .args(["--ledger", "cc.csv"])
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("read-only"));
    std::fs::create_dir(wd.path("team")).unwrap();
    wd.cmd()
        .args(["--ledger", "team"])
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
}

#[test]
fn checks_against_every_ledger_file_named() {
    let wd = Workdir::new();
    wd.write("team/alice.csv", format!("{HEADER}{DUPONT}"));
    wd.write("team/bob.csv", HEADER);
    wd.cmd()
        .args([
            "--ledger",
            "team/bob.csv",
            "--ledger",
            "team",
            "add",
            "--last-name",
            "Dupont",
        ])
        .args([
            "--first-name",
            "Hélène",
            "--mandate",
            "mayor",
            "--circonscription",
            "Jouy-en-Argonne",
        ])
        .args(["--department", "55", "--candidate", "MARTIN Claire"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("alice.csv:2"));
    assert_eq!(wd.read("team/bob.csv"), HEADER);
}

/// Dates in flags may be typed the French way; the ledger stores them
/// YYYY-MM-DD.
#[test]
fn dates_in_flags_may_be_dd_mm_yyyy() {
    let wd = Workdir::new();
    ledger(&wd, DUPONT);
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Moyen",
            "--first-name",
            "Luc",
            "--mandate",
            "maire",
        ])
        .args(["--department", "02", "--claimed-on", "05/01/2022"])
        .assert()
        .success();
    assert!(
        wd.read("parrainages.csv")
            .contains(",Moyen,Luc,mayor,,02,2022-01-05,,,\n")
    );
    wd.cmd_as_of("16/02/2022")
        .args(["report", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"as_of\": \"2022-02-16\""));
}

/// Every gendered and inclusive spelling of a mandate is read alike,
/// eligible or not; a near miss gets a "did you mean".
#[test]
fn gendered_and_inclusive_mandates_are_read_alike() {
    let wd = Workdir::new();
    ledger(&wd, DUPONT);
    for (i, spelling) in [
        "conseiller départemental",
        "conseillère départementale",
        "conseiller·e départemental·e",
        "conseiller.e départemental.e",
        "conseiller(e) départemental(e)",
        "conseiller/ère départemental/e",
        "conseiller-e départemental-e",
        "Députée",
        "député·e",
        "sénatrice",
        "sénateur·rice",
        "présidente d'EPCI",
        "mairesse",
        "maire délégué·e",
    ]
    .iter()
    .enumerate()
    {
        wd.cmd()
            .args(["add", "--last-name", &format!("NOM{i}"), "--first-name", "Ana"])
            .args([
                "--mandate",
                spelling,
                "--department",
                "02",
                "--circonscription",
                &format!("C{i}"),
            ])
            .assert()
            .success();
    }
    for spelling in [
        "adjoint au maire",
        "adjointe au maire",
        "adjoint·e au maire",
        "conseillère municipale",
        "conseiller(e) municipal(e)",
    ] {
        wd.cmd()
            .args(["add", "--last-name", "AUTRE", "--first-name", "Ana"])
            .args(["--mandate", spelling, "--department", "02"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("error[ineligible-mandate]"));
    }
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "AUTRE",
            "--first-name",
            "Ana",
            "--mandate",
            "mair",
            "--department",
            "02",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `Maire`?"));
}

/// A refused duplicate is named at the line of the entry that stands.
#[test]
fn a_refused_duplicate_names_the_existing_line() {
    let wd = Workdir::new();
    ledger(&wd, DUPONT);
    let output = wd
        .cmd()
        .args([
            "add",
            "--last-name",
            "Dupont",
            "--first-name",
            "Hélène",
            "--mandate",
            "mayor",
        ])
        .args(["--department", "55", "--circonscription", "Jouy-en-Argonne"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("parrainages.csv:2: error[duplicate-sponsor]"),
        "{stderr}"
    );
    assert!(!stderr.contains("parrainages.csv:3"), "{stderr}");
}
