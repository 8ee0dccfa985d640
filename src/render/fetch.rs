//! `fetch`'s outputs: what was stored (or that nothing was) as a few lines
//! or one JSON document, the notes said on the side, and the progress bar
//! of a long download on a terminal.

use std::io::Write;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::Lang;
use super::words::say;
use crate::message::{Arg, Message, Notes};
use crate::msg;
use crate::ops::fetch::{FetchStatus, Fetched};
use crate::text::{clean, clean_path};

/// What was done, in a few lines.
pub fn table(fetched: &Fetched, lang: Lang) -> String {
    let file = clean_path(&fetched.file);
    let url = clean(&fetched.source.url).into_owned();
    let latest = fetched.latest_publication;
    let lines = match fetched.status {
        FetchStatus::New => [
            msg!(PublicationStored, file),
            msg!(PublicationDetails, fetched.rows, latest, fetched.bytes, url),
        ],
        FetchStatus::Unchanged => [
            msg!(NoNewPublication, file, latest, fetched.rows),
            if fetched.not_modified {
                msg!(SaysNothingChanged, url)
            } else {
                msg!(SendsTheSameBytes, url, fetched.bytes)
            },
        ],
    };
    lines.iter().map(|line| say(line, lang) + "\n").collect()
}

/// The JSON document: `{url, status, file, rows, latest_publication,
/// bytes}`, and with `--import` the import's own document under `import`.
pub fn json(fetched: &Fetched, import: Option<Value>) -> Value {
    let mut document = json!({
        "url": fetched.source.url,
        "status": fetched.status.code(),
        "file": fetched.file.display().to_string(),
        "rows": fetched.rows,
        "latest_publication": fetched.latest_publication.to_string(),
        "bytes": fetched.bytes,
    });
    if let Some(import) = import {
        document["import"] = import;
    }
    document
}

/// What to say beside the result, on standard error: an address that is
/// a guess, an older list stored, validators that could not be kept.
pub fn notes(fetched: &Fetched, notes: &dyn Notes) {
    if let Some(year) = fetched.source.guessed_for {
        notes.note(msg!(GuessedAddress, year.to_string()));
    }
    if let Some(latest) = &fetched.older_than {
        notes.warn(msg!(OlderThanLatest, &fetched.file, latest));
    }
    for warning in &fetched.warnings {
        notes.warn(Message::verbatim(clean(warning)));
    }
}

/// A progress bar on standard error while a long download goes on, drawn
/// only on a terminal, and wiped when done.
pub struct Progress {
    shown: bool,
    lang: Lang,
    started: Instant,
    drawn: Option<Instant>,
}

/// A download shorter than this shows no bar.
const QUIET: Duration = Duration::from_millis(500);
/// The bar is drawn again at most this often.
const REDRAW: Duration = Duration::from_millis(100);

impl Progress {
    /// A bar drawn when `shown` (standard error is a terminal).
    pub fn new(shown: bool, lang: Lang) -> Progress {
        Progress {
            shown,
            lang,
            started: Instant::now(),
            drawn: None,
        }
    }

    /// `received` bytes so far, of `total` when the server said it.
    pub fn show(&mut self, received: u64, total: Option<u64>) {
        if !self.shown || self.started.elapsed() < QUIET || self.drawn.is_some_and(|d| d.elapsed() < REDRAW) {
            return;
        }
        let megabytes = |n: u64| Arg::Decimal(n as f64 / 1e6, 1);
        let line = match total.filter(|t| *t > 0) {
            Some(total) => format!(
                "{} {}",
                super::table::bar(received as f64 / total as f64),
                say(
                    &msg!(DownloadingOf, megabytes(received), megabytes(total)),
                    self.lang
                )
            ),
            None => say(&msg!(Downloading, megabytes(received)), self.lang),
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
        self.drawn = Some(Instant::now());
    }

    /// Wipes the bar, if it was drawn.
    pub fn finish(&mut self) {
        if self.drawn.take().is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}
