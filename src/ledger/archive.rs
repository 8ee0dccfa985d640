//! Directories: of campaign ledgers, or of publications (an archive).
//!
//! A directory whose files (hidden ones aside) are all publications of the
//! Conseil constitutionnel is an archive, as `fetch` keeps one: each file
//! the cumulative list as it stood at one publication, named so that names
//! sort by time (`2027-02-16T1730.json`). An archive stands for its latest
//! file wherever a publication or a ledger is read: summing cumulative
//! files would count each sponsorship once per file.
//!
//! A directory of campaign ledgers is read as one ledger, its `*.csv` files
//! in name order. A publication among them is never read as a ledger: the
//! file a command imports is set aside (the caller says so), any other one
//! is refused, since its rows would be counted as the campaign's.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use super::columns::{Columns, Format};
use super::dialect::{BOM, Dialect};
use super::read::{LedgerReader, OpenError, ReadOptions};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::Failure;
use crate::message::{Arg, Message};
use crate::msg;
use crate::official::{self, Container, Publication, json};

/// How much of a file is read to tell what it is: a header line, or the
/// first object of a JSON array.
const SNIFFED_BYTES: u64 = 16 * 1024;

/// What a directory holds, once read.
#[derive(Debug, Default)]
pub struct Listing {
    /// The files the directory stands for: its ledgers in name order, or
    /// the latest file of an archive.
    pub files: Vec<PathBuf>,
    /// Entries passed over (a link to nothing, a pipe), as warnings.
    pub notes: Vec<Diagnostic>,
    /// The publication being imported, found among the ledgers and not
    /// read as one.
    pub set_aside: Option<PathBuf>,
    /// Whether the directory is an archive of publications.
    pub archive: bool,
}

/// The format of the publication `path` holds, told from its first bytes
/// (its header, or the keys of its first object), if it is one.
pub fn publication_of(path: &Path) -> Option<&'static Publication> {
    let mut start = Vec::new();
    File::open(path)
        .ok()?
        .take(SNIFFED_BYTES)
        .read_to_end(&mut start)
        .ok()?;
    if json::looks_like_json(&start) {
        let header = json::first_keys(&start)?;
        return official::recognise(&header, Container::Json);
    }
    let body = start.strip_prefix(BOM).unwrap_or(&start);
    let dialect = Dialect::detect(body);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(dialect.delimiter)
        .terminator(if dialect.cr {
            csv::Terminator::Any(b'\r')
        } else {
            csv::Terminator::CRLF
        })
        .from_reader(body);
    // A header longer than what is read is no publication's: theirs are short.
    if start.len() as u64 == SNIFFED_BYTES && !body.contains(&b'\n') && !body.contains(&b'\r') {
        return None;
    }
    let mut record = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut record).ok()? {
        return None;
    }
    // A header saved by French Excel is in Windows-1252, as the reader
    // would find.
    let header: Vec<String> = record
        .iter()
        .map(|name| match std::str::from_utf8(name) {
            Ok(name) => name.trim().to_string(),
            Err(_) => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(name)
                .0
                .trim()
                .to_string(),
        })
        .collect();
    match Columns::format(&header, Container::Csv) {
        Some((Format::Official(publication), _)) => Some(publication),
        _ => None,
    }
}

/// Why a directory cannot stand for a ledger or a publication.
#[derive(Debug)]
pub enum DirectoryError {
    /// It cannot be listed: the system's error.
    Unreadable { dir: PathBuf, source: std::io::Error },
    /// Campaign ledgers and a publication side by side.
    Mixed { dir: PathBuf, publication: PathBuf },
    /// Neither a ledger nor a publication in it.
    NoLedger { dir: PathBuf },
    /// Not an archive: `file` is no publication.
    NotAnArchive { dir: PathBuf, file: PathBuf },
    /// An archive that holds no publication yet.
    EmptyArchive { dir: PathBuf },
}

impl From<DirectoryError> for Message {
    fn from(error: DirectoryError) -> Message {
        match error {
            DirectoryError::Unreadable { dir, source } => {
                msg!(CannotReadDirectory, &dir, Message::verbatim(source.to_string()))
            }
            DirectoryError::Mixed { dir, publication } => msg!(LedgersAndPublication, &dir, &publication),
            DirectoryError::NoLedger { dir } => msg!(NoLedgerFile, &dir),
            DirectoryError::NotAnArchive { dir, file } => msg!(NotAnArchive, &dir, &file),
            DirectoryError::EmptyArchive { dir } => msg!(EmptyArchive, &dir),
        }
    }
}

fn unreadable(dir: &Path) -> impl FnOnce(std::io::Error) -> DirectoryError + '_ {
    move |source| DirectoryError::Unreadable {
        dir: dir.to_path_buf(),
        source,
    }
}

