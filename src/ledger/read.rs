//! Reading ledger files row by row, turning each row into a
//! [`Sponsorship`] or into located diagnostics.
//!
//! Rows are streamed: a ledger of any size is read in bounded memory, apart
//! from what the caller keeps.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use csv::ByteRecord;

use super::archive::{self, DirectoryError, Listing};
use super::columns::{Columns, Field, Format};
use super::dialect::Dialect;
use super::encoding::{Sniffed, TextEncoding, sniff_file, sniff_start};
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::records::Records;
use crate::message::{Arg, Message};
use crate::msg;
use crate::official::communes::communes;
use crate::official::{self, Container, DateForm, Publication, json};
use crate::rules::checks::{DatedStatus, EntryProblem, entry_problems};
use crate::rules::election::DayForm;
use crate::rules::fold::fold;
use crate::rules::mandate::Attribution;
use crate::rules::mandate::MandateError;
use crate::rules::place;
use crate::rules::{Department, Election, Mandate, Status};
use crate::sponsorship::{Entry, Sponsorship};
use rustc_hash::FxHashMap;

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

impl LedgerReader {
    /// Opens a ledger file and reads its header.
    pub fn open(path: &Path, options: &ReadOptions) -> Result<LedgerReader, OpenError> {
        let unreadable = |e: io::Error| {
            OpenError::Unreadable(Unreadable {
                path: path.to_path_buf(),
                source: Some(e),
            })
        };
        if path.is_dir() {
            return Err(OpenError::Unreadable(Unreadable {
                path: path.to_path_buf(),
                source: None,
            }));
        }
        let file = File::open(path).map_err(unreadable)?;
        let size = file.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
        let mut buffered = BufReader::with_capacity(1 << 16, file);
        let start = buffered.fill_buf().map_err(unreadable)?;
        let file_path: Arc<Path> = Arc::from(path);
        if start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF") {
            return Err(OpenError::Invalid(vec![
                Diagnostic::error(&file_path, 1, Code::Encoding, msg!(Utf16File))
                    .hint(msg!(SaveAsCsvUtf8InExcel)),
            ]));
        }
        if json::looks_like_json(start) {
            return LedgerReader::open_json(&file_path, buffered, options).map_err(|e| match e {
                Ok(e) => unreadable(e),
                Err(invalid) => invalid,
            });
        }
        let dialect = Dialect::detect(start);
        let mut notes = Vec::new();
        let (sniffed, utf8_line, settled) = sniff_start(start);
        let more_than_start = size.is_some_and(|size| size > start.len() as u64);
        let (sniffed, utf8_line) = match options.encoding {
            None if more_than_start && !settled => {
                // Opened again, so that the buffer keeps its place.
                let mut again = File::open(path).map_err(unreadable)?;
                let line_end = if dialect.cr { b'\r' } else { b'\n' };
                sniff_file(&mut again, line_end).map_err(unreadable)?
            }
            _ => (sniffed, utf8_line),
        };
        let encoding = match (options.encoding, sniffed) {
            (_, Sniffed::Binary { line }) => {
                return Err(OpenError::Invalid(vec![
                    Diagnostic::error(&file_path, line, Code::Encoding, msg!(NulByte))
                        .hint(msg!(ExportAsCsvUtf8)),
                ]));
            }
            (Some(encoding), _) => encoding,
            // Read as UTF-8: each row that is not is named by its own check.
            (None, Sniffed::Mixed { .. }) => TextEncoding::Utf8,
            (None, Sniffed::Utf8) => TextEncoding::Utf8,
            (None, Sniffed::Windows1252 { line }) => {
                notes.push(
                    Diagnostic::warning(&file_path, line, Code::Encoding, msg!(ReadAsWindows1252))
                        .hint(msg!(SaveAsCsvUtf8OrSayEncoding)),
                );
                TextEncoding::Windows1252
            }
        };
        let input: Box<dyn Read> = match encoding {
            TextEncoding::Utf8 => Box::new(buffered),
            TextEncoding::Windows1252 => Box::new(
                encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .encoding(Some(encoding.encoding_rs()))
                    .build(buffered),
            ),
        };
        let mut reader = LedgerReader::from_reader(path, input, dialect, options)?;
        reader.encoding = encoding;
        if encoding == TextEncoding::Utf8 && options.encoding.is_none() {
            reader.parser.utf8_line = utf8_line;
        }
        notes.append(&mut reader.notes);
        reader.notes = notes;
        Ok(reader)
    }

    /// Opens a publication stored as JSON: converted to CSV text as it is
    /// read, each row on its object's line (`official::json`).
    fn open_json(
        path: &Arc<Path>,
        input: BufReader<File>,
        options: &ReadOptions,
    ) -> Result<LedgerReader, Result<io::Error, OpenError>> {
        let (rows, side) = json::JsonRows::new(input);
        let dialect = Dialect::default();
        let input: Box<dyn Read> = Box::new(rows);
        let mut reader = LedgerReader::from_reader_in(path, input, dialect, Container::Json, options)
            .map_err(|e| {
                // The header could not be read because the JSON is not a
                // publication: its own words, at its own line.
                match (side.fatal(), e) {
                    (Some((line, message)), _) => Err(OpenError::Invalid(vec![Diagnostic::error(
                        path,
                        line,
                        Code::MalformedCsv,
                        message,
                    )])),
                    (None, e) => Err(e),
                }
            })?;
        reader.json = Some(side);
        Ok(reader)
    }
}

