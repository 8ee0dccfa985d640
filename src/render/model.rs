//! The report's view model: every number the report shows, computed once
//! from the tally, so that the four formats cannot disagree.
//!
//! The structures serialise to the JSON contract of SPEC.md (`as_of`,
//! `election`, `candidates` with their `by_*` tables); the other formats read
//! the same fields.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use serde::Serialize;

pub use crate::ops::report::Extras;

use crate::context::ChosenBy;
use crate::message::{Arg, Key, Message};
use crate::msg;
use crate::rules::department::{self, Department};
use crate::rules::tally::{CandidateTally, UnitCount, steady_target};
use crate::rules::{Election, Mandate};
use crate::sponsorship::Sponsorship;

/// Everything one `report` prints.
#[derive(Debug, Serialize)]
pub struct Report {
    pub as_of: String,
    /// `as_of`, for the text formats.
    #[serde(skip)]
    pub today: NaiveDate,
    pub election: ElectionView,
    /// The candidates in scope (the chosen one, or all in ranking order),
    /// each with every table.
    pub candidates: Vec<CandidateView>,
    /// Every candidate of the ledger, most validated first.
    #[serde(skip)]
    pub ranking: Vec<RankRow>,
    /// What the text formats print.
    #[serde(skip)]
    pub sections: Sections,
}

/// A table of the report (`--by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Mandate,
    Department,
    Date,
    Candidate,
}

/// Which parts the text formats print (JSON always holds everything: its
/// keys are a contract).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sections {
    /// Each candidate's summary (counts, cap, window, pace).
    pub summary: bool,
    pub mandate: bool,
    pub department: bool,
    pub date: bool,
    /// The ranking of every candidate.
    pub ranking: bool,
    /// The one section `--by` asked for, if it asked for one: CSV then
    /// prints that table alone, which tools read directly.
    pub only: Option<Section>,
}

impl Sections {
    /// The sections asked for with `--by`, or the defaults: the details of
    /// one candidate, or the ranking of several.
    pub fn choose(by: &[Section], one_candidate: bool) -> Sections {
        if by.is_empty() {
            return Sections {
                summary: one_candidate,
                mandate: one_candidate,
                department: one_candidate,
                date: one_candidate,
                ranking: !one_candidate,
                only: None,
            };
        }
        let has = |section| by.contains(&section);
        let mandate = has(Section::Mandate);
        let department = has(Section::Department);
        let date = has(Section::Date);
        Sections {
            // A candidate's tables make little sense without its totals.
            summary: one_candidate || mandate || department || date,
            mandate,
            department,
            date,
            // With several candidates, the ranking comes first whatever
            // else is asked.
            ranking: has(Section::Candidate) || !one_candidate,
            only: match by {
                [one] => Some(*one),
                _ => None,
            },
        }
    }

    /// Whether any per-candidate part is printed.
    pub fn details(&self) -> bool {
        self.summary || self.mandate || self.department || self.date
    }
}

#[derive(Debug, Serialize)]
pub struct ElectionView {
    pub opens: Option<String>,
    /// The close, Paris time, with its UTC offset.
    pub closes: Option<String>,
    pub first_round: Option<String>,
    pub threshold: u32,
    pub min_departments: u32,
    pub max_per_department: u32,
    /// Which election's rules apply, why, and where its dates come from
    /// (in English: JSON is for scripts).
    pub rules: String,
    /// The same, said in the language of the text formats.
    #[serde(skip)]
    pub rules_said: Message,
    /// Days left to gather, `as_of` and the close day included (1 on the
    /// day, 0 or less once closed); absent when no close date is known.
    pub days_left: Option<i64>,
    /// Days from `as_of` to the close day (0 on the day, negative once
    /// past); absent when no close date is known.
    pub days_to_close: Option<i64>,
    /// Whether the close is past on `as_of`.
    pub closed: bool,
    /// The close, Paris time, for the text formats.
    #[serde(skip)]
    pub closes_at: Option<NaiveDateTime>,
    /// What named this election although its close is past (the settings,
    /// or a flag): the report says so first.
    #[serde(skip)]
    pub closed_but_chosen: Option<ChosenBy>,
}

#[derive(Debug, Serialize)]
pub struct ForecastView {
    pub rate: f64,
    pub expected: f64,
}

