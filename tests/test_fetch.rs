//! `parrainage fetch`: the real binary against a real HTTP server run by
//! the test on 127.0.0.1 (a few lines of `std::net`), which serves the
//! project's fixtures, and every fault the issue names: a refused
//! connection, a host name that cannot be resolved, no network, a slow body, 404, 500, a redirect loop, a body cut short,
//! an HTML page, an unknown header, a read-only archive. No test reaches
//! beyond this machine.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{HEADER, Workdir, fixture};
use predicates::prelude::*;
use serde_json::Value;

/// A request as the server read it.
#[derive(Debug, Clone)]
struct Request {
    path: String,
    headers: Vec<(String, String)>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with a request.
enum Reply {
    /// These bytes, then the connection closed.
    Raw(Vec<u8>),
    /// The first bytes, a pause, then the rest.
    Slow(Vec<u8>, Duration, Vec<u8>),
}

/// A server on 127.0.0.1 and a free port, answering each request on its
/// own connection with what `handler` says, until dropped (or a minute).
struct Server {
    address: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start(handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let address = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen, stopped) = (Arc::clone(&requests), Arc::clone(&stop));
        let handler = Arc::new(handler);
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while !stopped.load(Ordering::Relaxed) && Instant::now() < deadline {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                let (seen, handler) = (Arc::clone(&seen), Arc::clone(&handler));
                std::thread::spawn(move || answer(stream, &seen, &*handler));
            }
        });
        Server {
            address,
            requests,
            stop,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn answer(
    stream: TcpStream,
    seen: &Mutex<Vec<Request>>,
    handler: &(dyn Fn(&Request, usize) -> Reply + Send + Sync),
) {
    stream.set_nonblocking(false).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let path = first.split(' ').nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let request = Request { path, headers };
    let nth = {
        let mut seen = seen.lock().unwrap();
        seen.push(request.clone());
        seen.len()
    };
    let mut stream = stream;
    match handler(&request, nth) {
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes);
        }
        Reply::Slow(first, pause, rest) => {
            let _ = stream.write_all(&first);
            let _ = stream.flush();
            std::thread::sleep(pause);
            let _ = stream.write_all(&rest);
        }
    }
    let _ = stream.flush();
}

/// An HTTP response with its length, closing the connection.
fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn ok(body: &[u8]) -> Reply {
    Reply::Raw(response("200 OK", &[("Content-Type", "text/csv")], body))
}

fn publication() -> Vec<u8> {
    std::fs::read(fixture("import/cc-2022-02-15.csv")).unwrap()
}

fn earlier_publication() -> Vec<u8> {
    std::fs::read(fixture("import/cc-2022-02-08.csv")).unwrap()
}

/// `parrainage fetch URL` in `wd`, with no proxy between it and the
/// server, a short timeout and no retry unless `options` say otherwise.
fn fetch(wd: &Workdir, url: &str) -> assert_cmd::Command {
    fetch_with(wd, url, &[])
}

fn fetch_with(wd: &Workdir, url: &str, options: &[&str]) -> assert_cmd::Command {
    let mut cmd = wd.cmd();
    for proxy in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env_remove(proxy);
    }
    cmd.args(["fetch", url]).args(options);
    if !options.contains(&"--timeout") {
        cmd.args(["--timeout", "2"]);
    }
    if !options.contains(&"--retries") {
        cmd.args(["--retries", "0"]);
    }
    cmd
}

fn json_of(output: &std::process::Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON document")
}

/// The files of a directory, hidden ones too, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

/// The files of the archive that are publications (not hidden).
fn archived(dir: &Path) -> Vec<String> {
    files(dir).into_iter().filter(|n| !n.starts_with('.')).collect()
}

/// A name that sorts by time: the latest publication date, then the
/// download time (the download day too when it is later).
fn is_archive_name(name: &str, latest: &str, extension: &str) -> bool {
    let Some(rest) = name.strip_prefix(latest) else {
        return false;
    };
    let rest = rest.strip_prefix('_').map_or(rest, |r| r.get(10..).unwrap_or(""));
    let Some(time) = rest
        .strip_prefix('T')
        .and_then(|r| r.strip_suffix(&format!(".{extension}")))
    else {
        return false;
    };
    time.len() == 4 && time.chars().all(|c| c.is_ascii_digit())
}