impl<R: Read> LedgerReader<R> {
    /// Reads the header from `input`, CSV text already positioned at the
    /// file's start.
    pub fn from_reader(
        path: &Path,
        input: R,
        dialect: Dialect,
        options: &ReadOptions,
    ) -> Result<LedgerReader<R>, OpenError> {
        LedgerReader::from_reader_in(path, input, dialect, Container::Csv, options)
    }

    /// [`from_reader`](Self::from_reader) for CSV text that a file stored
    /// in `container` was read or turned into.
    fn from_reader_in(
        path: &Path,
        input: R,
        dialect: Dialect,
        container: Container,
        options: &ReadOptions,
    ) -> Result<LedgerReader<R>, OpenError> {
        let path: Arc<Path> = Arc::from(path);
        // Rows end at LF; a CR before it stays in the last field, where
        // values are trimmed, and `next_row` strips it.
        let mut records = Records::ending_with(input, dialect.delimiter, dialect.terminator(), true);
        let found = match records.read() {
            Ok(found) => found,
            Err(e) => {
                return Err(OpenError::Invalid(vec![Diagnostic::error(
                    &path,
                    1,
                    Code::MalformedCsv,
                    msg!(CannotReadHeader, read_error(&records, &e)),
                )]));
            }
        };
        if !found {
            return Err(OpenError::Invalid(vec![
                Diagnostic::error(&path, 1, Code::MissingColumn, msg!(EmptyLedger))
                    .hint(msg!(NewLedgerHeader, new_header().join(","))),
            ]));
        }
        let mut header = Vec::with_capacity(records.bounds().len());
        for position in 0..records.bounds().len() {
            match std::str::from_utf8(records.field(position).unwrap_or_default()) {
                Ok(name) => header.push(name.trim().to_string()),
                Err(_) => {
                    return Err(OpenError::Invalid(vec![
                        Diagnostic::error(&path, 1, Code::Encoding, msg!(HeaderNotUtf8))
                            .hint(msg!(SaveAsCsvUtf8)),
                    ]));
                }
            }
        }
        let Some((format, columns)) = Columns::format(&header, container) else {
            return Err(OpenError::Invalid(vec![unknown_format(&path, container)]));
        };
        let duplicates = duplicate_columns(&path, &header);
        let mut missing: Vec<Field> = [
            Field::LastName,
            Field::FirstName,
            Field::Mandate,
            Field::Department,
        ]
        .into_iter()
        .filter(|f| columns.get(*f).is_none())
        .collect();
        if columns.get(Field::Candidate).is_none() && options.candidate.is_none() {
            missing.push(Field::Candidate);
        }
        if !missing.is_empty() {
            let diagnostics = missing
                .iter()
                .enumerate()
                .map(|(i, field)| {
                    let diagnostic =
                        Diagnostic::error(&path, 1, Code::MissingColumn, msg!(NoSuchColumn, field.name()))
                            .column(field.name());
                    // The full header is shown once, not once per missing column.
                    match (field, i) {
                        (Field::Candidate, _) => diagnostic.hint(msg!(AddCandidateColumn)),
                        (_, 0) => diagnostic.hint(msg!(NewLedgerHeader, new_header().join(","))),
                        _ => diagnostic,
                    }
                })
                .collect();
            return Err(OpenError::Invalid(diagnostics));
        }
        let mut reader = LedgerReader::assemble(
            path,
            format,
            dialect,
            Arc::from(header),
            columns,
            options,
            records,
            (1, 0),
        );
        reader.notes = duplicates;
        Ok(reader)
    }

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

/// Checks single rows exactly as [`LedgerReader`] checks the rows it reads,
/// for the rows the tool is about to write.
pub struct RowChecker {
    parser: RowParser,
    bounds: Vec<(usize, usize)>,
}

impl RowChecker {
    pub fn new(layout: &Layout, options: &ReadOptions) -> RowChecker {
        RowChecker {
            parser: RowParser::new(layout, options),
            bounds: Vec::new(),
        }
    }

