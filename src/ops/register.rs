//! The register of elected officials (RNE) as the workflows read it: its
//! directory, from the flag or the settings, and its rows, with what
//! cannot be read said (shared by `prospects`, `check --register` and
//! `register`); what it holds, per mandate and per unit; and how complete
//! it is: per département, the mayors it holds against the communes of
//! the official list (`official::communes`), and, when it has the EPCI
//! file, the EPCI presidents against the EPCI.

use std::path::{Path, PathBuf};

use crate::context::{Context, Failure};
use crate::diagnostic::{Code, Diagnostic};
use crate::message::{Arg, Message, Notes};
use crate::msg;
use crate::official::communes::{communes, epcis};
use crate::official::rne::{Index, Lookup, Register};
use crate::rules::eligibility::RegisterList;
use crate::rules::identity::Location;
use crate::rules::place::{PlaceKind, has_mayors};
use crate::rules::{Department, Mandate, department};
use crate::sponsorship::Sponsorship;

/// The register's directory: the flag, else the settings'.
pub fn register_dir(flag: Option<&Path>, context: &Context) -> Result<PathBuf, Failure> {
    flag.map(Path::to_path_buf)
        .or_else(|| context.register.clone())
        .ok_or_else(|| Failure::usage(crate::msg!(NoRegister)))
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

/// Below this share of the mayors (or EPCI presidents) of a unit, the
/// register is said to be incomplete there.
pub const COMPLETE: f64 = 0.95;

/// How complete the register is in one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub unit: &'static Department,
    /// Mayors the register holds there.
    pub mayors: u32,
    /// Communes the official list holds there: the mayors there should be.
    pub communes: u32,
    /// EPCI presidents the register holds there, when it has their file.
    pub epci_presidents: Option<u32>,
    /// EPCI whose seat is there, when the register has the EPCI file.
    pub epcis: Option<u32>,
}

/// How the register stands in a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    /// At least 95% of the mayors (and EPCI presidents) are there.
    Complete,
    /// Some are there, fewer than 95%.
    Incomplete,
    /// No mayor at all, where there are communes: the register is missing
    /// there, and what it holds says nothing of the unit.
    Missing,
}

impl Completeness {
    /// As JSON and CSV write it.
    pub fn code(self) -> &'static str {
        match self {
            Completeness::Complete => "complete",
            Completeness::Incomplete => "incomplete",
            Completeness::Missing => "missing",
        }
    }
}

impl Coverage {
    pub fn completeness(&self) -> Completeness {
        let short = |found: u32, expected: u32| f64::from(found) < COMPLETE * f64::from(expected);
        if self.mayors == 0 && self.communes > 0 {
            Completeness::Missing
        } else if short(self.mayors, self.communes)
            || self
                .epci_presidents
                .zip(self.epcis)
                .is_some_and(|(found, expected)| short(found, expected))
        {
            Completeness::Incomplete
        } else {
            Completeness::Complete
        }
    }
}

/// The register's coverage of every unit whose communes have mayors, in
/// the order of `department::ALL`.
pub fn coverage(register: &Register) -> Vec<Coverage> {
    let held = held(register);
    let has_epci_file = register
        .files
        .iter()
        .any(|(_, kind)| *kind == RegisterList::CommunityCouncillors);
    let mut seats = [0u32; department::ALL.len()];
    if has_epci_file {
        for epci in epcis().iter().filter(|e| e.has_sponsoring_president()) {
            if let Some(unit) = epci.seat_department().and_then(Department::lookup) {
                seats[unit.index()] += 1;
            }
        }
    }
    let list = communes();
    department::ALL
        .iter()
        .filter(|unit| has_mayors(unit))
        .filter_map(|unit| {
            let communes = list.count(unit.code, PlaceKind::Commune) as u32;
            (communes > 0).then(|| Coverage {
                unit,
                mayors: held[unit.index()][Mandate::Mayor.index()],
                communes,
                epci_presidents: has_epci_file.then(|| held[unit.index()][Mandate::EpciPresident.index()]),
                epcis: has_epci_file.then_some(seats[unit.index()]),
            })
        })
        .collect()
}

/// The mandates the register holds in each unit (by `Department::index`),
/// by mandate (by `Mandate::index`).
pub fn held(register: &Register) -> Vec<[u32; Mandate::ALL.len()]> {
    let mut held = vec![[0u32; Mandate::ALL.len()]; department::ALL.len()];
    for person in &register.persons {
        for mandate in &person.mandates {
            if let Some(unit) = mandate.unit {
                held[unit.index()][mandate.mandate.index()] += 1;
            }
        }
    }
    held
}

/// What `register` is asked for.
pub struct RegisterRequest<'r> {
    /// The register's directory, else the settings'.
    pub register: Option<&'r Path>,
    pub skip_unreadable: bool,
}

