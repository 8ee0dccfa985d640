//! How a ledger file is written: separator, BOM, line ends. Detected from
//! the file and kept when the tool writes to it (SPEC.md).

/// The UTF-8 byte order mark that Excel writes.
pub use crate::text::UTF8_BOM as BOM;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// `,`, `;` or tab.
    pub delimiter: u8,
    /// The file starts with a UTF-8 BOM.
    pub bom: bool,
    /// Lines end with CRLF rather than LF.
    pub crlf: bool,
    /// Lines end with CR alone (old Mac Excel): read and written so.
    pub cr: bool,
}

impl Default for Dialect {
    fn default() -> Dialect {
        Dialect {
            delimiter: b',',
            bom: false,
            crlf: false,
            cr: false,
        }
    }
}

impl Dialect {
    /// Reads the dialect from the start of a file: the separator is the one
    /// of `,` `;` and tab found most often in the header line, outside quotes
    /// (a tie goes to `,`).
    pub fn detect(start: &[u8]) -> Dialect {
        let bom = start.starts_with(BOM);
        let body = if bom { &start[BOM.len()..] } else { start };
        let mut counts = [0usize; 3];
        let mut in_quotes = false;
        let mut crlf = false;
        // CR alone ends lines only where no LF does.
        let cr = !body.contains(&b'\n') && body.contains(&b'\r');
        let line_end = if cr { b'\r' } else { b'\n' };
        for (i, byte) in body.iter().enumerate() {
            match byte {
                b'"' => in_quotes = !in_quotes,
                b if *b == line_end && !in_quotes => {
                    crlf = !cr && i > 0 && body[i - 1] == b'\r';
                    break;
                }
                b',' if !in_quotes => counts[0] += 1,
                b';' if !in_quotes => counts[1] += 1,
                b'\t' if !in_quotes => counts[2] += 1,
                _ => {}
            }
        }
        let delimiter = if counts[1] > counts[0] && counts[1] >= counts[2] {
            b';'
        } else if counts[2] > counts[0] && counts[2] > counts[1] {
            b'\t'
        } else {
            b','
        };
        Dialect {
            delimiter,
            bom,
            crlf,
            cr,
        }
    }

    pub fn line_end(&self) -> &'static [u8] {
        if self.crlf {
            b"\r\n"
        } else if self.cr {
            b"\r"
        } else {
            b"\n"
        }
    }

    /// The byte that ends a row: LF, or CR in a file of CR line ends.
    pub fn terminator(&self) -> u8 {
        if self.cr { b'\r' } else { b'\n' }
    }

    /// A CSV writer into memory that writes this dialect's rows.
    pub fn writer(&self) -> csv::Writer<Vec<u8>> {
        self.writer_into(Vec::new())
    }

    /// [`writer`](Self::writer), into `buffer`.
    pub fn writer_into(&self, buffer: Vec<u8>) -> csv::Writer<Vec<u8>> {
        csv::WriterBuilder::new()
            .delimiter(self.delimiter)
            .terminator(if self.crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(self.terminator())
            })
            .from_writer(buffer)
    }

    /// One row, encoded in this dialect with its line end.
    pub fn encode_row<I, T>(&self, fields: I) -> Vec<u8>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        let mut writer = self.writer();
        // Writing to memory cannot fail.
        writer.write_record(fields).expect("write to memory");
        writer.into_inner().expect("flush to memory")
    }

    /// One row to append, as [`encode_row`](Self::encode_row) but with a
    /// last value that is not empty always quoted. An append killed
    /// half-way leaves a prefix of the row: cut inside the last value, an
    /// unquoted one would read as a complete row with that value shortened;
    /// quoted, the quote is left open, which every reader names as a torn
    /// row. (Cut anywhere before, the row is short of fields: torn too.)
    pub fn encode_appended_row(&self, record: &csv::ByteRecord) -> Vec<u8> {
        let fields: Vec<&[u8]> = record.iter().collect();
        let Some((&last, before)) = fields.split_last() else {
            return self.encode_row(record);
        };
        if last.is_empty() || before.is_empty() {
            return self.encode_row(record);
        }
        let mut row = self.encode_row(before);
        row.truncate(row.len() - self.line_end().len());
        row.push(self.delimiter);
        row.push(b'"');
        for &b in last {
            if b == b'"' {
                row.push(b'"');
            }
            row.push(b);
        }
        row.push(b'"');
        row.extend_from_slice(self.line_end());
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_separator_bom_and_line_ends() {
        let d = Dialect::detect(b"\xEF\xBB\xBFa;b;c\r\n1;2;3\r\n");
        assert_eq!((d.delimiter, d.bom, d.crlf), (b';', true, true));
        let d = Dialect::detect(b"a,b,c\n");
        assert_eq!((d.delimiter, d.bom, d.crlf), (b',', false, false));
        let d = Dialect::detect(b"a\tb\tc\n");
        assert_eq!(d.delimiter, b'\t');
        // A quoted header name with a comma does not fool it.
        let d = Dialect::detect(b"\"a,b\";c;d\n");
        assert_eq!(d.delimiter, b';');
    }

    #[test]
    fn an_appended_row_quotes_its_last_value() {
        let d = Dialect::detect(b"a;b;c\r\n");
        let appended = |fields: &[&str]| d.encode_appended_row(&csv::ByteRecord::from(fields.to_vec()));
        assert_eq!(appended(&["1", "", "x \"y\""]), b"1;;\"x \"\"y\"\"\"\r\n");
        assert_eq!(appended(&["1", "2", ""]), d.encode_row(["1", "2", ""]));
        // A value that needs quoting anyway is the same either way.
        assert_eq!(appended(&["1", "a;b"]), d.encode_row(["1", "a;b"]));
        // Every prefix short of the line end is torn: read, it has an
        // open quote or fewer fields than the row.
        let row = appended(&["1", "2", "note"]);
        for cut in 1..row.len() - 2 {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(b';')
                .has_headers(false)
                .from_reader(&row[..cut]);
            let record = reader.records().next().unwrap().unwrap();
            let open_quote = row[..cut].iter().filter(|&&b| b == b'"').count() % 2 == 1;
            assert!(open_quote || record.len() < 3 || &row[..cut] == b"1;2;", "{cut}");
        }
    }

    #[test]
    fn encodes_rows_in_dialect() {
        let d = Dialect {
            delimiter: b';',
            bom: true,
            crlf: true,
            cr: false,
        };
        assert_eq!(d.encode_row(["a", "b;c", ""]), b"a;\"b;c\";\r\n");
    }
}
