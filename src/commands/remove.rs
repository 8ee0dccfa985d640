//! `parrainage remove`: delete one entry's row.
//!
//! The entry is found as `update` finds it (`ops::select`); an ambiguous
//! selection lists the rows and removes none. The file is rewritten in one
//! atomic step under the ledger's lock, every other byte as it was.

use crate::cli::RemoveArgs;
use crate::context::{Context, Exit, Outcome, print};
use crate::ledger::edit::target_file;
use crate::ops::select::{Selection, select_one};
use crate::render::Lang;
use crate::render::entries::described;
use crate::render::words::tr;
use crate::text::{clean, clean_path};

pub fn run(args: &RemoveArgs, context: &Context) -> Outcome {
    let path = target_file(&context.ledgers)?;
    let selection = Selection::from_args(&args.select, context.read.candidate.clone())?;
    let lang = context.lang;
    let selected = select_one(&path, &selection, context)?;
    let line = selected.row.line;
    let entry = selected.row.entry.clone().expect("matched rows have an entry");
    selected.rewrite(Vec::new(), &path)?;
    let (removed, for_) = match lang {
        Lang::En => ("Removed", "for"),
        Lang::Fr => ("Retiré", "pour"),
    };
    print(&format!(
        "{removed} {}:{line}{} {} {} {for_} {}\n",
        clean_path(&path),
        lang.colon().trim_end(),
        tr(lang, entry.status.code()),
        clean(&described(&entry, lang)),
        clean(&entry.candidate)
    ))?;
    Ok(Exit::Success)
}
