//! `parrainage report`: where the candidate stands against the threshold,
//! the 1/10 cap, the 30 départements and the calendar.
//!
//! Thin on purpose: read the ledger into the tally (`rules::tally`, the one
//! place that counts), choose the candidates, build the view model once and
//! hand it to a renderer (`render`).

use crate::cli::ReportArgs;
use crate::context::{Context, Exit, Failure, Outcome, print};
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::scan::{self, Scan, scan};
use crate::render::model::Sections;
use crate::render::{self, Report};
use crate::rules::fold::{fold, fold_words, tidy};
use crate::rules::tally::{CandidateTally, Tally, TallyBuilder};

/// How many unreadable rows to show before sending the user to `check`.
const SHOWN_ERRORS: usize = 5;

pub fn run(args: &ReportArgs, context: &Context) -> Outcome {
    let (result, builder) = scan::<TallyBuilder>(&context.ledgers, &context.read);
    if !result.unreadable.is_empty() {
        return Err(Failure::usage(result.unreadable.join("\nparrainage: error: ")));
    }
    refuse_unread_rows(&result)?;
    let tally = builder.finish(scan::threads());
    note_findings(&result, &tally);
    note_later_publications(&tally, context.as_of);

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
    let report = Report::new(&context.read.election, context.as_of, &scope, &ranking, sections);
    print(&render::render(&report, args.format, context.color));
    Ok(Exit::Success)
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
fn note_findings(result: &Scan, tally: &Tally) {
    if tally.duplicates > 0 {
        eprintln!(
            "parrainage: note: {} row(s) repeat an official already listed for the same candidate: counted once (`parrainage check` lists them)",
            tally.duplicates
        );
    }
    let warnings = result.warnings();
    if warnings > 0 {
        eprintln!(
            "parrainage: note: {warnings} warning(s) in the ledger, counted as written (`parrainage check` lists them)"
        );
    }
}

/// `--as-of` sets "today" for the window and the pace; publications dated
/// after it are still counted, and the user is told so.
fn note_later_publications(tally: &Tally, as_of: chrono::NaiveDate) {
    let later: u32 = tally
        .ranking()
        .iter()
        .flat_map(|t| t.by_date.range(as_of.succ_opt().unwrap_or(as_of)..))
        .map(|(_, n)| *n)
        .sum();
    if later > 0 {
        eprintln!(
            "parrainage: note: {later} validated sponsorship(s) published after {as_of} (--as-of) are counted"
        );
    }
}

/// "no candidate X in the ledger", with the names closest to it.
fn not_found(name: &str, ranking: &[&CandidateTally]) -> String {
    let wanted = fold(name);
    let words: Vec<String> = fold_words(name).split(' ').map(str::to_string).collect();
    let mut close: Vec<(usize, String)> = ranking
        .iter()
        .map(|t| t.name())
        .filter_map(|candidate| {
            let distance = edit_distance(&wanted, &fold(&candidate));
            let shares_word = fold_words(&candidate)
                .split(' ')
                .any(|w| w.len() > 2 && words.iter().any(|x| x == w));
            (shares_word || distance <= 3.max(wanted.len() / 3)).then_some((distance, candidate))
        })
        .collect();
    close.sort();
    let names: Vec<String> = if close.is_empty() {
        ranking.iter().take(8).map(|t| t.name()).collect()
    } else {
        close.into_iter().take(5).map(|(_, n)| n).collect()
    };
    let intro = if names.len() < ranking.len() && !names.is_empty() {
        "closest names"
    } else {
        "candidates"
    };
    format!(
        "no candidate `{name}` in the ledger ({} candidate{}); {intro}: {}",
        ranking.len(),
        if ranking.len() == 1 { "" } else { "s" },
        names.join(", ")
    )
}

/// Levenshtein distance in characters, for suggesting names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edit_distance_counts_changes() {
        assert_eq!(edit_distance("macron", "macron"), 0);
        assert_eq!(edit_distance("macron", "marcon"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("zemour", "zemmour"), 1);
    }
}
