//! Rows about to be added to a ledger: an import may add hundreds of
//! thousands. They are encoded as the ledger writes them and kept as bytes
//! in chunks of [`CHUNK`] bytes; past the first chunk, sealed chunks wait
//! in an anonymous temporary file, so that memory stays bounded whatever
//! their number. They are then read back in order, to be written and
//! listed.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};

use csv::ByteRecord;

use super::dialect::Dialect;

/// How many bytes of rows a chunk holds.
pub const CHUNK: usize = 1 << 20;

/// Rows encoded one after the other, each with where it comes from (its
/// line in a publication) and a tag (the candidate's name as published).
pub struct NewRows {
    dialect: Dialect,
    /// The chunk being written.
    writer: csv::Writer<Vec<u8>>,
    chunks: Vec<Chunk>,
    /// Where sealed chunks go, once the first is sealed; `None` keeps every
    /// chunk in memory (for a set bounded by the ledger's size).
    spill: Option<Spill>,
    rows: Vec<RowAt>,
    tags: Vec<String>,
}

/// An anonymous temporary file, and how much of it is written.
struct Spill {
    file: Option<File>,
    len: u64,
}

enum Chunk {
    Memory(Vec<u8>),
    Spilled { offset: u64, len: usize },
}

/// Where a row is: its origin, its chunk, its bytes there, its tag.
#[derive(Clone, Copy)]
struct RowAt {
    origin: u64,
    chunk: u32,
    start: u32,
    end: u32,
    tag: u32,
}

impl NewRows {
    /// Rows in `dialect`; with `spill`, chunks after the first go to a
    /// temporary file.
    pub fn new(dialect: Dialect, spill: bool) -> NewRows {
        NewRows {
            dialect,
            writer: chunk_writer(dialect),
            chunks: Vec::new(),
            spill: spill.then_some(Spill { file: None, len: 0 }),
            rows: Vec::new(),
            tags: Vec::new(),
        }
    }

    /// Encodes `record` as the next row.
    pub fn push(&mut self, record: &ByteRecord, origin: u64, tag: &str) -> io::Result<()> {
        if self.tags.last().is_none_or(|last| last != tag) {
            self.tags.push(tag.to_string());
        }
        let start = self.writer.get_ref().len();
        self.writer.write_byte_record(record)?;
        self.writer.flush()?;
        let end = self.writer.get_ref().len();
        self.rows.push(RowAt {
            origin,
            chunk: self.chunks.len() as u32,
            start: start as u32,
            end: end as u32,
            tag: (self.tags.len() - 1) as u32,
        });
        if end >= CHUNK {
            self.seal()?;
        }
        Ok(())
    }

    /// Moves the chunk being written to the chunks, or to the spill file.
    fn seal(&mut self) -> io::Result<()> {
        let full = std::mem::replace(&mut self.writer, chunk_writer(self.dialect));
        let bytes = full.into_inner().map_err(|e| e.into_error())?;
        let chunk = match &mut self.spill {
            // The first chunk stays in memory: most imports need no file.
            Some(spill) if !self.chunks.is_empty() => {
                let file = match &mut spill.file {
                    Some(file) => file,
                    None => spill.file.insert(tempfile::tempfile()?),
                };
                file.write_all(&bytes)?;
                let offset = spill.len;
                spill.len += bytes.len() as u64;
                Chunk::Spilled {
                    offset,
                    len: bytes.len(),
                }
            }
            _ => Chunk::Memory(bytes),
        };
        self.chunks.push(chunk);
        Ok(())
    }

    /// The rows, done: the last chunk stays in memory.
    pub fn finish(mut self) -> io::Result<Sealed> {
        let bytes = std::mem::replace(&mut self.writer, chunk_writer(self.dialect))
            .into_inner()
            .map_err(|e| e.into_error())?;
        self.chunks.push(Chunk::Memory(bytes));
        Ok(Sealed {
            chunks: self.chunks,
            spill: self.spill.and_then(|s| s.file),
            rows: self.rows,
            tags: self.tags,
        })
    }
}

fn chunk_writer(dialect: Dialect) -> csv::Writer<Vec<u8>> {
    dialect.writer_into(Vec::with_capacity(CHUNK + CHUNK / 8))
}

/// A set of rows, done.
pub struct Sealed {
    chunks: Vec<Chunk>,
    spill: Option<File>,
    rows: Vec<RowAt>,
    tags: Vec<String>,
}

/// Two sets of rows, each in order of origin, merged by origin: the rows
/// known as a publication is read, and those known at its end.
pub struct Merged {
    sets: [Sealed; 2],
    /// (set, index in the set), in order of origin.
    order: Vec<(u8, u32)>,
}