#[derive(Debug, Serialize)]
pub struct CandidateView {
    pub candidate: String,
    pub validated: u32,
    /// Every live entry: claimed, sent and validated.
    pub claimed: u32,
    pub pending: u32,
    pub lost: u32,
    /// Officials who said no (counted nowhere else).
    pub declined: u32,
    pub usable: u32,
    pub departments: u32,
    pub qualified: bool,
    /// What would count under the cap if every live entry were validated.
    pub usable_claimed: u32,
    pub departments_claimed: u32,
    pub missing: MissingView,
    /// The unit with the most validated sponsorships.
    pub nearest_cap: Option<DepartmentRow>,
    /// Units whose further sponsors no longer count.
    pub at_cap: Vec<DepartmentRow>,
    /// Usable sponsorships needed per day to the close (close day included).
    pub pace_needed: Option<f64>,
    /// Validated sponsorships per day since the opening.
    pub pace_so_far: Option<f64>,
    /// Where the pending claims lead at the rate claims were validated so
    /// far; `null` until enough claims are decided.
    pub forecast: Option<ForecastView>,
    pub by_mandate: Vec<MandateRow>,
    pub by_department: Vec<DepartmentRow>,
    pub by_date: Vec<DateRow>,
    /// Live entries by the day they were claimed, cumulative (drawn in
    /// HTML).
    #[serde(skip)]
    pub claimed_by_date: Vec<DateRow>,
    /// Live entries by the week they were claimed (weeks start on
    /// Monday), cumulative: the months before any publication.
    pub claims_by_week: Vec<WeekRow>,
    /// What changed after `--since`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<SinceView>,
}

/// What changed after a day: the sponsorships validated since.
#[derive(Debug, Serialize)]
pub struct SinceView {
    pub date: String,
    pub validated: u32,
    /// Who, for a one-candidate report (empty with `--all`).
    pub sponsors: Vec<SinceSponsor>,
}

#[derive(Debug, Serialize)]
pub struct SinceSponsor {
    pub last_name: String,
    pub first_name: String,
    pub mandate: &'static str,
    #[serde(skip)]
    pub kind: Mandate,
    pub circonscription: String,
    pub department: &'static str,
    pub published_on: String,
}

