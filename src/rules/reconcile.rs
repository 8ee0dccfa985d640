//! Reconciling a campaign's ledger with a publication of the Conseil
//! constitutionnel: what each claim becomes, what the publication adds, and
//! what looks wrong (SPEC.md, `import`).
//!
//! The publication is streamed through [`Reconciler::offer`], which keeps
//! only the rows that concern the candidate or a person of the ledger: a
//! publication of any size is read in memory bounded by the ledger and the
//! candidate's sponsors. Matching is [`matching`](super::matching)'s.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use chrono::NaiveDate;

use super::fold::{fold, tidy};
use super::identity::{candidate_key, official_key};
use super::matching::{Fit, family_key, match_group};
use super::status::Status;
use crate::sponsorship::{Entry, Sponsorship};

/// A ledger entry of the candidate, with the line it is on.
#[derive(Debug, Clone)]
pub struct Claim {
    pub entry: Sponsorship,
    pub line: u64,
}

/// A published row kept for reconciliation, with its line in the publication.
#[derive(Debug, Clone)]
pub struct Published {
    pub entry: Sponsorship,
    pub line: u64,
}

/// What an import does to one ledger entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A claim (`claimed`/`sent`) published for the candidate: becomes
    /// `validated` with the publication date.
    Confirmed,
    /// Already `validated`, and published: nothing to do.
    AlreadyValidated,
    /// A claim published for another candidate: becomes `lost`.
    Lost,
    /// A claim not (or not surely) published: stays as it is.
    Pending,
    /// Anything else: stays as it is (anomalies say why, when it matters).
    Unchanged,
}

/// The outcome for one ledger entry, and the published row behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub outcome: Outcome,
    pub published: Option<usize>,
    pub fit: Option<Fit>,
}

/// Whether a note says something looks wrong, or asks a person to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    Anomaly,
    Review,
}

/// Something an import reports about one entry or row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    /// Stable code: `missing-from-publication`, `published-despite-status`,
    /// `validated-for-another-candidate`, `date-differs`, `other-mandate`.
    pub code: &'static str,
    pub claim: Option<usize>,
    pub published: Option<usize>,
    pub message: String,
}

/// Entries and rows that could not be told apart (indices into `claims`
/// and `published`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tangle {
    pub claims: Vec<usize>,
    pub published: Vec<usize>,
}

/// The whole result of an import.
#[derive(Debug)]
pub struct Reconciliation {
    pub candidate: String,
    pub claims: Vec<Claim>,
    pub published: Vec<Published>,
    /// One per claim.
    pub verdicts: Vec<Verdict>,
    /// Published rows of the candidate that no ledger entry matches, in
    /// publication order: to add as `validated`.
    pub added: Vec<usize>,
    pub notes: Vec<Note>,
    pub tangles: Vec<Tangle>,
    /// Lines of rows repeating an official already published for the same
    /// candidate (the 2022 data lists one official under both spellings of
    /// a candidate's name).
    pub repeated: Vec<u64>,
    /// The latest publication date in the file: the publication's date.
    pub latest: Option<NaiveDate>,
    pub rows: u64,
    /// Every candidate the publication names, one spelling each, in the
    /// order met.
    pub candidates: Vec<String>,
    /// Whether the publication names the candidate at all.
    pub holds_candidate: bool,
}

/// Streams a publication against the candidate's ledger entries.
pub struct Reconciler {
    candidate: String,
    candidate_key: String,
    claims: Vec<Claim>,
    by_person: HashMap<String, Vec<usize>>,
    published: Vec<(Published, String)>,
    seen: HashSet<String>,
    repeated: Vec<u64>,
    latest: Option<NaiveDate>,
    rows: u64,
    /// The last candidate name met, and whether it is ours.
    last_candidate: Option<(String, bool)>,
    /// The candidates met: their keys, and one spelling each.
    candidate_keys: HashSet<String>,
    candidates: Vec<String>,
    holds_candidate: bool,
    /// The person key of the row being offered (a buffer).
    person: String,
}

