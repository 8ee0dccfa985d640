//! Reading ledger files row by row, turning each row into a
//! [`Sponsorship`] or into located diagnostics.
//!
//! Rows are streamed: a ledger of any size is read in bounded memory, apart
//! from what the caller keeps. What is decided where:
//! - `read/open.rs`: opening a file and recognising it: its encoding, a
//!   JSON publication, its separator, its header and format;
//! - `read/parse.rs`: what one row's values mean (`RowParser`, shared
//!   with `RowChecker` for the rows about to be written);
//! - here: reading the rows one after the other, resuming at a byte of the
//!   file, and the torn last row.

pub mod ahead;
mod open;
mod parse;

use parse::RowParser;
pub use parse::{DateError, RowChecker, parse_date};

use std::io::{self, Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use csv::ByteRecord;

use super::archive::{self, DirectoryError, Listing};
use super::columns::{Columns, Field, Format};
use super::dialect::Dialect;
use super::encoding::TextEncoding;
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::records::Records;
use crate::message::Message;
use crate::msg;
use crate::official::json;
use crate::rules::Election;
use crate::sponsorship::{Entry, Sponsorship};

/// The longest value a ledger field may hold. Names, places and notes are
/// short; a longer value is a quote left open or binary data.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// What reading needs to know beyond the file.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub election: Election,
    /// The candidate of the settings, for ledgers without a candidate column
    /// or rows that leave it empty.
    pub candidate: Option<String>,
    /// The files' encoding, when the user says it (`--encoding`); else
    /// decided on each whole file (`encoding::sniff_file`).
    pub encoding: Option<TextEncoding>,
    /// For the commands that count: entries are counted as they stood on
    /// this day (`--as-of`).
    pub as_of: Option<NaiveDate>,
    /// The real date today, after which no publication can be dated.
    pub today: Option<NaiveDate>,
    /// Whether to look mayors' places up in the official list of communes
    /// (`check`, and the rows `add` and `update` write): a warning about a
    /// place is of no use to the commands that count.
    pub places: bool,
}

/// Why a file could not be read as a ledger at all.
#[derive(Debug)]
pub enum OpenError {
    /// Missing, a directory, no permission: a usage problem (exit 2).
    Unreadable(Unreadable),
    /// Read, but not a ledger: empty, or its header lacks required columns.
    Invalid(Vec<Diagnostic>),
}

/// A file that cannot be opened: a directory where a file is wanted, or
/// what the operating system said.
#[derive(Debug)]
pub struct Unreadable {
    pub path: PathBuf,
    /// The system's error; `None` for a directory.
    pub source: Option<io::Error>,
}

impl From<Unreadable> for Message {
    fn from(unreadable: Unreadable) -> Message {
        match &unreadable.source {
            None => msg!(IsADirectory, &unreadable.path),
            Some(e) => msg!(FileSaid, &unreadable.path, io_reason(e)),
        }
    }
}

/// One data row.
#[derive(Debug)]
pub struct Row {
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    /// Byte offsets of the row in the file: its start, and just past its
    /// line end.
    pub offset: u64,
    pub end: u64,
    pub record: ByteRecord,
    /// The entry, when the row has no error.
    pub entry: Option<Sponsorship>,
}

/// A ledger file opened for reading.
pub struct LedgerReader<R: Read = Box<dyn Read>> {
    pub path: Arc<Path>,
    pub format: Format,
    pub dialect: Dialect,
    /// The file's encoding; rows are decoded to UTF-8 as they are read.
    pub encoding: TextEncoding,
    /// Warnings about the whole file (an encoding guessed), for `check`.
    pub notes: Vec<Diagnostic>,
    pub header: Arc<[String]>,
    pub columns: Columns,
    parser: RowParser,
    /// The rows, split into fields in a buffer reused from row to row.
    records: Records<R>,
    /// Where the input starts in the file: the line of its first row and its
    /// byte offset (not zero for the second part of a file read in two).
    first_line: u64,
    first_byte: u64,
    failed: bool,
    /// The header's number of fields.
    header_fields: usize,
    /// Where a torn last row starts (line and byte), once met.
    torn: Option<(u64, u64)>,
    /// For a JSON publication: the problems its conversion found.
    json: Option<Arc<json::JsonSide>>,
}

/// What the header of a file says: enough to read any part of it.
#[derive(Debug, Clone)]
pub struct Layout {
    pub path: Arc<Path>,
    pub format: Format,
    pub dialect: Dialect,
    pub encoding: TextEncoding,
    /// In a file read as UTF-8, the line of its first UTF-8 letter: a row
    /// that is not UTF-8 then shows that the file mixes two encodings.
    pub utf8_line: Option<u64>,
    pub header: Arc<[String]>,
    pub columns: Columns,
}

