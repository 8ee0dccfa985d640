//! `parrainage check`: validate ledger files, the CI gate.
//!
//! Every problem is reported, not just the first (like bean-check), as
//! `FILE:LINE: error[CODE]: message` with a hint, as one JSON document, or
//! as GitHub workflow annotations.

use std::path::PathBuf;

use crate::cli::{CheckArgs, CheckFormat};
use crate::context::{Context, Exit, Failure, Outcome, print, write_output};
use crate::ops::check::check;
use crate::render;
use crate::render::register::coverage_warning;
use crate::text::clean;

pub fn run(args: &CheckArgs, context: &Context) -> Outcome {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        context.ledgers.clone()
    } else {
        args.paths.clone()
    };
    let (result, coverage) = check(&paths, args.register.as_deref(), context)?;
    if let Some(warning) = coverage
        .as_deref()
        .and_then(|c| coverage_warning(c, context.lang))
    {
        eprintln!("parrainage: warning: {}", clean(&warning));
    }
    let color = context.color && args.output.is_none();
    let text = match args.format {
        CheckFormat::Table => render::check::table(&result, color, context.lang),
        CheckFormat::Json => render::check::json(&result, coverage.as_deref()),
        CheckFormat::Github => render::check::github(&result),
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
