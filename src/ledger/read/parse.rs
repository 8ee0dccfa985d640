//! What one row's values mean: each field checked and interpreted as the
//! law and the formats say (`rules`, `official`), into an entry or
//! located diagnostics. The same parser serves every reader and the rows
//! the tool is about to write (`RowChecker`).

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use csv::ByteRecord;
use rustc_hash::FxHashMap;

use super::super::columns::{Columns, Field, Format};
use super::{Layout, MAX_FIELD_BYTES, ReadOptions};
use crate::diagnostic::{Code, Diagnostic};
use crate::message::{Arg, Message};
use crate::msg;
use crate::official::communes::communes;
use crate::official::{self, DateForm, Publication};
use crate::rules::checks::{DatedStatus, EntryProblem, entry_problems};
use crate::rules::election::DayForm;
use crate::rules::mandate::Attribution;
use crate::rules::mandate::MandateError;
use crate::rules::place;
use crate::rules::{Department, Mandate, Status};
use crate::sponsorship::{Entry, Sponsorship};

/// Checks single rows exactly as [`LedgerReader`] checks the rows it reads,
/// for the rows the tool is about to write.
pub struct RowChecker {
    parser: RowParser,
    bounds: Vec<(usize, usize)>,
}

impl RowChecker {
    pub fn new(layout: &Layout, options: &ReadOptions) -> RowChecker {
        RowChecker {
            parser: RowParser::new(layout, options),
            bounds: Vec::new(),
        }
    }

    /// The entry of `record` if it is good, and what is wrong with it, as
    /// if it were read at `line`.
    pub fn check(&mut self, record: &ByteRecord, line: u64) -> (Option<Sponsorship>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        self.bounds.clear();
        let mut end = 0;
        for field in record {
            self.bounds.push((end, end + field.len()));
            end += field.len();
        }
        let entry = self
            .parser
            .parse(record.as_slice(), &self.bounds, line, &mut diagnostics)
            .map(|e| e.tidied());
        (entry, diagnostics)
    }
}

/// A small cache of what a column's values mean: a ledger repeats a few
/// dozen statuses, mandates, départements and dates a million times, so each
/// distinct text is interpreted once.
struct Memo<T> {
    seen: FxHashMap<Box<[u8]>, T>,
}

impl<T> Default for Memo<T> {
    fn default() -> Memo<T> {
        Memo {
            seen: FxHashMap::default(),
        }
    }
}

/// Beyond this many distinct values, a column's values are interpreted
/// each time rather than cached, so hostile input cannot grow the cache.
const MEMO_LIMIT: usize = 4096;

impl<T: Clone> Memo<T> {
    fn get(&mut self, key: &str, interpret: impl FnOnce(&str) -> T) -> T {
        if let Some(value) = self.seen.get(key.as_bytes()) {
            return value.clone();
        }
        let value = interpret(key);
        if self.seen.len() < MEMO_LIMIT {
            self.seen.insert(key.as_bytes().into(), value.clone());
        }
        value
    }
}

