//! Snapshots of `check` and `import` in each of their formats, so that a
//! change in what users read or parse is seen in review.

mod common;

use common::Workdir;

fn stdout(wd: &Workdir, args: &[&str]) -> String {
    let output = wd.cmd().args(args).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn check_in_each_format() {
    let wd = Workdir::new();
    wd.copy_fixture("broken/every-problem.csv", "every-problem.csv");
    for format in ["table", "json", "github"] {
        let out = stdout(
            &wd,
            &[
                "-l",
                "every-problem.csv",
                "--candidate",
                "MARTIN Claire",
                "check",
                "--format",
                format,
            ],
        );
        insta::assert_snapshot!(format!("check_every_problem_{format}"), out);
    }
}

#[test]
fn import_in_each_format() {
    for format in ["table", "json"] {
        let wd = Workdir::new();
        wd.copy_fixture("import/parrainages.csv", "parrainages.csv");
        wd.copy_fixture("import/cc-2022-02-15.csv", "cc.csv");
        let out = stdout(&wd, &["import", "cc.csv", "--dry-run", "--format", format]);
        assert!(!out.is_empty(), "{format}");
        insta::assert_snapshot!(format!("import_{format}"), out);
    }
}
