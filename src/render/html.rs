//! `report --format html`: one self-contained page, to mail, print on A4
//! or archive as it is. Charts are inline SVG styled by inline CSS: no
//! script, no font, no image and no address to fetch.
//!
//! For one candidate: the headline, the cumulative curve of validated
//! sponsorships against the threshold and the close (and the claims, where
//! the ledger dates them), a tile map of départements coloured up to the
//! cap, the table by mandate and the départements not yet reached. For
//! `--all`: the ranking, each candidate's bar against the threshold, and
//! small multiples of the curve for the qualified candidates.

use std::fmt::Write;

use chrono::NaiveDate;

use super::Lang;
use super::model::{CandidateView, DateRow, RankRow, Report};
use super::tiles;

/// The page.
pub fn render(report: &Report, lang: Lang) -> String {
    let mut page = Page {
        report,
        lang,
        out: String::with_capacity(64 * 1024),
    };
    page.write();
    match lang {
        Lang::En => page.out,
        Lang::Fr => translate_text(&page.out, lang),
    }
}

/// The page with the text between its tags in `lang` (`words::tr`): the
/// page is written once, in English words and `lang`'s numbers and dates,
/// and its text nodes are translated, the style sheet aside.
fn translate_text(page: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(page.len() + page.len() / 8);
    let mut rest = page;
    while let Some(open) = rest.find('<') {
        let (text, tag_and_after) = rest.split_at(open);
        out.push_str(&translate_node(text, lang));
        let close = tag_and_after.find('>').map_or(tag_and_after.len(), |i| i + 1);
        let tag = &tag_and_after[..close];
        out.push_str(tag);
        rest = &tag_and_after[close..];
        if tag.starts_with("<style") {
            let end = rest.find("</style>").unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.push_str(&translate_node(rest, lang));
    out
}

/// One text node, translated if the table knows it; its surrounding
/// white space kept.
fn translate_node(text: &str, lang: Lang) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return text.to_string();
    }
    let plain = unescape(trimmed);
    let translated = super::words::tr(lang, &plain);
    if translated == plain {
        return text.to_string();
    }
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    format!("{}{}{}", &text[..start], escape(&translated), &text[end..])
}

/// The text of escaped HTML, for the table's keys.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

struct Page<'r> {
    report: &'r Report,
    lang: Lang,
    out: String,
}