impl Merged {
    pub fn new(first: Sealed, second: Sealed) -> Merged {
        let (a, b) = (&first.rows, &second.rows);
        let mut order = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if j == b.len() || (i < a.len() && a[i].origin < b[j].origin) {
                order.push((0, i as u32));
                i += 1;
            } else {
                order.push((1, j as u32));
                j += 1;
            }
        }
        Merged {
            sets: [first, second],
            order,
        }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    fn row(&self, k: usize) -> (&Sealed, RowAt) {
        let (set, i) = self.order[k];
        let set = &self.sets[usize::from(set)];
        (set, set.rows[i as usize])
    }

    /// Each row's origin and tag, in order.
    pub fn origins(&self) -> impl Iterator<Item = (u64, &str)> {
        (0..self.len()).map(|k| {
            let (set, row) = self.row(k);
            (row.origin, set.tags[row.tag as usize].as_str())
        })
    }

    /// The rows' bytes, in order, as one stream.
    pub fn stream(&self) -> Stream<'_> {
        Stream {
            merged: self,
            next: 0,
            current: Vec::new(),
            at: 0,
            loaded: [None, None],
        }
    }
}

/// The bytes of merged rows, read in order; a spilled chunk is read back
/// from its file when its first row is reached.
pub struct Stream<'a> {
    merged: &'a Merged,
    /// The next row to read.
    next: usize,
    /// The row being read, and how much of it is read.
    current: Vec<u8>,
    at: usize,
    /// Per set, the spilled chunk read back last.
    loaded: [Option<(u32, Vec<u8>)>; 2],
}

impl Stream<'_> {
    /// Puts the next row's bytes in `current`; `false` after the last.
    fn advance(&mut self) -> io::Result<bool> {
        if self.next == self.merged.len() {
            return Ok(false);
        }
        let (set_index, _) = self.merged.order[self.next];
        let (set, row) = self.merged.row(self.next);
        self.next += 1;
        let range = row.start as usize..row.end as usize;
        let bytes = match &set.chunks[row.chunk as usize] {
            Chunk::Memory(bytes) => &bytes[range],
            Chunk::Spilled { offset, len } => {
                let loaded = &mut self.loaded[usize::from(set_index)];
                if loaded.as_ref().is_none_or(|(chunk, _)| *chunk != row.chunk) {
                    let mut file = set
                        .spill
                        .as_ref()
                        .ok_or_else(|| io::Error::other("a spilled chunk without its file"))?;
                    let mut bytes = vec![0u8; *len];
                    file.seek(SeekFrom::Start(*offset))?;
                    file.read_exact(&mut bytes)?;
                    *loaded = Some((row.chunk, bytes));
                }
                let (_, bytes) = loaded.as_ref().expect("loaded above");
                &bytes[range]
            }
        };
        self.current.clear();
        self.current.extend_from_slice(bytes);
        self.at = 0;
        Ok(true)
    }
}

impl Read for Stream<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        while self.at == self.current.len() {
            if !self.advance()? {
                return Ok(0);
            }
        }
        let n = (self.current.len() - self.at).min(buffer.len());
        buffer[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(i: usize) -> ByteRecord {
        ByteRecord::from(vec![format!("row {i}"), "x".repeat(i % 50), "a,b".to_string()])
    }

    #[test]
    fn rows_read_back_in_order_of_origin_through_the_spill_file() {
        let dialect = Dialect::default();
        // Enough rows for several chunks, most of them spilled.
        let mut spilled = NewRows::new(dialect, true);
        let mut kept = NewRows::new(dialect, false);
        let mut expected = Vec::new();
        for i in 0..60_000usize {
            let origin = i as u64 * 2;
            if i % 1000 == 7 {
                kept.push(&record(i), origin, "B").unwrap();
            } else {
                spilled.push(&record(i), origin, "A").unwrap();
            }
            expected.extend(dialect.encode_row(&record(i)));
        }
        let spilled = spilled.finish().unwrap();
        assert!(spilled.spill.is_some(), "the rows went past one chunk");
        let merged = Merged::new(spilled, kept.finish().unwrap());
        assert_eq!(merged.len(), 60_000);
        let mut read = Vec::new();
        merged.stream().read_to_end(&mut read).unwrap();
        assert_eq!(read, expected);
        let origins: Vec<u64> = merged.origins().map(|(o, _)| o).collect();
        assert!(origins.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(merged.origins().nth(7).map(|(_, tag)| tag), Some("B"));
    }
}
