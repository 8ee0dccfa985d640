//! Compact keys: the identity that `rules::identity` folds, hashed, and
//! candidates' spellings numbered, so that millions of rows are compared as
//! numbers.

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::{xxh3_64, xxh3_128, xxh3_128_with_seed};

use crate::rules::identity::{candidate_key, fold_official_into};
use crate::sponsorship::Sponsorship;

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
    /// The keys of `s`, folded by `rules::identity::fold_official_into`.
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

    /// The key that [`sponsorship`](Self::sponsorship) hashes, itself:
    /// the folded official, then the candidate's folded name. Two keys of
    /// one hash are told apart by it.
    pub fn sponsorship_key<S: AsRef<str>>(&mut self, s: &Sponsorship<S>, candidate: &str) -> Box<[u8]> {
        self.fold_official(s);
        let mut key = Vec::with_capacity(self.buffer.len() + 1 + candidate.len());
        key.extend_from_slice(&self.buffer);
        key.push(0x1f);
        key.extend_from_slice(candidate.as_bytes());
        key.into_boxed_slice()
    }

    /// Folds the official of `s` into the buffer (`rules::identity`); the
    /// person is the start of it, as long as the length returned.
    fn fold_official<S: AsRef<str>>(&mut self, s: &Sponsorship<S>) -> usize {
        fold_official_into(s, &mut self.buffer)
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

    /// The numbers of a spelling already met and of its candidate.
    pub fn find(&self, spelling: &str) -> Option<(u32, u32)> {
        self.spellings.get(spelling).copied()
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
