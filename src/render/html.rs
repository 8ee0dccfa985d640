//! `report --format html`: one self-contained page, to mail, print on A4
//! or archive as it is, and to read on a phone. Charts are inline SVG
//! styled by inline CSS: no script, no font, no image and no address to
//! fetch.
//!
//! For one candidate: the headline, the cumulative curves of validated
//! sponsorships and of claims against the threshold and the close, a tile
//! map of départements coloured up to the cap with each unit's numbers, the
//! units not yet reached (with claims, with nothing), the table by mandate.
//! For `--all`: the ranking, each candidate's bar against the threshold,
//! and small multiples of the curve for the qualified candidates.
//!
//! Text is never drawn inside a scaled SVG, whose text would shrink with
//! it on a phone: a curve's lines are an SVG stretched to its box, and its
//! words (ticks, labels) are HTML laid over it; the tile map is drawn at
//! its own size and scrolls in its box where the screen is narrower.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::Lang;
use super::model::{CandidateView, DateRow, RankRow, Report};
use super::tiles;
use super::words::{mandate_label, mandate_named, say};
use crate::message::{Arg, Message};
use crate::msg;
use crate::rules::department::Department;

/// The page, written in `lang`: every word of it a message said in the
/// language, its numbers and dates written the language's way.
pub fn render(report: &Report, lang: Lang) -> String {
    let mut page = Page {
        report,
        lang,
        out: String::with_capacity(64 * 1024),
    };
    page.write();
    page.out
}

struct Page<'r> {
    report: &'r Report,
    lang: Lang,
    out: String,
}

/// One fact of the headline, its words said.
struct Fact {
    /// Its `data-fact` key.
    key: &'static str,
    label: String,
    value: String,
    /// A line under the value.
    note: Option<String>,
    /// Drawn as a bar against the threshold.
    bar: Option<u32>,
    /// Takes the whole width (a sentence rather than a number).
    wide: bool,
}

