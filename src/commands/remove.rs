//! `parrainage remove`: delete one entry's row.
//!
//! The entry is found as `update` finds it (`ops::select`); an ambiguous
//! selection lists the rows and removes none. The file is rewritten in one
//! atomic step under the ledger's lock, every other byte as it was.

use crate::cli::RemoveArgs;
use crate::context::{Context, Exit, Outcome, print};
use crate::ops::select::remove;
use crate::render::entries::removed;

pub fn run(args: &RemoveArgs, context: &Context) -> Outcome {
    let identity = super::identity(&args.select.identity);
    let done = remove(&identity, args.select.line, context)?;
    print(&removed(&done.file, done.line, &done.entry, context.lang))?;
    Ok(Exit::Success)
}