impl Page<'_> {
    fn write(&mut self) {
        let report = self.report;
        let one = report.sections.details() && report.candidates.len() == 1;
        let title = if one {
            format!("Parrainages: {}", report.candidates[0].candidate)
        } else {
            "Parrainages: every candidate".to_string()
        };
        let _ = writeln!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>",
            self.lang.code(),
            escape(&title),
            escape(&report.as_of)
        );
        let _ = writeln!(
            self.out,
            "<header>\n<h1>{}</h1>\n<p class=\"as-of\">As of {}. Rules: {}.</p>\n</header>",
            escape(&title),
            self.day(&report.as_of),
            escape(&report.election.rules)
        );
        if one {
            self.candidate(&report.candidates[0]);
        } else {
            self.ranking();
        }
        self.out.push_str("</main>\n</body>\n</html>\n");
    }

    /// The page of one candidate.
    fn candidate(&mut self, c: &CandidateView) {
        self.headline(c);
        self.curve_section(c);
        self.tile_map(c);
        self.mandates(c);
        self.since(std::slice::from_ref(c));
    }

    fn headline(&mut self, c: &CandidateView) {
        let e = &self.report.election;
        let days = match e.days_left {
            Some(left) if left > 0 => self.lang.number(left),
            Some(_) => "closed".to_string(),
            None => "no close date".to_string(),
        };
        let facts = [
            (
                "validated",
                "Validated",
                self.of(c.validated, e.threshold),
                Some(c.validated),
            ),
            (
                "claimed",
                "Claimed (validated and pending)",
                self.of(c.claimed, e.threshold),
                Some(c.claimed),
            ),
            (
                "usable",
                "Usable under the cap",
                self.of(c.usable, e.threshold),
                Some(c.usable),
            ),
            (
                "departments",
                "Départements",
                self.of(c.departments, e.min_departments),
                None,
            ),
            (
                "qualified",
                "Qualified",
                // Once closed, a candidate short of it is not "not yet".
                match (c.qualified, e.days_left) {
                    (true, _) => "yes",
                    (false, Some(left)) if left <= 0 => "no",
                    (false, _) => "not yet",
                }
                .to_string(),
                None,
            ),
            ("days-left", "Days left to the close", days, None),
        ];
        self.out.push_str("<section>\n<dl class=\"headline\">\n");
        for (key, label, value, bar) in facts {
            let _ = write!(
                self.out,
                "<div class=\"fact\"><dt>{label}</dt><dd data-fact=\"{key}\">{value}",
            );
            if let Some(n) = bar {
                let share = (f64::from(n) / f64::from(e.threshold.max(1))).min(1.0);
                let _ = write!(
                    self.out,
                    "<span class=\"bar\" aria-hidden=\"true\"><span style=\"width:{:.1}%\"></span></span>",
                    share * 100.0
                );
            }
            self.out.push_str("</dd></div>\n");
        }
        self.out.push_str("</dl>\n</section>\n");
    }

    fn curve_section(&mut self, c: &CandidateView) {
        self.out
            .push_str("<section>\n<h2>Validated sponsorships, publication by publication</h2>\n<figure>\n");
        let svg = self.curve(c, Size::LARGE, "curve", None);
        self.out.push_str(&svg);
        let sparkline: Vec<String> = c
            .by_date
            .iter()
            .map(|d| {
                format!(
                    "{}{}{}",
                    self.short_day(&d.date),
                    self.lang.colon(),
                    self.lang.number(d.validated)
                )
            })
            .collect();
        let _ = writeln!(
            self.out,
            "<figcaption>New validated sponsorships per publication: {}.</figcaption>\n</figure>\n</section>",
            if sparkline.is_empty() {
                "none yet".to_string()
            } else {
                escape(&sparkline.join(", "))
            }
        );
    }

    /// The cumulative curve of validated sponsorships (and of claims) by
    /// date, with the threshold and the close.
    fn curve(&self, c: &CandidateView, size: Size, id: &str, shared_top: Option<u32>) -> String {
        let e = &self.report.election;
        let close = e.closes.as_deref().and_then(|t| t.get(..10)).and_then(parse_day);
        let opens = e.opens.as_deref().and_then(parse_day);
        let days: Vec<NaiveDate> = c
            .by_date
            .iter()
            .chain(&c.claimed_by_date)
            .filter_map(|d| parse_day(&d.date))
            .collect();
        let start = days.iter().copied().chain(opens).min();
        let end = days.iter().copied().chain(close).max();
        let (top, step) = axis(shared_top.unwrap_or_else(|| highest(c, e.threshold)));
        let (width, height) = (size.width, size.height);
        let (left, right, up, down) = (size.left, 12.0, 14.0, 24.0);
        let plot_w = width - left - right;
        let plot_h = height - up - down;
        let x_of = |day: NaiveDate| match (start, end) {
            (Some(s), Some(t)) if t > s => {
                left + plot_w * ((day - s).num_days() as f64) / ((t - s).num_days() as f64)
            }
            _ => left + plot_w / 2.0,
        };
        let y_of = |n: u32| up + plot_h * (1.0 - f64::from(n) / f64::from(top));
        let last = c.by_date.last().map_or(0, |d| d.cumulative);
        let mut svg = String::new();
        let _ = writeln!(
            svg,
            "<svg class=\"curve\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" \
             aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{} validated sponsorships over time</title>\n\
             <desc id=\"{id}-desc\">{} validated as of {}, against {} needed{}; {} publication(s) drawn{}.</desc>",
            escape(&c.candidate),
            self.lang.number(last),
            self.day(&self.report.as_of),
            self.lang.number(e.threshold),
            close.map_or(String::new(), |d| format!(
                " by the close on {}",
                self.day(&d.to_string())
            )),
            c.by_date.len(),
            if c.claimed_by_date.is_empty() {
                String::new()
            } else {
                format!(
                    ", and {} claims by the day they were made",
                    self.lang
                        .number(c.claimed_by_date.last().map_or(0, |d| d.cumulative))
                )
            }
        );
        // The axes: a few round values, and the first and last days.
        for k in 0..=top / step {
            let n = step * k;
            let y = y_of(n);
            let _ = writeln!(
                svg,
                "<line class=\"grid\" x1=\"{left:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
                 <text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                left + plot_w,
                left - 4.0,
                y + 4.0,
                self.lang.number(n)
            );
        }
        if let (Some(s), Some(t)) = (start, end) {
            for (day, anchor) in [(s, "start"), (t, "end")] {
                let _ = writeln!(
                    svg,
                    "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
                    x_of(day),
                    height - 6.0,
                    self.short_day(&day.to_string())
                );
            }
        }
        let threshold_y = y_of(e.threshold);
        let _ = writeln!(
            svg,
            "<line class=\"threshold\" x1=\"{left:.1}\" x2=\"{:.1}\" y1=\"{threshold_y:.1}\" y2=\"{threshold_y:.1}\"/>\
             <text class=\"label\" x=\"{:.1}\" y=\"{:.1}\">{} needed</text>",
            left + plot_w,
            left + 4.0,
            threshold_y - 4.0,
            self.lang.number(e.threshold)
        );
        if let Some(close) = close {
            let x = x_of(close);
            let _ = writeln!(
                svg,
                "<line class=\"close\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{up:.1}\" y2=\"{:.1}\"/>\
                 <text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">close</text>",
                up + plot_h,
                x - 4.0,
                up + plot_h - 4.0
            );
        }
        if !c.claimed_by_date.is_empty() {
            let points = steps(&c.claimed_by_date, &x_of, &y_of, start);
            let _ = writeln!(svg, "<polyline class=\"claimed\" points=\"{points}\"/>");
        }
        if !c.by_date.is_empty() {
            let points = steps(&c.by_date, &x_of, &y_of, start);
            let _ = writeln!(svg, "<polyline class=\"validated\" points=\"{points}\"/>");
            for d in &c.by_date {
                let Some(day) = parse_day(&d.date) else { continue };
                let _ = writeln!(
                    svg,
                    "<circle class=\"point\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{}\" data-date=\"{}\" data-cumulative=\"{}\">\
                     <title>{}: {} validated ({} new)</title></circle>",
                    x_of(day),
                    y_of(d.cumulative),
                    size.dot,
                    d.date,
                    d.cumulative,
                    self.day(&d.date),
                    self.lang.number(d.cumulative),
                    self.lang.number(d.validated)
                );
            }
        }
        svg.push_str("</svg>\n");
        svg
    }

    /// The tile map: one square per unit, coloured by its validated
    /// sponsorships up to the cap.
    fn tile_map(&mut self, c: &CandidateView) {
        let cap = self.report.election.max_per_department.max(1);
        let (columns, rows) = tiles::size();
        let (step, side) = (34.0, 31.0);
        let width = f64::from(columns) * step;
        let height = f64::from(rows) * step;
        let not_reached = c.not_reached();
        let at_cap = c.by_department.iter().filter(|d| d.at_cap).count();
        self.out.push_str("<section>\n<h2>Départements</h2>\n<figure>\n");
        let _ = writeln!(
            self.out,
            "<svg class=\"tiles\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" \
             aria-labelledby=\"tiles-title tiles-desc\">\n<title id=\"tiles-title\">Validated sponsorships by département</title>\n\
             <desc id=\"tiles-desc\">{} of {} départements and collectivities reached ({} needed), {} at the cap of {}; \
             the last row holds the overseas units, the French abroad (ZZ) and the European Parliament (EU).</desc>",
            self.lang.number(c.departments),
            self.lang.number(tiles::tiles().len() as u32),
            self.lang.number(self.report.election.min_departments),
            self.lang.number(at_cap as u32),
            self.lang.number(cap)
        );
        for tile in tiles::tiles() {
            let count = c
                .by_department
                .iter()
                .find(|d| d.code == tile.unit.code)
                .map_or(0, |d| d.validated);
            let class = tile_class(count, cap);
            let (x, y) = (f64::from(tile.x) * step, f64::from(tile.y) * step);
            let _ = write!(
                self.out,
                "<g class=\"tile {class}\" data-code=\"{code}\" data-count=\"{count}\">\
                 <title>{code} {name}: {n} validated</title>\
                 <rect x=\"{x:.0}\" y=\"{y:.0}\" width=\"{side}\" height=\"{side}\" rx=\"3\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{code}</text>",
                x + side / 2.0,
                y + side / 2.0 + 4.0,
                code = tile.unit.code,
                name = escape(tile.unit.name),
                n = self.lang.number(count),
            );
            if count >= cap {
                // A mark that reads without colour: a notch in the corner.
                let _ = write!(
                    self.out,
                    "<path class=\"cap-mark\" d=\"M{:.0} {:.0}h9l-9 9z\"/>",
                    x + 1.0,
                    y + 1.0
                );
            }
            self.out.push_str("</g>\n");
        }
        self.out.push_str("</svg>\n");
        self.legend(cap);
        self.out.push_str("</figure>\n");
        let _ = write!(
            self.out,
            "<h3>Not yet reached ({})</h3>\n<ul class=\"not-reached\">",
            self.lang.number(not_reached.len() as u32)
        );
        for unit in &not_reached {
            let _ = write!(
                self.out,
                "<li data-code=\"{}\">{} {}</li>",
                unit.code,
                unit.code,
                escape(unit.name)
            );
        }
        self.out.push_str("</ul>\n</section>\n");
    }

    fn legend(&mut self, cap: u32) {
        self.out.push_str("<ul class=\"legend\">");
        let mut entries = vec![("c0", "not reached".to_string())];
        for bin in 1..=4u32 {
            let (low, high) = bin_range(bin, cap);
            if low <= high {
                entries.push((BIN_CLASSES[bin as usize], format!("{low}–{high}")));
            }
        }
        entries.push(("c5", format!("at the cap ({cap})")));
        for (class, label) in entries {
            let _ = write!(
                self.out,
                "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><g class=\"tile {class}\">\
                 <rect x=\"0.5\" y=\"0.5\" width=\"13\" height=\"13\" rx=\"2\"/></g></svg>{label}</li>"
            );
        }
        self.out.push_str("</ul>\n");
    }

    fn mandates(&mut self, c: &CandidateView) {
        self.out.push_str(
            "<section>\n<h2>By mandate</h2>\n<table>\n<thead><tr><th>Mandate</th><th class=\"n\">Validated</th>\
             <th class=\"n\">Claimed</th><th class=\"n\">Share</th></tr></thead>\n<tbody>\n",
        );
        for row in &c.by_mandate {
            let _ = writeln!(
                self.out,
                "<tr data-mandate=\"{}\"><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                row.mandate,
                escape(super::words::mandate_label(row.kind, Lang::En)),
                self.lang.number(row.validated),
                self.lang.number(row.claimed),
                self.lang.percent(row.share)
            );
        }
        self.out.push_str("</tbody>\n</table>\n</section>\n");
    }

    /// What changed after `--since`, for the candidates given.
    fn since(&mut self, candidates: &[CandidateView]) {
        let Some(first) = candidates.iter().find_map(|c| c.since.as_ref()) else {
            return;
        };
        let _ = writeln!(
            self.out,
            "<section class=\"since\">\n<h2>Published after {}</h2>",
            self.day(&first.date)
        );
        if let [c] = candidates
            && let Some(since) = &c.since
        {
            let _ = writeln!(
                self.out,
                "<p>{} new validated sponsorship(s).</p>\n<table>\n<thead><tr><th>Name</th><th>Mandate</th>\
                 <th>Place</th><th>Département</th><th>Published</th></tr></thead>\n<tbody>",
                self.lang.number(since.validated)
            );
            for s in &since.sponsors {
                let _ = writeln!(
                    self.out,
                    "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&s.last_name),
                    escape(&s.first_name),
                    s.mandate,
                    escape(&s.circonscription),
                    s.department,
                    self.day(&s.published_on)
                );
            }
            self.out.push_str("</tbody>\n</table>\n");
        } else {
            self.out.push_str(
                "<table>\n<thead><tr><th>Candidate</th><th class=\"n\">New validated</th></tr></thead>\n<tbody>\n",
            );
            for c in candidates {
                if let Some(since) = &c.since
                    && since.validated > 0
                {
                    let _ = writeln!(
                        self.out,
                        "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
                        escape(&c.candidate),
                        self.lang.number(since.validated)
                    );
                }
            }
            self.out.push_str("</tbody>\n</table>\n");
        }
        self.out.push_str("</section>\n");
    }

    /// The ranking of every candidate, as the Conseil's table, each with
    /// its bar against the threshold; then the curves of the qualified.
    fn ranking(&mut self) {
        let report = self.report;
        let threshold = report.election.threshold.max(1);
        let qualified = report.ranking.iter().filter(|r| r.qualified).count();
        let total: u32 = report.ranking.iter().map(|r| r.validated).sum();
        let _ = writeln!(
            self.out,
            "<section>\n<h2>Ranking</h2>\n<p>{} of {} candidates qualified; {} validated sponsorships in all.</p>\n\
             <table class=\"ranking\">\n<thead><tr><th class=\"n\">#</th><th>Candidate</th><th class=\"n\">Validated</th>\
             <th>Against {}</th><th class=\"n\">Usable</th><th class=\"n\">Départements</th><th>Qualified</th></tr></thead>\n<tbody>",
            self.lang.number(qualified as u32),
            self.lang.number(report.ranking.len() as u32),
            self.lang.number(total),
            self.lang.number(threshold)
        );
        for r in &report.ranking {
            self.rank_row(r, threshold);
        }
        self.out.push_str("</tbody>\n</table>\n</section>\n");
        let curves: Vec<&CandidateView> = report.candidates.iter().filter(|c| c.qualified).collect();
        // One scale for all, so that the curves compare at a glance.
        let shared_top = curves.iter().map(|c| highest(c, threshold)).max();
        if !curves.is_empty() {
            self.out.push_str(
                "<section>\n<h2>The qualified, publication by publication</h2>\n<div class=\"multiples\">\n",
            );
            for (i, c) in curves.iter().enumerate() {
                let _ = writeln!(
                    self.out,
                    "<figure><figcaption>{}</figcaption>",
                    escape(&c.candidate)
                );
                let svg = self.curve(c, Size::SMALL, &format!("curve-{i}"), shared_top);
                self.out.push_str(&svg);
                self.out.push_str("</figure>\n");
            }
            self.out.push_str("</div>\n</section>\n");
        }
        self.since(&report.candidates);
    }

    fn rank_row(&mut self, r: &RankRow, threshold: u32) {
        let share = (f64::from(r.validated) / f64::from(threshold)).min(1.0) * 100.0;
        let _ = writeln!(
            self.out,
            "<tr class=\"{}\" data-candidate=\"{}\"><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td>\
             <td><span class=\"bar\" role=\"img\" aria-label=\"{:.0}% of {}\"><span style=\"width:{share:.1}%\"></span></span></td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            if r.qualified { "qualified" } else { "short" },
            escape(&r.candidate),
            r.rank,
            escape(&r.candidate),
            self.lang.number(r.validated),
            share,
            self.lang.number(threshold),
            self.lang.number(r.usable),
            self.lang.number(r.departments),
            if r.qualified { "yes" } else { "no" }
        );
    }

    /// "160 / 500".
    fn of(&self, n: u32, goal: u32) -> String {
        format!("{} / {}", self.lang.number(n), self.lang.number(goal))
    }

    fn day(&self, iso: &str) -> String {
        parse_day(iso).map_or_else(|| escape(iso), |d| self.lang.date(d))
    }

    fn short_day(&self, iso: &str) -> String {
        parse_day(iso).map_or_else(|| escape(iso), |d| self.lang.short_date(d))
    }
}

