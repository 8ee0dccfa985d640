//! Who is "the same official" (RULES.md §1), and what a second row for the
//! same official means.
//!
//! Rows with the same last name, first name, unit, mandate type and
//! circonscription, folded, are one person. The same name in the same unit
//! with another mandate or circonscription may be a homonym: worth a warning,
//! never an error, never a silent merge.

use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::{xxh3_64, xxh3_128, xxh3_128_with_seed};

use super::fold::fold_into;
use crate::sponsorship::{Entry, Sponsorship};

/// Where a row is: file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: Arc<Path>,
    pub line: u64,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// The folded name and unit of a person: last name, first name, unit.
pub fn person_key<S: AsRef<str>>(s: &Sponsorship<S>) -> String {
    let mut key = String::with_capacity(s.last_name.as_ref().len() + s.first_name.as_ref().len() + 8);
    person_key_into(s, &mut key);
    key
}

/// [`person_key`] into `key`, replacing what it held.
pub fn person_key_into<S: AsRef<str>>(s: &Sponsorship<S>, key: &mut String) {
    key.clear();
    fold_into(s.last_name.as_ref(), key);
    key.push('\u{1f}');
    fold_into(s.first_name.as_ref(), key);
    key.push('\u{1f}');
    key.push_str(s.department.code);
}

/// The folded identity of an official: person, mandate and circonscription.
pub fn official_key<S: AsRef<str>>(s: &Sponsorship<S>) -> String {
    let mut key = person_key(s);
    key.push('\u{1f}');
    key.push_str(s.mandate.code());
    key.push('\u{1f}');
    fold_into(s.circonscription.as_ref(), &mut key);
    key
}

/// The folded name of a candidate: "BÉKAERT Corinne", "BEKAERT Corinne",
/// "Bekaert  Corinne" and, typed first name first, "Corinne Bekaert" are
/// one candidate. The folded words are sorted, so their order does not
/// matter (RULES.md §1).
pub fn candidate_key(name: &str) -> String {
    let folded = super::fold::fold_words(name);
    let mut words: Vec<&str> = folded.split(' ').collect();
    words.sort_unstable();
    words.join(" ")
}

/// "closest names: …" (or "candidates: …" when none is close): the names
/// of `names` nearest to `name`, for a candidate that cannot be found.
pub fn closest_names(name: &str, names: &[String]) -> String {
    let wanted = super::fold::fold(name);
    let folded_words = super::fold::fold_words(name);
    let words: Vec<&str> = folded_words.split(' ').collect();
    let mut close: Vec<(usize, &String)> = names
        .iter()
        .filter_map(|candidate| {
            let distance = edit_distance(&wanted, &super::fold::fold(candidate));
            let shares_word = super::fold::fold_words(candidate)
                .split(' ')
                .any(|w| w.len() > 2 && words.contains(&w));
            (shares_word || distance <= 3.max(wanted.len() / 3)).then_some((distance, candidate))
        })
        .collect();
    close.sort();
    let shown: Vec<&str> = if close.is_empty() {
        names.iter().take(8).map(String::as_str).collect()
    } else {
        close.into_iter().take(5).map(|(_, n)| n.as_str()).collect()
    };
    let intro = if shown.len() < names.len() && !shown.is_empty() {
        "closest names"
    } else {
        "candidates"
    };
    format!("{intro}: {}", shown.join(", "))
}

/// The option nearest to `typed` (folded, by edit distance), if one is
/// close enough to be what was meant: "mair" gives "maire".
pub fn did_you_mean<'a>(typed: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = super::fold::fold(typed);
    let close_enough = 2.max(typed.chars().count() / 4);
    options
        .into_iter()
        .map(|option| (edit_distance(&typed, &super::fold::fold(option)), option))
        .filter(|(distance, _)| *distance <= close_enough)
        // On a tie, the option that begins with what was typed ("Aisn":
        // Aisne rather than Ain).
        .min_by_key(|(distance, option)| (*distance, !super::fold::fold(option).starts_with(&typed)))
        .map(|(_, option)| option)
}

/// Levenshtein distance in characters, for suggesting names.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// The warning for a candidate's name not written `NOM Prénom`, if it is not.
pub fn candidate_name_warning(name: &str) -> Option<String> {
    candidate_name_advice(name).map(|advice| {
        format!(
            "the candidate `{name}` is not written `NOM Prénom`, the last name in capitals first, as the Conseil constitutionnel writes it: `{advice}`? (it is the same candidate either way)"
        )
    })
}

