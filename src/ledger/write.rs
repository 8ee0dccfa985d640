//! Writing to a ledger: every write is either fully done or not done at all.
//!
//! - Every writer holds an exclusive lock on the ledger file for the whole
//!   read-check-write, so two volunteers adding at once both land.
//! - An append writes the whole row in one write at the end of the file, and
//!   checks the file grew by exactly that (hledger's bug #2577: appends lost
//!   on a file system without working append), then syncs.
//! - A rewrite goes to a temporary file in the same directory, synced, then
//!   renamed over the ledger: a crash leaves the old or the new file.
//! - A rewrite updates the file the ledger's name stands for: through a
//!   symlink it is the target that is replaced, in the target's directory;
//!   the new file keeps the mode, owner and group of the old one (or the
//!   rewrite is refused); and a hard-linked file, which a rename would
//!   split, is refused.

use std::fs::{File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::message::{Arg, Notes};
use crate::msg;

/// A ledger file held under an exclusive lock until dropped.
pub struct LockedLedger {
    file: File,
    /// The name the ledger was opened by.
    path: PathBuf,
    /// The file that name stands for, symlinks followed: what a rewrite
    /// replaces.
    target: PathBuf,
    /// The directories locked with it, held as long.
    _directories: Vec<File>,
}

/// Waiting for locks, with one clock for all of a writer's locks.
struct Waiting<'n> {
    started: std::time::Instant,
    timeout: Option<std::time::Duration>,
    said: bool,
    notes: &'n dyn Notes,
}

