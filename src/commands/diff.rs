//! `parrainage diff OLD NEW` (or `--since DATE` in an archive): what a
//! publication changed, per candidate (`ops::diff`), in the format asked
//! (`render::diff`).

use crate::cli::{DiffArgs, DiffFormat};
use crate::context::{Context, Exit, Outcome};
use crate::ops::diff::{DiffRequest, diff};
use crate::render::diff as render;

pub fn run(args: &DiffArgs, context: &Context) -> Outcome {
    let request = DiffRequest {
        old: args.old.as_deref(),
        new: args.new.as_deref(),
        since: args.since,
        all: args.all,
    };
    let inputs: Vec<&std::path::Path> = [args.old.as_deref(), args.new.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let output = context.output(args.output.as_deref(), &inputs)?;
    let diff = diff(&request, context)?;
    let text = match args.format {
        DiffFormat::Table => render::table(&diff, context.lang),
        DiffFormat::Markdown => render::markdown(&diff, context.lang),
        DiffFormat::Csv => render::csv(&diff),
        DiffFormat::Json => format!("{:#}\n", render::json(&diff)),
    };
    output.write(text.as_bytes())?;
    Ok(Exit::Success)
}
