//! Reconciling a campaign's ledger with a publication of the Conseil
//! constitutionnel: what each claim becomes, what the publication adds, and
//! what looks wrong (SPEC.md, `import`).
//!
//! The publication is streamed through [`Reconciler::offer`], which keeps
//! only the rows that concern a family (last name and unit) of the ledger,
//! in an arena; the candidate's other sponsors cannot match any claim, and
//! are handed back to the caller to add as they come. A publication of any
//! size is read in memory bounded by the ledger. Matching is
//! [`matching`](crate::rules::matching)'s, on places written as the
//! official list of communes writes them.

use bumpalo::Bump;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use xxhash_rust::xxh3::xxh3_64;

use chrono::NaiveDate;

use crate::engine::keys::KeyHasher;
use crate::message::{Arg, Message};
use crate::msg;
use crate::official::communes::official_spelling;
use crate::rules::fold::{fold, tidy};
use crate::rules::identity::candidate_key;
use crate::rules::matching::{Fit, family_key, match_group};
use crate::rules::status::Status;
use crate::sponsorship::Sponsorship;

/// An entry whose texts live in the import's arena.
pub type Kept<'a> = Sponsorship<&'a str>;

/// A ledger entry of the candidate, with the line it is on.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    pub entry: Kept<'a>,
    pub line: u64,
}

impl<'a> Claim<'a> {
    /// `entry`, its names tidied, copied into `arena`.
    pub fn new<S: AsRef<str>>(arena: &'a Bump, entry: &Sponsorship<S>, line: u64) -> Claim<'a> {
        Claim {
            entry: entry.tidied_in(arena),
            line,
        }
    }
}

/// A published row kept for reconciliation, with its line in the publication.
#[derive(Debug, Clone)]
pub struct Published<'a> {
    pub entry: Kept<'a>,
    pub line: u64,
    /// Whether it is a sponsorship of the candidate.
    pub ours: bool,
    /// Its family (folded last name and unit).
    family: &'a str,
}

/// What [`Reconciler::offer`] did with a published row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Of no concern: another candidate's, and no family of the ledger.
    Skipped,
    /// An official already published for the same candidate.
    Repeated,
    /// Kept, to be matched with the claims of its family.
    Kept,
    /// The candidate's, of a family no claim is of: to add as `validated`,
    /// which is the caller's to do, in publication order.
    Added,
}

/// What an import does to one ledger entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryOutcome {
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
    pub outcome: EntryOutcome,
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
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub kind: NoteKind,
    /// Stable code: `missing-from-publication`, `published-despite-status`,
    /// `validated-for-another-candidate`, `date-differs`, `other-mandate`,
    /// `other-place`.
    pub code: &'static str,
    pub claim: Option<usize>,
    pub published: Option<usize>,
    pub message: Message,
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
pub struct Reconciliation<'a> {
    pub candidate: String,
    pub claims: Vec<Claim<'a>>,
    pub published: Vec<Published<'a>>,
    /// One per claim.
    pub verdicts: Vec<Verdict>,
    /// Published rows kept for a family of the ledger, of the candidate,
    /// that no ledger entry matches, in publication order: to add as
    /// `validated`, with those [`Admission::Added`] on the way.
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
pub struct Reconciler<'a> {
    arena: &'a Bump,
    candidate: String,
    candidate_key: String,
    claims: Vec<Claim<'a>>,
    /// The claims of each family (folded last name and unit).
    by_family: HashMap<&'a str, Vec<usize>>,
    /// Rows kept for a family of the ledger.
    published: Vec<Published<'a>>,
    /// Each (official, candidate) met, as the tally keys it.
    seen: HashSet<[u64; 2]>,
    keys: KeyHasher,
    repeated: Vec<u64>,
    latest: Option<NaiveDate>,
    rows: u64,
    /// Each candidate spelling met: whether it is ours, and its key's hash.
    spellings: HashMap<String, (bool, u64)>,
    /// The candidates met: their keys, and one spelling each.
    candidate_keys: HashSet<String>,
    candidates: Vec<String>,
    holds_candidate: bool,
    /// The person key of the row being offered (a buffer).
    family: String,
}

