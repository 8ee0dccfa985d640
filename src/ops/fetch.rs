//! `fetch`'s workflow: download the current publication of the Conseil
//! constitutionnel, keep it in the archive if it reads as a publication and
//! differs from the latest one kept, and return what was done.
//!
//! Nothing is stored until the whole body has been read as a publication,
//! every row of it, as `import` reads one: a body cut short, an HTML page,
//! a format the tool does not know leave the archive as it was. A new file
//! is written beside its final name under a hidden name, synced, then
//! renamed, under the archive directory's lock. What a conditional request
//! needs (ETag, Last-Modified) is kept in a hidden file of the archive.
//!
//! Prints nothing: the download's progress goes to the callback it is
//! handed, and what was done is returned for `render::fetch`.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::context::{Context, Failure};
use crate::error::Action;
use crate::ledger::archive::{self, Whole, file_name};
use crate::ledger::write::lock_directory;
use crate::message::{Arg, Message};
use crate::msg;
use crate::official::Container;
use crate::official::addresses::publication_address;

/// What the tool says it is, to the servers it asks.
pub const USER_AGENT: &str = concat!("parrainage/", env!("CARGO_PKG_VERSION"));

/// The hidden file of the archive that keeps each address's validators.
const STATE: &str = ".fetch.json";

/// Redirects followed before the address is called a loop.
const MAX_REDIRECTS: u32 = 10;

/// The largest body read: a publication of a million rows is under 200 MB.
const MAX_BODY: u64 = 2 << 30;

/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// What a fetch is asked to do.
pub struct FetchRequest<'r> {
    /// The address given on the command line, if any.
    pub url: Option<&'r str>,
    pub archive: &'r Path,
    /// How long one attempt may take, the body included.
    pub timeout: Duration,
    /// Attempts after the first, on a network error or a 5xx status.
    pub retries: u32,
}

/// Where the publication is downloaded from, and why there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub url: String,
    /// The election whose preset gave the address, when it is a guess
    /// (the site was not open when the tool was made).
    pub guessed_for: Option<u16>,
}