/// The drawing sizes of a curve.
#[derive(Clone, Copy)]
struct Size {
    width: f64,
    height: f64,
    left: f64,
    dot: f64,
}

impl Size {
    const LARGE: Size = Size {
        width: 640.0,
        height: 260.0,
        left: 44.0,
        dot: 3.0,
    };
    const SMALL: Size = Size {
        width: 300.0,
        height: 140.0,
        left: 40.0,
        dot: 2.0,
    };
}

/// The points of a cumulative count drawn as steps: flat until each day,
/// then up; from zero at the start.
fn steps(
    rows: &[DateRow],
    x_of: &impl Fn(NaiveDate) -> f64,
    y_of: &impl Fn(u32) -> f64,
    start: Option<NaiveDate>,
) -> String {
    let mut points = Vec::with_capacity(rows.len() * 2 + 1);
    let mut previous = 0;
    if let Some(start) = start {
        points.push(format!("{:.1},{:.1}", x_of(start), y_of(0)));
    }
    for row in rows {
        let Some(day) = parse_day(&row.date) else { continue };
        let x = x_of(day);
        points.push(format!("{x:.1},{:.1}", y_of(previous)));
        points.push(format!("{x:.1},{:.1}", y_of(row.cumulative)));
        previous = row.cumulative;
    }
    points.join(" ")
}

