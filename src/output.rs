//! Where a command's output goes: standard output, or the file that `-o`
//! names, written as a shell redirection (`>`) would write it, never over
//! a file the command reads.
//!
//! - The target is checked before any work is done: `report -o
//!   parrainages.csv` would replace the ledger with the report, and
//!   `import … -o parrainages.csv` the rows it had just written. A target
//!   that is, or links to, a file of the run (ledger, settings,
//!   publication, register) is refused, exit 2.
//! - A symlink is followed and its target written; a device, a FIFO or
//!   `/dev/stdout` is written directly (a write error, such as the
//!   `ENOSPC` of `/dev/full`, fails the command); a regular file keeps its
//!   mode and owner. Only a new or plain regular file in a writable
//!   directory is written to a temporary file and renamed over, so that a
//!   reader never sees half a page; where a rename would be wrong (a
//!   read-only directory, hard links, an owner the process cannot give)
//!   the file is truncated and written in place, as the shell does.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::Action;
use crate::error::Failure;

/// The destination of a command's output, checked.
#[derive(Debug)]
pub struct Output {
    target: Target,
}

#[derive(Debug)]
enum Target {
    Stdout,
    /// `-o FILE`: the path as given, for messages, and how to write it.
    File {
        given: PathBuf,
        how: Write_,
    },
}

#[derive(Debug)]
enum Write_ {
    /// A temporary file in `directory`, renamed over `path` (the links
    /// followed); `keep` is the existing file's mode and owner.
    Rename { path: PathBuf, keep: Option<Kept> },
    /// Opened and written where it is: a device, a FIFO, a file whose
    /// directory cannot take a temporary file.
    InPlace(PathBuf),
}

#[derive(Debug, Clone, Copy)]
struct Kept {
    mode: u32,
    uid: u32,
    gid: u32,
}

/// What a file is, for comparing a target with the files a run reads:
/// its device and inode, links followed.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        Output {
            target: Target::Stdout,
        }
    }

    /// Standard output, or the file `path` when one is given; refused
    /// (exit 2) when `path` is, or links to, one of the files `reads`
    /// names, or a file in one of the directories it names.
    pub fn to(path: Option<&Path>, reads: &[PathBuf]) -> Result<Output, Failure> {
        let Some(path) = path else {
            return Ok(Output::stdout());
        };
        if let Some(target) = identity(path) {
            for read in reads {
                let hit = if read.is_dir() {
                    std::fs::read_dir(read)
                        .into_iter()
                        .flatten()
                        .filter_map(|entry| entry.ok())
                        .find(|entry| identity(&entry.path()).as_ref() == Some(&target))
                        .map(|entry| entry.path())
                } else {
                    (identity(read).as_ref() == Some(&target)).then(|| read.clone())
                };
                if let Some(hit) = hit {
                    return Err(Failure::usage(if hit == path {
                        crate::msg!(OutputIsRead, path)
                    } else {
                        crate::msg!(OutputIsReadAs, path, &hit)
                    }));
                }
            }
        }
        Ok(Output {
            target: Target::File {
                given: path.to_path_buf(),
                how: how_to_write(path),
            },
        })
    }

    /// Whether the output is a file (`-o`), not standard output.
    pub fn is_file(&self) -> bool {
        matches!(self.target, Target::File { .. })
    }

    /// Writes `text` whole.
    pub fn write(&self, text: &[u8]) -> Result<(), Failure> {
        self.stream(|out| out.write_all(text))
    }

    /// Writes what `fill` writes, streamed. To a file, in one step where
    /// the file allows it: nothing is left of a failed write but the file
    /// as it was. To standard output, a closed pipe (`| head`) is not an
    /// error.
    pub fn stream(&self, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Failure> {
        match &self.target {
            Target::Stdout => {
                let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
                stdout_written(fill(&mut out).and_then(|()| out.flush()))
            }
            Target::File { given, how } => {
                let failed = |e: io::Error| Failure::io(Action::Write, given, e);
                match how {
                    Write_::InPlace(path) => in_place(path, true, fill).map_err(failed),
                    Write_::Rename { path, keep } => {
                        match renamed(path, *keep, fill) {
                            Ok(()) => Ok(()),
                            Err(Renamed::Failed(e)) => Err(failed(e)),
                            // The directory takes no new file, or the owner
                            // cannot be given: written in place, as `>` would.
                            Err(Renamed::CannotRename(fill)) => in_place(path, false, fill).map_err(failed),
                        }
                    }
                }
            }
        }
    }
}

/// Why a command's output stopped: a write failed, or the command did.
#[derive(Debug)]
pub enum Stopped {
    Write(io::Error),
    Failed(Failure),
}

impl From<io::Error> for Stopped {
    fn from(e: io::Error) -> Stopped {
        Stopped::Write(e)
    }
}

impl From<Failure> for Stopped {
    fn from(failure: Failure) -> Stopped {
        Stopped::Failed(failure)
    }
}

impl Output {
    /// Runs a command whose output `fill` writes as it works, and returns
    /// what it returns. A command that fails leaves nothing in a file:
    /// the file is as it was.
    pub fn produce<T>(&self, fill: impl FnOnce(&mut dyn Write) -> Result<T, Stopped>) -> Result<T, Failure> {
        let mut outcome = None;
        let written = self.stream(|out| match fill(out) {
            Ok(value) => {
                outcome = Some(Ok(value));
                Ok(())
            }
            Err(Stopped::Write(e)) => Err(e),
            Err(Stopped::Failed(failure)) => {
                outcome = Some(Err(failure));
                Err(io::Error::other("the command failed"))
            }
        });
        match (outcome, written) {
            (Some(Err(failure)), _) => Err(failure),
            (Some(Ok(value)), Ok(())) => Ok(value),
            (_, Err(failure)) => Err(failure),
            (None, Ok(())) => unreachable!("the output is written by `fill`"),
        }
    }
}

