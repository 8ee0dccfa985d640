//! `parrainage import OFFICIAL.csv`: reconcile the ledger with a publication
//! of the Conseil constitutionnel (`ops::import`), then show what was done
//! (`render::import`).

use bumpalo::Bump;

use crate::cli::{ImportArgs, ImportFormat};
use crate::context::{Context, Exit, Outcome};
use crate::ops::import::{ImportRequest, import};
use crate::render::import::{ImportReport, set_aside_note};

pub fn run(args: &ImportArgs, context: &Context) -> Outcome {
    let output = context.output(args.output.as_deref(), &[&args.publication])?;
    let arena = Bump::new();
    let request = ImportRequest {
        publication: &args.publication,
        dry_run: args.dry_run,
        skip_unreadable: args.skip_unreadable,
    };
    let imported = import(&arena, &request, context)?;
    if let Some(publication) = &imported.set_aside {
        context.notes.note(set_aside_note(publication));
    }
    let report = ImportReport::of(&imported, context.lang, args.dry_run);
    match args.format {
        ImportFormat::Table => output.write(report.table().as_bytes())?,
        ImportFormat::Json => output.stream(|out| {
            report.write_json(&mut *out).map_err(std::io::Error::from)?;
            out.write_all(b"\n")
        })?,
    }
    Ok(Exit::Success)
}