#[test]
fn a_publication_is_stored_once_then_unchanged_with_a_304_to_its_etag() {
    let body = publication();
    let server = Server::start(move |request, _| {
        if request.header("If-None-Match") == Some("\"v1\"") {
            Reply::Raw(response("304 Not Modified", &[("ETag", "\"v1\"")], b""))
        } else {
            Reply::Raw(response("200 OK", &[("ETag", "\"v1\"")], &body))
        }
    });
    let wd = Workdir::new();
    let url = server.url("/parrainagestotal.csv");
    let first = json_of(&fetch(&wd, &url).args(["--format", "json"]).output().unwrap());
    assert_eq!(first["status"], "new");
    assert_eq!(first["url"], url.as_str());
    assert_eq!(first["rows"], 13);
    assert_eq!(first["latest_publication"], "2022-02-15");
    assert_eq!(first["bytes"], publication().len());
    let mut keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        ["bytes", "file", "latest_publication", "rows", "status", "url"]
    );
    let stored = archived(&wd.path("publications"));
    assert_eq!(stored.len(), 1);
    assert!(is_archive_name(&stored[0], "2022-02-15", "csv"), "{stored:?}");
    assert_eq!(first["file"], format!("publications/{}", stored[0]).as_str());
    assert_eq!(
        wd.read_bytes(&format!("publications/{}", stored[0])),
        publication()
    );

    let second = json_of(&fetch(&wd, &url).args(["--format", "json"]).output().unwrap());
    assert_eq!(second["status"], "unchanged");
    assert_eq!(second["file"], first["file"]);
    assert_eq!(second["rows"], 13);
    assert_eq!(archived(&wd.path("publications")), stored);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("If-None-Match"), None);
    assert_eq!(requests[1].header("If-None-Match"), Some("\"v1\""));
    assert!(
        requests[0]
            .header("User-Agent")
            .is_some_and(|agent| agent.starts_with("parrainage/")),
        "{:?}",
        requests[0]
    );

    // In words, and in French.
    fetch(&wd, &url)
        .assert()
        .success()
        .stdout(predicate::str::contains("No new publication since publications/"))
        .stdout(predicate::str::contains("says nothing changed"));
    fetch_with(&wd, &url, &["--lang", "fr"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "Pas de nouvelle publication depuis publications/{} (dernière publication le 15/02/2022, 13 lignes).",
            stored[0]
        )))
        .stdout(predicate::str::contains("répond que rien n'a changé"));
}

#[test]
fn the_same_body_without_validators_is_unchanged_and_a_new_one_is_stored_after_it() {
    let serving = Arc::new(Mutex::new(earlier_publication()));
    let body = Arc::clone(&serving);
    let server = Server::start(move |_, _| ok(&body.lock().unwrap()));
    let wd = Workdir::new();
    let url = server.url("/p.csv");
    fetch(&wd, &url)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "New publication stored: publications/2022-02-08",
        ));
    fetch(&wd, &url)
        .assert()
        .success()
        .stdout(predicate::str::contains("sends the same"));
    assert_eq!(archived(&wd.path("publications")).len(), 1);
    // No validators were given, so no state is kept.
    assert_eq!(files(&wd.path("publications")).len(), 1);

    *serving.lock().unwrap() = publication();
    let third = json_of(&fetch(&wd, &url).args(["--format", "json"]).output().unwrap());
    assert_eq!(third["status"], "new");
    let stored = archived(&wd.path("publications"));
    assert_eq!(stored.len(), 2);
    // The newer sorts last: it is the archive's latest.
    assert!(stored[1].starts_with("2022-02-15"), "{stored:?}");
    assert_eq!(third["file"], format!("publications/{}", stored[1]).as_str());
}

