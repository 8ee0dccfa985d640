//! Publications stored as JSON: one array of flat objects. Such a file is
//! turned into CSV text as it is read, one object at a time, so that the
//! CSV readers read it in memory and time in step with one row, whatever
//! the file's size. Each row sits on the line its object starts on (blank
//! lines fill the gaps, and readers skip them), so that messages name the
//! JSON file's own lines.
//!
//! The header is the columns of the format the first object's keys
//! belong to; a key the format does not know is ignored and counted. An
//! object that repeats a key, or gives a number, a boolean, null or a
//! nested value where the format has text, is an error of its row: said
//! by [`JsonSide::problem_at`], never read as a name.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::sync::{Arc, Mutex};

use serde::de::{Deserializer as _, MapAccess, Visitor};
use serde_json::Value;

use super::{Container, recognise};
use crate::engine::records::MAX_RECORD_BYTES;
use crate::message::Message;
use crate::msg;
use crate::text::UTF8_BOM as BOM;

/// Whether `start`, the first bytes of a file, look like JSON.
pub fn looks_like_json(start: &[u8]) -> bool {
    let start = start.strip_prefix(BOM).unwrap_or(start);
    start
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'[' || *b == b'{')
}

/// The keys of the first object of a JSON array, read from the start of a
/// file (what follows it may be cut off): enough to tell its format.
pub fn first_keys(start: &[u8]) -> Option<Vec<String>> {
    let start = start.strip_prefix(BOM).unwrap_or(start);
    let open = start.iter().position(|b| !b.is_ascii_whitespace())?;
    if start[open] != b'[' {
        return None;
    }
    let first = open + 1 + start[open + 1..].iter().position(|b| !b.is_ascii_whitespace())?;
    let mut objects =
        serde_json::Deserializer::from_slice(&start[first..]).into_iter::<serde_json::Map<String, Value>>();
    let object = objects.next()?.ok()?;
    Some(object.keys().cloned().collect())
}

/// What the conversion found beside the rows it wrote: the problems of
/// rows, by the CSV line they were written on; the keys it ignored; and
/// why it stopped, if the file is not JSON to its end.
#[derive(Debug, Default)]
pub struct JsonSide {
    inner: Mutex<Side>,
}

#[derive(Debug, Default)]
struct Side {
    problems: VecDeque<(u64, Message)>,
    unknown_keys: u64,
    first_unknown: Option<String>,
    fatal: Option<(u64, Message)>,
}

impl JsonSide {
    fn with<T>(&self, f: impl FnOnce(&mut Side) -> T) -> T {
        // A panic elsewhere cannot leave a count half-written.
        let mut side = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut side)
    }

    /// The problems of the row written on CSV line `line`, if any.
    pub fn problem_at(&self, line: u64) -> Vec<Message> {
        self.with(|side| {
            let mut found = Vec::new();
            while let Some((at, _)) = side.problems.front() {
                if *at > line {
                    break;
                }
                let (at, message) = side.problems.pop_front().expect("front exists");
                if at == line {
                    found.push(message);
                }
            }
            found
        })
    }

    /// How many keys the format does not know were ignored, and the first.
    pub fn unknown_keys(&self) -> Option<(u64, String)> {
        self.with(|side| {
            side.first_unknown
                .clone()
                .filter(|_| side.unknown_keys > 0)
                .map(|first| (side.unknown_keys, first))
        })
    }

    /// Why the conversion stopped before the end of the array: the line,
    /// and what.
    pub fn fatal(&self) -> Option<(u64, Message)> {
        self.with(|side| side.fatal.clone())
    }
}

/// CSV text (`,`, LF) read from a JSON array of flat objects, one object
/// at a time.
pub struct JsonRows<R> {
    input: R,
    side: Arc<JsonSide>,
    /// CSV text made and not yet read.
    out: Vec<u8>,
    at: usize,
    /// The JSON line the input is at, and the CSV line the next text
    /// written starts on.
    json_line: u64,
    csv_line: u64,
    header: Option<Vec<String>>,
    /// Elements of the array met so far.
    elements: u64,
    state: State,
    element: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    /// Inside the array, before an element (or its end).
    Element {
        first: bool,
    },
    /// After an element: a comma or the array's end.
    AfterElement,
    Done,
}

