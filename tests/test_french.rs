//! Human output in French (`--lang fr`, the `lang` setting, the locale):
//! words, mandate labels, numbers and dates the French way; JSON keys and
//! diagnostic codes unchanged.

mod common;

use common::{HEADER, Workdir};

fn campaign() -> Workdir {
    let wd = Workdir::new();
    wd.copy_fixture("campaign/parrainages.csv", "parrainages.csv");
    wd.copy_fixture("campaign/parrainage.toml", "parrainage.toml");
    wd
}

fn stdout(wd: &Workdir, day: &str, args: &[&str]) -> String {
    let output = wd.cmd_as_of(day).args(args).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_report_in_french() {
    let wd = campaign();
    let out = stdout(&wd, "2022-03-03", &["--lang", "fr", "report"]);
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    insta::assert_snapshot!("campaign_table_fr", out);
    let markdown = stdout(
        &wd,
        "2022-03-03",
        &["--lang", "fr", "report", "--format", "markdown"],
    );
    insta::assert_snapshot!("campaign_markdown_fr", markdown);
    // JSON does not change with the language.
    assert_eq!(
        stdout(&wd, "2022-03-03", &["--lang", "fr", "report", "--format", "json"]),
        stdout(&wd, "2022-03-03", &["--lang", "en", "report", "--format", "json"])
    );
}

#[test]
fn check_in_french_keeps_its_prefix_and_codes() {
    let wd = Workdir::new();
    let rows = "validated,MARTIN Claire,,A,B,mair,X,Aisn,2022-01-05,,,\n\
                claimed,MARTIN Claire,,C,D,adjointe au maire,X,02,05/01/2022,,,\n\
                claimed,MARTIN Claire,,E,F,maire,X,02,2022-01-05,,,\n\
                claimed,MARTIN Claire,,E,F,maire,X,02,2022-01-05,,,\n\
                bogus,MARTIN Claire,,G,H,maire,=1+1,02,2022-01-05,,,\n";
    wd.write("parrainages.csv", format!("{HEADER}{rows}"));
    let french = stdout(&wd, "2022-02-16", &["--lang", "fr", "check"]);
    insta::assert_snapshot!("check_fr", french);
    let english = stdout(&wd, "2022-02-16", &["check"]);
    // The same `FILE:LINE: severity[CODE]:` prefixes, in the same order.
    let prefixes = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("parrainages.csv:"))
            .map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": "))
            .collect()
    };
    assert_eq!(prefixes(&french), prefixes(&english));
    assert!(!prefixes(&french).is_empty());
    assert_eq!(
        stdout(&wd, "2022-02-16", &["--lang", "fr", "check", "--format", "json"]),
        stdout(&wd, "2022-02-16", &["check", "--format", "json"])
    );
}

/// The language comes from --lang, else the `lang` setting, else the locale.
#[test]
fn the_language_comes_from_the_flag_the_settings_or_the_locale() {
    let wd = campaign();
    let heading = |out: String| out.lines().next().unwrap_or_default().to_string();
    let french = "MARTIN Claire au 03/03/2022";
    let english = "MARTIN Claire as of 2022-03-03";
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let mut cmd = wd.cmd_as_of("2022-03-03");
        for (name, value) in env {
            cmd.env(name, value);
        }
        heading(String::from_utf8(cmd.args(args).arg("report").output().unwrap().stdout).unwrap())
    };
    assert_eq!(run(&[], &[]), english);
    assert_eq!(run(&[("LANG", "fr_FR.UTF-8")], &[]), french);
    assert_eq!(
        run(&[("LANG", "fr_FR.UTF-8"), ("LC_ALL", "en_US.UTF-8")], &[]),
        english
    );
    assert_eq!(run(&[("LANG", "fr_FR.UTF-8")], &["--lang", "en"]), english);
    let toml = wd.read("parrainage.toml");
    wd.write("parrainage.toml", format!("{toml}lang = \"fr\"\n"));
    assert_eq!(run(&[], &[]), french);
    assert_eq!(run(&[], &["--lang", "en"]), english);
    wd.write("parrainage.toml", format!("{toml}lang = \"de\"\n"));
    wd.cmd().arg("report").assert().code(2);
}

#[test]
fn list_in_french() {
    let wd = campaign();
    let out = stdout(
        &wd,
        "2022-03-03",
        &[
            "--lang",
            "fr",
            "list",
            "--status",
            "validated",
            "--department",
            "59",
        ],
    );
    assert!(
        out.contains("Statut") && out.contains("validé") && out.contains("Maire"),
        "{out}"
    );
    assert!(out.contains("/2022"), "dates are dd/mm/yyyy: {out}");
    assert!(
        out.trim_end().ends_with("entrées") || out.trim_end().ends_with("entrée"),
        "{out}"
    );
}

