//! `report`'s workflow: the ledger read into the tally (`engine::tally`,
//! counted by `rules::tally`), the candidates to show chosen, and what the
//! tally does not keep read when a format asks for it. `render::model`
//! makes the view of it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::xxh3_64;

use crate::context::{Context, Failure};
use crate::diagnostic::{Code, Diagnostic, Log};
use crate::engine::keys::KeyHasher;
use crate::engine::tally::TallyBuilder;
use crate::ledger::ReadOptions;
use crate::ledger::scan::{Scan, each_entry, read_again, scan};
use crate::message::Arg;
use crate::rules::Status;
use crate::rules::identity::{candidate_key, closest_names};
use crate::rules::tally::{CandidateTally, Tally};
use crate::sponsorship::Sponsorship;

/// How many unreadable rows to show before sending the user to `check`.
const SHOWN_ERRORS: usize = 5;
/// How many problems of a file the report's read keeps (the rest counted).
const KEPT_ERRORS: usize = 100;

/// What a report shows of a candidate beyond the tally's totals.
#[derive(Debug, Default)]
pub struct Extras {
    /// Live entries per day of claim.
    pub claimed_by_date: BTreeMap<NaiveDate, u32>,
    /// Validated entries published after `--since`, in reading order.
    pub since: Vec<Sponsorship>,
}

/// The ledger counted: the tally, the options it was read with, and the
/// sentence saying which election's rules applied.
pub struct Counted {
    pub tally: Tally,
    pub options: ReadOptions,
    pub rules: crate::message::Message,
}

/// Reads and counts the ledger as of `context.as_of`. Rows that cannot be
/// read are an error: a wrong count is worse than none. What the count
/// proceeds despite is noted on stderr, in `lang`.
pub fn count(context: &Context) -> Result<Counted, Failure> {
    let (mut options, rules) = context.options_for(&context.ledgers)?;
    options.as_of = Some(context.as_of);
    let (result, builder) = scan::<TallyBuilder>(&context.ledgers, &options, Log::keeping(KEPT_ERRORS));
    if !result.unreadable.is_empty() {
        return Err(Failure::Unreadable(result.unreadable.clone()));
    }
    refuse_unread_rows(&result)?;
    let tally = builder.finish_reading(crate::engine::parts::threads(), |wanted, each| {
        read_again(&result, &options, wanted, each)
    });
    note_findings(&result, &tally, context);
    if result.shared_constituency > 0 {
        context
            .notes
            .note(crate::msg!(SharedConstituencyCounted, result.shared_constituency));
    }
    Ok(Counted {
        tally,
        options,
        rules,
    })
}

/// The candidates to show: every one with `all`; else the one named (a
/// candidate nobody sponsors yet starts at zero in a new ledger), else the
/// ledger's only one, else all. With whether one candidate is shown.
pub fn choose<'t>(
    tally: &'t Tally,
    ranking: &[&'t CandidateTally],
    all: bool,
    named: Option<&str>,
    nobody: &'t mut Option<CandidateTally>,
) -> Result<(Vec<&'t CandidateTally>, bool), Failure> {
    if all {
        return Ok((ranking.to_vec(), false));
    }
    match named {
        Some(name) => match tally.candidate(name) {
            Some(found) => Ok((vec![found], true)),
            // A new ledger: the campaign starts at zero.
            None if tally.is_empty() => {
                let empty = nobody.insert(CandidateTally::empty(&crate::rules::fold::tidy(name)));
                Ok((vec![&*empty], true))
            }
            None => Err(Failure::usage(not_found(name, ranking))),
        },
        None => Ok((ranking.to_vec(), ranking.len() == 1)),
    }
}

/// What a report shows of each candidate of `scope` beyond the tally's
/// totals: when their live entries were claimed (counted by the tally),
/// and with `since`, who was published after that day, which takes a
/// second read of the ledger. Each official counts once per candidate,
/// the first row read, as in the tally.
pub fn extras(
    paths: &[PathBuf],
    options: &ReadOptions,
    scope: &[&CandidateTally],
    since: Option<NaiveDate>,
) -> Vec<Extras> {
    let mut extras: Vec<Extras> = scope
        .iter()
        .map(|t| Extras {
            claimed_by_date: t.claimed_by_date.clone(),
            since: Vec::new(),
        })
        .collect();
    if let Some(since) = since {
        for (extra, published) in extras
            .iter_mut()
            .zip(published_since(paths, options, scope, since))
        {
            extra.since = published;
        }
    }
    extras
}