/// The address to download: the command line's, else the
/// `publication_url` setting, else the election preset's.
pub fn source(flag: Option<&str>, context: &Context) -> Result<Source, Failure> {
    if let Some(url) = flag
        .map(str::to_string)
        .or_else(|| context.publication_url.clone())
    {
        return Ok(Source {
            url,
            guessed_for: None,
        });
    }
    let year = context.read.election.year;
    match year.and_then(publication_address) {
        Some(address) => Ok(Source {
            url: address.url.to_string(),
            guessed_for: year.filter(|_| address.guess),
        }),
        None => Err(Failure::usage(msg!(NoAddressToFetch))),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchStatus {
    /// A publication the archive did not hold: stored.
    New,
    /// The same as the latest one kept: nothing stored.
    Unchanged,
}

impl FetchStatus {
    pub fn code(self) -> &'static str {
        match self {
            FetchStatus::New => "new",
            FetchStatus::Unchanged => "unchanged",
        }
    }
}

/// What a fetch did.
#[derive(Debug)]
pub struct Fetched {
    pub source: Source,
    pub status: FetchStatus,
    /// The file of the archive that holds the publication: the one stored,
    /// or the latest one kept when nothing changed.
    pub file: PathBuf,
    pub rows: u64,
    /// The latest publication date in the file.
    pub latest_publication: NaiveDate,
    /// The publication's size.
    pub bytes: u64,
    /// The server answered 304 Not Modified to a conditional request.
    pub not_modified: bool,
    /// Stored, but its latest date is before that of the archive's latest
    /// file, which stays the latest: a server that served an older list.
    pub older_than: Option<PathBuf>,
    /// What went wrong that the publication does not depend on (the
    /// validators could not be kept).
    pub warnings: Vec<String>,
}

/// Downloads the publication and keeps it if it is new. `progress` is told
/// the bytes received so far, and the size when the server says it.
pub fn fetch(
    request: &FetchRequest,
    context: &Context,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Fetched, Failure> {
    let source = source(request.url, context)?;
    let url = source.url.as_str();
    let archive = request.archive;
    let kept = archive::publications(archive).map_err(Failure::usage)?;
    let mut state = State::read(archive);
    // Validators describe a body; they are sent only while the archive's
    // latest file is that body.
    let validators = state
        .urls
        .get(url)
        .filter(|v| kept.last().is_some_and(|latest| named(latest) == v.file));
    let started = now_in_paris();
    let body = match download(&source, request, validators, progress)? {
        Downloaded::NotModified => {
            let latest = kept.last().cloned().unwrap_or_default();
            let read = read_publication(&latest, context).map_err(|problems| {
                Failure::usage(crate::msg!(NothingChangedUnreadable, url, &latest, problems))
            })?;
            return Ok(Fetched {
                status: FetchStatus::Unchanged,
                bytes: size_of(&latest),
                file: latest,
                rows: read.rows,
                latest_publication: read.latest,
                not_modified: true,
                older_than: None,
                warnings: Vec::new(),
                source,
            });
        }
        Downloaded::Body(body) => body,
    };
    let read = read_publication(body.file.path(), context)
        .map_err(|problems| Failure::usage(crate::msg!(BodyNotAPublication, url, problems)))?;

    // The archive is written by one fetch at a time: another may have
    // stored the same publication while this one downloaded it.
    std::fs::create_dir_all(archive).map_err(|e| Failure::io(Action::Create, archive, e))?;
    let _lock = lock_directory(archive, context.lock_timeout, &*context.notes)
        .map_err(|e| Failure::io(Action::Lock, archive, e))?;
    let kept = archive::publications(archive).map_err(Failure::usage)?;
    let mut fetched = Fetched {
        status: FetchStatus::Unchanged,
        file: PathBuf::new(),
        rows: read.rows,
        latest_publication: read.latest,
        bytes: body.bytes,
        not_modified: false,
        older_than: None,
        warnings: Vec::new(),
        source: source.clone(),
    };
    match kept.last() {
        Some(latest)
            if same_bytes(latest, body.file.path()).map_err(|e| Failure::io(Action::Read, latest, e))? =>
        {
            fetched.file = latest.clone();
        }
        latest => {
            let extension = match read.container {
                Container::Csv => "csv",
                Container::Json => "json",
            };
            let mut target = archive.join(file_name(read.latest, started, false, extension));
            if target.exists() {
                target = archive.join(file_name(read.latest, started, true, extension));
            }
            store(body.file.path(), &target)?;
            fetched.older_than = latest.filter(|l| named(l) > named(&target)).cloned();
            fetched.status = FetchStatus::New;
            fetched.file = target;
        }
    }
    if body.validators.etag.is_some() || body.validators.last_modified.is_some() {
        state.urls.insert(
            url.to_string(),
            Validators {
                file: named(&fetched.file),
                ..body.validators
            },
        );
        if let Err(e) = state.write(archive) {
            fetched.warnings.push(format!(
                "{}: cannot keep what the next request needs to ask only for a change: {e}",
                archive.join(STATE).display()
            ));
        }
    }
    Ok(fetched)
}

/// Reads the publication in `path` whole, as `import` would (see
/// [`archive::read_whole`]), with the rules its own dates choose.
fn read_publication(path: &Path, context: &Context) -> Result<Whole, Message> {
    let (options, _) =
        context
            .options_for_publication(&[path.to_path_buf()])
            .map_err(|failure| match failure {
                Failure::Usage(message) | Failure::Data(message) => message,
                other => crate::msg!(Verbatim, format!("{other:?}")),
            })?;
    archive::read_whole(path, &options)
}

/// What the server sent.
enum Downloaded {
    /// 304: nothing changed since the validators sent.
    NotModified,
    Body(Body),
}

struct Body {
    /// The body, in a temporary file outside the archive.
    file: tempfile::NamedTempFile,
    bytes: u64,
    validators: Validators,
}

/// Why one attempt failed, and whether another may do better.
enum Attempt {
    /// A network error or a 5xx status: worth trying again.
    Retry(Message),
    /// A 4xx status, a redirect loop, an address that is no address.
    Fail(Message),
}

/// Downloads `source`, trying again after a network error or a 5xx status,
/// waiting twice as long each time.
fn download(
    source: &Source,
    request: &FetchRequest,
    validators: Option<&Validators>,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Downloaded, Failure> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(request.timeout))
        .http_status_as_error(false)
        .max_redirects(MAX_REDIRECTS)
        .user_agent(USER_AGENT)
        .build()
        .into();
    let mut attempts = 0u32;
    loop {
        attempts += 1;
        let why = match attempt(&agent, source, request, validators, progress) {
            Ok(downloaded) => return Ok(downloaded),
            Err(Attempt::Retry(_)) if attempts <= request.retries => {
                let wait = Duration::from_secs(1 << (attempts - 1).min(5)).min(MAX_BACKOFF);
                std::thread::sleep(wait.min(request.timeout));
                continue;
            }
            Err(Attempt::Retry(why) | Attempt::Fail(why)) => why,
        };
        let tries: Arg = if attempts > 1 {
            msg!(Attempts, attempts).into()
        } else {
            "".into()
        };
        let guess: Arg = match source.guessed_for {
            Some(year) => msg!(AddressGuessed, year.to_string()).into(),
            None => "".into(),
        };
        return Err(Failure::usage(msg!(CannotFetch, &source.url, why, tries, guess)));
    }
}

/// One request, its body read into a temporary file.
fn attempt(
    agent: &ureq::Agent,
    source: &Source,
    request: &FetchRequest,
    validators: Option<&Validators>,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Downloaded, Attempt> {
    let mut call = agent.get(&source.url);
    if let Some(validators) = validators {
        if let Some(etag) = &validators.etag {
            call = call.header("If-None-Match", etag);
        }
        if let Some(modified) = &validators.last_modified {
            call = call.header("If-Modified-Since", modified);
        }
    }
    let mut response = call.call().map_err(|e| failed(&e, request.timeout))?;
    let status = response.status();
    if status == ureq::http::StatusCode::NOT_MODIFIED && validators.is_some() {
        return Ok(Downloaded::NotModified);
    }
    let said = msg!(
        ServerAnswered,
        status.as_u16().to_string(),
        status.canonical_reason().unwrap_or_default()
    );
    if status.is_server_error() {
        return Err(Attempt::Retry(said));
    }
    if !status.is_success() {
        return Err(Attempt::Fail(said));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let validators = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
        file: String::new(),
    };
    // A compressed body's length is not that of what is read.
    let total = match header("content-encoding") {
        None => response.body().content_length(),
        Some(_) => None,
    };
    let mut file = tempfile::Builder::new()
        .prefix("parrainage-fetch-")
        .tempfile()
        .map_err(kept)?;
    let mut reader = response.body_mut().with_config().limit(MAX_BODY).reader();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut bytes = 0u64;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Attempt::Retry(msg!(
                    BodyStopped,
                    bytes,
                    io_failed(&e, request.timeout)
                )));
            }
        };
        file.write_all(&buffer[..n]).map_err(kept)?;
        bytes += n as u64;
        progress(bytes, total);
    }
    if bytes == 0 {
        return Err(Attempt::Fail(msg!(BodyEmpty)));
    }
    file.flush().map_err(kept)?;
    let mut start = Vec::new();
    File::open(file.path())
        .and_then(|f| f.take(512).read_to_end(&mut start))
        .map_err(kept)?;
    if looks_like_html(&start) {
        return Err(Attempt::Fail(msg!(ServerSentHtml)));
    }
    Ok(Downloaded::Body(Body {
        file,
        bytes,
        validators,
    }))
}