impl SinceSponsor {
    /// A sponsor as `report --since` and `diff` list them.
    pub fn of(s: &Sponsorship) -> SinceSponsor {
        SinceSponsor {
            last_name: s.last_name.clone(),
            first_name: s.first_name.clone(),
            mandate: s.mandate.code(),
            kind: s.mandate,
            circonscription: s.circonscription.clone(),
            department: s.department.code,
            published_on: s.published_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct MissingView {
    pub sponsorships: u32,
    pub departments: u32,
}

#[derive(Debug, Serialize)]
pub struct MandateRow {
    /// The mandate type code (SPEC.md).
    pub mandate: &'static str,
    #[serde(skip)]
    pub kind: Mandate,
    pub validated: u32,
    pub claimed: u32,
    /// Share of the candidate's validated sponsorships, 0 to 1.
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DepartmentRow {
    pub code: &'static str,
    pub name: &'static str,
    pub validated: u32,
    pub claimed: u32,
    pub at_cap: bool,
}

#[derive(Debug, Serialize)]
pub struct DateRow {
    pub date: String,
    pub validated: u32,
    pub cumulative: u32,
    /// Where a steady pace from the opening to the threshold at the close
    /// would be on that day.
    pub target: Option<u32>,
}

/// Claims made in one week.
#[derive(Debug, Serialize)]
pub struct WeekRow {
    /// The week's Monday.
    pub week: String,
    pub new: u32,
    pub cumulative: u32,
}

#[derive(Debug, Serialize)]
pub struct RankRow {
    pub rank: usize,
    pub candidate: String,
    pub validated: u32,
    pub claimed: u32,
    pub usable: u32,
    pub departments: u32,
    pub qualified: bool,
}

impl Report {
    /// Builds the report of `scope` (the candidates to detail) out of
    /// `ranking` (every candidate of the ledger).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        election: &Election,
        rules: Message,
        chosen: Option<ChosenBy>,
        as_of: NaiveDate,
        since: Option<NaiveDate>,
        scope: &[&CandidateTally],
        extras: &[Extras],
        ranking: &[&CandidateTally],
        sections: Sections,
    ) -> Report {
        Report {
            as_of: as_of.to_string(),
            today: as_of,
            election: ElectionView {
                opens: election.opens.map(|d| d.to_string()),
                closes: election.closes.map(paris_time),
                first_round: election.first_round.map(|d| d.to_string()),
                threshold: election.threshold,
                min_departments: election.min_departments,
                max_per_department: election.max_per_department(),
                rules: super::words::say(&rules, crate::lang::Lang::En),
                rules_said: rules,
                days_left: election.days_left(as_of),
                days_to_close: election.closes.map(|closes| (closes.date() - as_of).num_days()),
                closed: election.closed_on(as_of),
                closes_at: election.closes,
                closed_but_chosen: chosen.filter(|_| election.closed_on(as_of)),
            },
            candidates: scope
                .iter()
                .zip(extras)
                .map(|(t, extra)| CandidateView::new(t, extra, election, as_of, since))
                .collect(),
            ranking: ranking
                .iter()
                .enumerate()
                .map(|(i, t)| RankRow {
                    rank: i + 1,
                    candidate: t.name(),
                    validated: t.validated(),
                    claimed: t.claimed(),
                    usable: t.usable(election),
                    departments: t.departments(),
                    qualified: t.qualified(election),
                })
                .collect(),
            sections,
        }
    }
}

impl CandidateView {
    fn new(
        tally: &CandidateTally,
        extra: &Extras,
        election: &Election,
        as_of: NaiveDate,
        since: Option<NaiveDate>,
    ) -> CandidateView {
        let validated = tally.validated();
        let unit = |u: &UnitCount| DepartmentRow {
            code: u.department.code,
            name: u.department.name,
            validated: u.validated,
            claimed: u.claimed,
            at_cap: u.at_cap(election),
        };
        let missing = tally.missing(election);
        let mut cumulative = 0;
        CandidateView {
            candidate: tally.name(),
            validated,
            claimed: tally.claimed(),
            pending: tally.pending,
            lost: tally.lost,
            declined: tally.declined,
            usable: tally.usable(election),
            departments: tally.departments(),
            qualified: tally.qualified(election),
            usable_claimed: tally.usable_claimed(election),
            departments_claimed: tally.departments_claimed(),
            missing: MissingView {
                sponsorships: missing.sponsorships,
                departments: missing.departments,
            },
            nearest_cap: tally.nearest_cap().as_ref().map(unit),
            at_cap: tally.units_at_cap(election).iter().map(unit).collect(),
            pace_needed: tally.pace_needed(election, as_of).map(round2),
            pace_so_far: tally.pace_so_far(election, as_of).map(round2),
            forecast: tally.forecast().map(|f| ForecastView {
                rate: round2(f.rate),
                expected: round2(f.expected),
            }),
            by_mandate: tally
                .mandates()
                .into_iter()
                .map(|(mandate, v, c)| MandateRow {
                    mandate: mandate.code(),
                    kind: mandate,
                    validated: v,
                    claimed: c,
                    share: if validated == 0 {
                        0.0
                    } else {
                        round2(f64::from(v) / f64::from(validated))
                    },
                })
                .collect(),
            by_department: tally.units().iter().map(unit).collect(),
            by_date: tally
                .by_date
                .iter()
                .map(|(day, n)| {
                    cumulative += n;
                    DateRow {
                        date: day.to_string(),
                        validated: *n,
                        cumulative,
                        target: steady_target(election, *day),
                    }
                })
                .collect(),
            claims_by_week: weeks(&extra.claimed_by_date),
            claimed_by_date: extra
                .claimed_by_date
                .iter()
                .scan(0, |total, (day, n)| {
                    *total += n;
                    Some(DateRow {
                        date: day.to_string(),
                        validated: *n,
                        cumulative: *total,
                        target: None,
                    })
                })
                .collect(),
            since: since.map(|since| SinceView {
                date: since.to_string(),
                validated: tally
                    .by_date
                    .range(since.succ_opt().unwrap_or(since)..)
                    .map(|(_, n)| n)
                    .sum(),
                sponsors: extra.since.iter().map(SinceSponsor::of).collect(),
            }),
        }
    }

    /// The units not yet reached, in two: those with claims (live entries
    /// not validated), and those with nothing at all.
    pub fn not_reached_split(&self) -> (Vec<&'static Department>, Vec<&'static Department>) {
        self.not_reached().into_iter().partition(|unit| {
            self.by_department
                .iter()
                .any(|row| row.code == unit.code && row.claimed > 0)
        })
    }

    /// The units the candidate has no validated sponsor in yet, in code
    /// order: every département and collectivity, `ZZ` and `EU` included.
    pub fn not_reached(&self) -> Vec<&'static Department> {
        department::ALL
            .iter()
            .filter(|unit| {
                !self
                    .by_department
                    .iter()
                    .any(|row| row.code == unit.code && row.validated > 0)
            })
            .collect()
    }
}

/// Claims by the day they were made, gathered by week (weeks start on
/// Monday), with the running total.
fn weeks(by_day: &std::collections::BTreeMap<NaiveDate, u32>) -> Vec<WeekRow> {
    use chrono::Datelike;
    let mut by_week: std::collections::BTreeMap<NaiveDate, u32> = std::collections::BTreeMap::new();
    for (day, n) in by_day {
        let monday = *day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()));
        *by_week.entry(monday).or_default() += n;
    }
    let mut cumulative = 0;
    by_week
        .into_iter()
        .map(|(monday, new)| {
            cumulative += new;
            WeekRow {
                week: monday.to_string(),
                new,
                cumulative,
            }
        })
        .collect()
}

