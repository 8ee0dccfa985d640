//! `parrainage add`: record one sponsorship or promise (`ops::add`), and
//! say where.

use crate::cli::AddArgs;
use crate::context::{Context, Exit, Outcome, print};
use crate::ops::add::add;
use crate::render::entries::{recorded, respelled};
use crate::render::words::diagnostic;

pub fn run(args: &AddArgs, context: &Context) -> Outcome {
    let lang = context.lang;
    let warn = |d: &crate::diagnostic::Diagnostic| eprintln!("{}", diagnostic(d, lang));
    let done = add(args, context, &warn)?;
    let mut out = recorded(&done.file, done.line, &done.entry, lang);
    if let Some(typed) = &done.respelled {
        out.push_str(&respelled(typed, &done.entry.circonscription, lang));
    }
    print(&out)?;
    Ok(Exit::Success)
}
