//! A file read on a thread of its own, its entries handed over in batches:
//! splitting, decoding and checking each row on one core while the other
//! does what the rows are read for (`import`'s reconciliation and writes).
//! Entries come out in file order, with the same diagnostics, as
//! [`LedgerReader::next_entry`] gives them.

use std::ops::Range;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::{LedgerReader, RowAt};
use crate::diagnostic::Diagnostic;
use crate::error::Failure;
use crate::sponsorship::{Entry, Sponsorship};

/// Rows a batch holds: enough that handing one over costs nothing beside
/// reading it, few enough that the batches in flight stay small.
const BATCH_ROWS: usize = 1024;
/// Batches read ahead of the one in use.
const IN_FLIGHT: usize = 2;

/// An entry whose texts are ranges of its batch's text.
type Stored = Sponsorship<Range<usize>>;

struct Row {
    at: RowAt,
    entry: Option<Stored>,
    /// This row's diagnostics in the batch's.
    diagnostics: Range<usize>,
}

#[derive(Default)]
struct Batch {
    text: String,
    rows: Vec<Row>,
    diagnostics: Vec<Diagnostic>,
    /// The last batch: what the reader said when it stopped (a file cut
    /// short), if anything.
    end: Option<Vec<Diagnostic>>,
}

impl Batch {
    fn store(&mut self, entry: &Entry) -> Stored {
        let mut keep = |text: &str| {
            let start = self.text.len();
            self.text.push_str(text);
            start..self.text.len()
        };
        Sponsorship {
            status: entry.status,
            candidate: keep(entry.candidate),
            civility: entry.civility.map(&mut keep),
            last_name: keep(entry.last_name),
            first_name: keep(entry.first_name),
            mandate: entry.mandate,
            circonscription: keep(entry.circonscription),
            department: entry.department,
            claimed_on: entry.claimed_on,
            published_on: entry.published_on,
            source: keep(entry.source),
            notes: keep(entry.notes),
        }
    }

    fn view<'b>(&'b self, stored: &Stored) -> Entry<'b> {
        let text = |range: &Range<usize>| &self.text[range.clone()];
        Sponsorship {
            status: stored.status,
            candidate: text(&stored.candidate),
            civility: stored.civility.as_ref().map(text),
            last_name: text(&stored.last_name),
            first_name: text(&stored.first_name),
            mandate: stored.mandate,
            circonscription: text(&stored.circonscription),
            department: stored.department,
            claimed_on: stored.claimed_on,
            published_on: stored.published_on,
            source: text(&stored.source),
            notes: text(&stored.notes),
        }
    }
}

/// The entries of a file being read on another thread.
pub struct ReadAhead {
    batches: Receiver<Batch>,
    batch: Batch,
    /// The next row of `batch` to hand out.
    next: usize,
    done: bool,
}

impl ReadAhead {
    /// Opens the file at `path` with `open` on a thread of its own and
    /// reads it there; the error of `open`, if any, is returned here. When
    /// the `ReadAhead` is dropped, the thread stops at its next batch.
    pub fn spawn(
        path: &Path,
        open: impl FnOnce() -> Result<LedgerReader, Failure> + Send + 'static,
    ) -> Result<ReadAhead, Failure> {
        let (opened_tx, opened) = sync_channel::<Result<(), Failure>>(1);
        let (tx, batches) = sync_channel::<Batch>(IN_FLIGHT);
        std::thread::spawn(move || match open() {
            Ok(reader) => {
                if opened_tx.send(Ok(())).is_ok() {
                    read(reader, &tx);
                }
            }
            Err(failure) => {
                let _ = opened_tx.send(Err(failure));
            }
        });
        match opened.recv() {
            Ok(Ok(())) => Ok(ReadAhead {
                batches,
                batch: Batch::default(),
                next: 0,
                done: false,
            }),
            Ok(Err(failure)) => Err(failure),
            // The thread ended before it said: it panicked.
            Err(_) => Err(Failure::usage(crate::msg!(ThreadReadingFailed, path))),
        }
    }

    /// The next entry, as [`LedgerReader::next_entry`] gives it: its
    /// diagnostics pushed onto `diagnostics`, and at the end those of a
    /// file that could not be read to its end.
    pub fn next_entry(&mut self, diagnostics: &mut Vec<Diagnostic>) -> Option<(RowAt, Option<Entry<'_>>)> {
        while self.next == self.batch.rows.len() {
            if let Some(end) = self.batch.end.take() {
                // After the last row, what the reader said when it stopped.
                diagnostics.extend(end);
                self.done = true;
            }
            if self.done {
                return None;
            }
            match self.batches.recv() {
                Ok(batch) => {
                    self.batch = batch;
                    self.next = 0;
                }
                Err(_) => {
                    // The reading thread ended without its last batch.
                    self.done = true;
                    return None;
                }
            }
        }
        let row = &self.batch.rows[self.next];
        self.next += 1;
        diagnostics.extend(self.batch.diagnostics[row.diagnostics.clone()].iter().cloned());
        Some((row.at, row.entry.as_ref().map(|stored| self.batch.view(stored))))
    }
}

