//! `add` and `check` apply one rule of "the same official" (RULES.md §1,
//! `rules::identity::finding`): for every pair of entries below, what
//! `check` says of the two rows is what `add` says of the second when the
//! first is in the ledger.

mod common;

use common::{HEADER, Workdir};
use serde_json::Value;

/// (first row, second entry as add's flags, what is expected: a code, or
/// nothing).
struct Case {
    name: &'static str,
    first: &'static str,
    second: &'static [&'static str],
    expected: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        name: "the same official, typed otherwise",
        first: "claimed,MARTIN Claire,,DUPONT-MOREAU,Hélène,mayor,Jouy-en-Argonne,55,2022-01-05,,,",
        second: &[
            "--last-name",
            "dupont moreau",
            "--first-name",
            "HELENE",
            "--mandate",
            "Maire",
            "--department",
            "Meuse",
            "--circonscription",
            "JOUY EN ARGONNE",
        ],
        expected: Some("duplicate-sponsor"),
    },
    Case {
        name: "a Cyrillic look-alike letter",
        first: "claimed,MARTIN Claire,,DUPONT,Jean,mayor,Laon,02,2022-01-05,,,",
        second: &[
            "--last-name",
            "DUP\u{41E}NT",
            "--first-name",
            "Jean",
            "--mandate",
            "mayor",
            "--department",
            "02",
            "--circonscription",
            "Laon",
        ],
        expected: Some("duplicate-sponsor"),
    },
    Case {
        name: "another candidate, both live",
        first: "validated,DURAND Paul,,PETIT,Anne,mayor,Laon,02,2022-01-05,2022-02-08,,",
        second: &[
            "--last-name",
            "PETIT",
            "--first-name",
            "Anne",
            "--mandate",
            "mayor",
            "--department",
            "02",
            "--circonscription",
            "Laon",
        ],
        expected: Some("several-candidates"),
    },
    Case {
        name: "another candidate, the first withdrawn",
        first: "withdrawn,DURAND Paul,,PETIT,Anne,mayor,Laon,02,2022-01-05,,,",
        second: &[
            "--last-name",
            "PETIT",
            "--first-name",
            "Anne",
            "--mandate",
            "mayor",
            "--department",
            "02",
            "--circonscription",
            "Laon",
        ],
        expected: None,
    },
    Case {
        name: "the same person, another mandate",
        first: "claimed,MARTIN Claire,,LEFEBVRE,Michel,mayor,Wattrelos,59,2022-01-05,,,",
        second: &[
            "--last-name",
            "LEFEBVRE",
            "--first-name",
            "Michel",
            "--mandate",
            "departmental-councillor",
            "--department",
            "59",
            "--circonscription",
            "Roubaix-1",
        ],
        expected: Some("possible-duplicate"),
    },
    Case {
        name: "the same name, another commune",
        first: "claimed,MARTIN Claire,,RICHARD,Michel,mayor,Vesoul,70,2022-01-05,,,",
        second: &[
            "--last-name",
            "RICHARD",
            "--first-name",
            "Michel",
            "--mandate",
            "mayor",
            "--department",
            "70",
            "--circonscription",
            "Gray",
        ],
        expected: Some("possible-duplicate"),
    },
    Case {
        name: "another first name",
        first: "claimed,MARTIN Claire,,RICHARD,Michel,mayor,Vesoul,70,2022-01-05,,,",
        second: &[
            "--last-name",
            "RICHARD",
            "--first-name",
            "Michèle",
            "--mandate",
            "mayor",
            "--department",
            "70",
            "--circonscription",
            "Gray",
        ],
        expected: None,
    },
    Case {
        name: "the same name in another département",
        first: "claimed,MARTIN Claire,,RICHARD,Michel,mayor,Vesoul,70,2022-01-05,,,",
        second: &[
            "--last-name",
            "RICHARD",
            "--first-name",
            "Michel",
            "--mandate",
            "mayor",
            "--department",
            "25",
            "--circonscription",
            "Besançon",
        ],
        expected: None,
    },
];

/// The codes `check` gives about the rows of `parrainages.csv`, but for
/// the date warnings no case is about.
fn check_codes(wd: &Workdir) -> Vec<String> {
    let output = wd.cmd().args(["check", "--format", "json"]).output().unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .filter(|code| code != "outside-window")
        .collect()
}

#[test]
fn add_and_check_agree_on_every_duplicate_and_homonym() {
    for case in CASES {
        let wd = Workdir::new();
        wd.write("parrainage.toml", "candidate = \"MARTIN Claire\"\n");
        wd.write("parrainages.csv", format!("{HEADER}{}\n", case.first));
        let added = wd
            .cmd()
            .arg("add")
            .args(case.second)
            .args(["--claimed-on", "2022-01-06"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&added.stderr).into_owned();
        let add_says = ["duplicate-sponsor", "several-candidates", "possible-duplicate"]
            .into_iter()
            .find(|code| stderr.contains(&format!("[{code}]")));
        assert_eq!(add_says, case.expected, "add, {}: {stderr}", case.name);
        let refused = matches!(case.expected, Some("duplicate-sponsor" | "several-candidates"));
        assert_eq!(
            added.status.code(),
            Some(if refused { 1 } else { 0 }),
            "add, {}: {stderr}",
            case.name
        );
        if refused {
            // Written by hand as add would have written it: check must say
            // the same of the two rows.
            let typed: Vec<&str> = case.second.to_vec();
            let value = |flag: &str| {
                typed
                    .iter()
                    .position(|a| *a == flag)
                    .map(|i| typed[i + 1])
                    .unwrap_or_default()
            };
            let row = format!(
                "claimed,MARTIN Claire,,{},{},{},{},{},2022-01-06,,,\n",
                value("--last-name"),
                value("--first-name"),
                value("--mandate"),
                value("--circonscription"),
                value("--department")
            );
            wd.write("parrainages.csv", format!("{HEADER}{}\n{row}", case.first));
        }
        let codes = check_codes(&wd);
        let check_says = codes.first().map(String::as_str);
        assert_eq!(check_says, case.expected, "check, {}: {codes:?}", case.name);
    }
}
