//! `parrainage update`: change one entry's status and dates.

mod common;

use common::{HEADER, Workdir};
use predicates::prelude::*;

const ROWS: &str = "claimed,MARTIN Claire,,DUPONT,Hélène,mayor,Jouy-en-Argonne,55,2022-01-05,,,\n\
                    claimed,MARTIN Claire,,LEFEBVRE,Michel,mayor,Wattrelos,59,2022-01-05,,,\n\
                    claimed,MARTIN Claire,,LEFEBVRE,Michel,departmental-councillor,Roubaix-1,59,2022-01-05,,,\n";

#[test]
fn a_claim_becomes_validated() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", format!("{HEADER}{ROWS}"));
    wd.cmd()
        .args([
            "update",
            "--last-name",
            "dupont",
            "--first-name",
            "helene",
            "--status",
            "validated",
        ])
        .args(["--published-on", "2022-02-08"])
        .assert()
        .success()
        .stdout(predicate::str::contains("parrainages.csv:2"))
        .stdout(predicate::str::contains(
            "claimed → validated, published 2022-02-08",
        ));
    let expected = format!("{HEADER}{ROWS}").replace(
        "claimed,MARTIN Claire,,DUPONT,Hélène,mayor,Jouy-en-Argonne,55,2022-01-05,,,",
        "validated,MARTIN Claire,,DUPONT,Hélène,mayor,Jouy-en-Argonne,55,2022-01-05,2022-02-08,,",
    );
    assert_eq!(wd.read("parrainages.csv"), expected);
    wd.cmd().arg("check").assert().success();
}

#[test]
fn homonyms_must_be_told_apart() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", format!("{HEADER}{ROWS}"));
    let before = wd.read_bytes("parrainages.csv");
    wd.cmd()
        .args([
            "update",
            "--last-name",
            "Lefebvre",
            "--first-name",
            "Michel",
            "--status",
            "sent",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("2 entries match"))
        .stderr(predicate::str::contains("line 3"))
        .stderr(predicate::str::contains("line 4"));
    assert_eq!(wd.read_bytes("parrainages.csv"), before);
    wd.cmd()
        .args([
            "update",
            "--last-name",
            "Lefebvre",
            "--first-name",
            "Michel",
            "--mandate",
            "departmental-councillor",
        ])
        .args(["--status", "withdrawn", "--notes", "changed his mind"])
        .assert()
        .success();
    assert!(wd.read("parrainages.csv").contains("withdrawn,MARTIN Claire,,LEFEBVRE,Michel,departmental-councillor,Roubaix-1,59,2022-01-05,,,changed his mind\n"));
}