/// Two decimals are plenty for a pace or a share, and keep the JSON stable.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `2022-03-04T18:00:00+01:00`: the law's deadline is Paris time.
fn paris_time(at: NaiveDateTime) -> String {
    match chrono_tz::Europe::Paris.from_local_datetime(&at).single() {
        Some(at) => at.to_rfc3339(),
        // A time skipped or repeated by a clock change: keep it local.
        None => at.format("%Y-%m-%dT%H:%M:%S").to_string(),
    }
}

/// The columns of the report's tables, shared by the text formats (the
/// CSV names its own, for tools).
pub const RANKING_COLUMNS: [Key; 6] = [
    Key::NumberSign,
    Key::Candidate,
    Key::Validated,
    Key::Usable,
    Key::Departements,
    Key::Qualified,
];
pub const MANDATE_COLUMNS: [Key; 4] = [Key::Mandate, Key::Validated, Key::Claimed, Key::Share];
pub const DEPARTMENT_COLUMNS: [Key; 5] = [
    Key::Code,
    Key::Departement,
    Key::Validated,
    Key::Claimed,
    Key::Cap,
];
pub const DATE_COLUMNS: [Key; 4] = [Key::Date, Key::New, Key::Cumulative, Key::SteadyPace];

/// One line of a candidate's summary, in words, for the text formats.
#[derive(Debug)]
pub struct Fact {
    pub label: Message,
    pub value: Message,
    /// Progress towards a goal, 0 to 1 (or more), drawn as a bar in tables.
    pub progress: Option<f64>,
    /// Whether this line says if the candidate qualified (coloured so).
    pub is_qualification: bool,
}