/// The outcome of writing to standard output: a closed pipe is not an
/// error (`| head` stops reading); anything else is.
pub fn stdout_written(result: io::Result<()>) -> Result<(), Failure> {
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::io(Action::Write, Path::new("the output"), e))
        }
        _ => Ok(()),
    }
}

enum Renamed<F> {
    Failed(io::Error),
    /// A rename is not possible here; `fill` was not called.
    CannotRename(F),
}

/// Writes what `fill` writes into `path` itself, as `>` would (creating
/// it when `create`), flushed.
fn in_place(
    path: &Path,
    create: bool,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let file = OpenOptions::new()
        .write(true)
        .create(create)
        .truncate(true)
        .open(path)?;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    fill(&mut out)?;
    out.flush()
}

/// Writes a temporary file beside `path` with what `fill` writes, with
/// the mode and owner `keep` says, synced, and renames it over `path`.
fn renamed<F>(path: &Path, keep: Option<Kept>, fill: F) -> Result<(), Renamed<F>>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let directory = crate::ledger::write::directory_of(path);
    let mut builder = tempfile::Builder::new();
    // A new file gets what the shell would give it: 0666 less the umask
    // (the mode goes through open(2), which applies the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let temp = match builder.prefix(".parrainage-output-").tempfile_in(&directory) {
        Ok(temp) => temp,
        Err(e) if keep.is_some() && e.kind() == io::ErrorKind::PermissionDenied => {
            return Err(Renamed::CannotRename(fill));
        }
        Err(e) => return Err(Renamed::Failed(e)),
    };
    if let Some(kept) = keep
        && !give(temp.as_file(), kept)
    {
        return Err(Renamed::CannotRename(fill));
    }
    let mut out = BufWriter::with_capacity(1 << 16, temp);
    let written = fill(&mut out).and_then(|()| out.flush());
    let temp = match (written, out.into_inner()) {
        (Ok(()), Ok(temp)) => temp,
        (Err(e), _) => return Err(Renamed::Failed(e)),
        (_, Err(e)) => return Err(Renamed::Failed(e.into_error())),
    };
    temp.as_file().sync_all().map_err(Renamed::Failed)?;
    temp.persist(path).map_err(|e| Renamed::Failed(e.error))?;
    Ok(())
}

/// Gives `file` the mode and owner of the file it replaces; false when
/// the owner cannot be given (only root may give a file away).
#[cfg(unix)]
fn give(file: &File, kept: Kept) -> bool {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(now) = file.metadata() else {
        return false;
    };
    if (now.uid(), now.gid()) != (kept.uid, kept.gid)
        && std::os::unix::fs::fchown(file, Some(kept.uid), Some(kept.gid)).is_err()
    {
        return false;
    }
    file.set_permissions(std::fs::Permissions::from_mode(kept.mode))
        .is_ok()
}

#[cfg(not(unix))]
fn give(_file: &File, _kept: Kept) -> bool {
    true
}

/// How to write `path` as a shell would: its links followed; a special
/// file or one of several hard links in place; a plain file by rename.
fn how_to_write(path: &Path) -> Write_ {
    let Some(resolved) = follow_links(path) else {
        // `/dev/stdout` and the like: opened as they are.
        return Write_::InPlace(path.to_path_buf());
    };
    match std::fs::metadata(&resolved) {
        Ok(metadata) if !metadata.is_file() => Write_::InPlace(resolved),
        Ok(metadata) => plain_or_linked(resolved, &metadata),
        Err(_) => Write_::Rename {
            path: resolved,
            keep: None,
        },
    }
}

#[cfg(unix)]
fn plain_or_linked(path: PathBuf, metadata: &std::fs::Metadata) -> Write_ {
    use std::os::unix::fs::MetadataExt;
    if metadata.nlink() > 1 {
        // A rename would leave the other names with the old contents.
        return Write_::InPlace(path);
    }
    Write_::Rename {
        path,
        keep: Some(Kept {
            mode: metadata.mode() & 0o7777,
            uid: metadata.uid(),
            gid: metadata.gid(),
        }),
    }
}

#[cfg(not(unix))]
fn plain_or_linked(path: PathBuf, _metadata: &std::fs::Metadata) -> Write_ {
    Write_::Rename {
        path,
        keep: Some(Kept {
            mode: 0,
            uid: 0,
            gid: 0,
        }),
    }
}

/// `path` with its symlinks followed to the file they name (which may not
/// exist yet: `>` creates it); `None` for a link into `/proc` (the
/// `/dev/stdout` of a process), which must be opened, not replaced.
fn follow_links(path: &Path) -> Option<PathBuf> {
    let mut path = path.to_path_buf();
    // As many links as the kernel follows.
    for _ in 0..40 {
        let Ok(metadata) = std::fs::symlink_metadata(&path) else {
            return Some(path);
        };
        if !metadata.file_type().is_symlink() {
            return Some(path);
        }
        let Ok(target) = std::fs::read_link(&path) else {
            return Some(path);
        };
        if target.starts_with("/proc") {
            return None;
        }
        path = match path.parent() {
            Some(parent) if target.is_relative() => parent.join(target),
            _ => target,
        };
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_followed_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("real.txt"), "old").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).unwrap();
        #[cfg(unix)]
        assert_eq!(
            follow_links(&dir.path().join("link.txt")),
            Some(dir.path().join("real.txt"))
        );
    }
}
