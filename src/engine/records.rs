//! Splitting ledger text into records and fields.
//!
//! Nearly every line of a ledger holds no quote: such a line is a record
//! on its own, split at its separators where it lies in the buffer, with
//! nothing copied. A line that holds a quote goes through csv-core, which
//! knows quoted values, doubled quotes and line ends inside quotes. On a
//! line without quotes both give the same fields, so the result is what
//! csv-core alone would give, several times faster.

use std::io::{self, Read, Seek, SeekFrom};

use csv_core::{ReadRecordResult, Terminator};
use memchr::memchr_iter;

/// The longest record read. Beyond it, a quote left open has swallowed the
/// rest of the file, or the file is not a ledger: reading stops rather than
/// hold it all in memory.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// The buffer starts small, for readers that read one row at an offset,
/// and doubles at each read up to its working size, for those that read
/// on.
const FIRST_BUFFER_BYTES: usize = 4 << 10;
const BUFFER_BYTES: usize = 256 << 10;

/// Where the current record's text is.
#[derive(Debug, Clone, Copy)]
enum Text {
    /// A line of the buffer, as it was read.
    Line { start: usize, end: usize },
    /// The fields of a quoted record, unquoted by csv-core, end to end.
    Unquoted { len: usize },
}

/// Records read from `input`, one at a time, into reused buffers.
pub struct Records<R> {
    input: R,
    delimiter: u8,
    /// The byte that ends a row outside quotes: LF, or CR alone.
    terminator: u8,
    /// Bytes read and not yet consumed: `buffer[start..end]`.
    buffer: Vec<u8>,
    start: usize,
    end: usize,
    at_end: bool,
    quoted: csv_core::Reader,
    unquoted: Vec<u8>,
    ends: Vec<usize>,
    /// The current record: its text, and its fields' bounds in that text.
    text: Text,
    bounds: Vec<(usize, usize)>,
    /// The line and byte offset of the current record in `input`.
    line: u64,
    offset: u64,
    /// Bytes and line ends consumed so far.
    consumed: u64,
    lines: u64,
    /// Whether a UTF-8 byte order mark may still open the input.
    bom_possible: bool,
    /// Whether the last record was ended by the end of the input rather
    /// than by a line end (outside quotes).
    cut_short: bool,
    /// Whether the end of the input came inside a quoted value: a quote
    /// opened and never closed, which swallowed every line after it.
    unclosed: bool,
    /// Whether reading stopped on a record longer than
    /// [`MAX_RECORD_BYTES`].
    too_long: bool,
}

impl<R: Read> Records<R> {
    /// Records of `input`. A byte order mark is skipped only at the start
    /// of a file (`file_start`), not of a part of one.
    #[cfg(test)]
    pub fn new(input: R, delimiter: u8, file_start: bool) -> Records<R> {
        Records::ending_with(input, delimiter, b'\n', file_start)
    }

    /// Records of `input`, rows ending with `terminator` (LF, or CR in the
    /// files of old Mac Excel). A byte order mark is skipped only at the
    /// start of a file (`file_start`), not of a part of one.
    pub fn ending_with(input: R, delimiter: u8, terminator: u8, file_start: bool) -> Records<R> {
        Records {
            input,
            delimiter,
            terminator,
            buffer: vec![0; FIRST_BUFFER_BYTES],
            start: 0,
            end: 0,
            at_end: false,
            quoted: csv_core::ReaderBuilder::new()
                .delimiter(delimiter)
                .terminator(Terminator::Any(terminator))
                .build(),
            unquoted: Vec::new(),
            ends: Vec::new(),
            text: Text::Line { start: 0, end: 0 },
            bounds: Vec::new(),
            line: 0,
            offset: 0,
            consumed: 0,
            lines: 0,
            bom_possible: file_start,
            cut_short: false,
            unclosed: false,
            too_long: false,
        }
    }

