//! `check`'s workflow: every problem of the ledger files, row by row and
//! across rows (the registry), and, with a register of elected officials,
//! each entry looked up in it.

use std::path::{Path, PathBuf};

use crate::context::{Context, Failure};
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::registry::Registry;
use crate::ledger::ReadOptions;
use crate::ledger::scan::{Scan, each_entry_at, findings, scan};
use crate::official::rne::{Index, Lookup, Register};
use crate::ops::prospects::read_register;
use crate::ops::register::{Coverage, coverage};

/// Checks the ledger files `paths`; `register`, else the settings', is the
/// register's directory to look entries up in, if any, and the register's
/// coverage comes with the scan. The diagnostics come in file order, then
/// line order.
pub fn check(
    paths: &[PathBuf],
    register: Option<&Path>,
    context: &Context,
) -> Result<(Scan, Option<Vec<Coverage>>), Failure> {
    let (options, _) = context.options_for(paths);
    let options = ReadOptions {
        places: true,
        ..options
    };
    let (mut result, registry) = scan::<Registry>(paths, &options);
    let cross_row = findings(&registry, &result, &options);
    result.diagnostics.extend(cross_row);
    let mut covered = None;
    if let Some(dir) = register.or(context.register.as_deref()) {
        let register = read_register(dir, true)?;
        // The register's own problems are not the ledger's: said, not counted.
        for problem in register.diagnostics.iter().filter(|d| d.is_error()).take(10) {
            eprintln!("parrainage: warning: in the register: {problem}");
        }
        result
            .diagnostics
            .extend(register_findings(paths, &options, &register));
        covered = Some(coverage(&register));
    }
    // Report in file order, then line order, whatever order rules ran in.
    result
        .diagnostics
        .sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
    Ok((result, covered))
}

/// Each entry of the campaign's ledgers looked up in the register of elected
/// officials: warnings, since the register lags and has gaps.
fn register_findings(paths: &[PathBuf], options: &ReadOptions, register: &Register) -> Vec<Diagnostic> {
    let index = Index::new(register);
    let mut found = Vec::new();
    let held_text = |p: usize| -> String {
        register.persons[p]
            .mandates
            .iter()
            .map(|h| {
                let place = if h.circonscription.is_empty() {
                    String::new()
                } else {
                    format!(" of {}", h.circonscription)
                };
                format!("{}{place} ({})", h.mandate, h.unit.map_or("?", |u| u.code))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let everyone = ReadOptions {
        as_of: None,
        ..options.clone()
    };
    each_entry_at(paths, &everyone, |file, format, line, entry| {
        if format.is_official() {
            return;
        }
        let who = format!("{} {}", entry.last_name, entry.first_name);
        let place = if entry.circonscription.is_empty() {
            String::new()
        } else {
            format!(" of {}", entry.circonscription)
        };
        let diagnostic = match index.lookup(entry) {
            Lookup::One(_) => return,
            Lookup::Several(persons) => Diagnostic::warning(
                file,
                line,
                Code::AmbiguousInRegister,
                format!(
                    "{who}, {}{place} in {}: {} officials of the register fit: {}",
                    entry.mandate,
                    entry.department,
                    persons.len(),
                    persons
                        .iter()
                        .map(|p| format!(
                            "{} {}, born {} ({})",
                            register.persons[*p].last_name,
                            register.persons[*p].first_name,
                            register.persons[*p].birth,
                            held_text(*p)
                        ))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            )
            .hint("write the circonscription, or every first name, to tell them apart"),
            Lookup::OtherMandates(p) => Diagnostic::warning(
                file,
                line,
                Code::MandateNotInRegister,
                format!(
                    "{who} is in the register as {}, not as {}{place} in {}",
                    held_text(p),
                    entry.mandate,
                    entry.department
                ),
            )
            .hint("check which mandate the official will sign with: a form under a mandate they do not hold is rejected"),
            Lookup::Nobody => {
                let nearest = index.nearest(entry);
                let near = if nearest.is_empty() {
                    String::new()
                } else {
                    format!("; nearest: {}", nearest.join(", "))
                };
                Diagnostic::warning(
                    file,
                    line,
                    Code::NotInRegister,
                    format!(
                        "no {}{place} named {who} in {} in the register{near}",
                        entry.mandate, entry.department
                    ),
                )
                .hint("the register lags and has gaps: check the spelling and the mandate before the form is sent")
            }
        };
        found.push(diagnostic.column(crate::ledger::Field::LastName.name()));
    });
    found
}
