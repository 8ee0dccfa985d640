//! Reading a whole ledger: every file of it, a large file in parts on all
//! cores, each good entry handed to a [`Collector`] (the tally of `report`,
//! the registry of `check`), the parts' collections then joined in reading
//! order, so that the result is the same as one pass from the first row to
//! the last.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::columns::Format;
use super::read::{LedgerReader, OpenError, ReadOptions, expand, expand_noting};
use crate::diagnostic::{Code, Diagnostic, Log};
use crate::engine::collect::Collector;
use crate::engine::parts::{Span, cut, lines_at, threads};
use crate::engine::registry::{Registry, RowStart};
use crate::ledger::encoding::TextEncoding;
use crate::message::{Arg, Message};
use crate::msg;
use crate::rules::identity::{FindingKind, Location};
use crate::sponsorship::{Entry, Sponsorship};

/// What a scan of one or more ledger files found.
#[derive(Debug)]
pub struct Scan<'s> {
    /// Every problem found, as the log keeps or passes them on.
    pub log: Log<'s>,
    /// Files that could not be read at all (exit 2).
    pub unreadable: Vec<Message>,
    pub files: usize,
    pub rows: u64,
    /// Rows whose département is the constituency of Saint-Martin and
    /// Saint-Barthélemy, counted under 978 (RULES.md §5).
    pub shared_constituency: u64,
    /// The file of each part, by part number.
    parts: Vec<Arc<Path>>,
}

impl<'s> Scan<'s> {
    fn new(log: Log<'s>) -> Scan<'s> {
        Scan {
            log,
            unreadable: Vec::new(),
            files: 0,
            rows: 0,
            shared_constituency: 0,
            parts: Vec::new(),
        }
    }

    pub fn errors(&self) -> u64 {
        self.log.errors()
    }

    pub fn warnings(&self) -> u64 {
        self.log.warnings()
    }

    /// The file a part was read from.
    pub fn file_of(&self, part: u16) -> &Arc<Path> {
        &self.parts[usize::from(part)]
    }
}

/// Reads every file of a ledger, checks each row, and hands each good entry
/// to a collector; every problem goes to `log`.
pub fn scan<'s, C: Collector>(paths: &[PathBuf], options: &ReadOptions, log: Log<'s>) -> (Scan<'s>, C) {
    scan_groups(&[(paths, options)], log)
}

/// [`scan`] for groups of paths, each read with its own options (files
/// under different settings): one collection for all, so that what
/// concerns several rows is found across the groups too.
pub fn scan_groups<'s, C: Collector>(groups: &[(&[PathBuf], &ReadOptions)], log: Log<'s>) -> (Scan<'s>, C) {
    let mut result = Scan::new(log);
    let mut collected: Option<C> = None;
    for (paths, options) in groups {
        let files = match expand_noting(paths) {
            Ok((files, notes)) => {
                result.log.extend(notes);
                files
            }
            Err(message) => {
                result.unreadable.push(message.into());
                continue;
            }
        };
        for path in files {
            for part in read_file::<C>(&path, options, &mut result) {
                match &mut collected {
                    None => collected = Some(part),
                    Some(all) => all.absorb(part),
                }
            }
        }
    }
    (result, collected.unwrap_or_default())
}

/// Reads every good entry of a ledger in reading order, on one thread,
/// and hands each to `each`, as it stood on `options.as_of` if that is
/// set: for the few details a report needs that the tally does not keep.
/// Problems were reported by the scan before; here they are passed over.
pub fn each_entry(paths: &[PathBuf], options: &ReadOptions, mut each: impl FnMut(&Entry)) -> Vec<Diagnostic> {
    each_entry_at(paths, options, |_, _, _, entry| each(entry))
}

/// [`each_entry`], with the file, its format and the line of each entry.
/// Returns the errors of the rows it could not read, for the callers that
/// have not checked the files before.
pub fn each_entry_at(
    paths: &[PathBuf],
    options: &ReadOptions,
    each: impl FnMut(&Arc<Path>, Format, u64, &Entry),
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    each_entry_noting(paths, options, each, |error| errors.push(error));
    errors
}

