//! A large file is read in parts, one thread each: the results must be
//! exactly those of one pass, whatever the number of parts.

mod common;

use common::{HEADER, Workdir};

/// Runs `args` with the file read in one part, then in parts of `bytes`
/// bytes on `threads` threads; returns both outputs (stdout, exit code).
fn both_ways(wd: &Workdir, args: &[&str], bytes: u64, threads: usize) -> [(String, i32); 2] {
    let run = |part: u64, threads: usize| {
        let output = wd
            .cmd()
            .env("PARRAINAGE_PART_BYTES", part.to_string())
            .env("PARRAINAGE_THREADS", threads.to_string())
            .args(args)
            .output()
            .unwrap();
        (
            String::from_utf8(output.stdout).unwrap(),
            output.status.code().unwrap(),
        )
    };
    [run(1 << 40, 1), run(bytes, threads)]
}

/// A campaign ledger of `count` claims for MARTIN Claire dated 5 January
/// 2022, each official written by `official` as last name, first name,
/// mandate, circonscription and département.
fn claims(count: usize, official: impl Fn(usize) -> String) -> String {
    let mut text = String::from(HEADER);
    for i in 0..count {
        text.push_str(&format!("claimed,MARTIN Claire,,{},2022-01-05,,,\n", official(i)));
    }
    text
}

/// An official publication with duplicates, a repeated official under two
/// spellings of a candidate, and bad rows, spread through the file.
fn publication(rows: usize) -> String {
    let mut text = String::from(
        "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\r\n",
    );
    let candidates = ["DUPRÉ Amélie", "MARCHAND Étienne", "HUGO Anne", "BÉRARD Corinne"];
    for i in 0..rows {
        let candidate = candidates[i % candidates.len()];
        let department = ["Aisne", "Nord", "Côte-d'Or", "Français de l'étranger", "Rhône"][i % 5];
        let mandate = if department == "Français de l'étranger" {
            "Député"
        } else {
            "Maire"
        };
        text.push_str(&format!(
            "M.;NOM{};Jean;{mandate};Commune {};{department};{candidate};0{}/02/2022\r\n",
            i % (rows / 3),
            i,
            1 + i % 8
        ));
        if i % 997 == 0 {
            // The same official again, under the other spelling.
            let again = if candidate == "BÉRARD Corinne" {
                "BERARD  Corinne"
            } else {
                candidate
            };
            text.push_str(&format!(
                "M.;NOM{};Jean;{mandate};Commune {};{department};{again};10/02/2022\r\n",
                i % (rows / 3),
                i
            ));
        }
        if i % 1499 == 0 {
            text.push_str("M.;BAD;Row;Conseiller municipal;X;Nord;HUGO Anne;01/02/2022\r\n");
        }
    }
    text
}

#[test]
fn check_and_report_are_the_same_in_parts() {
    let wd = Workdir::new();
    wd.write("cc.csv", publication(6_000));
    for args in [
        &["check", "--format", "json", "cc.csv"][..],
        &["--ledger", "cc.csv", "report", "--all", "--format", "json"][..],
        &["check", "cc.csv"][..],
    ] {
        for (bytes, threads) in [(16_384, 2), (9_000, 4), (50_000, 3)] {
            let [one, parts] = both_ways(&wd, args, bytes, threads);
            assert_eq!(
                one, parts,
                "{args:?} in parts of {bytes} bytes on {threads} threads"
            );
        }
    }
    // And the single pass found what is there.
    let [(text, code), _] = both_ways(&wd, &["check", "--format", "json", "cc.csv"], 1 << 40, 1);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let count = |code: &str| {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == code)
            .count()
    };
    assert_eq!(count("duplicate-sponsor"), 7, "one every 997 rows of 6,000");
    assert_eq!(count("ineligible-mandate"), 5, "one every 1,499 rows");
}