/// Where a row read by [`LedgerReader::next_entry`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowAt {
    pub line: u64,
    pub offset: u64,
}

/// The files a ledger path stands for: the file itself, the `*.csv`
/// files of a directory of ledgers in name order, or the latest file of an
/// archive of publications (`archive`).
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, DirectoryError> {
    expand_noting(paths).map(|(files, _)| files)
}

/// [`expand`], with a warning for each `*.csv` entry of a directory that
/// is passed over: a link to nothing, a pipe, anything not a file.
pub fn expand_noting(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), DirectoryError> {
    let expanded = expand_importing(paths, None)?;
    Ok((expanded.files, expanded.notes))
}

/// The files of a ledger, for a command that imports `imported`: found in
/// a directory of ledgers, that publication is set aside, not read as a
/// ledger.
pub fn expand_importing(paths: &[PathBuf], imported: Option<&Path>) -> Result<Listing, DirectoryError> {
    let mut expanded = Listing::default();
    for path in paths {
        if path.is_dir() {
            let mut listing = archive::list(path, imported)?;
            expanded.files.append(&mut listing.files);
            expanded.notes.append(&mut listing.notes);
            expanded.set_aside = expanded.set_aside.or(listing.set_aside);
        } else {
            expanded.files.push(path.clone());
        }
    }
    expanded.notes.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(expanded)
}

impl<R: Read> LedgerReader<R> {
    /// Reads the rows of a part of a file whose header was already read by
    /// `layout`: `input` starts at byte `first_byte`, on line `first_line`.
    pub fn resume(
        layout: &Layout,
        input: R,
        options: &ReadOptions,
        first_line: u64,
        first_byte: u64,
    ) -> LedgerReader<R> {
        let records = Records::ending_with(
            input,
            layout.dialect.delimiter,
            layout.dialect.terminator(),
            false,
        );
        let mut reader = LedgerReader::assemble(
            Arc::clone(&layout.path),
            layout.format,
            layout.dialect,
            layout.header.clone(),
            layout.columns.clone(),
            options,
            records,
            (first_line, first_byte),
        );
        reader.encoding = layout.encoding;
        reader.parser.utf8_line = layout.utf8_line;
        reader
    }

    #[allow(clippy::too_many_arguments)]
    fn assemble(
        path: Arc<Path>,
        format: Format,
        dialect: Dialect,
        header: Arc<[String]>,
        columns: Columns,
        options: &ReadOptions,
        records: Records<R>,
        (first_line, first_byte): (u64, u64),
    ) -> LedgerReader<R> {
        let layout = Layout {
            path,
            format,
            dialect,
            encoding: TextEncoding::Utf8,
            utf8_line: None,
            header,
            columns,
        };
        let parser = RowParser::new(&layout, options);
        let header_fields = layout.header.len();
        LedgerReader {
            path: layout.path,
            format,
            dialect,
            encoding: layout.encoding,
            notes: Vec::new(),
            header: layout.header,
            columns: layout.columns,
            parser,
            records,
            first_line,
            first_byte,
            failed: false,
            header_fields,
            torn: None,
            json: None,
        }
    }

    /// Reads the next row into the reader's own buffers, adding what is
    /// wrong with it to `diagnostics`: where it is, and its entry if it is
    /// good, borrowed from the row, its values trimmed but not tidied
    /// inside (see [`Sponsorship::tidied`]). Rows whose fields are all
    /// empty (left by spreadsheets) are skipped. This is the fast path:
    /// nothing is copied or allocated for a row.
    pub fn next_entry(&mut self, diagnostics: &mut Vec<Diagnostic>) -> Option<(RowAt, Option<Entry<'_>>)> {
        let (line, offset) = self.read_record(diagnostics)?;
        if self.json_problems(line, diagnostics) {
            return Some((RowAt { line, offset }, None));
        }
        let entry = self
            .parser
            .parse(self.records.text(), self.records.bounds(), line, diagnostics);
        Some((RowAt { line, offset }, entry))
    }

    /// Whether the JSON object of the row at `line` has problems of its
    /// own (a key twice, a number for a name), said in `diagnostics`.
    fn json_problems(&self, line: u64, diagnostics: &mut Vec<Diagnostic>) -> bool {
        let Some(side) = &self.json else {
            return false;
        };
        let problems = side.problem_at(line);
        let found = !problems.is_empty();
        for message in problems {
            diagnostics.push(Diagnostic::error(&self.path, line, Code::MalformedCsv, message));
        }
        found
    }

