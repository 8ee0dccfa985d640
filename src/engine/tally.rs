//! The count of `report`: each entry counted as it is read, by what it
//! counts towards (its spelling, unit, mandate and status, its publication
//! day, and for a live entry its day of claim), and kept
//! as 12 bytes: 48 bits of the hash of its (official, candidate) key and
//! the offset of its row. The rows are sorted in the thread that read
//! them, then merged; rows that share a hash are read again and their keys
//! compared (a hash with a collision check: the count is exact), and each
//! later row of a key is taken out of the count. Each (official,
//! candidate) counts once, the first row read, by the law's own count
//! (`rules::tally`).

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::keys::{CandidateNames, KeyHasher};
use super::merge::{for_each_group_in, on_hash_ranges, sort_by_hash};
use super::registry::RowStart;
use crate::rules::department;
use crate::rules::fold::tidy;
use crate::rules::tally::{CandidateTally, Tally};
use crate::rules::{Mandate, Status};
use crate::sponsorship::{Entry, Sponsorship};

// A row's profile packs its mandate and status in one byte: four bits of
// mandate, three of status, one for "has a claim date". A 17th mandate or
// a 9th status must not compile into another's count.
const _: () = assert!(Mandate::ALL.len() <= 16 && Status::ALL.len() <= 8);

/// One row, in 12 bytes, so that ten million fit in 115 MiB: 48 bits of
/// the hash of its key, then the 48 bits of its offset in its file. Three
/// words rather than a `u64` and a `u32`, which would be padded to 16
/// bytes; they sort by hash, then offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct KeyedRow([u32; 3]);

impl KeyedRow {
    fn new(hash: u64, offset: u64) -> KeyedRow {
        let high = (hash >> 16) << 16 | (offset >> 32) & 0xFFFF;
        KeyedRow([(high >> 32) as u32, high as u32, offset as u32])
    }

    /// The word the rows sort by first: the hash, then the top of the
    /// offset.
    fn word(&self) -> u64 {
        u64::from(self.0[0]) << 32 | u64::from(self.0[1])
    }

    fn hash(&self) -> u64 {
        self.word() >> 16
    }

    fn offset(&self) -> u64 {
        (self.word() & 0xFFFF) << 32 | u64::from(self.0[2])
    }
}

/// What a row counts towards, in one word: its spelling's number,
/// whether it has a publication day, its unit, and its mandate and status.
/// The day itself is counted apart, for validated rows only: with it, the
/// profiles of ten million rows would be a million, and their counts would
/// no longer sit in a processor's cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Profile(u64);

/// A row's profile, publication day and day of claim, what it adds to
/// the count.
#[derive(Debug, Clone, Copy)]
struct Counted {
    profile: Profile,
    /// Days since 2000-01-01 of the publication; `NO_DAY` if none.
    day: u16,
    /// The day a live entry (claimed, sent, validated) was claimed; `None`
    /// for any other entry, or one with no claim date. Kept whole: every
    /// date a ledger holds counts in the claims by day.
    live_claim: Option<NaiveDate>,
}

impl Counted {
    fn of<S: AsRef<str>>(spelling: u32, s: &Sponsorship<S>) -> Counted {
        let day = s
            .published_on
            .and_then(|d| u16::try_from((d - epoch()).num_days()).ok())
            .filter(|d| *d != NO_DAY)
            .unwrap_or(NO_DAY);
        let mandate_status =
            s.mandate.index() << 4 | usize::from(s.claimed_on.is_some()) << 3 | s.status.index();
        let profile = Profile(
            u64::from(spelling) << 32
                | u64::from(day != NO_DAY) << 16
                | (s.department.index() as u64 & 0xFF) << 8
                | mandate_status as u64 & 0xFF,
        );
        let live_claim = s.claimed_on.filter(|_| s.status.is_live());
        Counted {
            profile,
            day,
            live_claim,
        }
    }

    /// The day a validated row was published, which the count of each
    /// candidate by day takes.
    fn validated_on(&self) -> Option<u16> {
        (self.profile.status() == Status::Validated && self.day != NO_DAY).then_some(self.day)
    }
}

impl Profile {
    fn spelling(self) -> u32 {
        (self.0 >> 32) as u32
    }

    /// With another spelling's number.
    fn respelled(self, spelling: u32) -> Profile {
        Profile(self.0 & 0xFFFF_FFFF | u64::from(spelling) << 32)
    }

    fn dated(self) -> bool {
        self.0 >> 16 & 1 != 0
    }

    fn unit(self) -> usize {
        usize::from((self.0 >> 8) as u8)
    }

    fn mandate(self) -> usize {
        usize::from(self.0 as u8 >> 4)
    }