/// Turns rows into entries, with the same rules for every reader.
pub(super) struct RowParser {
    path: Arc<Path>,
    header: Arc<[String]>,
    columns: Columns,
    /// The publication's format, for an official file.
    official: Option<&'static Publication>,
    pub(super) options: ReadOptions,
    statuses: Memo<Option<Status>>,
    mandates: Memo<Result<Mandate, MandateError>>,
    /// The unit, and whether the label is the constituency of Saint-Martin
    /// and Saint-Barthélemy (counted under 978, RULES.md §5).
    departments: Memo<Option<(&'static Department, bool)>>,
    dates: Memo<Result<NaiveDate, DateError>>,
    civilities: Memo<Option<&'static str>>,
    /// What is wrong with the places the official list does not hold, by
    /// mandate, unit and place: the nearest names are worked out once.
    places: Memo<Option<EntryProblem>>,
    /// A key for `places` (a buffer).
    place_key: String,
    /// Rows read whose département is the constituency of Saint-Martin and
    /// Saint-Barthélemy.
    pub(super) shared_constituency: u64,
    /// See [`Layout::utf8_line`].
    pub(super) utf8_line: Option<u64>,
    /// The positions of the name and place columns, whose values a
    /// spreadsheet must not run as formulas.
    formula_columns: Vec<usize>,
}

/// The columns a spreadsheet user reads and types names and places in:
/// a value there that starts like a formula is a warning.
const FORMULA_FIELDS: [Field; 4] = [
    Field::Candidate,
    Field::LastName,
    Field::FirstName,
    Field::Circonscription,
];

/// Whether a value starting with `byte` would be run by a spreadsheet
/// (OWASP's CSV injection: `= + - @`, and a tab or CR before them).
fn starts_a_formula(byte: u8) -> bool {
    matches!(byte, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
}

impl RowParser {
    pub(super) fn new(layout: &Layout, options: &ReadOptions) -> RowParser {
        RowParser {
            path: Arc::clone(&layout.path),
            header: layout.header.clone(),
            columns: layout.columns.clone(),
            official: match layout.format {
                Format::Official(publication) => Some(publication),
                Format::Campaign => None,
            },
            options: options.clone(),
            statuses: Memo::default(),
            mandates: Memo::default(),
            departments: Memo::default(),
            dates: Memo::default(),
            civilities: Memo::default(),
            places: Memo::default(),
            place_key: String::new(),
            utf8_line: layout.utf8_line,
            shared_constituency: 0,
            formula_columns: FORMULA_FIELDS
                .iter()
                .filter_map(|field| layout.columns.get(*field))
                .collect(),
        }
    }

    /// Whether to look the place of a row of `mandate` up: when asked to,
    /// in a campaign's ledger (a publication's places are the Conseil's own
    /// spelling), for the mandates that sit in a commune, unless the value
    /// is a `formula-cell`.
    fn checks_places(&self, mandate: Mandate, circonscription: &str) -> bool {
        self.options.places
            && self.official.is_none()
            && !place::kinds(mandate).is_empty()
            && !circonscription.is_empty()
            // A value a spreadsheet would run is said once, as such.
            && !circonscription.starts_with(['=', '+', '-', '@'])
    }

    /// A problem of an entry's values, at `line` of this file, in the
    /// column of its field.
    fn located(&self, problem: EntryProblem, line: u64) -> Diagnostic {
        Diagnostic {
            file: Arc::clone(&self.path),
            line,
            column: Some(self.column_name(problem.field)),
            severity: problem.severity,
            code: problem.code,
            message: problem.message,
            hint: problem.hint,
        }
    }

    /// The name of a column as the file's header writes it, for messages.
    fn column_name(&self, field: Field) -> String {
        self.columns
            .get(field)
            .and_then(|p| self.header.get(p))
            .cloned()
            .unwrap_or_else(|| field.name().to_string())
    }

    /// The checks that concern any value, whatever its column: length,
    /// control characters, encoding, formulas. Returns the row as text, its
    /// fields' bounds in `self.bounds`, or `None` after an error.
    fn check_values<'r>(
        &self,
        bytes: &'r [u8],
        bounds: &[(usize, usize)],
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<&'r str> {
        let path = &self.path;
        // The whole row at once first: nearly every row passes.
        let text = simdutf8::basic::from_utf8(bytes).ok();
        // Without a branch per byte, so that it runs on whole vectors.
        let control = bytes.iter().fold(false, |bad, b| {
            bad | ((*b < 0x20) & (*b != b'\t') & (*b != b'\r') & (*b != b'\n'))
        });
        let suspicious = bytes.len() > MAX_FIELD_BYTES
            || control
            // A character cut between two fields is valid in the whole row.
            || text.is_none_or(|t| !bounds.iter().all(|(start, _)| t.is_char_boundary(*start)));
        let formula = |position: usize| {
            bounds
                .get(position)
                .is_some_and(|(start, end)| start < end && starts_a_formula(bytes[*start]))
        };
        if !suspicious && !self.formula_columns.iter().any(|p| formula(*p)) {
            return text;
        }
        let mut good = true;
        for (position, (start, end)) in bounds.iter().enumerate() {
            let raw = &bytes[*start..*end];
            let column = || self.header[position].clone();
            if self.formula_columns.contains(&position) && formula(position) {
                let text = String::from_utf8_lossy(raw);
                diagnostics.push(
                    Diagnostic::warning(
                        path,
                        line,
                        Code::FormulaCell,
                        msg!(
                            StartsLikeFormula,
                            text.chars().take(40).collect::<String>(),
                            (raw[0] as char).escape_default().to_string()
                        ),
                    )
                    .column(column())
                    .hint(msg!(RemoveLeadingCharacter)),
                );
            }
            if !suspicious {
                continue;
            }
            // The first thing wrong with the value, if any: an error.
            let wrong = if raw.len() > MAX_FIELD_BYTES {
                Some((
                    Code::MalformedCsv,
                    msg!(ValueTooLong, raw.len(), MAX_FIELD_BYTES),
                    msg!(QuoteLeftOpen),
                ))
            } else if let Some(control) = raw
                .iter()
                .find(|b| b.is_ascii_control() && !matches!(b, b'\t' | b'\r' | b'\n'))
            {
                Some((
                    Code::MalformedCsv,
                    msg!(ControlCharacter, format!("0x{control:02X}")),
                    msg!(BinaryOrCorrupted),
                ))
            } else if let Err(e) = std::str::from_utf8(raw) {
                if let Some(utf8_line) = self.utf8_line {
                    // Once per row, not per value.
                    if good {
                        diagnostics.push(mixed_encodings(path, utf8_line, line).column(column()));
                    }
                    good = false;
                    continue;
                }
                Some((
                    Code::Encoding,
                    msg!(ValueNotUtf8, e.valid_up_to() + 1),
                    msg!(SaveAsCsvUtf8OrReadWindows1252),
                ))
            } else {
                None
            };
            if let Some((code, message, hint)) = wrong {
                good = false;
                diagnostics.push(
                    Diagnostic::error(path, line, code, message)
                        .column(column())
                        .hint(hint),
                );
            }
        }
        if good { text } else { None }
    }

    /// The entry of a row, `bytes` split at `bounds`, if it has no error.
    pub(super) fn parse<'a>(
        &'a mut self,
        bytes: &'a [u8],
        bounds: &[(usize, usize)],
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Entry<'a>> {
        if bounds.len() != self.header.len() {
            diagnostics.push(
                Diagnostic::error(
                    &self.path,
                    line,
                    Code::MalformedCsv,
                    msg!(FieldCount, bounds.len(), self.header.len()),
                )
                .hint(msg!(QuoteTheSeparator)),
            );
            return None;
        }
        let text = self.check_values(bytes, bounds, line, diagnostics)?;
        let columns = &self.columns;
        let values: [&'a str; Field::ALL.len()] = Field::ALL.map(|field| {
            columns
                .get(field)
                .and_then(|p| bounds.get(p))
                .map_or("", |(start, end)| trim(&text[*start..*end]))
        });
        let get = |field: Field| values[field.index()];
        let before = diagnostics.len();
        // Each column read in turn, its problems said in this order.
        let status = self.status_of(get(Field::Status), line, diagnostics);
        if get(Field::Candidate).is_empty() && self.options.candidate.is_none() {
            self.error(
                diagnostics,
                line,
                Field::Candidate,
                Code::MissingValue,
                msg!(NoCandidate),
                Some(msg!(WriteTheCandidate)),
            );
        }
        // Spaces inside names are tidied by `next_row` only: keys fold
        // them away, so the fast path need not.
        let (last_name, first_name) = (get(Field::LastName), get(Field::FirstName));
        for (field, name, missing) in [
            (Field::LastName, last_name, msg!(NoLastName)),
            (Field::FirstName, first_name, msg!(NoFirstName)),
        ] {
            if name.is_empty() {
                self.error(diagnostics, line, field, Code::MissingValue, missing, None);
            }
        }
        let mandate = self.mandate_of(get(Field::Mandate), line, diagnostics);
        let department = self.department_of(mandate, get(Field::Department), line, diagnostics);
        let civility = self.civility_of(get(Field::Civility), line, diagnostics);
        let dates = [Field::ClaimedOn, Field::PublishedOn]
            .map(|field| self.date_of(field, get(field), line, diagnostics));
        let candidate = match (get(Field::Candidate), &self.options.candidate) {
            ("", Some(default)) => default.as_str(),
            (name, _) => name,
        };
        // The status and its dates are judged even when another column is
        // wrong: every problem of a row is said at once.
        let dated = DatedStatus {
            status,
            claimed_on: dates[0],
            published_on: dates[1],
        };
        for problem in entry_problems(&dated, &self.options.election, self.options.today) {
            diagnostics.push(self.located(problem, line));
        }
        let (Some(status), Some(mandate), Some(department)) = (status, mandate, department) else {
            return None;
        };
        if diagnostics[before..].iter().any(Diagnostic::is_error) {
            return None;
        }
        let entry = Sponsorship {
            status,
            candidate,
            civility,
            last_name,
            first_name,
            mandate,
            circonscription: get(Field::Circonscription),
            department,
            claimed_on: dates[0],
            published_on: dates[1],
            source: get(Field::Source),
            notes: get(Field::Notes),
        };
        // A publication's places are the Conseil's own spelling.
        if self.checks_places(mandate, entry.circonscription)
            && !place::is_plainly_found(mandate, department, entry.circonscription, communes())
        {
            let key = &mut self.place_key;
            key.clear();
            key.push_str(mandate.code());
            key.push('\u{1f}');
            key.push_str(department.code);
            key.push('\u{1f}');
            key.push_str(entry.circonscription);
            let problem = self.places.get(key, |_| {
                place::place_problem(mandate, department, entry.circonscription, communes())
            });
            diagnostics.extend(problem.map(|problem| self.located(problem, line)));
        }
        Some(entry)
    }

    /// Says a problem with `field` on `line`.
    #[cold]
    fn error(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        line: u64,
        field: Field,
        code: Code,
        message: Message,
        hint: Option<Message>,
    ) {
        let mut diagnostic =
            Diagnostic::error(&self.path, line, code, message).column(self.column_name(field));
        diagnostic.hint = hint;
        diagnostics.push(diagnostic);
    }

    /// The status column: every row of a publication is validated.
    #[inline]
    fn status_of(&mut self, text: &str, line: u64, diagnostics: &mut Vec<Diagnostic>) -> Option<Status> {
        if self.official.is_some() {
            return Some(Status::Validated);
        }
        if text.is_empty() {
            self.error(
                diagnostics,
                line,
                Field::Status,
                Code::MissingValue,
                msg!(NoStatus),
                Some(Status::hint("")),
            );
            return None;
        }
        let status = self.statuses.get(text, |t| t.parse::<Status>().ok());
        if status.is_none() {
            let hint = Status::hint(text);
            self.error(
                diagnostics,
                line,
                Field::Status,
                Code::UnknownStatus,
                msg!(UnknownStatus, text),
                Some(hint),
            );
        }
        status
    }

    /// The mandate column, read by the publication's labels or ours.
    #[inline]
    fn mandate_of(&mut self, text: &str, line: u64, diagnostics: &mut Vec<Diagnostic>) -> Option<Mandate> {
        if text.is_empty() {
            self.error(
                diagnostics,
                line,
                Field::Mandate,
                Code::MissingValue,
                msg!(NoMandate),
                Some(Mandate::hint("")),
            );
            return None;
        }
        let official = self.official;
        match self.mandates.get(text, |t| match official {
            Some(publication) => publication.mandate(t),
            None => official::parse_mandate(t),
        }) {
            Ok(mandate) => Some(mandate),
            Err(MandateError::Ineligible(why)) => {
                self.error(
                    diagnostics,
                    line,
                    Field::Mandate,
                    Code::IneligibleMandate,
                    msg!(CannotSponsorACandidate, text, Message::new(why)),
                    Some(msg!(OnlyTheLawsMandates)),
                );
                None
            }
            Err(MandateError::Unknown) => {
                let (message, hint) = match official {
                    // The publication is right by definition: the tool
                    // is behind it, and says so rather than miscount.
                    Some(publication) => (
                        msg!(UnknownOfficialLabel, text, publication.title()),
                        msg!(ReportTheLabel),
                    ),
                    None => (msg!(UnknownMandate, text), Mandate::hint(text)),
                };
                self.error(
                    diagnostics,
                    line,
                    Field::Mandate,
                    Code::UnknownMandate,
                    message,
                    Some(hint),
                );
                None
            }
        }
    }

    /// The département column, and the unit the sponsor counts in (see
    /// [`attribute`](Self::attribute)).
    #[inline]
    fn department_of(
        &mut self,
        mandate: Option<Mandate>,
        text: &str,
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<&'static Department> {
        let found = if text.is_empty() {
            None
        } else {
            let publication = self.official;
            let found = self.departments.get(text, |t| {
                let unit = match publication {
                    Some(publication) => publication.department(t),
                    None => Department::lookup(t),
                };
                unit.map(|unit| (unit, official::is_shared_constituency(t)))
            });
            if found.is_some_and(|(_, shared)| shared) {
                self.shared_constituency += 1;
            }
            let found = found.map(|(unit, _)| unit);
            if found.is_none() {
                self.error(
                    diagnostics,
                    line,
                    Field::Department,
                    Code::UnknownDepartment,
                    msg!(UnknownDepartement, text),
                    Some(Department::hint(text)),
                );
            }
            found
        };
        match mandate {
            Some(mandate) if text.is_empty() || found.is_some() => {
                self.attribute(mandate, found, text, line, diagnostics)
            }
            _ => None,
        }
    }

    /// The civility column: a civility not known is a warning, kept as
    /// written.
    #[inline]
    fn civility_of<'t>(
        &mut self,
        text: &'t str,
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<&'t str> {
        if text.is_empty() {
            return None;
        }
        let publication = self.official;
        let known = self.civilities.get(text, |t| {
            publication
                .and_then(|p| p.civility(t))
                .or_else(|| crate::rules::civility::civility(t))
        });
        if known.is_none() {
            diagnostics.push(
                Diagnostic::warning(
                    &self.path,
                    line,
                    Code::UnknownCivility,
                    msg!(UnknownCivility, text),
                )
                .column(self.column_name(Field::Civility))
                .hint(msg!(WriteCivility)),
            );
        }
        Some(known.unwrap_or(text))
    }

    /// A date column, written as the publication writes dates, or ISO.
    #[inline]
    fn date_of(
        &mut self,
        field: Field,
        text: &str,
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<NaiveDate> {
        if text.is_empty() {
            return None;
        }
        let publication = self.official;
        match self.dates.get(text, |t| match publication {
            Some(publication) => publication.date(t).ok_or_else(|| match parse_date(t, true) {
                // Written as the format writes dates, but no such day.
                Err(error) if publication.dates == DateForm::DayMonthYear => error,
                _ => DateError {
                    message: msg!(NotADateAsWritten, t, publication.title()),
                    hint: Some(msg!(ItWritesDates, publication.date_example())),
                },
            }),
            None => parse_date(t, false),
        }) {
            Ok(day) => Some(day),
            Err(DateError { message, hint }) => {
                self.error(diagnostics, line, field, Code::BadDate, message, hint);
                None
            }
        }
    }

    /// The unit a sponsor counts in: the law's fixed unit for MEPs and the
    /// French abroad, else the département column.
    fn attribute(
        &self,
        mandate: Mandate,
        found: Option<&'static Department>,
        text: &str,
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<&'static Department> {
        let column = || self.column_name(Field::Department);
        // The law decides (`Mandate::attribute`); here it is said.
        match mandate.attribute(found) {
            Attribution::Fixed {
                unit,
                written_otherwise,
            } => {
                if written_otherwise {
                    diagnostics.push(
                        Diagnostic::warning(
                            &self.path,
                            line,
                            Code::DepartmentMismatch,
                            msg!(CountsInFixedUnit, Arg::Mandate(mandate), unit.to_string(), text),
                        )
                        .column(column())
                        .hint(msg!(WriteUnitCode, unit.code)),
                    );
                }
                Some(unit)
            }
            Attribution::Missing => {
                diagnostics.push(
                    Diagnostic::error(&self.path, line, Code::MissingValue, msg!(NoDepartement))
                        .column(column())
                        .hint(msg!(WriteTheDepartement)),
                );
                None
            }
            Attribution::CannotSit(found) => {
                diagnostics.push(
                    Diagnostic::error(
                        &self.path,
                        line,
                        Code::DepartmentMismatch,
                        msg!(CannotBeElectedIn, Arg::Mandate(mandate), found.to_string()),
                    )
                    .column(column())
                    .hint(mandate.where_elected()),
                );
                None
            }
            Attribution::Written(unit) => Some(unit),
        }
    }
}

