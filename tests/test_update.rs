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
        .code(2);
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
