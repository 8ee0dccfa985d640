//! `diff`'s workflow: two publications of the Conseil constitutionnel read
//! and counted, and per candidate what the later one changed: the
//! sponsorships added and removed (a publication can shrink: the Conseil
//! has withdrawn published rows), the départements newly reached, and
//! whether the candidate qualified before and after.
//!
//! An official is the one `rules::identity` says, listed once per
//! candidate however many rows repeat them, as the count does; a row
//! moved from one candidate to another is removed from the first and
//! added to the second.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::context::{Context, Failure};
use crate::diagnostic::Log;
use crate::engine::keys::KeyHasher;
use crate::engine::tally::TallyBuilder;
use crate::ledger::ReadOptions;
use crate::ledger::archive::{self, publication_file};
use crate::ledger::scan::{each_entry, read_again, scan};
use crate::message::Arg;
use crate::msg;
use crate::ops::report::refuse_unread_rows;
use crate::rules::department::{self, Department};
use crate::rules::identity::{candidate_key, closest_names};
use crate::rules::tally::{CandidateTally, Tally};
use crate::sponsorship::Sponsorship;

/// What a diff is asked to compare.
pub struct DiffRequest<'r> {
    /// The earlier publication, or with `since` the archive.
    pub old: Option<&'r Path>,
    /// The later publication.
    pub new: Option<&'r Path>,
    /// The archive's latest file on or before this day, against its latest.
    pub since: Option<NaiveDate>,
    /// Every candidate, even when the settings name one.
    pub all: bool,
}

/// One of the two publications compared.
#[derive(Debug, Clone)]
pub struct Side {
    pub file: PathBuf,
    /// The latest publication date of its rows.
    pub latest_publication: Option<NaiveDate>,
}

/// What changed for one candidate.
#[derive(Debug, Clone)]
pub struct Change {
    pub candidate: String,
    pub added: usize,
    pub removed: usize,
    /// Units with a validated sponsorship now and none before.
    pub departments_added: Vec<&'static Department>,
    pub validated_before: u32,
    pub validated_after: u32,
    pub qualified_before: bool,
    pub qualified_after: bool,
    /// For one candidate: the officials added and removed, in the order
    /// of the publication that lists them.
    pub officials_added: Vec<Sponsorship>,
    pub officials_removed: Vec<Sponsorship>,
}

impl Change {
    /// Whether anything changed for the candidate.
    pub fn changed(&self) -> bool {
        self.added > 0 || self.removed > 0 || self.qualified_before != self.qualified_after
    }
}

/// The two publications, and what changed for each candidate, most
/// validated first.
#[derive(Debug)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    pub candidates: Vec<Change>,
    /// One candidate was asked for: the officials are listed.
    pub one: bool,
}

/// Compares the two publications `request` names.
pub fn diff(request: &DiffRequest, context: &Context) -> Result<Diff, Failure> {
    let (old_file, new_file) = files(request, context)?;
    let (options, _) = context.options_for_publication(std::slice::from_ref(&new_file))?;
    let election = options.election.clone();
    let chosen = context.read.candidate.as_deref().filter(|_| !request.all);
    let chosen_key = chosen.map(candidate_key);
    let old = Read::of(&old_file, context, chosen_key.as_deref())?;
    let new = Read::of(&new_file, context, chosen_key.as_deref())?;

    // Every candidate of either publication, most validated now first.
    let mut order: Vec<(&CandidateTally, Option<&CandidateTally>)> = Vec::new();
    let mut seen: FxHashSet<String> = FxHashSet::default();
    for t in new.tally.ranking() {
        seen.insert(candidate_key(&t.name()));
        order.push((t, Some(t)));
    }
    for t in old.tally.ranking() {
        if seen.insert(candidate_key(&t.name())) {
            order.push((t, None));
        }
    }
    if let Some(name) = chosen {
        let key = candidate_key(name);
        order.retain(|(t, _)| candidate_key(&t.name()) == key);
        if order.is_empty() {
            let names: Vec<String> = new.tally.ranking().iter().map(|t| t.name()).collect();
            return Err(Failure::usage(crate::msg!(
                NoCandidateInEither,
                name,
                &old_file,
                &new_file,
                closest_names(name, &names)
            )));
        }
    }
    let empty = FxHashSet::default();
    let mut candidates = Vec::with_capacity(order.len());
    for (named, now) in order {
        let name = named.name();
        let before_tally = old.tally.candidate(&name);
        let (before, after) = (
            old.officials_of(&name).unwrap_or(&empty),
            new.officials_of(&name).unwrap_or(&empty),
        );
        let reached = |t: Option<&CandidateTally>, i: usize| t.is_some_and(|t| t.validated_by_unit[i] > 0);
        let departments_added = department::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| reached(now, *i) && !reached(before_tally, *i))
            .map(|(_, d)| d)
            .collect();
        let listed = |read: &Read, other: &FxHashSet<[u64; 2]>| -> Vec<Sponsorship> {
            read.listed
                .iter()
                .filter(|(official, _)| !other.contains(official))
                .map(|(_, entry)| entry.clone())
                .collect()
        };
        candidates.push(Change {
            candidate: name,
            added: after.difference(before).count(),
            removed: before.difference(after).count(),
            departments_added,
            validated_before: before_tally.map_or(0, CandidateTally::validated),
            validated_after: now.map_or(0, CandidateTally::validated),
            qualified_before: before_tally.is_some_and(|t| t.qualified(&election)),
            qualified_after: now.is_some_and(|t| t.qualified(&election)),
            officials_added: listed(&new, before),
            officials_removed: listed(&old, after),
        });
    }
    Ok(Diff {
        old: Side {
            file: old_file,
            latest_publication: old.latest,
        },
        new: Side {
            file: new_file,
            latest_publication: new.latest,
        },
        candidates,
        one: chosen.is_some(),
    })
}

