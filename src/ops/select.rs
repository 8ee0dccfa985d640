//! The one entry that `update` and `remove` change: found by the identity
//! flags in the ledger file read under its lock. None, or several, is an
//! error that lists what matched and changes nothing.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::context::{Context, Failure};
use crate::error::Action;
use crate::ledger::Dialect;
use crate::ledger::edit::{open_for_writing, read_whole, reader_over};
use crate::ledger::encoding::TextEncoding;
use crate::ledger::read::{Layout, Row};
use crate::ledger::scan::shell_quote;
use crate::ledger::write::{LockedLedger, splice};
use crate::message::Arg;
use crate::msg;
use crate::rules::identity::IdentityQuery;
use crate::rules::{Department, Mandate};
use crate::text::{clean, clean_path};

/// A ledger file read under its lock, and the entry chosen in it. A UTF-8
/// file is streamed through, one row at a time; a file in another
/// encoding (an Excel export, small) is read whole, decoded, so that its
/// rewrite can encode it back.
pub struct Selected {
    pub locked: LockedLedger,
    pub layout: Layout,
    pub dialect: Dialect,
    pub encoding: TextEncoding,
    /// The text of a file not stored as UTF-8, decoded.
    decoded: Option<Vec<u8>>,
    pub row: Row,
}

/// Who an official is, as typed (`--last-name`, `--mandate`…): the identity
/// of RULES.md §1, what `add` records and `update` and `remove` look for.
#[derive(Debug, Clone, Default)]
pub struct Identity {
    pub last_name: String,
    pub first_name: String,
    pub mandate: Option<String>,
    pub department: Option<String>,
    pub circonscription: Option<String>,
}

/// Which entry: the identity flags, and its line when they fit several
/// (two rows of one official).
pub struct Selection {
    pub query: IdentityQuery,
    pub line: Option<u64>,
}

impl Selection {
    /// The entry of `identity` (at `line`, if given) for `candidate`.
    pub fn of(
        identity: &Identity,
        line: Option<u64>,
        candidate: Option<String>,
    ) -> Result<Selection, Failure> {
        let mandate = identity
            .mandate
            .as_deref()
            .map(Mandate::typed)
            .transpose()
            .map_err(Failure::usage)?;
        let department = identity
            .department
            .as_deref()
            .map(Department::typed)
            .transpose()
            .map_err(Failure::usage)?;
        Ok(Selection {
            query: IdentityQuery {
                last_name: identity.last_name.clone(),
                first_name: identity.first_name.clone(),
                mandate,
                department: department.or_else(|| mandate.and_then(Mandate::fixed_unit)),
                circonscription: identity.circonscription.clone(),
                candidate,
            },
            line,
        })
    }

    fn matches(&self, row: &Row) -> bool {
        self.line.is_none_or(|line| line == row.line)
            && row.entry.as_ref().is_some_and(|entry| self.query.matches(entry))
    }
}