impl Page<'_> {
    fn write(&mut self) {
        let report = self.report;
        let one = report.sections.details() && report.candidates.len() == 1;
        let title = if one {
            msg!(PageTitle, &report.candidates[0].candidate)
        } else {
            msg!(PageTitleAll)
        };
        let _ = writeln!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>",
            self.lang.code(),
            self.html(&msg!(PageHeadTitle, title.clone(), report.today)),
        );
        let _ = writeln!(self.out, "<header>\n<h1>{}</h1>", self.html(&title));
        if let Some(note) = report.closed_note() {
            let _ = writeln!(self.out, "<p class=\"note\">{}</p>", self.html(&note));
        }
        let as_of = msg!(
            PageAsOf,
            self.day(&report.as_of),
            report.election.rules_said.clone()
        );
        let _ = writeln!(
            self.out,
            "<p class=\"as-of\">{}</p>\n</header>",
            self.html(&as_of)
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
        self.departments(c);
        self.mandates(c);
        self.since(std::slice::from_ref(c));
    }

    fn headline(&mut self, c: &CandidateView) {
        let e = &self.report.election;
        let fact = |key, label: Message, value, bar| Fact {
            key,
            label: self.words(&label),
            value,
            note: None,
            bar,
            wide: false,
        };
        let mut facts = vec![
            fact(
                "validated",
                msg!(Validated),
                self.of(c.validated, e.threshold),
                Some(c.validated),
            ),
            fact(
                "claimed",
                msg!(PageClaimedLabel),
                self.of(c.claimed, e.threshold),
                Some(c.claimed),
            ),
            fact(
                "usable",
                msg!(PageUsableLabel),
                self.of(c.usable, e.threshold),
                Some(c.usable),
            ),
            Fact {
                note: (c.departments_claimed > c.departments)
                    .then(|| self.words(&msg!(PageWithClaims, self.number(c.departments_claimed)))),
                ..fact(
                    "departments",
                    msg!(Departements),
                    self.of(c.departments, e.min_departments),
                    None,
                )
            },
            fact("declined", msg!(Declined), self.lang.number(c.declined), None),
            fact(
                "qualified",
                msg!(Qualified),
                // Once closed, a candidate short of it is not "not yet".
                self.words(&match (c.qualified, e.days_left) {
                    (true, _) => msg!(Yes),
                    (false, Some(left)) if left <= 0 => msg!(No),
                    (false, _) => msg!(PageNotYet),
                }),
                None,
            ),
        ];
        match e.days_left {
            // Before the convening decree, forms cannot be sent yet: the
            // window in words, not a count of days.
            Some(left) if left > 0 && e.opens.is_none() => facts.push(Fact {
                wide: true,
                ..fact("window", msg!(Window), self.words(&self.report.window()), None)
            }),
            left => facts.push(fact(
                "days-left",
                msg!(PageDaysLeftLabel),
                match left {
                    Some(left) if left > 0 => self.lang.number(left),
                    Some(_) => self.words(&msg!(PageClosed)),
                    None => self.words(&msg!(PageNoCloseDate)),
                },
                None,
            )),
        }
        self.out.push_str("<section>\n<dl class=\"headline\">\n");
        for f in facts {
            let _ = write!(
                self.out,
                "<div class=\"fact{}\"><dt>{}</dt><dd data-fact=\"{}\">{}",
                if f.wide { " wide" } else { "" },
                escape(&f.label),
                f.key,
                escape(&f.value)
            );
            if let Some(note) = &f.note {
                let _ = write!(self.out, "<small>{}</small>", escape(note));
            }
            if let Some(n) = f.bar {
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
        let claims = !c.claimed_by_date.is_empty();
        let _ = writeln!(
            self.out,
            "<section>\n<h2>{}</h2>\n<figure>",
            self.html(&if claims {
                msg!(PageClaimsOverTime)
            } else {
                msg!(PageValidatedByPublication)
            })
        );
        let chart = self.curve(c, Size::LARGE, "curve");
        self.out.push_str(&chart);
        self.line_legend(c);
        let per_publication = if c.by_date.is_empty() {
            msg!(NoneYet).into()
        } else {
            self.day_counts(c.by_date.iter().map(|d| (&d.date, d.validated)))
        };
        let _ = write!(
            self.out,
            "<figcaption><span>{}</span>",
            self.html(&msg!(PagePerPublication, per_publication))
        );
        if !c.claims_by_week.is_empty() {
            let per_week = self.day_counts(c.claims_by_week.iter().map(|w| (&w.week, w.new)));
            let _ = write!(
                self.out,
                " <span>{}</span>",
                self.html(&msg!(PagePerWeek, per_week))
            );
        }
        self.out.push_str("</figcaption>\n</figure>\n</section>\n");
    }

    /// "1 Feb: 3, 8 Feb: 2": counts by day, for a caption.
    fn day_counts<'a>(&self, counts: impl Iterator<Item = (&'a String, u32)>) -> Arg {
        let written: Vec<String> = counts
            .map(|(day, n)| {
                format!(
                    "{}{}{}",
                    self.short_day(day),
                    self.lang.colon(),
                    self.lang.number(n)
                )
            })
            .collect();
        Arg::Text(written.join(", "))
    }

    /// What the lines of a curve are.
    fn line_legend(&mut self, c: &CandidateView) {
        let e = &self.report.election;
        let mut entries: Vec<(&str, Message)> = Vec::new();
        if !c.by_date.is_empty() {
            entries.push(("validated", msg!(PageLineValidated)));
        }
        if !c.claimed_by_date.is_empty() {
            entries.push(("claimed", msg!(PageLineClaimed)));
        }
        entries.push(("threshold", msg!(PageNeeded, self.number(e.threshold))));
        if e.closes.is_some() {
            entries.push(("close", msg!(PageClose)));
        }
        self.out.push_str("<ul class=\"legend lines\">");
        for (class, label) in entries {
            let _ = write!(
                self.out,
                "<li><svg width=\"26\" height=\"10\" aria-hidden=\"true\">\
                 <line class=\"{class}\" x1=\"1\" x2=\"25\" y1=\"5\" y2=\"5\"/></svg>{}</li>",
                self.html(&label)
            );
        }
        self.out.push_str("</ul>\n");
    }

    /// The cumulative curves of validated sponsorships and of claims by
    /// date, against the threshold and the close. The lines are an SVG
    /// stretched to the plot's box; the ticks and labels are HTML over it,
    /// placed where no curve runs.
    fn curve(&self, c: &CandidateView, size: Size, id: &str) -> String {
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
        let (top, step) = axis(highest(c, e.threshold));
        let plot = Plot {
            start,
            end,
            top,
            height: size.height,
            narrowest: size.narrowest,
        };
        // A count holds from its last change to the report's day.
        let until = parse_day(&self.report.as_of).and_then(|day| Some(day.min(end?)));
        let claimed = steps(&c.claimed_by_date, &plot, until);
        let validated = steps(&c.by_date, &plot, until);
        let points: Vec<(f64, f64, &DateRow)> = c
            .by_date
            .iter()
            .filter_map(|d| Some((plot.x(parse_day(&d.date)?), plot.y(d.cumulative), d)))
            .collect();
        let last = c.by_date.last().map_or(0, |d| d.cumulative);
        let title = if c.claimed_by_date.is_empty() {
            msg!(PageCurveTitle, &c.candidate)
        } else {
            msg!(PageCurveTitleClaims, &c.candidate)
        };
        let by_the_close = close.map_or(Arg::Text(String::new()), |d| {
            msg!(PageCurveByTheClose, self.lang.date(d)).into()
        });
        let and_claims = match c.claimed_by_date.last() {
            None => Arg::Text(String::new()),
            Some(d) => msg!(PageCurveAndClaims, self.number(d.cumulative)).into(),
        };
        let desc = msg!(
            PageCurveDesc,
            self.number(last),
            self.day(&self.report.as_of),
            self.number(e.threshold),
            by_the_close,
            c.by_date.len(),
            and_claims
        );
        let mut svg = String::new();
        let _ = writeln!(
            svg,
            "<div class=\"chart {}\" data-chart=\"{id}\">\n<div class=\"plot\" style=\"height:{}px\">\n\
             <svg class=\"curve\" viewBox=\"0 0 {PLOT} {PLOT}\" preserveAspectRatio=\"none\" role=\"img\" \
             aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n\
             <desc id=\"{id}-desc\">{}</desc>",
            size.class,
            size.height,
            self.html(&title),
            self.html(&desc)
        );
        let mut words = String::new();
        // The values: a few round ones.
        for k in 0..=top / step {
            let y = plot.y(step * k);
            let _ = writeln!(
                svg,
                "<line class=\"grid\" x1=\"0\" x2=\"{PLOT}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>"
            );
            let _ = writeln!(
                words,
                "<span class=\"tick y\" style=\"top:{:.1}%\">{}</span>",
                y / 10.0,
                self.lang.number(step * k)
            );
        }
        // The days: the first and the last, and the months between where
        // they leave room.
        for (day, x, align) in self.day_ticks(&plot) {
            if align.is_empty() {
                let _ = writeln!(
                    svg,
                    "<line class=\"grid\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"0\" y2=\"{PLOT}\"/>"
                );
            }
            let _ = writeln!(
                words,
                "<span class=\"tick x{align}\" style=\"left:{:.1}%\">{}</span>",
                x / 10.0,
                escape(&self.short_day(&day.to_string()))
            );
        }
        // What the words over the plot must not hide.
        let mut taken: Vec<Area> = Vec::new();
        for line in [&claimed, &validated] {
            taken
                .extend(line.windows(2).map(|pair| {
                    Area::around(pair[0], pair[1], plot.across(LINE_ROOM), plot.down(LINE_ROOM))
                }));
        }
        for (x, y, _) in &points {
            taken.push(Area::around(
                (*x, *y),
                (*x, *y),
                plot.across(size.dot + 1.0),
                plot.down(size.dot + 1.0),
            ));
        }
        let threshold_y = plot.y(e.threshold);
        let threshold_line = Area::around((0.0, threshold_y), (PLOT, threshold_y), 0.0, plot.down(1.0));
        let close_x = close.map(|day| plot.x(day));
        let close_line = close_x.map(|x| Area::around((x, 0.0), (x, PLOT), plot.across(1.0), 0.0));
        let _ = writeln!(
            svg,
            "<line class=\"threshold\" x1=\"0\" x2=\"{PLOT}\" y1=\"{threshold_y:.1}\" y2=\"{threshold_y:.1}\"/>"
        );
        if let Some(x) = close_x {
            let _ = writeln!(
                svg,
                "<line class=\"close\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"0\" y2=\"{PLOT}\"/>"
            );
        }
        let needed = msg!(PageNeeded, self.number(e.threshold));
        let needed_at = self.label(
            &mut words,
            &plot,
            &needed,
            &Spot::beside_a_row(threshold_y),
            &[&taken[..], close_line.as_slice()].concat(),
        );
        if let Some(x) = close_x {
            let avoid = [&taken[..], &[threshold_line], needed_at.as_slice()].concat();
            let close = msg!(PageClose);
            self.label(&mut words, &plot, &close, &Spot::beside_a_column(x), &avoid);
        }
        if !claimed.is_empty() {
            let _ = writeln!(
                svg,
                "<polyline class=\"claimed\" points=\"{}\"/>",
                points_text(&claimed)
            );
        }
        if !validated.is_empty() {
            let _ = writeln!(
                svg,
                "<polyline class=\"validated\" points=\"{}\"/>",
                points_text(&validated)
            );
        }
        for (x, y, d) in &points {
            let day = self.day(&d.date);
            // French writes 1 in the singular.
            let point = match (d.cumulative, d.validated) {
                (1, 1) => msg!(PagePointFirst, day),
                (_, 1) => msg!(PagePointOneNew, day, self.number(d.cumulative)),
                _ => msg!(
                    PagePoint,
                    day,
                    self.number(d.cumulative),
                    self.number(d.validated)
                ),
            };
            let _ = writeln!(
                svg,
                "<path class=\"point\" d=\"M{x:.1} {y:.1}h0\" style=\"stroke-width:{}px\" data-date=\"{}\" data-cumulative=\"{}\">\
                 <title>{}</title></path>",
                2.0 * size.dot,
                d.date,
                d.cumulative,
                self.html(&point)
            );
        }
        svg.push_str("</svg>\n<div class=\"words\" aria-hidden=\"true\">\n");
        svg.push_str(&words);
        svg.push_str("</div>\n</div>\n</div>\n");
        svg
    }

    /// The days under a plot: the first (aligned on its start), the last
    /// (on its end), and the first day of each month between, centred,
    /// where it does not crowd another; with its place, and its
    /// alignment as a class.
    fn day_ticks(&self, plot: &Plot) -> Vec<(NaiveDate, f64, &'static str)> {
        let (Some(start), Some(end)) = (plot.start, plot.end) else {
            return Vec::new();
        };
        // The widest of either language's, so that a page has the same
        // ticks in both.
        let width = |day: NaiveDate| {
            [Lang::En, Lang::Fr]
                .map(|lang| text_width(&lang.short_date(day), false))
                .into_iter()
                .fold(0.0, f64::max)
        };
        if start == end {
            return vec![(start, plot.x(start), "")];
        }
        let mut ticks = vec![(start, 0.0, " start"), (end, PLOT, " end")];
        // Pixels at the narrowest plot, left and right of each tick kept.
        let mut kept = vec![(0.0, width(start)), (plot.narrowest - width(end), plot.narrowest)];
        let mut month = start
            .with_day(1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)));
        while let Some(day) = month.filter(|d| *d < end) {
            let x = plot.x(day);
            let middle = x / PLOT * plot.narrowest;
            let half = width(day) / 2.0 + TICK_ROOM;
            if kept
                .iter()
                .all(|(left, right)| middle + half < *left || middle - half > *right)
            {
                kept.push((middle - half, middle + half));
                ticks.push((day, x, ""));
            }
            month = day.checked_add_months(chrono::Months::new(1));
        }
        ticks
    }

    /// Writes a label over a plot at the first spot where it hides none
    /// of `avoid`, and returns where it went; none where no spot is free
    /// (the legend says what the line is).
    fn label(
        &self,
        words: &mut String,
        plot: &Plot,
        text: &Message,
        spots: &[Spot],
        avoid: &[Area],
    ) -> Option<Area> {
        // As wide as the text is said in either language, so that a
        // label goes to the same spot in both.
        let width = [Lang::En, Lang::Fr]
            .map(|lang| text_width(&say(text, lang), true))
            .into_iter()
            .fold(0.0, f64::max);
        let (spot, area) = spots
            .iter()
            .map(|spot| (*spot, plot.area(spot, width)))
            .find(|(_, area)| area.inside() && !avoid.iter().any(|a| a.overlaps(area)))?;
        let _ = writeln!(
            words,
            "<span class=\"label{}{}\" style=\"left:{:.1}%;top:{:.1}%\">{}</span>",
            if spot.end { " end" } else { "" },
            if spot.above { " above" } else { "" },
            spot.x / 10.0,
            spot.y / 10.0,
            self.html(text)
        );
        Some(area)
    }

    /// The départements: the tile map, then the units not yet reached.
    fn departments(&mut self, c: &CandidateView) {
        let _ = writeln!(self.out, "<section>\n<h2>{}</h2>", self.html(&msg!(Departements)));
        self.tile_map(c);
        self.not_reached(c);
        self.out.push_str("</section>\n");
    }

    /// The tile map: one square per unit, coloured by its validated
    /// sponsorships up to the cap, its code and numbers printed in it (a
    /// printed page has no hover); a unit with claims and none validated
    /// hatched. Drawn at its own size, so that its text is as large as the
    /// style sheet says, in a box that scrolls where the screen is
    /// narrower.
    fn tile_map(&mut self, c: &CandidateView) {
        let cap = self.report.election.max_per_department.max(1);
        let (columns, rows) = tiles::size();
        let width = f64::from(columns) * TILE_STEP;
        let height = f64::from(rows) * TILE_STEP;
        let at_cap = c.by_department.iter().filter(|d| d.at_cap).count();
        let claims_only = c
            .by_department
            .iter()
            .filter(|d| d.validated == 0 && d.claimed > 0)
            .count();
        let desc = msg!(
            PageTilesDesc,
            self.number(c.departments),
            self.number(tiles::tiles().len() as u32),
            self.number(self.report.election.min_departments),
            self.number(claims_only as u32),
            self.number(at_cap as u32),
            self.number(cap)
        );
        let _ = writeln!(
            self.out,
            "<figure>\n<div class=\"scroll\">\n<svg class=\"tiles\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
             role=\"img\" aria-labelledby=\"tiles-title tiles-desc\">\n<title id=\"tiles-title\">{}</title>\n\
             <desc id=\"tiles-desc\">{}</desc>",
            self.html(&msg!(PageTilesTitle)),
            self.html(&desc)
        );
        for tile in tiles::tiles() {
            let (validated, claimed) = c
                .by_department
                .iter()
                .find(|d| d.code == tile.unit.code)
                .map_or((0, 0), |d| (d.validated, d.claimed));
            let class = tile_class(validated, claimed, cap);
            let (x, y) = (f64::from(tile.x) * TILE_STEP, f64::from(tile.y) * TILE_STEP);
            let _ = write!(
                self.out,
                "<g class=\"tile {class}\" data-code=\"{code}\" data-count=\"{validated}\" data-claimed=\"{claimed}\">\
                 <title>{code} {name}</title>{shape}\
                 <text class=\"code\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{code}</text>",
                x + TILE_SIDE / 2.0,
                y + 15.0,
                code = tile.unit.code,
                name = escape(tile.unit.name),
                shape = tile_shape(validated, claimed, cap, x, y, TILE_SIDE),
            );
            if let Some(numbers) = self.tile_numbers(validated, claimed) {
                let _ = write!(
                    self.out,
                    "<text class=\"count\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{numbers}</text>",
                    x + TILE_SIDE / 2.0,
                    y + 31.0,
                );
            }
            self.out.push_str("</g>\n");
        }
        self.out.push_str("</svg>\n</div>\n");
        self.tile_legend(cap, claims_only > 0);
        self.out.push_str("</figure>\n");
    }

    /// What a tile prints under its code: its validated sponsorships, and
    /// its claims (validated and pending) where they differ; nothing for a
    /// unit with neither.
    fn tile_numbers(&self, validated: u32, claimed: u32) -> Option<String> {
        match (validated, claimed) {
            (0, 0) => None,
            (v, c) if c == v => Some(self.lang.number(v)),
            (v, c) => Some(format!("{}/{}", self.lang.number(v), self.lang.number(c))),
        }
    }

    fn tile_legend(&mut self, cap: u32, claims_only: bool) {
        self.out.push_str("<ul class=\"legend\">");
        // A count for each kind of tile, drawn as the map draws it.
        let mut entries = vec![((0, 0), self.words(&msg!(PageTileNothingYet)))];
        if claims_only {
            entries.push(((0, 1), self.words(&msg!(PageTileClaimsOnly))));
        }
        for bin in 1..=4u32 {
            let (low, high) = bin_range(bin, cap);
            if low <= high {
                entries.push(((low, low), format!("{low}–{high}")));
            }
        }
        entries.push(((cap, cap), self.words(&msg!(PageTileAtTheCap, cap))));
        for ((validated, claimed), label) in entries {
            let _ = write!(
                self.out,
                "<li><svg width=\"16\" height=\"16\" aria-hidden=\"true\"><g class=\"tile {}\">{}</g></svg>{}</li>",
                tile_class(validated, claimed, cap),
                tile_shape(validated, claimed, cap, 0.5, 0.5, 15.0),
                escape(&label)
            );
        }
        self.out.push_str("</ul>\n");
        let _ = writeln!(self.out, "<p class=\"key\">{}</p>", self.html(&msg!(PageTileKey)));
    }

    /// The units not yet reached: those with claims, with their count, and
    /// those with nothing at all.
    fn not_reached(&mut self, c: &CandidateView) {
        let (claimed, nothing) = c.not_reached_split();
        let all = claimed.len() + nothing.len();
        let _ = writeln!(
            self.out,
            "<h3>{}</h3>",
            self.html(&msg!(PageNotReached, self.number(all as u32)))
        );
        if claimed.is_empty() {
            self.unit_list(&nothing, "nothing", c);
            return;
        }
        let with_claims = msg!(PageNotReachedWithClaims, self.number(claimed.len() as u32));
        let _ = writeln!(self.out, "<h4>{}</h4>", self.html(&with_claims));
        self.unit_list(&claimed, "with-claims", c);
        if !nothing.is_empty() {
            let nothing_yet = msg!(PageNotReachedNothing, self.number(nothing.len() as u32));
            let _ = writeln!(self.out, "<h4>{}</h4>", self.html(&nothing_yet));
            self.unit_list(&nothing, "nothing", c);
        }
    }

    fn unit_list(&mut self, units: &[&Department], class: &str, c: &CandidateView) {
        let _ = write!(self.out, "<ul class=\"not-reached {class}\">");
        for unit in units {
            let claimed = c
                .by_department
                .iter()
                .find(|d| d.code == unit.code)
                .map_or(0, |d| d.claimed);
            let _ = write!(
                self.out,
                "<li data-code=\"{code}\">{code} {}",
                escape(unit.name),
                code = unit.code
            );
            if claimed > 0 {
                let _ = write!(self.out, " ({})", self.lang.number(claimed));
            }
            self.out.push_str("</li>");
        }
        self.out.push_str("</ul>\n");
    }

    fn mandates(&mut self, c: &CandidateView) {
        let _ = write!(
            self.out,
            "<section>\n<h2>{}</h2>\n<div class=\"scroll\">\n<table>\n<thead><tr><th>{}</th><th class=\"n\">{}</th>\
             <th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead>\n<tbody>\n",
            self.html(&msg!(ByMandate)),
            self.html(&msg!(Mandate)),
            self.html(&msg!(Validated)),
            self.html(&msg!(Claimed)),
            self.html(&msg!(Share))
        );
        for row in &c.by_mandate {
            let _ = writeln!(
                self.out,
                "<tr data-mandate=\"{}\"><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                row.mandate,
                escape(mandate_label(row.kind, self.lang)),
                self.lang.number(row.validated),
                self.lang.number(row.claimed),
                self.lang.percent(row.share)
            );
        }
        self.out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
    }

    /// What changed after `--since`, for the candidates given.
    fn since(&mut self, candidates: &[CandidateView]) {
        let Some(first) = candidates.iter().find_map(|c| c.since.as_ref()) else {
            return;
        };
        let _ = writeln!(
            self.out,
            "<section class=\"since\">\n<h2>{}</h2>",
            self.html(&msg!(PublishedAfter, self.day(&first.date)))
        );
        if let [c] = candidates
            && let Some(since) = &c.since
        {
            let _ = writeln!(
                self.out,
                "<p>{}</p>\n<div class=\"scroll\">\n<table>\n<thead><tr><th>{}</th><th>{}</th>\
                 <th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
                self.html(&msg!(PageNewValidated, self.number(since.validated))),
                self.html(&msg!(Name)),
                self.html(&msg!(Mandate)),
                self.html(&msg!(Place)),
                self.html(&msg!(Departement)),
                self.html(&msg!(Published))
            );
            for s in &since.sponsors {
                let _ = writeln!(
                    self.out,
                    "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&s.last_name),
                    escape(&s.first_name),
                    escape(mandate_named(s.kind, self.lang)),
                    escape(&s.circonscription),
                    s.department,
                    escape(&self.day(&s.published_on))
                );
            }
            self.out.push_str("</tbody>\n</table>\n</div>\n");
        } else {
            let _ = write!(
                self.out,
                "<div class=\"scroll\">\n<table>\n<thead><tr><th>{}</th><th class=\"n\">{}</th></tr></thead>\n<tbody>\n",
                self.html(&msg!(Candidate)),
                self.html(&msg!(NewValidated))
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
            self.out.push_str("</tbody>\n</table>\n</div>\n");
        }
        self.out.push_str("</section>\n");
    }

    /// The ranking of every candidate, as the Conseil's table, each with
    /// its bar against the threshold; then the curves of the qualified,
    /// each on its own scale.
    fn ranking(&mut self) {
        let report = self.report;
        let threshold = report.election.threshold.max(1);
        let qualified = report.ranking.iter().filter(|r| r.qualified).count();
        let total: u32 = report.ranking.iter().map(|r| r.validated).sum();
        let qualified_of = msg!(
            PageQualifiedOf,
            self.number(qualified as u32),
            self.number(report.ranking.len() as u32),
            self.number(total)
        );
        let _ = writeln!(
            self.out,
            "<section>\n<h2>{}</h2>\n<p>{}</p>\n\
             <div class=\"scroll\">\n<table class=\"ranking\">\n<thead><tr><th class=\"n\">{}</th><th>{}</th><th class=\"n\">{}</th>\
             <th>{}</th><th class=\"n\">{}</th><th class=\"n\"><span class=\"word\">{}</span><span class=\"abbr\">{}</span></th><th><span class=\"word\">{}</span><span class=\"abbr\">{}</span></th></tr></thead>\n<tbody>",
            self.html(&msg!(PageRanking)),
            self.html(&qualified_of),
            self.html(&msg!(NumberSign)),
            self.html(&msg!(Candidate)),
            self.html(&msg!(Validated)),
            self.html(&msg!(PageAgainst, self.number(threshold))),
            self.html(&msg!(Usable)),
            self.html(&msg!(Departements)),
            self.html(&msg!(PageDepartementsShort)),
            self.html(&msg!(Qualified)),
            self.html(&msg!(PageQualifiedShort))
        );
        for r in &report.ranking {
            self.rank_row(r, threshold);
        }
        self.out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
        let curves: Vec<&CandidateView> = report.candidates.iter().filter(|c| c.qualified).collect();
        if !curves.is_empty() {
            let _ = writeln!(
                self.out,
                "<section>\n<h2>{}</h2>\n<p class=\"key\">{}</p>\n<div class=\"multiples\">",
                self.html(&msg!(PageQualifiedCurves)),
                self.html(&msg!(PageEachOnItsScale, self.number(threshold)))
            );
            for (i, c) in curves.iter().enumerate() {
                let _ = writeln!(
                    self.out,
                    "<figure><figcaption>{}</figcaption>",
                    escape(&c.candidate)
                );
                let chart = self.curve(c, Size::SMALL, &format!("curve-{i}"));
                self.out.push_str(&chart);
                self.out.push_str("</figure>\n");
            }
            self.out.push_str("</div>\n</section>\n");
        }
        self.since(&report.candidates);
    }

    fn rank_row(&mut self, r: &RankRow, threshold: u32) {
        let share = (f64::from(r.validated) / f64::from(threshold)).min(1.0) * 100.0;
        let share_of = msg!(PageShareOf, format!("{share:.0}"), self.number(threshold));
        let _ = writeln!(
            self.out,
            "<tr class=\"{}\" data-candidate=\"{}\"><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td>\
             <td><span class=\"bar\" role=\"img\" aria-label=\"{}\"><span style=\"width:{share:.1}%\"></span></span></td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            if r.qualified { "qualified" } else { "short" },
            escape(&r.candidate),
            r.rank,
            escape(&r.candidate),
            self.lang.number(r.validated),
            self.html(&share_of),
            self.lang.number(r.usable),
            self.lang.number(r.departments),
            self.html(&if r.qualified { msg!(Yes) } else { msg!(No) })
        );
    }

    /// `message` said in the page's language.
    fn words(&self, message: &Message) -> String {
        say(message, self.lang)
    }

    /// `message` said in the page's language, made safe inside HTML.
    fn html(&self, message: &Message) -> String {
        escape(&self.words(message))
    }

    /// A count as the page writes it, its thousands grouped (`13,427`,
    /// `13 427` in French), to fill a message's hole.
    fn number(&self, n: u32) -> Arg {
        Arg::Text(self.lang.number(n))
    }

    /// "160 / 500".
    fn of(&self, n: u32, goal: u32) -> String {
        self.words(&msg!(OfGoal, self.number(n), self.number(goal)))
    }

    /// `8 February 2022`, `8 février 2022` in French; a text that is not
    /// a day as it is.
    fn day(&self, iso: &str) -> String {
        parse_day(iso).map_or_else(|| iso.to_string(), |d| self.lang.date(d))
    }

    /// `8 Feb`, `8 févr.` in French.
    fn short_day(&self, iso: &str) -> String {
        parse_day(iso).map_or_else(|| iso.to_string(), |d| self.lang.short_date(d))
    }
}

