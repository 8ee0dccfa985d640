//! The election: its window and the numbers of the distribution rule
//! (RULES.md §1 and §3).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use crate::message::{Arg, Key, Message};
use crate::msg;

/// One presidential election's rules. Dates and times are Paris time.
#[derive(Debug, Clone, PartialEq)]
pub struct Election {
    /// The preset this started from, if any.
    pub year: Option<u16>,
    /// First day présentations may be sent (publication of the convening
    /// decree in the Journal officiel).
    pub opens: Option<NaiveDate>,
    /// When présentations must have reached the Conseil constitutionnel.
    pub closes: Option<NaiveDateTime>,
    pub first_round: Option<NaiveDate>,
    /// Sponsorships needed (500).
    pub threshold: u32,
    /// Distinct départements or collectivities needed (30).
    pub min_departments: u32,
    /// Largest share of the threshold that one unit may provide (1/10).
    pub max_share: f64,
}

/// The presets the tool knows, oldest first.
pub const PRESETS: [u16; 3] = [2017, 2022, 2027];

/// Days after its close that an election's collection period still runs:
/// the Conseil publishes the last forms a few days after the close.
const LATE_PUBLICATIONS: i64 = 15;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid preset date")
}

impl Default for Election {
    /// With no settings at all, the 2022 rules apply.
    fn default() -> Election {
        Election::preset(2022).expect("2022 is a preset")
    }
}

impl Election {
    /// The rules of a known election (RULES.md §3; [`provenance`](Self::provenance)
    /// says where each preset's dates come from).
    pub fn preset(year: u16) -> Option<Election> {
        let (opens, first_round) = match year {
            2017 => (Some(date(2017, 2, 24)), Some(date(2017, 4, 23))),
            2022 => (Some(date(2022, 1, 27)), Some(date(2022, 4, 10))),
            // The opening is the convening decree's publication, not yet
            // known: no "before the window" check until a setting gives it.
            2027 => (None, Some(date(2027, 4, 18))),
            _ => return None,
        };
        Some(Election {
            year: Some(year),
            opens,
            closes: first_round.map(close_for_first_round),
            first_round,
            threshold: 500,
            min_departments: 30,
            max_share: 0.1,
        })
    }

    /// Where a preset's dates come from, for the report and `init`: the
    /// decree that opened a past election, or the sources of a coming one.
    pub fn provenance(year: u16) -> Option<Message> {
        let preset = Election::preset(year)?;
        let (closes, first_round) = (Arg::DayTime(preset.closes?), preset.first_round?);
        let decree = match year {
            2017 => "décret n° 2017-223",
            2022 => "décret n° 2022-66",
            2027 => return Some(msg!(Preset2027Dates, first_round, closes)),
            _ => return None,
        };
        Some(msg!(PresetDates, preset.opens?, decree, closes, first_round))
    }

    /// The dates that apply, in words: `opens 2022-01-27, closes 2022-03-04
    /// 18:00, first round 2022-04-10`, each left out when unknown.
    pub fn dates(&self) -> Message {
        let parts = [
            self.opens.map(|opens| msg!(DatesOpens, opens)),
            self.closes.map(|closes| msg!(DatesCloses, Arg::DayTime(closes))),
            self.first_round.map(|first| msg!(DatesFirstRound, first)),
        ];
        Message::joined(parts.into_iter().flatten(), Key::Comma).unwrap_or_else(|| msg!(NoDatesYet))
    }

    /// The days of a preset's collection period: from the day after the
    /// previous preset's period (none for the first) to its own close plus
    /// fifteen days (late publications). The periods do not overlap: 2017
    /// up to 2017-04-01, 2022 from 2017-04-02 to 2022-03-19, 2027 from
    /// 2022-03-20 to 2027-03-27.
    pub fn collection_period(year: u16) -> Option<(Option<NaiveDate>, NaiveDate)> {
        let end = |year: u16| {
            Election::preset(year)
                .and_then(|e| e.closes)
                .map(|closes| closes.date() + Duration::days(LATE_PUBLICATIONS))
        };
        let at = PRESETS.iter().position(|y| *y == year)?;
        let start = at
            .checked_sub(1)
            .and_then(|previous| end(PRESETS[previous]))
            .map(|previous_end| previous_end + Duration::days(1));
        Some((start, end(year)?))
    }

    /// The preset whose collection period holds `day`, if any (a day after
    /// the last period holds none).
    pub fn collecting_on(day: NaiveDate) -> Option<u16> {
        PRESETS.iter().copied().find(|year| {
            Election::collection_period(*year)
                .is_some_and(|(start, end)| start.is_none_or(|start| day >= start) && day <= end)
        })
    }

    /// The next election on `today`: the first preset whose close is not
    /// past (the close day itself is not past), and `false`; or, when every
    /// close is past, the latest preset and `true`.
    pub fn next_on(today: NaiveDate) -> (u16, bool) {
        PRESETS
            .iter()
            .copied()
            .find(|year| {
                Election::preset(*year)
                    .and_then(|e| e.closes)
                    .is_some_and(|closes| closes.date() >= today)
            })
            .map_or((PRESETS[PRESETS.len() - 1], true), |year| (year, false))
    }

