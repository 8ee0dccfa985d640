//! `parrainage check`: validate ledger files, the CI gate.
//!
//! Every problem is reported, not just the first (like bean-check), as
//! `FILE:LINE: error[CODE]: message` with a hint, as one JSON document, or
//! as GitHub workflow annotations.

use std::path::{Path, PathBuf};

use crate::cli::{CheckArgs, CheckFormat};
use crate::context::{Context, Exit, Failure, Outcome};
use crate::diagnostic::{BATCH, Log};
use crate::ops::check::check;
use crate::render;

/// How many diagnostics of each file the JSON document lists; the rest
/// are counted by code.
const JSON_PER_FILE: usize = 1_000;

pub fn run(args: &CheckArgs, context: &Context) -> Outcome {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        context.ledgers.clone()
    } else {
        args.paths.clone()
    };
    let mut more: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    more.extend(args.register.as_deref());
    let output = context.output(args.output.as_deref(), &more)?;
    let color = context.color && !output.is_file();
    let lang = context.lang;
    let found = output.produce(|out| {
        let log = match args.format {
            CheckFormat::Table => Log::streaming(BATCH, render::check::table_lines(out, color, lang)),
            CheckFormat::Github => Log::streaming(BATCH, render::check::annotations(out)),
            CheckFormat::Json => Log::keeping(JSON_PER_FILE),
        };
        let found = check(&paths, args.register.as_deref(), context, log)?;
        if found.unreadable.is_empty() {
            match args.format {
                CheckFormat::Table => render::check::table_summary(out, &found, lang)?,
                CheckFormat::Json => render::check::json(out, &found)?,
                CheckFormat::Github => {}
            }
        } else {
            // A run that could not read every file says nothing of counts.
            match args.format {
                CheckFormat::Table => {}
                CheckFormat::Json => render::check::json_error(out, &found.unreadable)?,
                CheckFormat::Github => render::check::annotate_unreadable(out, &found.unreadable)?,
            }
        }
        Ok(found)
    })?;
    if !found.unreadable.is_empty() {
        return Err(Failure::Unreadable(found.unreadable));
    }
    let failed = found.errors > 0 || (args.deny_warnings && found.warnings > 0);
    Ok(if failed { Exit::DataErrors } else { Exit::Success })
}