/// How a candidate's name should be written when it is not `NOM Prénom`
/// (the last name in capitals, first), as the Conseil writes it; `None`
/// when it is. "Anasse Kazib" gives "KAZIB Anasse".
pub fn candidate_name_advice(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let upper = |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    let leading = words.iter().take_while(|w| upper(w)).count();
    if leading > 0 && leading < words.len() && !words[leading..].iter().all(|w| upper(w)) {
        return None;
    }
    if words.len() < 2 {
        return None;
    }
    let capitalised = |w: &str| {
        let lower = w.to_lowercase();
        let mut chars = lower.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    };
    // The last names are the capitals at the end, or else the last word.
    let trailing = words.iter().rev().take_while(|w| upper(w)).count();
    let split = if trailing > 0 && trailing < words.len() {
        words.len() - trailing
    } else if leading == words.len() {
        1
    } else {
        words.len() - 1
    };
    let (first, last) = if leading == words.len() {
        (&words[split..], &words[..split])
    } else {
        (&words[..split], &words[split..])
    };
    let last: Vec<String> = last.iter().map(|w| w.to_uppercase()).collect();
    let first: Vec<String> = first.iter().map(|w| capitalised(w)).collect();
    Some(format!("{} {}", last.join(" "), first.join(" ")))
}

/// What a row says about a row read before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// The same official already sponsors the same candidate.
    DuplicateSponsor,
    /// The same official already sponsors another candidate, both live.
    SeveralCandidates,
    /// The same name in the same unit with another mandate or circonscription.
    PossibleDuplicate,
}

/// Compact keys of an entry's identity: the folded identity hashed with
/// xxh3. 128 bits for the official, so that no two officials of any real
/// ledger share a key; 64 for the person, which only raises warnings.
#[derive(Clone, Default)]
pub struct KeyHasher {
    buffer: Vec<u8>,
}

/// The keys of one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keys {
    /// Last name, first name and unit.
    pub person: u64,
    /// Person, mandate type and circonscription.
    pub official: [u64; 2],
}

impl KeyHasher {
    /// The keys of `s`, folded as [`person_key`] and [`official_key`] are.
    pub fn keys<S: AsRef<str>>(&mut self, s: &Sponsorship<S>) -> Keys {
        let person_len = self.fold_official(s);
        let person = xxh3_64(&self.buffer[..person_len]);
        let official = xxh3_128(&self.buffer);
        Keys {
            person,
            official: [official as u64, (official >> 64) as u64],
        }
    }

    /// The key of the pair (official of `s`, candidate), the candidate
    /// given by the hash of its folded name: one hash of the folded
    /// official, seeded with the candidate.
    pub fn sponsorship<S: AsRef<str>>(&mut self, s: &Sponsorship<S>, candidate_key: u64) -> [u64; 2] {
        self.fold_official(s);
        let key = xxh3_128_with_seed(&self.buffer, candidate_key);
        [key as u64, (key >> 64) as u64]
    }

    /// Folds the official of `s` into the buffer, as [`official_key`]
    /// does; the person ([`person_key`]) is the start of it, as long as
    /// the length returned.
    fn fold_official<S: AsRef<str>>(&mut self, s: &Sponsorship<S>) -> usize {
        let key = &mut self.buffer;
        key.clear();
        fold_into(s.last_name.as_ref(), key);
        key.push(0x1f);
        fold_into(s.first_name.as_ref(), key);
        key.push(0x1f);
        key.extend_from_slice(s.department.code.as_bytes());
        let person_len = key.len();
        key.push(0x1f);
        key.extend_from_slice(s.mandate.code().as_bytes());
        key.push(0x1f);
        fold_into(s.circonscription.as_ref(), key);
        person_len
    }
}

/// The candidates met in a ledger, each with its spellings, numbered.
/// "BÉKAERT Corinne" and "BEKAERT Corinne" are two spellings of one
/// candidate.
#[derive(Clone, Default)]
pub struct CandidateNames {
    /// Spelling → (its number, its candidate's number).
    spellings: FxHashMap<String, (u32, u32)>,
    /// Every spelling, by number, with its candidate's number.
    spelling_list: Vec<(String, u32)>,
    /// Folded name → candidate number.
    candidates: FxHashMap<String, u32>,
    /// Every candidate by number: folded name and its hash.
    candidate_list: Vec<(String, u64)>,
    /// The last spelling met, checked first: rows come grouped.
    last: Option<(u32, u32)>,
}