    /// Whether the close is past on `today` (the close day is not).
    pub fn closed_on(&self, today: NaiveDate) -> bool {
        self.closes.is_some_and(|closes| closes.date() < today)
    }

    /// Sets the first round and derives the close from it.
    pub fn set_first_round(&mut self, first_round: NaiveDate) {
        self.first_round = Some(first_round);
        self.closes = Some(close_for_first_round(first_round));
    }

    /// The most sponsors from one unit that count towards the threshold: a
    /// tenth of the 500 required, i.e. 50 (RULES.md §1).
    pub fn max_per_department(&self) -> u32 {
        // The epsilon keeps 500 × 0.1 at 50 despite binary fractions.
        (f64::from(self.threshold) * self.max_share + 1e-9).floor() as u32
    }

    /// Whether a publication dated `day` is plausible: not before the window
    /// opens, and not after the first round (the Conseil publishes the last
    /// forms a few days after the close, never after the vote).
    pub fn publication_in_range(&self, day: NaiveDate) -> bool {
        self.opens.is_none_or(|opens| day >= opens) && self.first_round.is_none_or(|first| day < first)
    }

    /// Whether anyone could qualify under these rules, and the window
    /// closes after it opens: settings that say otherwise are a mistake.
    pub fn possible(&self) -> Result<(), Message> {
        let cap = self.max_per_department();
        let units = crate::rules::department::ALL.len() as u32;
        if cap == 0 {
            return Err(msg!(CapOfZero, self.max_share.to_string()));
        }
        if cap.saturating_mul(units) < self.threshold {
            return Err(msg!(ThresholdOutOfReach, cap, units, self.threshold));
        }
        if self.min_departments > units {
            return Err(msg!(
                MoreDepartementsThanUnits,
                self.min_departments.to_string(),
                units
            ));
        }
        if let (Some(opens), Some(closes)) = (self.opens, self.closes)
            && opens > closes.date()
        {
            return Err(msg!(ClosesBeforeOpening, Arg::DayTime(closes), opens));
        }
        Ok(())
    }

    /// The days left to gather, `as_of` and the close day both included
    /// (forms may arrive until 18:00 that day): 2 on the day before the
    /// close, 1 on the day itself, 0 or less once it has closed.
    pub fn days_left(&self, as_of: NaiveDate) -> Option<i64> {
        self.closes.map(|closes| (closes.date() - as_of).num_days() + 1)
    }
}

/// Today's date in Paris, where the law's deadlines are set.
pub fn today_in_paris() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
}

/// How a day was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayForm {
    /// `2027-04-18`, as ledgers store days.
    Iso,
    /// `18/04/2027`, as French people and the Conseil's files write them.
    French,
}

/// Why a text is not a day of the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotADay {
    /// The text, trimmed.
    pub text: String,
    pub why: DayProblem,
}

/// What is wrong with a text read as a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayProblem {
    /// Not written `YYYY-MM-DD` or `dd/mm/yyyy`.
    Form,
    /// A year of fewer than four digits.
    ShortYear,
    NoSuchMonth(u32),
    NoSuchDay {
        day: u32,
        month: u32,
        year: u32,
    },
}

impl From<NotADay> for Message {
    fn from(not: NotADay) -> Message {
        let text = not.text;
        match not.why {
            DayProblem::Form => msg!(NotADate, text),
            DayProblem::ShortYear => msg!(YearOfFourDigits, text),
            DayProblem::NoSuchMonth(month) => msg!(NoSuchMonth, text, month),
            DayProblem::NoSuchDay { day, month, year } => msg!(NoSuchDay, text, day, month, year),
        }
    }
}