    /// The entry of `record` if it is good, and what is wrong with it, as
    /// if it were read at `line`.
    pub fn check(&mut self, record: &ByteRecord, line: u64) -> (Option<Sponsorship>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        self.bounds.clear();
        let mut end = 0;
        for field in record {
            self.bounds.push((end, end + field.len()));
            end += field.len();
        }
        let entry = self
            .parser
            .parse(record.as_slice(), &self.bounds, line, &mut diagnostics)
            .map(|e| e.tidied());
        (entry, diagnostics)
    }
}

/// A small cache of what a column's values mean: a ledger repeats a few
/// dozen statuses, mandates, départements and dates a million times, so each
/// distinct text is interpreted once.
struct Memo<T> {
    seen: FxHashMap<Box<[u8]>, T>,
}

impl<T> Default for Memo<T> {
    fn default() -> Memo<T> {
        Memo {
            seen: FxHashMap::default(),
        }
    }
}

/// Beyond this many distinct values, a column's values are interpreted
/// each time rather than cached, so hostile input cannot grow the cache.
const MEMO_LIMIT: usize = 4096;

impl<T: Clone> Memo<T> {
    fn get(&mut self, key: &str, interpret: impl FnOnce(&str) -> T) -> T {
        if let Some(value) = self.seen.get(key.as_bytes()) {
            return value.clone();
        }
        let value = interpret(key);
        if self.seen.len() < MEMO_LIMIT {
            self.seen.insert(key.as_bytes().into(), value.clone());
        }
        value
    }
}

/// Turns rows into entries, with the same rules for every reader.
struct RowParser {
    path: Arc<Path>,
    header: Arc<[String]>,
    columns: Columns,
    /// The publication's format, for an official file.
    official: Option<&'static Publication>,
    options: ReadOptions,
    statuses: Memo<Option<Status>>,
    mandates: Memo<Result<Mandate, MandateError>>,
    /// The unit, and whether the label is the constituency of Saint-Martin
    /// and Saint-Barthélemy (counted under 978, RULES.md §5).
    departments: Memo<Option<(&'static Department, bool)>>,
    dates: Memo<Result<NaiveDate, DateError>>,
    civilities: Memo<Option<&'static str>>,
    /// What is wrong with the places the official list does not hold, by
    /// mandate, unit and place: the nearest names are worked out once.
    places: Memo<Option<EntryProblem>>,
    /// A key for `places` (a buffer).
    place_key: String,
    /// Rows read whose département is the constituency of Saint-Martin and
    /// Saint-Barthélemy.
    shared_constituency: u64,
    /// See [`Layout::utf8_line`].
    utf8_line: Option<u64>,
    /// The positions of the name and place columns, whose values a
    /// spreadsheet must not run as formulas.
    formula_columns: Vec<usize>,
}

/// The columns a spreadsheet user reads and types names and places in:
/// a value there that starts like a formula is a warning.
const FORMULA_FIELDS: [Field; 4] = [
    Field::Candidate,
    Field::LastName,
    Field::FirstName,
    Field::Circonscription,
];

/// Whether a value starting with `byte` would be run by a spreadsheet
/// (OWASP's CSV injection: `= + - @`, and a tab or CR before them).
fn starts_a_formula(byte: u8) -> bool {
    matches!(byte, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
}

impl RowParser {
    fn new(layout: &Layout, options: &ReadOptions) -> RowParser {
        RowParser {
            path: Arc::clone(&layout.path),
            header: layout.header.clone(),
            columns: layout.columns.clone(),
            official: match layout.format {
                Format::Official(publication) => Some(publication),
                Format::Campaign => None,
            },
            options: options.clone(),
            statuses: Memo::default(),
            mandates: Memo::default(),
            departments: Memo::default(),
            dates: Memo::default(),
            civilities: Memo::default(),
            places: Memo::default(),
            place_key: String::new(),
            utf8_line: layout.utf8_line,
            shared_constituency: 0,
            formula_columns: FORMULA_FIELDS
                .iter()
                .filter_map(|field| layout.columns.get(*field))
                .collect(),
        }
    }

    /// Whether to look the place of a row of `mandate` up: when asked to,
    /// in a campaign's ledger (a publication's places are the Conseil's own
    /// spelling), for the mandates that sit in a commune, unless the value
    /// is a `formula-cell`.
    fn checks_places(&self, mandate: Mandate, circonscription: &str) -> bool {
        self.options.places
            && self.official.is_none()
            && !place::kinds(mandate).is_empty()
            && !circonscription.is_empty()
            // A value a spreadsheet would run is said once, as such.
            && !circonscription.starts_with(['=', '+', '-', '@'])
    }

    /// The name of a column as the file's header writes it, for messages.
    fn column_name(&self, field: Field) -> String {
        self.columns
            .get(field)
            .and_then(|p| self.header.get(p))
            .cloned()
            .unwrap_or_else(|| field.name().to_string())
    }

    /// The checks that concern any value, whatever its column: length,
    /// control characters, encoding, formulas. Returns the row as text, its
    /// fields' bounds in `self.bounds`, or `None` after an error.
    fn check_values<'r>(
        &self,
        bytes: &'r [u8],
        bounds: &[(usize, usize)],
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<&'r str> {
        let path = &self.path;
        // The whole row at once first: nearly every row passes.
        let text = simdutf8::basic::from_utf8(bytes).ok();
        // Without a branch per byte, so that it runs on whole vectors.
        let control = bytes.iter().fold(false, |bad, b| {
            bad | ((*b < 0x20) & (*b != b'\t') & (*b != b'\r') & (*b != b'\n'))
        });
        let suspicious = bytes.len() > MAX_FIELD_BYTES
            || control
            // A character cut between two fields is valid in the whole row.
            || text.is_none_or(|t| !bounds.iter().all(|(start, _)| t.is_char_boundary(*start)));
        let formula = |position: usize| {
            bounds
                .get(position)
                .is_some_and(|(start, end)| start < end && starts_a_formula(bytes[*start]))
        };
        if !suspicious && !self.formula_columns.iter().any(|p| formula(*p)) {
            return text;
        }
        let mut good = true;
        for (position, (start, end)) in bounds.iter().enumerate() {
            let raw = &bytes[*start..*end];
            let column = || self.header[position].clone();
            if self.formula_columns.contains(&position) && formula(position) {
                let text = String::from_utf8_lossy(raw);
                diagnostics.push(
                    Diagnostic::warning(
                        path,
                        line,
                        Code::FormulaCell,
                        msg!(
                            StartsLikeFormula,
                            text.chars().take(40).collect::<String>(),
                            (raw[0] as char).escape_default().to_string()
                        ),
                    )
                    .column(column())
                    .hint(msg!(RemoveLeadingCharacter)),
                );
            }
            if !suspicious {
                continue;
            }
            // The first thing wrong with the value, if any: an error.
            let wrong = if raw.len() > MAX_FIELD_BYTES {
                Some((
                    Code::MalformedCsv,
                    msg!(ValueTooLong, raw.len(), MAX_FIELD_BYTES),
                    msg!(QuoteLeftOpen),
                ))
            } else if let Some(control) = raw
                .iter()
                .find(|b| b.is_ascii_control() && !matches!(b, b'\t' | b'\r' | b'\n'))
            {
                Some((
                    Code::MalformedCsv,
                    msg!(ControlCharacter, format!("0x{control:02X}")),
                    msg!(BinaryOrCorrupted),
                ))
            } else if let Err(e) = std::str::from_utf8(raw) {
                if let Some(utf8_line) = self.utf8_line {
                    // Once per row, not per value.
                    if good {
                        diagnostics.push(mixed_encodings(path, utf8_line, line).column(column()));
                    }
                    good = false;
                    continue;
                }
                Some((
                    Code::Encoding,
                    msg!(ValueNotUtf8, e.valid_up_to() + 1),
                    msg!(SaveAsCsvUtf8OrReadWindows1252),
                ))
            } else {
                None
            };
            if let Some((code, message, hint)) = wrong {
                good = false;
                diagnostics.push(
                    Diagnostic::error(path, line, code, message)
                        .column(column())
                        .hint(hint),
                );
            }
        }
        if good { text } else { None }
    }

    /// The entry of a row, `bytes` split at `bounds`, if it has no error.
    fn parse<'a>(
        &'a mut self,
        bytes: &'a [u8],
        bounds: &[(usize, usize)],
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Entry<'a>> {
        if bounds.len() != self.header.len() {
            diagnostics.push(
                Diagnostic::error(
                    &self.path,
                    line,
                    Code::MalformedCsv,
                    msg!(FieldCount, bounds.len(), self.header.len()),
                )
                .hint(msg!(QuoteTheSeparator)),
            );
            return None;
        }
        let text = self.check_values(bytes, bounds, line, diagnostics)?;
        let columns = &self.columns;
        let values: [&'a str; Field::ALL.len()] = Field::ALL.map(|field| {
            columns
                .get(field)
                .and_then(|p| bounds.get(p))
                .map_or("", |(start, end)| trim(&text[*start..*end]))
        });
        let get = |field: Field| values[field.index()];
        let before = diagnostics.len();
        // Each column read in turn, its problems said in this order.
        let status = self.status_of(get(Field::Status), line, diagnostics);
        if get(Field::Candidate).is_empty() && self.options.candidate.is_none() {
            self.error(
                diagnostics,
                line,
                Field::Candidate,
                Code::MissingValue,
                msg!(NoCandidate),
                Some(msg!(WriteTheCandidate)),
            );
        }
        // Spaces inside names are tidied by `next_row` only: keys fold
        // them away, so the fast path need not.
        let (last_name, first_name) = (get(Field::LastName), get(Field::FirstName));
        for (field, name, missing) in [
            (Field::LastName, last_name, msg!(NoLastName)),
            (Field::FirstName, first_name, msg!(NoFirstName)),
        ] {
            if name.is_empty() {
                self.error(diagnostics, line, field, Code::MissingValue, missing, None);
            }
        }
        let mandate = self.mandate_of(get(Field::Mandate), line, diagnostics);
        let department = self.department_of(mandate, get(Field::Department), line, diagnostics);
        let civility = self.civility_of(get(Field::Civility), line, diagnostics);
        let dates = [Field::ClaimedOn, Field::PublishedOn]
            .map(|field| self.date_of(field, get(field), line, diagnostics));
        let candidate = match (get(Field::Candidate), &self.options.candidate) {
            ("", Some(default)) => default.as_str(),
            (name, _) => name,
        };
        // The status and its dates are judged even when another column is
        // wrong: every problem of a row is said at once.
        let dated = DatedStatus {
            status,
            claimed_on: dates[0],
            published_on: dates[1],
        };
        for problem in entry_problems(&dated, &self.options.election, self.options.today) {
            diagnostics.push(Diagnostic {
                file: Arc::clone(&self.path),
                line,
                column: Some(self.column_name(problem.field)),
                severity: problem.severity,
                code: problem.code,
                message: problem.message,
                hint: problem.hint,
            });
        }
        let (Some(status), Some(mandate), Some(department)) = (status, mandate, department) else {
            return None;
        };
        if diagnostics[before..].iter().any(Diagnostic::is_error) {
            return None;
        }
        let entry = Sponsorship {
            status,
            candidate,
            civility,
            last_name,
            first_name,
            mandate,
            circonscription: get(Field::Circonscription),
            department,
            claimed_on: dates[0],
            published_on: dates[1],
            source: get(Field::Source),
            notes: get(Field::Notes),
        };
        // A publication's places are the Conseil's own spelling.
        if self.checks_places(mandate, entry.circonscription)
            && !place::is_plainly_found(mandate, department, entry.circonscription, communes())
        {
            let key = &mut self.place_key;
            key.clear();
            key.push_str(mandate.code());
            key.push('\u{1f}');
            key.push_str(department.code);
            key.push('\u{1f}');
            key.push_str(entry.circonscription);
            let problem = self.places.get(key, |_| {
                place::place_problem(mandate, department, entry.circonscription, communes())
            });
            diagnostics.extend(problem.map(|problem| Diagnostic {
                file: Arc::clone(&self.path),
                line,
                column: Some(self.column_name(problem.field)),
                severity: problem.severity,
                code: problem.code,
                message: problem.message,
                hint: problem.hint,
            }));
        }
        Some(entry)
    }