    /// What can be said only once the file is read to its end: the keys of
    /// a JSON publication that its format does not know, ignored.
    pub fn closing_note(&self) -> Option<Diagnostic> {
        let (count, first) = self.json.as_ref()?.unknown_keys()?;
        Some(
            Diagnostic::warning(
                &self.path,
                1,
                Code::MalformedCsv,
                msg!(UnknownKeysIgnored, count, first),
            )
            .hint(msg!(FormatMayHaveChanged)),
        )
    }

    /// Like [`next_entry`](Self::next_entry), but only for rows whose
    /// raw `field` passes `wanted`: the others are skipped unread. For
    /// searches that know, say, the last name they look for.
    pub fn next_entry_where(
        &mut self,
        field: Field,
        wanted: impl Fn(&[u8]) -> bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<(RowAt, Option<Entry<'_>>)> {
        let position = self.columns.get(field);
        loop {
            let (line, offset) = self.read_record(diagnostics)?;
            if position.is_some_and(|p| !wanted(self.records.field(p).unwrap_or_default())) {
                // Its problems are passed over with it.
                if let Some(side) = &self.json {
                    side.problem_at(line);
                }
                continue;
            }
            if self.json_problems(line, diagnostics) {
                return Some((RowAt { line, offset }, None));
            }
            let entry = self
                .parser
                .parse(self.records.text(), self.records.bounds(), line, diagnostics);
            return Some((RowAt { line, offset }, entry));
        }
    }

    /// What the header says, to read other parts of the file.
    pub fn layout(&self) -> Layout {
        Layout {
            path: Arc::clone(&self.path),
            format: self.format,
            dialect: self.dialect,
            encoding: self.encoding,
            utf8_line: self.parser.utf8_line,
            header: self.header.clone(),
            columns: self.columns.clone(),
        }
    }

    /// Reads the next row, with its fields and its entry if it is good.
    pub fn next_row(&mut self, diagnostics: &mut Vec<Diagnostic>) -> Option<Row> {
        let (at, entry) = self.next_entry(diagnostics)?;
        let entry = entry.map(|e| e.tidied());
        Some(Row {
            line: at.line,
            offset: at.offset,
            end: self.first_byte + self.records.consumed(),
            record: self.byte_record(),
            entry,
        })
    }

    /// The day entries are counted as of, for the commands that count.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.parser.options.as_of
    }

    /// Where the row last read ends: the byte just past its line end.
    pub fn row_end(&self) -> u64 {
        self.first_byte + self.records.consumed()
    }

    /// Where the torn last row starts, line and byte, if one was met.
    pub fn torn(&self) -> Option<(u64, u64)> {
        self.torn
    }

    /// How many rows read so far give the constituency of Saint-Martin
    /// and Saint-Barthélemy as their département (counted under 978).
    pub fn shared_constituency_rows(&self) -> u64 {
        self.parser.shared_constituency
    }

    /// Whether reading stopped on a row's end: not on a read error, and
    /// not inside a row that the end of the input cut short (see
    /// [`Records::cut_short`]).
    pub fn ended_on_a_row_end(&self) -> bool {
        !self.failed && !self.records.cut_short()
    }

    /// The line after the last row read (where a new row would go).
    pub fn next_line(&self) -> u64 {
        self.first_line + self.records.lines()
    }

    /// The fields of the current row, without the CR of a CRLF line end.
    fn byte_record(&self) -> ByteRecord {
        let count = self.records.bounds().len();
        let mut record = ByteRecord::with_capacity(self.records.text().len(), count);
        for position in 0..count {
            let field = self.records.field(position).unwrap_or_default();
            if position + 1 == count {
                record.push_field(field.strip_suffix(b"\r").unwrap_or(field));
            } else {
                record.push_field(field);
            }
        }
        record
    }