    /// Moves to the next record that holds something other than spaces
    /// and separators (spreadsheets leave such rows). False at the end.
    pub fn read(&mut self) -> io::Result<bool> {
        if std::mem::take(&mut self.bom_possible) {
            while self.end < 3 && !self.at_end {
                self.refill()?;
            }
            if self.buffer[..self.end].starts_with(b"\xEF\xBB\xBF") {
                self.start = 3;
                self.consumed = 3;
            }
        }
        loop {
            // One pass over the line finds its separators, its end, and
            // whether it holds a quote.
            self.bounds.clear();
            let stop = split_line(
                &self.buffer[self.start..self.end],
                self.delimiter,
                self.terminator,
                &mut self.bounds,
            );
            let (newline, field_start) = match stop {
                Stop::Quote => {
                    if !self.read_quoted()? {
                        return Ok(false);
                    }
                    if !self.is_blank() {
                        return Ok(true);
                    }
                    continue;
                }
                Stop::LineEnd { at, field_start } => (Some(self.start + at), field_start),
                // The line goes on past the buffer: read on, and look again.
                Stop::More { .. } if !self.at_end => {
                    self.refill()?;
                    continue;
                }
                Stop::More { field_start } => (None, field_start),
            };
            let line_end = newline.unwrap_or(self.end);
            if newline.is_none() && self.start == line_end {
                return Ok(false);
            }
            self.bounds.push((field_start, line_end - self.start));
            self.text = Text::Line {
                start: self.start,
                end: line_end,
            };
            self.line = self.lines + 1;
            self.offset = self.consumed;
            self.cut_short = newline.is_none();
            let taken = line_end - self.start + usize::from(newline.is_some());
            self.start += taken;
            self.consumed += taken as u64;
            self.lines += u64::from(newline.is_some());
            if !self.is_blank() {
                return Ok(true);
            }
        }
    }

    /// Reads a record that holds a quote with csv-core, from the start of
    /// its first line, across line ends inside quotes. False at the end.
    fn read_quoted(&mut self) -> io::Result<bool> {
        self.line = self.lines + 1;
        self.offset = self.consumed;
        let (mut written, mut ended) = (0, 0);
        // Quotes of the record's text: an odd number at the end of the
        // input is a quote never closed.
        let mut quotes = 0usize;
        loop {
            if written == self.unquoted.len() {
                if written >= MAX_RECORD_BYTES {
                    return Err(self.too_long());
                }
                self.unquoted.resize((written * 2).max(1024), 0);
            }
            if ended == self.ends.len() {
                self.ends.resize((ended * 2).max(64), 0);
            }
            let input = &self.buffer[self.start..self.end];
            // An empty input tells csv-core that the input ended.
            let at_end = input.is_empty();
            let (result, read, wrote, ends) =
                self.quoted
                    .read_record(input, &mut self.unquoted[written..], &mut self.ends[ended..]);
            self.lines += memchr_iter(self.terminator, &input[..read]).count() as u64;
            quotes += memchr_iter(b'"', &input[..read]).count();
            self.start += read;
            self.consumed += read as u64;
            written += wrote;
            ended += ends;
            match result {
                ReadRecordResult::InputEmpty => {
                    if self.start == self.end && !self.at_end {
                        self.refill()?;
                    }
                }
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::Record => {
                    self.bounds.clear();
                    let mut field_start = 0;
                    for end in &self.ends[..ended] {
                        self.bounds.push((field_start, *end));
                        field_start = *end;
                    }
                    self.text = Text::Unquoted { len: written };
                    self.cut_short = at_end;
                    self.unclosed = at_end && quotes % 2 == 1;
                    return Ok(true);
                }
                ReadRecordResult::End => return Ok(false),
            }
        }
    }

