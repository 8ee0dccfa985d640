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

/// Every tile of the map against the JSON's counts per unit: its class,
/// its numbers, and the lists of units not reached.
fn assert_tiles_match(page: &Html, candidate: &Value, cap: u64) {
    let tiles = select(page, "svg.tiles g.tile");
    assert_eq!(tiles.len(), 109, "one tile per unit");
    let counts_of = |code: &str| {
        candidate["by_department"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .map_or((0, 0), |d| {
                (d["validated"].as_u64().unwrap(), d["claimed"].as_u64().unwrap())
            })
    };
    let count_text = Selector::parse("text.count").unwrap();
    for tile in &tiles {
        let code = attribute(tile, "data-code");
        let count: u64 = attribute(tile, "data-count").parse().unwrap();
        let claimed: u64 = attribute(tile, "data-claimed").parse().unwrap();
        assert_eq!((count, claimed), counts_of(code), "tile {code}");
        let class = attribute(tile, "class");
        let expected = match (count, claimed) {
            (0, 0) => "c0 not-reached",
            (0, _) => "c0 not-reached claims",
            (n, _) if n >= cap => "c5 at-cap",
            (n, _) => ["c1", "c2", "c3", "c4"][((4 * n / cap) as usize).min(3)],
        };
        assert_eq!(class, format!("tile {expected}"), "tile {code} with {count}");
        // The numbers printed in the tile: validated, and the claims
        // after a slash where they differ.
        let printed: Vec<String> = tile.select(&count_text).map(|t| t.text().collect()).collect();
        let expected: Vec<String> = match (count, claimed) {
            (0, 0) => vec![],
            (v, c) if v == c => vec![v.to_string()],
            (v, c) => vec![format!("{v}/{c}")],
        };
        assert_eq!(printed, expected, "tile {code}");
    }
    let listed = |css: &str| -> Vec<String> {
        select(page, css)
            .iter()
            .map(|li| attribute(li, "data-code").to_string())
            .collect()
    };
    let missing = listed("ul.not-reached li");
    let expected: Vec<&str> = tiles
        .iter()
        .filter(|t| attribute(t, "data-count") == "0")
        .map(|t| attribute(t, "data-code"))
        .collect();
    assert_eq!(missing.len(), expected.len());
    for code in &expected {
        assert!(
            missing.iter().any(|m| m == code),
            "{code} is listed as not reached"
        );
    }
    // Those with claims in one list, those with nothing in the other.
    for code in listed("ul.with-claims li") {
        assert!(counts_of(&code).1 > 0, "{code} has claims");
    }
    for code in listed("ul.nothing li") {
        assert_eq!(counts_of(&code), (0, 0), "{code} has nothing");
    }
}

/// The `--all` page of the publication `cc.csv`, self-contained.
fn all_page(wd: &Workdir) -> (String, Html) {
    let html = run(
        wd,
        "2022-03-08",
        &["--all", "--ledger", "cc.csv", "--format", "html"],
    );
    assert_self_contained(&html);
    let page = Html::parse_document(&html);
    (html, page)
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
    let points: Vec<(String, u64)> = select(&page, "svg.curve path.point")
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

/// A publication of two candidates: one past 500 in 30 départements
/// (the 520 sponsors spread over 40 units and eight days), one short (20 in
/// 55 on 3 February).
fn two_candidates() -> String {
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
    text
}

#[test]
fn the_all_page_ranks_and_draws_the_qualified() {
    let wd = Workdir::new();
    wd.write("cc.csv", two_candidates());
    let (_, page) = all_page(&wd);
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

/// A campaign in December 2026: claims only, two declined, no publication
/// and no convening decree yet.
fn december() -> Workdir {
    let wd = Workdir::new();
    let rows = "claimed,MARTIN Claire,Mme,ALBERT,Anne,mayor,Laon,02,2026-11-03,,,\n\
                claimed,MARTIN Claire,M.,BRUN,Paul,mayor,Soissons,02,2026-11-05,,,\n\
                sent,MARTIN Claire,M.,CARON,Luc,mayor,Vervins,02,2026-11-17,,,\n\
                claimed,MARTIN Claire,Mme,DUBOIS,Marie,mayor,Verdun,55,2026-11-17,,,\n\
                claimed,MARTIN Claire,M.,ESNAULT,Jean,mayor,Stenay,55,2026-11-24,,,\n\
                sent,MARTIN Claire,Mme,FABRE,Lucie,mayor,Cayenne,973,2026-11-30,,,\n\
                claimed,MARTIN Claire,M.,GARNIER,Louis,mayor,Quimper,29,2026-12-01,,,\n\
                declined,MARTIN Claire,M.,HAMON,Yves,mayor,Brest,29,2026-11-20,,,\n\
                declined,MARTIN Claire,Mme,IMBERT,Rose,mayor,Albi,81,2026-11-26,,,\n";
    wd.write("parrainages.csv", format!("{HEADER}{rows}"));
    wd.write("parrainage.toml", "candidate = \"MARTIN Claire\"\n");
    wd
}

fn text_of(page: &Html, css: &str) -> String {
    select(page, css)
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("|")
}

/// The curve's corners, `x,y x,y`.
fn corners(points: &str) -> Vec<(f64, f64)> {
    points
        .split_whitespace()
        .map(|pair| {
            let (x, y) = pair.split_once(',').expect("x,y");
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

#[test]
fn the_december_page_shows_the_claims() {
    let wd = december();
    let html = run(&wd, "2026-12-03", &["--format", "html"]);
    let json: Value = serde_json::from_str(&run(&wd, "2026-12-03", &["--format", "json"])).unwrap();
    let candidate = &json["candidates"][0];
    assert_self_contained(&html);
    let page = Html::parse_document(&html);
    // The headline: 7 claims, 2 declined, and the window in words, since
    // forms cannot be sent before the decree.
    assert_eq!(text_of(&page, "dd[data-fact=claimed]"), "7 / 500");
    assert_eq!(text_of(&page, "dd[data-fact=declined]"), "2");
    assert_eq!(candidate["declined"], 2);
    assert_eq!(text_of(&page, "dd[data-fact=departments]"), "0 / 304 with claims");
    assert_eq!(
        text_of(&page, "dd[data-fact=window]"),
        "opens: not yet known (the convening decree is not published); forms can be sent only from then; closes 2027-03-12 18:00"
    );
    assert!(select(&page, "dd[data-fact=days-left]").is_empty());
    assert!(select(&page, ".note").is_empty(), "no past election named");
    // The curve: claims by the day they were made, from 0 on the first
    // (3 November) to 7, flat to the report's day; nothing validated.
    assert!(select(&page, "polyline.validated").is_empty());
    let claimed = select(&page, "svg.curve polyline.claimed");
    assert_eq!(claimed.len(), 1);
    let points = corners(attribute(&claimed[0], "points"));
    // Two corners on each of the six days (the first from the start),
    // then the report's day.
    assert_eq!(points.len(), 2 * 6 + 1);
    assert_eq!(points[0], (0.0, 1000.0));
    // 3 November to 12 March is 129 days, 3 December the 30th; the axis
    // goes to 600 (500 and some room), 7 is 7/600 of it.
    let last = points[points.len() - 1];
    assert!((last.0 - 1000.0 * 30.0 / 129.0).abs() < 0.1, "{last:?}");
    assert!((last.1 - 1000.0 * (1.0 - 7.0 / 600.0)).abs() < 0.1, "{last:?}");
    let legend = text_of(&page, ".legend.lines li");
    assert!(
        legend.contains("claims (validated and pending), by the day they were made"),
        "{legend}"
    );
    assert!(
        legend.contains("500 needed") && legend.contains("close"),
        "{legend}"
    );
    // The weeks of JSON, in the caption.
    assert_eq!(
        candidate["claims_by_week"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| format!("{}={}", w["week"].as_str().unwrap(), w["new"]))
            .collect::<Vec<_>>(),
        ["2026-11-02=2", "2026-11-16=2", "2026-11-23=1", "2026-11-30=2"]
    );
    assert!(
        text_of(&page, "figcaption")
            .contains("New claims per week, from Monday: 2 Nov: 2, 16 Nov: 2, 23 Nov: 1, 30 Nov: 2."),
        "{}",
        text_of(&page, "figcaption")
    );
    // The map: a unit with claims prints them and is hatched; one with
    // nothing (81: only a refusal) prints nothing.
    assert_tiles_match(&page, candidate, 50);
    assert_eq!(text_of(&page, "g[data-code='02'] text.count"), "0/3");
    assert_eq!(text_of(&page, "g[data-code='973'] text.count"), "0/1");
    assert_eq!(select(&page, "svg.tiles g.claims path.hatch").len(), 4);
    assert_eq!(text_of(&page, "g[data-code='81'] text.count"), "");
    // Not yet reached: 4 with claims, 105 with nothing.
    let codes = |css: &str| -> Vec<String> {
        select(&page, css)
            .iter()
            .map(|li| attribute(li, "data-code").to_string())
            .collect()
    };
    assert_eq!(codes("ul.with-claims li"), ["02", "29", "55", "973"]);
    assert_eq!(codes("ul.nothing li").len(), 105);
    assert!(codes("ul.nothing li").contains(&"81".to_string()));
    assert_eq!(
        text_of(&page, "ul.with-claims li[data-code='02']"),
        "02 Aisne (3)"
    );
    assert!(text_of(&page, "h4").contains("With claims (4), their number in brackets|Nothing yet (105)"));
    // In French: the window and the new words.
    let french = run(&wd, "2026-12-03", &["--lang", "fr", "--format", "html"]);
    let french = Html::parse_document(&french);
    assert!(
        text_of(&french, "dd[data-fact=window]")
            .starts_with("ouverture : pas encore connue (le décret de convocation n'est pas publié)"),
        "{}",
        text_of(&french, "dd[data-fact=window]")
    );
    assert_eq!(
        text_of(&french, "dt"),
        "Validés|Revendiqués (validés et en attente)|Utilisables sous le plafond|Départements|Refus|Qualifié|Période"
    );
    assert_eq!(
        text_of(&french, "h2"),
        "Promesses et parrainages validés au fil du temps|Départements|Par mandat"
    );
    assert!(text_of(&french, "h4").contains("Avec des promesses (4)"));
}

#[test]
fn a_past_election_named_in_the_settings_is_said_first() {
    let wd = december();
    wd.write(
        "parrainage.toml",
        "candidate = \"MARTIN Claire\"\nelection = 2022\n",
    );
    let html = run(&wd, "2026-12-03", &["--format", "html"]);
    let page = Html::parse_document(&html);
    let note = text_of(&page, "header p.note");
    assert!(
        note.starts_with("The settings name an election whose close is past (2022-03-04 18:00)"),
        "{note}"
    );
    // First in the header, before the date and the rules.
    assert!(html.find("class=\"note\"").unwrap() < html.find("class=\"as-of\"").unwrap());
    let french = run(&wd, "2026-12-03", &["--lang", "fr", "--format", "html"]);
    assert!(french.contains("Les réglages désignent une élection dont la clôture est passée"));
}

/// The font sizes of the style sheet, in CSS pixels (rem at 16 px).
fn font_sizes(style: &str) -> Vec<(String, f64)> {
    style
        .split("font-size:")
        .skip(1)
        .map(|rest| {
            let value: String = rest.chars().take_while(|c| *c != ';' && *c != '}').collect();
            let px = if let Some(n) = value.strip_suffix("rem") {
                n.parse::<f64>().unwrap() * 16.0
            } else if let Some(n) = value.strip_suffix("px") {
                n.parse::<f64>().unwrap()
            } else {
                panic!("a font size in px or rem: {value}")
            };
            (value, px)
        })
        .collect()
}

/// What a page must be for a phone 390 px wide, as far as it can be told
/// without a browser (`scripts/screenshots.sh` measures it in one).
fn assert_fits_a_phone(html: &str) {
    let page = Html::parse_document(html);
    let style: String = select(&page, "style")[0].text().collect();
    // No text under 11 px, wherever the style sheet sets a size.
    for (value, px) in font_sizes(&style) {
        assert!(px >= 11.0, "font-size:{value}");
    }
    // An SVG scaled to its box shrinks its text: the curves hold none
    // (their words are HTML over them), and the one SVG with text, the
    // map, is drawn at its own size, in a box that scrolls.
    for svg in select(&page, "svg.curve") {
        assert!(svg.select(&Selector::parse("text").unwrap()).next().is_none());
    }
    assert!(style.contains(".scroll{overflow-x:auto"));
    assert!(style.contains(".scroll>svg{max-width:none}"));
    for svg in select(&page, "svg") {
        if svg.select(&Selector::parse("text").unwrap()).next().is_none() {
            continue;
        }
        let view_box: Vec<&str> = attribute(&svg, "viewBox").split(' ').collect();
        assert_eq!(attribute(&svg, "width"), view_box[2], "drawn at its own width");
        let parent = scraper::ElementRef::wrap(svg.parent().unwrap()).unwrap();
        assert_eq!(attribute(&parent, "class"), "scroll");
    }
    // Each tile's words fit its square at 12 px (a character is at most
    // 0.62 of that in a sans-serif, a bold one 0.72).
    for tile in select(&page, "svg.tiles g.tile") {
        let side: f64 = attribute(
            &tile.select(&Selector::parse("rect").unwrap()).next().unwrap(),
            "width",
        )
        .parse()
        .unwrap();
        for text in tile.select(&Selector::parse("text").unwrap()) {
            let chars = text.text().collect::<String>().chars().count() as f64;
            let per_char = if attribute(&text, "class") == "code" {
                0.72
            } else {
                0.62
            };
            assert!(
                chars * per_char * 12.0 < side,
                "{} in {side}",
                text.text().collect::<String>()
            );
        }
    }
    // Wide tables scroll in their own box.
    for table in select(&page, "table") {
        let parent = scraper::ElementRef::wrap(table.parent().unwrap()).unwrap();
        assert_eq!(attribute(&parent, "class"), "scroll");
    }
    // On a phone: the lists in one column, the ranking without its bar
    // and usable columns.
    let phone = style
        .split("@media (max-width:600px){")
        .nth(1)
        .expect("a phone layout");
    assert!(phone.contains("ul.not-reached{columns:1}"), "{phone}");
    assert!(phone.contains(".ranking td:nth-child(4)") && phone.contains(".ranking td:nth-child(5)"));
    assert!(style.contains(".tile text{font-size:12px}"));
    assert!(style.contains(".chart{padding:.4em 0 1.7em 3.6em;font-size:12px"));
}

/// Every label over a chart clear of its curves, for a plot as narrow as
/// the page draws one (a curve on a phone 390 px wide: 320 px; a small
/// multiple, two to a row of A4: 300 px), its text as wide as a generous
/// guess (0.72 of 12 px a character, bold).
fn assert_labels_clear(page: &Html) -> usize {
    let mut labels = 0;
    for chart in select(page, ".chart") {
        let plot = chart.select(&Selector::parse(".plot").unwrap()).next().unwrap();
        let height: f64 = attribute(&plot, "style")
            .trim_start_matches("height:")
            .trim_end_matches("px")
            .parse()
            .unwrap();
        let narrowest = if attribute(&chart, "class").contains("small") {
            300.0
        } else {
            320.0
        };
        let (across, down) = (1000.0 / narrowest, 1000.0 / height);
        let mut segments = Vec::new();
        for line in chart.select(&Selector::parse("polyline").unwrap()) {
            let points = corners(attribute(&line, "points"));
            segments.extend(points.windows(2).map(|pair| (pair[0], pair[1])));
        }
        // The threshold stays in view on every plot.
        let threshold = chart
            .select(&Selector::parse("line.threshold").unwrap())
            .next()
            .unwrap();
        let y: f64 = attribute(&threshold, "y1").parse().unwrap();
        assert!((0.0..1000.0).contains(&y), "the threshold at {y}");
        for label in chart.select(&Selector::parse(".label").unwrap()) {
            labels += 1;
            let style = attribute(&label, "style");
            let number = |key: &str| -> f64 {
                let rest = &style[style.find(key).unwrap() + key.len()..];
                rest[..rest.find('%').unwrap()].parse::<f64>().unwrap() * 10.0
            };
            let (x, y) = (number("left:"), number("top:"));
            let class = attribute(&label, "class");
            let width = label.text().collect::<String>().chars().count() as f64 * 0.72 * 12.0 * across;
            let left = if class.contains("end") {
                x - 4.0 * across - width
            } else {
                x + 4.0 * across
            };
            let top = if class.contains("above") {
                y - 3.0 * down - 15.0 * down
            } else {
                y + 3.0 * down
            };
            let (right, bottom) = (left + width, top + 15.0 * down);
            assert!(left >= 0.0 && right <= 1000.0 && top >= 0.0 && bottom <= 1000.0);
            for ((x0, y0), (x1, y1)) in &segments {
                let crosses = x0.max(*x1) >= left
                    && x0.min(*x1) <= right
                    && y0.max(*y1) >= top
                    && y0.min(*y1) <= bottom;
                assert!(!crosses, "{} over a curve", label.text().collect::<String>());
            }
        }
    }
    labels
}

#[test]
fn the_pages_fit_a_phone() {
    let wd = december();
    let december = run(&wd, "2026-12-03", &["--format", "html"]);
    assert_fits_a_phone(&december);
    assert_eq!(assert_labels_clear(&Html::parse_document(&december)), 2);
    let wd = Workdir::new();
    wd.copy_fixture("campaign/parrainages.csv", "parrainages.csv");
    wd.copy_fixture("campaign/parrainage.toml", "parrainage.toml");
    let campaign = run(&wd, "2022-03-08", &["--format", "html"]);
    assert_fits_a_phone(&campaign);
    assert_labels_clear(&Html::parse_document(&campaign));
}

#[test]
fn each_small_multiple_has_its_own_scale_and_no_label_hides_a_curve() {
    // Three qualified: one far past 500 from the first publication, one
    // just past it at the last, one steady; all in 30 départements.
    let wd = Workdir::new();
    let mut text =
        String::from("Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n");
    let mut add = |candidate: &str, count: usize, day: &dyn Fn(usize) -> usize| {
        for n in 0..count {
            let code = parrainage::rules::department::ALL[n % 40].code;
            text.push_str(&format!(
                "M.;{}{n};Jean;Maire;C{n};{code};{candidate};{:02}/02/2022\n",
                &candidate[..3],
                day(n)
            ));
        }
    };
    add("MARTIN Claire", 2400, &|n| if n < 1800 { 1 } else { 3 + n % 20 });
    add("DURAND Paul", 520, &|n| if n < 480 { 1 + n % 20 } else { 24 });
    add("PETIT Marc", 700, &|n| 1 + n % 24);
    wd.write("cc.csv", text);
    let (html, page) = all_page(&wd);
    assert_fits_a_phone(&html);
    let charts = select(&page, ".multiples .chart");
    assert_eq!(charts.len(), 3);
    // Each its own top, in ranking order: 2,400 under 2,500; 700 under
    // 800; 520 under 600.
    let tops: Vec<String> = charts
        .iter()
        .map(|chart| {
            chart
                .select(&Selector::parse(".tick.y").unwrap())
                .last()
                .unwrap()
                .text()
                .collect()
        })
        .collect();
    assert_eq!(tops, ["2,500", "800", "600"]);
    // Both labels are set on every plot, clear of the curves.
    assert_eq!(assert_labels_clear(&page), 6);
    // The ranking drops columns on a phone rather than scroll the page.
    assert_eq!(text_of(&page, ".ranking th .abbr"), "Dép.|Qual.");
}

/// What a reader of the page is told: the text of its body and its
/// `<title>`, and its aria labels (the style sheet aside).
fn words_of(html: &str) -> String {
    let page = Html::parse_document(html);
    let mut words = text_of(&page, "head > title");
    for element in select(&page, "body") {
        words.extend(element.text().map(|t| format!("{t}\n")));
    }
    for element in select(&page, "[aria-label]") {
        words.push_str(attribute(&element, "aria-label"));
        words.push('\n');
    }
    words
}

/// The French page is written in French: each of the page's labels is
/// there in French and not in English, while the English page has them,
/// and no English word of the page is left, on one candidate's page
/// (with what was published after a day) and on the ranking.
#[test]
fn the_french_page_holds_no_english_label() {
    let one = Workdir::new();
    one.copy_fixture("campaign/parrainages.csv", "parrainages.csv");
    one.copy_fixture("campaign/parrainage.toml", "parrainage.toml");
    let one_args = ["--since", "2022-02-08", "--format", "html"];
    let all = Workdir::new();
    all.write("cc.csv", two_candidates());
    let all_args = [
        "--all",
        "--ledger",
        "cc.csv",
        "--since",
        "2022-02-05",
        "--format",
        "html",
    ];
    let pages = [
        (
            &one,
            "2022-02-16",
            &one_args[..],
            &[
                ("Parrainages: MARTIN Claire", "Parrainages : MARTIN Claire"),
                (
                    "Claimed (validated and pending)",
                    "Revendiqués (validés et en attente)",
                ),
                ("Usable under the cap", "Utilisables sous le plafond"),
                ("Days left to the close", "Jours restants avant la clôture"),
                (
                    "Claims and validated sponsorships over time",
                    "Promesses et parrainages validés au fil du temps",
                ),
                (
                    "New validated sponsorships per publication:",
                    "Nouveaux parrainages validés par publication :",
                ),
                (
                    "New claims per week, from Monday:",
                    "Nouvelles promesses par semaine, à partir du lundi :",
                ),
                ("validated, by publication", "validés, par publication"),
                ("500 needed", "500 nécessaires"),
                (
                    "MARTIN Claire claims and validated sponsorships over time",
                    "MARTIN Claire : promesses et parrainages validés au fil du temps",
                ),
                ("by the close on 4 March 2022", "d'ici la clôture le 4 mars 2022"),
                ("Sponsorships by département", "Parrainages par département"),
                ("claims, none validated", "promesses, aucune validée"),
                ("at the cap (50)", "au plafond (50)"),
                ("In each tile: its code", "Dans chaque case : son code"),
                (
                    "With claims (12), their number in brackets",
                    "Avec des promesses (12), leur nombre entre parenthèses",
                ),
                ("By mandate", "Par mandat"),
                (
                    "Published after 8 February 2022",
                    "Publiés après le 8 février 2022",
                ),
                (
                    "4 new validated sponsorship(s).",
                    "4 nouveau(x) parrainage(s) validé(s).",
                ),
            ][..],
        ),
        (
            &all,
            "2022-03-08",
            &all_args[..],
            &[
                ("Parrainages: every candidate", "Parrainages : tous les candidats"),
                ("Ranking", "Classement"),
                (
                    "1 of 2 candidates qualified; 540 validated sponsorships in all.",
                    "1 candidats qualifiés sur 2 ; 540 parrainages validés en tout.",
                ),
                ("Against 500", "Sur 500"),
                ("4% of 500", "4\u{202f}% de 500"),
                (
                    "The qualified, publication by publication",
                    "Les qualifiés, publication après publication",
                ),
                (
                    "Each on its own scale; the dashed line is the 500 needed",
                    "Chacun à son échelle ; la ligne en tirets marque les 500 nécessaires",
                ),
                ("New validated", "Nouveaux validés"),
            ][..],
        ),
    ];
    // Words of the page's English that French does not share.
    let english = [
        "validated",
        "claims",
        "needed",
        "sponsorships",
        "sponsorship",
        "every",
        "candidates",
        "Ranking",
        "reached",
        "tile",
        "Against",
        "against",
        "yes",
        "the",
        "of",
        "with",
        "per",
        "by",
        "brackets",
        "Usable",
        "Claimed",
        "Declined",
        "Days",
        "Mandate",
        "Share",
        "Published",
    ];
    for (wd, day, args, labels) in pages {
        let in_english = words_of(&run(wd, day, args));
        let in_french = words_of(&run(wd, day, &[&["--lang", "fr"][..], args].concat()));
        for (label, french) in labels {
            assert!(in_english.contains(label), "the English page says `{label}`");
            assert!(
                !in_french.contains(label),
                "`{label}` left in English:\n{in_french}"
            );
            assert!(
                in_french.contains(french),
                "no `{french}` in French:\n{in_french}"
            );
        }
        for word in in_french.split(|c: char| !c.is_alphanumeric() && c != '\'') {
            assert!(!english.contains(&word), "`{word}` left in English:\n{in_french}");
        }
    }
}