/// A plot's units, across and down, whatever its size on the page.
const PLOT: f64 = 1000.0;

/// The size of a chart's words (the style sheet's `.chart`), in CSS pixels.
const CHART_FONT: f64 = 12.0;

/// A label's line, and its gaps from the point it is set by (the style
/// sheet's `.label` transforms), in CSS pixels.
const LABEL_HEIGHT: f64 = 15.0;
const LABEL_GAP_X: f64 = 4.0;
const LABEL_GAP_Y: f64 = 3.0;

/// Room kept clear each side of a curve, in CSS pixels.
const LINE_ROOM: f64 = 2.5;

/// Room kept between two days under a plot, in CSS pixels.
const TICK_ROOM: f64 = 4.0;

/// The tile map's step and square, in CSS pixels: the map is never
/// scaled, so that a tile holds its code and numbers at the style
/// sheet's size (`.tile text`).
const TILE_STEP: f64 = 40.0;
const TILE_SIDE: f64 = 37.0;

/// How a curve is drawn: its plot's height in CSS pixels, the narrowest
/// it is on a screen 390 px wide or wider, and the radius of its points.
/// Labels and days are placed for the narrowest plot, so that they fit
/// wherever it is wider.
#[derive(Clone, Copy)]
struct Size {
    class: &'static str,
    height: f64,
    narrowest: f64,
    dot: f64,
}

