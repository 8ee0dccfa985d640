//! The register of elected officials (RNE) as the workflows read it: its
//! directory, from the flag or the settings, and its rows, with what
//! cannot be read said (shared by `prospects` and `check --register`).

use std::path::{Path, PathBuf};

use crate::context::{Context, Failure};
use crate::diagnostic::Diagnostic;
use crate::message::{Arg, Notes};
use crate::official::rne::Register;

/// The register's directory: the flag, else the settings'.
pub fn register_dir(flag: Option<&Path>, context: &Context) -> Result<PathBuf, Failure> {
    flag.map(Path::to_path_buf).or_else(|| context.register.clone()).ok_or_else(|| {
        Failure::usage(
            "no register of elected officials: pass --register DIR (the RNE's CSV files from data.gouv.fr), \
             or set `register` in parrainage.toml",
        )
    })
}

/// The register, or an error listing its unreadable rows (exit 1) unless
/// the user goes on without them.
pub fn read_register(dir: &Path, skip_unreadable: bool, notes: &dyn Notes) -> Result<Register, Failure> {
    let register = Register::read(dir).map_err(Failure::usage)?;
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        register.diagnostics.iter().partition(|d| d.is_error());
    for warning in warnings {
        notes.warn(crate::msg!(Verbatim, warning.clone()));
    }
    // Every unreadable row is counted; the first are kept to be shown.
    let count = register.skipped;
    if count > 0 && !skip_unreadable {
        let shown: Vec<Arg> = errors.iter().take(10).map(|e| Arg::from((*e).clone())).collect();
        let lines = Arg::Lines(shown, count.saturating_sub(10) as usize);
        return Err(Failure::data(crate::msg!(RegisterRowsUnreadable, count, lines)));
    }
    if count > 0 {
        notes.warn(crate::msg!(RegisterRowsSkipped, count));
    }
    Ok(register)
}