/// What the register holds.
pub struct Holdings {
    pub register: Register,
    /// Mandates held per unit and mandate (see [`held`]).
    pub held: Vec<[u32; Mandate::ALL.len()]>,
    /// Whether the register has a file that lists each mandate.
    pub listed: [bool; Mandate::ALL.len()],
    pub coverage: Vec<Coverage>,
}

pub fn holdings(request: &RegisterRequest, context: &Context) -> Result<Holdings, Failure> {
    let dir = register_dir(request.register, context)?;
    let register = read_register(&dir, request.skip_unreadable, context.notes.as_ref())?;
    let mut listed = [false; Mandate::ALL.len()];
    for (_, kind) in &register.files {
        for mandate in kind.mandates() {
            listed[mandate.index()] = true;
        }
    }
    Ok(Holdings {
        held: held(&register),
        coverage: coverage(&register),
        listed,
        register,
    })
}

/// The register `add` and `update` look an entry up in, when one is
/// configured (`flag`, else the settings'). Its unreadable rows are
/// counted and passed over: the entry is written whatever the register
/// holds.
pub fn configured_register(flag: Option<&Path>, context: &Context) -> Result<Option<Register>, Failure> {
    match flag.map(Path::to_path_buf).or_else(|| context.register.clone()) {
        Some(dir) => read_register(&dir, true, context.notes.as_ref()).map(Some),
        None => Ok(None),
    }
}

/// What the register says of an entry about to be written.
pub enum InRegister {
    /// One person fits: the person, and the mandate of theirs the entry
    /// names (in `register.persons`).
    Found { person: usize, held: usize },
    /// The entry is not there as written: a warning, at the entry's place.
    Warning(Box<Diagnostic>),
    /// Several persons fit: nothing to fill, nothing to warn of.
    Ambiguous,
}

/// Looks `entry` up in the register: one person, several, or a warning
/// (`not-in-register` with the nearest names of that mandate there, the
/// holder of that place first; or `mandate-not-in-register`). A warning,
/// never an error: the register lags and has gaps.
pub fn in_register(register: &Register, index: &Index, entry: &Sponsorship, at: &Location) -> InRegister {
    let held_in_unit = |held: &crate::official::rne::Held| {
        msg!(
            HeldInUnit,
            Arg::Mandate(held.mandate),
            crate::sponsorship::in_brackets(&held.circonscription),
            held.unit
                .map_or_else(|| held.possible.join("|"), |u| u.code.to_string())
        )
    };
    let holds = |p: usize| -> Message {
        let held = register.persons[p].mandates.iter().map(held_in_unit);
        Message::joined(held, crate::message::Key::Comma).unwrap_or_else(|| Message::verbatim(""))
    };
    let name = format!("{} {}", entry.last_name, entry.first_name);
    let place = crate::sponsorship::in_brackets(&entry.circonscription);
    let diagnostic = match index.lookup(entry) {
        Lookup::One(person) => {
            let held = register.persons[person]
                .mandates
                .iter()
                .position(|h| {
                    h.mandate == entry.mandate && h.units().any(|u| std::ptr::eq(u, entry.department))
                })
                .unwrap_or(0);
            return InRegister::Found { person, held };
        }
        Lookup::Several(_) => return InRegister::Ambiguous,
        Lookup::OtherMandates(p) => Diagnostic::warning(
            &at.file,
            at.line,
            Code::MandateNotInRegister,
            msg!(
                InRegisterUnderOtherMandates,
                name,
                holds(p),
                Arg::Mandate(entry.mandate),
                place,
                entry.department.code
            ),
        )
        .hint(msg!(SignWithMandateHeld)),
        Lookup::Nobody => {
            let mut said = msg!(
                NotInRegisterAs,
                Arg::Mandate(entry.mandate),
                place,
                name,
                entry.department.code
            );
            let nearest = index.nearest(entry);
            if !nearest.is_empty() {
                said = msg!(NearestInRegister, said, nearest.join(", "));
            }
            let elsewhere: Vec<Message> = index
                .elsewhere(entry)
                .into_iter()
                .map(|(p, h)| {
                    let person = &register.persons[p];
                    msg!(
                        NamedInUnit,
                        format!("{} {}", person.last_name, person.first_name),
                        held_in_unit(&person.mandates[h])
                    )
                })
                .collect();
            if let Some(elsewhere) = Message::joined(elsewhere, crate::message::Key::Comma) {
                said = msg!(ElsewhereInRegister, said, elsewhere);
            }
            Diagnostic::warning(&at.file, at.line, Code::NotInRegister, said)
                .hint(msg!(RegisterLagsEntryWritten))
        }
    };
    InRegister::Warning(Box::new(diagnostic.column(crate::ledger::Field::LastName.name())))
}
