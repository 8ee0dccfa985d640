//! `parrainage add`: record one sponsorship or promise (`ops::add`), and
//! say where.

use crate::cli::AddArgs;
use crate::context::{Context, Exit, Outcome, print};
use crate::ops::add::{AddRequest, add};
use crate::render::entries::{filled, recorded, respelled};

pub fn run(args: &AddArgs, context: &Context) -> Outcome {
    let request = AddRequest {
        identity: super::identity(&args.identity),
        civility: args.civility.clone(),
        status: args.status.clone(),
        claimed_on: args.claimed_on.clone(),
        published_on: args.published_on.clone(),
        source: args.source.clone(),
        notes: args.notes.clone(),
        register: args.register.clone(),
    };
    let done = add(&request, context)?;
    let mut out = recorded(&done.file, done.line, &done.entry, context.lang);
    if let Some(typed) = &done.respelled {
        out.push_str(&respelled(typed, &done.entry.circonscription, context.lang));
    }
    out.push_str(&filled(&done.filled, context.lang));
    print(&out)?;
    Ok(Exit::Success)
}