    fn status(self) -> Status {
        Status::ALL[usize::from(self.0 as u8 & 7)]
    }

    fn has_claim_date(self) -> bool {
        self.0 & 8 != 0
    }
}

const NO_DAY: u16 = u16::MAX;

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date")
}

/// The rows of one part (a file, or a share of a large file read in its
/// own thread).
#[derive(Clone, Default)]
struct Part {
    /// Its number in the scan: parts are numbered in reading order.
    number: u16,
    rows: Vec<KeyedRow>,
    /// For rows added without a place in a file ([`TallyBuilder::add`]),
    /// each row's key and profile, by the row's offset: they cannot be
    /// read again.
    kept: Vec<(Box<[u8]>, Counted)>,
}

/// Gathers the entries of a ledger, part by part (a file, or a share of a
/// large file read in its own thread), then counts them:
/// [`finish_reading`](Self::finish_reading) gives the [`Tally`].
#[derive(Clone, Default)]
pub struct TallyBuilder {
    keys: KeyHasher,
    names: CandidateNames,
    parts: Vec<Part>,
    /// Rows counted, by profile, validated rows by spelling and day of
    /// publication, and live rows by spelling and day of claim; later rows
    /// of a key are taken out at the end.
    counted: FxHashMap<Profile, u32>,
    days: FxHashMap<(u32, u16), u32>,
    claims: FxHashMap<(u32, NaiveDate), u32>,
}

impl TallyBuilder {
    /// Takes one entry that has no place in a file: its key is kept, for
    /// the few entries of tests.
    #[cfg(test)]
    pub fn add<S: AsRef<str>>(&mut self, s: &Sponsorship<S>) {
        let (hash, counted, candidate) = self.count(s);
        let key = self.keys.sponsorship_key(s, self.names.folded(candidate));
        let part = self.part(0);
        let offset = part.kept.len() as u64;
        part.kept.push((key, counted));
        part.rows.push(KeyedRow::new(hash, offset));
    }

    /// Takes one entry, read at `at`, where it can be read again.
    pub fn add_at<S: AsRef<str>>(&mut self, s: &Sponsorship<S>, at: RowStart) {
        let (hash, _, _) = self.count(s);
        self.push(hash, at);
    }

    fn push(&mut self, hash: u64, at: RowStart) {
        self.part(at.part).rows.push(KeyedRow::new(hash, at.offset));
    }

    /// Counts `s`: the hash of its key, what it counts towards, its
    /// candidate.
    fn count<S: AsRef<str>>(&mut self, s: &Sponsorship<S>) -> (u64, Counted, u32) {
        let (spelling, candidate) = self.names.intern(s.candidate.as_ref());
        let [_, high] = self.keys.sponsorship(s, self.names.key_hash(candidate));
        let counted = Counted::of(spelling, s);
        *self.counted.entry(counted.profile).or_default() += 1;
        if let Some(day) = counted.validated_on() {
            *self.days.entry((spelling, day)).or_default() += 1;
        }
        if let Some(day) = counted.live_claim {
            *self.claims.entry((spelling, day)).or_default() += 1;
        }
        (high, counted, candidate)
    }

    /// The part numbered `number`, the last one or a new one after it.
    fn part(&mut self, number: u16) -> &mut Part {
        if self.parts.last().is_none_or(|p| p.number != number) {
            self.parts.push(Part {
                number,
                ..Part::default()
            });
        }
        self.parts.last_mut().expect("a part")
    }

    /// Ends a part: its rows are sorted now, in the thread that read them.
    pub fn seal(&mut self) {
        for part in &mut self.parts {
            sort_by_hash(&mut part.rows, KeyedRow::word);
        }
    }

    /// Takes in what a later part gathered.
    pub fn absorb(&mut self, mut later: TallyBuilder) {
        let spellings = self.names.absorb(&later.names);
        for (profile, n) in later.counted {
            let ours = profile.respelled(spellings[profile.spelling() as usize].0);
            *self.counted.entry(ours).or_default() += n;
        }
        for ((spelling, day), n) in later.days {
            *self
                .days
                .entry((spellings[spelling as usize].0, day))
                .or_default() += n;
        }
        for ((spelling, day), n) in later.claims {
            *self
                .claims
                .entry((spellings[spelling as usize].0, day))
                .or_default() += n;
        }
        // Rows added without a place are numbered on from ours.
        let last = self.parts.last().map(|p| p.number);
        if let (Some(last), Some(first)) = (last, later.parts.first())
            && first.number <= last
        {
            for (i, part) in later.parts.iter_mut().enumerate() {
                part.number = last.saturating_add(1 + i as u16);
            }
        }
        self.parts.append(&mut later.parts);
    }

