//! The Répertoire national des élus (RULES.md §6): one file per mandate,
//! read from a directory, in any of the forms its releases drift between
//! (`;` or `,`, quoted or not, `dd/mm/yyyy` or ISO dates, padded or
//! unpadded codes, CRLF or LF, a BOM or none, a header with a double
//! space). A file is recognised by its header, never by its name, and read
//! by column name.
//!
//! Only the rows whose mandate or function may sponsor are kept (as
//! `rules::eligibility` decides), mapped to
//! the ledger's mandate codes and to the unit they count in (RULES.md §1).
//! Within the register a person is last name, first name and date of
//! birth, folded; one person may hold several mandates. Rows that do not
//! say which unit they count in are kept with no unit, counted and listed:
//! never guessed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::message::{Key, Message};
use crate::msg;
use crate::rules::eligibility::{RegisterList, RegisterRow, eligibility, possible_units};
use crate::rules::fold::{fold, fold_into, tidy};
use crate::rules::{Department, Mandate};

/// The list a header announces, by its columns (folded names).
fn list_of(header: &[String]) -> Option<RegisterList> {
    let has = |name: &str| header.iter().any(|h| *h == fold(name));
    Some(if has("Code de la circonscription consulaire") {
        RegisterList::ConsularCouncillors
    } else if has("Code de la circ. AFE") || has("Code de la circonscription AFE") {
        RegisterList::AfeMembers
    } else if has("Code de la section - collectivité à statut particulier") {
        RegisterList::AssemblyMembers
    } else if has("Code de la section départementale") {
        RegisterList::RegionalCouncillors
    } else if has("Code du canton") {
        RegisterList::DepartmentalCouncillors
    } else if has("Code de la circonscription législative") {
        RegisterList::Deputies
    } else if has("Libellé du secteur") {
        RegisterList::ArrondissementCouncillors
    } else if has("N° SIREN") || has("Libellé de l'EPCI") {
        RegisterList::CommunityCouncillors
    } else if has("Code de la commune") && has("Libellé de la fonction") {
        RegisterList::MunicipalCouncillors
    } else if has("Code de la commune") {
        RegisterList::Mayors
    } else if has("Code du département") || has("Code de la collectivité à statut particulier") {
        RegisterList::Senators
    } else if has("Nom de l'élu") && has("Date de naissance") {
        RegisterList::Meps
    } else {
        return None;
    })
}

/// A mandate a person of the register holds and may sponsor with.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub mandate: Mandate,
    /// Commune, canton, section, constituency… as the file writes it.
    pub circonscription: String,
    /// Where it counts; `None` when the file does not say (a member of the
    /// Assemblée de Corse, a regional councillor of the Alsace section).
    pub unit: Option<&'static Department>,
    /// When the unit is not said, the units it may be (`2A` or `2B` for
    /// the Assemblée de Corse, `67` or `68` for Alsace); empty otherwise.
    pub possible: &'static [&'static str],
    /// The file (index into [`Register::files`]) and line it comes from.
    pub file: usize,
    pub line: u64,
}

/// One person of the register, with every eligible mandate they hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub last_name: String,
    /// Folded last name, first name and date of birth: who the person is.
    key: String,
    pub first_name: String,
    /// `M.` or `Mme`, from the file's sex code.
    pub civility: Option<&'static str>,
    pub birth: NaiveDate,
    pub mandates: Vec<Held>,
}

/// A row kept with no unit, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownUnit {
    pub file: usize,
    pub line: u64,
    pub person: usize,
    pub why: Key,
}

/// The register as read from a directory.
#[derive(Debug, Default)]
pub struct Register {
    /// The files read, with what they hold.
    pub files: Vec<(Arc<Path>, RegisterList)>,
    /// Data rows read, eligible or not.
    pub rows: u64,
    pub eligible: u64,
    pub ineligible: u64,
    /// Rows that could not be read (with `skip_unreadable`).
    pub skipped: u64,
    pub unknown_unit: Vec<UnknownUnit>,
    pub persons: Vec<Person>,
    /// Unreadable rows (errors) and files passed over (warnings): the
    /// first [`KEPT_DIAGNOSTICS`]; `skipped` counts every unreadable row.
    pub diagnostics: Vec<Diagnostic>,
}

