//! `parrainage update`: change one entry (`ops::update`), and say how.

use crate::cli::UpdateArgs;
use crate::context::{Context, Exit, Outcome, print};
use crate::ops::update::update;
use crate::render::Lang;
use crate::render::entries::{described, respelled};
use crate::render::words::{day, diagnostic, tr};
use crate::text::{clean, clean_path};

pub fn run(args: &UpdateArgs, context: &Context) -> Outcome {
    let lang = context.lang;
    let warn = |d: &crate::diagnostic::Diagnostic| eprintln!("{}", diagnostic(d, lang));
    let done = update(args, context, &warn)?;
    let (before, after) = (&done.before, &done.after);
    let (updated, published) = match lang {
        Lang::En => ("Updated", "published"),
        Lang::Fr => ("Modifié", "publié le"),
    };
    let mut out = format!(
        "{updated} {}:{}{} {}",
        clean_path(&done.file),
        done.line,
        lang.colon().trim_end(),
        clean(&described(after, lang))
    );
    if before.status != after.status {
        out.push_str(&format!(
            ", {} → {}",
            tr(lang, before.status.code()),
            tr(lang, after.status.code())
        ));
    }
    if let Some(published_on) = after.published_on {
        out.push_str(&format!(", {published} {}", day(lang, &published_on.to_string())));
    }
    out.push('\n');
    if let Some(typed) = &done.respelled {
        out.push_str(&respelled(typed, &after.circonscription, lang));
    }
    print(&out)?;
    Ok(Exit::Success)
}
