//! Compact rows for the count: each entry reduced to 32 bytes (its key,
//! reading order, spelling, day, unit, mandate and status), sorted in the
//! thread that read it, merged, and each (official, candidate) counted once,
//! the first row read, by the law's own count (`rules::tally`).

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::keys::{CandidateNames, KeyHasher};
use super::merge::{for_each_merged, on_hash_ranges, sort_by_hash};
use crate::rules::department;
use crate::rules::fold::tidy;
use crate::rules::tally::{CandidateTally, Tally};
use crate::rules::{Mandate, Status};
use crate::sponsorship::Sponsorship;

// A counted row packs its mandate and status in one byte: four bits of
// mandate, three of status, one for "has a claim date". A 17th mandate or
// a 9th status must not compile into another's count.
const _: () = assert!(Mandate::ALL.len() <= 16 && Status::ALL.len() <= 8);

/// One counted row, compactly: a million rows fit in 24 MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct CountedRow {
    /// The (official, candidate) key, 96 bits of its hash: rows with one
    /// key count once. (Two of five million different keys would share
    /// 96 bits by chance in fewer than one run in 10^15.)
    key_high: u64,
    key_low: u32,
    /// Reading order: the first row of a key counts.
    sequence: u32,
    spelling: u32,
    /// Days since 2000-01-01 of the publication; `NO_DAY` if none.
    day: u16,
    unit: u8,
    /// The mandate's index times 16, plus 8 if the entry has a claim
    /// date, plus the status's index.
    mandate_status: u8,
}

impl CountedRow {
    fn key(&self) -> (u64, u32) {
        (self.key_high, self.key_low)
    }

    fn mandate(&self) -> usize {
        usize::from(self.mandate_status >> 4)
    }

    fn status(&self) -> Status {
        Status::ALL[usize::from(self.mandate_status & 7)]
    }

    fn has_claim_date(&self) -> bool {
        self.mandate_status & 8 != 0
    }
}

const NO_DAY: u16 = u16::MAX;

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date")
}

/// Gathers the entries of a ledger, part by part (a file, or a half of a
/// large file read in its own thread), then counts them:
/// [`finish`](Self::finish) gives the [`Tally`].
#[derive(Clone, Default)]
pub struct TallyBuilder {
    keys: KeyHasher,
    names: CandidateNames,
    parts: Vec<Vec<CountedRow>>,
}

impl TallyBuilder {
    /// Takes one entry.
    pub fn add<S: AsRef<str>>(&mut self, s: &Sponsorship<S>) {
        let (spelling, candidate) = self.names.intern(s.candidate.as_ref());
        let [low, high] = self.keys.sponsorship(s, self.names.key_hash(candidate));
        if self.parts.is_empty() {
            self.parts.push(Vec::new());
        }
        let rows = self.parts.last_mut().expect("a part");
        let day = s
            .published_on
            .and_then(|d| u16::try_from((d - epoch()).num_days()).ok())
            .filter(|d| *d != NO_DAY)
            .unwrap_or(NO_DAY);
        rows.push(CountedRow {
            key_high: high,
            key_low: low as u32,
            sequence: u32::try_from(rows.len()).unwrap_or(u32::MAX),
            spelling,
            day,
            unit: s.department.index() as u8,
            mandate_status: (s.mandate.index() << 4
                | usize::from(s.claimed_on.is_some()) << 3
                | s.status.index()) as u8,
        });
    }

    /// Ends a part: its rows are sorted now, in the thread that read them.
    pub fn seal(&mut self) {
        for rows in &mut self.parts {
            sort_by_hash(rows, |row| row.key_high);
        }
    }

    /// Takes in what a later part gathered.
    pub fn absorb(&mut self, mut later: TallyBuilder) {
        let spellings = self.names.absorb(&later.names);
        // Later parts come after in reading order.
        let before = self.parts.iter().map(Vec::len).sum::<usize>();
        let before = u32::try_from(before).unwrap_or(u32::MAX);
        for rows in &mut later.parts {
            for row in rows.iter_mut() {
                row.spelling = spellings[row.spelling as usize].0;
                row.sequence = row.sequence.saturating_add(before);
            }
        }
        self.parts.append(&mut later.parts);
    }