    /// Counts every (official, candidate) once, the first row read, on up
    /// to `threads` threads: for rows added with [`add`](Self::add) only.
    #[cfg(test)]
    pub fn finish(self, threads: usize) -> Tally {
        self.finish_reading(threads, |_, _| {})
    }

    /// Counts every (official, candidate) once, the first row read, on up
    /// to `threads` threads. `read_again` is given the places of the few
    /// rows that share their hash with another, and hands each one's entry
    /// back (as the scan read it) to tell their keys apart; a row it does
    /// not hand back stays counted.
    pub fn finish_reading(
        mut self,
        threads: usize,
        read_again: impl FnOnce(&[RowStart], &mut dyn FnMut(RowStart, &Entry)),
    ) -> Tally {
        let rows: Vec<&[KeyedRow]> = self.parts.iter().map(|p| p.rows.as_slice()).collect();
        // The rows that share a hash with another, each with its part.
        let shared: Vec<Vec<(usize, KeyedRow)>> = on_hash_ranges(
            &rows,
            threads,
            |row| row.word(),
            |range| {
                let mut found = Vec::new();
                for_each_group_in(range, |a, b| a.hash() == b.hash(), |run| found.push(run.to_vec()));
                found
            },
        )
        .into_iter()
        .flatten()
        .collect();
        drop(rows);
        let parts = &self.parts;
        let place = |(part, row): &(usize, KeyedRow)| RowStart {
            part: parts[*part].number,
            offset: row.offset(),
        };
        let mut wanted: Vec<RowStart> = shared
            .iter()
            .flatten()
            .filter(|(part, _)| parts[*part].kept.is_empty())
            .map(place)
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut read: FxHashMap<RowStart, (Box<[u8]>, Counted)> = FxHashMap::default();
        if !wanted.is_empty() {
            let (keys, names) = (&mut self.keys, &self.names);
            read_again(&wanted, &mut |at, entry| {
                if let Some((spelling, candidate)) = names.find(entry.candidate) {
                    let key = keys.sponsorship_key(entry, names.folded(candidate));
                    read.insert(at, (key, Counted::of(spelling, entry)));
                }
            });
        }
        let mut duplicates = 0;
        for mut group in shared {
            // In reading order: the first row of each key counts.
            group.sort_unstable_by_key(|(part, row)| (parts[*part].number, row.offset()));
            let found: Vec<Option<(&[u8], Counted)>> = group
                .iter()
                .map(|member| {
                    let kept = &parts[member.0].kept;
                    if kept.is_empty() {
                        read.get(&place(member))
                            .map(|(key, profile)| (&key[..], *profile))
                    } else {
                        kept.get(member.1.offset() as usize)
                            .map(|(key, profile)| (&key[..], *profile))
                    }
                })
                .collect();
            // A row not read again (its file changed since) stays counted:
            // nothing says it repeats another.
            let mut firsts: Vec<&[u8]> = Vec::new();
            for (key, counted) in found.iter().flatten() {
                if !firsts.contains(key) {
                    firsts.push(key);
                    continue;
                }
                duplicates += 1;
                if let Some(n) = self.counted.get_mut(&counted.profile) {
                    *n -= 1;
                }
                let spelling = counted.profile.spelling();
                if let Some(n) = counted
                    .validated_on()
                    .and_then(|day| self.days.get_mut(&(spelling, day)))
                {
                    *n -= 1;
                }
                if let Some(n) = counted
                    .live_claim
                    .and_then(|day| self.claims.get_mut(&(spelling, day)))
                {
                    *n -= 1;
                }
            }
        }
        self.tally(duplicates)
    }