/// [`each_entry_at`], each error of a row that cannot be read handed to
/// `error` as it is found, in file order: none is held.
pub fn each_entry_noting(
    paths: &[PathBuf],
    options: &ReadOptions,
    mut each: impl FnMut(&Arc<Path>, Format, u64, &Entry),
    mut error: impl FnMut(Diagnostic),
) {
    let files = match expand(paths) {
        Ok(files) => files,
        Err(message) => {
            let path: Arc<Path> = Arc::from(paths.first().map_or(Path::new("."), PathBuf::as_path));
            error(Diagnostic::error(&path, 1, Code::MalformedCsv, message));
            return;
        }
    };
    let mut found = Vec::new();
    for path in files {
        let mut reader = match LedgerReader::open(&path, options) {
            Ok(reader) => reader,
            Err(OpenError::Invalid(diagnostics)) => {
                diagnostics
                    .into_iter()
                    .filter(Diagnostic::is_error)
                    .for_each(&mut error);
                continue;
            }
            Err(OpenError::Unreadable(message)) => {
                error(Diagnostic::error(
                    &Arc::from(path.as_path()),
                    1,
                    Code::MalformedCsv,
                    message,
                ));
                continue;
            }
        };
        let (file, format) = (Arc::clone(&reader.path), reader.format);
        while let Some((at, entry)) = reader.next_entry(&mut found) {
            found.drain(..).filter(Diagnostic::is_error).for_each(&mut error);
            let entry = match options.as_of {
                Some(day) => entry.and_then(|e| e.as_of(day)),
                None => entry,
            };
            if let Some(entry) = entry {
                each(&file, format, at.line, &entry);
            }
        }
        found.drain(..).filter(Diagnostic::is_error).for_each(&mut error);
    }
}

fn read_file<C: Collector>(path: &Path, options: &ReadOptions, result: &mut Scan) -> Vec<C> {
    let mut layout = match LedgerReader::open(path, options) {
        Ok(reader) => reader,
        Err(OpenError::Unreadable(message)) => {
            result.unreadable.push(message.into());
            return Vec::new();
        }
        Err(OpenError::Invalid(diagnostics)) => {
            result.files += 1;
            result.log.extend(diagnostics);
            return Vec::new();
        }
    };
    result.files += 1;
    result.log.extend(layout.notes.drain(..));
    let cores = threads();
    let spans = match layout.encoding {
        // Files of CR line ends are cut and counted by LF elsewhere: one part.
        TextEncoding::Utf8 if cores > 1 && layout.format.reads_file_bytes() && !layout.dialect.cr => {
            cut(path, cores).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let first_part = result.parts.len();
    if first_part + spans.len().max(1) > usize::from(u16::MAX) {
        result.unreadable.push(msg!(TooManyLedgerFiles, path));
        return Vec::new();
    }
    if spans.len() >= 2 {
        match read_in_parts::<C>(path, &layout, &spans, options, first_part as u16) {
            Ok(Some(parts)) => {
                let mut collectors = Vec::with_capacity(parts.len());
                for (collector, diagnostics, counts) in parts {
                    result.parts.push(Arc::clone(&layout.path));
                    result.log.extend(diagnostics);
                    result.add(counts);
                    collectors.push(collector);
                }
                return collectors;
            }
            // A cut inside a quoted value, or parts with more problems than
            // they may hold: the file is read in one part, its problems
            // handed to the log as they are found.
            Ok(None) => {}
            Err(e) => {
                result
                    .unreadable
                    .push(msg!(FileSaid, path, Message::verbatim(e.to_string())));
                return Vec::new();
            }
        }
    }
    // One part, read with the reader that read the header.
    result.parts.push(Arc::clone(&layout.path));
    let log = &mut result.log;
    let (collector, counts, _) = read_part::<C, _>(&mut layout, first_part as u16, &mut |d| {
        log.push(d);
        true
    });
    result.add(counts);
    vec![collector]
}

/// What a part gives: its collection, its diagnostics, its counts.
type PartOutcome<C> = (C, Vec<Diagnostic>, Counts);

/// The rows of a part, and those of them whose département is the
/// constituency of Saint-Martin and Saint-Barthélemy.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    rows: u64,
    shared_constituency: u64,
}

impl Scan<'_> {
    fn add(&mut self, counts: Counts) {
        self.rows += counts.rows;
        self.shared_constituency += counts.shared_constituency;
    }
}