/// A web page rather than data: what a site sends for an error or a
/// maintenance notice, often with status 200.
fn looks_like_html(start: &[u8]) -> bool {
    let start = start.strip_prefix(crate::text::UTF8_BOM).unwrap_or(start);
    let text = start.trim_ascii_start();
    let head: Vec<u8> = text.iter().take(15).map(u8::to_ascii_lowercase).collect();
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || head.starts_with(b"<?xml")
        || head.starts_with(b"<head")
}

/// What went wrong with a request, in words.
fn failed(error: &ureq::Error, timeout: Duration) -> Attempt {
    match error {
        ureq::Error::Io(e) => Attempt::Retry(io_failed(e, timeout)),
        ureq::Error::Timeout(_) => Attempt::Retry(timed_out(timeout)),
        ureq::Error::HostNotFound => Attempt::Retry(msg!(HostNotFound)),
        ureq::Error::ConnectionFailed => Attempt::Retry(msg!(ConnectionFailed)),
        ureq::Error::Protocol(e) => Attempt::Retry(msg!(NotHttp, e.to_string())),
        ureq::Error::TooManyRedirects => Attempt::Fail(msg!(RedirectLoop, MAX_REDIRECTS)),
        ureq::Error::BadUri(e) => Attempt::Fail(msg!(NotAnAddress, e.to_string())),
        other => Attempt::Fail(Message::verbatim(other.to_string())),
    }
}

