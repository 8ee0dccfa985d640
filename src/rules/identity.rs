//! Who is "the same official" (RULES.md §1), and what a second row for the
//! same official means.
//!
//! Rows with the same last name, first name, unit, mandate type and
//! circonscription, folded, are one person. The same name in the same unit
//! with another mandate or circonscription may be a homonym: worth a warning,
//! never an error, never a silent merge.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::fold::fold_into;
use crate::sponsorship::Sponsorship;

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
pub fn person_key(s: &Sponsorship) -> String {
    let mut key = String::with_capacity(s.last_name.len() + s.first_name.len() + 8);
    fold_into(&s.last_name, &mut key);
    key.push('\u{1f}');
    fold_into(&s.first_name, &mut key);
    key.push('\u{1f}');
    key.push_str(s.department.code);
    key
}

/// The folded identity of an official: person, mandate and circonscription.
pub fn official_key(s: &Sponsorship) -> String {
    let mut key = person_key(s);
    key.push('\u{1f}');
    key.push_str(s.mandate.code());
    key.push('\u{1f}');
    fold_into(&s.circonscription, &mut key);
    key
}

/// The folded name of a candidate: "BÉKAERT Corinne", "BEKAERT Corinne" and
/// "Bekaert  Corinne" are one candidate.
pub fn candidate_key(name: &str) -> String {
    super::fold::fold(name)
}

/// What a row says about rows read before it.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// The same official already sponsors the same candidate at `first`.
    DuplicateSponsor { first: Location },
    /// The same official already sponsors another live candidate at `first`.
    SeveralCandidates { first: Location, other: String },
    /// The same name in the same unit with another mandate or circonscription.
    PossibleDuplicate { first: Location, other: String },
}

struct Seen {
    at: Location,
    candidate_key: String,
    candidate: String,
    live: bool,
}

/// Remembers the officials of rows read so far and judges each new row.
#[derive(Default)]
pub struct Registry {
    officials: HashMap<String, Vec<Seen>>,
    /// Person key → (official key, where first seen, description).
    persons: HashMap<String, Vec<(String, Location, String)>>,
}

impl Registry {
    /// Records `s`, read at `at`, and says what it repeats. Homonym warnings
    /// are asked for only where they help: in a campaign's ledger, not in an
    /// official publication whose rows the Conseil has already told apart.
    pub fn record(&mut self, s: &Sponsorship, at: &Location, warn_homonyms: bool) -> Vec<Finding> {
        let mut findings = Vec::new();
        let official = official_key(s);
        let candidate_key = candidate_key(&s.candidate);
        if warn_homonyms {
            let person = person_key(s);
            let others = self.persons.entry(person).or_default();
            if let Some((_, first, other)) = others.iter().find(|(key, _, _)| *key != official) {
                findings.push(Finding::PossibleDuplicate {
                    first: first.clone(),
                    other: other.clone(),
                });
            }
            if !others.iter().any(|(key, _, _)| *key == official) {
                others.push((official.clone(), at.clone(), describe_mandate(s)));
            }
        }
        let seen = self.officials.entry(official).or_default();
        if let Some(same) = seen.iter().find(|seen| seen.candidate_key == candidate_key) {
            findings.push(Finding::DuplicateSponsor {
                first: same.at.clone(),
            });
        } else if s.status.is_live()
            && let Some(other) = seen.iter().find(|seen| seen.live)
        {
            findings.push(Finding::SeveralCandidates {
                first: other.at.clone(),
                other: other.candidate.clone(),
            });
        }
        seen.push(Seen {
            at: at.clone(),
            candidate_key,
            candidate: s.candidate.clone(),
            live: s.status.is_live(),
        });
        findings
    }
}

fn describe_mandate(s: &Sponsorship) -> String {
    if s.circonscription.is_empty() {
        s.mandate.code().to_string()
    } else {
        format!("{} of {}", s.mandate.code(), s.circonscription)
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
