//! `parrainage prospects`: whom to ask next (`ops::prospects`), shown as a
//! table, a CSV call list or JSON (`render::prospects`).

use crate::cli::{ListFormat, ProspectsArgs};
use crate::context::{Context, Exit, Outcome};
use crate::message::Message;
use crate::ops::prospects::{ProspectsRequest, prospects};
use crate::render::prospects::{TableContext, csv, summary, table};
use crate::render::register::coverage_warning;
use crate::text::clean;

/// How many rows a table shows without `--limit`.
const TABLE_ROWS: usize = 50;

pub fn run(args: &ProspectsArgs, context: &Context) -> Outcome {
    let mut more: Vec<&std::path::Path> = args.publication.iter().map(|p| p.as_path()).collect();
    more.extend(args.history.iter().map(|p| p.as_path()));
    more.extend(args.register.as_deref());
    let output = context.output(args.output.as_deref(), &more)?;
    let request = ProspectsRequest {
        register: args.register.as_deref(),
        publications: &args.publication,
        history: &args.history,
        prefer: &args.prefer,
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
        context.notes.warn(Message::verbatim(clean(&warning)));
    }
    let summary = summary(&found);
    match args.format {
        // Streamed: the document of a whole register is some megabytes.
        ListFormat::Json => output.stream(|out| {
            // Buffered here, where the writer's type is known: each of the
            // document's many small pieces is then a copy, not a call
            // through `dyn Write`.
            use std::io::Write;
            let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
            serde_json::to_writer_pretty(&mut out, &summary).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
            out.flush()
        })?,
        ListFormat::Csv => output.write(csv(&summary).as_bytes())?,
        ListFormat::Table => {
            let told = TableContext {
                candidate: found.candidate.as_deref(),
                standing: &found.standing,
                more: found.ranked_in_all - summary.shown(),
                of_no_known_unit: found.of_no_known_unit,
            };
            output.write(table(&summary, &told, context.lang).as_bytes())?
        }
    }
    // The process ends here: the system takes back the memory of the
    // register's persons at once, faster than freeing them one by one.
    std::mem::forget(summary);
    std::mem::forget(found);
    Ok(Exit::Success)
}
