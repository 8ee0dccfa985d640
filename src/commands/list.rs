//! `parrainage list`: the entries of the ledger, filtered (`ops::list`),
//! each with its file and line, as a table, ledger CSV or JSON.

use crate::cli::{ListArgs, ListFormat};
use crate::context::{Context, Exit, Outcome};
use crate::ops::list::{ListRequest, list};
use crate::render::entries::{EntryFormat, EntryWriter};

pub fn run(args: &ListArgs, context: &Context) -> Outcome {
    let output = context.output(args.output.as_deref(), &[])?;
    let request = ListRequest {
        statuses: &args.status,
        mandates: &args.mandate,
        departments: &args.department,
        search: args.search.as_deref(),
    };
    let format = match args.format {
        ListFormat::Table => EntryFormat::Table,
        ListFormat::Csv => EntryFormat::Csv,
        ListFormat::Json => EntryFormat::Json,
    };
    let listing = output.produce(|out| {
        let mut writer = EntryWriter::new(format, context.lang);
        let listing = list(&request, context, &mut |entry| writer.entry(out, entry))?;
        writer.finish(out)?;
        Ok(listing)
    })?;
    // Rows left out: the list is not the whole ledger.
    Ok(if listing.unreadable == 0 {
        Exit::Success
    } else {
        Exit::DataErrors
    })
}
