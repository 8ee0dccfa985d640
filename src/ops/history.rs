//! Who sponsored before: the past publications of the Conseil
//! constitutionnel (`prospects --history`, or the `history` setting)
//! joined with the register of elected officials. Each row goes to the one
//! person of the register it is (`rules::history`: the same person, one fit
//! or none), and each person carries what they did: the year, the
//! candidate, the mandate and the département of each past sponsorship.
//!
//! A row is kept folded as it is read ([`PastRows`]), while the register
//! is read beside it: what the join compares, nothing more.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::official::rne::{Index, Register};
use crate::rules::history::{Attribution, attribute, fold_first_names, same_folded_first_names};
use crate::rules::identity::{candidate_key, fold_official_into};
use crate::rules::{Department, Election, Mandate};
use crate::sponsorship::Entry;

/// A past publication, read.
pub struct PastFile {
    pub path: PathBuf,
    /// The election it is of.
    pub year: u16,
    rows: Vec<PastRow>,
    /// Its candidates, as written, and their keys (`candidate_key`).
    candidates: Vec<(Arc<str>, Arc<str>)>,
}

/// A row of a past publication, as the join needs it.
struct PastRow {
    /// The official, folded (`identity::fold_official_into`): the folded
    /// last name first.
    official: String,
    /// The length of the folded last name in `official`.
    last_name: usize,
    /// The first names, folded word by word (`fold_first_names`).
    first_names: String,
    /// In the file's `candidates`.
    candidate: usize,
    mandate: Mandate,
    department: &'static Department,
}

/// The rows of a past publication, taken one by one as they are read.
#[derive(Default)]
pub struct PastRows {
    rows: Vec<PastRow>,
    candidates: Vec<(Arc<str>, Arc<str>)>,
    /// Each candidate's place in `candidates`, by the spelling read.
    by_spelling: FxHashMap<String, usize>,
    latest: Option<NaiveDate>,
    key: Vec<u8>,
}

impl PastRows {
    pub fn push(&mut self, entry: &Entry) {
        let last_name = fold_official_into(entry, &mut self.key);
        let last_name = self.key[..last_name]
            .iter()
            .position(|b| *b == 0x1f)
            .unwrap_or(last_name);
        let mut first_names = String::new();
        fold_first_names(entry.first_name, &mut first_names);
        let candidate = match self.by_spelling.get(entry.candidate) {
            Some(&k) => k,
            None => {
                let written = crate::rules::fold::tidy(entry.candidate);
                let key = candidate_key(&written);
                self.candidates.push((Arc::from(written), Arc::from(key)));
                self.by_spelling
                    .insert(entry.candidate.to_string(), self.candidates.len() - 1);
                self.candidates.len() - 1
            }
        };
        self.latest = self.latest.max(entry.published_on);
        self.rows.push(PastRow {
            // Folded text is text: a lossy copy never loses anything here.
            official: String::from_utf8_lossy(&self.key).into_owned(),
            last_name,
            first_names,
            candidate,
            mandate: entry.mandate,
            department: entry.department,
        });
    }

    /// The file the rows make, of an election before the one in force.
    pub fn finish(self, path: PathBuf, in_force: Option<u16>) -> Result<PastFile, NotHistory> {
        Ok(PastFile {
            path,
            year: year_of(self.latest, in_force)?,
            rows: self.rows,
            candidates: self.candidates,
        })
    }
}

/// One past sponsorship of a person of the register, as published.
#[derive(Debug, Clone, PartialEq)]
pub struct Past {
    pub year: u16,
    /// The candidate, as the publication writes them.
    pub candidate: Arc<str>,
    /// The candidate's key (`identity::candidate_key`).
    pub candidate_key: Arc<str>,
    pub mandate: Mandate,
    pub department: &'static Department,
}

/// What one file gave: its rows that went to a person of the register,
/// and those that fit but went to nobody.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    pub path: PathBuf,
    pub year: u16,
    pub matched: usize,
    pub ambiguous: usize,
}

/// The past publications joined with the register.
#[derive(Debug, Default)]
pub struct History {
    pub files: Vec<Joined>,
    /// Each person's past sponsorships (by index into the register's
    /// persons), the latest election first.
    of_person: FxHashMap<usize, Vec<Past>>,
    /// Every candidate of the files, as first written, by key.
    candidates: FxHashMap<Arc<str>, Arc<str>>,
}