/// Reads the directory `dir`: an archive stands for its latest file, a
/// directory of ledgers for its `*.csv` files. `imported` is the
/// publication the command imports: found among ledgers, it is set aside.
pub fn list(dir: &Path, imported: Option<&Path>) -> Result<Listing, DirectoryError> {
    let entries = std::fs::read_dir(dir).map_err(unreadable(dir))?;
    let mut listing = Listing::default();
    let (mut ledgers, mut publications) = (Vec::new(), Vec::new());
    let imported = imported.and_then(|p| p.canonicalize().ok());
    for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
        let Some(extension) = extension_of(&path) else {
            continue;
        };
        if !path.is_file() {
            if extension == "csv" {
                listing.notes.push(passed_over(&path));
            }
            continue;
        }
        if publication_of(&path).is_some() {
            if imported.is_some() && path.canonicalize().ok() == imported {
                listing.set_aside = Some(path);
            } else {
                publications.push(path);
            }
        } else if extension == "csv" {
            ledgers.push(path);
        }
        // A `.json` file that is no publication is not the ledger's.
    }
    ledgers.sort();
    publications.sort();
    listing.notes.sort_by(|a, b| a.file.cmp(&b.file));
    if !ledgers.is_empty() {
        if let Some(publication) = publications.first() {
            return Err(DirectoryError::Mixed {
                dir: dir.to_path_buf(),
                publication: publication.clone(),
            });
        }
        listing.files = ledgers;
    } else if let Some(latest) = publications.pop() {
        listing.files = vec![latest];
        listing.archive = true;
    } else {
        return Err(DirectoryError::NoLedger {
            dir: dir.to_path_buf(),
        });
    }
    Ok(listing)
}

/// The publications of the archive `dir`, oldest first (by name, as
/// `fetch` names them). An archive not yet made holds none; a directory
/// that holds anything but publications is no archive.
pub fn publications(dir: &Path) -> Result<Vec<PathBuf>, DirectoryError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(unreadable(dir)(e)),
    };
    let mut found = Vec::new();
    for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
        if extension_of(&path).is_none() || !path.is_file() {
            continue;
        }
        if publication_of(&path).is_none() {
            return Err(DirectoryError::NotAnArchive {
                dir: dir.to_path_buf(),
                file: path,
            });
        }
        found.push(path);
    }
    found.sort();
    Ok(found)
}

/// A publication of the Conseil constitutionnel, opened to be read: a file
/// that cannot be read is a usage error; one that is not a publication is
/// refused, naming the formats the tool knows (`import`, and `prospects`'
/// `--publication` and `--history`).
pub fn open_publication(path: &Path, options: &ReadOptions) -> Result<LedgerReader, Failure> {
    let reader = LedgerReader::open(path, options).map_err(|e| match e {
        OpenError::Unreadable(message) => Failure::usage(message),
        OpenError::Invalid(found) => Failure::usage(msg!(NotAPublication, path, Arg::lines(found, 10))),
    })?;
    if !reader.format.is_official() {
        return Err(Failure::usage(msg!(NotAPublicationHeader, path)));
    }
    Ok(reader)
}

/// The publication a path stands for: a file as it is, an archive its
/// latest file.
pub fn publication_file(path: &Path) -> Result<PathBuf, DirectoryError> {
    if !path.is_dir() {
        return Ok(path.to_path_buf());
    }
    publications(path)?
        .pop()
        .ok_or_else(|| DirectoryError::EmptyArchive {
            dir: path.to_path_buf(),
        })
}

/// What a publication read whole says of itself.
#[derive(Debug, Clone, Copy)]
pub struct Whole {
    pub rows: u64,
    /// The latest publication date of its rows.
    pub latest: NaiveDate,
    pub container: Container,
}

/// How many problems of a file to quote.
const QUOTED: usize = 10;

/// Reads the publication in `path` to its end, as `import` requires one:
/// its format recognised, every row readable, at least one row. The
/// problems, said line by line, if not.
pub fn read_whole(path: &Path, options: &ReadOptions) -> Result<Whole, Message> {
    // An empty candidate cell in a publication must not default to ours.
    let options = ReadOptions {
        candidate: None,
        ..options.clone()
    };
    let said = |found: &[Diagnostic]| -> Message {
        let lines = found
            .iter()
            .map(|d| crate::msg!(LineSaid, d.line, d.message.clone()));
        crate::msg!(Verbatim, Arg::lines(lines, QUOTED))
    };
    let mut reader = match LedgerReader::open(path, &options) {
        Ok(reader) => reader,
        Err(OpenError::Invalid(found)) => return Err(said(&found)),
        Err(OpenError::Unreadable(unreadable)) => return Err(unreadable.into()),
    };
    let Format::Official(publication) = reader.format else {
        return Err(crate::msg!(ACampaignLedger));
    };
    let (mut rows, mut latest) = (0u64, None);
    let (mut found, mut errors) = (Vec::new(), Vec::new());
    while let Some((_, entry)) = reader.next_entry(&mut found) {
        errors.extend(found.drain(..).filter(Diagnostic::is_error));
        if let Some(entry) = entry {
            rows += 1;
            latest = latest.max(entry.published_on);
        }
    }
    errors.extend(found.drain(..).filter(Diagnostic::is_error));
    if !errors.is_empty() {
        return Err(said(&errors));
    }
    match latest {
        Some(latest) if rows > 0 => Ok(Whole {
            rows,
            latest,
            container: publication.container,
        }),
        _ => Err(crate::msg!(NoSponsorship)),
    }
}