#[test]
fn a_refused_connection_is_an_error_and_nothing_is_stored() {
    // A port that was free a moment ago, with nothing listening.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let wd = Workdir::new();
    let url = format!("http://127.0.0.1:{port}/p.csv");
    fetch(&wd, &url)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(url.as_str()))
        .stderr(predicate::str::contains("refused"))
        .stderr(predicate::str::contains("nothing was stored"));
    assert!(!wd.path("publications").exists());
}

/// A DNS failure, with no DNS query sent: a label of 64 letters is longer
/// than DNS allows (63), so no resolver can ask for it and the system's
/// refuses it at once, as it refuses a name no server knows.
#[test]
fn a_host_name_that_cannot_be_resolved_is_an_error_and_nothing_is_stored() {
    let wd = Workdir::new();
    let url = format!("http://{}.invalid/p.csv", "a".repeat(64));
    fetch(&wd, &url)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(url.as_str()))
        .stderr(predicate::str::contains("the host name cannot be resolved (DNS)"))
        .stderr(predicate::str::contains("nothing was stored"));
    assert!(!wd.path("publications").exists());
}

/// No network at all: the binary runs in a network namespace of its own
/// (`unshare -n`), where even the loopback interface is down. Needs
/// `unshare` and the right to make a namespace (root, as in CI); skipped
/// otherwise, saying so.
#[test]
fn no_network_is_an_error_and_nothing_is_stored() {
    let body = publication();
    let server = Server::start(move |_, _| ok(&body));
    let url = server.url("/p.csv");
    let wd = Workdir::new();
    let can = std::process::Command::new("unshare")
        .args(["-n", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !can {
        eprintln!("skipped: `unshare -n` is not allowed here (not root?)");
        return;
    }
    for lang in ["C", "fr_FR.UTF-8"] {
        let output = std::process::Command::new("unshare")
            .arg("-n")
            .arg(env!("CARGO_BIN_EXE_parrainage"))
            .args(["fetch", &url, "--timeout", "2", "--retries", "0"])
            .current_dir(wd.root())
            .env_remove("LC_ALL")
            .env("LANG", lang)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(url.as_str()), "{stderr}");
        let said = if lang == "C" {
            "the network is unreachable"
        } else {
            "le réseau est injoignable"
        };
        assert!(stderr.contains(said), "{stderr}");
        assert!(!wd.path("publications").exists());
    }
    // The server was never reached.
    assert!(server.requests().is_empty());
}

#[test]
fn a_body_slower_than_the_timeout_is_an_error() {
    let body = publication();
    let server = Server::start(move |_, _| {
        let full = response("200 OK", &[], &body);
        let (head, rest) = full.split_at(full.len() - body.len() / 2);
        Reply::Slow(head.to_vec(), Duration::from_secs(4), rest.to_vec())
    });
    let wd = Workdir::new();
    let started = Instant::now();
    fetch_with(&wd, &server.url("/slow.csv"), &["--timeout", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("within 1 s"));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert!(archived(&wd.path("publications")).is_empty());
}

#[test]
fn not_found_is_an_error_tried_once() {
    let server = Server::start(|_, _| Reply::Raw(response("404 Not Found", &[], b"no such file")));
    let wd = Workdir::new();
    fetch_with(&wd, &server.url("/missing.csv"), &["--retries", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("404 Not Found"));
    assert_eq!(server.requests().len(), 1);
    assert!(!wd.path("publications").exists());
}

#[test]
fn a_server_error_is_tried_again_then_reported() {
    let server = Server::start(|_, _| Reply::Raw(response("500 Internal Server Error", &[], b"oops")));
    let wd = Workdir::new();
    fetch_with(&wd, &server.url("/p.csv"), &["--retries", "1", "--timeout", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("500 Internal Server Error"))
        .stderr(predicate::str::contains("2 attempts"));
    assert_eq!(server.requests().len(), 2);
    assert!(!wd.path("publications").exists());
}

#[test]
fn a_server_error_then_the_publication_is_stored() {
    let body = publication();
    let server = Server::start(move |_, nth| {
        if nth == 1 {
            Reply::Raw(response("503 Service Unavailable", &[], b"busy"))
        } else {
            ok(&body)
        }
    });
    let wd = Workdir::new();
    let output = fetch_with(
        &wd,
        &server.url("/p.csv"),
        &["--retries", "1", "--timeout", "1", "--format", "json"],
    )
    .output()
    .unwrap();
    assert_eq!(json_of(&output)["status"], "new");
    assert_eq!(server.requests().len(), 2);
    assert_eq!(archived(&wd.path("publications")).len(), 1);
}

#[test]
fn a_redirect_is_followed() {
    let body = publication();
    let server = Server::start(move |request, _| match request.path.as_str() {
        "/old.csv" => Reply::Raw(response(
            "301 Moved Permanently",
            &[("Location", "/new.csv")],
            b"",
        )),
        _ => ok(&body),
    });
    let wd = Workdir::new();
    let output = fetch(&wd, &server.url("/old.csv"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(json_of(&output)["status"], "new");
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/old.csv", "/new.csv"]);
}

#[test]
fn a_redirect_loop_is_an_error() {
    let server = Server::start(|request, _| {
        let to = if request.path == "/a.csv" {
            "/b.csv"
        } else {
            "/a.csv"
        };
        Reply::Raw(response("302 Found", &[("Location", to)], b""))
    });
    let wd = Workdir::new();
    fetch(&wd, &server.url("/a.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("redirect loop"));
    assert!(server.requests().len() <= 12);
    assert!(!wd.path("publications").exists());
}

#[test]
fn a_body_cut_short_is_an_error_and_nothing_is_stored() {
    let body = publication();
    // The length says the whole file; the connection closes half-way.
    let cut = body.clone();
    let server = Server::start(move |_, _| {
        let full = response("200 OK", &[], &cut);
        Reply::Raw(full[..full.len() - cut.len() / 2].to_vec())
    });
    let wd = Workdir::new();
    fetch(&wd, &server.url("/p.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stopped after"));
    assert!(!wd.path("publications").exists());

    // No length at all: the body ends where the connection closes, in the
    // middle of a row, which the reader then refuses.
    let server = Server::start(move |_, _| {
        let mut bytes = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_vec();
        let end = body.len() - 30;
        bytes.extend_from_slice(&body[..end]);
        Reply::Raw(bytes)
    });
    fetch(&wd, &server.url("/p.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing was stored"))
        .stderr(predicate::str::contains("line 14"));
    assert!(!wd.path("publications").exists());
}

#[test]
fn an_html_page_with_status_200_is_an_error() {
    let server = Server::start(|_, _| {
        Reply::Raw(response(
            "200 OK",
            &[("Content-Type", "text/html; charset=utf-8")],
            b"<!DOCTYPE html>\n<html><body>Maintenance en cours</body></html>\n",
        ))
    });
    let wd = Workdir::new();
    fetch(&wd, &server.url("/p.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("HTML page"));
    assert!(!wd.path("publications").exists());
}

#[test]
fn an_unknown_header_is_an_error_naming_the_formats_known() {
    let server = Server::start(|_, _| ok("Nom;Prénom;Parrain\nDUPONT;Jean;MARTIN Claire\n".as_bytes()));
    let wd = Workdir::new();
    fetch(&wd, &server.url("/p.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Date de publication"))
        .stderr(predicate::str::contains("nothing was stored"));
    assert!(!wd.path("publications").exists());
}

#[test]
fn an_empty_body_or_a_publication_of_no_row_is_an_error() {
    let header = "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n";
    let server = Server::start(move |request, _| match request.path.as_str() {
        "/empty.csv" => ok(b""),
        _ => ok(header.as_bytes()),
    });
    let wd = Workdir::new();
    fetch(&wd, &server.url("/empty.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the body is empty"));
    fetch(&wd, &server.url("/header.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no sponsorship"));
    assert!(!wd.path("publications").exists());
}

#[test]
fn a_gzip_body_is_stored_as_the_publication_it_holds() {
    let body = publication();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&body).unwrap();
    let compressed = encoder.finish().unwrap();
    let server = Server::start(move |_, _| {
        Reply::Raw(response(
            "200 OK",
            &[("Content-Encoding", "gzip"), ("Content-Type", "text/csv")],
            &compressed,
        ))
    });
    let wd = Workdir::new();
    let output = fetch(&wd, &server.url("/p.csv"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let fetched = json_of(&output);
    assert_eq!(fetched["status"], "new");
    assert_eq!(fetched["bytes"], body.len());
    let stored = archived(&wd.path("publications"));
    assert_eq!(wd.read_bytes(&format!("publications/{}", stored[0])), body);
    assert!(
        server.requests()[0]
            .header("Accept-Encoding")
            .is_some_and(|e| e.contains("gzip"))
    );
}

#[test]
fn a_json_publication_is_stored_as_json() {
    let body = std::fs::read(fixture("official/cc-2022-sample.json")).unwrap();
    let server = Server::start(move |_, _| ok(&body));
    let wd = Workdir::new();
    let fetched = json_of(
        &fetch(&wd, &server.url("/parrainagestotal.json"))
            .args(["--format", "json"])
            .output()
            .unwrap(),
    );
    let stored = archived(&wd.path("publications"));
    assert!(
        stored[0].ends_with(".json") && fetched["file"].as_str().unwrap().ends_with(".json"),
        "{stored:?}"
    );
}

/// Unmounts the read-only file system a test mounted, whatever happens.
struct Mounted(std::path::PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Needs a directory the tool cannot write to: as a user, one without
/// write permission; as root (CI), whom permissions do not stop, a small
/// read-only tmpfs mounted there (`mount` must be allowed).
#[test]
fn an_archive_that_cannot_be_written_is_an_error_and_nothing_is_left() {
    let body = publication();
    let server = Server::start(move |_, _| ok(&body));
    let wd = Workdir::new();
    let archive = wd.path("publications");
    std::fs::create_dir(&archive).unwrap();
    let mut _mounted = None;
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if root {
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k,ro", "tmpfs"])
            .arg(&archive)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("skipped: running as root, and a read-only tmpfs cannot be mounted here");
            return;
        }
        _mounted = Some(Mounted(archive.clone()));
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&archive, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    fetch(&wd, &server.url("/p.csv"))
        .args(["--archive", "publications"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("publications"));
    assert!(files(&archive).is_empty(), "{:?}", files(&archive));
}

/// Needs root and `mount` (as CI has): a full disk, a tmpfs of 16 KiB,
/// fails the write of a 100 KB publication half-way; the half-written file
/// is removed.
#[test]
fn an_archive_on_a_full_disk_is_an_error_and_no_partial_file_is_left() {
    let mut body =
        "Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n".to_string();
    for i in 0..2000 {
        body.push_str(&format!(
            "M.;NOM{i};Jean;Maire;Commune {i};Meuse;MARTIN Claire;08/02/2022\n"
        ));
    }
    let size = body.len();
    assert!(size > 64 * 1024);
    let server = Server::start(move |_, _| ok(body.as_bytes()));
    let wd = Workdir::new();
    let archive = wd.path("publications");
    std::fs::create_dir(&archive).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
        .arg(&archive)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: a tmpfs cannot be mounted here (not root?)");
        return;
    }
    let _mounted = Mounted(archive.clone());
    fetch(&wd, &server.url("/p.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("No space left"));
    assert!(files(&archive).is_empty(), "{:?}", files(&archive));
}

/// `fetch --import` gives the ledger what `import` of the stored file gives.
#[test]
fn fetch_import_gives_what_import_gives() {
    let body = publication();
    let server = Server::start(move |_, _| ok(&body));
    let wd = Workdir::new();
    wd.copy_fixture("import/parrainages.csv", "parrainages.csv");
    let output = fetch(&wd, &server.url("/p.csv"))
        .args(["--candidate", "MARTIN Claire", "--import", "--format", "json"])
        .output()
        .unwrap();
    let fetched = json_of(&output);
    assert_eq!(fetched["status"], "new");
    assert_eq!(fetched["import"]["written"], true, "{fetched}");
    assert_eq!(fetched["import"]["publication"], fetched["file"]);

    // The same file imported by hand into the same ledger.
    let by_hand = Workdir::new();
    by_hand.copy_fixture("import/parrainages.csv", "parrainages.csv");
    let file = fetched["file"].as_str().unwrap();
    by_hand.write(file, publication());
    by_hand
        .cmd()
        .args(["--candidate", "MARTIN Claire", "import", file])
        .assert()
        .success();
    assert_eq!(wd.read("parrainages.csv"), by_hand.read("parrainages.csv"));

    // Unchanged: the latest is imported again, which changes nothing.
    let again = json_of(
        &fetch(&wd, &server.url("/p.csv"))
            .args(["--candidate", "MARTIN Claire", "--import", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(again["status"], "unchanged");
    assert_eq!(again["import"]["written"], false);
    assert_eq!(wd.read("parrainages.csv"), by_hand.read("parrainages.csv"));
}

/// `--import` takes the ledger's lock, as `import` does: while another
/// writer holds it, the import gives up after --lock-timeout and the
/// ledger is untouched (the publication stays stored).
#[test]
fn fetch_import_waits_for_the_ledgers_lock() {
    let body = publication();
    let server = Server::start(move |_, _| ok(&body));
    let wd = Workdir::new();
    wd.copy_fixture("import/parrainages.csv", "parrainages.csv");
    let before = wd.read("parrainages.csv");
    let held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(wd.path("parrainages.csv"))
        .unwrap();
    held.lock().unwrap();
    fetch(&wd, &server.url("/p.csv"))
        .args([
            "--candidate",
            "MARTIN Claire",
            "--import",
            "--lock-timeout",
            "0.3",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lock"));
    held.unlock().unwrap();
    assert_eq!(wd.read("parrainages.csv"), before);
    assert_eq!(archived(&wd.path("publications")).len(), 1);
}

/// The address and the archive may come from the settings.
#[test]
fn the_settings_give_the_address_and_the_archive() {
    let body = publication();
    let server = Server::start(move |_, _| ok(&body));
    let wd = Workdir::new();
    wd.write("parrainages.csv", HEADER);
    wd.write(
        "parrainage.toml",
        format!(
            "candidate = \"MARTIN Claire\"\nelection = 2022\npublication_url = \"{}\"\narchive = \"kept\"\n",
            server.url("/p.csv")
        ),
    );
    let mut cmd = wd.cmd();
    cmd.args(["fetch", "--timeout", "2", "--format", "json"]);
    for proxy in ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
        cmd.env_remove(proxy);
    }
    let fetched = json_of(&cmd.output().unwrap());
    assert_eq!(fetched["url"], server.url("/p.csv").as_str());
    assert_eq!(archived(&wd.path("kept")).len(), 1);
    assert!(!wd.path("publications").exists());
}

/// A slow download on a terminal draws a bar; elsewhere (here, a pipe)
/// nothing but the result is written.
#[test]
fn no_progress_bar_off_a_terminal() {
    let body = publication();
    let server = Server::start(move |_, _| {
        let full = response("200 OK", &[], &body);
        let (head, rest) = full.split_at(full.len() - 40);
        Reply::Slow(head.to_vec(), Duration::from_millis(700), rest.to_vec())
    });
    let wd = Workdir::new();
    let output = fetch(&wd, &server.url("/p.csv")).output().unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    let mut text = String::new();
    output.stdout.as_slice().read_to_string(&mut text).unwrap();
    assert!(text.starts_with("New publication stored"), "{text}");
}

/// The README shows the example workflow as it is in `examples/`, and it
/// does what the issue asks of it.
#[test]
fn the_readme_shows_the_example_workflow() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let workflow = std::fs::read_to_string(root.join("examples/github-actions/publications.yml")).unwrap();
    assert!(
        readme.contains(&workflow),
        "README.md and the example workflow differ"
    );
    for step in [
        "schedule:",
        "parrainage fetch --import --format json",
        "parrainage check --format github",
        "git commit",
        "parrainage diff --since",
        "--format markdown >> \"$GITHUB_STEP_SUMMARY\"",
    ] {
        assert!(workflow.contains(step), "{step}");
    }
    // Not a workflow of this repository: it would run here.
    assert!(!root.join(".github/workflows/publications.yml").exists());
}