/// How many of its problems a register keeps: a file of ten million bad
/// lines is counted, not held.
pub const KEPT_DIAGNOSTICS: usize = 1_000;

impl Person {
    /// The last name folded: how the register is searched and sorted.
    pub fn folded_last_name(&self) -> &str {
        self.key.split('\u{1f}').next().unwrap_or_default()
    }
}

/// Why the register cannot be read at all.
#[derive(Debug)]
pub enum RegisterError {
    /// Its directory cannot be listed.
    Directory { dir: PathBuf, source: std::io::Error },
    /// One of its files cannot be read.
    File { path: PathBuf, source: std::io::Error },
    /// A thread reading it failed.
    Thread,
    /// No file of the register in the directory.
    Empty { dir: PathBuf },
}

impl From<RegisterError> for Message {
    fn from(error: RegisterError) -> Message {
        match error {
            RegisterError::Directory { dir, source } => {
                msg!(
                    CannotReadRegisterDirectory,
                    &dir,
                    Message::verbatim(source.to_string())
                )
            }
            RegisterError::File { path, source } => {
                msg!(FileSaid, &path, Message::verbatim(source.to_string()))
            }
            RegisterError::Thread => msg!(RegisterThreadFailed),
            RegisterError::Empty { dir } => msg!(NoRegisterFile, &dir),
        }
    }
}