    /// Says a problem with `field` on `line`.
    #[cold]
    fn error(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        line: u64,
        field: Field,
        code: Code,
        message: Message,
        hint: Option<Message>,
    ) {
        let mut diagnostic =
            Diagnostic::error(&self.path, line, code, message).column(self.column_name(field));
        diagnostic.hint = hint;
        diagnostics.push(diagnostic);
    }

    /// The status column: every row of a publication is validated.
    #[inline]
    fn status_of(&mut self, text: &str, line: u64, diagnostics: &mut Vec<Diagnostic>) -> Option<Status> {
        if self.official.is_some() {
            return Some(Status::Validated);
        }
        if text.is_empty() {
            self.error(
                diagnostics,
                line,
                Field::Status,
                Code::MissingValue,
                msg!(NoStatus),
                Some(Status::hint("")),
            );
            return None;
        }
        let status = self.statuses.get(text, |t| t.parse::<Status>().ok());
        if status.is_none() {
            let hint = Status::hint(text);
            self.error(
                diagnostics,
                line,
                Field::Status,
                Code::UnknownStatus,
                msg!(UnknownStatus, text),
                Some(hint),
            );
        }
        status
    }

    /// The mandate column, read by the publication's labels or ours.
    #[inline]
    fn mandate_of(&mut self, text: &str, line: u64, diagnostics: &mut Vec<Diagnostic>) -> Option<Mandate> {
        if text.is_empty() {
            self.error(
                diagnostics,
                line,
                Field::Mandate,
                Code::MissingValue,
                msg!(NoMandate),
                Some(Mandate::hint("")),
            );
            return None;
        }
        let official = self.official;
        match self.mandates.get(text, |t| match official {
            Some(publication) => publication.mandate(t),
            None => official::parse_mandate(t),
        }) {
            Ok(mandate) => Some(mandate),
            Err(MandateError::Ineligible(why)) => {
                self.error(
                    diagnostics,
                    line,
                    Field::Mandate,
                    Code::IneligibleMandate,
                    msg!(CannotSponsorACandidate, text, Message::new(why)),
                    Some(msg!(OnlyTheLawsMandates)),
                );
                None
            }
            Err(MandateError::Unknown) => {
                let (message, hint) = match official {
                    // The publication is right by definition: the tool
                    // is behind it, and says so rather than miscount.
                    Some(publication) => (
                        msg!(UnknownOfficialLabel, text, publication.title()),
                        msg!(ReportTheLabel),
                    ),
                    None => (msg!(UnknownMandate, text), Mandate::hint(text)),
                };
                self.error(
                    diagnostics,
                    line,
                    Field::Mandate,
                    Code::UnknownMandate,
                    message,
                    Some(hint),
                );
                None
            }
        }
    }

