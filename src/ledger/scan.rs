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
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::encoding::TextEncoding;
use crate::rules::identity::{FindingKind, Location, Registry, RowStart};
use crate::rules::tally::TallyBuilder;
use crate::sponsorship::{Entry, Sponsorship};

/// What gathers entries during a scan, one per part, joined at the end.
pub trait Collector: Default + Send {
    /// One good entry, read at `at`, in an official publication or not.
    fn collect(&mut self, entry: &Entry, at: RowStart, official: bool);
    /// The part is read: last work in its own thread.
    fn seal(&mut self) {}
    /// Takes in the collection of the part read after this one.
    fn absorb(&mut self, later: Self);
}

impl Collector for Registry {
    fn collect(&mut self, entry: &Entry, at: RowStart, official: bool) {
        self.record(entry, at, !official);
    }

    fn seal(&mut self) {
        Registry::seal(self);
    }

    fn absorb(&mut self, later: Registry) {
        Registry::absorb(self, later);
    }
}

impl Collector for TallyBuilder {
    fn collect(&mut self, entry: &Entry, _: RowStart, _: bool) {
        self.add(entry);
    }

    fn seal(&mut self) {
        TallyBuilder::seal(self);
    }

    fn absorb(&mut self, later: TallyBuilder) {
        TallyBuilder::absorb(self, later);
    }
}

/// What a scan of one or more ledger files found.
#[derive(Debug, Default)]
pub struct Scan {
    pub diagnostics: Vec<Diagnostic>,
    /// Files that could not be read at all (exit 2).
    pub unreadable: Vec<String>,
    pub files: usize,
    pub rows: u64,
    /// Rows whose département is the constituency of Saint-Martin and
    /// Saint-Barthélemy, counted under 978 (RULES.md §5).
    pub shared_constituency: u64,
    /// The file of each part, by part number.
    parts: Vec<Arc<Path>>,
}

impl Scan {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// The file a part was read from.
    pub fn file_of(&self, part: u16) -> &Arc<Path> {
        &self.parts[usize::from(part)]
    }
}

