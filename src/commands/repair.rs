//! `parrainage repair`: set aside a torn last row (`ops::repair`), and say
//! where it went.

use crate::context::{Context, Exit, Outcome, print};
use crate::ops::repair::{Repaired, repair};
use crate::render::words::say;

pub fn run(context: &Context) -> Outcome {
    let said = match repair(context)? {
        Repaired::Nothing { ledger } => crate::msg!(NothingToRepair, ledger.display().to_string()),
        Repaired::Moved {
            ledger,
            line,
            bytes,
            side,
        } => crate::msg!(
            MovedTornRow,
            ledger.display().to_string(),
            line.to_string(),
            bytes,
            side.display().to_string()
        ),
    };
    print(&format!("{}\n", say(&said, context.lang)))?;
    Ok(Exit::Success)
}
