//! `check`'s workflow: every problem of the ledger files, row by row and
//! across rows (the registry), and, with a register of elected officials,
//! each entry looked up in it.

use std::path::{Path, PathBuf};

use crate::context::{Context, Failure};
use crate::diagnostic::{Code, CodeCount, Diagnostic, Log};
use crate::engine::registry::Registry;
use crate::error::Action;
use crate::ledger::ReadOptions;
use crate::ledger::scan::{each_entry_at, findings_with, scan_groups};
use crate::message::{Arg, Key, Message};
use crate::msg;
use crate::official::rne::{Index, Lookup, Register};
use crate::ops::register::{Coverage, coverage, read_register};

/// What `check` found: every problem went to the log it was given; the
/// counts, and what a keeping log held.
#[derive(Debug)]
pub struct Checked {
    pub errors: u64,
    pub warnings: u64,
    pub files: usize,
    pub rows: u64,
    /// Files that could not be read at all (exit 2).
    pub unreadable: Vec<crate::message::Message>,
    /// The diagnostics a keeping log held, in file and line order.
    pub held: Vec<Diagnostic>,
    /// What it did not hold, by file and code.
    pub left_out: Vec<(std::sync::Arc<Path>, Code, u64)>,
    /// Every code found, with its count and first place.
    pub codes: Vec<CodeCount>,
    /// With a register: how complete it is, unit by unit.
    pub coverage: Option<Vec<Coverage>>,
}

/// Checks the ledger files `paths`; `register`, else the settings', is the
/// register's directory to look entries up in, if any. Every problem goes
/// to `log`, which keeps them or passes them on as they are found.
pub fn check(
    paths: &[PathBuf],
    register: Option<&Path>,
    context: &Context,
    log: Log<'_>,
) -> Result<Checked, Failure> {
    // Each file under its own settings (a team's folders may differ).
    let groups = context.options_by_settings(paths)?;
    // Mayors' places are looked up in the official list of communes.
    let checking: Vec<ReadOptions> = groups
        .iter()
        .map(|group| ReadOptions {
            places: true,
            ..group.options.clone()
        })
        .collect();
    let group_list: Vec<(&[PathBuf], &ReadOptions)> = groups
        .iter()
        .zip(&checking)
        .map(|(group, options)| (group.files.as_slice(), options))
        .collect();
    let (mut result, registry) = scan_groups::<Registry>(&group_list, log);
    // A file's options are its group's: the group that names it, or the
    // directory it is in.
    let options_of = |file: &Path| -> &ReadOptions {
        group_list
            .iter()
            .find(|(paths, _)| {
                paths
                    .iter()
                    .any(|p| p == file || file.parent() == Some(p.as_path()))
            })
            .map_or(group_list[0].1, |(_, options)| options)
    };
    let cross_row = findings_with(&registry, &result, &options_of);
    result.log.extend(cross_row);
    let mut covered = None;
    if let Some(dir) = register.or(context.register.as_deref()) {
        let register = read_register(dir, true, context.notes.as_ref())?;
        // The register's own problems are not the ledger's: said, not counted.
        for problem in register.diagnostics.iter().filter(|d| d.is_error()).take(10) {
            context.notes.warn(crate::msg!(InTheRegister, problem.clone()));
        }
        for (paths, options) in &group_list {
            let found = register_findings(paths, options, &register);
            result.log.extend(found);
        }
        covered = Some(coverage(&register));
    }
    result
        .log
        .finish()
        .map_err(|e| Failure::io(Action::Write, Path::new("the output"), e))?;
    Ok(Checked {
        errors: result.errors(),
        warnings: result.warnings(),
        files: result.files,
        rows: result.rows,
        left_out: result
            .log
            .left_out()
            .map(|(file, code, n)| (std::sync::Arc::clone(file), code, n))
            .collect(),
        held: result.log.held().to_vec(),
        codes: result.log.codes(),
        unreadable: result.unreadable,
        coverage: covered,
    })
}

/// Each entry of the campaign's ledgers looked up in the register of elected
/// officials: warnings, since the register lags and has gaps.
fn register_findings(paths: &[PathBuf], options: &ReadOptions, register: &Register) -> Vec<Diagnostic> {
    let index = Index::new(register);
    let mut found = Vec::new();
    // What a person of the register holds: `mayor of Verdun (55), deputy (55)`.
    let held = |p: usize| -> Message {
        Message::joined(
            register.persons[p].mandates.iter().map(|h| {
                let unit = h.unit.map_or("?", |u| u.code);
                if h.circonscription.is_empty() {
                    msg!(HeldMandate, Arg::Mandate(h.mandate), unit)
                } else {
                    msg!(HeldMandateOf, Arg::Mandate(h.mandate), &h.circonscription, unit)
                }
            }),
            Key::Comma,
        )
        .unwrap_or_else(|| Message::verbatim(""))
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
        let mandate = Arg::Mandate(entry.mandate);
        let department = entry.department.to_string();
        let place = entry.circonscription;
        let at_place = !place.is_empty();
        let diagnostic = match index.lookup(entry) {
            Lookup::One(_) => return,
            Lookup::Several(persons) => {
                let fits = Message::joined(
                    persons.iter().map(|p| {
                        let person = &register.persons[*p];
                        msg!(
                            RegisterPerson,
                            &person.last_name,
                            &person.first_name,
                            person.birth,
                            held(*p)
                        )
                    }),
                    Key::Semicolon,
                )
                .unwrap_or_else(|| Message::verbatim(""));
                let message = if at_place {
                    msg!(
                        SeveralInRegisterOf,
                        who,
                        mandate,
                        place,
                        department,
                        persons.len(),
                        fits
                    )
                } else {
                    msg!(SeveralInRegister, who, mandate, department, persons.len(), fits)
                };
                Diagnostic::warning(file, line, Code::AmbiguousInRegister, message).hint(msg!(TellThemApart))
            }
            Lookup::OtherMandates(p) => {
                let message = if at_place {
                    msg!(InRegisterAsOf, who, held(p), mandate, place, department)
                } else {
                    msg!(InRegisterAs, who, held(p), mandate, department)
                };
                Diagnostic::warning(file, line, Code::MandateNotInRegister, message).hint(msg!(WhichMandate))
            }
            Lookup::Nobody => {
                let nearest = index.nearest(entry);
                let near: Arg = if nearest.is_empty() {
                    "".into()
                } else {
                    msg!(NearestOfficials, nearest.join(", ")).into()
                };
                let message = if at_place {
                    msg!(NotInRegisterOf, mandate, place, who, department, near)
                } else {
                    msg!(NotInRegister, mandate, who, department, near)
                };
                Diagnostic::warning(file, line, Code::NotInRegister, message).hint(msg!(RegisterLags))
            }
        };
        found.push(diagnostic.column(crate::ledger::Field::LastName.name()));
    });
    found
}
