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
        b"claimed;MARTIN Claire;Mme;DUPONT;H\xe9l\xe8ne;Maire;Beaune;C\xf4te-d'Or;2022-01-05;;;\r\n",
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
            "Beaune",
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

/// The rows `check` says it read in `file`.
fn rows_read(wd: &Workdir, file: &str) -> u64 {
    let output = wd.cmd().args(["check", file]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let summary = text.lines().last().unwrap_or_default();
    let count = summary.rsplit('(').next().and_then(|s| s.split(' ').next());
    count
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no row count in {text}"))
}

/// Case 8: the encoding is decided on the whole file, not its first 64 KiB.
#[test]
fn case_08_the_encoding_is_decided_on_the_whole_file() {
    let wd = Workdir::new();
    let rows = |from: usize| -> Vec<u8> {
        (from..from + 2_000)
            .map(|i| format!("claimed,MARTIN Claire,,NAME{i},Jean,mayor,Verdun,55,2022-01-05,,,\n"))
            .collect::<String>()
            .into_bytes()
    };
    let windows_1252_row = b"claimed,MARTIN Claire,,H\xe9l\xe8ne,Jean,mayor,Verdun,55,2022-01-05,,,\n";
    let utf8_row = "claimed,MARTIN Claire,,Hélène,Jean,mayor,Stenay,55,2022-01-05,,,\n".as_bytes();

    // Windows-1252 whose accents all come after 64 KiB of ASCII: the whole
    // file is Windows-1252, and what is added to it is written so.
    let mut late = HEADER.as_bytes().to_vec();
    late.extend(rows(0));
    late.extend_from_slice(windows_1252_row);
    wd.write("late.csv", &late);
    let (json, code) = check_json(&wd, "late.csv");
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(rows_read(&wd, "late.csv"), 2_001);
    assert_eq!(json["diagnostics"][0]["code"], "encoding");
    assert_eq!(json["diagnostics"][0]["severity"], "warning");
    assert_eq!(json["diagnostics"][0]["line"], 2_002);
    wd.cmd()
        .args(["-l", "late.csv", "--candidate", "MARTIN Claire", "add"])
        .args(["--last-name", "DURAND", "--first-name", "Éloïse"])
        .args([
            "--mandate",
            "mayor",
            "--department",
            "02",
            "--circonscription",
            "Évry",
        ])
        .assert()
        .success();
    let after = wd.read_bytes("late.csv");
    assert!(
        after.ends_with(b"claimed,MARTIN Claire,,DURAND,\xc9lo\xefse,mayor,\xc9vry,02,2022-02-16,,,\n"),
        "{:?}",
        String::from_utf8_lossy(&after[after.len() - 80..])
    );
    assert_eq!(check_json(&wd, "late.csv").1, 0);
    assert_eq!(rows_read(&wd, "late.csv"), 2_002);

    // UTF-8 with a stray Windows-1252 byte near the start: an error at that
    // line, naming the UTF-8 line; the other rows are read as UTF-8.
    let mut stray = HEADER.as_bytes().to_vec();
    stray.extend_from_slice(windows_1252_row);
    stray.extend(rows(0));
    stray.extend_from_slice(utf8_row);
    wd.write("stray.csv", &stray);
    let (json, code) = check_json(&wd, "stray.csv");
    assert_eq!(code, 1, "{json:#}");
    assert_eq!(rows_read(&wd, "stray.csv"), 2_002);
    let errors: Vec<&Value> = json["diagnostics"].as_array().unwrap().iter().collect();
    assert_eq!(errors.len(), 1, "{json:#}");
    assert_eq!(errors[0]["code"], "encoding");
    assert_eq!(errors[0]["line"], 2);
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("line 2003 is UTF-8"),
        "{json:#}"
    );

    // A UTF-8 start, and a row that is not: each such row is an error.
    // Regression: a character cut by a separator ("\xC3" ending one value,
    // "\xA9" starting the next) is valid UTF-8 once the row's values are
    // put end to end, and was let through.
    let mut cut = HEADER.as_bytes().to_vec();
    cut.extend_from_slice(utf8_row);
    cut.extend(rows(0));
    cut.extend_from_slice(b"claimed,MARTIN Claire,,DURAND\xc3,\xa9Jean,mayor,X,55,2022-01-05,,,\n");
    wd.write("cut.csv", &cut);
    let (json, code) = check_json(&wd, "cut.csv");
    assert_eq!(code, 1, "{json:#}");
    assert_eq!(json["diagnostics"][0]["code"], "encoding");
    assert_eq!(json["diagnostics"][0]["line"], 2_003);
    assert!(
        json["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("mixes two encodings")
    );
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
            // A quote never closed: the row is torn, and said so at its line.
            "torn-row",
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

/// A ledger with a few rows, and its settings.
fn small_ledger(wd: &Workdir) -> String {
    let mut text = String::from(HEADER);
    for i in 0..30 {
        text.push_str(&format!(
            "claimed,MARTIN Claire,,NOM{i},Jean,mayor,Laon,02,2022-01-02,,,{}\n",
            "x".repeat(40)
        ));
    }
    wd.write("parrainages.csv", &text);
    wd.write("parrainage.toml", "candidate = \"MARTIN Claire\"\n");
    text
}

/// Case 1: under a file-size limit an `add` used to leave half a row.
#[cfg(unix)]
#[test]
fn case_01_a_failed_add_leaves_no_half_row() {
    let wd = Workdir::new();
    let before = small_ledger(&wd);
    let binary = assert_cmd::cargo::cargo_bin("parrainage");
    // 2 blocks of 1 KiB: the row of 3,000 bytes cannot fit.
    let script = format!(
        "ulimit -f 2; exec '{}' --as-of 2022-02-01 add --last-name Dupont --first-name Jean --mandate mayor --department 55 --notes {}",
        binary.display(),
        "y".repeat(3000)
    );
    let output = Process::new("sh")
        .args(["-c", &script])
        .current_dir(wd.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "an error, not a kill: {stderr}");
    assert!(stderr.contains("the entry was not recorded"), "{stderr}");
    assert_eq!(wd.read("parrainages.csv"), before, "the file is as it was");
}

/// Case 5: a write error on standard output used to exit 0.
#[cfg(target_os = "linux")]
#[test]
fn case_05_a_full_disk_behind_the_output_is_an_error() {
    let wd = Workdir::new();
    small_ledger(&wd);
    let binary = assert_cmd::cargo::cargo_bin("parrainage");
    for command in ["report", "report --format json", "check --format json"] {
        let script = format!(
            "exec '{}' --as-of 2022-02-01 {command} > /dev/full",
            binary.display()
        );
        let output = Process::new("sh")
            .args(["-c", &script])
            .current_dir(wd.root())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command}: {stderr}");
        assert!(stderr.contains("cannot write the output"), "{command}: {stderr}");
    }
    // A closed pipe is not an error.
    let script = format!(
        "'{}' --as-of 2022-02-01 report --format json | head -c 10 > /dev/null; exit ${{PIPESTATUS[0]}}",
        binary.display()
    );
    let output = Process::new("bash")
        .args(["-c", &script])
        .current_dir(wd.root())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Case 12: a date at the edge of the calendar's range used to panic.
#[test]
fn case_12_no_date_can_panic() {
    let wd = Workdir::new();
    small_ledger(&wd);
    for settings in [
        "first_round = \"-262143-01-01\"",
        "first_round = \"262143-01-01\"",
        "opens = \"0000-01-01\"",
    ] {
        wd.write("parrainage.toml", settings);
        let output = wd.cmd().arg("report").output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{settings}");
    }
    for flag in ["-262143-01-01", "99999-01-01"] {
        let output = wd.cmd().args(["--first-round", flag, "report"]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{flag}");
    }
}

/// Case 13: settings that make qualification impossible, or a window that
/// closes before it opens, used to be taken silently.
#[test]
fn case_13_nonsense_settings_are_refused() {
    let wd = Workdir::new();
    small_ledger(&wd);
    for (settings, says) in [
        ("max_share = 0.0001", "cap of 0"),
        ("threshold = 6000\nmax_share = 0.001", "can never reach"),
        ("min_departments = 200", "more than the 109 units"),
        ("election = 2022\nopens = \"2022-03-10\"", "before it opens"),
    ] {
        wd.write("parrainage.toml", settings);
        wd.cmd()
            .arg("check")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
}

/// Case 14: a lock held elsewhere used to make a writer wait forever,
/// silently.
#[cfg(unix)]
#[test]
fn case_14_a_writer_says_it_waits_and_gives_up_when_told() {
    let wd = Workdir::new();
    let before = small_ledger(&wd);
    let held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(wd.path("parrainages.csv"))
        .unwrap();
    held.lock().unwrap();
    let started = Instant::now();
    wd.cmd()
        .args([
            "--lock-timeout",
            "0.3",
            "add",
            "--last-name",
            "Dupont",
            "--first-name",
            "Jean",
        ])
        .args(["--mandate", "mayor", "--department", "55"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--lock-timeout"));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(wd.read("parrainages.csv"), before);
    // Without a timeout: it says so after a second, and goes on once the
    // lock is free.
    let binary = assert_cmd::cargo::cargo_bin("parrainage");
    let child = Process::new(&binary)
        .args([
            "--as-of",
            "2022-02-01",
            "add",
            "--last-name",
            "Dupont",
            "--first-name",
            "Jean",
        ])
        .args(["--mandate", "mayor", "--department", "55"])
        .current_dir(wd.root())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    held.unlock().unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("waiting for parrainages.csv"), "{stderr}");
    assert!(wd.read("parrainages.csv").contains("Dupont,Jean,mayor"));
}

/// Case 15: killed rewrites used to leave temporary files for ever.
#[test]
fn case_15_temporary_files_of_killed_rewrites_are_cleaned_up() {
    let wd = Workdir::new();
    small_ledger(&wd);
    wd.write(".parrainages.csv.parrainage-Xy12ab.tmp", "half a rewrite");
    // Another ledger's is left alone.
    wd.write(".other.csv.parrainage-Zz99zz.tmp", "not ours");
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Dupont",
            "--first-name",
            "Jean",
            "--mandate",
            "mayor",
            "--department",
            "55",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("removed").and(predicate::str::contains("interrupted")));
    assert!(!wd.path(".parrainages.csv.parrainage-Xy12ab.tmp").exists());
    assert!(wd.path(".other.csv.parrainage-Zz99zz.tmp").exists());
}

#[test]
fn dates_are_typed_either_way_on_the_command_line() {
    let wd = Workdir::new();
    small_ledger(&wd);
    let iso = wd
        .cmd_as_of("2022-03-03")
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    let french = wd
        .cmd_as_of("03/03/2022")
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    assert!(french.status.success());
    assert_eq!(iso.stdout, french.stdout);
}

/// Case 6: a quote left open in the last column used to hide every row
/// after it ("0 errors, 1 row" on 800 rows), and `add` then appended a row
/// nothing could read.
#[test]
fn case_06_a_quote_never_closed_is_an_error_at_its_line() {
    let wd = Workdir::new();
    let mut text = String::from(HEADER);
    for i in 0..800 {
        let notes = if i == 4 {
            "\"to call back".to_string()
        } else {
            String::new()
        };
        text.push_str(&format!(
            "claimed,MARTIN Claire,,NOM{i},Jean,mayor,Laon,02,2022-01-02,,,{notes}\n"
        ));
    }
    wd.write("parrainages.csv", &text);
    wd.write("parrainage.toml", "candidate = \"MARTIN Claire\"\n");
    let (json, code) = check_json(&wd, "parrainages.csv");
    assert_eq!(code, 1);
    let torn: Vec<(u64, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(torn, [(6, "torn-row")], "{json:#}");
    assert!(
        json["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("never closed")
    );
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Dupont",
            "--first-name",
            "Jean",
            "--mandate",
            "mayor",
            "--department",
            "55",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("parrainage repair"));
    assert_eq!(wd.read("parrainages.csv"), text, "nothing appended after it");
    // repair sets the rest aside, byte for byte; nothing is lost.
    let output = wd.cmd().arg("repair").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    let side = std::fs::read_dir(wd.root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(".torn-"))
        .expect("a side file");
    assert!(
        stdout.contains(&side.file_name().unwrap().to_string_lossy().to_string()),
        "{stdout}"
    );
    let kept = wd.read("parrainages.csv");
    assert_eq!(format!("{kept}{}", std::fs::read_to_string(&side).unwrap()), text);
    let (json, code) = check_json(&wd, "parrainages.csv");
    assert_eq!((code, json["errors"].as_u64()), (0, Some(0)), "{json:#}");
}

/// A write that did not finish left a torn last row: `check` names it,
/// writers refuse to append after it, `repair` sets it aside.
#[test]
fn a_torn_last_row_is_named_and_repaired() {
    let wd = Workdir::new();
    let before = small_ledger(&wd);
    let torn = format!("{before}claimed,MARTIN Claire,,DUPO");
    wd.write("parrainages.csv", &torn);
    let (json, code) = check_json(&wd, "parrainages.csv");
    assert_eq!(code, 1);
    assert_eq!(json["diagnostics"][0]["code"], "torn-row");
    assert_eq!(json["diagnostics"][0]["line"], 32);
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Dupont",
            "--first-name",
            "Jean",
            "--mandate",
            "mayor",
            "--department",
            "55",
        ])
        .assert()
        .code(1);
    wd.cmd().arg("repair").assert().success();
    assert_eq!(wd.read("parrainages.csv"), before);
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Dupont",
            "--first-name",
            "Jean",
            "--mandate",
            "mayor",
            "--department",
            "55",
        ])
        .assert()
        .success();
    // A complete last row without a line end is not torn.
    let complete = format!("{before}claimed,MARTIN Claire,,DUPUIS,Anne,mayor,Laon,02,2022-01-02,,,");
    wd.write("parrainages.csv", &complete);
    let (_, code) = check_json(&wd, "parrainages.csv");
    assert_eq!(code, 0);
    wd.cmd()
        .arg("repair")
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing to repair"));
}

/// Case 10: human output printed control characters raw: an escape
/// sequence in a name could clear or retitle the terminal, and a line end
/// in a value could forge a workflow annotation in CI.
#[test]
fn case_10_values_are_data_never_terminal_control() {
    let wd = Workdir::new();
    wd.write("parrainage.toml", "candidate = \"MARTIN Claire\"\n");
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}claimed,MARTIN Claire,,\"DUP\u{1b}]0;pwned\u{7}ONT\",Jean,mayor,Laon,02,2022-01-02,,,\n\
             claimed,MARTIN Claire,,\"X\n::error file=a.csv,line=1::forged\",Jean,maire,Laon,999,2022-01-02,,,\n\
             claimed,MARTIN Claire,,\"ab\u{202e}cd\",Jean,mayor,Laon,03,2022-01-02,,,\n\
             claimed,MARTIN\u{9b}31m Claire,,Z,Jean,mayor,Laon,04,2022-01-02,,,\n"
        ),
    );
    let outputs = [
        wd.cmd().arg("check").output().unwrap(),
        wd.cmd().args(["report", "--all"]).output().unwrap(),
        wd.cmd()
            .args(["report", "--all", "--format", "markdown"])
            .output()
            .unwrap(),
        wd.cmd()
            .args([
                "add",
                "--last-name",
                "A\u{1b}[2J",
                "--first-name",
                "Jean",
                "--mandate",
                "mayor",
                "--department",
                "05",
            ])
            .output()
            .unwrap(),
    ];
    for output in outputs {
        for text in [&output.stdout, &output.stderr] {
            let text = String::from_utf8_lossy(text);
            for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
                assert!(!text.contains(bad), "{bad:?} in {text}");
            }
            assert!(!text.lines().any(|l| l.starts_with("::")), "{text}");
        }
    }
    // A file whose name starts like a workflow command.
    wd.write(
        "::error file=x::y.csv",
        format!("{HEADER}claimed,MARTIN Claire,,A,B,mayr,,02,,,,\n"),
    );
    let output = wd
        .cmd()
        .args(["check", "::error file=x::y.csv"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with("./::error"), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("::")), "{text}");
}