impl Reconciler {
    /// `claims` are the ledger's entries for `candidate`.
    pub fn new(candidate: &str, claims: Vec<Claim>) -> Reconciler {
        let mut by_person: HashMap<String, Vec<usize>> =
            HashMap::with_capacity_and_hasher(claims.len(), Default::default());
        let mut key = String::new();
        for (i, claim) in claims.iter().enumerate() {
            family_key(&claim.entry, &mut key);
            by_person.entry(key.clone()).or_default().push(i);
        }
        Reconciler {
            candidate: tidy(candidate),
            candidate_key: candidate_key(candidate),
            claims,
            by_person,
            published: Vec::new(),
            seen: HashSet::default(),
            repeated: Vec::new(),
            latest: None,
            rows: 0,
            last_candidate: None,
            candidate_keys: HashSet::default(),
            candidates: Vec::new(),
            holds_candidate: false,
            person: String::new(),
        }
    }

    /// Whether `name` is the candidate (case, accents and spaces aside).
    pub fn is_candidate(&self, name: &str) -> bool {
        candidate_key(name) == self.candidate_key
    }

    /// Takes one published row; keeps it only if it is the candidate's or
    /// concerns a person of the ledger.
    pub fn offer(&mut self, entry: Sponsorship, line: u64) {
        if let Some(person) = self.admit(&entry, line) {
            self.published.push((Published { entry, line }, person));
        }
    }

    /// [`offer`](Self::offer) for an entry borrowed from a reader's fast
    /// path: copied, its names tidied, only if it is kept.
    pub fn offer_read(&mut self, entry: &Entry, line: u64) {
        if let Some(person) = self.admit(entry, line) {
            let entry = entry.tidied();
            self.published.push((Published { entry, line }, person));
        }
    }

    /// Whether a published row is kept, and its person key if so.
    fn admit<S: AsRef<str>>(&mut self, entry: &Sponsorship<S>, line: u64) -> Option<String> {
        self.rows += 1;
        if let Some(day) = entry.published_on {
            self.latest = Some(self.latest.map_or(day, |latest| latest.max(day)));
        }
        // Rows come grouped by candidate: the last verdict is reused.
        let ours = match &self.last_candidate {
            Some((name, ours)) if name == entry.candidate.as_ref() => *ours,
            _ => {
                let key = candidate_key(entry.candidate.as_ref());
                let ours = key == self.candidate_key;
                self.holds_candidate |= ours;
                if self.candidate_keys.insert(key) {
                    self.candidates.push(tidy(entry.candidate.as_ref()));
                }
                self.last_candidate = Some((entry.candidate.as_ref().to_string(), ours));
                ours
            }
        };
        family_key(entry, &mut self.person);
        if !ours && !self.by_person.contains_key(self.person.as_str()) {
            return None;
        }
        let person = self.person.clone();
        let mut official = official_key(entry);
        official.push('\u{1e}');
        official.push_str(&candidate_key(entry.candidate.as_ref()));
        if !self.seen.insert(official) {
            self.repeated.push(line);
            return None;
        }
        Some(person)
    }

