//! Nothing lost: concurrent writers, crashes, encodings and hostile input.

mod common;

use std::process::Command as Process;
use std::time::{Duration, Instant};

use common::{HEADER, Workdir};
use predicates::prelude::*;
use serde_json::Value;

fn check_json(wd: &Workdir, file: &str) -> (Value, i32) {
    let output = wd
        .cmd()
        .args(["check", "--format", "json", file])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (json, output.status.code().unwrap())
}

#[test]
fn eight_volunteers_adding_at_once_lose_nothing() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.write("parrainage.toml", "candidate = \"MARTIN Claire\"\n");
    let binary = assert_cmd::cargo::cargo_bin("parrainage");
    let workers: Vec<_> = (0..8)
        .map(|worker| {
            let binary = binary.clone();
            let dir = wd.root().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..40 {
                    let status = Process::new(&binary)
                        .current_dir(&dir)
                        .env_remove("PARRAINAGE_LEDGER")
                        .args([
                            "--as-of",
                            "2022-02-16",
                            "add",
                            "--mandate",
                            "mayor",
                            "--department",
                            "55",
                        ])
                        .args([
                            "--last-name",
                            &format!("VOLUNTEER{worker}"),
                            "--first-name",
                            &format!("Official{i}"),
                        ])
                        .output()
                        .unwrap();
                    assert!(
                        status.status.success(),
                        "{}",
                        String::from_utf8_lossy(&status.stderr)
                    );
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    let text = wd.read("parrainages.csv");
    assert_eq!(text.lines().count(), 1 + 320);
    assert!(text.ends_with('\n'));
    let (json, code) = check_json(&wd, "parrainages.csv");
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["errors"], 0);
}

#[test]
fn a_rewrite_killed_at_any_moment_leaves_the_old_or_the_new_ledger() {
    let wd = Workdir::new();
    let mut original = String::from(HEADER);
    for i in 0..60_000 {
        original.push_str(&format!(
            "claimed,MARTIN Claire,,NAME{i},Jean,mayor,Commune {i},55,2022-01-05,,,\n"
        ));
    }
    wd.write("parrainages.csv", &original);
    let binary = assert_cmd::cargo::cargo_bin("parrainage");
    let update = || {
        let mut command = Process::new(&binary);
        command
            .current_dir(wd.root())
            .args([
                "--as-of",
                "2022-02-16",
                "update",
                "--last-name",
                "NAME59999",
                "--first-name",
                "Jean",
            ])
            .args(["--status", "sent"]);
        command
    };
    // How long a whole rewrite takes here, to kill it at points along the way.
    let started = Instant::now();
    assert!(update().output().unwrap().status.success());
    let whole = started.elapsed();
    let updated = wd.read("parrainages.csv");
    assert_ne!(updated, original);
    assert!(updated.ends_with("sent,MARTIN Claire,,NAME59999,Jean,mayor,Commune 59999,55,2022-01-05,,,\n"));
    for step in 1..=8 {
        wd.write("parrainages.csv", &original);
        let mut child = update().spawn().unwrap();
        std::thread::sleep(whole.mul_f64(step as f64 / 8.0) + Duration::from_millis(step));
        let _ = child.kill(); // SIGKILL on Unix: no clean-up runs.
        let _ = child.wait();
        let now = wd.read("parrainages.csv");
        assert!(
            now == original || now == updated,
            "step {step}: a mixed or truncated ledger ({} bytes)",
            now.len()
        );
    }
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_old_or_the_new_ledger() {
    let wd = Workdir::new();
    let mut ledger = String::from(HEADER);
    let mut publication =
        String::from("Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n");
    for i in 0..30_000 {
        ledger.push_str(&format!(
            "claimed,MARTIN Claire,,NAME{i},Jean,mayor,Commune {i},55,2022-01-05,,,\n"
        ));
        // Half the claims are published, and as many sponsors are new.
        if i % 2 == 0 {
            publication.push_str(&format!(
                "M.;NAME{i};Jean;Maire;Commune {i};Meuse;MARTIN Claire;08/02/2022\n"
            ));
            publication.push_str(&format!(
                "M.;OTHER{i};Paul;Maire;Ville {i};Nord;MARTIN Claire;08/02/2022\n"
            ));
        }
    }
    wd.write("parrainages.csv", &ledger);
    wd.write("cc.csv", &publication);
    let binary = assert_cmd::cargo::cargo_bin("parrainage");
    let import = || {
        let mut command = Process::new(&binary);
        command.current_dir(wd.root()).args([
            "--as-of",
            "2022-02-16",
            "--candidate",
            "MARTIN Claire",
            "import",
            "cc.csv",
        ]);
        command
    };
    let started = Instant::now();
    assert!(import().output().unwrap().status.success());
    let whole = started.elapsed();
    let imported = wd.read("parrainages.csv");
    assert_eq!(imported.lines().count(), 1 + 30_000 + 15_000);
    for step in 1..=8 {
        wd.write("parrainages.csv", &ledger);
        let mut child = import().stdout(std::process::Stdio::null()).spawn().unwrap();
        std::thread::sleep(whole.mul_f64(step as f64 / 8.0) + Duration::from_millis(step));
        let _ = child.kill();
        let _ = child.wait();
        let now = wd.read("parrainages.csv");
        assert!(
            now == ledger || now == imported,
            "step {step}: a mixed or truncated ledger ({} bytes)",
            now.len()
        );
    }
}

#[test]
fn windows_1252_is_read_with_a_warning_and_written_back_in_kind() {
    let wd = Workdir::new();
    let header = HEADER.trim_end().replace(',', ";");
    let mut original = format!("{header}\r\n").into_bytes();
    original.extend_from_slice(
        b"claimed;MARTIN Claire;Mme;DUPONT;H\xe9l\xe8ne;Maire;Jouy-en-Argonne;C\xf4te-d'Or;2022-01-05;;;\r\n",
    );
    wd.write("excel.csv", &original);
    let (json, code) = check_json(&wd, "excel.csv");
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["warnings"], 1);
    assert_eq!(json["diagnostics"][0]["code"], "encoding");
    assert!(
        json["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Windows-1252")
    );
    // Told the encoding, no warning.
    let output = wd
        .cmd()
        .args(["check", "--encoding", "windows-1252", "excel.csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("0 errors, 0 warnings"));
    // The accents were read right: the same official typed in UTF-8 is a duplicate.
    let add = [
        "--ledger",
        "excel.csv",
        "--candidate",
        "MARTIN Claire",
        "add",
        "--mandate",
        "mayor",
        "--department",
        "21",
    ];
    wd.cmd()
        .args(add)
        .args([
            "--last-name",
            "Dupont",
            "--first-name",
            "Hélène",
            "--circonscription",
            "Jouy-en-Argonne",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("duplicate-sponsor"));
    // A new row is written in Windows-1252.
    wd.cmd()
        .args(add)
        .args([
            "--last-name",
            "Chér",
            "--first-name",
            "Zoé",
            "--claimed-on",
            "2022-01-06",
        ])
        .assert()
        .success();
    let mut expected = original.clone();
    expected.extend_from_slice(b"claimed;MARTIN Claire;;Ch\xe9r;Zo\xe9;mayor;;21;2022-01-06;;;\r\n");
    assert_eq!(wd.read_bytes("excel.csv"), expected);
    // A character Windows-1252 cannot hold is refused, the file untouched.
    wd.cmd()
        .args(add)
        .args(["--last-name", "Łukasz", "--first-name", "Jan"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot be written in this Windows-1252 file",
        ));
    assert_eq!(wd.read_bytes("excel.csv"), expected);
    // An update keeps the encoding too.
    wd.cmd()
        .args([
            "--ledger",
            "excel.csv",
            "update",
            "--last-name",
            "dupont",
            "--first-name",
            "helene",
            "--status",
            "sent",
        ])
        .assert()
        .success();
    let after = wd.read_bytes("excel.csv");
    assert!(after.windows(16).any(|w| w == b"sent;MARTIN Clai"));
    assert!(after.windows(7).any(|w| w == b"H\xe9l\xe8ne;"));
}

#[test]
fn bytes_that_are_not_utf8_after_the_start_are_an_error_naming_the_line() {
    let wd = Workdir::new();
    let mut text = String::from(HEADER);
    for i in 0..2_000 {
        text.push_str(&format!(
            "claimed,MARTIN Claire,,NAME{i},Jean,mayor,Commune {i},55,2022-01-05,,,\n"
        ));
    }
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"claimed,MARTIN Claire,,H\xe9l\xe8ne,Jean,mayor,X,55,2022-01-05,,,\n");
    wd.write("late.csv", &bytes);
    let (json, code) = check_json(&wd, "late.csv");
    assert_eq!(code, 1);
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["code"], "encoding");
    assert_eq!(diagnostic["line"], 2_002);
    assert_eq!(diagnostic["column"], "last_name");

    // Regression: a character cut by a separator ("\xC3" ending one value,
    // "\xA9" starting the next) is valid UTF-8 once the row's values are
    // put end to end, and was let through.
    let mut bytes = wd.read_bytes("late.csv");
    bytes
        .truncate(bytes.len() - b"claimed,MARTIN Claire,,H\xe9l\xe8ne,Jean,mayor,X,55,2022-01-05,,,\n".len());
    bytes.extend_from_slice(b"claimed,MARTIN Claire,,DURAND\xc3,\xa9Jean,mayor,X,55,2022-01-05,,,\n");
    wd.write("cut.csv", &bytes);
    let (json, code) = check_json(&wd, "cut.csv");
    assert_eq!(code, 1, "{json:#}");
    assert_eq!(json["diagnostics"][0]["code"], "encoding");
    assert_eq!(json["diagnostics"][0]["line"], 2_002);
}

#[test]
fn hostile_input_gets_an_error_with_file_and_line_never_a_panic() {
    let wd = Workdir::new();
    let row = "claimed,MARTIN Claire,,DUPONT,Jean,mayor,Verdun,55,2022-01-05,,,\n";
    let big = "x".repeat(1 << 20);
    let many_columns = (0..10_000).map(|i| format!("c{i}")).collect::<Vec<_>>().join(",");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "ragged.csv",
            format!("{HEADER}claimed,MARTIN Claire,,A\n").into_bytes(),
            "malformed-csv",
        ),
        (
            "quote.csv",
            format!("{HEADER}claimed,\"MARTIN Claire,,A,B,mayor,,55,,,,\n{row}").into_bytes(),
            "malformed-csv",
        ),
        (
            "nul.csv",
            format!("{HEADER}{row}")
                .replace("Verdun", "Ver\0dun")
                .into_bytes(),
            "encoding",
        ),
        (
            "huge.csv",
            format!("{HEADER}{}", row.replace("Verdun", &big)).into_bytes(),
            "malformed-csv",
        ),
        (
            "wide.csv",
            format!("{many_columns}\n{}\n", vec!["x"; 10_000].join(",")).into_bytes(),
            "missing-column",
        ),
        (
            "random.csv",
            (0..4096u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
            "encoding",
        ),
    ];
    for (name, bytes, code) in cases {
        wd.write(name, &bytes);
        let (json, exit) = check_json(&wd, name);
        assert_eq!(exit, 1, "{name}: {json:#}");
        let first = &json["diagnostics"][0];
        assert_eq!(first["code"], code, "{name}: {json:#}");
        assert!(first["file"].as_str().unwrap().ends_with(name));
        assert!(first["line"].as_u64().unwrap() >= 1);
    }
    // A directory given as a ledger file, for a command that writes.
    std::fs::create_dir(wd.path("dir.csv")).unwrap();
    wd.cmd()
        .args([
            "--ledger",
            "dir.csv",
            "add",
            "--candidate",
            "X Y",
            "--last-name",
            "A",
            "--first-name",
            "B",
        ])
        .args(["--mandate", "mayor", "--department", "01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
}
