//! `report --format html`: the page is parsed, and what it shows is checked
//! against the JSON report of the same ledger: the curve's points, every
//! tile's count and colour, the départements not reached. The page must
//! need nothing from outside.

mod common;

use common::{HEADER, Workdir, fixture};
use scraper::{Html, Selector};
use serde_json::Value;

fn run(wd: &Workdir, day: &str, args: &[&str]) -> String {
    let output = wd.cmd_as_of(day).arg("report").args(args).output().expect("run");
    assert!(
        output.status.success(),
        "report {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    page.select(&Selector::parse(css).expect("a selector")).collect()
}

fn attribute<'a>(element: &scraper::ElementRef<'a>, name: &str) -> &'a str {
    element.value().attr(name).unwrap_or_default()
}

/// Nothing a browser would fetch, and nothing it would run.
fn assert_self_contained(html: &str) {
    for outside in [
        "http:",
        "https:",
        "//",
        "url(",
        "src=",
        "href=",
        "<script",
        "@import",
        "@font-face",
        "<link",
        "<img",
    ] {
        assert!(!html.contains(outside), "the page holds `{outside}`");
    }
}

/// Every tile of the map against the JSON's counts per unit.
fn assert_tiles_match(page: &Html, candidate: &Value, cap: u64) {
    let tiles = select(page, "svg.tiles g.tile");
    assert_eq!(tiles.len(), 109, "one tile per unit");
    let count_of = |code: &str| {
        candidate["by_department"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .map_or(0, |d| d["validated"].as_u64().unwrap())
    };
    for tile in &tiles {
        let code = attribute(tile, "data-code");
        let count: u64 = attribute(tile, "data-count").parse().unwrap();
        assert_eq!(count, count_of(code), "tile {code}");
        let class = attribute(tile, "class");
        let expected = match count {
            0 => "c0 not-reached",
            n if n >= cap => "c5 at-cap",
            n => ["c1", "c2", "c3", "c4"][((4 * n / cap) as usize).min(3)],
        };
        assert_eq!(class, format!("tile {expected}"), "tile {code} with {count}");
    }
    let missing: Vec<&str> = select(page, "ul.not-reached li")
        .iter()
        .map(|li| attribute(li, "data-code"))
        .collect();
    let expected: Vec<&str> = tiles
        .iter()
        .filter(|t| attribute(t, "data-count") == "0")
        .map(|t| attribute(t, "data-code"))
        .collect();
    assert_eq!(missing.len(), expected.len());
    for code in expected {
        assert!(missing.contains(&code), "{code} is listed as not reached");
    }
}

#[test]
fn one_candidates_page_shows_what_the_report_counts() {
    let wd = Workdir::new();
    wd.copy_fixture("campaign/parrainages.csv", "parrainages.csv");
    wd.copy_fixture("campaign/parrainage.toml", "parrainage.toml");
    let html = run(&wd, "2022-03-08", &["--format", "html"]);
    let json: Value = serde_json::from_str(&run(&wd, "2022-03-08", &["--format", "json"])).unwrap();
    let candidate = &json["candidates"][0];
    assert_self_contained(&html);
    let page = Html::parse_document(&html);
    // The curve: one point per publication, at its cumulative count.
    let points: Vec<(String, u64)> = select(&page, "svg.curve circle.point")
        .iter()
        .map(|p| {
            (
                attribute(p, "data-date").to_string(),
                attribute(p, "data-cumulative").parse().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, u64)> = candidate["by_date"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap().to_string(),
                d["cumulative"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(points, expected);
    // The campaign dates its claims: the claimed line is drawn.
    assert_eq!(select(&page, "svg.curve polyline.claimed").len(), 1);
    assert_eq!(select(&page, "svg.curve line.threshold").len(), 1);
    assert_eq!(select(&page, "svg.curve line.close").len(), 1);
    // Every chart has a title and a text alternative.
    for svg in select(&page, "svg[role=img]") {
        assert!(svg.select(&Selector::parse("title").unwrap()).next().is_some());
        assert!(svg.select(&Selector::parse("desc").unwrap()).next().is_some());
    }
    assert_tiles_match(&page, candidate, 50);
    // The headline and the table by mandate.
    let headline = |key: &str| {
        select(&page, &format!("dd[data-fact={key}]"))[0]
            .text()
            .collect::<String>()
    };
    assert!(headline("validated").starts_with(&format!("{} / 500", candidate["validated"])));
    assert!(headline("departments").starts_with(&format!("{} / 30", candidate["departments"])));
    let mandates = select(&page, "tr[data-mandate]");
    assert_eq!(mandates.len(), candidate["by_mandate"].as_array().unwrap().len());
    insta::assert_snapshot!("campaign_page", html);
}

#[test]
fn every_unit_of_the_map_is_drawn_and_coloured() {
    // A publication with sponsors in every unit: 0 up to past the cap.
    let wd = Workdir::new();
    let codes: Vec<&str> = parrainage::rules::department::ALL
        .iter()
        .map(|d| d.code)
        .collect();
    let mut text =
        String::from("Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n");
    for (i, code) in codes.iter().enumerate() {
        let count = (i * 7) % 61;
        let mandate = match *code {
            "EU" => "Représentant français au Parlement européen",
            "ZZ" => "Conseiller à l'Assemblée des Français de l'étranger",
            _ => "Maire",
        };
        for n in 0..count {
            text.push_str(&format!(
                "M.;NOM{i}X{n};Jean;{mandate};Commune {i}-{n};{code};DUPONT Marie;0{}/02/2022\n",
                1 + n % 9
            ));
        }
    }
    wd.write("cc.csv", text);
    let args = ["--candidate", "DUPONT Marie", "--ledger", "cc.csv"];
    let html = run(&wd, "2022-03-08", &[&args[..], &["--format", "html"]].concat());
    let json: Value = serde_json::from_str(&run(
        &wd,
        "2022-03-08",
        &[&args[..], &["--format", "json"]].concat(),
    ))
    .unwrap();
    assert_self_contained(&html);
    let page = Html::parse_document(&html);
    assert_tiles_match(&page, &json["candidates"][0], 50);
    assert!(!select(&page, "g.at-cap").is_empty());
    assert!(!select(&page, "g.not-reached").is_empty());
    // An official file dates no claims: no claimed line.
    assert!(select(&page, "polyline.claimed").is_empty());
}

#[test]
fn the_all_page_ranks_and_draws_the_qualified() {
    let wd = Workdir::new();
    // Two candidates: one past 500 in 30 départements, one short.
    let mut text =
        String::from("Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n");
    for n in 0..520 {
        let code = parrainage::rules::department::ALL[n % 40].code;
        text.push_str(&format!(
            "M.;A{n};Jean;Maire;C{n};{code};MARTIN Claire;0{}/02/2022\n",
            1 + n % 8
        ));
    }
    for n in 0..20 {
        text.push_str(&format!("M.;B{n};Jean;Maire;D{n};55;DURAND Paul;03/02/2022\n"));
    }
    wd.write("cc.csv", text);
    let html = run(
        &wd,
        "2022-03-08",
        &["--all", "--ledger", "cc.csv", "--format", "html"],
    );
    assert_self_contained(&html);
    let page = Html::parse_document(&html);
    let rows = select(&page, "table.ranking tbody tr");
    let names: Vec<&str> = rows.iter().map(|r| attribute(r, "data-candidate")).collect();
    assert_eq!(names, ["MARTIN Claire", "DURAND Paul"]);
    assert_eq!(attribute(&rows[0], "class"), "qualified");
    // Each candidate's bar against 500: DURAND's 20 are 4% of it.
    let bar = select(&page, "tr[data-candidate='DURAND Paul'] .bar span")[0];
    assert_eq!(attribute(&bar, "style"), "width:4.0%");
    // Small multiples for the qualified only.
    assert_eq!(select(&page, ".multiples svg.curve").len(), 1);
    assert!(
        select(&page, "svg.tiles").is_empty(),
        "tile maps belong to one candidate's page"
    );
}

#[test]
fn output_goes_to_a_file_in_any_format() {
    let wd = Workdir::new();
    let sample = fixture("official/cc-2022-sample.csv").display().to_string();
    for format in ["html", "json", "csv", "markdown", "table"] {
        let name = format!("report.{format}");
        let output = wd
            .cmd_as_of("2022-03-08")
            .args([
                "report", "--all", "--ledger", &sample, "--format", format, "-o", &name,
            ])
            .output()
            .unwrap();
        assert!(output.status.success());
        assert!(output.stdout.is_empty(), "{format}: nothing on stdout");
        let written = wd.read(&name);
        let printed = run(
            &wd,
            "2022-03-08",
            &["--all", "--ledger", &sample, "--format", format],
        );
        assert_eq!(written, printed, "{format}");
    }
}

#[test]
fn since_lists_what_a_publication_changed() {
    let wd = Workdir::new();
    let sample = fixture("official/cc-2022-sample.csv").display().to_string();
    // One candidate: the sponsors published after the 8th, up to the 15th.
    let one: Value = serde_json::from_str(&run(
        &wd,
        "2022-02-15",
        &[
            "--candidate",
            "MARTIN Claire",
            "--ledger",
            &sample,
            "--since",
            "2022-02-08",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let since = &one["candidates"][0]["since"];
    assert_eq!(since["date"], "2022-02-08");
    let names: Vec<&str> = since["sponsors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["last_name"].as_str().unwrap())
        .collect();
    // ROUSSEAU and FONTAINE on the 10th, GIRARD on the 15th.
    assert_eq!(names, ["ROUSSEAU", "GIRARD", "FONTAINE"]);
    assert_eq!(since["validated"], 3);
    // Every candidate: counts only.
    let all: Value = serde_json::from_str(&run(
        &wd,
        "2022-03-08",
        &[
            "--all",
            "--ledger",
            &sample,
            "--since",
            "2022-02-24",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    for c in all["candidates"].as_array().unwrap() {
        assert!(c["since"]["sponsors"].as_array().unwrap().is_empty());
    }
    let total: u64 = all["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["since"]["validated"].as_u64().unwrap())
        .sum();
    // After the 24th: DUVAL, NOVAK, TEMARU, TAUFA, PERRIN.
    assert_eq!(total, 5);
    // Every format says it.
    let csv = run(
        &wd,
        "2022-02-15",
        &[
            "--candidate",
            "MARTIN Claire",
            "--ledger",
            &sample,
            "--since",
            "2022-02-08",
            "--format",
            "csv",
        ],
    );
    assert_eq!(
        csv.lines().filter(|l| l.starts_with("since,")).count(),
        3,
        "{csv}"
    );
    let table = run(
        &wd,
        "2022-02-15",
        &[
            "--candidate",
            "MARTIN Claire",
            "--ledger",
            &sample,
            "--since",
            "2022-02-08",
        ],
    );
    assert!(
        table.contains("Published after 2022-02-08: 3 new validated"),
        "{table}"
    );
    let markdown = run(
        &wd,
        "2022-03-08",
        &[
            "--all",
            "--ledger",
            &sample,
            "--since",
            "2022-02-24",
            "--format",
            "markdown",
        ],
    );
    assert!(markdown.contains("### Published after 2022-02-24"), "{markdown}");
    let html = run(
        &wd,
        "2022-02-15",
        &[
            "--candidate",
            "MARTIN Claire",
            "--ledger",
            &sample,
            "--since",
            "2022-02-08",
            "--format",
            "html",
        ],
    );
    assert_eq!(
        Html::parse_document(&html)
            .select(&Selector::parse("section.since tbody tr").unwrap())
            .count(),
        3
    );
}

#[test]
fn the_table_names_the_departements_not_reached_and_ranks_first() {
    let wd = Workdir::new();
    wd.write(
        "parrainages.csv",
        format!("{HEADER}validated,MARTIN Claire,,A,Jean,mayor,Laon,02,2021-11-02,2022-02-03,,\n"),
    );
    let table = run(&wd, "2022-02-16", &["--candidate", "MARTIN Claire"]);
    assert!(
        table.contains("Not yet reached (108), nothing there yet: 01 03 04"),
        "{table}"
    );
    assert!(
        table.contains("Publications  █ new validated, 2022-02-03 to 2022-02-03"),
        "{table}"
    );
    // --all --by department: the ranking first, then each candidate.
    let sample = fixture("official/cc-2022-sample.csv").display().to_string();
    let all = run(
        &wd,
        "2022-03-08",
        &["--all", "--by", "department", "--ledger", &sample],
    );
    let ranking = all.find("Candidates as of").expect("the ranking");
    let first = all.find("By département").expect("a table by département");
    assert!(ranking < first, "{all}");
}