impl<R: BufRead> JsonRows<R> {
    pub fn new(input: R) -> (JsonRows<R>, Arc<JsonSide>) {
        let side = Arc::new(JsonSide::default());
        let rows = JsonRows {
            input,
            side: Arc::clone(&side),
            out: Vec::new(),
            at: 0,
            json_line: 1,
            csv_line: 1,
            header: None,
            elements: 0,
            state: State::Start,
            element: Vec::new(),
        };
        (rows, side)
    }

    /// Stops with `message` at `line`: said through the side, which the
    /// reader asks when the read fails.
    fn fail(&mut self, line: u64, message: Message) -> io::Error {
        self.state = State::Done;
        self.side.with(|side| side.fatal = Some((line, message)));
        io::Error::from(io::ErrorKind::InvalidData)
    }

    /// The next byte that is not white space, line ends counted; not
    /// consumed.
    fn peek_token(&mut self) -> io::Result<Option<u8>> {
        loop {
            let buffer = self.input.fill_buf()?;
            if buffer.is_empty() {
                return Ok(None);
            }
            let mut used = 0;
            for &byte in buffer {
                if byte.is_ascii_whitespace() {
                    if byte == b'\n' {
                        self.json_line += 1;
                    }
                    used += 1;
                } else {
                    self.input.consume(used);
                    return Ok(Some(byte));
                }
            }
            self.input.consume(used);
        }
    }