/// A day of the calendar written `2027-04-18` or `18/04/2027`, with a year
/// of four digits (so no date can take the calendar's arithmetic out of
/// range), and how it was written. The one reader of days: flags and
/// ledger cells alike.
pub fn read_day(text: &str) -> Result<(NaiveDate, DayForm), NotADay> {
    let text = text.trim();
    let not = |why| NotADay {
        text: text.to_string(),
        why,
    };
    let numbers = |separator: char| -> Option<Vec<&str>> {
        let parts: Vec<&str> = text.split(separator).collect();
        (parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
        .then_some(parts)
    };
    let (year, month, day, form) = match (numbers('-'), numbers('/')) {
        (Some(p), _) if p[0].len() == 4 && p[1].len() <= 2 && p[2].len() <= 2 => {
            (p[0], p[1], p[2], DayForm::Iso)
        }
        (_, Some(p)) if p[2].len() == 4 && p[0].len() <= 2 && p[1].len() <= 2 => {
            (p[2], p[1], p[0], DayForm::French)
        }
        _ => return Err(not(DayProblem::Form)),
    };
    let number = |digits: &str| digits.parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(year), number(month), number(day));
    if year < 1000 {
        return Err(not(DayProblem::ShortYear));
    }
    if !(1..=12).contains(&month) {
        return Err(not(DayProblem::NoSuchMonth(month)));
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .map(|date| (date, form))
        .ok_or_else(|| not(DayProblem::NoSuchDay { day, month, year }))
}

/// A day typed on the command line, either way.
pub fn parse_day(text: &str) -> Result<NaiveDate, NotADay> {
    read_day(text).map(|(date, _)| date)
}

/// The close: the sixth Friday before the first round, at 18:00 (RULES.md §3).
pub fn close_for_first_round(first_round: NaiveDate) -> NaiveDateTime {
    let mut friday = first_round - Duration::days(1);
    while friday.weekday() != Weekday::Fri {
        friday -= Duration::days(1);
    }
    let sixth = friday - Duration::weeks(5);
    sixth.and_time(NaiveTime::from_hms_opt(18, 0, 0).expect("18:00"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_is_the_sixth_friday_before_at_six() {
        let at = |y, m, d| date(y, m, d).and_hms_opt(18, 0, 0).unwrap();
        assert_eq!(close_for_first_round(date(2022, 4, 10)), at(2022, 3, 4));
        assert_eq!(close_for_first_round(date(2017, 4, 23)), at(2017, 3, 17));
        assert_eq!(close_for_first_round(date(2027, 4, 11)), at(2027, 3, 5));
        assert_eq!(close_for_first_round(date(2027, 4, 18)), at(2027, 3, 12));
        // A first round on a Friday does not count that Friday.
        assert_eq!(close_for_first_round(date(2022, 4, 8)), at(2022, 2, 25));
    }

    #[test]
    fn the_2027_preset_closes_on_12_march_and_has_no_opening() {
        let election = Election::preset(2027).unwrap();
        assert_eq!(election.first_round, Some(date(2027, 4, 18)));
        assert_eq!(
            election.closes,
            Some(date(2027, 3, 12).and_hms_opt(18, 0, 0).unwrap())
        );
        assert_eq!(election.opens, None);
        let said = crate::render::words::say(&Election::provenance(2027).unwrap(), crate::lang::Lang::En);
        assert!(said.contains("not yet published"), "{said}");
        assert_eq!(Election::preset(2017).unwrap().opens, Some(date(2017, 2, 24)));
    }

    #[test]
    fn collection_periods_follow_one_another() {
        assert_eq!(Election::collection_period(2017), Some((None, date(2017, 4, 1))));
        assert_eq!(
            Election::collection_period(2022),
            Some((Some(date(2017, 4, 2)), date(2022, 3, 19)))
        );
        assert_eq!(
            Election::collection_period(2027),
            Some((Some(date(2022, 3, 20)), date(2027, 3, 27)))
        );
        assert_eq!(Election::collecting_on(date(2017, 4, 1)), Some(2017));
        assert_eq!(Election::collecting_on(date(2017, 4, 2)), Some(2022));
        assert_eq!(Election::collecting_on(date(2022, 3, 19)), Some(2022));
        assert_eq!(Election::collecting_on(date(2022, 3, 20)), Some(2027));
        assert_eq!(Election::collecting_on(date(2026, 12, 3)), Some(2027));
        assert_eq!(Election::collecting_on(date(2027, 3, 28)), None);
    }

    #[test]
    fn the_next_election_is_the_first_whose_close_is_not_past() {
        assert_eq!(Election::next_on(date(2026, 12, 3)), (2027, false));
        assert_eq!(Election::next_on(date(2022, 3, 4)), (2022, false));
        assert_eq!(Election::next_on(date(2022, 3, 5)), (2027, false));
        assert_eq!(Election::next_on(date(2030, 1, 1)), (2027, true));
        let closed = Election::preset(2022).unwrap();
        assert!(!closed.closed_on(date(2022, 3, 4)));
        assert!(closed.closed_on(date(2022, 3, 5)));
    }

    #[test]
    fn defaults_are_2022() {
        let election = Election::default();
        assert_eq!(election.opens, Some(date(2022, 1, 27)));
        assert_eq!(election.max_per_department(), 50);
        assert_eq!(election.threshold, 500);
        assert_eq!(election.min_departments, 30);
    }

    #[test]
    fn cap_follows_settings() {
        let mut election = Election {
            threshold: 600,
            ..Election::default()
        };
        assert_eq!(election.max_per_department(), 60);
        election.max_share = 0.15;
        assert_eq!(election.max_per_department(), 90);
    }

    #[test]
    fn days_left() {
        let election = Election::default();
        assert_eq!(election.days_left(date(2022, 3, 3)), Some(2));
        assert_eq!(election.days_left(date(2022, 3, 4)), Some(1));
        assert_eq!(election.days_left(date(2022, 3, 5)), Some(0));
    }
}