/// The two files to compare: OLD and NEW (an archive standing for its
/// latest file), or in an archive the latest file on or before `since`
/// and the latest.
fn files(request: &DiffRequest, context: &Context) -> Result<(PathBuf, PathBuf), Failure> {
    let (since, old, new) = (request.since, request.old, request.new);
    match (since, old, new) {
        (Some(_), _, Some(_)) => Err(Failure::usage(msg!(SinceWithTwoPublications))),
        (Some(day), dir, None) => {
            let dir = dir.map_or_else(|| context.archive(None), Path::to_path_buf);
            if !dir.is_dir() {
                return Err(Failure::usage(msg!(SinceNeedsAnArchive, &dir)));
            }
            let files = archive::publications(&dir).map_err(Failure::usage)?;
            let Some(latest) = files.last().cloned() else {
                return Err(Failure::usage(msg!(EmptyArchive, &dir)));
            };
            let mut old = None;
            let mut first = None;
            for file in &files {
                let (options, _) = context.options_for_publication(std::slice::from_ref(file))?;
                let whole = archive::read_whole(file, &options)
                    .map_err(|problems| Failure::data(crate::msg!(CodeSaid, file, problems)))?;
                first.get_or_insert(whole.latest);
                if whole.latest <= day {
                    old = Some(file.clone());
                }
            }
            let old = old.ok_or_else(|| {
                Failure::usage(msg!(
                    NoPublicationBefore,
                    &dir,
                    day,
                    first.map_or_else(|| Arg::from(""), Arg::Day)
                ))
            })?;
            Ok((old, latest))
        }
        (None, Some(old), Some(new)) => Ok((
            publication_file(old).map_err(Failure::usage)?,
            publication_file(new).map_err(Failure::usage)?,
        )),
        (None, _, _) => Err(Failure::usage(msg!(DiffNeedsTwo))),
    }
}

/// One publication, read: its count, and the officials of each candidate.
struct Read {
    tally: Tally,
    /// Each candidate's number, by folded name.
    numbers: FxHashMap<String, usize>,
    /// The keys of each candidate's officials, by number.
    officials: Vec<FxHashSet<[u64; 2]>>,
    /// The officials of the candidate asked for, in reading order, each once.
    listed: Vec<([u64; 2], Sponsorship)>,
    latest: Option<NaiveDate>,
}

impl Read {
    /// Reads `file`, which must be a publication, keeping the officials of
    /// `chosen` (a folded candidate name) whole.
    fn of(file: &Path, context: &Context, chosen: Option<&str>) -> Result<Read, Failure> {
        if archive::publication_of(file).is_none() {
            return Err(Failure::usage(msg!(DiffNotAPublication, file)));
        }
        let (options, _) = context.options_for_publication(&[file.to_path_buf()])?;
        // Every row counts as published; an empty candidate is no one's.
        let options = ReadOptions {
            candidate: None,
            as_of: None,
            ..options
        };
        let paths = [file.to_path_buf()];
        let (result, builder) = scan::<TallyBuilder>(&paths, &options, Log::keeping(100));
        if !result.unreadable.is_empty() {
            return Err(Failure::Unreadable(result.unreadable.clone()));
        }
        refuse_unread_rows(&result)?;
        let tally = builder.finish_reading(crate::engine::parts::threads(), |wanted, each| {
            read_again(&result, &options, wanted, each)
        });
        let mut read = Read {
            tally,
            numbers: FxHashMap::default(),
            officials: Vec::new(),
            listed: Vec::new(),
            latest: None,
        };
        let mut keys = KeyHasher::default();
        // Rows come grouped by candidate: the last spelling met, its
        // candidate's number, and whether it is the one asked for.
        let mut last: Option<(String, usize, bool)> = None;
        each_entry(&paths, &options, |entry| {
            let (number, is_chosen) = match &last {
                Some((spelling, number, is_chosen)) if spelling == entry.candidate => (*number, *is_chosen),
                _ => {
                    let key = candidate_key(entry.candidate);
                    let is_chosen = chosen == Some(key.as_str());
                    let next = read.officials.len();
                    let number = *read.numbers.entry(key).or_insert(next);
                    if number == next {
                        read.officials.push(FxHashSet::default());
                    }
                    last = Some((entry.candidate.to_string(), number, is_chosen));
                    (number, is_chosen)
                }
            };
            read.latest = read.latest.max(entry.published_on);
            let official = keys.keys(entry).official;
            if read.officials[number].insert(official) && is_chosen {
                read.listed.push((official, entry.tidied()));
            }
        });
        Ok(read)
    }

    /// The keys of the officials of the candidate `name`.
    fn officials_of(&self, name: &str) -> Option<&FxHashSet<[u64; 2]>> {
        self.numbers
            .get(&candidate_key(name))
            .map(|n| &self.officials[*n])
    }
}