impl CandidateNames {
    /// The numbers of a spelling and of its candidate, given the spelling.
    pub fn intern(&mut self, spelling: &str) -> (u32, u32) {
        if let Some((s, c)) = self.last
            && self.spelling_list[s as usize].0 == spelling
        {
            return (s, c);
        }
        let found = match self.spellings.get(spelling) {
            Some(found) => *found,
            None => {
                let folded = candidate_key(spelling);
                let candidate = match self.candidates.get(&folded) {
                    Some(c) => *c,
                    None => {
                        let c = self.candidate_list.len() as u32;
                        self.candidate_list
                            .push((folded.clone(), xxh3_64(folded.as_bytes())));
                        self.candidates.insert(folded, c);
                        c
                    }
                };
                let s = self.spelling_list.len() as u32;
                self.spelling_list.push((spelling.to_string(), candidate));
                self.spellings.insert(spelling.to_string(), (s, candidate));
                (s, candidate)
            }
        };
        self.last = Some(found);
        found
    }

    /// The hash of a candidate's folded name.
    pub fn key_hash(&self, candidate: u32) -> u64 {
        self.candidate_list[candidate as usize].1
    }

    /// The folded name of a candidate.
    pub fn folded(&self, candidate: u32) -> &str {
        &self.candidate_list[candidate as usize].0
    }

    /// A spelling and its candidate.
    pub fn spelling(&self, spelling: u32) -> (&str, u32) {
        let (text, candidate) = &self.spelling_list[spelling as usize];
        (text, *candidate)
    }

    pub fn spelling_count(&self) -> usize {
        self.spelling_list.len()
    }

    pub fn candidate_count(&self) -> usize {
        self.candidate_list.len()
    }

    /// Takes in the names of `other`, and says what each of its spelling
    /// numbers is here.
    pub fn absorb(&mut self, other: &CandidateNames) -> Vec<(u32, u32)> {
        other
            .spelling_list
            .iter()
            .map(|(text, _)| self.intern(text))
            .collect()
    }
}

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
            rows.sort_unstable();
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

/// Below this many rows, one thread is quicker.
const ROWS_PER_THREAD: usize = 1 << 16;

/// `work` done on sorted parts cut into ranges of their hash, one range a
/// thread, side by side (on the calling thread when there is one range).
pub fn on_hash_ranges<T: Sync, R: Send>(
    parts: &[Vec<T>],
    threads: usize,
    hash: impl Fn(&T) -> u64,
    work: impl Fn(&[&[T]]) -> R + Sync,
) -> Vec<R> {
    let ranges = split_by_hash(parts, threads, hash);
    if let [one] = ranges.as_slice() {
        return vec![work(one)];
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = ranges
            .iter()
            .map(|range| scope.spawn(move || work(range)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("work on a range does not panic"))
            .collect()
    })
}

/// Sorted parts cut into as many ranges as threads, by the first word of
/// their order, a hash (`hash`): each range holds a slice of every part,
/// and the rows with one hash fall in one range. Hashes are spread evenly:
/// ranges of equal width hold about as many rows.
fn split_by_hash<T>(parts: &[Vec<T>], threads: usize, hash: impl Fn(&T) -> u64) -> Vec<Vec<&[T]>> {
    let rows: usize = parts.iter().map(Vec::len).sum();
    let count = threads.min(rows / ROWS_PER_THREAD).max(1) as u64;
    let width = u64::MAX / count;
    let mut starts: Vec<usize> = vec![0; parts.len()];
    (1..=count)
        .map(|range| {
            parts
                .iter()
                .zip(starts.iter_mut())
                .map(|(rows, start)| {
                    let end = if range == count {
                        rows.len()
                    } else {
                        rows.partition_point(|r| hash(r) < width * range)
                    };
                    let slice = &rows[*start..end];
                    *start = end;
                    slice
                })
                .collect()
        })
        .collect()
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
            Some(same) => Some((FindingKind::DuplicateSponsor, *same)),
            None => {
                first_by_candidate.insert(row.candidate(), row);
                first_live
                    .filter(|_| row.is_live())
                    .map(|other| (FindingKind::SeveralCandidates, other))
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
        if let Some(earlier) = earlier {
            found.push(Judgement {
                kind: FindingKind::PossibleDuplicate,
                later: unpack(row.order),
                first: unpack(earlier.order),
            });
        }
    }
}

/// Calls `group` with each run of two or more rows that `same` says are
/// alike, in the sorted order of several sorted parts merged. Single rows,
/// nearly all of them, are passed over without being copied.
fn for_each_group<T: Ord + Copy, S: AsRef<[T]>>(
    parts: &[S],
    same: impl Fn(&T, &T) -> bool,
    mut group: impl FnMut(&[T]),
) {
    let mut run: Vec<T> = Vec::new();
    let mut previous: Option<T> = None;
    for_each_merged(parts, |row| {
        match previous {
            Some(before) if same(&before, &row) => {
                if run.is_empty() {
                    run.push(before);
                }
                run.push(row);
            }
            _ if !run.is_empty() => {
                group(&run);
                run.clear();
            }
            _ => {}
        }
        previous = Some(row);
    });
    if !run.is_empty() {
        group(&run);
    }
}

