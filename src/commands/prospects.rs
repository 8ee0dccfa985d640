//! `parrainage prospects`: whom to ask next (`ops::prospects`), shown as a
//! table, a CSV call list or JSON (`render::prospects`).

use crate::cli::{ListFormat, ProspectsArgs};
use crate::context::{Context, Exit, Outcome, print, write_output, written};
use crate::ops::prospects::{ProspectsRequest, prospects};
use crate::render::prospects::{csv, summary, table};
use crate::render::register::coverage_warning;
use crate::text::clean;

/// How many rows a table shows without `--limit`.
const TABLE_ROWS: usize = 50;

pub fn run(args: &ProspectsArgs, context: &Context) -> Outcome {
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
        // Straight to standard output: the document of a whole register
        // is some megabytes.
        ListFormat::Json if args.output.is_none() => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            written(
                serde_json::to_writer_pretty(&mut out, &summary)
                    .map_err(std::io::Error::from)
                    .and_then(|()| std::io::Write::write_all(&mut out, b"\n"))
                    .and_then(|()| std::io::Write::flush(&mut out)),
            )?;
            return Ok(Exit::Success);
        }
        ListFormat::Json => {
            let mut bytes = Vec::with_capacity(256 * summary.shown() + 1024);
            // Writing to memory cannot fail.
            let _ = serde_json::to_writer_pretty(&mut bytes, &summary);
            bytes.push(b'\n');
            String::from_utf8(bytes).unwrap_or_default()
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
    match &args.output {
        Some(path) => write_output(path, &text)?,
        None => print(&text)?,
    }
    Ok(Exit::Success)
}
