//! The count against the law's thresholds (RULES.md §1).
//!
//! Usable sponsorships are Σ over units of min(count, cap), with the cap a
//! tenth of the threshold (50); a candidate qualifies with at least 500
//! usable sponsorships from at least 30 units. An official listed twice for
//! the same candidate counts once.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use super::department::{self, Department};
use super::election::Election;
use super::identity::{candidate_key, official_key};
use super::mandate::Mandate;
use super::status::Status;
use crate::sponsorship::Sponsorship;

const UNITS: usize = department::ALL.len();

/// Counts for one candidate.
#[derive(Debug, Clone)]
pub struct CandidateTally {
    spellings: HashMap<String, u32>,
    /// Validated sponsorships per unit, indexed like `department::ALL`.
    pub validated_by_unit: [u32; UNITS],
    /// Live entries (claimed, sent, validated) per unit.
    pub claimed_by_unit: [u32; UNITS],
    /// (validated, claimed) per mandate, indexed like `Mandate::ALL`.
    pub by_mandate: [(u32, u32); 16],
    /// Validated sponsorships per publication date.
    pub by_date: BTreeMap<NaiveDate, u32>,
    /// Validated entries with no publication date (only in broken ledgers).
    pub undated: u32,
    /// `claimed` + `sent`.
    pub pending: u32,
    /// `rejected` + `withdrawn` + `lost`.
    pub lost: u32,
}

impl Default for CandidateTally {
    fn default() -> CandidateTally {
        CandidateTally {
            spellings: HashMap::new(),
            validated_by_unit: [0; UNITS],
            claimed_by_unit: [0; UNITS],
            by_mandate: [(0, 0); 16],
            by_date: BTreeMap::new(),
            undated: 0,
            pending: 0,
            lost: 0,
        }
    }
}

/// Where a unit stands against the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitCount {
    pub department: &'static Department,
    pub validated: u32,
    pub claimed: u32,
}

impl CandidateTally {
    /// The spelling written most often (ties: the first in alphabetical
    /// order, which puts accented capitals after plain ones predictably).
    pub fn name(&self) -> String {
        let mut spellings: Vec<_> = self.spellings.iter().collect();
        spellings.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        spellings
            .first()
            .map(|(name, _)| (*name).clone())
            .unwrap_or_default()
    }

    pub fn validated(&self) -> u32 {
        self.validated_by_unit.iter().sum()
    }

    /// Every live entry: claimed, sent and validated.
    pub fn claimed(&self) -> u32 {
        self.claimed_by_unit.iter().sum()
    }

    /// Validated sponsorships that count under the cap.
    pub fn usable(&self, election: &Election) -> u32 {
        usable(&self.validated_by_unit, election)
    }

    /// Live entries that would count under the cap if all were validated.
    pub fn usable_claimed(&self, election: &Election) -> u32 {
        usable(&self.claimed_by_unit, election)
    }

    /// Units with at least one validated sponsorship.
    pub fn departments(&self) -> u32 {
        self.validated_by_unit.iter().filter(|n| **n > 0).count() as u32
    }

    /// Units with at least one live entry.
    pub fn departments_claimed(&self) -> u32 {
        self.claimed_by_unit.iter().filter(|n| **n > 0).count() as u32
    }

    pub fn qualified(&self, election: &Election) -> bool {
        self.usable(election) >= election.threshold && self.departments() >= election.min_departments
    }

    /// Every unit with an entry, most validated first (then most claimed,
    /// then code order).
    pub fn units(&self) -> Vec<UnitCount> {
        let mut units: Vec<UnitCount> = department::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| self.claimed_by_unit[*i] > 0 || self.validated_by_unit[*i] > 0)
            .map(|(i, department)| UnitCount {
                department,
                validated: self.validated_by_unit[i],
                claimed: self.claimed_by_unit[i],
            })
            .collect();
        units.sort_by(|a, b| b.validated.cmp(&a.validated).then(b.claimed.cmp(&a.claimed)));
        units
    }

    /// The unit with the most validated sponsorships: the nearest to the cap.
    pub fn nearest_cap(&self) -> Option<UnitCount> {
        self.units().into_iter().find(|u| u.validated > 0)
    }

    /// Validated sponsorships per mandate, with live entries, in table order.
    pub fn mandates(&self) -> Vec<(Mandate, u32, u32)> {
        Mandate::ALL
            .iter()
            .zip(self.by_mandate)
            .filter(|(_, (v, c))| *v > 0 || *c > 0)
            .map(|(m, (v, c))| (*m, v, c))
            .collect()
    }
}

fn usable(by_unit: &[u32; UNITS], election: &Election) -> u32 {
    let cap = election.max_per_department();
    by_unit.iter().map(|n| (*n).min(cap)).sum()
}

/// Counts for every candidate of a ledger.
#[derive(Default)]
pub struct Tally {
    candidates: HashMap<String, CandidateTally>,
    seen: HashSet<(String, String)>,
    /// Rows skipped because the same official was already counted for the
    /// same candidate.
    pub duplicates: u32,
}

impl Tally {
    /// Counts one entry, unless its official was already counted for its
    /// candidate.
    pub fn add(&mut self, s: &Sponsorship) {
        let candidate = candidate_key(&s.candidate);
        if !self.seen.insert((official_key(s), candidate.clone())) {
            self.duplicates += 1;
            return;
        }
        let tally = self.candidates.entry(candidate).or_default();
        *tally.spellings.entry(s.candidate.clone()).or_default() += 1;
        let unit = s.department.index();
        let mandate = Mandate::ALL.iter().position(|m| *m == s.mandate).unwrap_or(0);
        if s.status.is_live() {
            tally.claimed_by_unit[unit] += 1;
            tally.by_mandate[mandate].1 += 1;
        }
        match s.status {
            Status::Validated => {
                tally.validated_by_unit[unit] += 1;
                tally.by_mandate[mandate].0 += 1;
                match s.published_on {
                    Some(day) => *tally.by_date.entry(day).or_default() += 1,
                    None => tally.undated += 1,
                }
            }
            Status::Claimed | Status::Sent => tally.pending += 1,
            Status::Rejected | Status::Withdrawn | Status::Lost => tally.lost += 1,
        }
    }

    /// The candidate whose folded name is that of `name`.
    pub fn candidate(&self, name: &str) -> Option<&CandidateTally> {
        self.candidates.get(&candidate_key(name))
    }

    /// Every candidate, most validated first, then by name.
    pub fn ranking(&self) -> Vec<&CandidateTally> {
        let mut all: Vec<_> = self.candidates.values().collect();
        all.sort_by_cached_key(|t| {
            (
                std::cmp::Reverse(t.validated()),
                std::cmp::Reverse(t.claimed()),
                t.name(),
            )
        });
        all
    }

    pub fn len(&self) -> usize {
        self.candidates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }
}
