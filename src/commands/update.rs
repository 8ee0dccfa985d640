//! `parrainage update`: change one entry (`ops::update`), and say how.

use crate::cli::UpdateArgs;
use crate::context::{Context, Exit, Outcome, print};
use crate::ops::update::update;
use crate::text::{clean, clean_path};

pub fn run(args: &UpdateArgs, context: &Context) -> Outcome {
    let done = update(args, context)?;
    let (before, after) = (&done.before, &done.after);
    let mut out = format!(
        "Updated {}:{}: {}",
        clean_path(&done.file),
        done.line,
        clean(&after.describe())
    );
    if before.status != after.status {
        out.push_str(&format!(", {} → {}", before.status, after.status));
    }
    if let Some(day) = after.published_on {
        out.push_str(&format!(", published {day}"));
    }
    out.push('\n');
    print(&out)?;
    Ok(Exit::Success)
}
