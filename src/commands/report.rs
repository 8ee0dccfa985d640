//! `parrainage report`: where the candidate stands against the threshold,
//! the 1/10 cap, the 30 départements and the calendar.
//!
//! Thin on purpose: read the ledger into the tally (`rules::tally`, the one
//! place that counts), choose the candidates, build the view model once and
//! hand it to a renderer (`render`).

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::xxh3_64;

use crate::cli::{ReportArgs, ReportFormat};
use crate::context::{Context, Exit, Failure, Outcome, print, write_output};
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::keys::KeyHasher;
use crate::engine::tally::TallyBuilder;
use crate::ledger::ReadOptions;
use crate::ledger::scan::each_entry;
use crate::ledger::scan::{Scan, scan};
use crate::render::Lang;
use crate::render::model::Extras;
use crate::render::model::Sections;
use crate::render::words::tr;
use crate::render::{self, Report};
use crate::rules::Status;
use crate::rules::fold::tidy;
use crate::rules::identity::candidate_key;
use crate::rules::identity::closest_names;
use crate::rules::tally::{CandidateTally, Tally};

/// How many unreadable rows to show before sending the user to `check`.
const SHOWN_ERRORS: usize = 5;

pub fn run(args: &ReportArgs, context: &Context) -> Outcome {
    let (mut options, rules) = context.options_for(&context.ledgers);
    options.as_of = Some(context.as_of);
    let (result, builder) = scan::<TallyBuilder>(&context.ledgers, &options);
    if !result.unreadable.is_empty() {
        return Err(Failure::Unreadable(result.unreadable.clone()));
    }
    refuse_unread_rows(&result)?;
    let tally = builder.finish(crate::engine::parts::threads());
    note_findings(&result, &tally, context.lang);
    if result.shared_constituency > 0 {
        let note = format!(
            "{} row(s) give the constituency of Saint-Martin / Saint-Barthélemy as their département: counted under 978 Saint-Martin (RULES.md §5)",
            result.shared_constituency
        );
        eprintln!("parrainage: note: {}", tr(context.lang, &note));
    }

    let ranking = tally.ranking();
    // Kept alive here for a chosen candidate nobody sponsors yet.
    let nobody;
    let (scope, one): (Vec<&CandidateTally>, bool) = if args.all {
        (ranking.clone(), false)
    } else if let Some(name) = &context.read.candidate {
        match tally.candidate(name) {
            Some(found) => (vec![found], true),
            // A new ledger: the campaign starts at zero.
            None if tally.is_empty() => {
                nobody = CandidateTally::empty(&tidy(name));
                (vec![&nobody], true)
            }
            None => return Err(Failure::usage(not_found(name, &ranking))),
        }
    } else {
        (ranking.clone(), ranking.len() == 1)
    };
    let sections = Sections::choose(&args.by, one);
    // The claim dates are drawn in HTML only; the sponsors published
    // since a day are listed for one candidate.
    let extras = if args.format == ReportFormat::Html || args.since.is_some() {
        extras(&context.ledgers, &options, &scope, args.since.filter(|_| one))
    } else {
        scope.iter().map(|_| Extras::default()).collect()
    };
    let report = Report::new(
        &options.election,
        rules,
        context.as_of,
        args.since,
        &scope,
        &extras,
        &ranking,
        sections,
    );
    let text = render::render(&report, args.format, context.color, context.lang);
    match &args.output {
        Some(path) => write_output(path, &text)?,
        None => print(&text)?,
    }
    Ok(Exit::Success)
}

/// What the tally does not keep, for each candidate of `scope`: when their
/// live entries were claimed, and with `since`, who was published after
/// that day. Each official counts once per candidate, the first row read,
/// as in the tally.
fn extras(
    paths: &[std::path::PathBuf],
    options: &ReadOptions,
    scope: &[&CandidateTally],
    since: Option<NaiveDate>,
) -> Vec<Extras> {
    let mut extras: Vec<Extras> = scope.iter().map(|_| Extras::default()).collect();
    let index: FxHashMap<String, usize> = scope
        .iter()
        .enumerate()
        .map(|(i, t)| (candidate_key(&t.name()), i))
        .collect();
    let mut keys = KeyHasher::default();
    let mut seen: FxHashSet<[u64; 2]> = FxHashSet::default();
    let mut last: Option<(String, Option<usize>, u64)> = None;
    each_entry(paths, options, |entry| {
        let (candidate, hash) = match &last {
            Some((spelling, candidate, hash)) if spelling == entry.candidate => (*candidate, *hash),
            _ => {
                let key = candidate_key(entry.candidate);
                let found = (index.get(&key).copied(), xxh3_64(key.as_bytes()));
                last = Some((entry.candidate.to_string(), found.0, found.1));
                found
            }
        };
        let Some(candidate) = candidate else { return };
        if !seen.insert(keys.sponsorship(entry, hash)) {
            return;
        }
        let extra = &mut extras[candidate];
        if let (true, Some(day)) = (entry.status.is_live(), entry.claimed_on) {
            *extra.claimed_by_date.entry(day).or_default() += 1;
        }
        if let (Some(since), Some(day)) = (since, entry.published_on)
            && entry.status == Status::Validated
            && day > since
        {
            extra.since.push(entry.tidied());
        }
    });
    extras
}

/// Findings about several rows together, which the tally's rules settle;
/// every other error means a row was not read, and a count would be wrong.
fn is_cross_row(d: &Diagnostic) -> bool {
    matches!(
        d.code,
        Code::DuplicateSponsor | Code::SeveralCandidates | Code::PossibleDuplicate
    )
}

fn refuse_unread_rows(result: &Scan) -> Result<(), Failure> {
    let errors: Vec<&Diagnostic> = result
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && !is_cross_row(d))
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    let mut message = format!(
        "{} error{} in the ledger: some rows cannot be counted, so the report would be wrong",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    for d in errors.iter().take(SHOWN_ERRORS) {
        // The hint is for `check`; one line per problem here.
        message.push_str(&format!(
            "\n  {}:{}: {}: {}",
            d.file.display(),
            d.line,
            d.code,
            d.message
        ));
    }
    if errors.len() > SHOWN_ERRORS {
        message.push_str(&format!("\n  … and {} more", errors.len() - SHOWN_ERRORS));
    }
    message.push_str("\nrun `parrainage check` to see every problem and how to fix it");
    Err(Failure::data(message))
}

/// One line on stderr per kind of finding the report proceeds despite.
fn note_findings(result: &Scan, tally: &Tally, lang: Lang) {
    if tally.duplicates > 0 {
        let note = format!(
            "{} row(s) repeat an official already listed for the same candidate: counted once (`parrainage check` lists them)",
            tally.duplicates
        );
        eprintln!("parrainage: note: {}", tr(lang, &note));
    }
    let warnings = result.warnings();
    if warnings > 0 {
        let note = format!(
            "{warnings} warning(s) in the ledger, counted as written (`parrainage check` lists them)"
        );
        eprintln!("parrainage: note: {}", tr(lang, &note));
    }
}

/// "no candidate X in the ledger", with the names closest to it.
fn not_found(name: &str, ranking: &[&CandidateTally]) -> String {
    let names: Vec<String> = ranking.iter().map(|t| t.name()).collect();
    format!(
        "no candidate `{name}` in the ledger ({} candidate{}); {}",
        ranking.len(),
        if ranking.len() == 1 { "" } else { "s" },
        closest_names(name, &names)
    )
}
