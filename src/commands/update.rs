//! `parrainage update`: change one entry (`ops::update`), and say how.

use crate::cli::UpdateArgs;
use crate::context::{Context, Exit, Outcome, print};
use crate::ops::update::{UpdateRequest, update};
use crate::render::entries::updated;

pub fn run(args: &UpdateArgs, context: &Context) -> Outcome {
    let request = UpdateRequest {
        identity: super::identity(&args.select.identity),
        line: args.select.line,
        status: args.status.clone(),
        claimed_on: args.claimed_on.clone(),
        published_on: args.published_on.clone(),
        source: args.source.clone(),
        notes: args.notes.clone(),
        set_last_name: args.set_last_name.clone(),
        set_first_name: args.set_first_name.clone(),
        set_civility: args.set_civility.clone(),
        set_mandate: args.set_mandate.clone(),
        set_circonscription: args.set_circonscription.clone(),
        set_department: args.set_department.clone(),
        register: args.register.clone(),
    };
    let done = update(&request, context)?;
    print(&updated(&done, context.lang))?;
    Ok(Exit::Success)
}