/// The page in French: its language, its words, its numbers and dates.
#[test]
fn the_page_in_french() {
    let wd = campaign();
    let page = stdout(&wd, "2022-03-03", &["--lang", "fr", "report", "--format", "html"]);
    assert!(page.contains("<html lang=\"fr\">"));
    for text in [
        "Par mandat",
        "Jours restants avant la clôture",
        "Au 3 mars 2022.",
        "44\u{202f}%",
        "Député",
    ] {
        assert!(page.contains(text), "no `{text}`");
    }
    for english in [">By mandate<", ">Validated<", "validated as of"] {
        assert!(!page.contains(english), "`{english}` left in English");
    }
    // The same page in English has the same structure: as many tags.
    let english = stdout(&wd, "2022-03-03", &["report", "--format", "html"]);
    assert_eq!(page.matches('<').count(), english.matches('<').count());
}

/// add, update and remove speak French too: what they did, and why they
/// refuse, with check's codes and prefixes.
#[test]
fn add_update_and_remove_in_french() {
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.write("parrainage.toml", "candidate = \"MARTIN Claire\"\n");
    let run = |args: &[&str]| {
        let output = wd.cmd().arg("--lang").arg("fr").args(args).output().unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let who = ["--last-name", "Dupont", "--first-name", "Jean"];
    let (code, out, _) = run(&[
        &["add"][..],
        &who,
        &[
            "--mandate",
            "maire",
            "--department",
            "55",
            "--circonscription",
            "Verdun",
        ],
    ]
    .concat());
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "Enregistré parrainages.csv:2 : promis Dupont Jean, maire (Verdun), 55 Meuse pour MARTIN Claire\n"
    );
    let (code, _, err) = run(&[
        &["add"][..],
        &who,
        &[
            "--mandate",
            "maire",
            "--department",
            "55",
            "--circonscription",
            "Verdun",
        ],
    ]
    .concat());
    assert_eq!(code, Some(1));
    assert!(err.contains("l'entrée n'a pas été enregistrée"), "{err}");
    assert!(
        err.contains("parrainages.csv:2: error[duplicate-sponsor]:"),
        "{err}"
    );
    let (code, out, _) = run(&[
        &["update"][..],
        &who,
        &["--status", "validated", "--published-on", "08/02/2022"],
    ]
    .concat());
    assert_eq!(code, Some(0));
    assert!(out.contains("promis → validé, publié le 08/02/2022"), "{out}");
    let (code, out, _) = run(&[&["remove"][..], &who].concat());
    assert_eq!(code, Some(0));
    assert!(out.starts_with("Retiré parrainages.csv:2"), "{out}");
    assert_eq!(wd.read("parrainages.csv"), HEADER);
}

/// import in French: its table and notes; its JSON the same in both
/// languages.
#[test]
fn import_in_french() {
    let wd = Workdir::new();
    wd.copy_fixture("import/parrainages.csv", "parrainages.csv");
    wd.copy_fixture("import/cc-2022-02-15.csv", "cc.csv");
    let table = stdout(
        &wd,
        "2022-03-03",
        &["--lang", "fr", "import", "cc.csv", "--dry-run"],
    );
    assert!(
        table.contains("confirmés") && table.contains("Anomalies (1)"),
        "{table}"
    );
    assert!(table.contains("une présentation est irrévocable"), "{table}");
    assert!(table.contains("WEBER Olivier, maire (Haguenau)"), "{table}");
    assert_eq!(
        stdout(
            &wd,
            "2022-03-03",
            &["--lang", "fr", "import", "cc.csv", "--dry-run", "-f", "json"]
        ),
        stdout(
            &wd,
            "2022-03-03",
            &["import", "cc.csv", "--dry-run", "-f", "json"]
        )
    );
}

/// A write the tool refuses (a hard-linked ledger, which a rename would
/// split) is said in French too, inside the operating system's frame.
#[cfg(unix)]
#[test]
fn a_refused_rewrite_in_french() {
    let wd = Workdir::new();
    let text = format!("{HEADER}claimed,MARTIN Claire,,DURAND,Jean,mayor,Laon,02,2022-01-02,,,\n");
    wd.write("parrainages.csv", &text);
    wd.write(
        "parrainage.toml",
        "candidate = \"MARTIN Claire\"\nelection = 2022\n",
    );
    std::fs::hard_link(wd.path("parrainages.csv"), wd.path("copie.csv")).unwrap();
    let output = wd
        .cmd()
        .args([
            "--lang",
            "fr",
            "update",
            "--last-name",
            "DURAND",
            "--first-name",
            "Jean",
        ])
        .args(["--notes", "appel"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("le fichier a 2 liens physiques"), "{stderr}");
    assert!(!stderr.contains("hard links"), "{stderr}");
    assert_eq!(wd.read("parrainages.csv"), text);
}