    /// The département column, and the unit the sponsor counts in (see
    /// [`attribute`](Self::attribute)).
    #[inline]
    fn department_of(
        &mut self,
        mandate: Option<Mandate>,
        text: &str,
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<&'static Department> {
        let found = if text.is_empty() {
            None
        } else {
            let publication = self.official;
            let found = self.departments.get(text, |t| {
                let unit = match publication {
                    Some(publication) => publication.department(t),
                    None => Department::lookup(t),
                };
                unit.map(|unit| (unit, official::is_shared_constituency(t)))
            });
            if found.is_some_and(|(_, shared)| shared) {
                self.shared_constituency += 1;
            }
            let found = found.map(|(unit, _)| unit);
            if found.is_none() {
                self.error(
                    diagnostics,
                    line,
                    Field::Department,
                    Code::UnknownDepartment,
                    msg!(UnknownDepartement, text),
                    Some(Department::hint(text)),
                );
            }
            found
        };
        match mandate {
            Some(mandate) if text.is_empty() || found.is_some() => {
                self.attribute(mandate, found, text, line, diagnostics)
            }
            _ => None,
        }
    }

    /// The civility column: a civility not known is a warning, kept as
    /// written.
    #[inline]
    fn civility_of<'t>(
        &mut self,
        text: &'t str,
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<&'t str> {
        if text.is_empty() {
            return None;
        }
        let publication = self.official;
        let known = self.civilities.get(text, |t| {
            publication
                .and_then(|p| p.civility(t))
                .or_else(|| crate::rules::civility::civility(t))
        });
        if known.is_none() {
            diagnostics.push(
                Diagnostic::warning(
                    &self.path,
                    line,
                    Code::UnknownCivility,
                    msg!(UnknownCivility, text),
                )
                .column(self.column_name(Field::Civility))
                .hint(msg!(WriteCivility)),
            );
        }
        Some(known.unwrap_or(text))
    }

    /// A date column, written as the publication writes dates, or ISO.
    #[inline]
    fn date_of(
        &mut self,
        field: Field,
        text: &str,
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<NaiveDate> {
        if text.is_empty() {
            return None;
        }
        let publication = self.official;
        match self.dates.get(text, |t| match publication {
            Some(publication) => publication.date(t).ok_or_else(|| match parse_date(t, true) {
                // Written as the format writes dates, but no such day.
                Err(error) if publication.dates == DateForm::DayMonthYear => error,
                _ => DateError {
                    message: msg!(NotADateAsWritten, t, publication.title()),
                    hint: Some(msg!(ItWritesDates, publication.date_example())),
                },
            }),
            None => parse_date(t, false),
        }) {
            Ok(day) => Some(day),
            Err(DateError { message, hint }) => {
                self.error(diagnostics, line, field, Code::BadDate, message, hint);
                None
            }
        }
    }

    /// The unit a sponsor counts in: the law's fixed unit for MEPs and the
    /// French abroad, else the département column.
    fn attribute(
        &self,
        mandate: Mandate,
        found: Option<&'static Department>,
        text: &str,
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<&'static Department> {
        let column = || self.column_name(Field::Department);
        // The law decides (`Mandate::attribute`); here it is said.
        match mandate.attribute(found) {
            Attribution::Fixed {
                unit,
                written_otherwise,
            } => {
                if written_otherwise {
                    diagnostics.push(
                        Diagnostic::warning(
                            &self.path,
                            line,
                            Code::DepartmentMismatch,
                            msg!(CountsInFixedUnit, Arg::Mandate(mandate), unit.to_string(), text),
                        )
                        .column(column())
                        .hint(msg!(WriteUnitCode, unit.code)),
                    );
                }
                Some(unit)
            }
            Attribution::Missing => {
                diagnostics.push(
                    Diagnostic::error(&self.path, line, Code::MissingValue, msg!(NoDepartement))
                        .column(column())
                        .hint(msg!(WriteTheDepartement)),
                );
                None
            }
            Attribution::CannotSit(found) => {
                diagnostics.push(
                    Diagnostic::error(
                        &self.path,
                        line,
                        Code::DepartmentMismatch,
                        msg!(CannotBeElectedIn, Arg::Mandate(mandate), found.to_string()),
                    )
                    .column(column())
                    .hint(mandate.where_elected()),
                );
                None
            }
            Attribution::Written(unit) => Some(unit),
        }
    }
}