/// The name a publication is archived under: the latest publication date
/// it holds, then when it was downloaded (Paris time), so that names sort
/// by time. Downloaded on that day: `2027-02-16T1730.json`; on a later day
/// (a correction, a late run), that day too: `2027-02-16_2027-02-17T0905.json`,
/// after every name of the 16th's own day. `seconds` tells apart two files
/// of one minute (`…T173005.json` sorts after `…T1730.json`).
pub fn file_name(latest: NaiveDate, downloaded: NaiveDateTime, seconds: bool, extension: &str) -> String {
    let time = if seconds {
        downloaded.format("%H%M%S")
    } else {
        downloaded.format("%H%M")
    };
    if downloaded.date() <= latest {
        format!("{latest}T{time}.{extension}")
    } else {
        format!("{latest}_{}T{time}.{extension}", downloaded.date())
    }
}

/// `csv` or `json`, for the files a directory is read for; hidden files
/// (the archive's own state, a rewrite's temporary file) are passed over.
fn extension_of(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_string_lossy();
    if name.starts_with('.') {
        return None;
    }
    match path.extension()?.to_string_lossy().to_ascii_lowercase().as_str() {
        "csv" => Some("csv"),
        "json" => Some("json"),
        _ => None,
    }
}

fn passed_over(path: &Path) -> Diagnostic {
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let what = match (link, std::fs::metadata(path)) {
        (true, Err(_)) => msg!(LinkToNothing),
        (true, Ok(target)) => {
            let to = std::fs::read_link(path).ok();
            match (target.is_dir(), to) {
                (true, Some(to)) => msg!(LinkToDirectoryAt, &to),
                (true, None) => msg!(LinkToDirectory),
                (false, Some(to)) => msg!(LinkToSpecialAt, &to),
                (false, None) => msg!(LinkToSpecial),
            }
        }
        (false, _) if path.is_dir() => msg!(ADirectory),
        (false, _) => msg!(NotARegularFile),
    };
    Diagnostic::warning(&Arc::from(path), 1, Code::SkippedFile, msg!(PassedOver, what))
        .hint(msg!(FixThisEntry))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: &str, time: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{day} {time}"), "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn tells_publications_from_ledgers_by_their_first_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        };
        let header = "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n";
        let utf8 = write(
            "a.csv",
            format!("\u{feff}{header}M.;A;B;Maire;X;Ain;C D;01/02/2022\n").as_bytes(),
        );
        assert_eq!(publication_of(&utf8).map(|p| p.name), Some("cc-2022-csv"));
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(header);
        assert!(publication_of(&write("b.csv", &latin)).is_some());
        let json = write("c.json", b"[{\"Civilite\": \"M.\", \"Nom\": \"A\", \"Prenom\": \"B\", \"Mandat\": \"Maire\", \"Circonscription\": \"\", \"Departement\": \"Ain\", \"Candidat\": \"C D\", \"DatePublication\": \"2022-02-01T00:00:00\"}");
        assert_eq!(publication_of(&json).map(|p| p.name), Some("cc-2022-json"));
        let ledger = write(
            "d.csv",
            b"status,candidate,last_name,first_name,mandate,department\n",
        );
        assert!(publication_of(&ledger).is_none());
        assert!(publication_of(&write("e.csv", b"")).is_none());
        assert!(publication_of(&write("f.json", b"[]")).is_none());
    }

    #[test]
    fn names_sort_by_time() {
        let day = NaiveDate::from_ymd_opt(2027, 2, 16).unwrap();
        let names = [
            file_name(day, at("2027-02-16", "09:05:00"), false, "json"),
            file_name(day, at("2027-02-16", "17:30:00"), false, "json"),
            file_name(day, at("2027-02-16", "17:30:05"), true, "json"),
            file_name(day, at("2027-02-16", "17:31:00"), false, "json"),
            file_name(day, at("2027-02-17", "08:00:00"), false, "json"),
            file_name(day, at("2027-02-18", "07:00:00"), false, "json"),
            file_name(
                NaiveDate::from_ymd_opt(2027, 2, 18).unwrap(),
                at("2027-02-18", "17:00:00"),
                false,
                "csv",
            ),
        ];
        assert_eq!(names[1], "2027-02-16T1730.json");
        assert_eq!(names[4], "2027-02-16_2027-02-17T0800.json");
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(sorted, names);
    }
}