impl Report {
    /// A candidate's summary as labelled lines, shared by table and markdown.
    pub fn facts(&self, c: &CandidateView) -> Vec<Fact> {
        let e = &self.election;
        let fact = |label: Key, value: Message, progress: Option<f64>| Fact {
            label: Message::new(label),
            value,
            progress,
            is_qualification: label == Key::Qualified,
        };
        let of_threshold = |n: u32| Some(f64::from(n) / f64::from(e.threshold.max(1)));
        let mut facts = vec![
            fact(
                Key::Validated,
                msg!(OfGoal, c.validated, e.threshold),
                of_threshold(c.validated),
            ),
            fact(
                Key::Claimed,
                msg!(OfGoal, c.claimed, e.threshold),
                of_threshold(c.claimed),
            ),
            fact(Key::Pending, msg!(PendingFact, c.pending), None),
            fact(Key::Lost, msg!(LostFact, c.lost), None),
            fact(Key::Declined, msg!(DeclinedFact, c.declined), None),
            fact(
                Key::Usable,
                msg!(
                    UsableFact,
                    c.usable,
                    e.threshold,
                    e.max_per_department,
                    c.usable_claimed
                ),
                None,
            ),
            fact(
                Key::Departements,
                msg!(
                    DepartementsFact,
                    c.departments,
                    e.min_departments,
                    c.departments_claimed
                ),
                None,
            ),
        ];
        let nearest = match &c.nearest_cap {
            Some(u) => msg!(NearestCapFact, u.code, u.name, u.validated, e.max_per_department),
            None => msg!(NoneYet),
        };
        facts.push(fact(Key::NearestCap, nearest, None));
        if !c.at_cap.is_empty() {
            let units: Vec<String> = c
                .at_cap
                .iter()
                .map(|u| format!("{} {} ({})", u.code, u.name, u.validated))
                .collect();
            facts.push(fact(Key::AtTheCap, msg!(Verbatim, units.join(", ")), None));
        }
        let qualified = match (c.qualified, c.missing.sponsorships, c.missing.departments) {
            (true, _, _) => msg!(Yes),
            (false, 0, departments) => msg!(MissingDepartements, departments),
            (false, sponsorships, 0) => msg!(MissingSponsorships, sponsorships),
            (false, sponsorships, departments) => msg!(MissingBoth, sponsorships, departments),
        };
        facts.push(fact(Key::Qualified, qualified, None));
        facts.push(fact(Key::Window, self.window(), None));
        let pace = match (c.pace_needed, c.pace_so_far) {
            (Some(needed), Some(so_far)) => {
                msg!(PaceBoth, Arg::Decimal(needed, 1), Arg::Decimal(so_far, 1))
            }
            (Some(needed), None) => msg!(PaceNeeded, Arg::Decimal(needed, 1)),
            (None, Some(so_far)) => msg!(PaceSoFar, Arg::Decimal(so_far, 1)),
            (None, None) => msg!(Unknown),
        };
        facts.push(fact(Key::Pace, pace, None));
        if let Some(forecast) = &c.forecast {
            facts.push(fact(
                Key::Forecast,
                msg!(
                    ForecastFact,
                    Arg::Decimal(forecast.expected.round(), 0),
                    c.pending,
                    Arg::Percent(forecast.rate)
                ),
                None,
            ));
        }
        facts
    }

    /// The window in words: when it closes and how many days are left;
    /// before the convening decree, that it is not open yet.
    pub fn window(&self) -> Message {
        let e = &self.election;
        match (e.closes_at, e.days_left) {
            (Some(closes), Some(left)) if left > 0 && e.opens.is_none() => {
                msg!(WindowNotOpen, Arg::DayTime(closes))
            }
            (Some(closes), Some(left)) if left > 0 => msg!(WindowCloses, Arg::DayTime(closes), left),
            (Some(closes), Some(_)) => msg!(WindowClosed, Arg::DayTime(closes)),
            _ => msg!(NoCloseDate),
        }
    }

    /// The units not yet reached, in words: those with claims, and those
    /// with nothing at all.
    pub fn not_reached_text(&self, c: &CandidateView) -> Message {
        let (claimed, nothing) = c.not_reached_split();
        let codes = |units: &[&Department]| units.iter().map(|u| u.code).collect::<Vec<_>>().join(" ");
        let total = claimed.len() + nothing.len();
        match (claimed.is_empty(), nothing.is_empty()) {
            (_, _) if total == 0 => msg!(NotReachedNone),
            (true, _) => msg!(NotReachedNothing, total, codes(&nothing)),
            (false, true) => msg!(NotReachedClaims, total, codes(&claimed)),
            (false, false) => msg!(
                NotReachedSplit,
                total,
                claimed.len(),
                codes(&claimed),
                nothing.len(),
                codes(&nothing)
            ),
        }
    }

    /// What the report says first when the settings name an election
    /// whose close is past.
    pub fn closed_note(&self) -> Option<Message> {
        let e = &self.election;
        match (e.closed_but_chosen, e.closes_at) {
            (Some(ChosenBy::Settings), Some(closes)) => {
                Some(msg!(SettingsNamePastElection, Arg::DayTime(closes)))
            }
            (Some(ChosenBy::CommandLine), Some(closes)) => {
                Some(msg!(CommandLineNamesPastElection, Arg::DayTime(closes)))
            }
            _ => None,
        }
    }
}

/// Makes a text safe to open in a spreadsheet: a cell starting with
/// `= + - @` would run as a formula, so it gets a leading apostrophe.
pub fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// "yes" / "no", as the tables write a qualification.
pub fn yes_no(flag: bool) -> Key {
    if flag { Key::Yes } else { Key::No }
}