impl<'a> Reconciler<'a> {
    /// `claims` are the ledger's entries for `candidate`; what is kept of
    /// the publication goes into `arena`.
    pub fn new(arena: &'a Bump, candidate: &str, claims: Vec<Claim<'a>>) -> Reconciler<'a> {
        let mut by_family: HashMap<&'a str, Vec<usize>> =
            HashMap::with_capacity_and_hasher(claims.len(), Default::default());
        let mut key = String::new();
        for (i, claim) in claims.iter().enumerate() {
            family_key(&claim.entry, &mut key);
            match by_family.get_mut(key.as_str()) {
                Some(indices) => indices.push(i),
                None => {
                    by_family.insert(arena.alloc_str(&key), vec![i]);
                }
            }
        }
        Reconciler {
            arena,
            candidate: tidy(candidate),
            candidate_key: candidate_key(candidate),
            claims,
            by_family,
            published: Vec::new(),
            seen: HashSet::default(),
            keys: KeyHasher::default(),
            repeated: Vec::new(),
            latest: None,
            rows: 0,
            spellings: HashMap::default(),
            candidate_keys: HashSet::default(),
            candidates: Vec::new(),
            holds_candidate: false,
            family: String::new(),
        }
    }

    /// Takes one published row: keeps it in the arena if it concerns a
    /// family of the ledger, and says what became of it.
    pub fn offer<S: AsRef<str>>(&mut self, entry: &Sponsorship<S>, line: u64) -> Admission {
        self.rows += 1;
        if let Some(day) = entry.published_on {
            self.latest = Some(self.latest.map_or(day, |latest| latest.max(day)));
        }
        // Each spelling is folded once: the rows of a publication come
        // grouped by candidate, or not at all.
        let (ours, candidate_hash) = match self.spellings.get(entry.candidate.as_ref()) {
            Some((ours, hash)) => (*ours, *hash),
            None => {
                let key = candidate_key(entry.candidate.as_ref());
                let ours = key == self.candidate_key;
                let hash = xxh3_64(key.as_bytes());
                self.holds_candidate |= ours;
                if self.candidate_keys.insert(key) {
                    self.candidates.push(tidy(entry.candidate.as_ref()));
                }
                self.spellings
                    .insert(entry.candidate.as_ref().to_string(), (ours, hash));
                (ours, hash)
            }
        };
        family_key(entry, &mut self.family);
        let family = self
            .by_family
            .get_key_value(self.family.as_str())
            .map(|(k, _)| *k);
        if !ours && family.is_none() {
            return Admission::Skipped;
        }
        if !self.seen.insert(self.keys.sponsorship(entry, candidate_hash)) {
            self.repeated.push(line);
            return Admission::Repeated;
        }
        let Some(family) = family else {
            return Admission::Added;
        };
        let entry = entry.tidied_in(self.arena);
        self.published.push(Published {
            entry,
            line,
            ours,
            family,
        });
        Admission::Kept
    }

    /// Matches what was kept and decides each outcome.
    pub fn finish(self) -> Reconciliation<'a> {
        let Reconciler {
            candidate,
            claims,
            by_family,
            published,
            repeated,
            latest,
            rows,
            candidates: publication_candidates,
            holds_candidate,
            ..
        } = self;
        let Pairing {
            pair_of,
            taken,
            tangles,
        } = pair(&claims, &published, &by_family);
        let added: Vec<usize> = (0..published.len())
            .filter(|&p| !taken[p] && published[p].ours)
            .collect();
        let mut notes = Vec::new();
        let verdicts = claims
            .iter()
            .enumerate()
            .map(|(c, claim)| decide(c, claim, pair_of[c], &published, latest, &candidate, &mut notes))
            .collect();
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

/// Which published row each claim is, family by family; the rows taken
/// (matched, or in a tangle); the tangles.
struct Pairing {
    pair_of: Vec<Option<(usize, Fit)>>,
    taken: Vec<bool>,
    tangles: Vec<Tangle>,
}