/// The colour classes of the tiles, from no sponsor to the cap.
const BIN_CLASSES: [&str; 6] = ["c0", "c1", "c2", "c3", "c4", "c5"];

/// A tile's classes: its colour bin, and whether it is at the cap or not
/// reached. Four bins share the way from 1 to the cap.
pub fn tile_class(count: u32, cap: u32) -> String {
    if count == 0 {
        "c0 not-reached".to_string()
    } else if count >= cap {
        "c5 at-cap".to_string()
    } else {
        let bin = (1 + 4 * count / cap).min(4);
        BIN_CLASSES[bin as usize].to_string()
    }
}

/// The counts a bin holds (1 to 4), below the cap.
fn bin_range(bin: u32, cap: u32) -> (u32, u32) {
    let low = (1..cap).find(|n| (1 + 4 * n / cap).min(4) == bin).unwrap_or(cap);
    let high = (1..cap)
        .rev()
        .find(|n| (1 + 4 * n / cap).min(4) == bin)
        .unwrap_or(0);
    (low, high)
}

/// The highest value a candidate's curve reaches, or the threshold.
fn highest(c: &CandidateView, threshold: u32) -> u32 {
    c.by_date
        .iter()
        .chain(&c.claimed_by_date)
        .map(|d| d.cumulative)
        .chain([threshold])
        .max()
        .unwrap_or(threshold)
}