    /// The tally of the rows counted.
    fn tally(self, duplicates: u32) -> Tally {
        let names = &self.names;
        let mut candidates = Vec::new();
        candidates.resize_with(names.candidate_count(), CandidateTally::default);
        let mut spellings = vec![0u32; names.spelling_count()];
        for (profile, n) in self.counted {
            if n == 0 {
                continue;
            }
            spellings[profile.spelling() as usize] += n;
            let candidate = names.spelling(profile.spelling()).1;
            let tally = &mut candidates[candidate as usize];
            let unit = &department::ALL[profile.unit()];
            let mandate = Mandate::ALL[profile.mandate()];
            let status = profile.status();
            for _ in 0..n {
                tally.count(status, unit, mandate, profile.dated(), profile.has_claim_date());
            }
        }
        for ((spelling, day), n) in self.days {
            let candidate = names.spelling(spelling).1;
            if n > 0 {
                *candidates[candidate as usize]
                    .by_date
                    .entry(epoch() + chrono::Duration::days(i64::from(day)))
                    .or_default() += n;
            }
        }
        for ((spelling, day), n) in self.claims {
            let candidate = names.spelling(spelling).1;
            if n > 0 {
                *candidates[candidate as usize]
                    .claimed_by_date
                    .entry(day)
                    .or_default() += n;
            }
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

    fn mayor(last_name: &'static str, offset: u64) -> (Entry<'static>, RowStart) {
        let entry = Sponsorship {
            status: Status::Validated,
            candidate: "MARTIN Claire",
            civility: None,
            last_name,
            first_name: "Jean",
            mandate: Mandate::Mayor,
            circonscription: "Bar-le-Duc",
            department: Department::lookup("55").unwrap(),
            claimed_on: None,
            published_on: NaiveDate::from_ymd_opt(2022, 2, 1),
            source: "",
            notes: "",
        };
        (entry, RowStart { part: 0, offset })
    }

    /// Counts `rows`, read at their places, on `threads` threads: the third
    /// is given the first's hash (their keys collide). With the offsets of
    /// the rows read again.
    fn count_colliding(rows: &[(Entry<'static>, RowStart)], threads: usize) -> (Tally, Vec<u64>) {
        let mut builder = TallyBuilder::default();
        let (first, _, _) = builder.count(&rows[0].0);
        builder.push(first, rows[0].1);
        builder.add_at(&rows[1].0, rows[1].1);
        builder.count(&rows[2].0);
        builder.push(first, rows[2].1);
        for (entry, at) in &rows[3..] {
            builder.add_at(entry, *at);
        }
        builder.seal();
        let mut asked = Vec::new();
        let tally = builder.finish_reading(threads, |wanted, each| {
            for at in wanted {
                asked.push(at.offset);
                let (entry, _) = rows.iter().find(|(_, place)| place == at).expect("a row");
                each(*at, entry);
            }
        });
        (tally, asked)
    }

    /// Rows that share a hash are read again: the same official twice
    /// counts once; two officials whose keys collide count twice.
    #[test]
    fn rows_that_share_a_hash_are_told_apart_by_their_keys() {
        let rows = [
            mayor("DUPONT", 0),
            mayor("DUPONT", 100),
            mayor("DURAND", 200),
            mayor("PETIT", 300),
        ];
        let (tally, asked) = count_colliding(&rows, 2);
        assert_eq!(asked, [0, 100, 200], "only the rows that share a hash");
        assert_eq!(tally.duplicates, 1);
        assert_eq!(tally.candidate("MARTIN Claire").map(|t| t.validated()), Some(3));
    }

    /// The claims by day count the first row of a key: a later row of the
    /// same official takes its own day of claim out, and an official whose
    /// key merely collides keeps theirs.
    #[test]
    fn a_later_row_of_a_key_takes_its_own_day_of_claim_out() {
        let day = |d| NaiveDate::from_ymd_opt(2022, 1, d);
        let claimed = |last_name, offset, on| {
            let (mut entry, at) = mayor(last_name, offset);
            (entry.status, entry.published_on, entry.claimed_on) = (Status::Claimed, None, day(on));
            (entry, at)
        };
        let rows = [
            claimed("DUPONT", 0, 3),
            claimed("DUPONT", 100, 5),
            claimed("DURAND", 200, 5),
        ];
        let (tally, _) = count_colliding(&rows, 1);
        let martin = tally.candidate("MARTIN Claire").expect("counted");
        let by_day: Vec<_> = martin
            .claimed_by_date
            .iter()
            .map(|(d, n)| (Some(*d), *n))
            .collect();
        assert_eq!(by_day, [(day(3), 1), (day(5), 1)]);
        assert_eq!(tally.duplicates, 1);
    }

    /// A row that cannot be read again (its file changed) stays counted.
    #[test]
    fn a_row_not_read_again_stays_counted() {
        let rows = [mayor("DUPONT", 0), mayor("DURAND", 200)];
        let mut builder = TallyBuilder::default();
        let (dupont, _, _) = builder.count(&rows[0].0);
        builder.push(dupont, rows[0].1);
        builder.count(&rows[1].0);
        builder.push(dupont, rows[1].1);
        builder.seal();
        let tally = builder.finish_reading(1, |_, each| each(rows[0].1, &rows[0].0));
        assert_eq!(tally.duplicates, 0);
        assert_eq!(tally.candidate("MARTIN Claire").map(|t| t.validated()), Some(2));
    }

    /// Every mandate and status, with and without a claim date, comes back
    /// out of the one byte a profile packs them in.
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
                    let (&row, _) = builder.counted.iter().next().expect("one profile");
                    assert_eq!(Mandate::ALL[row.mandate()], mandate);
                    assert_eq!(row.status(), status);
                    assert_eq!(row.has_claim_date(), claim_dated, "{mandate:?} {status:?}");
                }
            }
        }
    }
}
