//! Who sponsored before: the past publications of the Conseil
//! constitutionnel (`prospects --history`, or the `history` setting)
//! joined with the register of elected officials. Each row goes to the one
//! person of the register it is (`rules::history`: the same person, one fit
//! or none), and each person carries what they did: the year, the
//! candidate, the mandate and the département of each past sponsorship.

use std::path::PathBuf;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::official::rne::{Index, Register};
use crate::rules::fold::fold;
use crate::rules::history::{Attribution, attribute, same_first_names};
use crate::rules::identity::{candidate_key, fold_official_into};
use crate::rules::{Department, Election, Mandate};
use crate::sponsorship::Sponsorship;

/// A past publication, read.
pub struct PastFile {
    pub path: PathBuf,
    /// The election it is of.
    pub year: u16,
    pub rows: Vec<Sponsorship>,
}

/// One past sponsorship of a person of the register, as published.
#[derive(Debug, Clone, PartialEq)]
pub struct Past {
    pub year: u16,
    /// The candidate, as the publication writes them.
    pub candidate: String,
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

    /// Whether anyone of the register sponsored `candidate` (a candidate
    /// key) in these files.
    pub fn names(&self, candidate: &str) -> bool {
        self.of_person
            .values()
            .flatten()
            .any(|past| candidate_key(&past.candidate) == candidate)
    }

    /// The candidates the files name, once each, as written.
    pub fn candidates(&self) -> Vec<String> {
        let mut seen = FxHashMap::default();
        for past in self.of_person.values().flatten() {
            seen.entry(candidate_key(&past.candidate))
                .or_insert_with(|| past.candidate.clone());
        }
        let mut names: Vec<String> = seen.into_values().collect();
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

/// The election of a past publication's rows: the one whose collection
/// period holds its latest publication date, which must be an election
/// before the one in force.
pub fn year_of(rows: &[Sponsorship], in_force: Option<u16>) -> Result<u16, NotHistory> {
    let latest = rows
        .iter()
        .filter_map(|row| row.published_on)
        .max()
        .ok_or(NotHistory::Undated)?;
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
    let mut key = Vec::new();
    for file in files {
        let fits: Vec<(Vec<usize>, Vec<u8>)> = file
            .rows
            .iter()
            .map(|row| {
                let last = fold(&row.last_name);
                let mut persons: Vec<usize> = index
                    .family(&last, row.department.code)
                    .iter()
                    .map(|&(p, _)| p)
                    .filter(|&p| same_first_names(&row.first_name, &register.persons[p].first_name))
                    .collect();
                persons.sort_unstable();
                persons.dedup();
                fold_official_into(row, &mut key);
                (persons, key.clone())
            })
            .collect();
        let mut joined = Joined {
            path: file.path,
            year: file.year,
            matched: 0,
            ambiguous: 0,
        };
        for (row, attribution) in file.rows.into_iter().zip(attribute(&fits)) {
            match attribution {
                Attribution::Person(p) => {
                    joined.matched += 1;
                    let done = history.of_person.entry(p).or_default();
                    // The same official listed twice, for two spellings of
                    // one candidate, sponsored once.
                    let ours = candidate_key(&row.candidate);
                    if !done
                        .iter()
                        .any(|past| past.year == file.year && candidate_key(&past.candidate) == ours)
                    {
                        done.push(Past {
                            year: file.year,
                            candidate: row.candidate,
                            mandate: row.mandate,
                            department: row.department,
                        });
                    }
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
