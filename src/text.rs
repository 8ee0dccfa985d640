//! Values from files are data, never control: before a name, a place or a
//! file name reaches a terminal or a CI log, its control characters (C0,
//! DEL, C1: an escape sequence could clear the screen or retitle it) and
//! its bidirectional overrides (which reorder what is shown) are written
//! as visible escapes, and a line end in a value cannot start a new line
//! that a CI would read as a workflow command (`::error …`). Every human
//! output goes through [`clean`].

use std::borrow::Cow;

/// The byte order mark that starts a UTF-8 file saved by Excel.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// `text` safe to print: `\x1b`, `\n`, `\u{202e}` written out.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push('\t'),
            c if unsafe_char(c) && u32::from(c) < 0x100 => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A file name as a line's start: one that begins with `::` is written
/// `./::…`, the same file, so that no line of human output begins with a
/// workflow command.
pub fn clean_path(path: &std::path::Path) -> String {
    let shown = clean(&path.display().to_string()).into_owned();
    if shown.starts_with("::") {
        format!("./{shown}")
    } else {
        shown
    }
}

fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_written_out() {
        assert_eq!(clean("DUPONT"), "DUPONT");
        assert!(matches!(clean("Hélène"), Cow::Borrowed(_)));
        assert_eq!(clean("A\u{1b}]0;pwned\u{7}B"), "A\\x1b]0;pwned\\x07B");
        assert_eq!(clean("x\n::error file=a::forged"), "x\\n::error file=a::forged");
        assert_eq!(clean("\u{9b}31m"), "\\x9b31m");
        assert_eq!(clean("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(
            clean_path(std::path::Path::new("::error file=x::y.csv")),
            "./::error file=x::y.csv"
        );
    }
}
