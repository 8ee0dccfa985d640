//! Rules about a single entry that need the election: dates against the
//! window, status against dates. Cross-row rules are in `identity`.

use chrono::{Datelike, NaiveDate};

use super::election::{Election, PRESETS};
use super::status::Status;
use crate::diagnostic::Code;
use crate::diagnostic::Severity;
use crate::message::{Arg, Message};
use crate::msg;
use crate::sponsorship::Field;
use crate::sponsorship::Sponsorship;

/// One problem with one entry, not yet located in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryProblem {
    pub severity: Severity,
    pub code: Code,
    pub field: Field,
    pub message: Message,
    pub hint: Option<Message>,
}

/// An entry's status and dates: what the rules of this module judge, read
/// even when the rest of the row is wrong (the status itself may be
/// unknown).
#[derive(Debug, Clone, Copy)]
pub struct DatedStatus {
    pub status: Option<Status>,
    pub claimed_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
}

impl<S> From<&Sponsorship<S>> for DatedStatus {
    fn from(s: &Sponsorship<S>) -> DatedStatus {
        DatedStatus {
            status: Some(s.status),
            claimed_on: s.claimed_on,
            published_on: s.published_on,
        }
    }
}

/// What is wrong with `s` under `election`'s rules; `today`, the real date,
/// when known: no promise and no publication can be dated after it.
pub fn entry_problems(s: &DatedStatus, election: &Election, today: Option<NaiveDate>) -> Vec<EntryProblem> {
    let mut problems = Vec::new();
    let mut push = |severity, code, field, message: Message, hint: Option<Message>| {
        problems.push(EntryProblem {
            severity,
            code,
            field,
            message,
            hint,
        });
    };
    match (s.status, s.published_on) {
        (Some(Status::Validated), None) => push(
            Severity::Error,
            Code::StatusDateMismatch,
            Field::PublishedOn,
            msg!(ValidatedWithoutPublication),
            Some(msg!(WritePublicationDateOrSent)),
        ),
        (Some(status @ (Status::Claimed | Status::Sent)), Some(day)) => push(
            Severity::Warning,
            Code::StatusDateMismatch,
            Field::PublishedOn,
            msg!(StatusButPublished, Arg::Status(status), day),
            Some(msg!(SetValidatedIfPublished)),
        ),
        _ => {}
    }
    if let (Some(day), Some(today)) = (s.published_on, today)
        && day > today
    {
        push(
            Severity::Error,
            Code::BadDate,
            Field::PublishedOn,
            msg!(PublishedInTheFuture, day, today),
            Some(msg!(WritePublicationDate)),
        );
    }
    if let (Some(day), Some(today)) = (s.claimed_on, today)
        && day > today
    {
        push(
            Severity::Error,
            Code::BadDate,
            Field::ClaimedOn,
            msg!(PromisedInTheFuture, day, today),
            Some(msg!(WritePromiseDay)),
        );
    }
    if let (Some(claimed), Some(published)) = (s.claimed_on, s.published_on)
        && claimed > published
    {
        push(
            Severity::Warning,
            Code::StatusDateMismatch,
            Field::ClaimedOn,
            msg!(PromisedAfterPublication, claimed, published),
            Some(msg!(CheckBothDates)),
        );
    }
    if let Some(day) = s.published_on
        && !election.publication_in_range(day)
    {
        let why = match (election.opens, election.first_round) {
            (Some(opens), _) if day < opens => msg!(BeforeTheWindow, opens),
            (_, Some(first)) => msg!(OnOrAfterFirstRound, first),
            _ => msg!(OutsideTheWindow),
        };
        let year = u16::try_from(day.year()).unwrap_or_default();
        let hint = if PRESETS.contains(&year) && election.year != Some(year) {
            msg!(PublicationOfAnotherElection, year.to_string(), year.to_string())
        } else {
            msg!(CheckDateAndSettings)
        };
        push(
            Severity::Error,
            Code::OutsideWindow,
            Field::PublishedOn,
            msg!(PublishedOutsideWindow, day, why),
            Some(hint),
        );
    }
    if let (Some(day), Some(closes)) = (s.claimed_on, election.closes)
        && day > closes.date()
        && s.status.is_some_and(Status::is_pending)
    {
        push(
            Severity::Warning,
            Code::OutsideWindow,
            Field::ClaimedOn,
            msg!(PromisedAfterClose, day, Arg::DayTime(closes)),
            None,
        );
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Department, Mandate};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn entry(
        status: Status,
        claimed: Option<NaiveDate>,
        published: Option<NaiveDate>,
    ) -> Sponsorship<&'static str> {
        Sponsorship {
            status,
            candidate: "MARTIN Claire",
            civility: None,
            last_name: "DUPONT",
            first_name: "Jean",
            mandate: Mandate::Mayor,
            circonscription: "Verdun",
            department: Department::lookup("55").unwrap(),
            claimed_on: claimed,
            published_on: published,
            source: "",
            notes: "",
        }
    }

    /// The codes and severities of what is wrong with `s` under the 2022 rules.
    fn problems(s: &Sponsorship<&str>, today: Option<NaiveDate>) -> Vec<(Severity, Code, Field)> {
        entry_problems(&DatedStatus::from(s), &Election::default(), today)
            .into_iter()
            .map(|p| (p.severity, p.code, p.field))
            .collect()
    }

    #[test]
    fn a_good_claim_and_a_good_validation_have_no_problem() {
        assert!(problems(&entry(Status::Claimed, Some(day(2022, 1, 5)), None), None).is_empty());
        let validated = entry(Status::Validated, Some(day(2022, 1, 5)), Some(day(2022, 2, 8)));
        assert!(problems(&validated, Some(day(2022, 3, 1))).is_empty());
    }

    #[test]
    fn status_and_dates_must_agree() {
        assert_eq!(
            problems(&entry(Status::Validated, None, None), None),
            [(Severity::Error, Code::StatusDateMismatch, Field::PublishedOn)]
        );
        assert_eq!(
            problems(&entry(Status::Sent, None, Some(day(2022, 2, 8))), None),
            [(Severity::Warning, Code::StatusDateMismatch, Field::PublishedOn)]
        );
        // Promised after its own publication.
        assert_eq!(
            problems(
                &entry(Status::Validated, Some(day(2022, 2, 9)), Some(day(2022, 2, 8))),
                None
            ),
            [(Severity::Warning, Code::StatusDateMismatch, Field::ClaimedOn)]
        );
    }

    #[test]
    fn dates_must_fall_in_the_window_and_not_in_the_future() {
        // Published in the future of the real date.
        assert_eq!(
            problems(
                &entry(Status::Validated, None, Some(day(2022, 2, 8))),
                Some(day(2022, 2, 1))
            ),
            [(Severity::Error, Code::BadDate, Field::PublishedOn)]
        );
        // Published before the 2022 window opened: a 2017 publication?
        let early = entry_problems(
            &DatedStatus::from(&entry(Status::Validated, None, Some(day(2017, 3, 1)))),
            &Election::default(),
            None,
        );
        assert_eq!(early.len(), 1);
        assert_eq!(early[0].code, Code::OutsideWindow);
        // The hint names the other election.
        assert!(
            format!("{:?}", early[0].hint).contains("2017"),
            "{:?}",
            early[0].hint
        );
        // A claim made after the close does not count: a warning.
        assert_eq!(
            problems(&entry(Status::Claimed, Some(day(2022, 3, 5)), None), None),
            [(Severity::Warning, Code::OutsideWindow, Field::ClaimedOn)]
        );
        // Validated ones are not pending: their claim date is history.
        assert!(
            problems(
                &entry(Status::Validated, Some(day(2022, 3, 1)), Some(day(2022, 3, 3))),
                None
            )
            .is_empty()
        );
    }
}
