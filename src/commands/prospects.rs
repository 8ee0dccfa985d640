//! `parrainage prospects`: whom to ask next (`ops::prospects`), shown as a
//! table, a CSV call list or JSON (`render::prospects`).

use crate::cli::{ListFormat, ProspectsArgs};
use crate::context::{Context, Exit, Outcome};
use crate::ops::prospects::{ProspectsRequest, prospects};
use crate::render::prospects::{csv, summary, table};
use crate::render::register::coverage_warning;
use crate::text::clean;

/// How many rows a table shows without `--limit`.
const TABLE_ROWS: usize = 50;

pub fn run(args: &ProspectsArgs, context: &Context) -> Outcome {
    let mut more: Vec<&std::path::Path> = args.publication.iter().map(|p| p.as_path()).collect();
    more.extend(args.register.as_deref());
    let output = context.output(args.output.as_deref(), &more)?;
    let request = ProspectsRequest {
        register: args.register.as_deref(),
        publications: &args.publication,
        departments: &args.department,
        mandates: &args.mandate,
        // A table is read by a person: the first rows, unless told otherwise.
        limit: args
            .limit
            .or((args.format == ListFormat::Table).then_some(TABLE_ROWS)),
        skip_unreadable: args.skip_unreadable,
    };
    let found = prospects(&request, context)?;
    if let Some(warning) = coverage_warning(&found.coverage, context.lang) {
        eprintln!("parrainage: warning: {}", clean(&warning));
    }
    let summary = summary(&found);
    let (register, departments) = (&found.register, &found.departments);
    let text = match args.format {
        // Streamed: the document of a whole register is some megabytes.
        ListFormat::Json => {
            output.stream(|out| {
                serde_json::to_writer_pretty(&mut *out, &summary).map_err(std::io::Error::from)?;
                out.write_all(b"\n")
            })?;
            return Ok(Exit::Success);
        }
        ListFormat::Csv => csv(&summary),
        ListFormat::Table => table(
            &summary,
            // Rows of no known unit concern a list of every département.
            if departments.is_empty() {
                &register.unknown_unit
            } else {
                &[]
            },
            register,
            found.candidate.as_deref(),
            &found.standing,
            found.ranked_in_all - summary.shown(),
            context.lang,
        ),
    };
    output.write(text.as_bytes())?;
    Ok(Exit::Success)
}