impl Size {
    /// A candidate's curve: the whole width, at its narrowest on a phone
    /// 390 px wide (less the page's 12 px margins and the values' room of
    /// 3.6em).
    const LARGE: Size = Size {
        class: "large",
        height: 220.0,
        narrowest: 320.0,
        dot: 3.5,
    };
    /// A small multiple: at its narrowest two to a row of the A4 page (186
    /// mm less a 1rem gap, halved, less the values' room).
    const SMALL: Size = Size {
        class: "small",
        height: 130.0,
        narrowest: 300.0,
        dot: 2.5,
    };
}

/// Where things go on a plot: days across, counts down, both in `PLOT`
/// units.
struct Plot {
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    top: u32,
    /// Its height on the page, and its narrowest width, in CSS pixels.
    height: f64,
    narrowest: f64,
}

impl Plot {
    fn x(&self, day: NaiveDate) -> f64 {
        match (self.start, self.end) {
            (Some(s), Some(t)) if t > s => PLOT * ((day - s).num_days() as f64) / ((t - s).num_days() as f64),
            _ => PLOT / 2.0,
        }
    }

    fn y(&self, n: u32) -> f64 {
        PLOT * (1.0 - f64::from(n) / f64::from(self.top.max(1)))
    }

    /// CSS pixels across, in units, at the narrowest plot.
    fn across(&self, px: f64) -> f64 {
        px * PLOT / self.narrowest
    }