    /// Reads more input after what is left unconsumed, moved to the front;
    /// the buffer doubles when a record fills it.
    fn refill(&mut self) -> io::Result<()> {
        if self.start > 0 {
            self.buffer.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buffer.len() || self.buffer.len() < BUFFER_BYTES {
            if self.end == self.buffer.len() && self.buffer.len() >= MAX_RECORD_BYTES {
                return Err(self.too_long());
            }
            self.buffer.resize(self.buffer.len() * 2, 0);
        }
        loop {
            match self.input.read(&mut self.buffer[self.end..]) {
                Ok(0) => {
                    self.at_end = true;
                    return Ok(());
                }
                Ok(read) => {
                    self.end += read;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn is_blank(&self) -> bool {
        let delimiter = self.delimiter;
        self.text()
            .iter()
            .all(|b| b.is_ascii_whitespace() || (*b == delimiter && matches!(self.text, Text::Line { .. })))
    }

    /// The current record's text: the line as read, or its unquoted fields
    /// end to end. [`bounds`](Self::bounds) says where each field is.
    pub fn text(&self) -> &[u8] {
        match self.text {
            Text::Line { start, end } => &self.buffer[start..end],
            Text::Unquoted { len } => &self.unquoted[..len],
        }
    }

    pub fn bounds(&self) -> &[(usize, usize)] {
        &self.bounds
    }

    /// The field at `position` of the current record.
    pub fn field(&self, position: usize) -> Option<&[u8]> {
        let (start, end) = *self.bounds.get(position)?;
        Some(&self.text()[start..end])
    }

    /// The line the current record starts on, counted from 1.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The byte offset of the current record in the input.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The bytes consumed: the offset just past the current record.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// The line ends consumed.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// Whether the last record read was ended by the end of the input,
    /// not by a line end outside quotes: a part of a file that ends so was
    /// cut inside a record (a quoted value that holds a line end), and the
    /// part after it does not start on a record.
    pub fn cut_short(&self) -> bool {
        self.cut_short
    }

    /// Whether the current record ends inside a quote never closed.
    pub fn unclosed(&self) -> bool {
        self.unclosed
    }

    /// Whether the read failed on a record longer than
    /// [`MAX_RECORD_BYTES`]: what the reader says then is its own.
    pub fn stopped_too_long(&self) -> bool {
        self.too_long
    }

    fn too_long(&mut self) -> io::Error {
        self.too_long = true;
        io::Error::from(io::ErrorKind::InvalidData)
    }
}

impl<R: Read + Seek> Records<R> {
    /// Moves to byte `offset` of the input, a record's start, forgetting
    /// what was read: lines and bytes are counted from there again.
    pub fn restart_at(&mut self, offset: u64) -> io::Result<()> {
        self.input.seek(SeekFrom::Start(offset))?;
        self.buffer.truncate(FIRST_BUFFER_BYTES);
        self.start = 0;
        self.end = 0;
        self.at_end = false;
        self.quoted.reset();
        self.bounds.clear();
        self.text = Text::Line { start: 0, end: 0 };
        (self.line, self.offset, self.consumed, self.lines) = (0, 0, 0, 0);
        self.bom_possible = false;
        self.cut_short = false;
        self.unclosed = false;
        self.too_long = false;
        Ok(())
    }
}

/// Where [`split_line`] stopped.
#[derive(Debug, PartialEq, Eq)]
enum Stop {
    /// At the line end at `at`, outside quotes; the last field starts at
    /// `field_start`.
    LineEnd { at: usize, field_start: usize },
    /// At a quote: the line is read again by csv-core.
    Quote,
    /// At the end of the bytes, with no line end: the last field so far
    /// starts at `field_start`.
    More { field_start: usize },
}

/// Splits the line that starts `bytes` at its separators, pushing each
/// field's bounds but the last's, up to its line end or its first quote,
/// whichever comes first. Sixteen bytes are compared at a time, and only
/// the separators, line ends and quotes found are visited.
fn split_line(bytes: &[u8], delimiter: u8, terminator: u8, bounds: &mut Vec<(usize, usize)>) -> Stop {
    let mut field_start = 0;
    // Pushes the fields ended by the separators of `separators` (a bit a
    // byte from `base`), and says where the line stops, if it does here.
    let mut visit = |base: usize, mut separators: u32, stops: u32| {
        if stops != 0 {
            separators &= (1 << stops.trailing_zeros()) - 1;
        }
        while separators != 0 {
            let at = base + separators.trailing_zeros() as usize;
            bounds.push((field_start, at));
            field_start = at + 1;
            separators &= separators - 1;
        }
        (stops != 0).then(|| {
            let at = base + stops.trailing_zeros() as usize;
            if bytes[at] == b'"' {
                Stop::Quote
            } else {
                Stop::LineEnd { at, field_start }
            }
        })
    };
    let mut chunks = bytes.chunks_exact(16);
    let mut base = 0;
    for chunk in &mut chunks {
        let chunk: &[u8; 16] = chunk.try_into().expect("16 bytes");
        let (separators, stops) = masks(chunk, delimiter, terminator);
        if let Some(stop) = visit(base, separators, stops) {
            return stop;
        }
        base += 16;
    }
    let mut tail = [0u8; 16];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    let (separators, stops) = masks(&tail, delimiter, terminator);
    let within = (1u32 << rest.len()) - 1;
    if let Some(stop) = visit(base, separators & within, stops & within) {
        return stop;
    }
    Stop::More { field_start }
}

/// The bytes of `chunk` that are the separator, and those that are the
/// line end or a quote, a bit each.
#[cfg(target_arch = "x86_64")]
fn masks(chunk: &[u8; 16], delimiter: u8, terminator: u8) -> (u32, u32) {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 processor, and the load reads
    // the 16 bytes `chunk` refers to.
    unsafe {
        let bytes = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        let equal = |b: u8| _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b as i8));
        let separators = _mm_movemask_epi8(equal(delimiter)) as u32;
        let stops = _mm_movemask_epi8(_mm_or_si128(equal(terminator), equal(b'"'))) as u32;
        (separators, stops)
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn masks(chunk: &[u8; 16], delimiter: u8, terminator: u8) -> (u32, u32) {
    let (mut separators, mut stops) = (0u32, 0u32);
    for (i, b) in chunk.iter().enumerate() {
        separators |= u32::from(*b == delimiter) << i;
        stops |= u32::from(*b == terminator || *b == b'"') << i;
    }
    (separators, stops)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records, each a list of fields.
    type Fields = Vec<Vec<Vec<u8>>>;

    /// The non-blank records of `text` as the csv crate reads them, and as
    /// `Records` reads them with a buffer of `buffer` bytes to start with.
    fn both(text: &[u8], buffer: usize) -> (Fields, Fields) {
        let mut expected = Vec::new();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::Any(b'\n'))
            .flexible(true)
            .has_headers(false)
            .from_reader(text);
        for record in reader.byte_records() {
            let record = record.expect("read from memory");
            let fields: Vec<Vec<u8>> = record.iter().map(<[u8]>::to_vec).collect();
            if fields.iter().flatten().all(u8::is_ascii_whitespace) {
                continue;
            }
            expected.push(fields);
        }
        let mut records = Records::new(text, b';', false);
        records.buffer.truncate(buffer);
        let mut got = Vec::new();
        while records.read().expect("read from memory") {
            got.push(
                (0..records.bounds().len())
                    .map(|i| records.field(i).unwrap_or_default().to_vec())
                    .collect(),
            );
        }
        (expected, got)
    }

    #[test]
    fn agrees_with_csv_core_on_quotes_blank_lines_and_small_buffers() {
        let text = b"a;b;c\n\n;;\r\n\"x;y\";\"say \"\"hi\"\"\";z\n\"two\nlines\";2;3\r\nlast;no;end";
        for buffer in [1, 2, 3, 7, 64, 1 << 16] {
            let (expected, got) = both(text, buffer);
            assert_eq!(got, expected, "buffer of {buffer} bytes");
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_csv_core_on_any_text(
            text in proptest::collection::vec(
                proptest::sample::select(b"ab;\"\n\r \xC3\xA9".to_vec()),
                0..200,
            ),
            buffer in 1usize..40,
        ) {
            let (expected, got) = both(&text, buffer);
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn knows_whether_the_input_ended_inside_a_record() {
        let cut_short = |text: &[u8]| {
            let mut records = Records::new(text, b';', false);
            while records.read().expect("read from memory") {}
            records.cut_short()
        };
        // Cut just after a line end, outside quotes, and inside them.
        assert!(!cut_short(b"a;b\n\"c;d\";e\n"));
        assert!(!cut_short(b"a;\"x\ny\"\n"));
        assert!(cut_short(b"a;\"x\n"));
        assert!(cut_short(b"a;b\nc;d"));
        assert!(!cut_short(b""));
    }

    #[test]
    fn lines_and_offsets_name_each_record_start() {
        let text = b"h;h\n\none;1\n\"two\nlines\";2\r\nthree;3";
        let mut records = Records::new(&text[..], b';', false);
        let mut seen = Vec::new();
        while records.read().expect("read from memory") {
            seen.push((records.line(), records.offset()));
        }
        assert_eq!(seen, vec![(1, 0), (3, 5), (4, 11), (6, 26)]);
        assert_eq!(records.lines(), 5);
        assert_eq!(records.consumed(), text.len() as u64);
    }

    #[test]
    fn skips_a_byte_order_mark_at_the_start_of_a_file_only() {
        let text = b"\xEF\xBB\xBFa;b\n";
        let mut records = Records::new(&text[..], b';', true);
        assert!(records.read().expect("read"));
        assert_eq!(records.field(0), Some(&b"a"[..]));
        assert_eq!((records.offset(), records.consumed()), (3, 7));
        let mut part = Records::new(&text[..], b';', false);
        assert!(part.read().expect("read"));
        assert_eq!(part.field(0), Some(&b"\xEF\xBB\xBFa"[..]));
    }

    #[test]
    fn a_line_longer_than_the_limit_is_an_error_not_a_buffer_that_grows() {
        let long = vec![b'x'; MAX_RECORD_BYTES + 10];
        let mut records = Records::new(&long[..], b';', false);
        let error = records.read().expect_err("too long");
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(records.stopped_too_long());
    }
}