    fn read_record(&mut self, diagnostics: &mut Vec<Diagnostic>) -> Option<(u64, u64)> {
        if self.failed {
            return None;
        }
        match self.records.read() {
            Ok(false) => None,
            // The CR of a CRLF line end stays in the last field here: every
            // value is trimmed when read, and `next_row` strips it from the
            // fields it hands out.
            Ok(true) => {
                let (line, offset) = (
                    self.first_line + self.records.line() - 1,
                    self.first_byte + self.records.offset(),
                );
                // The last row, left half-written (a write that failed, a
                // quote never closed): what follows it is not a row.
                let torn = if self.records.unclosed() {
                    Some(msg!(
                        QuoteNeverClosed,
                        self.records.lines().saturating_sub(self.records.line() - 1)
                    ))
                } else if self.records.cut_short() && self.records.bounds().len() < self.header_fields {
                    Some(msg!(
                        RowStopsHalfWay,
                        self.records.bounds().len(),
                        self.header_fields
                    ))
                } else {
                    None
                };
                if let Some(message) = torn {
                    self.failed = true;
                    self.torn = Some((line, offset));
                    diagnostics.push(
                        Diagnostic::error(&self.path, line, Code::TornRow, message)
                            .hint(msg!(RepairMovesTornRow)),
                    );
                    return None;
                }
                Some((line, offset))
            }
            Err(e) => {
                self.failed = true;
                // A JSON publication that stops being JSON: its own words.
                let (line, message) = match self.json.as_ref().and_then(|side| side.fatal()) {
                    Some((line, message)) => (line, msg!(CannotReadFurther, message)),
                    None => (
                        self.first_line + self.records.lines(),
                        msg!(CannotReadFurther, read_error(&self.records, &e)),
                    ),
                };
                diagnostics.push(Diagnostic::error(&self.path, line, Code::MalformedCsv, message));
                None
            }
        }
    }
}

impl<R: Read + Seek> LedgerReader<R> {
    /// Moves to the row that starts at byte `offset`, on line `line`, to
    /// read rows from there on.
    pub fn seek_to(&mut self, offset: u64, line: u64) -> io::Result<()> {
        self.records.restart_at(offset)?;
        self.first_byte = offset;
        self.first_line = line;
        self.failed = false;
        Ok(())
    }
}

/// The columns of a new ledger's header.
pub fn new_header() -> Vec<&'static str> {
    Field::ALL.iter().map(|f| f.name()).collect()
}

/// Why reading rows failed: a row too long, or what the system said.
fn read_error<R: Read>(records: &Records<R>, e: &io::Error) -> Message {
    if records.stopped_too_long() {
        msg!(RowTooLong, crate::engine::records::MAX_RECORD_BYTES >> 20)
    } else {
        Message::verbatim(e.to_string())
    }
}

/// What the operating system said, in words of our own where they are
/// plainer than its own.
fn io_reason(e: &io::Error) -> Message {
    match e.kind() {
        io::ErrorKind::NotFound => msg!(NoSuchFile),
        io::ErrorKind::PermissionDenied => msg!(PermissionDenied),
        _ => Message::verbatim(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: with CRLF line ends, rows were placed one line early and
    /// their byte ranges started at the previous line's LF.
    #[test]
    fn crlf_rows_have_their_own_line_and_bytes() {
        let text = "status,candidate,last_name,first_name,mandate,department,extra\r\n\
                    claimed,A B,X,Y,mayor,55,e1\r\n\
                    claimed,A B,Z,W,mayor,55,\"e2\"\r\n";
        let dialect = Dialect::detect(text.as_bytes());
        let mut reader = LedgerReader::from_reader(
            Path::new("t.csv"),
            text.as_bytes(),
            dialect,
            &ReadOptions::default(),
        )
        .ok()
        .unwrap();
        let mut diagnostics = Vec::new();
        let first = reader.next_row(&mut diagnostics).unwrap();
        let second = reader.next_row(&mut diagnostics).unwrap();
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!((first.line, second.line), (2, 3));
        let bytes = text.as_bytes();
        assert_eq!(
            &bytes[first.offset as usize..first.end as usize],
            b"claimed,A B,X,Y,mayor,55,e1\r\n"
        );
        assert_eq!(second.end as usize, bytes.len());
        assert_eq!(first.record.get(6), Some(&b"e1"[..]));
        assert_eq!(second.record.get(6), Some(&b"e2"[..]));
    }

    #[test]
    fn parses_dates() {
        assert_eq!(
            parse_date("2022-02-03", false).ok(),
            NaiveDate::from_ymd_opt(2022, 2, 3)
        );
        assert_eq!(
            parse_date("03/02/2022", true).ok(),
            NaiveDate::from_ymd_opt(2022, 2, 3)
        );
        let english = |m: &Message| crate::render::words::say(m, crate::lang::Lang::En);
        let err = parse_date("03/02/2022", false).err().unwrap();
        assert!(english(&err.hint.unwrap()).contains("2022-02-03"));
        let err = parse_date("2022-02-30", false).err().unwrap();
        let message = english(&err.message);
        assert!(message.contains("no day 30 in month 2"), "{message}");
        assert!(parse_date("tomorrow", false).is_err());
        assert!(parse_date("2022-2", false).is_err());
        assert!(parse_date("2022-02-03-04", false).is_err());
    }
}