    /// Matches what was kept and decides each outcome.
    pub fn finish(self) -> Reconciliation {
        let Reconciler {
            candidate,
            candidate_key: ours,
            claims,
            by_person,
            published,
            repeated,
            latest,
            rows,
            candidates: publication_candidates,
            holds_candidate,
            ..
        } = self;
        let mut rows_of: HashMap<&str, Vec<usize>> = HashMap::default();
        for (p, (_, person)) in published.iter().enumerate() {
            rows_of.entry(person.as_str()).or_default().push(p);
        }
        let mut pair_of: Vec<Option<(usize, Fit)>> = vec![None; claims.len()];
        let mut taken = vec![false; published.len()];
        let mut tangles = Vec::new();
        // Persons in ledger order, so that what is reported is stable.
        let mut persons: Vec<(&String, &Vec<usize>)> = by_person.iter().collect();
        persons.sort_by_key(|(_, indices)| indices[0]);
        for (person, claim_indices) in persons {
            let Some(row_indices) = rows_of.get(person.as_str()) else {
                continue;
            };
            let claim_entries: Vec<&Sponsorship> = claim_indices.iter().map(|&c| &claims[c].entry).collect();
            let row_entries: Vec<&Sponsorship> = row_indices.iter().map(|&p| &published[p].0.entry).collect();
            let found = match_group(&claim_entries, &row_entries);
            for (c, p, fit) in found.pairs {
                pair_of[claim_indices[c]] = Some((row_indices[p], fit));
                taken[row_indices[p]] = true;
            }
            for ambiguity in found.ambiguities {
                let tangle = Tangle {
                    claims: ambiguity.claims.iter().map(|&c| claim_indices[c]).collect(),
                    published: ambiguity.published.iter().map(|&p| row_indices[p]).collect(),
                };
                // An undecided row is not added: it may be one of the claims.
                for &p in &tangle.published {
                    taken[p] = true;
                }
                tangles.push(tangle);
            }
        }
        let published: Vec<Published> = published.into_iter().map(|(row, _)| row).collect();
        let is_ours = |p: usize| candidate_key(&published[p].entry.candidate) == ours;
        let added: Vec<usize> = (0..published.len())
            .filter(|&p| !taken[p] && is_ours(p))
            .collect();

        let mut notes = Vec::new();
        let mut verdicts = Vec::with_capacity(claims.len());
        for (c, claim) in claims.iter().enumerate() {
            let entry = &claim.entry;
            let status = entry.status;
            let verdict = |outcome| Verdict {
                outcome,
                published: pair_of[c].map(|(p, _)| p),
                fit: pair_of[c].map(|(_, fit)| fit),
            };
            let mut note = |kind, code, message: String| {
                notes.push(Note {
                    kind,
                    code,
                    claim: Some(c),
                    published: pair_of[c].map(|(p, _)| p),
                    message,
                });
            };
            let Some((p, fit)) = pair_of[c] else {
                let outcome = if status.is_pending() {
                    Outcome::Pending
                } else {
                    // The Conseil's files are cumulative: a validated entry
                    // missing from a publication at least as recent as its
                    // own date was published once and is no longer.
                    if status == Status::Validated
                        && let (Some(day), Some(latest)) = (entry.published_on, latest)
                        && day <= latest
                    {
                        note(
                            NoteKind::Anomaly,
                            "missing-from-publication",
                            format!(
                                "validated on {day} in the ledger, but this publication (up to {latest}) does not list it"
                            ),
                        );
                    }
                    Outcome::Unchanged
                };
                verdicts.push(verdict(outcome));
                continue;
            };
            let row = &published[p].entry;
            let day = row
                .published_on
                .map_or_else(|| "an unknown date".to_string(), |d| d.to_string());
            if fit == Fit::OtherMandate {
                note(
                    NoteKind::Review,
                    "other-mandate",
                    format!(
                        "published as {}{} for {} on {day}, the ledger says {}: the same person with two mandates, or a homonym?",
                        row.mandate,
                        place(row),
                        row.candidate,
                        entry.mandate
                    ),
                );
            }
            let outcome = if is_ours(p) {
                match status {
                    Status::Claimed | Status::Sent => Outcome::Confirmed,
                    Status::Validated => {
                        if entry.published_on != row.published_on {
                            note(
                                NoteKind::Anomaly,
                                "date-differs",
                                format!(
                                    "published on {day}, the ledger says {}; kept as it is",
                                    entry
                                        .published_on
                                        .map_or_else(|| "no date".to_string(), |d| d.to_string())
                                ),
                            );
                        }
                        Outcome::AlreadyValidated
                    }
                    Status::Withdrawn | Status::Rejected | Status::Lost => {
                        note(
                            NoteKind::Anomaly,
                            "published-despite-status",
                            format!(
                                "{status} in the ledger, but published as validated for {} on {day}; \
                                 kept as {status}: a présentation is irrevocable, so if it is this official, \
                                 set it to validated with `parrainage update --status validated --published-on {}`",
                                row.candidate,
                                row.published_on.map_or_else(String::new, |d| d.to_string())
                            ),
                        );
                        Outcome::Unchanged
                    }
                }
            } else if fit == Fit::OtherMandate {
                // Under another mandate and for another candidate, the row is
                // as likely a homonym's: the claim is not declared lost.
                if status.is_pending() {
                    Outcome::Pending
                } else {
                    Outcome::Unchanged
                }
            } else {
                match status {
                    Status::Claimed | Status::Sent => Outcome::Lost,
                    Status::Validated => {
                        note(
                            NoteKind::Anomaly,
                            "validated-for-another-candidate",
                            format!(
                                "validated for {candidate} in the ledger, but published for {} on {day}; kept as it is",
                                row.candidate
                            ),
                        );
                        Outcome::Unchanged
                    }
                    Status::Withdrawn | Status::Rejected | Status::Lost => Outcome::Unchanged,
                }
            };
            verdicts.push(verdict(outcome));
        }
        Reconciliation {
            candidate,
            claims,
            published,
            verdicts,
            added,
            notes,
            tangles,
            repeated,
            latest,
            rows,
            candidates: publication_candidates,
            holds_candidate,
        }
    }
}