    /// Reads one object, from its `{` to its `}`, into `self.element`;
    /// strings and nesting followed so that a brace inside a value does
    /// not end it.
    fn read_object(&mut self) -> io::Result<Result<(), Message>> {
        self.element.clear();
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        loop {
            let buffer = self.input.fill_buf()?;
            if buffer.is_empty() {
                return Ok(Err(msg!(EndsInsideObject)));
            }
            let mut used = 0;
            let mut closed = false;
            for &byte in buffer {
                used += 1;
                if byte == b'\n' {
                    self.json_line += 1;
                }
                if in_string {
                    match byte {
                        _ if escaped => escaped = false,
                        b'\\' => escaped = true,
                        b'"' => in_string = false,
                        _ => {}
                    }
                    continue;
                }
                match byte {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            closed = true;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            self.element.extend_from_slice(&buffer[..used]);
            self.input.consume(used);
            if closed {
                return Ok(Ok(()));
            }
            if self.element.len() > MAX_RECORD_BYTES {
                return Ok(Err(msg!(ObjectTooLarge, MAX_RECORD_BYTES >> 20)));
            }
        }
    }

    /// Makes the CSV text of the next element, or of the header and the
    /// first; `false` at the end of the array.
    fn next_chunk(&mut self) -> io::Result<bool> {
        loop {
            match self.state {
                State::Done => return Ok(false),
                State::Start => {
                    let start = self.input.fill_buf()?;
                    if start.starts_with(BOM) {
                        self.input.consume(BOM.len());
                    }
                    match self.peek_token()? {
                        Some(b'[') => {
                            self.input.consume(1);
                            self.state = State::Element { first: true };
                        }
                        _ => {
                            let line = self.json_line;
                            return Err(self.fail(line, msg!(NotAnArrayOfObjects)));
                        }
                    }
                }
                State::Element { first } => match self.peek_token()? {
                    Some(b']') if first => {
                        self.input.consume(1);
                        self.state = State::AfterElement;
                        self.end_of_array()?;
                        return Ok(false);
                    }
                    Some(b'{') => {
                        let line = self.json_line;
                        self.elements += 1;
                        if let Err(message) = self.read_object()? {
                            return Err(self.fail(line, message));
                        }
                        self.state = State::AfterElement;
                        self.write_element(line)?;
                        return Ok(true);
                    }
                    None => {
                        let line = self.json_line;
                        return Err(self.fail(line, msg!(EndsInsideArray)));
                    }
                    Some(_) => {
                        let line = self.json_line;
                        let n = self.elements + 1;
                        return Err(self.fail(line, msg!(ElementNotAnObject, n)));
                    }
                },
                State::AfterElement => match self.peek_token()? {
                    Some(b',') => {
                        self.input.consume(1);
                        self.state = State::Element { first: false };
                    }
                    Some(b']') => {
                        self.input.consume(1);
                        self.end_of_array()?;
                        return Ok(false);
                    }
                    None => {
                        let line = self.json_line;
                        return Err(self.fail(line, msg!(EndsInsideArray)));
                    }
                    Some(byte) => {
                        let line = self.json_line;
                        return Err(self.fail(
                            line,
                            msg!(CommaExpected, char::from(byte).escape_default().to_string()),
                        ));
                    }
                },
            }
        }
    }

    /// After the array: nothing but white space may follow.
    fn end_of_array(&mut self) -> io::Result<()> {
        match self.peek_token()? {
            None => {
                self.state = State::Done;
                Ok(())
            }
            Some(_) => {
                let line = self.json_line;
                Err(self.fail(line, msg!(TextAfterArray)))
            }
        }
    }

    /// The CSV text of the element read, on line `line` (and the header
    /// before the first).
    fn write_element(&mut self, line: u64) -> io::Result<()> {
        let object = match flat_object(&self.element) {
            Ok(object) => object,
            Err(e) => {
                let at = line + e.line().saturating_sub(1) as u64;
                return Err(self.fail(at, msg!(NotValidJson, Message::verbatim(e.to_string()))));
            }
        };
        self.out.clear();
        self.at = 0;
        if self.header.is_none() {
            let keys: Vec<String> = object.iter().map(|(key, _)| key.clone()).collect();
            // The format's own columns when the keys are a known format's;
            // else the keys as they are, which the reader then refuses,
            // naming the formats it knows.
            let header = match recognise(&keys, Container::Json) {
                Some(format) => format.columns.iter().map(|(_, name)| name.to_string()).collect(),
                None => keys,
            };
            csv_row(&mut self.out, &header);
            self.csv_line += memchr::memchr_iter(b'\n', &self.out).count() as u64;
            self.header = Some(header);
        }
        while self.csv_line < line {
            self.out.push(b'\n');
            self.csv_line += 1;
        }
        let header = self.header.as_deref().unwrap_or_default();
        let mut fields = vec![""; header.len()];
        let mut problems = Vec::new();
        let mut seen = vec![false; header.len()];
        for (key, value) in &object {
            let Some(position) = header.iter().position(|name| name == key) else {
                self.side.with(|side| {
                    side.unknown_keys += 1;
                    side.first_unknown.get_or_insert_with(|| key.clone());
                });
                continue;
            };
            if seen[position] {
                problems.push(msg!(KeyGivenTwice, key));
                continue;
            }
            seen[position] = true;
            match value {
                Value::String(text) => fields[position] = text,
                other => problems.push(msg!(ValueNotText, key, kind(other), short(other))),
            }
        }
        let row_line = self.csv_line;
        let before = self.out.len();
        csv_row(&mut self.out, &fields);
        // A value may hold line ends: the next row starts after them.
        self.csv_line += memchr::memchr_iter(b'\n', &self.out[before..]).count() as u64;
        if !problems.is_empty() {
            self.side.with(|side| {
                side.problems
                    .extend(problems.into_iter().map(|message| (row_line, message)))
            });
        }
        Ok(())
    }
}

impl<R: BufRead> Read for JsonRows<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.out.len() {
            if !self.next_chunk()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// What a value is, for messages.
fn kind(value: &Value) -> Message {
    match value {
        Value::Null => msg!(JsonNull),
        Value::Bool(_) => msg!(JsonBoolean),
        Value::Number(_) => msg!(JsonNumber),
        Value::String(_) => msg!(JsonText),
        Value::Array(_) => msg!(JsonList),
        Value::Object(_) => msg!(JsonObject),
    }
}

/// A value as JSON, cut short.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// One CSV row (`,`, LF) appended to `out`, quoted where needed.
fn csv_row<T: AsRef<[u8]>>(out: &mut Vec<u8>, fields: &[T]) {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    // Writing to memory cannot fail.
    let _ = writer.write_record(fields);
    let _ = writer.flush();
}

/// An object's keys and values, in order, repeated keys kept (a map
/// would keep the last silently).
fn flat_object(bytes: &[u8]) -> Result<Vec<(String, Value)>, serde_json::Error> {
    struct Entries;
    impl<'de> Visitor<'de> for Entries {
        type Value = Vec<(String, Value)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut entries = Vec::new();
            while let Some((key, value)) = map.next_entry::<String, Value>()? {
                entries.push((key, value));
            }
            Ok(entries)
        }
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let entries = (&mut deserializer).deserialize_map(Entries)?;
    deserializer.end()?;
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(message: &Message) -> String {
        crate::render::words::say(message, crate::lang::Lang::En)
    }

    /// The CSV text of `json`, or why it stopped, at its line.
    fn convert(json: &str) -> (Result<String, String>, Arc<JsonSide>) {
        let (mut rows, side) = JsonRows::new(json.as_bytes());
        let mut text = String::new();
        let result = rows
            .read_to_string(&mut text)
            .map(|_| text)
            .map_err(|e| match side.fatal() {
                Some((line, message)) => format!("line {line}: {}", english(&message)),
                None => e.to_string(),
            });
        (result, side)
    }

    #[test]
    fn rows_sit_on_their_objects_lines() {
        let json = "\u{feff}[\n  {\n    \"Nom\": \"A\",\n    \"Prenom\": \"B, C\"\n  },\n  {\"Nom\": \"D\", \"Prenom\": \"\"}\n]\n";
        let (csv, _) = convert(json);
        let csv = csv.unwrap();
        let lines: Vec<&str> = csv.split('\n').collect();
        assert_eq!(lines[0], "Nom,Prenom");
        assert_eq!(lines[1], "A,\"B, C\"");
        assert_eq!(lines[5], "D,");
    }

    #[test]
    fn first_keys_of_a_cut_file() {
        let start = "\u{feff}[\n  {\"Nom\": \"A\", \"Prenom\": \"B\"},\n  {\"Nom\": \"C";
        let mut keys = first_keys(start.as_bytes()).unwrap();
        keys.sort();
        assert_eq!(keys, ["Nom", "Prenom"]);
        assert_eq!(first_keys(b"{\"a\": 1}"), None);
        assert_eq!(first_keys(b"[]"), None);
        assert_eq!(first_keys(b"[{\"a\": "), None);
    }

    #[test]
    fn refuses_what_is_not_an_array_of_flat_objects() {
        assert!(convert("{\"a\": \"1\"}").0.unwrap_err().contains("not an array"));
        assert!(
            convert("[\n{\"a\": \"x\"},\n1\n]")
                .0
                .unwrap_err()
                .contains("line 3: element 2")
        );
        let broken = convert("[\n{\"a\": \"x\"},\n{\"a\" \"y\"}\n]").0.unwrap_err();
        assert!(broken.contains("line 3"), "{broken}");
        let cut = convert("[\n{\"a\": \"x\"},\n{\"a\": \"y").0.unwrap_err();
        assert!(cut.contains("cut short"), "{cut}");
    }

    #[test]
    fn a_repeated_key_or_a_number_is_a_problem_of_its_row() {
        let json = "[\n{\"Nom\": \"A\", \"Prenom\": \"B\"},\n{\"Nom\": \"C\", \"Nom\": \"D\", \"Prenom\": \"E\"},\n{\"Nom\": 1e29, \"Prenom\": \"F\"}\n]";
        let (csv, side) = convert(json);
        assert!(csv.is_ok());
        assert!(side.problem_at(2).is_empty());
        assert!(english(&side.problem_at(3)[0]).contains("`Nom` is given twice"));
        assert!(english(&side.problem_at(4)[0]).contains("a number"));
    }
}
