//! Nothing lost, round three: `-o` never replaces what a command reads and
//! writes as a shell redirection would; no number in a flag panics; hostile
//! JSON, bad rows and large ledgers take memory in step with one row; a
//! failed run never prints a clean result. Each test is named after the
//! item of the review it pins.

mod common;

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::process::Command as Process;

use common::{HEADER, Workdir, fixture};
use serde_json::Value;

/// A campaign ledger of two claims, with its settings.
fn campaign(wd: &Workdir) {
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}claimed,MARTIN Claire,M.,DUPONT,Jean,mayor,Verdun,55,2022-01-05,,,\n\
             claimed,MARTIN Claire,Mme,DURAND,Hélène,mayor,Laon,02,2022-01-06,,,\n"
        ),
    );
    wd.write(
        "parrainage.toml",
        "candidate = \"MARTIN Claire\"\nelection = 2022\n",
    );
}

/// `parrainage` as a plain process in `wd`, as `Workdir::cmd` runs it.
fn process(wd: &Workdir) -> Process {
    let mut command = Process::new(assert_cmd::cargo::cargo_bin("parrainage"));
    command
        .current_dir(wd.root())
        .env_remove("PARRAINAGE_LEDGER")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .args(["--as-of", "2022-02-16"]);
    command
}

/// Runs `command` (its output thrown away) and returns its exit code and
/// its peak memory in KiB: the high-water mark of its own memory
/// (`VmHWM`), read while it runs. (The kernel's account at exit would add
/// the memory of this test process, which forked it.) A reading can only
/// miss a peak, never invent one: a test that holds it below a bound can
/// pass wrongly, never fail wrongly.
fn peak_memory(command: &mut Process) -> (i32, u64) {
    let mut child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:"))
        {
            let kib: u64 = line.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0);
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            return (status.code().unwrap_or(-1), peak);
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

fn no_panic(output: &std::process::Output) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(output.status.code(), Some(101), "{stderr}");
}

/// A 2022 publication with one row for MARTIN Claire.
const PUBLICATION: &str = "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n\
    M.;DUPONT;Jean;Maire;Verdun;Meuse;MARTIN Claire;08/02/2022\n\
    Mme;PETIT;Anne;Maire;Stenay;Meuse;MARTIN Claire;08/02/2022\n";

