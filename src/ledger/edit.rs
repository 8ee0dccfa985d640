//! What the writing commands (`add`, `update`, `import`) share: finding the
//! file to write, checking a new or changed row exactly as `check` would,
//! and writing rows in the file's own columns and dialect.

use std::path::{Path, PathBuf};

use csv::ByteRecord;

use super::columns::{Columns, Field};
use super::read::{LedgerReader, OpenError, ReadOptions};
use crate::error::Action;
use crate::error::Failure;
use crate::msg;
use crate::sponsorship::Sponsorship;

/// The ledger file a write goes to: the first `--ledger`, which must be an
/// existing campaign ledger file.
pub fn target_file(ledgers: &[PathBuf]) -> Result<PathBuf, Failure> {
    let path = ledgers[0].clone();
    if path.is_dir() {
        return Err(Failure::usage(msg!(WriteToADirectory, &path, &path, &path)));
    }
    if !path.exists() {
        return Err(Failure::usage(msg!(NoSuchLedger, &path)));
    }
    Ok(path)
}

/// The header of a ledger file, refusing the official publications, which
/// are read-only.
pub fn open_for_writing(path: &Path, options: &ReadOptions) -> Result<LedgerReader, Failure> {
    let reader = LedgerReader::open(path, options)?;
    if reader.format.is_official() {
        return Err(Failure::usage(msg!(PublicationIsReadOnly, path)));
    }
    Ok(reader)
}

/// A file that cannot be read is a usage error (exit 2); one that is not a
/// ledger has errors in its data (exit 1).
impl From<OpenError> for Failure {
    fn from(error: OpenError) -> Failure {
        match error {
            OpenError::Unreadable(unreadable) => Failure::usage(unreadable),
            OpenError::Invalid(diagnostics) => {
                let count = diagnostics.len();
                Failure::data(crate::msg!(
                    Verbatim,
                    crate::message::Arg::lines(diagnostics, count)
                ))
            }
        }
    }
}

/// The whole ledger file `layout` was opened on, for a rewrite: as UTF-8,
/// whatever its encoding (the rewrite encodes it back).
pub fn read_whole(layout: &LedgerReader) -> Result<Vec<u8>, Failure> {
    let path = &layout.path;
    let bytes = std::fs::read(path).map_err(|e| Failure::io(Action::Read, path, e))?;
    Ok(layout.encoding.decode(&bytes))
}

/// A reader over `bytes`, the text of the file `layout` was opened on.
pub fn reader_over<'a>(
    layout: &LedgerReader,
    bytes: &'a [u8],
    options: &ReadOptions,
) -> Result<LedgerReader<&'a [u8]>, Failure> {
    Ok(LedgerReader::from_reader(
        &layout.path,
        bytes,
        layout.dialect,
        options,
    )?)
}

/// The text a ledger stores for `field` of `entry`: codes, ISO dates.
pub fn field_text<S: AsRef<str>>(entry: &Sponsorship<S>, field: Field) -> String {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    match field {
        Field::Status => entry.status.code().to_string(),
        Field::Candidate => entry.candidate.as_ref().to_string(),
        Field::Civility => entry
            .civility
            .as_ref()
            .map(|c| c.as_ref().to_string())
            .unwrap_or_default(),
        Field::LastName => entry.last_name.as_ref().to_string(),
        Field::FirstName => entry.first_name.as_ref().to_string(),
        Field::Mandate => entry.mandate.code().to_string(),
        Field::Circonscription => entry.circonscription.as_ref().to_string(),
        Field::Department => entry.department.code.to_string(),
        Field::ClaimedOn => day(entry.claimed_on),
        Field::PublishedOn => day(entry.published_on),
        Field::Source => entry.source.as_ref().to_string(),
        Field::Notes => entry.notes.as_ref().to_string(),
    }
}

/// A row in the file's column order, with the values of `values` for the
/// columns the tool knows and `base`'s values (or nothing) for the others.
pub fn build_record(
    header_len: usize,
    columns: &Columns,
    base: Option<&ByteRecord>,
    mut values: impl FnMut(Field) -> Option<String>,
) -> ByteRecord {
    let mut fields: Vec<Vec<u8>> = (0..header_len)
        .map(|i| base.and_then(|b| b.get(i)).unwrap_or_default().to_vec())
        .collect();
    for field in Field::ALL {
        if let (Some(position), Some(value)) = (columns.get(field), values(field)) {
            fields[position] = value.into_bytes();
        }
    }
    ByteRecord::from(fields)
}

/// The line a row appended to `path` will start on (rows ending with
/// `terminator`).
pub fn next_line(path: &Path, terminator: u8) -> std::io::Result<u64> {
    use std::io::Read;
    // Streamed, so that a large ledger is not held in memory.
    let mut file = std::fs::File::open(path)?;
    let mut buffer = vec![0u8; 1 << 16];
    let (mut newlines, mut last) = (0u64, None);
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        newlines += buffer[..read].iter().filter(|b| **b == terminator).count() as u64;
        last = Some(buffer[read - 1]);
    }
    Ok(match last {
        None => newlines + 1,
        Some(b) if b == terminator => newlines + 1,
        Some(_) => newlines + 2,
    })
}