/// Locks `path`, reads it, and finds the one entry `selection` names.
pub fn select_one(path: &Path, selection: &Selection, context: &Context) -> Result<Selected, Failure> {
    let query = &selection.query;
    let locked = LockedLedger::acquire(path, &context.ledgers, context.lock_timeout, &*context.notes)
        .map_err(|e| Failure::io(Action::Lock, path, e))?;
    let options = &context.read;
    let mut header_reader = open_for_writing(path, options)?;
    let mut found = Vec::new();
    let mut keep = |row: Row| {
        if selection.matches(&row) {
            found.push(row);
        }
    };
    let mut ignored = Vec::new();
    let (decoded, layout, dialect) = if header_reader.encoding == TextEncoding::Utf8 {
        while let Some(row) = header_reader.next_row(&mut ignored) {
            keep(row);
            ignored.clear();
        }
        (None, header_reader.layout(), header_reader.dialect)
    } else {
        let original = read_whole(&header_reader)?;
        let mut reader = reader_over(&header_reader, &original, options)?;
        while let Some(row) = reader.next_row(&mut ignored) {
            keep(row);
            ignored.clear();
        }
        let (layout, dialect) = (reader.layout(), reader.dialect);
        (Some(original), layout, dialect)
    };
    let who = clean(&format!("{} {}", query.last_name, query.first_name)).into_owned();
    let row = match found.len() {
        0 => {
            return Err(Failure::data(msg!(
                NoEntryMatches,
                clean_path(path),
                who,
                format!(
                    "parrainage -l {} list --search {}",
                    clean(&shell_quote(&path.display().to_string())),
                    clean(&shell_quote(&query.last_name))
                )
            )));
        }
        1 => found.remove(0),
        _ => {
            let lines = found.iter().filter_map(|row| {
                let entry = row.entry.as_ref()?;
                Some(msg!(
                    EntryAtLine,
                    row.line,
                    entry,
                    clean(&entry.candidate).into_owned()
                ))
            });
            return Err(Failure::data(msg!(
                SeveralEntriesMatch,
                clean_path(path),
                found.len(),
                who,
                Arg::lines(lines, usize::MAX)
            )));
        }
    };
    Ok(Selected {
        locked,
        layout,
        dialect,
        encoding: header_reader.encoding,
        decoded,
        row,
    })
}

impl Selected {
    /// Writes the file with the chosen row replaced by `replacement` (a
    /// whole encoded row, or nothing to remove it), every other byte as it
    /// was, in one atomic step.
    pub fn rewrite(mut self, replacement: Vec<u8>, path: &Path) -> Result<(), Failure> {
        let not_changed = |e: std::io::Error| Failure::usage(msg!(LedgerNotChangedBecause, path, &e));
        let line_end = self.dialect.line_end();
        let Some(original) = &self.decoded else {
            // Streamed: the bytes before the row, the new row, the bytes after.
            let ends_a_line = self.locked.last_byte().map_err(not_changed)? == line_end.last().copied();
            let size = self.locked.size().map_err(not_changed)?;
            let mut replacement = replacement;
            // A replaced last row without a final line end keeps none.
            if self.row.end >= size && !ends_a_line && replacement.ends_with(line_end) {
                replacement.truncate(replacement.len() - line_end.len());
            }
            let (row_start, row_end) = (self.row.offset, self.row.end);
            let before = File::open(path).map_err(not_changed)?.take(row_start);
            let mut after = File::open(path).map_err(not_changed)?;
            after.seek(SeekFrom::Start(row_end)).map_err(not_changed)?;
            let whole = before.chain(std::io::Cursor::new(replacement)).chain(after);
            return self.locked.replace_streaming(&[], whole).map_err(not_changed);
        };
        let contents = splice(
            original,
            &[(self.row.offset, self.row.end, replacement)],
            b"",
            line_end,
        );
        let contents = self
            .encoding
            .encode(contents)
            .map_err(|e| Failure::data(crate::msg!(NothingChangedBecause, path, e)))?;
        self.locked.replace(&contents).map_err(not_changed)
    }
}

/// An entry removed: where it was, and what it was.
#[derive(Debug)]
pub struct Removed {
    pub file: std::path::PathBuf,
    pub line: u64,
    pub entry: crate::sponsorship::Sponsorship,
}

/// Removes the one entry `identity` (at `line`, if given) names from the
/// ledger's file, atomically; an ambiguous selection removes none.
pub fn remove(identity: &Identity, line: Option<u64>, context: &Context) -> Result<Removed, Failure> {
    let path = crate::ledger::edit::target_file(&context.ledgers)?;
    let selection = Selection::of(identity, line, context.read.candidate.clone())?;
    let selected = select_one(&path, &selection, context)?;
    let line = selected.row.line;
    let entry = selected.row.entry.clone().expect("matched rows have an entry");
    selected.rewrite(Vec::new(), &path)?;
    Ok(Removed {
        file: path,
        line,
        entry,
    })
}
