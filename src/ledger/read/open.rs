//! Opening a ledger file and recognising what it is: UTF-16 or binary
//! refused, its encoding sniffed, a JSON publication turned into rows,
//! its separator, its header read and its format recognised.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use super::super::columns::{Columns, Field};
use super::super::dialect::Dialect;
use super::super::encoding::{Sniffed, TextEncoding, sniff_file, sniff_start};
use super::{LedgerReader, OpenError, ReadOptions, Unreadable, new_header, read_error};
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::records::Records;
use crate::msg;
use crate::official::{self, Container, json};
use crate::rules::fold::fold;

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
