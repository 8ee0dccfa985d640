//! The registry of `check`: every entry's identity kept compactly, then
//! judged together, person by person, by the one rule of
//! `rules::identity::finding`: the same official twice, for one candidate or
//! for several, and possible homonyms.

use rustc_hash::FxHashMap;

use super::keys::{CandidateNames, KeyHasher};
use super::merge::{for_each_group, on_hash_ranges, sort_by_hash};
use crate::rules::identity::{FindingKind, Pair, finding};
use crate::sponsorship::Entry;

/// Where a row starts: the part of the ledger (a file, or a half of a
/// large file, numbered in reading order), and its byte offset there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowStart {
    pub part: u16,
    pub offset: u64,
}

/// `part` and `offset` in one number that sorts in reading order.
fn pack(place: RowStart) -> u64 {
    (u64::from(place.part) << 48) | (place.offset & ((1 << 48) - 1))
}

/// A row of the registry, in 32 bytes. Sorted, the rows of one person
/// (name and unit) come together, and among them the rows of one official,
/// in reading order. Lines are not kept, but counted again for the few rows
/// a finding names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct IdentityRow {
    /// 64 bits of the hash of the person's folded name and unit.
    person: u64,
    /// 64 bits of the hash of the official's folded identity: with the
    /// person, 128 bits tell officials apart.
    official: u64,
    /// Part and offset, packed: reading order.
    order: u64,
    /// The candidate's number, with `LIVE` and `HOMONYMS` flags.
    candidate: u32,
}

impl IdentityRow {
    fn official(&self) -> (u64, u64) {
        (self.person, self.official)
    }

    fn candidate(&self) -> u32 {
        self.candidate & !(LIVE | HOMONYMS)
    }

    fn is_live(&self) -> bool {
        self.candidate & LIVE != 0
    }
}

/// The row's entry is live (claimed, sent or validated).
const LIVE: u32 = 1 << 31;
/// The row asks for homonym warnings (a campaign's ledger).
const HOMONYMS: u32 = 1 << 30;

/// One finding: the later row, the earlier row it repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judgement {
    pub kind: FindingKind,
    pub later: RowStart,
    pub first: RowStart,
}

/// Remembers the identity of every entry of a ledger, compactly, and then
/// judges them together: the same official twice, for one candidate or for
/// several, and possible homonyms. Collected part by part (a file, or half
/// of a large one, read in its own thread), then judged in reading order.
#[derive(Default)]
pub struct Registry {
    keys: KeyHasher,
    names: CandidateNames,
    /// One list of rows per part.
    rows: Vec<Vec<IdentityRow>>,
}

impl Registry {
    /// Records `s`, read at `at`. Homonym warnings are asked for only where
    /// they help: in a campaign's ledger, not in an official publication
    /// whose rows the Conseil has already told apart.
    pub fn record(&mut self, s: &Entry, at: RowStart, warn_homonyms: bool) {
        let keys = self.keys.keys(s);
        let (_, candidate) = self.names.intern(s.candidate);
        if self.rows.is_empty() {
            self.rows.push(Vec::new());
        }
        let live = if s.status.is_live() { LIVE } else { 0 };
        let homonyms = if warn_homonyms { HOMONYMS } else { 0 };
        self.rows[0].push(IdentityRow {
            person: keys.person,
            official: keys.official[1],
            order: pack(at),
            candidate: candidate | live | homonyms,
        });
    }

    /// Ends a part: its rows are sorted now, in the thread that read them.
    pub fn seal(&mut self) {
        for rows in &mut self.rows {
            sort_by_hash(rows, |row| row.person);
        }
    }

    /// Takes in what a later part recorded.
    pub fn absorb(&mut self, mut later: Registry) {
        let spellings = self.names.absorb(&later.names);
        // Their candidate numbers, in ours.
        let mut candidates = vec![0u32; later.names.candidate_count()];
        for (spelling, (_, ours)) in spellings.iter().enumerate() {
            candidates[later.names.spelling(spelling as u32).1 as usize] = *ours;
        }
        for rows in &mut later.rows {
            for row in rows.iter_mut() {
                let flags = row.candidate & (LIVE | HOMONYMS);
                row.candidate = candidates[row.candidate() as usize] | flags;
            }
        }
        self.rows.append(&mut later.rows);
    }

    /// Every finding, in no particular order. The rows of each person are
    /// judged in one pass, so that no input makes this quadratic; ranges
    /// of persons are judged side by side on up to `threads` threads.
    pub fn judge(&self, threads: usize) -> Vec<Judgement> {
        let judge_range = |parts: &[&[IdentityRow]]| {
            let mut found = Vec::new();
            for_each_group(
                parts,
                |a, b| a.person == b.person,
                |person| {
                    judge_person(person, &mut found);
                },
            );
            found
        };
        on_hash_ranges(&self.rows, threads, |row| row.person, judge_range)
            .into_iter()
            .flatten()
            .collect()
    }
}