/// A file is read in parts only above this size: below, one core is quick
/// enough and threads would cost more than they save.
/// `PARRAINAGE_PART_BYTES` changes it, and `PARRAINAGE_THREADS` the number
/// of threads, so that tests can check that a file read in parts gives
/// exactly what it gives in one.
fn part_min_bytes() -> u64 {
    std::env::var("PARRAINAGE_PART_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(4 << 20)
}

pub fn threads() -> usize {
    std::env::var("PARRAINAGE_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .min(64)
}

/// Reads every file of a ledger, checks each row, and hands each good entry
/// to a collector.
pub fn scan<C: Collector>(paths: &[PathBuf], options: &ReadOptions) -> (Scan, C) {
    let mut result = Scan::default();
    let mut collected: Option<C> = None;
    let files = match expand_noting(paths) {
        Ok((files, notes)) => {
            result.diagnostics.extend(notes);
            files
        }
        Err(message) => {
            result.unreadable.push(message);
            return (result, C::default());
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
    mut each: impl FnMut(&Arc<Path>, Format, u64, &Entry),
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let files = match expand(paths) {
        Ok(files) => files,
        Err(message) => {
            let path: Arc<Path> = Arc::from(paths.first().map_or(Path::new("."), PathBuf::as_path));
            errors.push(Diagnostic::error(&path, 1, Code::MalformedCsv, message));
            return errors;
        }
    };
    let mut found = Vec::new();
    for path in files {
        let mut reader = match LedgerReader::open(&path, options) {
            Ok(reader) => reader,
            Err(OpenError::Invalid(diagnostics)) => {
                errors.extend(diagnostics.into_iter().filter(Diagnostic::is_error));
                continue;
            }
            Err(OpenError::Unreadable(message)) => {
                errors.push(Diagnostic::error(
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
            errors.extend(found.drain(..).filter(Diagnostic::is_error));
            let entry = match options.as_of {
                Some(day) => entry.and_then(|e| e.as_of(day)),
                None => entry,
            };
            if let Some(entry) = entry {
                each(&file, format, at.line, &entry);
            }
        }
        errors.extend(found.drain(..).filter(Diagnostic::is_error));
    }
    errors
}

/// One part of a file: its bytes.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u64,
    end: u64,
}

fn read_file<C: Collector>(path: &Path, options: &ReadOptions, result: &mut Scan) -> Vec<C> {
    let mut layout = match LedgerReader::open(path, options) {
        Ok(reader) => reader,
        Err(OpenError::Unreadable(message)) => {
            result.unreadable.push(message);
            return Vec::new();
        }
        Err(OpenError::Invalid(diagnostics)) => {
            result.files += 1;
            result.diagnostics.extend(diagnostics);
            return Vec::new();
        }
    };
    result.files += 1;
    result.diagnostics.append(&mut layout.notes);
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
        result
            .unreadable
            .push(format!("{}: too many ledger files in one run", path.display()));
        return Vec::new();
    }
    if spans.len() >= 2 {
        match read_in_parts::<C>(path, &layout, &spans, options, first_part as u16) {
            Ok(Some(parts)) => {
                let mut collectors = Vec::with_capacity(parts.len());
                for (collector, diagnostics, counts) in parts {
                    result.parts.push(Arc::clone(&layout.path));
                    result.diagnostics.extend(diagnostics);
                    result.add(counts);
                    collectors.push(collector);
                }
                return collectors;
            }
            // A cut inside a quoted value: the file is read in one part.
            Ok(None) => {}
            Err(e) => {
                result.unreadable.push(format!("{}: {e}", path.display()));
                return Vec::new();
            }
        }
    }
    // One part, read with the reader that read the header.
    result.parts.push(Arc::clone(&layout.path));
    let (collector, diagnostics, counts, _) = read_part::<C, _>(&mut layout, first_part as u16);
    result.diagnostics.extend(diagnostics);
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

impl Scan {
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
                    let (collector, diagnostics, rows, lines) = read_part::<C, _>(&mut reader, part);
                    Ok(((collector, diagnostics, rows), lines, reader.ended_on_a_row_end()))
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
        let ((collector, mut diagnostics, rows), lines, on_row_end) = outcome?;
        if !on_row_end && i < last {
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

/// Reads a part to its end: its collection, diagnostics, counts, and the
/// number of line ends it read (to number the lines of the next part).
fn read_part<C: Collector, R: Read>(
    reader: &mut LedgerReader<R>,
    part: u16,
) -> (C, Vec<Diagnostic>, Counts, u64) {
    let mut collector = C::default();
    let mut diagnostics = Vec::new();
    let mut rows = 0;
    let official = reader.format.is_official();
    let as_of = reader.as_of();
    while let Some((at, entry)) = reader.next_entry(&mut diagnostics) {
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
    collector.seal();
    let lines = reader.next_line() - 1;
    let counts = Counts {
        rows,
        shared_constituency: reader.shared_constituency_rows(),
    };
    (collector, diagnostics, counts, lines)
}

/// Cuts a file into `count` parts, each starting just after a line end,
/// for as many threads. Only a few KiB are read at each cut; whether a cut
/// fell inside a quoted value is known once the parts are read.
fn cut(path: &Path, count: usize) -> std::io::Result<Vec<Span>> {
    let size = std::fs::metadata(path)?.len();
    let min = part_min_bytes();
    if size < min * 2 {
        return Ok(Vec::new());
    }
    let count = count.min((size / min) as usize).max(1) as u64;
    let mut file = File::open(path)?;
    let mut block = vec![0u8; 1 << 16];
    let mut starts = vec![0u64];
    for k in 1..count {
        let mut at = (size * k / count).max(*starts.last().unwrap_or(&0));
        // The first line end at or after the share.
        let start = loop {
            file.seek(SeekFrom::Start(at))?;
            let read = file.read(&mut block)?;
            if read == 0 {
                break None;
            }
            if let Some(end) = memchr::memchr(b'\n', &block[..read]) {
                break Some(at + end as u64 + 1);
            }
            at += read as u64;
        };
        match start {
            Some(start) if start < size && start > *starts.last().unwrap_or(&0) => starts.push(start),
            _ => break,
        }
    }
    if starts.len() < 2 {
        return Ok(Vec::new());
    }
    let ends = starts.iter().skip(1).copied().chain(std::iter::once(size));
    Ok(starts
        .iter()
        .zip(ends)
        .map(|(start, end)| Span { start: *start, end })
        .collect())
}

/// The registry's findings as diagnostics, each naming the official and the
/// earlier row. The rows concerned are read again, from their offsets, and
/// their lines counted.
pub fn findings(registry: &Registry, result: &Scan, options: &ReadOptions) -> Vec<Diagnostic> {
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
    let mut rows: FxHashMap<(&Arc<Path>, u64), (u64, Sponsorship)> = FxHashMap::default();
    for (file, mut offsets) in wanted {
        offsets.sort_unstable();
        offsets.dedup();
        rows.extend(
            rows_at(file, &offsets, options)
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
            Some(describe_finding(j.kind, later, &later_at, first, &first_at))
        })
        .collect()
}

/// The line and entry of the rows that start at `offsets` (in order) of
/// one file.
fn rows_at(path: &Path, offsets: &[u64], options: &ReadOptions) -> FxHashMap<u64, (u64, Sponsorship)> {
    let mut found = FxHashMap::default();
    let Ok(mut layout) = LedgerReader::open(path, options) else {
        return found;
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
                found.insert(at.offset, (at.line, entry.tidied()));
            }
        }
        return found;
    }
    // Lines counted up to each row, then one reader moved from row to row.
    let (Ok(lines), Ok(file)) = (lines_at(path, offsets), File::open(path)) else {
        return found;
    };
    let mut reader = LedgerReader::resume(&layout.layout(), file, options, 1, 0);
    for (offset, line) in offsets.iter().zip(lines) {
        if reader.seek_to(*offset, line).is_err() {
            continue;
        }
        if let Some((_, Some(entry))) = reader.next_entry(&mut ignored) {
            found.insert(*offset, (line, entry.tidied()));
        }
    }
    found
}

/// The line of each byte offset of `offsets` (in order) of a file: one
/// more than the line ends before it, as readers count. Offsets past the
/// file's end get no line. The file is cut in one stretch per thread,
/// whose line ends are counted side by side.
fn lines_at(path: &Path, offsets: &[u64]) -> std::io::Result<Vec<u64>> {
    let last = offsets.last().copied().unwrap_or(0);
    // Below 4 MiB a file is counted on one thread.
    let stretches = threads().min(usize::try_from(last >> 22).unwrap_or(usize::MAX));
    lines_in_stretches(path, offsets, stretches.max(1))
}

fn lines_in_stretches(path: &Path, offsets: &[u64], count: usize) -> std::io::Result<Vec<u64>> {
    let size = std::fs::metadata(path)?.len();
    let last = offsets.last().map_or(0, |o| (*o).min(size));
    // Line ends in each stretch, before each of its offsets and in all.
    let stretches: Vec<std::io::Result<(Vec<u64>, u64)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..count)
            .map(|i| {
                let start = last / count as u64 * i as u64;
                let end = if i + 1 == count {
                    last
                } else {
                    last / count as u64 * (i as u64 + 1)
                };
                // An offset at the last stretch's end is its.
                let first = offsets.partition_point(|o| *o < start);
                let upto = offsets.partition_point(|o| *o < end || (i + 1 == count && *o == end));
                let offsets = &offsets[first..upto];
                scope.spawn(move || line_ends_before(path, start, end, offsets))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a counting thread failed")))
            })
            .collect()
    });
    let mut lines = Vec::with_capacity(offsets.len());
    let mut before = 0;
    for stretch in stretches {
        let (counts, total) = stretch?;
        lines.extend(counts.iter().map(|n| before + n + 1));
        before += total;
    }
    Ok(lines)
}

/// The line ends between `start` and each of `offsets` (in order, within
/// `start..=end`) of a file, and between `start` and `end`.
fn line_ends_before(path: &Path, start: u64, end: u64, offsets: &[u64]) -> std::io::Result<(Vec<u64>, u64)> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(start))?;
    let mut input = file.take(end - start);
    let mut buffer = vec![0u8; 1 << 18];
    let (mut position, mut line_ends) = (start, 0u64);
    let mut counts = Vec::with_capacity(offsets.len());
    loop {
        let read = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let chunk = &buffer[..read];
        let chunk_end = position + read as u64;
        let mut counted = 0;
        for offset in offsets[counts.len()..].iter().take_while(|o| **o <= chunk_end) {
            let upto = (offset - position) as usize;
            line_ends += memchr::memchr_iter(b'\n', &chunk[counted..upto]).count() as u64;
            counted = upto;
            counts.push(line_ends);
        }
        line_ends += memchr::memchr_iter(b'\n', &chunk[counted..]).count() as u64;
        position = chunk_end;
    }
    // Offsets at the very start of an empty stretch.
    counts.resize(offsets.len(), line_ends);
    Ok((counts, line_ends))
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
            format!(
                "{} is already in the ledger for {} at {first_at}",
                later.describe(),
                first.candidate
            ),
        )
        .hint(format!(
            "an official counts once: remove this row with `{}`",
            select_command("remove", later, later_at)
        )),
        FindingKind::SeveralCandidates => Diagnostic::error(
            file,
            line,
            Code::SeveralCandidates,
            format!(
                "{} sponsors {} here and {} at {first_at}: an official may sponsor only one candidate",
                later.describe(),
                later.candidate,
                first.candidate
            ),
        )
        .hint(format!(
            "if the official changed their mind, set the older entry's status: `{} --status withdrawn`",
            select_command("update", first, first_at)
        )),
        FindingKind::PossibleDuplicate => Diagnostic::warning(
            file,
            line,
            Code::PossibleDuplicate,
            format!(
                "{} {} in {} is also the {} at {first_at}: one person with two mandates, or a homonym?",
                later.last_name,
                later.first_name,
                later.department,
                describe_mandate(first)
            ),
        )
        .hint(format!(
            "one person sponsors once: if this is the same official, keep only the mandate they signed with \
             (`{}` removes this row)",
            select_command("remove", later, later_at)
        )),
    }
}