/// The top of an axis that shows `n` with a little room, and its step: a
/// round step (1, 2 or 5 times a power of ten) for about five intervals.
fn axis(n: u32) -> (u32, u32) {
    let n = n.max(1) + n / 25;
    let rough = f64::from(n) / 5.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    let step = (step.round() as u32).max(1);
    (n.div_ceil(step) * step, step)
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Text made safe inside HTML, in elements and in attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {
                let _ = write!(out, "&#x{:X};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// The page's style: a single hue from light to dark for counts, which
/// reads in greyscale, dashed outlines for units not reached, a notch and
/// a heavy border for units at the cap; A4 when printed.
const STYLE: &str = "
:root{--ink:#1b1b1b;--muted:#5a5a5a;--rule:#d0d0d0;--accent:#08519c}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;line-height:1.4}
main{max-width:186mm;margin:0 auto;padding:8mm 6mm}
h1{font-size:1.7rem;margin:0 0 .2rem}
h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--rule);padding-bottom:.2rem}
h3{font-size:1rem;margin:1rem 0 .3rem}
.as-of{color:var(--muted);margin:0;font-size:.9rem}
.headline{display:grid;grid-template-columns:repeat(3,1fr);gap:.8rem 1.5rem;margin:1rem 0}
.fact dt{color:var(--muted);font-size:.85rem}
.fact dd{margin:0;font-size:1.35rem;font-weight:600;font-variant-numeric:tabular-nums}
.bar{display:block;height:.45rem;background:#e3e3e3;border-radius:.2rem;margin-top:.25rem;overflow:hidden;min-width:6rem}
.bar>span{display:block;height:100%;background:var(--accent)}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{padding:.25rem .5rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:middle}
th{font-weight:600;color:var(--muted)}
.n{text-align:right;font-variant-numeric:tabular-nums}
tr.qualified td:nth-child(2){font-weight:600}
.ranking{font-size:.82rem}
.ranking th,.ranking td{padding:.2rem .3rem}
.ranking td:nth-child(2){white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:13rem}
.ranking td:nth-child(4){width:22%}
.ranking .bar{min-width:3rem}
figure{margin:.5rem 0;break-inside:avoid}
figcaption{color:var(--muted);font-size:.85rem}
svg{max-width:100%;height:auto}
svg text{font-family:inherit;font-size:11px;fill:var(--ink)}
.axis{fill:var(--muted)}
.grid{stroke:#e6e6e6}
.threshold{stroke:#000;stroke-width:1.2;stroke-dasharray:6 4}
.close{stroke:#000;stroke-width:1.2;stroke-dasharray:2 3}
.label{font-weight:600}
.validated{fill:none;stroke:var(--accent);stroke-width:2.5}
.claimed{fill:none;stroke:#6b6b6b;stroke-width:1.5;stroke-dasharray:5 3}
.point{fill:var(--accent)}
.tile rect{stroke:#fff;stroke-width:1}
.tile text{font-size:10px}
.c0 rect{fill:#fff;stroke:#8a8a8a;stroke-dasharray:3 2}
.c0 text{fill:#8a8a8a}
.c1 rect{fill:#deebf7}.c2 rect{fill:#9ecae1}.c3 rect{fill:#4292c6}.c4 rect{fill:#2171b5}.c5 rect{fill:#08306b;stroke:#000;stroke-width:2.5}
.c3 text,.c4 text,.c5 text{fill:#fff}
.cap-mark{fill:#fff}
.legend{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem}
.legend li{display:flex;align-items:center;gap:.3rem}
ul.not-reached{list-style:none;padding:0;margin:0;columns:3;font-size:.85rem}
.multiples{display:grid;grid-template-columns:repeat(2,1fr);gap:.5rem 1rem}
@page{size:A4;margin:12mm}
@media print{main{padding:0;max-width:none}h2{break-after:avoid}}
@media (max-width:600px){.headline{grid-template-columns:repeat(2,1fr)}.multiples{grid-template-columns:1fr}}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_are_coloured_up_to_the_cap() {
        assert_eq!(tile_class(0, 50), "c0 not-reached");
        assert_eq!(tile_class(1, 50), "c1");
        assert_eq!(tile_class(12, 50), "c1");
        assert_eq!(tile_class(13, 50), "c2");
        assert_eq!(tile_class(49, 50), "c4");
        assert_eq!(tile_class(50, 50), "c5 at-cap");
        assert_eq!(tile_class(105, 50), "c5 at-cap");
        assert_eq!(bin_range(1, 50), (1, 12));
        assert_eq!(bin_range(4, 50), (38, 49));
    }

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(axis(500), (600, 200));
        assert_eq!(axis(2636), (3000, 1000));
        assert_eq!(axis(906), (1000, 200));
        assert_eq!(axis(0), (1, 1));
        for n in [1, 7, 49, 160, 576, 5000, 123_456] {
            let (top, step) = axis(n);
            assert!(
                top >= n && top % step == 0 && top / step <= 10,
                "{n}: {top} by {step}"
            );
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("<b>\"A&B'\u{1b}"), "&lt;b&gt;&quot;A&amp;B&#39;&#x1B;");
    }
}