fn unpack(order: u64) -> RowStart {
    RowStart {
        part: (order >> 48) as u16,
        offset: order & ((1 << 48) - 1),
    }
}

/// Rows of one person (name and unit), sorted by official then reading
/// order: each official's rows are judged, then the person's.
fn judge_person(rows: &[IdentityRow], found: &mut Vec<Judgement>) {
    let mut officials = 0;
    for official in rows.chunk_by(|a, b| a.official() == b.official()) {
        judge_official(official, found);
        officials += 1;
    }
    if officials > 1 {
        judge_homonyms(rows, found);
    }
}

/// Rows of one official, in reading order: a second row for a candidate
/// already seen is a duplicate; a live row for another candidate than an
/// earlier live row is a second sponsorship.
fn judge_official(group: &[IdentityRow], found: &mut Vec<Judgement>) {
    if group.len() < 2 {
        return;
    }
    let mut first_by_candidate: FxHashMap<u32, &IdentityRow> = FxHashMap::default();
    let mut first_live: Option<&IdentityRow> = None;
    for row in group {
        let judged = match first_by_candidate.get(&row.candidate()) {
            Some(same) => finding(Pair {
                same_official: true,
                same_candidate: true,
                both_live: same.is_live() && row.is_live(),
            })
            .map(|kind| (kind, *same)),
            None => {
                first_by_candidate.insert(row.candidate(), row);
                first_live.and_then(|other| {
                    finding(Pair {
                        same_official: true,
                        same_candidate: false,
                        both_live: row.is_live(),
                    })
                    .map(|kind| (kind, other))
                })
            }
        };
        if let Some((kind, first)) = judged {
            found.push(Judgement {
                kind,
                later: unpack(row.order),
                first: unpack(first.order),
            });
        }
        if row.is_live() && first_live.is_none() {
            first_live = Some(row);
        }
    }
}

/// The rows of one person that ask for homonym warnings, taken in reading
/// order: a row whose official differs from an earlier row's may be a
/// homonym.
fn judge_homonyms(rows: &[IdentityRow], found: &mut Vec<Judgement>) {
    let mut people: Vec<&IdentityRow> = rows.iter().filter(|r| r.candidate & HOMONYMS != 0).collect();
    people.sort_unstable_by_key(|r| r.order);
    let Some((first, later)) = people.split_first() else {
        return;
    };
    let mut other: Option<&IdentityRow> = None;
    for row in later {
        let earlier = if row.official() != first.official() {
            other.get_or_insert(row);
            Some(*first)
        } else {
            other
        };
        // Another official of the same person: a possible homonym,
        // whatever the candidates and statuses.
        let homonym = Pair {
            same_official: false,
            same_candidate: false,
            both_live: false,
        };
        if let Some((earlier, kind)) = earlier.and_then(|e| finding(homonym).map(|k| (e, k))) {
            found.push(Judgement {
                kind,
                later: unpack(row.order),
                first: unpack(earlier.order),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sponsorship::Sponsorship;

    #[test]
    fn judging_on_two_threads_finds_what_one_finds() {
        use crate::rules::{Department, Mandate, Status};
        // Enough rows for the threads, with repeats, second candidates and
        // homonyms (same name and unit, another commune).
        let mut registry = Registry::default();
        for n in 0..70_000u32 {
            let last_name = format!("NOM{}", n % 50_000);
            // Rows 50,000 on repeat the first officials; from 60,000 their
            // names come back in other communes.
            let commune = format!("Commune {}", n % 50_000 + n / 60_000 * 1_000_000);
            let entry = Sponsorship {
                status: Status::Validated,
                candidate: ["DUPONT Jean", "MARTIN Claire"][(n % 3 % 2) as usize],
                civility: None,
                last_name: last_name.as_str(),
                first_name: "Anne",
                mandate: Mandate::Mayor,
                circonscription: commune.as_str(),
                department: Department::lookup("01").expect("a département"),
                claimed_on: None,
                published_on: None,
                source: "",
                notes: "",
            };
            let at = RowStart {
                part: 0,
                offset: u64::from(n) * 100,
            };
            registry.record(&entry, at, true);
        }
        registry.seal();
        let sorted = |mut found: Vec<Judgement>| {
            found.sort_by_key(|j| (j.later, j.first, j.kind as u8));
            found
        };
        let one = sorted(registry.judge(1));
        assert!(one.iter().any(|j| j.kind == FindingKind::SeveralCandidates));
        assert!(one.iter().any(|j| j.kind == FindingKind::PossibleDuplicate));
        assert_eq!(sorted(registry.judge(2)), one);
    }
}