    /// CSS pixels down, in units.
    fn down(&self, px: f64) -> f64 {
        px * PLOT / self.height
    }

    /// Where a label `width` pixels wide lies when set at `spot`.
    fn area(&self, spot: &Spot, width: f64) -> Area {
        let (gap_x, gap_y) = (self.across(LABEL_GAP_X), self.down(LABEL_GAP_Y));
        let (w, h) = (self.across(width), self.down(LABEL_HEIGHT));
        let left = if spot.end {
            spot.x - gap_x - w
        } else {
            spot.x + gap_x
        };
        let top = if spot.above {
            spot.y - gap_y - h
        } else {
            spot.y + gap_y
        };
        Area {
            left,
            top,
            right: left + w,
            bottom: top + h,
        }
    }
}

/// A box on a plot, in its units.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Area {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Area {
    /// The box of a segment (or a point), widened by `dx` and `dy`.
    fn around(a: (f64, f64), b: (f64, f64), dx: f64, dy: f64) -> Area {
        Area {
            left: a.0.min(b.0) - dx,
            top: a.1.min(b.1) - dy,
            right: a.0.max(b.0) + dx,
            bottom: a.1.max(b.1) + dy,
        }
    }

    fn overlaps(&self, other: &Area) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    fn inside(&self) -> bool {
        self.left >= 0.0 && self.top >= 0.0 && self.right <= PLOT && self.bottom <= PLOT
    }
}