/// `text` without white space at its ends. Most values have none, and are
/// returned at once; the others go through `str::trim`, which knows every
/// Unicode space.
fn trim(text: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|b| *b > b' ' && b.is_ascii());
    // The last value of a CRLF row ends with its CR.
    let text = text.strip_suffix('\r').unwrap_or(text);
    let bytes = text.as_bytes();
    if bytes.is_empty() || plain(bytes.first()) && plain(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// A warning for each name the header gives twice: the first column of
/// that name is read, the other kept as it is.
fn duplicate_columns(path: &Arc<Path>, header: &[String]) -> Vec<Diagnostic> {
    // The columns sorted by folded name, so that repeats sit side by side:
    // a header can have millions of columns.
    let mut folded: Vec<(String, usize)> = header
        .iter()
        .enumerate()
        .map(|(i, name)| (fold(name), i))
        .filter(|(name, _)| !name.is_empty())
        .collect();
    folded.sort_unstable();
    let mut repeats: Vec<(usize, usize)> = Vec::new();
    for same in folded.chunk_by(|a, b| a.0 == b.0) {
        repeats.extend(same[1..].iter().map(|(_, i)| (same[0].1, *i)));
    }
    // One warning per name, naming its first few repeats.
    repeats.sort_unstable();
    repeats
        .chunk_by(|a, b| a.0 == b.0)
        .map(|same| {
            let first = same[0].0;
            let name = &header[first];
            let others: Vec<String> = same.iter().take(5).map(|(_, i)| (i + 1).to_string()).collect();
            let message = if same.len() > 5 {
                msg!(
                    ColumnNamedTwiceAndMore,
                    name,
                    first + 1,
                    others.join(", "),
                    same.len() - 5
                )
            } else {
                msg!(ColumnNamedTwice, name, first + 1, others.join(", "))
            };
            Diagnostic::warning(path, 1, Code::DuplicateColumn, message)
                .column(name.clone())
                .hint(msg!(RenameTheOthers))
        })
        .collect()
}

/// The error for a header that is neither a campaign ledger's nor a known
/// publication's: it names every format the tool reads.
fn unknown_format(path: &Arc<Path>, container: Container) -> Diagnostic {
    let what = match container {
        Container::Csv => msg!(NotALedgerHeader),
        Container::Json => msg!(NotAPublicationsKeys),
    };
    Diagnostic::error(
        path,
        1,
        Code::MissingColumn,
        msg!(KnownFormatsAre, what, official::known_formats()),
    )
    .column(Field::Status.name())
    .hint(msg!(NewCampaignLedgerHeader, new_header().join(",")))
}

/// The columns of a new ledger's header.
/// A file that holds UTF-8 on `utf8_line` and another encoding on `line`:
/// no one reading of it is right, so nothing in it is guessed.
fn mixed_encodings(path: &Arc<Path>, utf8_line: u64, line: u64) -> Diagnostic {
    Diagnostic::error(path, line, Code::Encoding, msg!(MixedEncodings, utf8_line)).hint(msg!(SaveWholeAsUtf8))
}

pub fn new_header() -> Vec<&'static str> {
    Field::ALL.iter().map(|f| f.name()).collect()
}

#[derive(Debug, Clone)]
pub struct DateError {
    pub message: Message,
    pub hint: Option<Message>,
}

/// Reads `YYYY-MM-DD`; the official files write `dd/mm/yyyy`, accepted there.
pub fn parse_date(text: &str, official: bool) -> Result<NaiveDate, DateError> {
    match crate::rules::election::read_day(text) {
        Ok((date, DayForm::French)) if !official => Err(DateError {
            message: msg!(WrittenDayFirst, text),
            hint: Some(msg!(WriteItIso, date.format("%Y-%m-%d").to_string())),
        }),
        Ok((date, _)) => Ok(date),
        Err(not) => Err(DateError {
            message: not.into(),
            hint: Some(msg!(WriteDatesIso)),
        }),
    }
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