impl Waiting<'_> {
    fn new(timeout: Option<std::time::Duration>, notes: &dyn Notes) -> Waiting<'_> {
        Waiting {
            started: std::time::Instant::now(),
            timeout,
            said: false,
            notes,
        }
    }

    /// Takes `file`'s exclusive lock, saying after a second that it waits
    /// for `path`, and giving up after the timeout.
    fn lock(&mut self, file: &File, path: &Path) -> io::Result<()> {
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(()),
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => return Err(e),
            }
            let waited = self.started.elapsed();
            if self.timeout.is_some_and(|limit| waited >= limit) {
                return Err(msg!(LockHeldTooLong, Arg::Decimal(waited.as_secs_f64(), 1))
                    .into_io_error(io::ErrorKind::TimedOut));
            }
            if !self.said && waited >= std::time::Duration::from_secs(1) {
                self.notes.progress(msg!(WaitingForLock, path));
                self.said = true;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

/// Takes the exclusive lock of the directory `dir` itself (no lock file is
/// left in it), waiting as a writer of a ledger waits: for the archive of
/// publications, which two `fetch` runs must not write at once.
pub fn lock_directory(
    dir: &Path,
    timeout: Option<std::time::Duration>,
    notes: &dyn Notes,
) -> io::Result<File> {
    let file = File::open(dir)?;
    Waiting::new(timeout, notes).lock(&file, dir)?;
    Ok(file)
}

/// Locks the directory `path` is in and every directory among `ledgers`,
/// each once, always in the same order (by device and inode) so that two
/// writers never hold one each and wait for the other's. The lock is on
/// the directory itself: no lock file is left among the ledger's files.
#[cfg(unix)]
fn lock_directories(path: &Path, ledgers: &[PathBuf], waiting: &mut Waiting) -> io::Result<Vec<File>> {
    use std::os::unix::fs::MetadataExt;
    let parent = directory_of(path);
    let mut directories: Vec<((u64, u64), PathBuf, File)> = Vec::new();
    for directory in std::iter::once(&parent).chain(ledgers.iter().filter(|p| p.is_dir())) {
        let file = File::open(directory)?;
        let metadata = file.metadata()?;
        let id = (metadata.dev(), metadata.ino());
        if !directories.iter().any(|(seen, _, _)| *seen == id) {
            directories.push((id, directory.clone(), file));
        }
    }
    directories.sort_by_key(|(id, _, _)| *id);
    let mut held = Vec::with_capacity(directories.len());
    for (_, directory, file) in directories {
        waiting.lock(&file, &directory)?;
        held.push(file);
    }
    Ok(held)
}

#[cfg(not(unix))]
fn lock_directories(_path: &Path, _ledgers: &[PathBuf], _waiting: &mut Waiting) -> io::Result<Vec<File>> {
    Ok(Vec::new())
}

impl LockedLedger {
    /// Opens `path` and waits for its exclusive lock, saying so after a
    /// second, and giving up after `timeout` if one is set. A rewrite by
    /// another process may replace the file while we wait; then the lock
    /// we got is on the old file, so we open the new one and try again.
    ///
    /// The directory `path` is in, and every directory among `ledgers`,
    /// are locked first: two volunteers writing to `team/alice.csv` and
    /// `team/bob.csv` each check their entry against the other's file, so
    /// one must wait until the other is done.
    pub fn acquire(
        path: &Path,
        ledgers: &[PathBuf],
        timeout: Option<std::time::Duration>,
        notes: &dyn Notes,
    ) -> io::Result<LockedLedger> {
        let mut waiting = Waiting::new(timeout, notes);
        let directories = lock_directories(path, ledgers, &mut waiting)?;
        loop {
            let file = OpenOptions::new().read(true).write(true).open(path)?;
            waiting.lock(&file, path)?;
            if same_file(&file, path)? {
                let target = if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
                    std::fs::canonicalize(path)?
                } else {
                    path.to_path_buf()
                };
                let locked = LockedLedger {
                    file,
                    path: path.to_path_buf(),
                    target,
                    _directories: directories,
                };
                locked.remove_stale_temporaries(notes);
                return Ok(locked);
            }
        }
    }

    /// The name every temporary file of this ledger's rewrites starts with:
    /// `.parrainages.csv.parrainage-`, so that it is recognised as ours.
    fn temporary_prefix(&self) -> String {
        let name = self
            .target
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        format!(".{name}.parrainage-")
    }

    /// Removes what a rewrite of this ledger killed half-way left behind.
    /// A rewrite holds the lock for as long as its temporary file exists,
    /// so one found while we hold the lock is stale.
    fn remove_stale_temporaries(&self, notes: &dyn Notes) {
        let directory = self.directory();
        let prefix = self.temporary_prefix();
        let Ok(entries) = std::fs::read_dir(&directory) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix)
                && name.ends_with(".tmp")
                && entry.file_type().is_ok_and(|t| t.is_file())
            {
                match std::fs::remove_file(entry.path()) {
                    Ok(()) => notes.note(msg!(RemovedStaleTemporary, &entry.path())),
                    Err(e) => notes.warn(msg!(StaleTemporaryStays, &entry.path(), &e)),
                }
            }
        }
    }

    /// The directory the ledger's file is in (a symlink's target's).
    fn directory(&self) -> PathBuf {
        directory_of(&self.target)
    }

    /// Whether the ledger's name still stands for the file we hold. A
    /// program that does not take the lock (an editor saving a copy) may
    /// have put another file in its place; what was written to ours is
    /// then in a file no one will read.
    pub fn still_named(&self) -> io::Result<bool> {
        same_file(&self.file, &self.path)
    }

    /// Cuts the file to `len` bytes, durably.
    pub fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.file.set_len(len)?;
        self.file.sync_all()
    }

    /// The file's length now.
    pub fn size(&self) -> io::Result<u64> {
        Ok(self.file.metadata()?.len())
    }

    /// The last byte of the file, to know whether it ends with a newline.
    pub fn last_byte(&mut self) -> io::Result<Option<u8>> {
        let len = self.size()?;
        if len == 0 {
            return Ok(None);
        }
        let mut byte = [0u8];
        self.file.seek(SeekFrom::Start(len - 1))?;
        io::Read::read_exact(&mut self.file, &mut byte)?;
        Ok(Some(byte[0]))
    }

    /// Appends `bytes` in one write, then checks and syncs. All or
    /// nothing: if the write fails half-way (a full disk, a file-size
    /// limit), the file is cut back to its length before, so that no half
    /// row is left for a reader to count.
    pub fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        let before = self.size()?;
        self.file.seek(SeekFrom::Start(before))?;
        let done = self.file.write_all(bytes).and_then(|()| self.file.sync_data());
        let after = self.size()?;
        let failure = match done {
            Err(e) => Some(e),
            Ok(()) if after != before + bytes.len() as u64 => Some(
                msg!(AppendedShort, before, before + bytes.len() as u64, after)
                    .into_io_error(io::ErrorKind::Other),
            ),
            Ok(()) => None,
        };
        if let Some(e) = failure {
            if after > before {
                self.file.set_len(before)?;
                self.file.sync_data()?;
            }
            return Err(e);
        }
        Ok(())
    }

    /// Replaces the whole file with `contents`, atomically, keeping its
    /// permissions. The lock is held until the rename is done.
    pub fn replace(self, contents: &[u8]) -> io::Result<()> {
        self.replace_with(&[contents])
    }

    /// [`replace`](Self::replace) with contents in pieces, written one
    /// after the other: a large rewrite is never gathered in memory.
    pub fn replace_with(self, pieces: &[&[u8]]) -> io::Result<()> {
        self.replace_streaming(pieces, io::empty())
    }

    /// [`replace_with`](Self::replace_with), then what `tail` reads.
    pub fn replace_streaming(self, pieces: &[&[u8]], mut tail: impl io::Read) -> io::Result<()> {
        let old = self.file.metadata()?;
        refuse_hard_links(&old)?;
        let directory = self.directory();
        let mut temporary = tempfile::Builder::new()
            .prefix(&self.temporary_prefix())
            .suffix(".tmp")
            .tempfile_in(&directory)?;
        {
            let mut out = io::BufWriter::with_capacity(1 << 16, temporary.as_file_mut());
            for piece in pieces {
                out.write_all(piece)?;
            }
            io::copy(&mut tail, &mut out)?;
            out.flush()?;
        }
        keep_owner(temporary.as_file(), &old)?;
        // After the owner: changing it may clear set-id bits.
        temporary.as_file().set_permissions(old.permissions())?;
        temporary.as_file().sync_all()?;
        temporary.persist(&self.target).map_err(|e| e.error)?;
        // The rename is durable once the directory is synced.
        if let Ok(dir) = File::open(&directory) {
            let _ = dir.sync_all();
        }
        drop(self.file);
        Ok(())
    }
}