#[test]
fn refuses_what_check_would_refuse() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", format!("{HEADER}{ROWS}"));
    let before = wd.read_bytes("parrainages.csv");
    wd.cmd()
        .args([
            "update",
            "--last-name",
            "Dupont",
            "--first-name",
            "Hélène",
            "--status",
            "validated",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("status-date-mismatch"));
    wd.cmd()
        .args([
            "update",
            "--last-name",
            "Nobody",
            "--first-name",
            "Here",
            "--status",
            "sent",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no entry"));
    wd.cmd()
        .args([
            "update",
            "--last-name",
            "Dupont",
            "--first-name",
            "Hélène",
            "--status",
            "promised",
        ])
        .assert()
        // A value the entry cannot take: refused as `add` refuses it.
        .code(1);
    wd.cmd()
        .args([
            "update",
            "--last-name",
            "Dupont",
            "--first-name",
            "Hélène",
            "--published-on",
            "2022-02-30",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no day 30"));
    assert_eq!(wd.read_bytes("parrainages.csv"), before);
}

#[test]
fn keeps_every_other_byte_of_a_crlf_semicolon_file() {
    let wd = Workdir::new();
    let header = HEADER.trim_end().replace(',', ";") + ";phone";
    let rows = "claimed;MARTIN Claire;;\"A\";B;mayor;;01;2022-01-05;;;;\"06 01\"\r\n\
                claimed;MARTIN Claire;;C;D;mayor;;02;2022-01-05;;;;0602\r\n\
                claimed;MARTIN Claire;;E;F;mayor;;03;2022-01-05;;;;0603";
    wd.write("l.csv", format!("\u{feff}{header}\r\n{rows}"));
    wd.cmd()
        .args([
            "--ledger",
            "l.csv",
            "--candidate",
            "MARTIN Claire",
            "update",
            "--last-name",
            "c",
        ])
        .args(["--first-name", "d", "--status", "sent"])
        .assert()
        .success();
    let expected = format!("\u{feff}{header}\r\n{rows}").replace(
        "claimed;MARTIN Claire;;C;D;mayor;;02;2022-01-05;;;;0602",
        "sent;MARTIN Claire;;C;D;mayor;;02;2022-01-05;;;;0602",
    );
    assert_eq!(wd.read("l.csv"), expected);
    // The last row, without a final newline, keeps none.
    wd.cmd()
        .args([
            "--ledger",
            "l.csv",
            "--candidate",
            "MARTIN Claire",
            "update",
            "--last-name",
            "E",
        ])
        .args(["--first-name", "F", "--status", "sent"])
        .assert()
        .success();
    assert!(
        wd.read("l.csv")
            .ends_with("sent;MARTIN Claire;;E;F;mayor;;03;2022-01-05;;;;0603")
    );
}

#[test]
fn set_flags_fix_who_an_entry_is_and_refuse_a_duplicate() {
    let wd = Workdir::new();
    let original = format!("{HEADER}{ROWS}");
    wd.write("parrainages.csv", &original);
    // A name typed wrong, and a place.
    wd.cmd()
        .args(["update", "--last-name", "dupont", "--first-name", "helene"])
        .args(["--set-last-name", "DUPOND", "--set-circonscription", "Jouy"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Updated parrainages.csv:2: DUPOND Hélène, mayor (Jouy)",
        ));
    assert!(
        wd.read("parrainages.csv")
            .contains("claimed,MARTIN Claire,,DUPOND,Hélène,mayor,Jouy,55,2022-01-05,,,\n")
    );
    // A mandate changed into one the same official already holds: refused,
    // naming the other row and the command that removes this one.
    let before = wd.read("parrainages.csv");
    wd.cmd()
        .args([
            "update",
            "--last-name",
            "lefebvre",
            "--first-name",
            "michel",
            "--mandate",
            "departmental-councillor",
        ])
        .args(["--set-mandate", "maire", "--set-circonscription", "Wattrelos"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("duplicate-sponsor"))
        .stderr(predicate::str::contains("parrainages.csv:3"))
        .stderr(predicate::str::contains(
            "remove --last-name 'LEFEBVRE' --first-name 'Michel' --line 4",
        ));
    assert_eq!(wd.read("parrainages.csv"), before);
    // A value that is not one: refused before anything is read.
    wd.cmd()
        .args([
            "update",
            "--last-name",
            "dupond",
            "--first-name",
            "helene",
            "--set-department",
            "Meuze",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `Meuse`?"));
    // Inclusive writing of a mandate, and a French date in a flag.
    wd.cmd()
        .args(["update", "--last-name", "dupond", "--first-name", "helene"])
        .args([
            "--set-mandate",
            "conseiller·e départemental·e",
            "--set-circonscription",
            "Verdun-1",
        ])
        .args(["--status", "validated", "--published-on", "08/02/2022"])
        .assert()
        .success();
    assert!(wd.read("parrainages.csv").contains(
        "validated,MARTIN Claire,,DUPOND,Hélène,departmental-councillor,Verdun-1,55,2022-01-05,2022-02-08,,\n"
    ));
    wd.cmd().arg("check").assert().success();
}