/// `text` without white space at its ends. Most values have none, and are
/// returned at once; the others go through `str::trim`, which knows every
/// Unicode space.
fn trim(text: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|b| *b > b' ' && b.is_ascii());
    // The last value of a CRLF row ends with its CR.
    let text = text.strip_suffix('\r').unwrap_or(text);
    let bytes = text.as_bytes();
    if bytes.is_empty() || plain(bytes.first()) && plain(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// A file that holds UTF-8 on `utf8_line` and another encoding on `line`:
/// no one reading of it is right, so nothing in it is guessed.
fn mixed_encodings(path: &Arc<Path>, utf8_line: u64, line: u64) -> Diagnostic {
    Diagnostic::error(path, line, Code::Encoding, msg!(MixedEncodings, utf8_line)).hint(msg!(SaveWholeAsUtf8))
}

#[derive(Debug, Clone)]
pub struct DateError {
    pub message: Message,
    pub hint: Option<Message>,
}

/// Reads `YYYY-MM-DD`; the official files write `dd/mm/yyyy`, accepted there.
pub fn parse_date(text: &str, official: bool) -> Result<NaiveDate, DateError> {
    match crate::rules::election::read_day(text) {
        Ok((date, DayForm::French)) if !official => Err(DateError {
            message: msg!(WrittenDayFirst, text),
            hint: Some(msg!(WriteItIso, date.format("%Y-%m-%d").to_string())),
        }),
        Ok((date, _)) => Ok(date),
        Err(not) => Err(DateError {
            message: not.into(),
            hint: Some(msg!(WriteDatesIso)),
        }),
    }
}