/// Where a label may be set: a point, and which side of it the label
/// lies (left of it if `end`, over it if `above`).
#[derive(Debug, Clone, Copy)]
struct Spot {
    x: f64,
    y: f64,
    end: bool,
    above: bool,
}

impl Spot {
    /// Beside a line across the plot at `y`: over it, then under it; at
    /// either end first, then along it, from the left.
    fn beside_a_row(y: f64) -> Vec<Spot> {
        let mut spots = Vec::new();
        let ends = [(0.0, false), (PLOT, true)];
        let along = (1..20).flat_map(|k| {
            let x = f64::from(k) * PLOT / 20.0;
            [(x, false), (x, true)]
        });
        for above in [true, false] {
            for (x, end) in ends {
                spots.push(Spot { x, y, end, above });
            }
        }
        for (x, end) in along {
            for above in [true, false] {
                spots.push(Spot { x, y, end, above });
            }
        }
        spots
    }

    /// Beside a line down the plot at `x`: at its top, then its bottom,
    /// then its middle; on its left first.
    fn beside_a_column(x: f64) -> Vec<Spot> {
        let mut spots = Vec::new();
        for (y, above) in [(0.0, false), (PLOT, true), (0.5 * PLOT, false)] {
            for end in [true, false] {
                spots.push(Spot { x, y, end, above });
            }
        }
        spots
    }
}

/// How wide a text is at the chart's size, in CSS pixels: a generous
/// guess (a bold sans-serif letter is about 0.7 of its size), since the
/// page names no font.
fn text_width(text: &str, bold: bool) -> f64 {
    let per_char = if bold { 0.72 } else { 0.62 };
    text.chars().count() as f64 * per_char * CHART_FONT
}

/// The corners of a cumulative count drawn as steps: flat until each day,
/// then up; from zero at the plot's start, and flat to `until` after the
/// last change.
fn steps(rows: &[DateRow], plot: &Plot, until: Option<NaiveDate>) -> Vec<(f64, f64)> {
    let Some(start) = plot.start.filter(|_| !rows.is_empty()) else {
        return Vec::new();
    };
    let mut points = Vec::with_capacity(rows.len() * 2 + 2);
    points.push((plot.x(start), plot.y(0)));
    let (mut previous, mut last) = (0, start);
    for row in rows {
        let Some(day) = parse_day(&row.date) else { continue };
        let x = plot.x(day);
        points.push((x, plot.y(previous)));
        points.push((x, plot.y(row.cumulative)));
        (previous, last) = (row.cumulative, day);
    }
    if let Some(until) = until.filter(|until| *until > last) {
        points.push((plot.x(until), plot.y(previous)));
    }
    // A count that starts on the plot's first day has no flat start.
    points.dedup();
    points
}

fn points_text(points: &[(f64, f64)]) -> String {
    let written: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    written.join(" ")
}

/// The colour classes of the tiles, from no sponsor to the cap.
const BIN_CLASSES: [&str; 6] = ["c0", "c1", "c2", "c3", "c4", "c5"];

/// A tile's classes: its colour bin by validated sponsorships, and
/// whether it is at the cap, or not reached (with claims, or with
/// nothing). Four bins share the way from 1 to the cap.
pub fn tile_class(validated: u32, claimed: u32, cap: u32) -> String {
    if validated == 0 && claimed > 0 {
        "c0 not-reached claims".to_string()
    } else if validated == 0 {
        "c0 not-reached".to_string()
    } else if validated >= cap {
        "c5 at-cap".to_string()
    } else {
        let bin = (1 + 4 * validated / cap).min(4);
        BIN_CLASSES[bin as usize].to_string()
    }
}

