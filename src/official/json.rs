//! Publications stored as JSON: one array of flat objects. Such a file is
//! turned into CSV text in memory, one row per object, each row on the
//! line its object starts on (blank lines fill the gaps, and readers skip
//! them), so that the CSV readers read it and every message names the
//! JSON file's own line.

use serde_json::Value;

use crate::text::UTF8_BOM as BOM;

/// One CSV row (`,`, LF), quoted where needed, as the ledger readers read it.
fn csv_row<T: AsRef<[u8]>>(fields: &[T]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    writer.write_record(fields).expect("write to memory");
    writer.into_inner().expect("flush to memory")
}

/// Why a JSON file cannot be read as a publication: the line, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub line: u64,
    pub message: String,
}

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

/// The CSV text (`,`, LF) of a JSON array of flat objects: a header of
/// every key met, in the order met, then one row per object.
pub fn to_csv(bytes: &[u8]) -> Result<Vec<u8>, JsonError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| JsonError {
        line: e.line() as u64,
        message: format!("not valid JSON: {e}"),
    })?;
    let Value::Array(items) = value else {
        return Err(JsonError {
            line: 1,
            message: "the JSON is not an array of objects".into(),
        });
    };
    let lines = element_lines(bytes);
    let mut header: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Value::Object(object) = item else {
            return Err(JsonError {
                line: lines.get(i).copied().unwrap_or(1),
                message: format!("element {} of the array is not an object", i + 1),
            });
        };
        for key in object.keys() {
            if !header.contains(key) {
                header.push(key.clone());
            }
        }
    }
    let mut out = csv_row(&header);
    let mut line = 2u64;
    for (i, item) in items.iter().enumerate() {
        let at = lines.get(i).copied().unwrap_or(line);
        while line < at {
            out.push(b'\n');
            line += 1;
        }
        let Value::Object(object) = item else {
            unreachable!("checked above")
        };
        let mut fields = Vec::with_capacity(header.len());
        for key in &header {
            fields.push(match object.get(key) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(text)) => text.clone(),
                Some(Value::Number(n)) => n.to_string(),
                Some(Value::Bool(b)) => b.to_string(),
                Some(_) => {
                    return Err(JsonError {
                        line: at,
                        message: format!("the value of `{key}` is not text"),
                    });
                }
            });
        }
        let row = csv_row(&fields);
        line += row.iter().filter(|b| **b == b'\n').count() as u64;
        out.extend_from_slice(&row);
    }
    Ok(out)
}

/// The line each element of the top-level array starts on.
fn element_lines(bytes: &[u8]) -> Vec<u64> {
    let mut lines = Vec::new();
    let (mut line, mut depth) = (1u64, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    let mut expecting = false;
    for byte in bytes {
        if *byte == b'\n' {
            line += 1;
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
        if expecting && !byte.is_ascii_whitespace() && *byte != b']' {
            lines.push(line);
            expecting = false;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                expecting = depth == 1 && *byte == b'[';
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 1 => expecting = true,
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_sit_on_their_objects_lines() {
        let json = "\u{feff}[\n  {\n    \"Nom\": \"A\",\n    \"Prenom\": \"B, C\"\n  },\n  {\"Nom\": \"D\", \"Prenom\": null}\n]\n";
        let csv = String::from_utf8(to_csv(json.as_bytes()).unwrap()).unwrap();
        let lines: Vec<&str> = csv.split('\n').collect();
        assert_eq!(lines[0], "Nom,Prenom");
        assert_eq!(lines[1], "A,\"B, C\"");
        assert_eq!(lines[5], "D,");
        assert_eq!(element_lines(json.as_bytes()), vec![2, 6]);
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
        assert_eq!(to_csv(b"{\"a\": 1}").unwrap_err().line, 1);
        let nested = to_csv(b"[\n{\"a\": \"x\"},\n{\"a\": [1]}\n]").unwrap_err();
        assert_eq!(nested.line, 3);
        let broken = to_csv(b"[\n{\"a\": \"x\"},\n{\"a\" \"y\"}\n]").unwrap_err();
        assert_eq!(broken.line, 3);
        assert!(to_csv(b"[\n1\n]").unwrap_err().message.contains("not an object"));
    }
}