/// Why a file cannot be history.
#[derive(Debug, Clone, PartialEq)]
pub enum NotHistory {
    /// Its dates are of the election in force: it is a publication of this
    /// election (`--publication`), not a past one.
    InForce { year: u16, latest: NaiveDate },
    /// Its dates are of no election before the one in force.
    NotPast { latest: NaiveDate },
    /// It has no dated row.
    Undated,
}

impl History {
    /// What a person did before (empty if nothing).
    pub fn of(&self, person: usize) -> &[Past] {
        self.of_person.get(&person).map_or(&[], Vec::as_slice)
    }

    /// Whether the files name the candidate of this key
    /// (`identity::candidate_key`).
    pub fn names(&self, candidate_key: &str) -> bool {
        self.candidates.contains_key(candidate_key)
    }

    /// The candidates the files name, once each, as first written.
    pub fn candidates(&self) -> Vec<String> {
        let mut names: Vec<String> = self.candidates.values().map(|c| c.to_string()).collect();
        names.sort();
        names
    }
}

/// The election in force's year: the preset's, else the one whose
/// collection period holds its close.
pub fn year_in_force(election: &Election) -> Option<u16> {
    election.year.or_else(|| {
        election
            .closes
            .and_then(|closes| Election::collecting_on(closes.date()))
    })
}

/// The election of a past publication whose latest publication date is
/// `latest`: the one whose collection period holds it, which must be an
/// election before the one in force.
pub fn year_of(latest: Option<NaiveDate>, in_force: Option<u16>) -> Result<u16, NotHistory> {
    let latest = latest.ok_or(NotHistory::Undated)?;
    match (Election::collecting_on(latest), in_force) {
        (Some(year), Some(now)) if year == now => Err(NotHistory::InForce { year, latest }),
        (Some(year), Some(now)) if year > now => Err(NotHistory::NotPast { latest }),
        (Some(year), _) => Ok(year),
        (None, _) => Err(NotHistory::NotPast { latest }),
    }
}

/// Every row of `files` given to the one person of the register it is,
/// file by file: a person is one official in each file, or none.
pub fn join(register: &Register, index: &Index, files: Vec<PastFile>) -> History {
    let mut history = History::default();
    let mut theirs = String::new();
    for file in files {
        // The persons each row fits, and the official it names: only the
        // rows that fit someone take part.
        let fits: Vec<(usize, Vec<usize>)> = file
            .rows
            .iter()
            .enumerate()
            .filter_map(|(r, row)| {
                let family = index.family(&row.official[..row.last_name], row.department.code);
                let mut persons: Vec<usize> = Vec::new();
                for &(p, _) in family {
                    if persons.contains(&p) {
                        continue;
                    }
                    fold_first_names(&register.persons[p].first_name, &mut theirs);
                    if same_folded_first_names(&row.first_names, &theirs) {
                        persons.push(p);
                    }
                }
                (!persons.is_empty()).then_some((r, persons))
            })
            .collect();
        let officials: Vec<(&[usize], &str)> = fits
            .iter()
            .map(|(r, persons)| (persons.as_slice(), file.rows[*r].official.as_str()))
            .collect();
        let mut joined = Joined {
            path: file.path.clone(),
            year: file.year,
            matched: 0,
            ambiguous: 0,
        };
        for ((r, _), attribution) in fits.iter().zip(attribute(&officials)) {
            let row = &file.rows[*r];
            match attribution {
                Attribution::Person(p) => {
                    joined.matched += 1;
                    let (candidate, key) = &file.candidates[row.candidate];
                    let done = history.of_person.entry(p).or_default();
                    // The same official listed twice, for two spellings of
                    // one candidate, sponsored once.
                    if !done
                        .iter()
                        .any(|past| past.year == file.year && past.candidate_key == *key)
                    {
                        done.push(Past {
                            year: file.year,
                            candidate: Arc::clone(candidate),
                            candidate_key: Arc::clone(key),
                            mandate: row.mandate,
                            department: row.department,
                        });
                    }
                    history
                        .candidates
                        .entry(Arc::clone(key))
                        .or_insert_with(|| Arc::clone(candidate));
                }
                Attribution::Ambiguous => joined.ambiguous += 1,
                Attribution::Nobody => {}
            }
        }
        history.files.push(joined);
    }
    for past in history.of_person.values_mut() {
        past.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.candidate.cmp(&b.candidate)));
    }
    history
}