#[test]
fn campaign_ledgers_in_parts_warn_of_the_same_homonyms() {
    let wd = Workdir::new();
    // NOM{k} Jean holds two mandates in 59 for every k: homonym warnings,
    // the second row of each pair far from the first. The mayors' is a
    // commune of the Nord.
    let text = claims(4_000, |i| {
        let (mandate, place) = if i < 2_000 {
            ("mayor", "Lille".to_string())
        } else {
            ("departmental-councillor", format!("Place {}", i % 2_000))
        };
        format!("NOM{},Jean,{mandate},{place},59", i % 2_000)
    });
    wd.write("l.csv", text);
    let [one, parts] = both_ways(&wd, &["check", "--format", "json", "l.csv"], 8_192, 2);
    assert_eq!(one, parts);
    let json: serde_json::Value = serde_json::from_str(&one.0).unwrap();
    assert_eq!(json["warnings"], 2_000);
    assert_eq!(json["errors"], 0);
}

#[test]
fn quoted_values_without_line_ends_are_read_in_parts_alike() {
    let wd = Workdir::new();
    // Quoted commas and doubled quotes, and a row repeated far later.
    let text = claims(3_000, |i| {
        let k = i % 2_500;
        format!("NOM{k},Jean,afe-councillor,\"Allemagne, \"\"Sud\"\" {k}\",ZZ")
    });
    wd.write("q.csv", text);
    let [one, parts] = both_ways(&wd, &["check", "--format", "json", "q.csv"], 4_096, 2);
    assert_eq!(one, parts);
    assert!(one.0.contains("duplicate-sponsor"), "{}", one.0);
}

#[test]
fn a_file_with_quotes_is_read_in_one_part_and_still_right() {
    let wd = Workdir::new();
    // A quoted value with a line end inside: cutting there would break it.
    let text = claims(3_000, |i| {
        format!("NOM{i},Jean,afe-councillor,\"Allemagne,\nAutriche {i}\",ZZ")
    });
    wd.write("q.csv", text);
    let [one, parts] = both_ways(&wd, &["check", "--format", "json", "q.csv"], 4_096, 2);
    assert_eq!(one, parts);
    assert_eq!(one.1, 0, "{}", one.0);
}

/// The claims by week count each official once per candidate, the first
/// row read: a later row of the same official, with another day of claim
/// (or another status, or the candidate spelled otherwise), changes
/// nothing, whether it is read in the same part as the first or another.
#[test]
fn claims_by_week_count_the_first_row_of_each_official_in_parts_too() {
    let wd = Workdir::new();
    let mut text = String::from(HEADER);
    // 3,000 officials claimed in the week of Monday 6 September 2021, one
    // in three withdrawn (not a live entry: no claim counted).
    for i in 0..3_000 {
        let status = ["claimed", "sent", "withdrawn"][i % 3];
        text.push_str(&format!(
            "{status},MARTIN Claire,,NOM{i},Jean,afe-councillor,Allemagne {i},ZZ,2021-09-{:02},,,\n",
            6 + i % 7
        ));
    }
    // Every other one again, further on, claimed in October: live rows,
    // some under another spelling of the candidate.
    for i in (0..3_000).step_by(2) {
        let candidate = if i % 4 == 0 {
            "MARTIN  Claire"
        } else {
            "martin claire"
        };
        text.push_str(&format!(
            "claimed,{candidate},,NOM{i},Jean,afe-councillor,Allemagne {i},ZZ,2021-10-{:02},,,\n",
            4 + i % 7
        ));
    }
    wd.write("l.csv", text);
    let args = ["--ledger", "l.csv", "report", "--format", "json"];
    let one = both_ways(&wd, &args, 1 << 40, 1)[0].clone();
    assert_eq!(one.1, 0, "{}", one.0);
    let json: serde_json::Value = serde_json::from_str(&one.0).unwrap();
    let candidate = &json["candidates"][0];
    assert_eq!(
        candidate["claims_by_week"],
        serde_json::json!([{"week": "2021-09-06", "new": 2_000, "cumulative": 2_000}]),
        "{candidate:#}"
    );
    assert_eq!(candidate["claimed"], 2_000);
    assert_eq!(candidate["lost"], 1_000);
    // The file is about 270 KB: two parts cut it between the first rows
    // and their repeats, four and seven parts cut through both.
    for (bytes, threads) in [(100_000, 2), (16_384, 4), (30_000, 7)] {
        let [_, parts] = both_ways(&wd, &args, bytes, threads);
        assert_eq!(one, parts, "in parts of {bytes} bytes on {threads} threads");
    }
}