    /// Counts every (official, candidate) once, the first row read, on up
    /// to `threads` threads.
    pub fn finish(self, threads: usize) -> Tally {
        let names = &self.names;
        let partials = on_hash_ranges(
            &self.parts,
            threads,
            |row| row.key_high,
            |range| Counts::of(range, names),
        );
        let mut all = Counts::new(names);
        for partial in partials {
            all.add(partial);
        }
        let Counts {
            mut candidates,
            spellings,
            days,
            duplicates,
        } = all;
        for ((candidate, day), n) in days {
            candidates[candidate as usize]
                .by_date
                .insert(epoch() + chrono::Duration::days(i64::from(day)), n);
        }
        for (spelling, count) in spellings.iter().enumerate() {
            let (text, candidate) = names.spelling(spelling as u32);
            if *count > 0 {
                // Spellings that differ only by spaces are one.
                candidates[candidate as usize].add_spelling(tidy(text), *count);
            }
        }
        let candidates = candidates
            .into_iter()
            .enumerate()
            .filter(|(_, t)| t.has_rows())
            .map(|(c, t)| (names.folded(c as u32).to_string(), t))
            .collect();
        Tally::new(candidates, duplicates)
    }
}

/// What the rows of a range of keys count.
struct Counts {
    candidates: Vec<CandidateTally>,
    /// Rows counted, per spelling of a candidate's name.
    spellings: Vec<u32>,
    /// Validated rows per candidate and publication day, counted as
    /// numbers and turned into dates once.
    days: FxHashMap<(u32, u16), u32>,
    duplicates: u32,
}

impl Counts {
    fn new(names: &CandidateNames) -> Counts {
        let mut candidates = Vec::new();
        candidates.resize_with(names.candidate_count(), CandidateTally::default);
        Counts {
            days: FxHashMap::default(),
            candidates,
            spellings: vec![0; names.spelling_count()],
            duplicates: 0,
        }
    }

    /// Counts the rows of sorted `parts`, merged. Each part is sorted by
    /// key then reading order, so the first row of a key is the first
    /// read.
    fn of(parts: &[&[CountedRow]], names: &CandidateNames) -> Counts {
        let mut counts = Counts::new(names);
        let candidate_of: Vec<u32> = (0..names.spelling_count())
            .map(|s| names.spelling(s as u32).1)
            .collect();
        let mut last_key = None;
        for_each_merged(parts, |row| {
            if last_key == Some(row.key()) {
                counts.duplicates += 1;
                return;
            }
            last_key = Some(row.key());
            counts.spellings[row.spelling as usize] += 1;
            let candidate = candidate_of[row.spelling as usize];
            let tally = &mut counts.candidates[candidate as usize];
            let unit = &department::ALL[usize::from(row.unit)];
            let mandate = Mandate::ALL[row.mandate()];
            let status = row.status();
            let dated = row.day != NO_DAY;
            tally.count(status, unit, mandate, dated, row.has_claim_date());
            if status == Status::Validated && dated {
                *counts.days.entry((candidate, row.day)).or_default() += 1;
            }
        });
        counts
    }

    /// Adds the counts of another range of keys.
    fn add(&mut self, other: Counts) {
        for (mine, theirs) in self.candidates.iter_mut().zip(&other.candidates) {
            mine.add(theirs);
        }
        for (a, b) in self.spellings.iter_mut().zip(&other.spellings) {
            *a += b;
        }
        for (day, n) in other.days {
            *self.days.entry(day).or_default() += n;
        }
        self.duplicates += other.duplicates;
    }
}

/// Counts the entries of `entries`, in order, on one thread.
#[cfg(test)]
pub fn tally_of<'a>(entries: impl IntoIterator<Item = &'a Sponsorship>) -> Tally {
    let mut builder = TallyBuilder::default();
    for entry in entries {
        builder.add(entry);
    }
    builder.seal();
    builder.finish(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Department;

    /// Every mandate and status, with and without a claim date, comes back
    /// out of the one byte a counted row packs them in.
    #[test]
    fn every_mandate_and_status_round_trips_through_the_compact_row() {
        for mandate in Mandate::ALL {
            for status in Status::ALL {
                for claim_dated in [false, true] {
                    let entry = Sponsorship {
                        status,
                        candidate: "MARTIN Claire",
                        civility: None,
                        last_name: "DUPONT",
                        first_name: "Jean",
                        mandate,
                        circonscription: "",
                        department: Department::lookup("55").unwrap(),
                        claimed_on: claim_dated.then(|| NaiveDate::from_ymd_opt(2022, 1, 5).unwrap()),
                        published_on: None,
                        source: "",
                        notes: "",
                    };
                    let mut builder = TallyBuilder::default();
                    builder.add(&entry);
                    let row = builder.parts[0][0];
                    assert_eq!(Mandate::ALL[row.mandate()], mandate);
                    assert_eq!(row.status(), status);
                    assert_eq!(row.has_claim_date(), claim_dated, "{mandate:?} {status:?}");
                }
            }
        }
    }
}