/// A tile's square at (`x`, `y`), with the marks that read without colour:
/// hatching for claims and none validated, a notch in the corner at the
/// cap.
fn tile_shape(validated: u32, claimed: u32, cap: u32, x: f64, y: f64, side: f64) -> String {
    let mut shape = format!("<rect x=\"{x}\" y=\"{y}\" width=\"{side}\" height=\"{side}\" rx=\"3\"/>");
    if validated == 0 && claimed > 0 {
        let _ = write!(shape, "<path class=\"hatch\" d=\"{}\"/>", hatch(x, y, side));
    } else if validated >= cap {
        let notch = (side / 4.0).round();
        let _ = write!(
            shape,
            "<path class=\"cap-mark\" d=\"M{} {}h{notch}l-{notch} {notch}z\"/>",
            x + 1.0,
            y + 1.0
        );
    }
    shape
}

/// Diagonal lines across a square, rising to the right.
fn hatch(x: f64, y: f64, side: f64) -> String {
    let spacing = (side / 6.0).max(4.0);
    let mut d = String::new();
    let mut k = spacing;
    while k < 2.0 * side {
        let (from, to) = if k <= side {
            ((x, y + k), (x + k, y))
        } else {
            ((x + k - side, y + side), (x + side, y + k - side))
        };
        let _ = write!(d, "M{:.1} {:.1}L{:.1} {:.1}", from.0, from.1, to.0, to.1);
        k += spacing;
    }
    d
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

/// The highest value a candidate's curves reach, or the threshold.
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
/// reads in greyscale, dashed outlines for units not reached, hatching for
/// units with claims only, a notch and a heavy border for units at the
/// cap; every text at least 11 px; A4 when printed. Up to 600 px wide (a
/// phone), the headline takes two columns, the lists one, and the ranking
/// drops its bar and usable columns and shortens a heading; a box that
/// scrolls sideways shows a shadow on the side there is more.
const STYLE: &str = "
:root{--ink:#1b1b1b;--muted:#5a5a5a;--rule:#d0d0d0;--accent:#08519c;--claims:#c8691c}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;line-height:1.4}
main{max-width:186mm;margin:0 auto;padding:8mm 6mm}
h1{font-size:1.7rem;margin:0 0 .2rem;overflow-wrap:anywhere}
h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--rule);padding-bottom:.2rem}
h3{font-size:1rem;margin:1rem 0 .3rem}
h4{font-size:.9rem;margin:.8rem 0 .3rem;color:var(--muted)}
p{overflow-wrap:anywhere}
.as-of{color:var(--muted);margin:0;font-size:.9rem}
.note{margin:.5rem 0;padding:.4rem .7rem;border-left:4px solid var(--ink);background:#f0f0f0;font-weight:600}
.headline{display:grid;grid-template-columns:repeat(3,1fr);gap:.8rem 1.5rem;margin:1rem 0}
.fact dt{color:var(--muted);font-size:.85rem}
.fact dd{margin:0;font-size:1.35rem;font-weight:600;font-variant-numeric:tabular-nums}
.fact small{display:block;font-size:.85rem;font-weight:400;color:var(--muted)}
.fact.wide{grid-column:1/-1}
.fact.wide dd{font-size:1rem;font-weight:400}
.bar{display:block;height:.45rem;background:#e3e3e3;border-radius:.2rem;margin-top:.25rem;overflow:hidden;min-width:3rem}
.bar>span{display:block;height:100%;background:var(--accent)}
.bar,.note{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.scroll{overflow-x:auto;background:linear-gradient(to right,#fff 40%,#fff0) left/1.5rem 100% no-repeat local,\
linear-gradient(to left,#fff 40%,#fff0) right/1.5rem 100% no-repeat local,\
radial-gradient(farthest-side at 100% 50%,#0004,#0000) right/.7rem 100% no-repeat scroll,\
radial-gradient(farthest-side at 0 50%,#0004,#0000) left/.7rem 100% no-repeat scroll}
.abbr{display:none}
.scroll>svg{max-width:none}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{padding:.25rem .5rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:middle}
th{font-weight:600;color:var(--muted)}
.n{text-align:right;font-variant-numeric:tabular-nums}
tr.qualified td:nth-child(2){font-weight:600}
.ranking{font-size:.82rem}
.ranking th,.ranking td{padding:.2rem .3rem}
.ranking td:nth-child(2){white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:13rem}
.ranking td:nth-child(4){width:22%}
figure{margin:.5rem 0;break-inside:avoid}
figcaption{color:var(--muted);font-size:.85rem}
figcaption span{display:block}
.key{color:var(--muted);font-size:.85rem;margin:.3rem 0}
svg{max-width:100%;height:auto}
svg text{font-family:inherit;fill:var(--ink)}
.chart{padding:.4em 0 1.7em 3.6em;font-size:12px;line-height:1.2}
.plot{position:relative}
.plot>svg{position:absolute;top:0;left:0;width:100%;height:100%;overflow:visible}
.words>span{position:absolute;white-space:nowrap}
.tick{color:var(--muted)}
.tick.y{right:100%;padding-right:.4em;transform:translateY(-50%)}
.tick.x{top:100%;padding-top:.3em;transform:translateX(-50%)}
.tick.x.start{transform:none}
.tick.x.end{transform:translateX(-100%)}
.label{font-weight:700;transform:translate(4px,3px)}
.label.end{transform:translate(calc(-100% - 4px),3px)}
.label.above{transform:translate(4px,calc(-100% - 3px))}
.label.end.above{transform:translate(calc(-100% - 4px),calc(-100% - 3px))}
.curve line,.curve polyline,.curve path,.lines line{vector-effect:non-scaling-stroke}
.grid{stroke:#e6e6e6;stroke-width:1}
.threshold{stroke:#000;stroke-width:1.2;stroke-dasharray:6 4}
.close{stroke:#000;stroke-width:1.2;stroke-dasharray:2 3}
.validated{fill:none;stroke:var(--accent);stroke-width:3}
.claimed{fill:none;stroke:var(--claims);stroke-width:2.5}
.point{fill:none;stroke:var(--accent);stroke-linecap:round}
.tile rect{stroke:#fff;stroke-width:1}
.tile text{font-size:12px}
.tile .code{font-weight:600}
.c0 rect{fill:#fff;stroke:#8a8a8a;stroke-dasharray:3 2}
.c0 text{fill:#5a5a5a}
.claims rect{stroke:var(--claims);stroke-width:1.5;stroke-dasharray:none}
.claims text{fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.hatch{stroke:#f1c9a5;stroke-width:1.2}
.c1 rect{fill:#deebf7}.c2 rect{fill:#9ecae1}.c3 rect{fill:#4292c6}.c4 rect{fill:#2171b5}.c5 rect{fill:#08306b;stroke:#000;stroke-width:2.5}
.c3 text,.c4 text,.c5 text{fill:#fff}
.cap-mark{fill:#fff}
.legend{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem}
.legend li{display:flex;align-items:center;gap:.3rem}
ul.not-reached{list-style:none;padding:0;margin:0;columns:3;font-size:.85rem}
.multiples{display:grid;grid-template-columns:1fr;gap:.5rem 1rem}
@media (min-width:761px){.multiples{grid-template-columns:repeat(2,1fr)}}
@page{size:A4;margin:12mm}
@media print{main{padding:0;max-width:none}h2{break-after:avoid}.scroll{overflow:visible;background:none}.multiples{grid-template-columns:repeat(2,1fr)}}
@media (max-width:600px){main{padding:16px 12px}h1{font-size:1.4rem}.headline{grid-template-columns:repeat(2,1fr);gap:.7rem 1rem}\
ul.not-reached{columns:1}.ranking th:nth-child(4),.ranking td:nth-child(4),.ranking th:nth-child(5),.ranking td:nth-child(5),.word{display:none}\
.abbr{display:inline}.ranking td:nth-child(2){max-width:10rem}}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_are_coloured_up_to_the_cap() {
        assert_eq!(tile_class(0, 0, 50), "c0 not-reached");
        assert_eq!(tile_class(0, 3, 50), "c0 not-reached claims");
        assert_eq!(tile_class(1, 3, 50), "c1");
        assert_eq!(tile_class(12, 12, 50), "c1");
        assert_eq!(tile_class(13, 13, 50), "c2");
        assert_eq!(tile_class(49, 60, 50), "c4");
        assert_eq!(tile_class(50, 50, 50), "c5 at-cap");
        assert_eq!(tile_class(105, 105, 50), "c5 at-cap");
        assert_eq!(bin_range(1, 50), (1, 12));
        assert_eq!(bin_range(4, 50), (38, 49));
    }

    #[test]
    fn a_tile_with_claims_only_is_hatched_and_one_at_the_cap_notched() {
        assert!(tile_shape(0, 4, 50, 0.0, 0.0, 43.0).contains("class=\"hatch\""));
        assert!(!tile_shape(0, 0, 50, 0.0, 0.0, 43.0).contains("<path"));
        assert!(!tile_shape(3, 4, 50, 0.0, 0.0, 43.0).contains("<path"));
        assert!(tile_shape(50, 50, 50, 0.0, 0.0, 43.0).contains("class=\"cap-mark\""));
        // The hatching stays inside its square.
        let d = hatch(40.0, 80.0, 37.0);
        let numbers: Vec<f64> = d
            .split(['M', 'L', ' '])
            .filter(|s| !s.is_empty())
            .map(|n| n.parse().unwrap())
            .collect();
        assert!(numbers.len() >= 4 * 6, "{d}");
        for point in numbers.chunks(2) {
            assert!((40.0..=77.0).contains(&point[0]), "{d}");
            assert!((80.0..=117.0).contains(&point[1]), "{d}");
        }
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

    fn plot() -> Plot {
        Plot {
            start: NaiveDate::from_ymd_opt(2022, 1, 27),
            end: NaiveDate::from_ymd_opt(2022, 3, 8),
            top: 3000,
            height: Size::SMALL.height,
            narrowest: Size::SMALL.narrowest,
        }
    }

    #[test]
    fn a_label_goes_where_no_curve_runs() {
        let plot = plot();
        let y = plot.y(500);
        let spots = Spot::beside_a_row(y);
        let width = text_width("500 needed", true);
        // Free: over the line at the left.
        let first = plot.area(&spots[0], width);
        assert!(first.inside() && first.bottom <= y && first.left > 0.0);
        // A curve rising through that place: the label moves on, to a
        // place clear of it.
        let rise = Area::around((100.0, PLOT), (100.0, 0.0), 8.0, 0.0);
        let free = spots
            .iter()
            .map(|s| plot.area(s, width))
            .find(|a| a.inside() && !a.overlaps(&rise))
            .unwrap();
        assert_ne!(free, first);
        assert!(!free.overlaps(&rise));
        // At the plot's right, it ends before the edge.
        assert!(spots[1].end && spots[1].x == PLOT);
        let right = plot.area(&spots[1], width);
        assert!(right.right < PLOT && right.inside());
        // A curve over the whole width under the line, and one rising
        // through it: under the line, right of the rise.
        let flat = Area::around((0.0, y + 20.0), (PLOT, y + 20.0), 0.0, 8.0);
        let rise = Area::around((300.0, PLOT), (300.0, 0.0), 8.0, 0.0);
        let spot = spots
            .iter()
            .find(|s| {
                let a = plot.area(s, width);
                a.inside() && !a.overlaps(&flat) && !a.overlaps(&rise)
            })
            .unwrap();
        assert!(spot.above && spot.x > 300.0, "{spot:?}");
    }

    #[test]
    fn the_style_sheet_sizes_what_the_geometry_assumes() {
        let rule = |selector: &str| {
            let at = STYLE.find(&format!("\n{selector}{{")).expect(selector);
            let body = &STYLE[at..];
            body[..body.find('}').unwrap()].to_string()
        };
        assert!(rule(".chart").contains(&format!("font-size:{CHART_FONT}px")));
        assert!(rule(".label").contains(&format!("translate({LABEL_GAP_X}px,{LABEL_GAP_Y}px)")));
        assert!(STYLE.contains(&format!(
            "calc(-100% - {LABEL_GAP_X}px),calc(-100% - {LABEL_GAP_Y}px)"
        )));
        // The values' room (3.6em at the chart's size), and the narrowest
        // plots: two multiples to a row of the A4 page less a 16 px gap; a
        // curve on a phone 390 px wide less its margins.
        assert!(rule(".chart").contains("3.6em"));
        let room = 3.6 * CHART_FONT;
        let a4 = 186.0 / 25.4 * 96.0;
        assert!(Size::SMALL.narrowest <= (a4 - 16.0) / 2.0 - room);
        assert!(STYLE.contains("@media (max-width:600px){main{padding:16px 12px}"));
        assert!(Size::LARGE.narrowest <= 390.0 - 2.0 * 12.0 - room);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("<b>\"A&B'\u{1b}"), "&lt;b&gt;&quot;A&amp;B&#39;&#x1B;");
    }
}
