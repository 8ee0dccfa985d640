//! `repair`'s workflow: a write that did not finish (a crash, a full disk
//! before appends were undone, a quote never closed) leaves a torn last
//! row, after which nothing can be appended. Under the lock, the torn row
//! is moved, byte for byte, to a side file next to the ledger, and the
//! ledger is cut after its last complete row.

use std::io::Write;
use std::path::PathBuf;

use crate::context::{Context, Failure};
use crate::error::Action;
use crate::ledger::edit::{open_for_writing, target_file};
use crate::ledger::encoding::TextEncoding;
use crate::ledger::write::LockedLedger;
use crate::msg;

/// What `repair` did.
#[derive(Debug)]
pub enum Repaired {
    /// The ledger ends on a complete row: nothing to do.
    Nothing { ledger: PathBuf },
    /// The torn row (its line, its bytes) moved to `side`.
    Moved {
        ledger: PathBuf,
        line: u64,
        bytes: usize,
        side: PathBuf,
    },
}

pub fn repair(context: &Context) -> Result<Repaired, Failure> {
    let path = target_file(&context.ledgers)?;
    let mut locked = LockedLedger::acquire(&path, &context.ledgers, context.lock_timeout, &*context.notes)
        .map_err(|e| Failure::io(Action::Lock, &path, e))?;
    let mut reader = open_for_writing(&path, &context.read)?;
    let mut ignored = Vec::new();
    while reader.next_entry(&mut ignored).is_some() {
        ignored.clear();
    }
    let Some((line, offset)) = reader.torn() else {
        return Ok(Repaired::Nothing { ledger: path });
    };
    if reader.encoding != TextEncoding::Utf8 {
        // Offsets count the decoded text, not the file's bytes.
        return Err(Failure::usage(msg!(TornNotUtf8, &path, line.to_string())));
    }
    let bytes = std::fs::read(&path).map_err(|e| Failure::io(Action::Read, &path, e))?;
    let torn = bytes.get(offset as usize..).unwrap_or_default();
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = path
        .file_name()
        .map_or_else(|| "ledger".into(), |n| n.to_string_lossy().into_owned());
    // The torn bytes are kept before the ledger is cut: nothing is lost.
    // Two repairs in one second get two side files.
    let mut attempt = 1;
    let (side, mut file) = loop {
        let suffix = if attempt == 1 {
            String::new()
        } else {
            format!("-{attempt}")
        };
        let side = path.with_file_name(format!("{name}.torn-{stamp}{suffix}"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&side)
        {
            Ok(file) => break (side, file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => attempt += 1,
            Err(e) => return Err(Failure::io(Action::Create, &side, e)),
        }
    };
    file.write_all(torn)
        .and_then(|()| file.sync_all())
        .map_err(|e| Failure::io(Action::Write, &side, e))?;
    locked
        .truncate(offset)
        .map_err(|e| Failure::io(Action::Write, &path, e))?;
    Ok(Repaired::Moved {
        ledger: path,
        line,
        bytes: torn.len(),
        side,
    })
}