/// Case 7: a file of CR line ends (old Mac Excel) used to be read as one
/// header of 23 columns and "0 rows", and `add` then took an official
/// already in it.
#[test]
fn case_07_cr_line_ends_are_read_and_kept() {
    let wd = Workdir::new();
    let text = format!(
        "{HEADER}claimed,MARTIN Claire,,DUPONT,Jean,mayor,Laon,02,2022-01-02,,,\n\
         validated,MARTIN Claire,,MOREL,Anne,mayor,Verdun,55,2022-01-02,2022-02-08,,\n"
    )
    .replace('\n', "\r");
    wd.write("parrainages.csv", &text);
    wd.write("parrainage.toml", "candidate = \"MARTIN Claire\"\n");
    let output = wd.cmd().args(["check", "--format", "json"]).output().unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["errors"], 0, "{json:#}");
    wd.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("(2 rows)"));
    // The official already in it is refused, with the line.
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Dupont",
            "--first-name",
            "Jean",
            "--mandate",
            "mayor",
        ])
        .args(["--circonscription", "Laon", "--department", "02"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("parrainages.csv:2"));
    // A new one lands on its own line, with a CR.
    wd.cmd()
        .args([
            "add",
            "--last-name",
            "Petit",
            "--first-name",
            "Luc",
            "--mandate",
            "mayor",
            "--department",
            "03",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("parrainages.csv:4"));
    let written = wd.read("parrainages.csv");
    assert!(
        written.starts_with(&text) && !written.contains('\n'),
        "{written:?}"
    );
    let report: Value = serde_json::from_slice(
        &wd.cmd()
            .args(["report", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(report["candidates"][0]["claimed"], 3);
}

/// Case 17: UTF-16 files used to be reported as "binary data".
#[test]
fn case_17_utf16_is_named_for_what_it_is() {
    let wd = Workdir::new();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in HEADER.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    wd.write("parrainages.csv", bytes);
    wd.cmd()
        .args(["--candidate", "MARTIN Claire", "check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("UTF-16").and(predicate::str::contains("CSV UTF-8")));
}

/// Case 18: duplicate header names, and entries of a ledger directory
/// passed over, used to be skipped without a word.
#[cfg(unix)]
#[test]
fn case_18_what_is_passed_over_is_said() {
    let wd = Workdir::new();
    wd.write(
        "team/alice.csv",
        "status,candidate,last_name,first_name,mandate,department,notes,Notes\n\
         claimed,MARTIN Claire,A,Jean,mayor,02,x,y\n",
    );
    std::os::unix::fs::symlink(wd.path("team/nowhere.csv"), wd.path("team/bob.csv")).unwrap();
    let status = Process::new("mkfifo")
        .arg(wd.path("team/fifo.csv"))
        .status()
        .unwrap();
    assert!(status.success());
    let output = wd
        .cmd()
        .args(["check", "--format", "json", "team"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert!(
        codes
            .iter()
            .any(|(f, c)| f.ends_with("alice.csv") && *c == "duplicate-column"),
        "{json:#}"
    );
    assert!(
        codes
            .iter()
            .any(|(f, c)| f.ends_with("bob.csv") && *c == "skipped-file"),
        "{json:#}"
    );
    assert!(
        codes
            .iter()
            .any(|(f, c)| f.ends_with("fifo.csv") && *c == "skipped-file"),
        "{json:#}"
    );
    assert_eq!(json["errors"], 0);
}

/// Runs `update` on NOM3's row, giving it `notes`.
fn update_notes(wd: &Workdir, ledger: &str, notes: &str) -> assert_cmd::assert::Assert {
    wd.cmd()
        .args([
            "update",
            "-l",
            ledger,
            "--last-name",
            "NOM3",
            "--first-name",
            "Jean",
            "--notes",
            notes,
        ])
        .assert()
}

/// Case 2: a rewrite through a symlink used to replace the link with a
/// regular file, and the real file never got the change.
#[cfg(unix)]
#[test]
fn case_02_a_rewrite_through_a_symlink_updates_its_target() {
    let wd = Workdir::new();
    small_ledger(&wd);
    std::fs::create_dir(wd.path("shared")).unwrap();
    std::fs::rename(wd.path("parrainages.csv"), wd.path("shared/real.csv")).unwrap();
    std::os::unix::fs::symlink("shared/real.csv", wd.path("parrainages.csv")).unwrap();
    update_notes(&wd, "parrainages.csv", "through the link").success();
    let link = std::fs::symlink_metadata(wd.path("parrainages.csv")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    assert!(wd.read("shared/real.csv").contains("through the link"));
    // The temporary file was made beside the target, and is gone.
    let left: Vec<_> = std::fs::read_dir(wd.path("shared")).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

/// Case 2: a rename used to split a hard-linked ledger silently.
#[cfg(unix)]
#[test]
fn case_02_a_hard_linked_ledger_is_refused_not_split() {
    let wd = Workdir::new();
    let before = small_ledger(&wd);
    std::fs::hard_link(wd.path("parrainages.csv"), wd.path("copy.csv")).unwrap();
    update_notes(&wd, "parrainages.csv", "split")
        .code(2)
        .stderr(predicate::str::contains("2 hard links").and(predicate::str::contains("not changed")));
    assert_eq!(wd.read("parrainages.csv"), before);
    assert_eq!(wd.read("copy.csv"), before);
}

/// Case 2: a rewrite used to make a group's 0660 ledger the writer's own,
/// 0644. The mode is tested everywhere; the owner where the tests run as
/// root, the only user that can give a file to someone else.
#[cfg(unix)]
#[test]
fn case_02_a_rewrite_keeps_mode_owner_and_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let wd = Workdir::new();
    small_ledger(&wd);
    let ledger = wd.path("parrainages.csv");
    std::fs::set_permissions(&ledger, std::fs::Permissions::from_mode(0o660)).unwrap();
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        std::os::unix::fs::chown(&ledger, Some(4321), Some(4322)).unwrap();
    }
    let before = std::fs::metadata(&ledger).unwrap();
    update_notes(&wd, "parrainages.csv", "kept").success();
    let after = std::fs::metadata(&ledger).unwrap();
    assert_ne!(before.ino(), after.ino(), "the file was rewritten");
    assert_eq!(after.mode() & 0o7777, 0o660);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if root {
        assert_eq!((after.uid(), after.gid()), (4321, 4322));
    }
}

/// Case 4: an `add` running while another program put a copy of the file
/// in its place used to say "Recorded" of a row written to the old file.
/// A second ledger named as a FIFO holds the `add` between reading the
/// ledger and appending to it, so that the copy lands exactly then.
#[cfg(unix)]
#[test]
fn case_04_a_file_replaced_while_an_add_runs_gets_the_row() {
    fn replaced_while_adding(times: usize) -> (i32, String, String, Workdir) {
        use std::io::{BufRead, Read};
        let wd = Workdir::new();
        small_ledger(&wd);
        let fifo = wd.path("held.csv");
        let made = Process::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let mut child = Process::new(assert_cmd::cargo::cargo_bin("parrainage"))
            .current_dir(wd.root())
            .env_remove("PARRAINAGE_LEDGER")
            .args([
                "--as-of",
                "2022-02-01",
                "add",
                "-l",
                "parrainages.csv",
                "-l",
                "held.csv",
            ])
            .args(["--last-name", "DUPONT", "--first-name", "Jean"])
            .args(["--mandate", "mayor", "--department", "55"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let mut said = String::new();
        for attempt in 0..=times.min(1) {
            // Opening for writing waits for the `add` to open it: by then
            // it holds the lock and has read the ledger.
            let mut held = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
            if attempt < times {
                let copy = wd.read("parrainages.csv");
                wd.write("copy.csv", &copy);
                std::fs::rename(wd.path("copy.csv"), wd.path("parrainages.csv")).unwrap();
            }
            std::io::Write::write_all(&mut held, HEADER.as_bytes()).unwrap();
            drop(held);
            if attempt == 0 && times > 0 {
                // Wait until the first try is over before the second opens
                // the FIFO again.
                while !said.contains("writing it again") {
                    assert_ne!(stderr.read_line(&mut said).unwrap(), 0, "{said}");
                }
            }
        }
        stderr.read_to_string(&mut said).unwrap();
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        (output.status.code().unwrap(), stdout, said, wd)
    }

    let (code, stdout, stderr, wd) = replaced_while_adding(1);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Recorded parrainages.csv:32"), "{stdout}");
    assert_eq!(wd.read("parrainages.csv").matches("DUPONT").count(), 1);

    let (code, _, stderr, wd) = replaced_while_adding(2);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("replaced by another program twice"), "{stderr}");
    assert!(stderr.contains("not recorded"), "{stderr}");
    assert!(!wd.read("parrainages.csv").contains("DUPONT"));
}

/// Case 3: two volunteers adding the same official at the same moment, to
/// `team/alice.csv` and `team/bob.csv`, both used to land. The test holds
/// the directory's lock while both start, then lets them go together.
#[cfg(unix)]
#[test]
fn case_03_a_directory_ledger_has_one_lock_across_its_files() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path("team")).unwrap();
    wd.write("parrainage.toml", "candidate = \"MARTIN Claire\"\n");
    let binary = assert_cmd::cargo::cargo_bin("parrainage");
    for round in 0..10 {
        wd.write("team/alice.csv", HEADER);
        wd.write("team/bob.csv", HEADER);
        let directory = std::fs::File::open(wd.path("team")).unwrap();
        directory.lock().unwrap();
        let adds: Vec<_> = ["team/alice.csv", "team/bob.csv"]
            .into_iter()
            .map(|file| {
                Process::new(&binary)
                    .current_dir(wd.root())
                    .env_remove("PARRAINAGE_LEDGER")
                    .args(["--as-of", "2022-02-01", "--config", "parrainage.toml", "add"])
                    .args(["-l", file, "-l", "team"])
                    .args(["--last-name", "DUPONT", "--first-name", "Jean"])
                    .args(["--mandate", "mayor", "--department", "55"])
                    .stderr(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        std::thread::sleep(Duration::from_millis(150));
        drop(directory);
        let codes: Vec<i32> = adds
            .into_iter()
            .map(|add| add.wait_with_output().unwrap().status.code().unwrap())
            .collect();
        let rows = wd.read("team/alice.csv").matches("DUPONT").count()
            + wd.read("team/bob.csv").matches("DUPONT").count();
        assert_eq!(
            rows, 1,
            "round {round}: the official landed {rows} times ({codes:?})"
        );
        assert!(
            codes.contains(&0) && codes.contains(&1),
            "round {round}: {codes:?}"
        );
    }
}

/// Case 3, import: `import -l team/alice.csv -l team` added a sponsor that
/// `bob.csv` already held. The other files' entries now take part in the
/// matching; only the target file is written.
#[test]
fn case_03_import_into_one_file_of_a_directory_sees_the_others() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path("team")).unwrap();
    wd.write(
        "team/alice.csv",
        format!("{HEADER}claimed,MARTIN Claire,,PETIT,Anne,mayor,Laon,02,2022-01-10,,,\n"),
    );
    let bob = format!("{HEADER}claimed,MARTIN Claire,,DUPONT,Jean,mayor,Verdun,55,2022-01-05,,,\n");
    wd.write("team/bob.csv", &bob);
    wd.write(
        "cc.csv",
        "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n\
         M.;DUPONT;Jean;Maire;Verdun;Meuse;MARTIN Claire;10/02/2022\n\
         Mme;PETIT;Anne;Maire;Laon;Aisne;MARTIN Claire;10/02/2022\n\
         M.;DURAND;Paul;Maire;Évry;Essonne;MARTIN Claire;10/02/2022\n",
    );
    let output = wd
        .cmd()
        .args([
            "-l",
            "team/alice.csv",
            "-l",
            "team",
            "--candidate",
            "MARTIN Claire",
        ])
        .args(["import", "cc.csv", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        (json["confirmed"].as_u64(), json["added"].as_u64()),
        (Some(1), Some(1)),
        "{json:#}"
    );
    assert_eq!(json["in_other_files"], 1, "{json:#}");
    assert_eq!(json["entries"]["in_other_files"][0]["file"], "team/bob.csv");
    assert_eq!(json["entries"]["in_other_files"][0]["ledger_line"], 2);
    let alice = wd.read("team/alice.csv");
    assert!(alice.contains("validated,MARTIN Claire,,PETIT"), "{alice}");
    assert!(alice.contains("DURAND") && !alice.contains("DUPONT"), "{alice}");
    assert_eq!(wd.read("team/bob.csv"), bob, "only the target file is written");
    let check = wd.cmd().args(["-l", "team", "check"]).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// Case 9: `DUPОNT` (Cyrillic О) and `DUPΟNT` (Greek Ο) beside `DUPONT`
/// used to give three sponsors and no warning.
#[test]
fn case_09_look_alike_letters_do_not_pass_the_duplicate_check() {
    let wd = Workdir::new();
    let mut text = String::from(HEADER);
    for last_name in ["DUPONT", "DUP\u{41E}NT", "DUP\u{39F}NT"] {
        text.push_str(&format!(
            "claimed,MARTIN Claire,,{last_name},Jean,mayor,Laon,02,2022-01-02,,,\n"
        ));
    }
    wd.write("parrainages.csv", &text);
    wd.write("parrainage.toml", "candidate = \"MARTIN Claire\"\n");
    let (json, code) = check_json(&wd, "parrainages.csv");
    assert_eq!(code, 1, "{json:#}");
    assert_eq!(json["errors"], 2, "{json:#}");
    let report = wd.cmd().args(["report", "--format", "json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(report["candidates"][0]["claimed"], 1, "{report:#}");
    // And `add` refuses a third spelling.
    wd.cmd()
        .args(["add", "--last-name", "DUP\u{41E}NT", "--first-name", "Jean"])
        .args([
            "--mandate",
            "mayor",
            "--department",
            "02",
            "--circonscription",
            "Laon",
        ])
        .assert()
        .code(1);
}

/// Case 1, killed: an `add` killed half-way through its write leaves a
/// prefix of its row. Cut inside an unquoted last value, that prefix used
/// to read as a complete row with its notes shortened, counted by `check`.
/// Every prefix of the row `add` writes is tried here: each is a torn row
/// but those CSV cannot tell from a complete row: cut just before the
/// opening quote of the last value (read as empty), or between the two
/// quotes of a doubled quote inside it (read as a closed value). `repair`
/// puts each aside, even two in the same second.
#[test]
fn case_01_every_prefix_of_an_appended_row_is_named_torn() {
    let wd = Workdir::new();
    let before = small_ledger(&wd);
    wd.cmd()
        .args(["add", "--last-name", "Dupont", "--first-name", "Jean"])
        .args([
            "--mandate",
            "mayor",
            "--department",
            "55",
            "--notes",
            "call back, \"urgent\"",
        ])
        .assert()
        .success();
    let after = wd.read("parrainages.csv");
    let row = after.as_bytes()[before.len()..].to_vec();
    assert!(
        row.ends_with(b"\"call back, \"\"urgent\"\"\"\n"),
        "{}",
        String::from_utf8_lossy(&row)
    );
    let opening_quote = row.windows(2).position(|w| w == b",\"").unwrap() + 1;
    let reads_whole = |cut: usize| {
        let value = &row[opening_quote.min(cut)..cut];
        cut == opening_quote
            || (value.len() > 1
                && value.ends_with(b"\"")
                && value.iter().filter(|&&b| b == b'"').count() % 2 == 0)
    };
    let cuts: Vec<usize> = (1..row.len() - 1).filter(|&cut| !reads_whole(cut)).collect();
    assert_eq!(
        row.len() - 2 - cuts.len(),
        3,
        "the opening quote and the two doubled quotes"
    );
    for &cut in &cuts {
        let mut torn = before.as_bytes().to_vec();
        torn.extend_from_slice(&row[..cut]);
        wd.write("parrainages.csv", &torn);
        let (json, code) = check_json(&wd, "parrainages.csv");
        assert_eq!(code, 1, "cut at {cut}: {json:#}");
        assert!(json.to_string().contains("torn-row"), "cut at {cut}: {json:#}");
        wd.cmd().arg("repair").assert().success();
        assert_eq!(wd.read("parrainages.csv"), before, "cut at {cut}");
    }
    let side_files = std::fs::read_dir(wd.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".torn-"))
        .count();
    assert_eq!(side_files, cuts.len(), "one side file per repair");
}
