//! `parrainage import OFFICIAL.csv`: reconcile the ledger with a publication
//! of the Conseil constitutionnel (`ops::import`), then show what was done
//! (`render::import`).

use bumpalo::Bump;

use crate::cli::{ImportArgs, ImportFormat};
use crate::context::{Context, Exit, Outcome};
use crate::ops::import::{ImportRequest, import};
use crate::render::import::ImportReport;

pub fn run(args: &ImportArgs, context: &Context) -> Outcome {
    let output = context.output(args.output.as_deref(), &[&args.publication])?;
    let arena = Bump::new();
    let request = ImportRequest {
        publication: &args.publication,
        dry_run: args.dry_run,
        skip_unreadable: args.skip_unreadable,
    };
    let imported = import(&arena, &request, context)?;
    let report = ImportReport {
        ledger: &imported.ledger,
        publication: &args.publication,
        result: &imported.result,
        added: &imported.added,
        layout: &imported.layout,
        options: &imported.options,
        first_new_line: imported.first_new_line,
        skipped: &imported.skipped,
        held_in: &imported.held_in,
        lang: context.lang,
        dry_run: args.dry_run,
        written: imported.written,
        changed: imported.changed,
    };
    match args.format {
        ImportFormat::Table => output.write(report.table().as_bytes())?,
        ImportFormat::Json => output.stream(|out| {
            report.write_json(&mut *out).map_err(std::io::Error::from)?;
            out.write_all(b"\n")
        })?,
    }
    Ok(Exit::Success)
}
