//! `init`'s workflow: create a ledger with its header, and its settings
//! beside it, each whole or not at all; never over an existing one.

use std::path::{Path, PathBuf};

use crate::context::{Context, Failure};
use crate::error::Action;
use crate::ledger::Dialect;
use crate::ledger::read::new_header;
use crate::msg;
use crate::rules::Election;
use crate::rules::identity::candidate_name_warning;
use crate::settings;

/// Where to create the ledger, and its separator.
#[derive(Debug, Clone)]
pub struct InitRequest {
    /// The ledger file or a directory to create it in; the run's ledger
    /// when none.
    pub path: Option<PathBuf>,
    pub delimiter: u8,
    /// The preset's dates as the settings file's comment says them (in
    /// English, as the rest of that file), when the election is a preset.
    pub preset_dates: Option<String>,
}

/// What `init` created.
#[derive(Debug)]
pub struct Initialized {
    pub ledger: PathBuf,
    pub columns: usize,
    pub delimiter: u8,
    pub settings: PathBuf,
    /// Whether a settings file was there already, and was kept.
    pub kept_settings: bool,
}

pub fn init(request: &InitRequest, context: &Context) -> Result<Initialized, Failure> {
    let mut path = request.path.clone().unwrap_or_else(|| context.ledgers[0].clone());
    if path.is_dir() {
        path = path.join("parrainages.csv");
    }
    if path.exists() {
        return Err(Failure::usage(msg!(LedgerAlreadyThere, &path)));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Failure::io(Action::Create, parent, e))?;
    }
    let dialect = Dialect {
        cr: false,
        delimiter: request.delimiter,
        ..Dialect::default()
    };
    let header = dialect.encode_row(new_header());
    let settings_path = settings::default_path(&path);
    let kept_settings = settings_path.exists();
    // Refuse before writing anything, so a failed init leaves nothing behind.
    create_new(&path, &header)?;
    if let Some(warning) = context.read.candidate.as_deref().and_then(candidate_name_warning) {
        context.notes.warn(warning);
    }
    let election = &context.read.election;
    if !kept_settings {
        let text = settings::render(
            context.read.candidate.as_deref(),
            election,
            request.preset_dates.as_deref(),
        );
        if let Err(failure) = create_new(&settings_path, text.as_bytes()) {
            let _ = std::fs::remove_file(&path);
            return Err(failure);
        }
        if !context.election_is_chosen()
            && let Some(year) = election.year
            && Election::next_on(context.as_of).1
        {
            context
                .notes
                .warn(msg!(EveryClosePast, context.as_of, year.to_string()));
        }
    }
    Ok(Initialized {
        ledger: path,
        columns: new_header().len(),
        delimiter: request.delimiter,
        settings: settings_path,
        kept_settings,
    })
}

fn create_new(path: &Path, contents: &[u8]) -> Result<(), Failure> {
    crate::ledger::write::create_new(path, contents).map_err(|e| Failure::io(Action::Create, path, e))
}
