//! `parrainage import OFFICIAL.csv`: reconcile the ledger with a publication
//! of the Conseil constitutionnel (`ops::import`), then show what was done
//! (`render::import`).

use std::io::Write;

use bumpalo::Bump;

use crate::cli::{ImportArgs, ImportFormat};
use crate::context::{self, Context, Exit, Failure, Outcome, print};
use crate::ops::import::{ImportRequest, import};
use crate::render::import::{ImportReport, set_aside_note};

pub fn run(args: &ImportArgs, context: &Context) -> Outcome {
    let arena = Bump::new();
    let request = ImportRequest {
        publication: &args.publication,
        dry_run: args.dry_run,
        skip_unreadable: args.skip_unreadable,
    };
    let imported = import(&arena, &request, context)?;
    if let Some(publication) = &imported.set_aside {
        eprintln!("{}", set_aside_note(publication, context.lang));
    }
    let report = ImportReport::of(&imported, context.lang, args.dry_run);
    match (args.format, &args.output) {
        (ImportFormat::Table, None) => print(&report.table())?,
        (ImportFormat::Table, Some(path)) => context::write_output(path, &report.table())?,
        (ImportFormat::Json, Some(path)) => {
            let mut text = Vec::new();
            report
                .write_json(&mut text)
                .map_err(|e| Failure::usage(format!("cannot write the JSON: {e}")))?;
            text.push(b'\n');
            context::write_output(path, &String::from_utf8_lossy(&text))?;
        }
        (ImportFormat::Json, None) => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            context::written(
                report
                    .write_json(&mut out)
                    .map_err(std::io::Error::from)
                    .and_then(|()| out.write_all(b"\n"))
                    .and_then(|()| out.flush()),
            )?;
        }
    }
    Ok(Exit::Success)
}