impl Register {
    /// Reads every file of `dir`. Errors (an unreadable row) are in
    /// `diagnostics`; the caller decides whether to go on.
    pub fn read(dir: &Path) -> Result<Register, RegisterError> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|source| RegisterError::Directory {
                dir: dir.to_path_buf(),
                source,
            })?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        let mut texts = Vec::with_capacity(paths.len());
        for path in &paths {
            texts.push(std::fs::read(path).map_err(|source| RegisterError::File {
                path: path.clone(),
                source,
            })?);
        }
        // The files are read side by side on every core, a large file with
        // no quote (so every line end ends a row) in pieces; then the
        // pieces are joined in name and reading order, so that the result
        // is the same as one pass.
        let threads = crate::engine::parts::threads().max(1);
        let mut pieces: Vec<Piece> = Vec::new();
        for (file, text) in texts.iter().enumerate() {
            pieces.extend(Piece::cut(file, text, threads));
        }
        let mut order: Vec<usize> = (0..pieces.len()).collect();
        order.sort_unstable_by_key(|&k| std::cmp::Reverse(pieces[k].len()));
        let mut shares: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); threads.min(pieces.len()).max(1)];
        for k in order {
            if let Some(least) = shares.iter_mut().min_by_key(|(load, _)| *load) {
                least.0 += pieces[k].len();
                least.1.push(k);
            }
        }
        let mut parts: Vec<(usize, Register)> = std::thread::scope(|scope| {
            let handles: Vec<_> = shares
                .iter()
                .map(|(_, share)| {
                    let (paths, texts, pieces) = (&paths, &texts, &pieces);
                    scope.spawn(move || {
                        share
                            .iter()
                            .map(|&k| {
                                let piece = &pieces[k];
                                let mut one = Register::default();
                                one.read_piece(
                                    Arc::from(paths[piece.file].as_path()),
                                    &texts[piece.file],
                                    piece,
                                );
                                (k, one)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        if parts.len() != pieces.len() {
            return Err(RegisterError::Thread);
        }
        parts.sort_by_key(|(k, _)| *k);
        let mut register = Register::default();
        let mut persons: FxHashMap<u128, usize> = FxHashMap::default();
        persons.reserve(parts.iter().map(|(_, p)| p.persons.len()).sum());
        for (k, part) in parts {
            // A later piece of a file read already: the same file.
            let continues = k > 0 && pieces[k - 1].file == pieces[k].file && !part.files.is_empty();
            register.absorb_piece(part, &mut persons, continues);
        }
        if register.files.is_empty() {
            return Err(RegisterError::Empty {
                dir: dir.to_path_buf(),
            });
        }
        Ok(register)
    }

    /// Takes in a register read apart (one file, say): its persons join
    /// those of the same key, here or in that part.
    /// `persons` holds the 128-bit hash of each person's key.
    #[cfg(test)]
    pub fn absorb(&mut self, part: Register, persons: &mut FxHashMap<u128, usize>) {
        self.absorb_piece(part, persons, false);
    }

    /// [`absorb`](Self::absorb), for a piece that `continues` the file
    /// taken in last.
    fn absorb_piece(&mut self, part: Register, persons: &mut FxHashMap<u128, usize>, continues: bool) {
        let file_offset = if continues {
            self.files.len().saturating_sub(1)
        } else {
            self.files.len()
        };
        if !continues {
            self.files.extend(part.files);
        }
        self.rows += part.rows;
        self.eligible += part.eligible;
        self.ineligible += part.ineligible;
        self.skipped += part.skipped;
        let room = KEPT_DIAGNOSTICS.saturating_sub(self.diagnostics.len());
        self.diagnostics.extend(part.diagnostics.into_iter().take(room));
        let mut moved = Vec::with_capacity(part.persons.len());
        for mut person in part.persons {
            for held in &mut person.mandates {
                held.file += file_offset;
            }
            let key = xxhash_rust::xxh3::xxh3_128(person.key.as_bytes());
            let index = match persons.get(&key) {
                Some(&p) => {
                    self.persons[p].mandates.append(&mut person.mandates);
                    p
                }
                None => {
                    persons.insert(key, self.persons.len());
                    self.persons.push(person);
                    self.persons.len() - 1
                }
            };
            moved.push(index);
        }
        for mut unknown in part.unknown_unit {
            unknown.file += file_offset;
            unknown.person = moved[unknown.person];
            self.unknown_unit.push(unknown);
        }
    }

    /// Reads one file's bytes into the register, one person per eligible
    /// row: the same person's rows are joined by [`absorb`](Self::absorb).
    #[cfg(test)]
    pub fn read_file(&mut self, path: Arc<Path>, bytes: &[u8]) {
        self.read_piece(path, bytes, &Piece::whole(0, bytes));
    }

    /// Reads a piece of a file: the header, then the piece's rows.
    fn read_piece(&mut self, path: Arc<Path>, text: &[u8], piece: &Piece) {
        let joined;
        let bytes: &[u8] = if piece.body.start == piece.header.end {
            &text[piece.header.start..piece.body.end]
        } else {
            joined = [&text[piece.header.clone()], &text[piece.body.clone()]].concat();
            &joined
        };
        let lines_before = piece.lines_before;
        let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
        let count = |c: u8| first_line.iter().filter(|b| **b == c).count();
        let delimiter = if count(b',') > count(b';') { b',' } else { b';' };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut record = csv::StringRecord::new();
        let header: Vec<String> = match reader.read_record(&mut record) {
            Ok(true) => record.iter().map(fold).collect(),
            Ok(false) => return self.pass_over(&path, msg!(EmptyFile)),
            Err(_) => return self.pass_over(&path, msg!(NotText)),
        };
        let Some(kind) = list_of(&header) else {
            return self.pass_over(&path, msg!(NotARegisterHeader));
        };
        let columns = Columns::new(&header);
        let file = self.files.len();
        self.files.push((Arc::clone(&path), kind));
        self.persons.reserve(bytes.len() / 128);
        loop {
            let read = reader.read_record(&mut record);
            // The line the row starts on (the header is line 1). After a
            // CRLF, the reader's row starts on the LF it has not read yet.
            let line = lines_before
                + record.position().map_or_else(
                    || reader.position().line(),
                    |p| p.line() + u64::from(bytes.get(p.byte() as usize) == Some(&b'\n')),
                );
            match read {
                Ok(false) => break,
                Ok(true) if record.iter().all(|f| f.trim().is_empty()) => continue,
                Ok(true) => {}
                Err(e) => {
                    self.rows += 1;
                    self.unreadable(
                        &path,
                        line,
                        None,
                        msg!(CannotReadRow, Message::verbatim(e.to_string())),
                    );
                    continue;
                }
            }
            self.rows += 1;
            if record.len() != header.len() {
                let message = msg!(FieldCountBroken, record.len(), header.len());
                self.unreadable(&path, line, None, message);
                continue;
            }
            let get = |names: &[usize]| -> &str {
                names
                    .iter()
                    .filter_map(|&i| record.get(i))
                    .map(str::trim)
                    .find(|v| !v.is_empty())
                    .unwrap_or("")
            };
            let decides = RegisterRow {
                department: get(&columns.department),
                collectivity: get(&columns.collectivity),
                section: get(&columns.section),
                canton: get(&columns.canton),
                regional_section: get(&columns.regional_section),
                function: get(&columns.function),
            };
            let Some(row) = eligibility(kind, &decides) else {
                self.ineligible += 1;
                continue;
            };
            let (last, first) = (get(&columns.last_name), get(&columns.first_name));
            if last.is_empty() || first.is_empty() {
                self.unreadable(&path, line, Some("Nom de l'élu"), msg!(NoName));
                continue;
            }
            let birth_text = get(&columns.birth);
            let Some(birth) = parse_birth(birth_text) else {
                let message = msg!(NotABirthDate, birth_text);
                self.unreadable(&path, line, Some("Date de naissance"), message);
                continue;
            };
            self.eligible += 1;
            let mut key = String::with_capacity(last.len() + first.len() + 12);
            fold_into(last, &mut key);
            key.push('\u{1f}');
            fold_into(first, &mut key);
            key.push('\u{1f}');
            // The date as digits, without a format string to interpret.
            let (y, m, d) = (birth.year(), birth.month(), birth.day());
            for digit in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
                key.push(char::from(b'0' + digit.unsigned_abs() as u8 % 10));
            }
            for digit in [m / 10, m % 10, d / 10, d % 10] {
                key.push(char::from(b'0' + digit as u8));
            }
            let civility = match get(&columns.sex) {
                "M" | "m" => Some("M."),
                "F" | "f" => Some("Mme"),
                _ => None,
            };
            self.persons.push(Person {
                last_name: tidy(last),
                key,
                first_name: tidy(first),
                civility,
                birth,
                mandates: Vec::with_capacity(1),
            });
            let person = self.persons.len() - 1;
            if let Err(why) = row.unit {
                self.unknown_unit.push(UnknownUnit {
                    file,
                    line,
                    person,
                    why,
                });
            }
            self.persons[person].mandates.push(Held {
                mandate: row.mandate,
                circonscription: circonscription(row.mandate, get(&columns.places)),
                unit: row.unit.ok(),
                possible: row.unit.err().map_or(&[], possible_units),
                file,
                line,
            });
        }
    }

    fn pass_over(&mut self, path: &Arc<Path>, why: Message) {
        self.diagnostics.push(
            Diagnostic::warning(path, 1, Code::MissingColumn, msg!(PassedOver, why))
                .hint(msg!(RegisterFiles)),
        );
    }

    fn unreadable(&mut self, path: &Arc<Path>, line: u64, column: Option<&str>, message: Message) {
        self.skipped += 1;
        if self.diagnostics.len() >= KEPT_DIAGNOSTICS {
            return;
        }
        let mut diagnostic = Diagnostic::error(path, line, Code::MalformedCsv, message);
        if let Some(column) = column {
            diagnostic = diagnostic.column(column);
        }
        self.diagnostics.push(diagnostic.hint(msg!(DownloadAgain)));
    }
}

/// A part of a file to read on its own: its header line and a run of
/// whole rows, with the lines before them.
struct Piece {
    file: usize,
    header: std::ops::Range<usize>,
    body: std::ops::Range<usize>,
    /// Lines of the file before the body, less the header's.
    lines_before: u64,
}

impl Piece {
    /// The whole of a file (past its BOM) as one piece.
    fn whole(file: usize, text: &[u8]) -> Piece {
        let start = if text.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        Piece {
            file,
            header: start..start,
            body: start..text.len(),
            lines_before: 0,
        }
    }

    /// A file cut in `count` pieces at line ends, if it is large and holds
    /// no quote (a quoted value may hold a line end); else whole.
    fn cut(file: usize, text: &[u8], count: usize) -> Vec<Piece> {
        let whole = Piece::whole(file, text);
        if count < 2 || text.len() < 1 << 20 || memchr::memchr(b'"', text).is_some() {
            return vec![whole];
        }
        let start = whole.body.start;
        let Some(header_end) = memchr::memchr(b'\n', &text[start..]).map(|i| start + i + 1) else {
            return vec![whole];
        };
        let mut cuts = vec![header_end];
        for k in 1..count {
            let at = header_end + (text.len() - header_end) * k / count;
            match memchr::memchr(b'\n', &text[at..]) {
                Some(i) if at + i + 1 < text.len() && at + i + 1 > *cuts.last().unwrap_or(&0) => {
                    cuts.push(at + i + 1)
                }
                _ => break,
            }
        }
        cuts.push(text.len());
        let mut pieces = vec![Piece {
            file,
            header: start..start,
            body: start..cuts[1],
            lines_before: 0,
        }];
        for pair in cuts[1..].windows(2) {
            pieces.push(Piece {
                file,
                header: start..header_end,
                body: pair[0]..pair[1],
                lines_before: memchr::memchr_iter(b'\n', &text[..pair[0]]).count() as u64 - 1,
            });
        }
        pieces
    }

    fn len(&self) -> usize {
        self.body.len()
    }
}

/// Where the columns the tool reads are, by name.
struct Columns {
    last_name: Vec<usize>,
    first_name: Vec<usize>,
    sex: Vec<usize>,
    birth: Vec<usize>,
    department: Vec<usize>,
    collectivity: Vec<usize>,
    section: Vec<usize>,
    canton: Vec<usize>,
    function: Vec<usize>,
    /// Labels for the circonscription, best first.
    places: Vec<usize>,
    regional_section: Vec<usize>,
}

impl Columns {
    fn new(header: &[String]) -> Columns {
        let at = |names: &[&str]| -> Vec<usize> {
            names
                .iter()
                .filter_map(|name| header.iter().position(|h| *h == fold(name)))
                .collect()
        };
        Columns {
            last_name: at(&["Nom de l'élu"]),
            first_name: at(&["Prénom de l'élu"]),
            sex: at(&["Code sexe"]),
            birth: at(&["Date de naissance"]),
            department: at(&["Code du département"]),
            collectivity: at(&["Code de la collectivité à statut particulier"]),
            section: at(&["Code de la section - collectivité à statut particulier"]),
            canton: at(&["Code du canton"]),
            function: at(&["Libellé de la fonction"]),
            places: at(&[
                "Libellé de la commune",
                "Libellé du canton",
                "Libellé de la section départementale",
                "Libellé de la section - collectivité à statut particulier",
                "Libellé de la circonscription législative",
                "Libellé de la circonscription consulaire",
                "Libellé la circ. AFE",
                "Libellé la circonscription AFE",
                "Libellé de l'EPCI",
                "Libellé de la collectivité à statut particulier",
            ]),
            regional_section: at(&["Code de la section départementale"]),
        }
    }
}

/// A mandate's circonscription as the register writes it.
fn circonscription(mandate: Mandate, places: &str) -> String {
    match mandate {
        // The register names no place for these: the whole unit, Paris,
        // Lyon, Corsica, Europe.
        Mandate::Senator
        | Mandate::Mep
        | Mandate::ParisCouncillor
        | Mandate::LyonCouncillor
        | Mandate::CorsicaCouncillor => String::new(),
        // The canton and the constituency, as the register writes them
        // ("Montmédy", "1Ère Circonscription"): the official publications
        // leave them empty, so they are not compared (`Index::lookup`).
        _ => tidy(places),
    }
}

impl Held {
    /// The units the mandate counts in: its unit, else those it may be.
    pub fn units(&self) -> impl Iterator<Item = &'static Department> + '_ {
        self.unit
            .into_iter()
            .chain(self.possible.iter().map(|code| Department::by_code(code)))
    }
}

/// Whether the official publications write a mandate's place. They leave
/// it empty for deputies and departmental councillors, whose constituency
/// and canton the register gives, and for the mandates of a whole unit:
/// a place is compared only where both sides may write it.
fn place_is_published(mandate: Mandate) -> bool {
    !matches!(
        mandate,
        Mandate::Deputy
            | Mandate::Senator
            | Mandate::Mep
            | Mandate::ParisCouncillor
            | Mandate::LyonCouncillor
            | Mandate::DepartmentalCouncillor
            | Mandate::CorsicaCouncillor
    )
}

/// A date of birth: `22/07/1967`, `1967-07-22`, or with two-digit years
/// (`22/07/67`), which are of the last hundred years. Read by hand: a
/// register holds tens of thousands.
fn parse_birth(text: &str) -> Option<NaiveDate> {
    let number = |part: &str| -> Option<u32> {
        (!part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (year, month, day, year_digits) = if let [y, m, d] = text.split('-').collect::<Vec<_>>()[..] {
        (number(y)?, number(m)?, number(d)?, y.len())
    } else if let [d, m, y] = text.split('/').collect::<Vec<_>>()[..] {
        (number(y)?, number(m)?, number(d)?, y.len())
    } else {
        return None;
    };
    let year = match year_digits {
        4 => i32::try_from(year).ok()?,
        2 => {
            let this_year = crate::rules::election::today_in_paris().year() % 100;
            let year = i32::try_from(year).ok()?;
            if year > this_year {
                1900 + year
            } else {
                2000 + year
            }
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// What the register says of a ledger entry or a published row.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// One person holds that mandate there, under that name.
    One(usize),
    /// Several do: homonyms, told apart by nothing the entry says.
    Several(Vec<usize>),
    /// One person of that name is there, under other mandates only.
    OtherMandates(usize),
    /// No one (see [`Index::nearest`] for the names closest).
    Nobody,
}

/// The register's mandates by folded last name, unit and mandate, to find
/// the person an entry names (RULES.md §1's looser rules for claims: case,
/// accents, hyphens and fewer first names aside; exactly one fit, or it
/// is said to be ambiguous).
pub struct Index<'r> {
    register: &'r Register,
    by_family: FxHashMap<(&'r str, &'static str), Vec<(usize, usize)>>,
}

impl<'r> Index<'r> {
    pub fn new(register: &'r Register) -> Index<'r> {
        let mut by_family: FxHashMap<(&'r str, &'static str), Vec<(usize, usize)>> = FxHashMap::default();
        for (p, person) in register.persons.iter().enumerate() {
            for (h, held) in person.mandates.iter().enumerate() {
                // A mandate of no known unit is found in each unit it may
                // count in: an entry says which.
                for unit in held.units() {
                    by_family
                        .entry((person.folded_last_name(), unit.code))
                        .or_default()
                        .push((p, h));
                }
            }
        }
        Index { register, by_family }
    }

    /// The mandates held in `unit` (a code) by persons of the folded last
    /// name `last`: (person, mandate) of the register.
    pub fn family<'a>(&'a self, last: &'a str, unit: &'a str) -> &'a [(usize, usize)] {
        self.by_family.get(&(last, unit)).map_or(&[], Vec::as_slice)
    }

    /// The person of the register `entry` names.
    pub fn lookup<S: AsRef<str>>(&self, entry: &crate::sponsorship::Sponsorship<S>) -> Lookup {
        let last = fold(entry.last_name.as_ref());
        let Some(family) = self.by_family.get(&(last.as_str(), entry.department.code)) else {
            return Lookup::Nobody;
        };
        let ours = fold(entry.circonscription.as_ref());
        let named: Vec<(usize, usize)> = family
            .iter()
            .copied()
            .filter(|&(p, _)| {
                crate::rules::matching::first_names(
                    entry.first_name.as_ref(),
                    &self.register.persons[p].first_name,
                )
                .is_some()
            })
            .collect();
        let mut fits: Vec<usize> = named
            .iter()
            .filter(|&&(p, h)| {
                let held = &self.register.persons[p].mandates[h];
                held.mandate == entry.mandate
                    && (!place_is_published(held.mandate) || ours.is_empty() || {
                        let theirs = fold(&held.circonscription);
                        theirs.is_empty() || ours == theirs
                    })
            })
            .map(|&(p, _)| p)
            .collect();
        fits.sort_unstable();
        fits.dedup();
        match fits.as_slice() {
            [one] => Lookup::One(*one),
            [] => {
                let mut persons: Vec<usize> = named.iter().map(|&(p, _)| p).collect();
                persons.sort_unstable();
                persons.dedup();
                match persons.as_slice() {
                    [one] => Lookup::OtherMandates(*one),
                    [] => Lookup::Nobody,
                    several => Lookup::Several(several.to_vec()),
                }
            }
            several => Lookup::Several(several.to_vec()),
        }
    }

    /// The names of the register closest to the entry's, in its unit and
    /// with its mandate: first whoever holds that mandate in the place the
    /// entry names (for a mayor, the mayor of that commune), then the
    /// names nearest in spelling.
    pub fn nearest<S: AsRef<str>>(&self, entry: &crate::sponsorship::Sponsorship<S>) -> Vec<String> {
        let wanted = fold(&format!(
            "{} {}",
            entry.last_name.as_ref(),
            entry.first_name.as_ref()
        ));
        let place = fold(entry.circonscription.as_ref());
        let mut close: Vec<(bool, usize, String)> = self
            .by_family
            .iter()
            .filter(|((_, unit), _)| *unit == entry.department.code)
            .flat_map(|(_, held)| held.iter())
            .filter(|&&(p, h)| self.register.persons[p].mandates[h].mandate == entry.mandate)
            .map(|&(p, h)| {
                let person = &self.register.persons[p];
                let elsewhere = place.is_empty() || fold(&person.mandates[h].circonscription) != place;
                let name = format!("{} {}", person.last_name, person.first_name);
                let distance = crate::rules::identity::edit_distance(&wanted, &fold(&name));
                (elsewhere, distance, name)
            })
            .collect();
        close.sort();
        close.dedup();
        close.into_iter().take(3).map(|(_, _, name)| name).collect()
    }

    /// The mandates of that name and mandate in other units than the
    /// entry's: where an official whose département was typed wrong is.
    pub fn elsewhere<S: AsRef<str>>(
        &self,
        entry: &crate::sponsorship::Sponsorship<S>,
    ) -> Vec<(usize, usize)> {
        let last = fold(entry.last_name.as_ref());
        let mut found: Vec<(usize, usize)> = self
            .by_family
            .iter()
            .filter(|((name, unit), _)| *name == last && *unit != entry.department.code)
            .flat_map(|(_, held)| held.iter().copied())
            .filter(|&(p, h)| {
                let person = &self.register.persons[p];
                person.mandates[h].mandate == entry.mandate
                    && crate::rules::matching::first_names(entry.first_name.as_ref(), &person.first_name)
                        .is_some()
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(files: &[(&str, &str)]) -> Register {
        let mut register = Register::default();
        let mut persons = FxHashMap::default();
        for (name, text) in files {
            let mut one = Register::default();
            one.read_file(Arc::from(Path::new(name)), text.as_bytes());
            register.absorb(one, &mut persons);
        }
        register
    }

    #[test]
    fn a_large_file_read_in_pieces_reads_as_one() {
        let mut text = String::from(
            "Code du département;Libellé du département;Code de la commune;Libellé de la commune;Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance\n",
        );
        for i in 0..25_000 {
            let birth = if i == 14_000 {
                "99/99/1999".to_string()
            } else {
                format!("{:02}/01/1960", 1 + i % 28)
            };
            text.push_str(&format!(
                "01;Ain;{i:05};Commune numéro {i};NOM{};Jean;M;{birth}\n",
                i % 9000
            ));
        }
        assert!(text.len() > 1 << 20);
        let pieces = Piece::cut(0, text.as_bytes(), 3);
        assert_eq!(pieces.len(), 3);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("maires.csv"), &text).unwrap();
        let in_pieces = Register::read(dir.path()).unwrap();
        let mut whole = Register::default();
        whole.read_file(Arc::from(Path::new("maires.csv")), text.as_bytes());
        let mut one = Register::default();
        one.absorb(whole, &mut FxHashMap::default());
        assert_eq!(
            (in_pieces.rows, in_pieces.eligible, in_pieces.skipped),
            (25_000, 24_999, 1)
        );
        assert_eq!(in_pieces.persons, one.persons);
        assert_eq!(in_pieces.files.len(), 1);
        // The row that cannot be read is named at its own line.
        assert_eq!(in_pieces.diagnostics[0].line, 14_002);
        assert_eq!(one.diagnostics[0].line, 14_002);
    }

    #[test]
    fn dates_in_every_form() {
        let day = NaiveDate::from_ymd_opt(1967, 7, 22);
        assert_eq!(parse_birth("22/07/1967"), day);
        assert_eq!(parse_birth("1967-07-22"), day);
        assert_eq!(parse_birth("22/07/67"), day);
        assert_eq!(parse_birth("22/07/1967 "), None);
        assert_eq!(parse_birth("31/02/1967"), None);
    }

    #[test]
    fn a_person_with_two_mandates_is_one_person() {
        let register = read(&[
            (
                "m.csv",
                "Code du département;Libellé du département;Code de la collectivité à statut particulier;Libellé de la collectivité à statut particulier;Code de la commune;Libellé de la commune;Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;Date de début du mandat\n\
                 01;Ain;;;01001;L'Abergement;DUPONT;Jean;M;22/07/1967;15/03/2026\n",
            ),
            (
                "d.csv",
                "\"Code du département\",\"Libellé du  département\",\"Code du canton\",\"Libellé du canton\",\"Nom de l'élu\",\"Prénom de l'élu\",\"Code sexe\",\"Date de naissance\",\"Libellé de la fonction\"\r\n\
                 1,\"Ain\",101,\"Ambérieu\",\"Dupont\",\"Jean\",\"M\",1967-07-22,\r\n",
            ),
        ]);
        assert_eq!((register.rows, register.eligible, register.ineligible), (2, 2, 0));
        assert_eq!(register.persons.len(), 1);
        let person = &register.persons[0];
        assert_eq!(person.civility, Some("M."));
        let mandates: Vec<(Mandate, &str)> = person
            .mandates
            .iter()
            .map(|h| (h.mandate, h.unit.map_or("?", |u| u.code)))
            .collect();
        assert_eq!(
            mandates,
            [(Mandate::Mayor, "01"), (Mandate::DepartmentalCouncillor, "01")]
        );
    }

    fn claim(
        last: &str,
        first: &str,
        mandate: Mandate,
        place: &str,
        unit: &str,
    ) -> crate::sponsorship::Sponsorship {
        crate::sponsorship::Sponsorship {
            status: crate::rules::Status::Claimed,
            candidate: "MARTIN Claire".into(),
            civility: None,
            last_name: last.into(),
            first_name: first.into(),
            mandate,
            circonscription: place.into(),
            department: Department::by_code(unit),
            claimed_on: None,
            published_on: None,
            source: String::new(),
            notes: String::new(),
        }
    }

    #[test]
    fn the_canton_is_kept_and_corsica_is_looked_up_in_either_unit() {
        let register = read(&[
            (
                "d.csv",
                "\"Code du département\";\"Libellé du département\";\"Code du canton\";\"Libellé du canton\";\"Nom de l'élu\";\"Prénom de l'élu\";\"Code sexe\";\"Date de naissance\"\n\
                 2;\"Aisne\";201;\"Laon-1\";\"LEMOINE\";\"Claire\";\"F\";1961-04-03\n",
            ),
            (
                "ma.csv",
                "\"Code du département\";\"Code de la collectivité à statut particulier\";\"Libellé de la collectivité à statut particulier\";\"Code de la section - collectivité à statut particulier\";\"Nom de l'élu\";\"Prénom de l'élu\";\"Code sexe\";\"Date de naissance\"\n\
                 ;94;\"Corse\";;\"ORSINI\";\"Paul\";\"M\";1969-02-02\n",
            ),
        ]);
        let lemoine = &register.persons[0].mandates[0];
        assert_eq!(lemoine.circonscription, "Laon-1");
        let orsini = &register.persons[1].mandates[0];
        assert_eq!((orsini.unit, orsini.possible), (None, &["2A", "2B"][..]));
        let index = Index::new(&register);
        // The publications leave a councillor's canton empty: a ledger's,
        // written otherwise, is not held against the register's.
        let typed = claim(
            "Lemoine",
            "Claire",
            Mandate::DepartmentalCouncillor,
            "canton de Laon",
            "02",
        );
        assert_eq!(index.lookup(&typed), Lookup::One(0));
        for unit in ["2A", "2B"] {
            let typed = claim("Orsini", "Paul", Mandate::CorsicaCouncillor, "", unit);
            assert_eq!(index.lookup(&typed), Lookup::One(1), "{unit}");
        }
        let typed = claim("Orsini", "Paul", Mandate::CorsicaCouncillor, "", "13");
        assert_eq!(index.lookup(&typed), Lookup::Nobody);
    }
}