/// The directory a file is in: `.` for a bare file name.
/// Creates the file `path` with `contents`, whole or not at all: written to
/// a temporary file beside it, synced, then linked in under its name only
/// if nothing is there yet. A full disk leaves no empty file that a retry
/// would take for a finished one.
pub fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let directory = directory_of(path);
    let mut builder = tempfile::Builder::new();
    // What `File::create` would give: 0666 less the umask.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.prefix(".parrainage-new-").tempfile_in(&directory)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

pub fn directory_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A rename gives the new contents to one name only: the ledger's other
/// hard links would keep the old rows, with nothing to say so.
#[cfg(unix)]
fn refuse_hard_links(old: &std::fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    match old.nlink() {
        0 | 1 => Ok(()),
        links => Err(msg!(HardLinks, links).into_io_error(io::ErrorKind::Other)),
    }
}

#[cfg(not(unix))]
fn refuse_hard_links(_old: &std::fs::Metadata) -> io::Result<()> {
    Ok(())
}

/// Gives the new file the old one's owner and group, so that a ledger
/// shared by a group stays writable by the group. Only root may give a
/// file away: anyone else rewriting a colleague's ledger is refused
/// rather than left owning it.
#[cfg(unix)]
fn keep_owner(new: &File, old: &std::fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let now = new.metadata()?;
    if now.uid() == old.uid() && now.gid() == old.gid() {
        return Ok(());
    }
    std::os::unix::fs::fchown(new, Some(old.uid()), Some(old.gid())).map_err(|e| {
        msg!(
            OwnerWouldChange,
            format!("{}:{}", old.uid(), old.gid()),
            format!("{}:{}", now.uid(), now.gid()),
            &e
        )
        .into_io_error(e.kind())
    })
}

#[cfg(not(unix))]
fn keep_owner(_new: &File, _old: &std::fs::Metadata) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let open = file.metadata()?;
    match std::fs::metadata(path) {
        Ok(now) => Ok(open.dev() == now.dev() && open.ino() == now.ino()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, _path: &Path) -> io::Result<bool> {
    Ok(true)
}

/// Builds a file's new contents from the old: `changes` replace byte ranges
/// (a row, with its line end), in order; everything else is copied as it
/// was, byte for byte; `appended` rows go at the end.
pub fn splice(original: &[u8], changes: &[(u64, u64, Vec<u8>)], appended: &[u8], line_end: &[u8]) -> Vec<u8> {
    let mut out = splice_pieces(original, changes, !appended.is_empty(), line_end).concat();
    out.extend_from_slice(appended);
    out
}

/// Whether `bytes` end with the end of a line (LF, or the last byte of
/// `line_end`: CR in a file of CR line ends).
pub fn ends_a_line(bytes: &[u8], line_end: &[u8]) -> bool {
    bytes.last().is_some_and(|b| Some(b) == line_end.last())
}

/// [`splice`] as the pieces of the new contents up to the rows appended,
/// in order, borrowed from `original` and `changes`; with `appending`, a
/// line end if the file has none at its end.
pub fn splice_pieces<'a>(
    original: &'a [u8],
    changes: &'a [(u64, u64, Vec<u8>)],
    appending: bool,
    line_end: &'a [u8],
) -> Vec<&'a [u8]> {
    let mut out: Vec<&[u8]> = Vec::with_capacity(2 * changes.len() + 2);
    let mut at = 0usize;
    for (start, end, bytes) in changes {
        let (start, end) = (*start as usize, *end as usize);
        out.push(&original[at..start]);
        // A replaced last row without a final newline keeps none.
        if end == original.len() && !ends_a_line(original, line_end) && bytes.ends_with(line_end) {
            out.push(&bytes[..bytes.len() - line_end.len()]);
        } else {
            out.push(bytes);
        }
        at = end;
    }
    out.push(&original[at..]);
    out.retain(|piece| !piece.is_empty());
    if appending && out.last().is_some_and(|last| !ends_a_line(last, line_end)) {
        out.push(line_end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_keeps_untouched_bytes() {
        let original = b"h\r\na\r\nb\r\nc";
        let out = splice(original, &[(6, 9, b"B2\r\n".to_vec())], b"", b"\r\n");
        assert_eq!(out, b"h\r\na\r\nB2\r\nc");
        let out = splice(original, &[(9, 10, b"C\r\n".to_vec())], b"d\r\n", b"\r\n");
        assert_eq!(out, b"h\r\na\r\nb\r\nC\r\nd\r\n");
    }
}
