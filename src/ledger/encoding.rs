//! The text encodings of ledger files: UTF-8, and Windows-1252, which French
//! Excel writes when told "CSV" rather than "CSV UTF-8".
//!
//! The encoding is decided on the whole file, not on its start: a file is
//! UTF-8 if all of it is; Windows-1252, with a warning, if none of its
//! accented letters is UTF-8; and an error naming both lines if it holds
//! both, since no single reading of it is right. Writes go back in the
//! file's own encoding, or are refused when a character has no place in it.
//! Accents are never silently garbled.

use std::fmt;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::str::FromStr;

use crate::message::Message;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Windows1252,
}

/// What the start of a file looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Utf8,
    /// Not UTF-8: the first bad byte is on this line (1-based).
    Windows1252 {
        line: u64,
    },
    /// A NUL byte: binary data, not text. On this line.
    Binary {
        line: u64,
    },
    /// Both: a UTF-8 letter on `utf8_line`, and a byte that is not UTF-8
    /// on `other_line`, the first of each.
    Mixed {
        utf8_line: u64,
        other_line: u64,
    },
}

/// Where the whole-file reading found its first bytes of each kind.
#[derive(Debug, Default)]
struct Found {
    /// The first letter beyond ASCII that is valid UTF-8.
    utf8: Option<u64>,
    /// The first byte that is not UTF-8.
    other: Option<u64>,
    nul: Option<u64>,
}

impl Found {
    /// Once binary, or once mixed, reading further changes nothing.
    fn settled(&self) -> bool {
        self.nul.is_some() || (self.utf8.is_some() && self.other.is_some())
    }

    /// Notes the bytes `data`, which start at `base` in the file; `last`
    /// says no byte follows them. Returns how many bytes at the end are
    /// the start of a character that the next block completes.
    fn see(&mut self, data: &[u8], base: u64, last: bool) -> usize {
        if self.nul.is_none()
            && let Some(at) = memchr::memchr(0, data)
        {
            self.nul = Some(base + at as u64);
        }
        let mut at = 0;
        while at < data.len() && !self.settled() {
            let rest = &data[at..];
            // The fast check first: nearly every block is valid.
            let (valid, bad) = match simdutf8::basic::from_utf8(rest) {
                Ok(_) => (rest.len(), None),
                Err(_) => match simdutf8::compat::from_utf8(rest) {
                    Ok(_) => (rest.len(), None),
                    Err(e) => (e.valid_up_to(), Some(e.error_len())),
                },
            };
            if self.utf8.is_none()
                && let Some(high) = rest[..valid].iter().position(|b| *b >= 0x80)
            {
                self.utf8 = Some(base + (at + high) as u64);
            }
            match bad {
                None => return 0,
                // A character cut by the end of the block.
                Some(None) if !last => return rest.len() - valid,
                Some(length) => {
                    if self.other.is_none() {
                        self.other = Some(base + (at + valid) as u64);
                    }
                    at += valid + length.unwrap_or(rest.len() - valid).max(1);
                }
            }
        }
        0
    }

    fn verdict(&self, line_of: impl Fn(u64) -> u64) -> Sniffed {
        match *self {
            Found { nul: Some(at), .. } => Sniffed::Binary { line: line_of(at) },
            Found {
                utf8: Some(utf8),
                other: Some(other),
                ..
            } => Sniffed::Mixed {
                utf8_line: line_of(utf8),
                other_line: line_of(other),
            },
            Found { other: Some(at), .. } => Sniffed::Windows1252 { line: line_of(at) },
            _ => Sniffed::Utf8,
        }
    }
}

/// Reads a whole file to decide its encoding, when its start did not
/// settle it. Lines are counted only for what is found, by reading the
/// file's start again. Also returns the line of its first UTF-8 letter.
pub fn sniff_file(file: &mut File, line_end: u8) -> io::Result<(Sniffed, Option<u64>)> {
    let mut found = Found::default();
    let mut block = vec![0u8; 1 << 20];
    let mut kept = 0;
    let mut base = 0u64;
    loop {
        let read = file.read(&mut block[kept..])?;
        let filled = kept + read;
        let last = read == 0;
        let carry = found.see(&block[..filled], base, last);
        if last || found.settled() {
            break;
        }
        block.copy_within(filled - carry..filled, 0);
        base += (filled - carry) as u64;
        kept = carry;
    }
    let mut lines = Vec::new();
    for at in [found.nul, found.utf8, found.other].into_iter().flatten() {
        lines.push((at, line_at(file, at, line_end)?));
    }
    let line_of = |offset: u64| {
        lines
            .iter()
            .find(|(at, _)| *at == offset)
            .map_or(1, |(_, line)| *line)
    };
    let utf8_line = found.utf8.map(line_of);
    Ok((found.verdict(line_of), utf8_line))
}

/// The line (1-based) that byte `offset` of the file is on.
fn line_at(file: &mut File, offset: u64, line_end: u8) -> io::Result<u64> {
    file.seek(SeekFrom::Start(0))?;
    let mut ends = 0;
    let mut block = vec![0u8; 1 << 16];
    let mut left = offset;
    while left > 0 {
        let want = block.len().min(left as usize);
        let read = file.read(&mut block[..want])?;
        if read == 0 {
            break;
        }
        ends += memchr::memchr_iter(line_end, &block[..read]).count() as u64;
        left -= read as u64;
    }
    Ok(ends + 1)
}