fn place(s: &Sponsorship) -> String {
    if s.circonscription.is_empty() {
        String::new()
    } else {
        format!(" ({})", s.circonscription)
    }
}

/// The notes of a claim confirmed under other values, which it took: what
/// it said before is kept, after the existing notes.
pub fn correction_notes(existing: &str, source: &str, before: &[String]) -> String {
    let said = format!("before {source}: {}", before.join(", "));
    if existing.trim().is_empty() {
        said
    } else {
        format!("{}; {said}", existing.trim_end())
    }
}

/// The notes of a claim found published for `other`: the existing notes
/// are kept, and the candidate named once.
pub fn lost_notes(existing: &str, other: &str, day: Option<NaiveDate>) -> String {
    let said = format!("published for {other}");
    if fold(existing).contains(&fold(&said)) {
        return existing.to_string();
    }
    let said = match day {
        Some(day) => format!("{said} on {day}"),
        None => said,
    };
    if existing.trim().is_empty() {
        said
    } else {
        format!("{}; {said}", existing.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Department, Mandate};

    fn entry(
        status: Status,
        candidate: &str,
        last: &str,
        mandate: Mandate,
        place: &str,
        unit: &str,
    ) -> Sponsorship {
        Sponsorship {
            status,
            candidate: candidate.into(),
            civility: None,
            last_name: last.into(),
            first_name: "Michel".into(),
            mandate,
            circonscription: place.into(),
            department: Department::by_code(unit),
            claimed_on: None,
            published_on: (status == Status::Validated).then(|| day(8)),
            source: String::new(),
            notes: String::new(),
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 2, d).unwrap_or_default()
    }

    fn claims(entries: Vec<Sponsorship>) -> Vec<Claim> {
        entries
            .into_iter()
            .enumerate()
            .map(|(i, entry)| Claim {
                entry,
                line: i as u64 + 2,
            })
            .collect()
    }

    #[test]
    fn outcomes_of_claims() {
        let ledger = claims(vec![
            entry(
                Status::Claimed,
                "MARTIN Claire",
                "LEFEBVRE",
                Mandate::Mayor,
                "Wattrelos",
                "59",
            ),
            entry(
                Status::Sent,
                "MARTIN Claire",
                "LEFEBVRE",
                Mandate::DepartmentalCouncillor,
                "Roubaix-1",
                "59",
            ),
            entry(
                Status::Claimed,
                "MARTIN Claire",
                "MOREL",
                Mandate::Mayor,
                "Jouy-en-Argonne",
                "55",
            ),
        ]);
        let mut reconciler = Reconciler::new("MARTIN Claire", ledger);
        let mut mayor = entry(
            Status::Validated,
            "MARTÍN  Claire",
            "Lefebvre",
            Mandate::Mayor,
            "WATTRELOS",
            "59",
        );
        mayor.published_on = Some(day(10));
        reconciler.offer(mayor, 2);
        let councillor = entry(
            Status::Validated,
            "DURAND Paul",
            "LEFEBVRE",
            Mandate::DepartmentalCouncillor,
            "",
            "59",
        );
        reconciler.offer(councillor, 3);
        // Someone of no interest, for another candidate: not kept.
        reconciler.offer(
            entry(
                Status::Validated,
                "DURAND Paul",
                "ZOLA",
                Mandate::Mayor,
                "Lens",
                "62",
            ),
            4,
        );
        // A new sponsor of the candidate: added.
        reconciler.offer(
            entry(
                Status::Validated,
                "MARTIN Claire",
                "PETIT",
                Mandate::Mayor,
                "Lens",
                "62",
            ),
            5,
        );
        let result = reconciler.finish();
        let outcomes: Vec<Outcome> = result.verdicts.iter().map(|v| v.outcome).collect();
        assert_eq!(
            outcomes,
            vec![Outcome::Confirmed, Outcome::Lost, Outcome::Pending]
        );
        assert_eq!(result.published.len(), 3);
        assert_eq!(result.added.len(), 1);
        assert_eq!(result.published[result.added[0]].entry.last_name, "PETIT");
        assert_eq!(result.latest, Some(day(10)));
        assert_eq!(result.rows, 4);
    }

    #[test]
    fn anomalies_are_noted_not_applied() {
        let ledger = claims(vec![
            entry(
                Status::Withdrawn,
                "MARTIN Claire",
                "WEBER",
                Mandate::Mayor,
                "Haguenau",
                "67",
            ),
            entry(
                Status::Validated,
                "MARTIN Claire",
                "GIRARD",
                Mandate::Mayor,
                "Verdun",
                "55",
            ),
            entry(
                Status::Validated,
                "MARTIN Claire",
                "ROSSI",
                Mandate::Mayor,
                "Ajaccio",
                "2A",
            ),
        ]);
        let mut reconciler = Reconciler::new("MARTIN Claire", ledger);
        reconciler.offer(
            entry(
                Status::Validated,
                "MARTIN Claire",
                "WEBER",
                Mandate::Mayor,
                "Haguenau",
                "67",
            ),
            2,
        );
        let mut girard = entry(
            Status::Validated,
            "MARTIN Claire",
            "GIRARD",
            Mandate::Mayor,
            "Verdun",
            "55",
        );
        girard.published_on = Some(day(15));
        reconciler.offer(girard, 3);
        let result = reconciler.finish();
        let outcomes: Vec<Outcome> = result.verdicts.iter().map(|v| v.outcome).collect();
        assert_eq!(
            outcomes,
            vec![Outcome::Unchanged, Outcome::AlreadyValidated, Outcome::Unchanged]
        );
        let codes: Vec<&str> = result.notes.iter().map(|n| n.code).collect();
        assert_eq!(
            codes,
            vec![
                "published-despite-status",
                "date-differs",
                "missing-from-publication"
            ]
        );
        // The withdrawn entry's published row is matched, so not added again.
        assert!(result.added.is_empty());
    }

    #[test]
    fn another_mandate_for_another_candidate_is_not_lost() {
        let ledger = claims(vec![entry(
            Status::Claimed,
            "MARTIN Claire",
            "DUPONT",
            Mandate::Mayor,
            "Verdun",
            "55",
        )]);
        let mut reconciler = Reconciler::new("MARTIN Claire", ledger);
        reconciler.offer(
            entry(
                Status::Validated,
                "DURAND Paul",
                "DUPONT",
                Mandate::Senator,
                "",
                "55",
            ),
            2,
        );
        let result = reconciler.finish();
        assert_eq!(result.verdicts[0].outcome, Outcome::Pending);
        assert_eq!(result.notes[0].code, "other-mandate");
        assert_eq!(result.notes[0].kind, NoteKind::Review);
    }

    #[test]
    fn a_repeated_row_counts_once() {
        let mut reconciler = Reconciler::new("BEKAERT Corinne", Vec::new());
        reconciler.offer(
            entry(
                Status::Validated,
                "BEKAERT Corinne",
                "DUPONT",
                Mandate::Mayor,
                "Verdun",
                "55",
            ),
            2,
        );
        reconciler.offer(
            entry(
                Status::Validated,
                "BÉKAERT Corinne",
                "DUPONT",
                Mandate::Mayor,
                "Verdun",
                "55",
            ),
            3,
        );
        let result = reconciler.finish();
        assert_eq!(result.added, vec![0]);
        assert_eq!(result.repeated, vec![3]);
    }

    #[test]
    fn lost_notes_keep_what_was_written() {
        assert_eq!(
            lost_notes("", "DURAND Paul", Some(day(8))),
            "published for DURAND Paul on 2022-02-08"
        );
        assert_eq!(
            lost_notes("to call", "DURAND Paul", None),
            "to call; published for DURAND Paul"
        );
        assert_eq!(
            lost_notes("published for DURAND Paul", "DURAND Paul", Some(day(8))),
            "published for DURAND Paul"
        );
    }
}
