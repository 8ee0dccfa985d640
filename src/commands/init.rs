//! `parrainage init`: create a ledger with its header, and its settings
//! (`ops::init`), and say what was created (`render::init`).

use crate::cli::InitArgs;
use crate::context::{Context, Exit, Outcome, print};
use crate::lang::Lang;
use crate::ops::init::{InitRequest, init};
use crate::render::init::created;
use crate::render::words::say;
use crate::rules::Election;

pub fn run(args: &InitArgs, context: &Context) -> Outcome {
    let request = InitRequest {
        path: args.path.clone(),
        delimiter: args.delimiter,
        preset_dates: context
            .read
            .election
            .year
            .and_then(Election::provenance)
            .map(|dates| say(&dates, Lang::En)),
    };
    let done = init(&request, context)?;
    print(&created(
        &done,
        context.read.candidate.as_deref(),
        &context.read.election,
        context.election_is_chosen(),
        context.as_of,
        context.lang,
    ))?;
    Ok(Exit::Success)
}