/// The command line that selects the entry at `at`: `update` or `remove`
/// with its ledger file, names and line.
pub fn select_command(command: &str, entry: &Sponsorship, at: &Location) -> String {
    // Quoted for a POSIX shell.
    let quote = |text: &str| format!("'{}'", text.replace('\'', r"'\''"));
    format!(
        "parrainage -l {} {command} --last-name {} --first-name {} --line {}",
        quote(&at.file.display().to_string()),
        quote(&entry.last_name),
        quote(&entry.first_name),
        at.line
    )
}

fn describe_mandate(s: &Sponsorship) -> String {
    if s.circonscription.is_empty() {
        s.mandate.code().to_string()
    } else {
        format!("{} of {}", s.mandate.code(), s.circonscription)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_just_after_line_ends_and_cover_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.csv");
        // 10.8 MB: above twice the default part size.
        let text: String = (0..900_000).map(|i| format!("row {i:07}\n")).collect();
        std::fs::write(&path, &text).unwrap();
        let spans = cut(&path, 3).unwrap();
        let bytes = text.as_bytes();
        assert_eq!(spans.len(), 2, "10.8 MB in parts of at least 4 MiB");
        assert_eq!(spans[0].start, 0);
        assert_eq!(spans.last().unwrap().end, bytes.len() as u64);
        for pair in spans.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert_eq!(bytes[pair[1].start as usize - 1], b'\n');
        }
    }

    #[test]
    fn lines_are_counted_alike_in_any_number_of_stretches() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lines.csv");
        let text: String = (0..500).map(|i| "x".repeat(i % 7) + "\n").collect();
        std::fs::write(&path, &text).unwrap();
        let offsets: Vec<u64> = (0..text.len() as u64)
            .step_by(5)
            .chain([text.len() as u64])
            .collect();
        let expected: Vec<u64> = offsets
            .iter()
            .map(|o| {
                1 + text.as_bytes()[..*o as usize]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count() as u64
            })
            .collect();
        for stretches in 1..=4 {
            let lines = lines_in_stretches(&path, &offsets, stretches).unwrap();
            assert_eq!(lines, expected, "{stretches} stretches");
        }
    }

    #[test]
    fn a_small_file_is_not_cut() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.csv");
        std::fs::write(&path, "a\nb\n").unwrap();
        assert!(cut(&path, 2).unwrap().is_empty());
    }
}