/// Calls `f` with the rows of several sorted parts, in one sorted order.
pub fn for_each_merged<T: Ord + Copy, S: AsRef<[T]>>(parts: &[S], mut f: impl FnMut(T)) {
    match parts {
        [] => {}
        [one] => one.as_ref().iter().copied().for_each(f),
        // Two parts, the common case on two cores: side by side.
        [a, b] => {
            let (a, b) = (a.as_ref(), b.as_ref());
            let (mut i, mut j) = (0, 0);
            while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
                if x <= y {
                    f(*x);
                    i += 1;
                } else {
                    f(*y);
                    j += 1;
                }
            }
            a[i..].iter().chain(&b[j..]).copied().for_each(f);
        }
        _ => {
            let mut heads: std::collections::BinaryHeap<std::cmp::Reverse<(T, usize, usize)>> = parts
                .iter()
                .enumerate()
                .filter_map(|(p, rows)| rows.as_ref().first().map(|r| std::cmp::Reverse((*r, p, 0))))
                .collect();
            while let Some(std::cmp::Reverse((row, p, i))) = heads.pop() {
                if let Some(next) = parts[p].as_ref().get(i + 1) {
                    heads.push(std::cmp::Reverse((*next, p, i + 1)));
                }
                f(row);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn merges_any_number_of_sorted_parts() {
        let parts = [vec![1, 4, 9], vec![2, 3, 10, 11], vec![0, 5], vec![], vec![7]];
        for n in 0..=parts.len() {
            let mut expected: Vec<i32> = parts[..n].iter().flatten().copied().collect();
            expected.sort();
            let mut merged = Vec::new();
            for_each_merged(&parts[..n], |row| merged.push(row));
            assert_eq!(merged, expected, "{n} parts");
        }
    }
}

/// A search for an official by the identity flags of `update`: names are
/// required, the rest narrows the search when given.
#[derive(Debug, Clone, Default)]
pub struct IdentityQuery {
    pub last_name: String,
    pub first_name: String,
    pub mandate: Option<super::Mandate>,
    pub department: Option<&'static super::Department>,
    pub circonscription: Option<String>,
    pub candidate: Option<String>,
}

impl IdentityQuery {
    pub fn matches(&self, s: &Sponsorship) -> bool {
        let same = |a: &str, b: &str| super::fold::fold(a) == super::fold::fold(b);
        same(&self.last_name, &s.last_name)
            && same(&self.first_name, &s.first_name)
            && self.mandate.is_none_or(|m| m == s.mandate)
            && self.department.is_none_or(|d| std::ptr::eq(d, s.department))
            && self
                .circonscription
                .as_deref()
                .is_none_or(|c| same(c, &s.circonscription))
            && self.candidate.as_deref().is_none_or(|c| same(c, &s.candidate))
    }
}

#[cfg(test)]
mod candidate_name_tests {
    use super::*;

    #[test]
    fn candidates_are_one_whatever_the_order_of_their_names() {
        assert_eq!(candidate_key("Anasse Kazib"), candidate_key("KAZIB Anasse"));
        assert_eq!(
            candidate_key("BÉKAERT  Corinne"),
            candidate_key("bekaert corinne")
        );
        assert_eq!(
            candidate_key("DUPONT-AIGNAN Nicolas"),
            candidate_key("Nicolas Dupont Aignan")
        );
        assert_ne!(candidate_key("KAZIB Anas"), candidate_key("KAZIB Anasse"));
    }

    #[test]
    fn advice_on_the_form_of_a_candidate_name() {
        assert_eq!(candidate_name_advice("KAZIB Anasse"), None);
        assert_eq!(candidate_name_advice("LE PEN Marine"), None);
        assert_eq!(candidate_name_advice("DUPONT-AIGNAN Nicolas"), None);
        assert_eq!(
            candidate_name_advice("Anasse Kazib").as_deref(),
            Some("KAZIB Anasse")
        );
        assert_eq!(
            candidate_name_advice("Marine LE PEN").as_deref(),
            Some("LE PEN Marine")
        );
        assert_eq!(
            candidate_name_advice("KAZIB ANASSE").as_deref(),
            Some("KAZIB Anasse")
        );
        assert_eq!(candidate_name_advice("kazib"), None);
    }
}

#[cfg(test)]
mod edit_distance_tests {
    use super::edit_distance;

    #[test]
    fn edit_distance_counts_changes() {
        assert_eq!(edit_distance("macron", "macron"), 0);
        assert_eq!(edit_distance("macron", "marcon"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("zemour", "zemmour"), 1);
    }
}