fn pair(claims: &[Claim], published: &[Published], by_family: &HashMap<&str, Vec<usize>>) -> Pairing {
    let mut rows_of: HashMap<&str, Vec<usize>> = HashMap::default();
    for (p, row) in published.iter().enumerate() {
        rows_of.entry(row.family).or_default().push(p);
    }
    let mut pair_of: Vec<Option<(usize, Fit)>> = vec![None; claims.len()];
    let mut taken = vec![false; published.len()];
    let mut tangles = Vec::new();
    // Persons in ledger order, so that what is reported is stable.
    let mut families: Vec<(&&str, &Vec<usize>)> = by_family.iter().collect();
    families.sort_by_key(|(_, indices)| indices[0]);
    for (family, claim_indices) in families {
        let Some(row_indices) = rows_of.get(*family) else {
            continue;
        };
        let claim_entries: Vec<Kept> = claim_indices
            .iter()
            .map(|&c| as_listed(&claims[c].entry))
            .collect();
        let row_entries: Vec<Kept> = row_indices
            .iter()
            .map(|&p| as_listed(&published[p].entry))
            .collect();
        let found = match_group(
            &claim_entries.iter().collect::<Vec<_>>(),
            &row_entries.iter().collect::<Vec<_>>(),
        );
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
    Pairing {
        pair_of,
        taken,
        tangles,
    }
}

/// An entry as matching sees it: a mayor's place written as the official
/// list of communes writes it, when it names one there, so that a claim
/// whose commune was typed loosely ("Abergement Clémenciat", "St-Félix de
/// Tournegat") is the published row of that commune, and not a homonym's
/// in another place.
fn as_listed<'a>(entry: &Kept<'a>) -> Kept<'a> {
    let mut entry = entry.clone();
    if let Some(name) = official_spelling(entry.mandate, entry.department, entry.circonscription) {
        entry.circonscription = name;
    }
    entry
}

/// What claim `c` becomes, given the published row it was paired with (if
/// any); the notes it deserves go to `notes`.
fn decide(
    c: usize,
    claim: &Claim,
    paired: Option<(usize, Fit)>,
    published: &[Published],
    latest: Option<NaiveDate>,
    candidate: &str,
    notes: &mut Vec<Note>,
) -> Verdict {
    let is_ours = |p: usize| published[p].ours;
    let entry = &claim.entry;
    let status = entry.status;
    let verdict = |outcome| Verdict {
        outcome,
        published: paired.map(|(p, _)| p),
        fit: paired.map(|(_, fit)| fit),
    };
    let mut note = |kind, code, message: Message| {
        notes.push(Note {
            kind,
            code,
            claim: Some(c),
            published: paired.map(|(p, _)| p),
            message,
        });
    };
    let Some((p, fit)) = paired else {
        let outcome = if status.is_pending() {
            EntryOutcome::Pending
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
                    msg!(MissingFromPublication, day, latest),
                );
            }
            EntryOutcome::Unchanged
        };
        return verdict(outcome);
    };
    let row = &published[p].entry;
    let day = || {
        row.published_on
            .map_or_else(|| msg!(UnknownDate).into(), Arg::Day)
    };
    if fit == Fit::OtherMandate {
        note(
            NoteKind::Review,
            "other-mandate",
            msg!(
                PublishedUnderOtherMandate,
                Arg::Mandate(row.mandate),
                place(row),
                row.candidate,
                day(),
                Arg::Mandate(entry.mandate)
            ),
        );
    } else if fit == Fit::OtherPlace {
        note(
            NoteKind::Review,
            "other-place",
            msg!(
                PublishedInOtherPlace,
                Arg::Mandate(row.mandate),
                place(row),
                row.candidate,
                day(),
                entry.circonscription
            ),
        );
    }
    let outcome = if is_ours(p) {
        match status {
            Status::Claimed | Status::Sent => EntryOutcome::Confirmed,
            Status::Validated => {
                if entry.published_on != row.published_on {
                    note(
                        NoteKind::Anomaly,
                        "date-differs",
                        msg!(
                            PublishedOnAnotherDay,
                            day(),
                            entry.published_on.map_or_else(|| msg!(NoDate).into(), Arg::Day)
                        ),
                    );
                }
                EntryOutcome::AlreadyValidated
            }
            Status::Withdrawn | Status::Rejected | Status::Lost | Status::Declined => {
                note(
                    NoteKind::Anomaly,
                    "published-despite-status",
                    msg!(
                        PublishedDespiteStatus,
                        Arg::Status(status),
                        row.candidate,
                        day(),
                        Arg::Status(status),
                        format!(
                            "parrainage update --last-name {} --first-name {} --line {} \
                             --status validated --published-on {}",
                            crate::ledger::scan::shell_quote(entry.last_name),
                            crate::ledger::scan::shell_quote(entry.first_name),
                            claim.line,
                            row.published_on.map_or_else(String::new, |d| d.to_string())
                        )
                    ),
                );
                EntryOutcome::Unchanged
            }
        }
    } else if fit.is_loose() {
        // Under another mandate or place and for another candidate,
        // the row is as likely a homonym's: the claim is not declared
        // lost.
        if status.is_pending() {
            EntryOutcome::Pending
        } else {
            EntryOutcome::Unchanged
        }
    } else {
        match status {
            Status::Claimed | Status::Sent => EntryOutcome::Lost,
            Status::Validated => {
                note(
                    NoteKind::Anomaly,
                    "validated-for-another-candidate",
                    msg!(ValidatedForAnotherCandidate, candidate, row.candidate, day()),
                );
                EntryOutcome::Unchanged
            }
            Status::Withdrawn | Status::Rejected | Status::Lost | Status::Declined => EntryOutcome::Unchanged,
        }
    };
    verdict(outcome)
}