/// Reads every row of `reader` into batches sent on `tx`, the last one
/// marked; stops early if no one listens.
fn read(mut reader: LedgerReader, tx: &SyncSender<Batch>) {
    let mut batch = Batch::default();
    let mut found = Vec::new();
    loop {
        let Some((at, entry)) = reader.next_entry(&mut found) else {
            batch.end = Some(std::mem::take(&mut found));
            let _ = tx.send(batch);
            return;
        };
        let entry = entry.map(|entry| batch.store(&entry));
        let start = batch.diagnostics.len();
        batch.diagnostics.append(&mut found);
        let diagnostics = start..batch.diagnostics.len();
        batch.rows.push(Row {
            at,
            entry,
            diagnostics,
        });
        if batch.rows.len() == BATCH_ROWS {
            let full = std::mem::replace(
                &mut batch,
                Batch {
                    text: String::with_capacity(64 * BATCH_ROWS),
                    rows: Vec::with_capacity(BATCH_ROWS),
                    ..Batch::default()
                },
            );
            if tx.send(full).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::ReadOptions;
    use crate::rules::Election;

    /// What a reader hands out, row by row: the line, the entry as a
    /// sentence, and the codes of the row's diagnostics.
    type Seen = Vec<(u64, Option<String>, Vec<&'static str>)>;

    /// Every row `next` hands out, then what is left said at the end.
    fn seen(mut next: impl FnMut(&mut Vec<Diagnostic>) -> Option<(u64, Option<String>)>) -> Seen {
        let (mut seen, mut found) = (Vec::new(), Vec::new());
        while let Some((line, entry)) = next(&mut found) {
            seen.push((line, entry, found.drain(..).map(|d| d.code.as_str()).collect()));
        }
        seen.push((0, None, found.iter().map(|d| d.code.as_str()).collect()));
        seen
    }

    fn seen_in_place(path: &Path, options: &ReadOptions) -> Seen {
        let mut reader = LedgerReader::open(path, options).ok().unwrap();
        seen(|found| {
            let (at, entry) = reader.next_entry(found)?;
            Some((at.line, entry.map(|e| format!("{e:?}"))))
        })
    }

    fn seen_ahead(path: &Path, options: &ReadOptions) -> Seen {
        let (path, options) = (path.to_path_buf(), options.clone());
        let opened = path.clone();
        let mut reader = ReadAhead::spawn(&opened, move || {
            LedgerReader::open(&path, &options)
                .map_err(|_| Failure::usage(crate::msg!(ThreadReadingFailed, &path)))
        })
        .unwrap();
        seen(|found| {
            let (at, entry) = reader.next_entry(found)?;
            Some((at.line, entry.map(|e| format!("{e:?}"))))
        })
    }

    /// Rows across several batches, bad ones at a batch's edges, and a
    /// last row whose quote is never closed: the same entries, lines and
    /// diagnostics, in the same order, as the file read in place.
    #[test]
    fn entries_and_problems_as_read_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cc.csv");
        let mut text = String::from(
            "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n",
        );
        for i in 0..(3 * BATCH_ROWS + 10) {
            if [BATCH_ROWS - 2, BATCH_ROWS - 1, 2 * BATCH_ROWS + 1].contains(&i) {
                text.push_str(&format!(
                    "M.;NOM{i};Jean;Maire;Verdun;Meuse;MARTIN Claire;31/02/2022\n"
                ));
            } else {
                text.push_str(&format!(
                    "Mme;NOM{i};Anne;Maire;Commune-{i};Aisne;MARTIN Claire;08/02/2022\n"
                ));
            }
        }
        text.push_str("M.;\"NOM;Jean;Maire;Verdun;Meuse;MARTIN Claire;08/02/2022\n");
        std::fs::write(&path, text).unwrap();
        let options = ReadOptions {
            election: Election::preset(2022).unwrap(),
            ..ReadOptions::default()
        };
        let in_place = seen_in_place(&path, &options);
        assert!(in_place.len() > 3 * BATCH_ROWS);
        assert!(in_place.iter().filter(|(_, entry, _)| entry.is_none()).count() >= 3);
        let ahead = seen_ahead(&path, &options);
        let first_difference = ahead.iter().zip(&in_place).position(|(a, b)| a != b);
        assert_eq!(
            first_difference,
            None,
            "{:?}",
            first_difference.map(|i| (&ahead[i], &in_place[i]))
        );
        assert_eq!(ahead.len(), in_place.len());
    }

    /// A file that cannot be opened is said where `spawn` is called.
    #[test]
    fn a_file_that_cannot_be_opened_is_said_at_once() {
        let missing = Path::new("/nonexistent/cc.csv").to_path_buf();
        let path = missing.clone();
        let failed = ReadAhead::spawn(&missing, move || {
            LedgerReader::open(&path, &ReadOptions::default())
                .map_err(|_| Failure::usage(crate::msg!(ThreadReadingFailed, &path)))
        });
        assert!(matches!(failed, Err(Failure::Usage(_))));
    }
}
