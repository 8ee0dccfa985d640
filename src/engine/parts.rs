//! A large file cut into parts, one a core, each starting just after a line
//! end: the parts are read side by side and their results joined in
//! reading order.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// A file is read in parts only above this size: below, one core is quick
/// enough and threads would cost more than they save.
/// `PARRAINAGE_PART_BYTES` changes it, and `PARRAINAGE_THREADS` the number
/// of threads, so that tests can check that a file read in parts gives
/// exactly what it gives in one.
pub fn part_min_bytes() -> u64 {
    std::env::var("PARRAINAGE_PART_BYTES")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|n| *n > 0)
        // Bounded, so that the sizes computed from it cannot overflow.
        .map(|n| n.min(1 << 48))
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

/// One part of a file: its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub start: u64,
    pub end: u64,
}

/// Cuts a file into `count` parts, each starting just after a line end,
/// for as many threads. Only a few KiB are read at each cut; whether a cut
/// fell inside a quoted value is known once the parts are read.
pub fn cut(path: &Path, count: usize) -> std::io::Result<Vec<Span>> {
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

/// The line of each byte offset of `offsets` (in order) of a file: one
/// more than the line ends before it, as readers count. Offsets past the
/// file's end get no line. The file is cut in one stretch per thread,
/// whose line ends are counted side by side.
pub fn lines_at(path: &Path, offsets: &[u64]) -> std::io::Result<Vec<u64>> {
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
