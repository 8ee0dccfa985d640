//! `parrainage report`: where the candidate stands against the threshold,
//! the 1/10 cap, the 30 départements and the calendar.
//!
//! Thin on purpose: the ledger counted and the candidates chosen
//! (`ops::report`), the view model built once (`render::model`) and handed
//! to a renderer.

use crate::cli::{self, ReportArgs, ReportFormat};
use crate::context::{Context, Exit, Failure, Outcome};
use crate::ops::report::{choose, count, extras};
use crate::render::model::Section;
use crate::render::model::Sections;
use crate::render::{self, Report};

pub fn run(args: &ReportArgs, context: &Context) -> Outcome {
    if let Some(since) = args.since
        && since > context.as_of
    {
        return Err(Failure::usage(crate::msg!(SinceAfterAsOf, since, context.as_of)));
    }
    let output = context.output(args.output.as_deref(), &[])?;
    let counted = count(context)?;
    let (tally, options) = (&counted.tally, &counted.options);
    let ranking = tally.ranking();
    // Kept alive here for a chosen candidate nobody sponsors yet.
    let mut nobody = None;
    let (scope, one) = choose(
        tally,
        &ranking,
        args.all,
        context.read.candidate.as_deref(),
        &mut nobody,
    )?;
    let by: Vec<Section> = args
        .by
        .iter()
        .map(|section| match section {
            cli::Section::Mandate => Section::Mandate,
            cli::Section::Department => Section::Department,
            cli::Section::Date => Section::Date,
            cli::Section::Candidate => Section::Candidate,
        })
        .collect();
    let sections = Sections::choose(&by, one);
    // The claims over time (HTML draws them by day, JSON gives them by
    // week) come with the tally. The sponsors published since a day are
    // listed for one candidate: a second read, only then.
    let extras = extras(&context.ledgers, options, &scope, args.since.filter(|_| one));
    let report = Report::new(
        &options.election,
        counted.rules.clone(),
        context.election_chosen_by(),
        context.as_of,
        args.since,
        &scope,
        &extras,
        &ranking,
        sections,
    );
    let format = match args.format {
        ReportFormat::Table => render::ReportFormat::Table,
        ReportFormat::Json => render::ReportFormat::Json,
        ReportFormat::Csv => render::ReportFormat::Csv,
        ReportFormat::Markdown => render::ReportFormat::Markdown,
        ReportFormat::Html => render::ReportFormat::Html,
    };
    let text = render::render(&report, format, context.color, context.lang);
    output.write(text.as_bytes())?;
    Ok(Exit::Success)
}