fn place(s: &Kept) -> String {
    crate::sponsorship::in_brackets(s.circonscription)
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

    fn claims(arena: &Bump, entries: Vec<Sponsorship>) -> Vec<Claim<'_>> {
        entries
            .iter()
            .enumerate()
            .map(|(i, entry)| Claim::new(arena, entry, i as u64 + 2))
            .collect()
    }

    #[test]
    fn outcomes_of_claims() {
        let arena = Bump::new();
        let ledger = claims(
            &arena,
            vec![
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
            ],
        );
        let mut reconciler = Reconciler::new(&arena, "MARTIN Claire", ledger);
        let mut mayor = entry(
            Status::Validated,
            "MARTÍN  Claire",
            "Lefebvre",
            Mandate::Mayor,
            "WATTRELOS",
            "59",
        );
        mayor.published_on = Some(day(10));
        assert_eq!(reconciler.offer(&mayor, 2), Admission::Kept);
        let councillor = entry(
            Status::Validated,
            "DURAND Paul",
            "LEFEBVRE",
            Mandate::DepartmentalCouncillor,
            "",
            "59",
        );
        assert_eq!(reconciler.offer(&councillor, 3), Admission::Kept);
        // Someone of no interest, for another candidate: not kept.
        let zola = reconciler.offer(
            &entry(
                Status::Validated,
                "DURAND Paul",
                "ZOLA",
                Mandate::Mayor,
                "Lens",
                "62",
            ),
            4,
        );
        assert_eq!(zola, Admission::Skipped);
        // A new sponsor of the candidate, of a family no claim is of:
        // handed back to be added at once.
        let petit = reconciler.offer(
            &entry(
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
        let outcomes: Vec<EntryOutcome> = result.verdicts.iter().map(|v| v.outcome).collect();
        assert_eq!(
            outcomes,
            vec![EntryOutcome::Confirmed, EntryOutcome::Lost, EntryOutcome::Pending]
        );
        assert_eq!(petit, Admission::Added);
        assert_eq!(result.published.len(), 2);
        assert!(result.added.is_empty());
        assert_eq!(result.latest, Some(day(10)));
        assert_eq!(result.rows, 4);
    }

    #[test]
    fn anomalies_are_noted_not_applied() {
        let arena = Bump::new();
        let ledger = claims(
            &arena,
            vec![
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
            ],
        );
        let mut reconciler = Reconciler::new(&arena, "MARTIN Claire", ledger);
        reconciler.offer(
            &entry(
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
        reconciler.offer(&girard, 3);
        let result = reconciler.finish();
        let outcomes: Vec<EntryOutcome> = result.verdicts.iter().map(|v| v.outcome).collect();
        assert_eq!(
            outcomes,
            vec![
                EntryOutcome::Unchanged,
                EntryOutcome::AlreadyValidated,
                EntryOutcome::Unchanged
            ]
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
        let arena = Bump::new();
        let ledger = claims(
            &arena,
            vec![entry(
                Status::Claimed,
                "MARTIN Claire",
                "DUPONT",
                Mandate::Mayor,
                "Verdun",
                "55",
            )],
        );
        let mut reconciler = Reconciler::new(&arena, "MARTIN Claire", ledger);
        reconciler.offer(
            &entry(
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
        assert_eq!(result.verdicts[0].outcome, EntryOutcome::Pending);
        assert_eq!(result.notes[0].code, "other-mandate");
        assert_eq!(result.notes[0].kind, NoteKind::Review);
    }

    #[test]
    fn a_repeated_row_counts_once() {
        let arena = Bump::new();
        let mut reconciler = Reconciler::new(&arena, "BEKAERT Corinne", Vec::new());
        reconciler.offer(
            &entry(
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
            &entry(
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
        assert!(result.added.is_empty());
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
