//! `parrainage check`: validate ledger files, the CI gate.
//!
//! Every problem is reported, not just the first (like bean-check), as
//! `FILE:LINE: error[CODE]: message` with a hint, as one JSON document, as
//! GitHub workflow annotations, or as a Markdown summary.

use std::path::PathBuf;

use crate::cli::{CheckArgs, CheckFormat};
use crate::context::{Context, Exit, Failure, Outcome, print, write_output};
use crate::ops::check::check;
use crate::render;

pub fn run(args: &CheckArgs, context: &Context) -> Outcome {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        context.ledgers.clone()
    } else {
        args.paths.clone()
    };
    if args.max_annotations.is_some() && args.format != CheckFormat::Github {
        return Err(Failure::usage(
            "--max-annotations is for --format github: the other formats write every problem",
        ));
    }
    let result = check(&paths, args.register.as_deref(), context)?;
    let color = context.color && args.output.is_none();
    let text = match args.format {
        CheckFormat::Table => render::check::table(&result, color, context.lang),
        CheckFormat::Json => render::check::json(&result),
        CheckFormat::Github => {
            // 0 is no limit.
            let max = match args.max_annotations {
                Some(0) => None,
                Some(n) => Some(n),
                None => Some(render::check::MAX_ANNOTATIONS),
            };
            render::check::github(&result, max)
        }
        CheckFormat::Markdown => render::check::markdown(&result, context.lang),
    };
    match &args.output {
        Some(path) => write_output(path, &text)?,
        None => print(&text)?,
    }
    if !result.unreadable.is_empty() {
        return Err(Failure::Unreadable(result.unreadable.clone()));
    }
    let failed = result.errors() > 0 || (args.deny_warnings && result.warnings() > 0);
    Ok(if failed { Exit::DataErrors } else { Exit::Success })
}
