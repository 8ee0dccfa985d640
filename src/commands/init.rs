//! `parrainage init`: create a ledger with its header, and its settings.

use crate::cli::InitArgs;
use crate::context::{Context, Exit, Failure, Outcome, print};
use crate::error::Action;
use crate::ledger::Dialect;
use crate::ledger::read::new_header;
use crate::rules::Election;
use crate::rules::identity::candidate_name_warning;
use crate::settings;

pub fn run(args: &InitArgs, context: &Context) -> Outcome {
    let mut path = args.path.clone().unwrap_or_else(|| context.ledgers[0].clone());
    if path.is_dir() {
        path = path.join("parrainages.csv");
    }
    if path.exists() {
        return Err(Failure::usage(format!(
            "{}: a ledger is already there; init never overwrites one",
            path.display()
        )));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Failure::io(Action::Create, parent, e))?;
    }
    let dialect = Dialect {
        cr: false,
        delimiter: args.delimiter,
        ..Dialect::default()
    };
    let header = dialect.encode_row(new_header());
    let settings_path = settings::default_path(&path);
    let keep_settings = settings_path.exists();
    // Refuse before writing anything, so a failed init leaves nothing behind.
    create_new(&path, &header)?;
    let election = &context.read.election;
    if let Some(warning) = context.read.candidate.as_deref().and_then(candidate_name_warning) {
        context.notes.warn(warning);
    }
    let mut out = format!("Created {} ({} columns", path.display(), new_header().len());
    if args.delimiter != b',' {
        out.push_str(&format!(", separated by {:?}", args.delimiter as char));
    }
    out.push_str(").\n");
    if keep_settings {
        out.push_str(&format!("Kept the existing {}.\n", settings_path.display()));
    } else {
        let provenance = election
            .year
            .and_then(Election::provenance)
            .map(|dates| crate::render::words::say(&dates, crate::lang::Lang::En));
        let text = settings::render(context.read.candidate.as_deref(), election, provenance.as_deref());
        if let Err(failure) = create_new(&settings_path, text.as_bytes()) {
            let _ = std::fs::remove_file(&path);
            return Err(failure);
        }
        out.push_str(&format!("Created {}", settings_path.display()));
        if let Some(candidate) = &context.read.candidate {
            out.push_str(&format!(" for {candidate}"));
        }
        match election.closes {
            Some(closes) => out.push_str(&format!(
                ": {} sponsorships from {} départements, at most {} from one, by {} (Paris time).\n",
                election.threshold,
                election.min_departments,
                election.max_per_department(),
                closes.format("%Y-%m-%d %H:%M")
            )),
            None => {
                out.push_str(": no close date yet; set first_round in the settings or pass --first-round.\n")
            }
        }
        if !context.election_is_chosen()
            && let Some(year) = election.year
        {
            let (_, all_past) = Election::next_on(context.as_of);
            if all_past {
                eprintln!(
                    "parrainage: warning: every preset's close is past on {}: the settings name {year}, the latest; \
                     give --first-round (or set first_round) for a later election",
                    context.as_of
                );
            } else {
                out.push_str(&format!(
                    "Election: {year}, the next whose close is not past on {} (--election chooses another).\n",
                    context.as_of
                ));
            }
        }
        if let Some(dates) = election.year.and_then(Election::provenance)
            && election == &Election::preset(election.year.unwrap_or_default()).unwrap_or_default()
        {
            out.push_str(&format!(
                "The {} preset: {}.\n",
                election.year.unwrap_or_default(),
                crate::render::words::say(&dates, crate::lang::Lang::En)
            ));
        }
    }
    if context.read.candidate.is_none() && !keep_settings {
        out.push_str("No candidate named: give one with --candidate, or set `candidate` in the settings.\n");
    }
    out.push_str(&format!(
        "Next: parrainage{} add --last-name … --first-name … --mandate … --department …\n",
        if path.as_os_str() == "parrainages.csv" {
            String::new()
        } else {
            format!(" --ledger {}", path.display())
        }
    ));
    print(&out)?;
    Ok(Exit::Success)
}

fn create_new(path: &std::path::Path, contents: &[u8]) -> Result<(), Failure> {
    crate::ledger::write::create_new(path, contents).map_err(|e| Failure::io(Action::Create, path, e))
}
