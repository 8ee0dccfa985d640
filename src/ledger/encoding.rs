//! The text encodings of ledger files: UTF-8, and Windows-1252, which French
//! Excel writes when told "CSV" rather than "CSV UTF-8".
//!
//! A file is read as UTF-8 unless its start is not UTF-8; then it is read as
//! Windows-1252, with a warning. Writes go back in the file's own encoding,
//! or are refused when a character has no place in it. Accents are never
//! silently garbled.

use std::fmt;
use std::str::FromStr;

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
}

/// Looks at the start of a file (`start`, possibly cut inside a character).
pub fn sniff(start: &[u8]) -> Sniffed {
    let line_of = |offset: usize| start[..offset].iter().filter(|b| **b == b'\n').count() as u64 + 1;
    if let Some(nul) = start.iter().position(|b| *b == 0) {
        return Sniffed::Binary { line: line_of(nul) };
    }
    match std::str::from_utf8(start) {
        Ok(_) => Sniffed::Utf8,
        // A character cut by the end of the buffer is not an error.
        Err(e) if e.error_len().is_none() => Sniffed::Utf8,
        Err(e) => Sniffed::Windows1252 {
            line: line_of(e.valid_up_to()),
        },
    }
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
    pub fn encode(self, utf8: Vec<u8>) -> Result<Vec<u8>, String> {
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
                    return Err(format!(
                        "`{bad}` cannot be written in this Windows-1252 file; save the ledger as CSV UTF-8 first"
                    ));
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
        assert_eq!(sniff("Hélène".as_bytes()), Sniffed::Utf8);
        // "Hél" cut inside the "é".
        assert_eq!(sniff(&"Hél".as_bytes()[..2]), Sniffed::Utf8);
        assert_eq!(sniff(b"a\nH\xe9l\xe8ne"), Sniffed::Windows1252 { line: 2 });
        assert_eq!(sniff(b"a\nb\nc\0"), Sniffed::Binary { line: 3 });
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
        assert!(refused.contains('Ł'), "{refused}");
    }
}
