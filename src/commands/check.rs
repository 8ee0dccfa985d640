//! `parrainage check`: validate ledger files, the CI gate.
//!
//! Every problem is reported, not just the first (like bean-check), as
//! `FILE:LINE: error[CODE]: message` with a hint, as one JSON document, as
//! GitHub workflow annotations, or as a Markdown summary.

use std::path::{Path, PathBuf};

use crate::cli::{CheckArgs, CheckFormat};
use crate::context::{Context, Exit, Failure, Outcome};
use crate::diagnostic::{BATCH, Log};
use crate::message::Message;
use crate::ops::check::check;
use crate::render;
use crate::render::register::coverage_warning;
use crate::text::clean;

/// How many diagnostics of each file the JSON document lists; the rest
/// are counted by code.
const JSON_PER_FILE: usize = 1_000;

pub fn run(args: &CheckArgs, context: &Context) -> Outcome {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        context.ledgers.clone()
    } else {
        args.paths.clone()
    };
    if args.max_annotations.is_some() && args.format != CheckFormat::Github {
        return Err(Failure::usage(crate::msg!(MaxAnnotationsForGithub)));
    }
    let mut more: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    more.extend(args.register.as_deref());
    let output = context.output(args.output.as_deref(), &more)?;
    let color = context.color && !output.is_file();
    let lang = context.lang;
    let annotations = render::check::Annotations::new(match args.max_annotations {
        // 0 is no limit.
        Some(0) => None,
        Some(n) => Some(n),
        None => Some(render::check::MAX_ANNOTATIONS),
    });
    let found = output.produce(|out| {
        let log = match args.format {
            CheckFormat::Table => Log::streaming(BATCH, render::check::table_lines(out, color, lang)),
            CheckFormat::Github => Log::streaming(BATCH, render::check::Annotations::sink(&annotations, out)),
            CheckFormat::Json => Log::keeping(JSON_PER_FILE),
            CheckFormat::Markdown => Log::keeping(render::check::MARKDOWN_ROWS),
        };
        let found = check(&paths, args.register.as_deref(), context, log)?;
        if let Some(warning) = found.coverage.as_deref().and_then(|c| coverage_warning(c, lang)) {
            context.notes.warn(Message::verbatim(clean(&warning)));
        }
        if found.unreadable.is_empty() {
            match args.format {
                CheckFormat::Table => render::check::table_summary(out, &found, lang)?,
                CheckFormat::Json => render::check::json(out, &found)?,
                CheckFormat::Github => annotations.borrow_mut().finish(out)?,
                CheckFormat::Markdown => render::check::markdown(out, &found, lang)?,
            }
        } else {
            // A run that could not read every file says nothing of counts.
            match args.format {
                CheckFormat::Table | CheckFormat::Markdown => {}
                CheckFormat::Json => render::check::json_error(out, &found.unreadable)?,
                CheckFormat::Github => {
                    annotations.borrow_mut().finish(out)?;
                    render::check::annotate_unreadable(out, &found.unreadable)?
                }
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