/// Looks at the start of a file (`start`, possibly cut inside a
/// character). Returns what it shows, and whether that settles the whole
/// file: a NUL byte, a start that is already mixed, or a UTF-8 letter and
/// no other byte, which leaves the file UTF-8 or mixed, and each later row
/// that is not UTF-8 is then named by its own check.
pub fn sniff_start(start: &[u8]) -> (Sniffed, Option<u64>, bool) {
    let mut found = Found::default();
    found.see(start, 0, true);
    let line_of = |offset: u64| memchr::memchr_iter(b'\n', &start[..offset as usize]).count() as u64 + 1;
    // A character cut by the end of the buffer is not an error.
    if found
        .other
        .is_some_and(|at| start.len() - at as usize <= 3 && cut_at_end(start, at as usize))
    {
        found.other = None;
    }
    let settled = found.nul.is_some() || found.utf8.is_some();
    let utf8_line = found.utf8.map(line_of);
    (found.verdict(line_of), utf8_line, settled)
}

/// Whether the bytes from `at` are the start of a character the buffer's
/// end cut.
fn cut_at_end(start: &[u8], at: usize) -> bool {
    matches!(simdutf8::compat::from_utf8(&start[at..]), Err(e) if e.error_len().is_none())
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Windows1252 => "windows-1252",
        }
    }

    /// The whole file's bytes as UTF-8.
    pub fn decode(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            TextEncoding::Utf8 => bytes.to_vec(),
            TextEncoding::Windows1252 => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                text.into_owned().into_bytes()
            }
        }
    }

    /// UTF-8 bytes written in this encoding; the error names the first
    /// character that this encoding cannot hold.
    pub fn encode(self, utf8: Vec<u8>) -> Result<Vec<u8>, Message> {
        match self {
            // Already in its encoding: no copy.
            TextEncoding::Utf8 => Ok(utf8),
            TextEncoding::Windows1252 => {
                let text = String::from_utf8_lossy(&utf8);
                let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
                if unmappable {
                    let bad = text
                        .chars()
                        .find(|c| encoding_rs::WINDOWS_1252.encode(&c.to_string()).2)
                        .unwrap_or('?');
                    return Err(crate::msg!(NotInWindows1252, bad.to_string()));
                }
                Ok(bytes.into_owned())
            }
        }
    }

    pub fn encoding_rs(self) -> &'static encoding_rs::Encoding {
        match self {
            TextEncoding::Utf8 => encoding_rs::UTF_8,
            TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252,
        }
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for TextEncoding {
    type Err = String;

    fn from_str(text: &str) -> Result<TextEncoding, String> {
        match text.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(TextEncoding::Utf8),
            "windows-1252" | "cp1252" | "latin-1" | "latin1" | "iso-8859-1" => Ok(TextEncoding::Windows1252),
            _ => Err(format!(
                "`{text}` is not an encoding this tool reads: use utf-8 or windows-1252"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        let verdict = |start: &[u8]| sniff_start(start).0;
        assert_eq!(
            sniff_start("a\nHélène".as_bytes()),
            (Sniffed::Utf8, Some(2), true)
        );
        // "Hél" cut inside the "é": not an error, and not yet a UTF-8 letter.
        assert_eq!(sniff_start(&"Hél".as_bytes()[..2]), (Sniffed::Utf8, None, false));
        assert_eq!(verdict(b"a\nH\xe9l\xe8ne"), Sniffed::Windows1252 { line: 2 });
        assert!(sniff_start(b"a\nb\nc\0").2);
        assert_eq!(verdict(b"a\nb\nc\0"), Sniffed::Binary { line: 3 });
        assert_eq!(
            verdict(b"J\xe9an\nx\nH\xc3\xa9l\xc3\xa8ne"),
            Sniffed::Mixed {
                utf8_line: 3,
                other_line: 1
            }
        );
    }

    /// The whole file decides, read in blocks: a character cut between two
    /// blocks is whole, and a byte far from the start is found.
    #[test]
    fn sniffs_whole_files() {
        let sniffed = |bytes: &[u8]| {
            let mut file = tempfile::tempfile().unwrap();
            std::io::Write::write_all(&mut file, bytes).unwrap();
            file.seek(SeekFrom::Start(0)).unwrap();
            sniff_file(&mut file, b'\n').unwrap()
        };
        let mut ascii = "abc\n".repeat(300_000).into_bytes();
        assert_eq!(sniffed(&ascii), (Sniffed::Utf8, None));
        // "é" across the first block's end (1 MiB).
        let mut utf8 = vec![b'a'; (1 << 20) - 1];
        utf8.extend("é\n".as_bytes());
        assert_eq!(sniffed(&utf8), (Sniffed::Utf8, Some(1)));
        ascii.extend(b"H\xe9l\xe8ne\n");
        assert_eq!(sniffed(&ascii).0, Sniffed::Windows1252 { line: 300_001 });
        ascii.extend("Hélène\n".as_bytes());
        assert_eq!(
            sniffed(&ascii).0,
            Sniffed::Mixed {
                utf8_line: 300_002,
                other_line: 300_001
            }
        );
    }

    #[test]
    fn round_trips_windows_1252() {
        let original = b"H\xe9l\xe8ne;C\xf4tes-d'Armor;\x9c\x80";
        let utf8 = TextEncoding::Windows1252.decode(original);
        assert_eq!(
            String::from_utf8(utf8.clone()).unwrap(),
            "Hélène;Côtes-d'Armor;œ€"
        );
        assert_eq!(TextEncoding::Windows1252.encode(utf8).unwrap(), original);
        let refused = TextEncoding::Windows1252
            .encode("Łódź".as_bytes().to_vec())
            .unwrap_err();
        assert_eq!(refused, crate::msg!(NotInWindows1252, "Ł"));
    }
}
