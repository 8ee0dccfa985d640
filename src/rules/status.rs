//! Where a sponsorship stands, from a promise to its publication.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::fold::fold;
use crate::message::Message;
use crate::msg;

/// The status of a ledger entry (SPEC.md, column `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Promised to the campaign.
    Claimed,
    /// The official says the form is posted.
    Sent,
    /// Published by the Conseil constitutionnel for this candidate.
    Validated,
    /// Refused by the Conseil, or arrived late.
    Rejected,
    /// The promise was taken back.
    Withdrawn,
    /// Published for another candidate.
    Lost,
    /// The official said no: counts nowhere, and is no longer a prospect.
    Declined,
}

impl Status {
    /// Its place in [`ALL`](Self::ALL), which lists the statuses in the
    /// order they are declared.
    pub const fn index(self) -> usize {
        self as usize
    }

    pub const ALL: [Status; 7] = [
        Status::Claimed,
        Status::Sent,
        Status::Validated,
        Status::Rejected,
        Status::Withdrawn,
        Status::Lost,
        Status::Declined,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Claimed => "claimed",
            Status::Sent => "sent",
            Status::Validated => "validated",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
            Status::Lost => "lost",
            Status::Declined => "declined",
        }
    }

    /// Live entries may still count: `claimed`, `sent` and `validated`.
    pub fn is_live(self) -> bool {
        matches!(self, Status::Claimed | Status::Sent | Status::Validated)
    }

    /// Pending entries are live but not yet published.
    pub fn is_pending(self) -> bool {
        matches!(self, Status::Claimed | Status::Sent)
    }
}

/// How an entry stood on `day` (SPEC.md, `--as-of`): `None` if it did not
/// count at all then.
///
/// - A row claimed after `day` counts nowhere, whatever its status.
/// - A `validated` or `lost` row published after `day` (for this
///   candidate, or for another) was pending on `day` if it was claimed by
///   then; with no claim date the campaign did not know it yet.
/// - `rejected`, `withdrawn` and `declined` carry no date of their own:
///   they count under their status from their `claimed_on` (always, when
///   it is empty); so do `claimed` and `sent`.
pub fn status_on(
    status: Status,
    claimed_on: Option<NaiveDate>,
    published_on: Option<NaiveDate>,
    day: NaiveDate,
) -> Option<Status> {
    if claimed_on.is_some_and(|claimed| claimed > day) {
        return None;
    }
    match status {
        Status::Validated | Status::Lost if published_on.is_some_and(|published| published > day) => {
            claimed_on.is_some().then_some(Status::Claimed)
        }
        _ => Some(status),
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Status {
    /// The status `text` names, or why it names none.
    pub fn typed(text: &str) -> Result<Status, Message> {
        text.parse::<Status>().map_err(|()| Status::refusal(text))
    }

    /// The statuses, and the one `text` may stand for, if one is close.
    fn codes_and_meant(text: &str) -> (String, Option<&'static str>) {
        let codes = Status::ALL.map(Status::code);
        let meant = crate::rules::identity::did_you_mean(text, codes);
        (codes.join(", "), meant)
    }

    /// What to write instead of `text`, which is no status: the one meant,
    /// if one is close, and the statuses.
    pub fn hint(text: &str) -> Message {
        match Status::codes_and_meant(text) {
            (codes, Some(meant)) => msg!(StatusHintMeant, meant, codes),
            (codes, None) => msg!(StatusHint, codes),
        }
    }

    /// Why `text` is refused as a status: the statuses, and the one meant.
    pub fn refusal(text: &str) -> Message {
        match Status::codes_and_meant(text) {
            (codes, Some(meant)) => msg!(NotAStatusMeant, text, meant, codes),
            (codes, None) => msg!(NotAStatus, text, codes),
        }
    }
}

impl FromStr for Status {
    type Err = ();

    /// Reads the English code, or the French word a volunteer may type
    /// (`promis`, `envoyé`, `validé`, `rejeté`, `retiré`, `perdu`).
    fn from_str(text: &str) -> Result<Status, ()> {
        match fold(text).as_str() {
            "claimed" | "promis" | "promise" => Ok(Status::Claimed),
            "sent" | "envoye" | "envoyee" => Ok(Status::Sent),
            "validated" | "valide" | "validee" => Ok(Status::Validated),
            "rejected" | "rejete" | "rejetee" => Ok(Status::Rejected),
            "withdrawn" | "retire" | "retiree" => Ok(Status::Withdrawn),
            "lost" | "perdu" | "perdue" => Ok(Status::Lost),
            "declined" | "refuse" | "refusee" | "decline" => Ok(Status::Declined),
            _ => Err(()),
        }
    }
}