fn io_failed(e: &io::Error, timeout: Duration) -> Message {
    if let Some(inner) = e.get_ref().and_then(|inner| inner.downcast_ref::<ureq::Error>()) {
        return match failed(inner, timeout) {
            Attempt::Retry(why) | Attempt::Fail(why) => why,
        };
    }
    match e.kind() {
        io::ErrorKind::ConnectionRefused => msg!(ConnectionRefused),
        io::ErrorKind::NetworkUnreachable | io::ErrorKind::HostUnreachable => {
            msg!(NetworkUnreachable)
        }
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => timed_out(timeout),
        io::ErrorKind::UnexpectedEof => msg!(ClosedBeforeTheEnd),
        _ if is_name_resolution(e) => msg!(HostNotFound),
        _ => Message::verbatim(e.to_string()),
    }
}

/// A host name the system resolver could not resolve. ureq's resolver
/// passes on the io::Error of `to_socket_addrs`, whose kind is not a stable
/// `ErrorKind`: the standard library's own wording is all that tells it.
fn is_name_resolution(e: &io::Error) -> bool {
    e.to_string().starts_with("failed to lookup address information")
}

fn timed_out(timeout: Duration) -> Message {
    msg!(TimedOut, timeout.as_secs_f64().to_string())
}

/// The body could not be kept in its temporary file.
fn kept(e: io::Error) -> Attempt {
    Attempt::Fail(msg!(CannotKeepBody, e.to_string()))
}

/// Writes `body` to `target` in one step: a hidden file beside it, synced,
/// then renamed, never over an existing file. A failure leaves nothing.
fn store(body: &Path, target: &Path) -> Result<(), Failure> {
    let directory = target.parent().unwrap_or(Path::new("."));
    let failed = |e: io::Error| Failure::io(Action::Write, target, e);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".fetch-").suffix(".tmp");
    // A publication is public: the permissions a new file would get.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut out = builder.tempfile_in(directory).map_err(failed)?;
    io::copy(&mut File::open(body).map_err(failed)?, &mut out).map_err(failed)?;
    out.as_file().sync_all().map_err(failed)?;
    out.persist_noclobber(target).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Whether two files hold the same bytes.
fn same_bytes(a: &Path, b: &Path) -> io::Result<bool> {
    let (mut a, mut b) = (File::open(a)?, File::open(b)?);
    if a.metadata()?.len() != b.metadata()?.len() {
        return Ok(false);
    }
    let (mut left, mut right) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let n = a.read(&mut left)?;
        if n == 0 {
            return Ok(true);
        }
        b.read_exact(&mut right[..n])?;
        if left[..n] != right[..n] {
            return Ok(false);
        }
    }
}

fn size_of(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or_default()
}

/// A file's name in the archive.
fn named(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Now, in Paris, where the publications are made: archive names read in
/// the Conseil's time.
fn now_in_paris() -> NaiveDateTime {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .naive_local()
}

/// What a server said of a body, for a conditional request: its ETag and
/// Last-Modified, and the archive's file that holds that body.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_modified: Option<String>,
    file: String,
}

/// The archive's hidden state: the validators of each address fetched.
#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    urls: BTreeMap<String, Validators>,
}

impl State {
    /// The state kept in `archive`; none if there is none, or if it cannot
    /// be read (it is only an optimisation: the body is then downloaded
    /// whole and compared).
    fn read(archive: &Path) -> State {
        std::fs::read(archive.join(STATE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the state in one step.
    fn write(&self, archive: &Path) -> io::Result<()> {
        let mut out = tempfile::Builder::new()
            .prefix(".fetch-")
            .suffix(".tmp")
            .tempfile_in(archive)?;
        serde_json::to_writer_pretty(&mut out, self)?;
        out.write_all(b"\n")?;
        out.as_file().sync_all()?;
        out.persist(archive.join(STATE)).map_err(|e| e.error)?;
        Ok(())
    }
}
