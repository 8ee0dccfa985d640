//! `parrainage fetch [URL]`: download the current publication and keep it
//! in the archive if it is new (`ops::fetch`), with `--import` import the
//! archive's latest publication (`ops::import`), then show what was done
//! (`render::fetch`, `render::import`).

use std::io::IsTerminal;

use bumpalo::Bump;

use crate::cli::{FetchArgs, ImportFormat};
use crate::context::{Context, Exit, Failure, Outcome, print};
use crate::ops::fetch::{FetchRequest, fetch};
use crate::ops::import::{ImportRequest, import};
use crate::render::fetch::{self, Progress};
use crate::render::import::{ImportReport, set_aside_note};

pub fn run(args: &FetchArgs, context: &Context) -> Outcome {
    let lang = context.lang;
    let archive = context.archive(args.archive.as_deref());
    let request = FetchRequest {
        url: args.url.as_deref(),
        archive: &archive,
        timeout: args.timeout,
        retries: args.retries,
    };
    let mut progress = Progress::new(std::io::stderr().is_terminal(), lang);
    let fetched = fetch(&request, context, &mut |received, total| {
        progress.show(received, total)
    });
    progress.finish();
    let fetched = fetched?;
    fetch::notes(&fetched, context.notes.as_ref());
    if !args.import {
        match args.format {
            ImportFormat::Table => print(&fetch::table(&fetched, lang))?,
            ImportFormat::Json => print(&format!("{:#}\n", fetch::json(&fetched, None)))?,
        }
        return Ok(Exit::Success);
    }
    // What was stored is said before the import runs: it stays stored
    // whatever the import finds.
    if args.format == ImportFormat::Table {
        print(&fetch::table(&fetched, lang))?;
    }
    let arena = Bump::new();
    let request = ImportRequest {
        publication: &fetched.file,
        dry_run: false,
        skip_unreadable: false,
    };
    let imported = import(&arena, &request, context)?;
    if let Some(publication) = &imported.set_aside {
        context.notes.note(set_aside_note(publication));
    }
    let report = ImportReport::of(&imported, lang, false);
    match args.format {
        ImportFormat::Table => print(&format!("\n{}", report.table()))?,
        ImportFormat::Json => {
            let mut text = Vec::new();
            report
                .write_json(&mut text)
                .map_err(|e| Failure::usage(crate::msg!(CannotWriteJson, e.to_string())))?;
            let import: serde_json::Value = serde_json::from_slice(&text)
                .map_err(|e| Failure::usage(crate::msg!(CannotWriteJson, e.to_string())))?;
            print(&format!("{:#}\n", fetch::json(&fetched, Some(import))))?;
        }
    }
    Ok(Exit::Success)
}
