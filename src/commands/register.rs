//! `parrainage register`: what the register of elected officials holds
//! and how complete it is (`ops::register`), as a table, JSON or CSV
//! (`render::register`).

use crate::cli::{ListFormat, RegisterArgs};
use crate::context::{Context, Exit, Outcome};
use crate::ops::register::{RegisterRequest, holdings};
use crate::render::register::{coverage_warning, csv, json, table};
use crate::text::clean;

pub fn run(args: &RegisterArgs, context: &Context) -> Outcome {
    let output = context.output(
        args.output.as_deref(),
        &args.register.as_deref().into_iter().collect::<Vec<_>>(),
    )?;
    let request = RegisterRequest {
        register: args.register.as_deref(),
        skip_unreadable: args.skip_unreadable,
    };
    let holdings = holdings(&request, context)?;
    let text = match args.format {
        // The table says the coverage itself; the others leave it to a warning.
        ListFormat::Table => table(&holdings, context.lang),
        ListFormat::Json => json(&holdings),
        ListFormat::Csv => csv(&holdings),
    };
    if args.format != ListFormat::Table
        && let Some(warning) = coverage_warning(&holdings.coverage, context.lang)
    {
        eprintln!("parrainage: warning: {}", clean(&warning));
    }
    output.write(text.as_bytes())?;
    Ok(Exit::Success)
}