/// The validated entries of each candidate of `scope` published after
/// `since`, in reading order, each official once per candidate (the first
/// row read).
fn published_since(
    paths: &[PathBuf],
    options: &ReadOptions,
    scope: &[&CandidateTally],
    since: NaiveDate,
) -> Vec<Vec<Sponsorship>> {
    let mut published: Vec<Vec<Sponsorship>> = scope.iter().map(|_| Vec::new()).collect();
    let index: FxHashMap<String, usize> = scope
        .iter()
        .enumerate()
        .map(|(i, t)| (candidate_key(&t.name()), i))
        .collect();
    let mut keys = KeyHasher::default();
    let mut seen: FxHashSet<[u64; 2]> = FxHashSet::default();
    // Each spelling met: its candidate in scope, and its key's hash. Folded
    // once, not once a row (rows of a publication alternate candidates).
    let mut spellings: FxHashMap<String, (Option<usize>, u64)> = FxHashMap::default();
    each_entry(paths, options, |entry| {
        let (candidate, hash) = match spellings.get(entry.candidate) {
            Some(found) => *found,
            None => {
                let key = candidate_key(entry.candidate);
                let found = (index.get(&key).copied(), xxh3_64(key.as_bytes()));
                spellings.insert(entry.candidate.to_string(), found);
                found
            }
        };
        let Some(candidate) = candidate else { return };
        if !seen.insert(keys.sponsorship(entry, hash)) {
            return;
        }
        if let Some(day) = entry.published_on
            && entry.status == Status::Validated
            && day > since
        {
            published[candidate].push(entry.tidied());
        }
    });
    published
}

/// Findings about several rows together, which the tally's rules settle;
/// every other error means a row was not read, and a count would be wrong.
fn is_cross_row(d: &Diagnostic) -> bool {
    matches!(
        d.code,
        Code::DuplicateSponsor | Code::SeveralCandidates | Code::PossibleDuplicate
    )
}

/// Refuses a count with rows that cannot be read: it would be wrong.
pub fn refuse_unread_rows(result: &Scan) -> Result<(), Failure> {
    // The scan of a report finds the problems of rows only.
    let count = result.errors();
    if count == 0 {
        return Ok(());
    }
    let errors: Vec<&Diagnostic> = result
        .log
        .held()
        .iter()
        .filter(|d| d.is_error() && !is_cross_row(d))
        .collect();
    // The hint is for `check`; one line per problem here.
    let shown: Vec<Arg> = errors
        .iter()
        .take(SHOWN_ERRORS)
        .map(|d| {
            Arg::from(crate::msg!(
                RowProblem,
                d.file.display().to_string(),
                d.line,
                d.code.as_str(),
                d.message.clone()
            ))
        })
        .collect();
    let mut shown = shown;
    let more = count.saturating_sub(SHOWN_ERRORS as u64);
    if more > 0 {
        shown.push(crate::msg!(Indented, crate::msg!(AndMore, more)).into());
    }
    Err(Failure::data(crate::msg!(
        ReportRowsUnreadable,
        count,
        Arg::Lines(shown, 0)
    )))
}

/// One note per kind of finding the report proceeds despite.
fn note_findings(result: &Scan, tally: &Tally, context: &Context) {
    if tally.duplicates > 0 {
        context
            .notes
            .note(crate::msg!(RepeatedCountedOnce, tally.duplicates));
    }
    let warnings = result.warnings();
    if warnings > 0 {
        context
            .notes
            .note(crate::msg!(WarningsCountedAsWritten, warnings));
    }
}

/// "no candidate X in the ledger", with the names closest to it.
fn not_found(name: &str, ranking: &[&CandidateTally]) -> crate::message::Message {
    let names: Vec<String> = ranking.iter().map(|t| t.name()).collect();
    crate::msg!(
        NoCandidateInLedger,
        name,
        ranking.len(),
        closest_names(name, &names)
    )
}