/// Item 1: `-o` naming the ledger (or its settings, or the publication)
/// replaced it with the command's output and exited 0; after `import -o
/// parrainages.csv` the rows it had just written were gone.
#[test]
fn item_01_output_onto_a_file_the_command_reads_is_refused() {
    let wd = Workdir::new();
    campaign(&wd);
    wd.write("cc.csv", PUBLICATION);
    std::os::unix::fs::symlink("parrainages.csv", wd.path("link.csv")).unwrap();
    let ledger = wd.read_bytes("parrainages.csv");
    let settings = wd.read_bytes("parrainage.toml");
    let runs: &[&[&str]] = &[
        &["report", "-o", "parrainages.csv"],
        &["report", "--format", "html", "-o", "parrainages.csv"],
        &["report", "-o", "parrainage.toml"],
        &["report", "-f", "json", "-o", "link.csv"],
        &["check", "-o", "parrainages.csv"],
        &["list", "--format", "csv", "-o", "parrainages.csv"],
        &["import", "cc.csv", "-o", "parrainages.csv"],
        &["import", "cc.csv", "-o", "cc.csv"],
    ];
    for args in runs {
        let output = wd.cmd().args(*args).output().unwrap();
        no_panic(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?} should be refused");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("reads that file"), "{args:?}: {stderr}");
        assert_eq!(
            wd.read_bytes("parrainages.csv"),
            ledger,
            "{args:?} changed the ledger"
        );
        assert_eq!(wd.read_bytes("parrainage.toml"), settings);
    }
    assert_eq!(wd.read("cc.csv"), PUBLICATION);
    // `prospects` reads the register too.
    let output = wd
        .cmd()
        .args(["prospects", "--register"])
        .arg(fixture("register"))
        .args(["-o"])
        .arg(fixture("register").join("elus-maires.csv"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    // Elsewhere, the output is written.
    wd.cmd().args(["report", "-o", "report.txt"]).assert().success();
    assert!(wd.read("report.txt").contains("MARTIN Claire"));
}

/// Item 2: `-o` replaced a FIFO, a device or a symlink with a regular file,
/// made a private file world-readable, and failed in a read-only directory
/// where a shell's `>` works.
#[test]
fn item_02_output_is_written_as_a_shell_redirection_writes() {
    let wd = Workdir::new();
    campaign(&wd);
    // A device: written, and its error is the command's. The machine's
    // `/dev/full` is made again in the test's directory (root may), so
    // that a tool that replaced it would replace only the copy.
    let made = Process::new("mknod")
        .arg(wd.path("full"))
        .args(["c", "1", "7"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let output = wd.cmd().args(["report", "-o", "full"]).output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&output.stderr).contains("No space left"));
        let kind = std::fs::symlink_metadata(wd.path("full")).unwrap().file_type();
        assert!(kind.is_char_device());
    } else {
        eprintln!("cannot make a device here (the test needs root): the /dev/full case is not run");
    }
    // A symlink: its target is written, the link stays.
    wd.write("target.txt", "old");
    std::os::unix::fs::symlink("target.txt", wd.path("link.txt")).unwrap();
    wd.cmd().args(["report", "-o", "link.txt"]).assert().success();
    assert!(
        std::fs::symlink_metadata(wd.path("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(wd.read("target.txt").contains("MARTIN Claire"));
    // A private file stays private.
    wd.write("private.txt", "old");
    std::fs::set_permissions(wd.path("private.txt"), std::fs::Permissions::from_mode(0o600)).unwrap();
    wd.cmd()
        .args(["report", "-f", "json", "-o", "private.txt"])
        .assert()
        .success();
    let mode = std::fs::metadata(wd.path("private.txt"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    assert!(wd.read("private.txt").contains("\"candidates\""));
    // A FIFO: written into, still a FIFO.
    let fifo = wd.path("pipe");
    assert!(Process::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    wd.cmd().args(["report", "-o", "pipe"]).assert().success();
    assert!(reader.join().unwrap().contains("MARTIN Claire"));
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

/// Item 2, the last case: a writable file in a directory that takes no new
/// file. Root may write in any directory, so the run drops to `nobody`
/// when the tests run as root (as CI does).
#[test]
fn item_02_output_into_a_writable_file_of_a_read_only_directory() {
    let wd = Workdir::new();
    campaign(&wd);
    std::fs::set_permissions(wd.root(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir(wd.path("out")).unwrap();
    wd.write("out/report.txt", "old");
    std::fs::set_permissions(wd.path("out/report.txt"), std::fs::Permissions::from_mode(0o666)).unwrap();
    std::fs::set_permissions(wd.path("out"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut run = Process::new(assert_cmd::cargo::cargo_bin("parrainage"));
    run.current_dir(wd.root())
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .args(["--as-of", "2022-02-16", "report", "-o", "out/report.txt"]);
    // SAFETY: geteuid has no preconditions and cannot fail.
    let as_root = unsafe { libc::geteuid() } == 0;
    if as_root {
        std::os::unix::process::CommandExt::uid(&mut run, 65534);
    }
    let output = run.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(wd.read("out/report.txt").contains("MARTIN Claire"));
    std::fs::set_permissions(wd.path("out"), std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Item 3: `--lock-timeout 1e20` panicked (exit 101) in every writer and
/// reader: a finite value no duration holds.
#[test]
fn item_03_numbers_in_flags_are_bounded_before_use() {
    let wd = Workdir::new();
    campaign(&wd);
    for value in ["1e20", "18446744073709551616", "-1", "NaN", "inf"] {
        for command in [
            &["report"][..],
            &["check"][..],
            &[
                "add",
                "--last-name",
                "X",
                "--first-name",
                "Y",
                "--mandate",
                "mayor",
                "--department",
                "55",
            ][..],
        ] {
            let output = wd
                .cmd()
                .arg(format!("--lock-timeout={value}"))
                .args(command)
                .output()
                .unwrap();
            no_panic(&output);
            assert_eq!(output.status.code(), Some(2), "{value} {command:?}");
        }
    }
    // The sizes the environment sets for tests are bounded too.
    let output = wd
        .cmd()
        .env("PARRAINAGE_PART_BYTES", "18446744073709551615")
        .arg("report")
        .output()
        .unwrap();
    no_panic(&output);
    assert!(output.status.success());
}

/// A 2022 JSON publication object.
fn json_object(name: &str, extra: &str) -> String {
    format!(
        "{{\"Civilite\": \"M.\", \"Nom\": \"{name}\", \"Prenom\": \"Jean\", \"Mandat\": \"Maire\", \
         \"Circonscription\": \"Verdun\", \"Departement\": \"Meuse\", \"Candidat\": \"MARTIN Claire\", \
         \"DatePublication\": \"2022-02-08T00:00:00\"{extra}}}"
    )
}

/// Item 4: a JSON publication whose objects each had a key of their own
/// took quadratic time (30,000 objects: 157 s, 936 MB). Read as a stream,
/// the unknown keys are ignored and counted in one warning.
#[test]
fn item_04_a_json_publication_with_a_key_per_object_reads_in_linear_time() {
    let wd = Workdir::new();
    let objects: Vec<String> = (0..30_000)
        .map(|i| json_object(&format!("NOM{i}"), &format!(", \"extra{i}\": \"x\"")))
        .collect();
    wd.write("cc.json", format!("[\n{}\n]\n", objects.join(",\n")));
    let started = std::time::Instant::now();
    let output = wd
        .cmd()
        .args(["check", "--format", "json", "cc.json"])
        .output()
        .unwrap();
    no_panic(&output);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["errors"], 0, "{json:#}");
    assert_eq!(json["warnings"], 1, "{json:#}");
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.starts_with("30000 key(s)"), "{message}");
    // Quadratic, this took minutes; linear, well under a second in release.
    assert!(started.elapsed().as_secs() < 30);
    let report = wd
        .cmd()
        .args(["report", "--all", "-f", "json", "-l", "cc.json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(report["candidates"][0]["validated"], 30_000);
}

/// Item 5: every diagnostic was held in memory (a register of ten million
/// bad lines took 3.98 GB). The JSON document now lists the first 1,000 of
/// a file and counts the rest by code; the table still says every one.
#[test]
fn item_05_diagnostics_are_bounded_in_the_json_and_every_one_in_the_table() {
    let wd = Workdir::new();
    let mut text = String::from(HEADER);
    for i in 0..3_000 {
        text.push_str(&format!(
            "bogus,MARTIN Claire,,NOM{i},Jean,mayor,Laon,02,2022-01-02,,,\n"
        ));
    }
    wd.write("parrainages.csv", &text);
    let output = wd.cmd().args(["check", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["errors"], 3_000);
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 1_000);
    assert_eq!(json["left_out"][0]["code"], "unknown-status");
    assert_eq!(json["left_out"][0]["count"], 2_000);
    let table = wd.cmd().arg("check").output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert_eq!(table.matches("error[unknown-status]").count(), 3_000);
    assert!(
        table.ends_with("3000 errors, 0 warnings in 1 file (3000 rows)\n"),
        "{}",
        &table[table.len() - 200..]
    );
    // In file order, whatever order the problems were found in.
    let lines: Vec<u64> = table
        .lines()
        .filter_map(|l| l.strip_prefix("parrainages.csv:"))
        .map(|l| l.split(':').next().unwrap().parse().unwrap())
        .collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]));
}

/// Item 5, the register: its unreadable rows are counted, and only the
/// first kept (each kept one took some 400 bytes: ten million, 3.98 GB).
#[test]
fn item_05_a_register_of_bad_rows_is_counted_not_held() {
    let wd = Workdir::new();
    campaign(&wd);
    let mut register = String::from(
        "Code du département;Libellé du département;Code de la commune;Libellé de la commune;Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;Date de début du mandat;Libellé de la fonction;Date de début de la fonction\n",
    );
    for i in 0..300_000 {
        // A row of three fields where the header has eleven.
        register.push_str(&format!("55;Meuse;NOM{i}\n"));
    }
    wd.write("rne/elus-maires-mai.csv", &register);
    let output = wd
        .cmd()
        .args(["prospects", "--register", "rne"])
        .output()
        .unwrap();
    no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("300000 row(s) of the register cannot be read"),
        "{stderr}"
    );
    assert!(stderr.contains("… and 299990 more"), "{stderr}");
    // The file is 4 MB; its 300,000 problems held would be over 100 MB.
    let (code, peak) = peak_memory(process(&wd).args(["prospects", "--register", "rne"]));
    assert_eq!(code, 1);
    assert!(peak < 60 * 1024, "peak memory {peak} KiB");
}

/// Item 6: `list` held every row (1M rows: 3.26 GB); it now writes each
/// entry as it is read. The JSON is one document, written row by row.
#[test]
fn item_06_list_streams_a_document_that_reads_whole() {
    let wd = Workdir::new();
    let mut text = String::from(HEADER);
    for i in 0..20_000 {
        text.push_str(&format!(
            "claimed,MARTIN Claire,,NOM{i},Jean,mayor,Laon,02,2022-01-02,,,\n"
        ));
    }
    wd.write("parrainages.csv", &text);
    let output = wd.cmd().args(["list", "--format", "json"]).output().unwrap();
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["count"], 20_000);
    assert_eq!(json["entries"].as_array().unwrap().len(), 20_000);
    assert_eq!(json["entries"][19_999]["last_name"], "NOM19999");
    let csv = wd.cmd().args(["list", "--format", "csv"]).output().unwrap();
    assert_eq!(String::from_utf8(csv.stdout).unwrap().lines().count(), 20_001);
    // A table is for a person: its first rows, and how many more.
    let table = wd.cmd().arg("list").output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("20000 entries"));
    assert!(
        table.contains("10000 more not shown"),
        "{}",
        &table[table.len() - 300..]
    );
    // An empty listing is still a document.
    let none = wd
        .cmd()
        .args(["list", "--format", "json", "--search", "nobody"])
        .output()
        .unwrap();
    let none: Value = serde_json::from_slice(&none.stdout).unwrap();
    assert_eq!(none["count"], 0);
}

/// Item 6, the rewrites: `update` and `remove` held the file twice (10M
/// rows: 1.55 GB); they now stream it through, every other byte as it
/// was, holding one row at a time.
#[test]
fn item_06_update_and_remove_rewrite_a_large_ledger_byte_for_byte() {
    let wd = Workdir::new();
    let mut text = String::from(HEADER);
    for i in 0..20_000 {
        text.push_str(&format!(
            "claimed,MARTIN Claire,,NOM{i},Jean,mayor,Laon,02,2022-01-02,,,\n"
        ));
    }
    wd.write("parrainages.csv", &text);
    wd.cmd()
        .args([
            "update",
            "--last-name",
            "NOM10000",
            "--first-name",
            "Jean",
            "--status",
            "sent",
        ])
        .assert()
        .success();
    let expected = text.replace(
        "claimed,MARTIN Claire,,NOM10000,",
        "sent,MARTIN Claire,,NOM10000,",
    );
    assert_eq!(wd.read("parrainages.csv"), expected);
    wd.cmd()
        .args(["remove", "--last-name", "NOM19999", "--first-name", "Jean"])
        .assert()
        .success();
    let expected = expected.replace(
        "claimed,MARTIN Claire,,NOM19999,Jean,mayor,Laon,02,2022-01-02,,,\n",
        "",
    );
    assert_eq!(wd.read("parrainages.csv"), expected);
    // 400,000 rows, 30 MB: held twice, 60 MB; streamed, a few.
    let mut large = String::from(HEADER);
    for i in 0..400_000 {
        large.push_str(&format!(
            "claimed,MARTIN Claire,,NOM{i},Jean,mayor,Laon,02,2022-01-02,,,\n"
        ));
    }
    wd.write("large.csv", &large);
    let (code, peak) = peak_memory(
        process(&wd)
            .args([
                "-l",
                "large.csv",
                "update",
                "--last-name",
                "NOM5",
                "--first-name",
                "Jean",
            ])
            .args(["--status", "sent"]),
    );
    assert_eq!(code, 0);
    assert!(peak < 24 * 1024, "peak memory {peak} KiB");
    // The last row, with no line end, keeps none.
    let short = format!("{HEADER}claimed,MARTIN Claire,,A,B,mayor,Laon,02,2022-01-02,,,");
    wd.write("short.csv", &short);
    wd.cmd()
        .args([
            "-l",
            "short.csv",
            "update",
            "--last-name",
            "A",
            "--first-name",
            "B",
            "--status",
            "sent",
        ])
        .assert()
        .success();
    assert_eq!(wd.read("short.csv"), short.replace("claimed,", "sent,"));
}

/// Item 7: `add --candidate ""` recorded an entry that `check` rejects
/// (or, with a candidate in the settings, gave it to that one).
#[test]
fn item_07_a_blank_candidate_is_refused() {
    let wd = Workdir::new();
    campaign(&wd);
    let before = wd.read_bytes("parrainages.csv");
    for blank in ["", "   "] {
        let output = wd
            .cmd()
            .args([
                "add",
                "--last-name",
                "X",
                "--first-name",
                "Y",
                "--mandate",
                "mayor",
            ])
            .args([
                "--circonscription",
                "Stenay",
                "--department",
                "55",
                "--candidate",
                blank,
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{blank:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("no candidate"));
        assert_eq!(wd.read_bytes("parrainages.csv"), before);
    }
    wd.write("parrainage.toml", "candidate = \"  \"\nelection = 2022\n");
    let output = wd
        .cmd()
        .args([
            "add",
            "--last-name",
            "X",
            "--first-name",
            "Y",
            "--mandate",
            "mayor",
        ])
        .args(["--department", "55"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(wd.read_bytes("parrainages.csv"), before);
}

/// Mounts a tmpfs of `kib` KiB at `dir`, for a full disk. This needs root
/// (as CI runs); where it cannot be mounted, the test says so and stops.
fn small_disk(dir: &std::path::Path, kib: u32) -> Option<Mounted> {
    std::fs::create_dir_all(dir).unwrap();
    let status = Process::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
        .arg(dir)
        .stderr(std::process::Stdio::null())
        .status();
    if status.is_ok_and(|s| s.success()) {
        Some(Mounted(dir.to_path_buf()))
    } else {
        eprintln!("cannot mount a tmpfs here (the test needs root): the full-disk case is not run");
        None
    }
}

struct Mounted(std::path::PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg(&self.0).status();
    }
}

/// Fills the file system of `dir` to the last byte.
fn fill(dir: &std::path::Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(dir.join("filler")).unwrap();
    let block = vec![b'x'; 4096];
    while file.write_all(&block).is_ok() {}
    while file.write_all(b"x").is_ok() {}
    let _ = file.sync_all();
}

/// Item 8: `init` on a full disk left a 0-byte ledger or settings file; the
/// retry then refused ("already there") or kept empty settings, dropping
/// the candidate and the election.
#[test]
fn item_08_init_on_a_full_disk_leaves_nothing_behind() {
    let wd = Workdir::new();
    let disk = wd.path("disk");
    let Some(_mounted) = small_disk(&disk, 64) else {
        return;
    };
    fill(&disk);
    let output = wd
        .cmd()
        .args([
            "init",
            "disk/parrainages.csv",
            "--candidate",
            "MARTIN Claire",
            "--election",
            "2022",
        ])
        .output()
        .unwrap();
    no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    let left: Vec<String> = std::fs::read_dir(&disk)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "filler")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    std::fs::remove_file(disk.join("filler")).unwrap();
    wd.cmd()
        .args([
            "init",
            "disk/parrainages.csv",
            "--candidate",
            "MARTIN Claire",
            "--election",
            "2022",
        ])
        .assert()
        .success();
    let settings = std::fs::read_to_string(disk.join("parrainage.toml")).unwrap();
    assert!(settings.contains("candidate = \"MARTIN Claire\""));
    assert!(settings.contains("election = 2022"));
}

/// Item 9: a JSON publication's repeated key was taken silently (the last
/// wins: DURAND counted for MACRON), and a number read as a name.
#[test]
fn item_09_a_repeated_key_or_a_number_is_an_error_of_its_row() {
    let wd = Workdir::new();
    let json = format!(
        "[\n{},\n{},\n{}\n]\n",
        json_object("DUPONT", ", \"Nom\": \"DURAND\""),
        json_object("PETIT", "").replace("\"PETIT\"", "1.2345678901234568e+29"),
        json_object("BON", "")
    );
    wd.write("cc.json", &json);
    let output = wd
        .cmd()
        .args(["check", "--format", "json", "cc.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(u64, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, 2);
    assert!(found[0].1.contains("`Nom` is given twice"));
    assert_eq!(found[1].0, 3);
    assert!(found[1].1.contains("is a number"));
    // The report refuses to count, as for any row it cannot read.
    wd.cmd()
        .args(["report", "--all", "-l", "cc.json"])
        .assert()
        .code(1);
}

/// Item 10: `check -f json missing.csv` printed a clean document
/// (`"errors": 0`) before exiting 2, and the table "0 errors … in 0 files".
#[test]
fn item_10_a_failed_check_prints_no_clean_result() {
    let wd = Workdir::new();
    let output = wd
        .cmd()
        .args(["check", "-f", "json", "missing.csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(json["error"].as_str().unwrap().contains("missing.csv"));
    assert!(json.get("errors").is_none(), "{json:#}");
    let table = wd.cmd().args(["check", "missing.csv"]).output().unwrap();
    assert_eq!(table.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&table.stdout).contains("errors"));
    let github = wd
        .cmd()
        .args(["check", "-f", "github", "missing.csv"])
        .output()
        .unwrap();
    assert_eq!(github.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&github.stdout).starts_with("::error"));
}

/// Item 12: `list --format csv` keeps values (its rows are ledger rows);
/// `check` warns of a formula in a name or place, not of a phone number in
/// the notes.
#[test]
fn item_12_formula_cells_are_warned_of_in_names_and_places() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!(
            "{HEADER}claimed,MARTIN Claire,,=HYPERLINK(1),Jean,mayor,Laon,02,2022-01-02,,,\n\
             claimed,MARTIN Claire,,DUPONT,@SUM(1),mayor,Laon,02,2022-01-02,,,\n\
             claimed,MARTIN Claire,,PETIT,Jean,mayor,\"\tVerdun\",55,2022-01-02,,,\n\
             claimed,MARTIN Claire,,GRAND,Jean,mayor,Stenay,55,2022-01-02,,+33 6 12 34 56 78,- call back\n"
        ),
    );
    let output = wd.cmd().args(["check", "-f", "json"]).output().unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let lines: Vec<u64> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "formula-cell")
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3, 4], "{json:#}");
    let csv = wd.cmd().args(["list", "--format", "csv"]).output().unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.contains(",=HYPERLINK(1),"), "{csv}");
    assert!(csv.contains(",@SUM(1),"), "{csv}");
}

/// Item 13: a link to `/dev/zero` in a ledger directory was "a link to
/// nothing"; a 100 KB `--last-name` was refused with a hint about a quote
/// left open in the ledger; `--since` after `--as-of` reported 0 without a
/// word.
#[test]
fn item_13_the_smaller_messages_say_what_happened() {
    let wd = Workdir::new();
    campaign(&wd);
    std::fs::create_dir(wd.path("team")).unwrap();
    wd.write("team/a.csv", wd.read("parrainages.csv"));
    std::os::unix::fs::symlink("/dev/zero", wd.path("team/zero.csv")).unwrap();
    let output = wd.cmd().args(["check", "team"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("a link to something that is not a regular file"),
        "{stdout}"
    );
    assert!(!stdout.contains("a link to nothing"));

    let long = "x".repeat(100 * 1024);
    let output = wd
        .cmd()
        .args([
            "add",
            "--last-name",
            &long,
            "--first-name",
            "Y",
            "--mandate",
            "mayor",
        ])
        .args(["--department", "55"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--last-name") && stderr.contains("102400 bytes"),
        "{stderr}"
    );
    assert!(!stderr.contains("quote"), "{stderr}");

    let output = wd
        .cmd_as_of("2022-02-10")
        .args(["report", "--since", "2022-03-01"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--since 2022-03-01 is after"));
}
