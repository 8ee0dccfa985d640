//! `parrainage list`: the entries of the ledger, filtered (`ops::list`),
//! each with its file and line, as a table, ledger CSV or JSON.

use crate::cli::{ListArgs, ListFormat};
use crate::context::{Context, Exit, Failure, Outcome, print, write_output};
use crate::ops::list::list;
use crate::render::entries;

pub fn run(args: &ListArgs, context: &Context) -> Outcome {
    let listing = list(args, context)?;
    let found = &listing.entries;
    let text = match args.format {
        ListFormat::Table => entries::table(found, context.lang),
        ListFormat::Csv => {
            entries::csv(found).map_err(|e| Failure::usage(format!("cannot write CSV: {e}")))?
        }
        ListFormat::Json => entries::json(found),
    };
    match &args.output {
        Some(path) => write_output(path, &text)?,
        None => print(&text)?,
    }
    // Rows left out: the list is not the whole ledger.
    Ok(if listing.unreadable == 0 {
        Exit::Success
    } else {
        Exit::DataErrors
    })
}
