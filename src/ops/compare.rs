//! One entry compared with every row of a ledger: the duplicate check of
//! `add`, and of `update` when it changes who an entry is.
//!
//! The ledger is streamed and each row compared with the entry alone, so a
//! ledger of a million rows needs no more memory than one of ten.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::context::Failure;
use crate::engine::keys::{KeyHasher, Keys};
use crate::ledger::read::{LedgerReader, expand_importing};
use crate::ledger::{Field, ReadOptions};
use crate::rules::fold::{fold, folds_to};
use crate::rules::identity::{FindingKind, Location, Pair, candidate_key, finding};
use crate::sponsorship::Sponsorship;

/// The new entry compared with every row of the ledger, one at a time.
pub struct Comparison<'a> {
    entry: &'a Sponsorship,
    hasher: KeyHasher,
    keys: Keys,
    candidate: String,
    /// The first row of each kind of finding.
    pub found: Vec<(FindingKind, Sponsorship, Location)>,
    /// The row the entry is a new version of (`update`): not compared.
    except: Option<Location>,
}

impl<'a> Comparison<'a> {
    pub fn new(entry: &'a Sponsorship) -> Comparison<'a> {
        let mut hasher = KeyHasher::default();
        let keys = hasher.keys(entry);
        Comparison {
            entry,
            hasher,
            keys,
            candidate: candidate_key(&entry.candidate),
            found: Vec::new(),
            except: None,
        }
    }

    /// Compares every row of `file`; returns the line after its last row.
    /// Reads `file`: the line a new row would have, and where a torn last
    /// row starts, if the file has one.
    /// The entry as a new version of the row at `at`, which is skipped.
    pub fn replacing(mut self, at: Location) -> Comparison<'a> {
        self.except = Some(at);
        self
    }

    pub fn read(&mut self, file: &Path, options: &ReadOptions) -> Result<(u64, Option<(u64, u64)>), Failure> {
        let mut reader = LedgerReader::open(file, options)?;
        let mut ignored = Vec::new();
        // Only rows with the same folded last name can be the same person:
        // the others are skipped without being read further.
        let last_name = fold(&self.entry.last_name);
        let same_name = |raw: &[u8]| folds_to(raw, &last_name);
        let file = Arc::clone(&reader.path);
        while let Some((at, row)) = reader.next_entry_where(Field::LastName, same_name, &mut ignored) {
            ignored.clear();
            if self
                .except
                .as_ref()
                .is_some_and(|except| except.line == at.line && *except.file == *file)
            {
                continue;
            }
            // Most rows are elsewhere: compared without hashing.
            let Some(row) = row.filter(|row| std::ptr::eq(row.department, self.entry.department)) else {
                continue;
            };
            let keys = self.hasher.keys(&row);
            if keys.person != self.keys.person {
                continue;
            }
            let pair = Pair {
                same_official: keys.official == self.keys.official,
                same_candidate: candidate_key(row.candidate) == self.candidate,
                both_live: row.status.is_live() && self.entry.status.is_live(),
            };
            let Some(kind) = finding(pair) else {
                continue;
            };
            if !self.found.iter().any(|(k, _, _)| *k == kind) {
                let file = Arc::clone(&file);
                self.found
                    .push((kind, row.tidied(), Location { file, line: at.line }));
            }
        }
        Ok((reader.next_line(), reader.torn()))
    }
}

/// The files an entry of `target` is compared with: `target` first, then
/// the files of every other `--ledger`, each once.
pub fn ledger_files(target: &Path, ledgers: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    ledger_files_importing(target, ledgers, None).map(|(files, _)| files)
}

/// [`ledger_files`] for an import of `imported`: that publication, found
/// in a directory of the ledger, is set aside (and returned), not read as
/// a ledger file.
pub fn ledger_files_importing(
    target: &Path,
    ledgers: &[PathBuf],
    imported: Option<&Path>,
) -> Result<(Vec<PathBuf>, Option<PathBuf>), Failure> {
    let same = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let mut seen: HashSet<PathBuf> = HashSet::from([same(target)]);
    let mut files = vec![target.to_path_buf()];
    let others = expand_importing(ledgers.get(1..).unwrap_or_default(), imported).map_err(Failure::usage)?;
    for file in others.files {
        if seen.insert(same(&file)) {
            files.push(file);
        }
    }
    Ok((files, others.set_aside))
}