/// Reads the parts of a file, one thread each. Each part counts its lines
/// from 1; they are moved once every part knows how many it read.
///
/// A cut is just after a line end, but that line end may be inside a
/// quoted value. The first part starts on a row; a part that starts on a
/// row and ends on a row's end leaves the next one starting on a row. So
/// if every part but the last ends on a row's end, every part was read as
/// one pass would read it; else `None`, and the parts are thrown away.
fn read_in_parts<C: Collector>(
    path: &Path,
    layout: &LedgerReader,
    spans: &[Span],
    options: &ReadOptions,
    first_part: u16,
) -> std::io::Result<Option<Vec<PartOutcome<C>>>> {
    let shape = layout.layout();
    let header_end = (layout.row_end(), layout.next_line());
    let outcomes: Vec<std::io::Result<(PartOutcome<C>, u64, bool)>> = std::thread::scope(|scope| {
        let shape = &shape;
        let handles: Vec<_> = spans
            .iter()
            .enumerate()
            .map(|(i, span)| {
                let span = *span;
                scope.spawn(move || -> std::io::Result<(PartOutcome<C>, u64, bool)> {
                    // The first part starts after the header, which `layout` read.
                    let (start, line) = if i == 0 { header_end } else { (span.start, 1) };
                    let mut file = File::open(path)?;
                    file.seek(SeekFrom::Start(start))?;
                    let input = file.take(span.end.saturating_sub(start));
                    let part = first_part + i as u16;
                    let mut reader = LedgerReader::resume(shape, input, options, line, start);
                    // A part holds a bounded number of problems; past
                    // that, the file is read again in one part.
                    let mut diagnostics = Vec::new();
                    let (collector, rows, lines) = read_part::<C, _>(&mut reader, part, &mut |d| {
                        diagnostics.push(d);
                        diagnostics.len() <= PART_DIAGNOSTICS
                    });
                    let whole = reader.ended_on_a_row_end() && diagnostics.len() <= PART_DIAGNOSTICS;
                    Ok(((collector, diagnostics, rows), lines, whole))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a reading thread failed")))
            })
            .collect()
    });
    let last = outcomes.len() - 1;
    let mut parts = Vec::with_capacity(outcomes.len());
    let mut lines_before = 0;
    for (i, outcome) in outcomes.into_iter().enumerate() {
        let ((collector, mut diagnostics, rows), lines, whole) = outcome?;
        if !whole && (i < last || diagnostics.len() > PART_DIAGNOSTICS) {
            return Ok(None);
        }
        if lines_before > 0 {
            for diagnostic in &mut diagnostics {
                diagnostic.line += lines_before;
            }
        }
        lines_before += lines;
        parts.push((collector, diagnostics, rows));
    }
    Ok(Some(parts))
}

/// The most problems a part read beside others holds; a file with more
/// is read again in one part, its problems passed on as they are found.
const PART_DIAGNOSTICS: usize = 10_000;

/// Reads a part to its end: its collection, counts, and the number of line
/// ends it read (to number the lines of the next part). Each problem goes
/// to `found`, which says whether to go on (a part read beside others
/// stops once it holds too many).
fn read_part<C: Collector, R: Read>(
    reader: &mut LedgerReader<R>,
    part: u16,
    found: &mut dyn FnMut(Diagnostic) -> bool,
) -> (C, Counts, u64) {
    let mut collector = C::default();
    let mut diagnostics = Vec::new();
    let mut rows = 0;
    let official = reader.format.is_official();
    let as_of = reader.as_of();
    let mut going = true;
    while going && let Some((at, entry)) = reader.next_entry(&mut diagnostics) {
        for diagnostic in diagnostics.drain(..) {
            going &= found(diagnostic);
        }
        rows += 1;
        let entry = match as_of {
            Some(day) => entry.and_then(|entry| entry.as_of(day)),
            None => entry,
        };
        if let Some(entry) = entry {
            let start = RowStart {
                part,
                offset: at.offset,
            };
            collector.collect(&entry, start, official);
        }
    }
    for diagnostic in diagnostics.drain(..).chain(reader.closing_note()) {
        found(diagnostic);
    }
    collector.seal();
    let lines = reader.next_line() - 1;
    let counts = Counts {
        rows,
        shared_constituency: reader.shared_constituency_rows(),
    };
    (collector, counts, lines)
}

/// The registry's findings as diagnostics, each naming the official and the
/// earlier row. The rows concerned are read again, from their offsets, and
/// their lines counted.
pub fn findings(registry: &Registry, result: &Scan, options: &ReadOptions) -> Vec<Diagnostic> {
    findings_with(registry, result, &|_| options)
}

/// [`findings`], each file's rows read with the options `options_of` gives.
pub fn findings_with<'o>(
    registry: &Registry,
    result: &Scan,
    options_of: &dyn Fn(&Path) -> &'o ReadOptions,
) -> Vec<Diagnostic> {
    let judgements = registry.judge(threads());
    if judgements.is_empty() {
        return Vec::new();
    }
    // The parts of one file share its path, and offsets are the file's.
    let mut wanted: FxHashMap<&Arc<Path>, Vec<u64>> = FxHashMap::default();
    for j in &judgements {
        for at in [j.later, j.first] {
            wanted.entry(result.file_of(at.part)).or_default().push(at.offset);
        }
    }
    // A publication of the Conseil is not ours to change: its findings get
    // no command.
    let official: FxHashMap<&Arc<Path>, bool> = wanted
        .keys()
        .map(|file| {
            let is_official =
                LedgerReader::open(file, options_of(file)).is_ok_and(|r| r.format.is_official());
            (*file, is_official)
        })
        .collect();
    let mut rows: FxHashMap<(&Arc<Path>, u64), (u64, Sponsorship)> = FxHashMap::default();
    for (file, mut offsets) in wanted {
        offsets.sort_unstable();
        offsets.dedup();
        rows.extend(
            rows_at(file, &offsets, options_of(file))
                .into_iter()
                .map(|(offset, row)| ((file, offset), row)),
        );
    }
    judgements
        .iter()
        .filter_map(|j| {
            let row = |at: RowStart| {
                let file = result.file_of(at.part);
                rows.get(&(file, at.offset)).map(|(line, entry)| {
                    let location = Location {
                        file: Arc::clone(file),
                        line: *line,
                    };
                    (entry, location)
                })
            };
            let (later, later_at) = row(j.later)?;
            let (first, first_at) = row(j.first)?;
            let diagnostic = describe_finding(j.kind, later, &later_at, first, &first_at);
            Some(if official.get(&later_at.file).copied().unwrap_or(false) {
                diagnostic.hint(msg!(PublicationReadOnly))
            } else {
                diagnostic
            })
        })
        .collect()
}

/// The line and entry of the rows that start at `offsets` (in order) of
/// one file.
fn rows_at(path: &Path, offsets: &[u64], options: &ReadOptions) -> FxHashMap<u64, (u64, Sponsorship)> {
    let mut found = FxHashMap::default();
    each_row_at(path, offsets, options, |offset, line, entry| {
        found.insert(offset, (line, entry.tidied()));
    });
    found
}

/// The entries of the rows at `wanted` (sorted) of a scan's files, as the
/// scan read them (as of `options.as_of`), each handed to `each`: for the
/// few rows whose keys a count compares.
pub fn read_again(
    result: &Scan,
    options: &ReadOptions,
    wanted: &[RowStart],
    each: &mut dyn FnMut(RowStart, &Entry),
) {
    // The parts of one file share its path, and offsets are the file's.
    let mut by_file: Vec<(&Arc<Path>, Vec<u64>, Vec<u16>)> = Vec::new();
    for at in wanted {
        let file = result.file_of(at.part);
        match by_file.iter_mut().find(|(f, _, _)| Arc::ptr_eq(f, file)) {
            Some((_, offsets, parts)) => {
                offsets.push(at.offset);
                parts.push(at.part);
            }
            None => by_file.push((file, vec![at.offset], vec![at.part])),
        }
    }
    for (file, offsets, parts) in by_file {
        // Sorted by part then offset: by offset within a file.
        let part_of: FxHashMap<u64, u16> = offsets.iter().copied().zip(parts).collect();
        each_row_at(file, &offsets, options, |offset, _, entry| {
            let entry = match options.as_of {
                Some(day) => entry.as_of(day),
                None => Some(entry.clone()),
            };
            if let (Some(entry), Some(part)) = (entry, part_of.get(&offset)) {
                each(RowStart { part: *part, offset }, &entry);
            }
        });
    }
}

/// Hands `each` the offset, line and entry of the rows that start at
/// `offsets` (in order) of one file.
fn each_row_at(path: &Path, offsets: &[u64], options: &ReadOptions, mut each: impl FnMut(u64, u64, &Entry)) {
    let Ok(mut layout) = LedgerReader::open(path, options) else {
        return;
    };
    let mut ignored = Vec::new();
    if layout.encoding != TextEncoding::Utf8
        || !layout.format.reads_file_bytes()
        || layout.dialect.cr
        || offsets.len() > 100_000
    {
        // Offsets count decoded or converted bytes, or there are so many rows to find
        // (a few microseconds each) that one pass over the file is quicker.
        let wanted: rustc_hash::FxHashSet<u64> = offsets.iter().copied().collect();
        while let Some((at, entry)) = layout.next_entry(&mut ignored) {
            if let Some(entry) = entry
                && wanted.contains(&at.offset)
            {
                each(at.offset, at.line, &entry);
            }
        }
        return;
    }
    // Lines counted up to each row, then one reader moved from row to row.
    let (Ok(lines), Ok(file)) = (lines_at(path, offsets), File::open(path)) else {
        return;
    };
    let mut reader = LedgerReader::resume(&layout.layout(), file, options, 1, 0);
    for (offset, line) in offsets.iter().zip(lines) {
        if reader.seek_to(*offset, line).is_err() {
            continue;
        }
        if let Some((_, Some(entry))) = reader.next_entry(&mut ignored) {
            each(*offset, line, &entry);
        }
    }
}

/// A finding as a diagnostic on the later row, naming the official and the
/// earlier row.
pub fn describe_finding(
    kind: FindingKind,
    later: &Sponsorship,
    later_at: &Location,
    first: &Sponsorship,
    first_at: &Location,
) -> Diagnostic {
    let (file, line) = (&later_at.file, later_at.line);
    match kind {
        FindingKind::DuplicateSponsor => Diagnostic::error(
            file,
            line,
            Code::DuplicateSponsor,
            msg!(AlreadyInTheLedger, later, &first.candidate, first_at.to_string()),
        )
        .hint(msg!(RemoveThisRow, select_command("remove", later, later_at))),
        FindingKind::SeveralCandidates => Diagnostic::error(
            file,
            line,
            Code::SeveralCandidates,
            msg!(
                SponsorsTwoCandidates,
                later,
                &later.candidate,
                &first.candidate,
                first_at.to_string()
            ),
        )
        .hint(msg!(
            WithdrawTheOlder,
            format!("{} --status withdrawn", select_command("update", first, first_at))
        )),
        FindingKind::PossibleDuplicate => {
            let (last, first_name, unit) =
                (&later.last_name, &later.first_name, later.department.to_string());
            let message = if first.circonscription.is_empty() {
                msg!(
                    AlsoTheMandate,
                    last,
                    first_name,
                    unit,
                    Arg::Mandate(first.mandate),
                    first_at.to_string()
                )
            } else {
                msg!(
                    AlsoTheMandateOf,
                    last,
                    first_name,
                    unit,
                    Arg::Mandate(first.mandate),
                    &first.circonscription,
                    first_at.to_string()
                )
            };
            Diagnostic::warning(file, line, Code::PossibleDuplicate, message).hint(msg!(
                KeepTheSignedMandate,
                select_command("remove", later, later_at)
            ))
        }
    }
}

/// `text` quoted for a POSIX shell, as a hint's command line gives it.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The command line that selects the entry at `at`: `update` or `remove`
/// with its ledger file, names and line.
pub fn select_command(command: &str, entry: &Sponsorship, at: &Location) -> String {
    // Quoted for a POSIX shell.
    format!(
        "parrainage -l {} {command} --last-name {} --first-name {} --line {}",
        shell_quote(&at.file.display().to_string()),
        shell_quote(&entry.last_name),
        shell_quote(&entry.first_name),
        at.line
    )
}
