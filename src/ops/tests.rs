//! The workflows called in-process, as a program would call them: a
//! request in, a result out, the notes and warnings caught by a sink of
//! the test's own. No command line and no rendering: what each workflow
//! decides, and what it leaves on disk.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bumpalo::Bump;
use chrono::NaiveDate;

use crate::context::{Context, Failure};
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::Lang;
use crate::ledger::Field;
use crate::message::{Key, Message, Notes};
use crate::ops::add::{AddRequest, add};
use crate::ops::import::{ImportRequest, import};
use crate::ops::prospects::{ProspectsRequest, Tier, prospects};
use crate::ops::select::{Identity, remove};
use crate::ops::update::{UpdateRequest, update};
use crate::rules::Status;

const HEADER: &str = "status,candidate,civility,last_name,first_name,mandate,circonscription,department,claimed_on,published_on,source,notes\n";

/// What the workflows said through the run's notes, in order.
#[derive(Clone, Default)]
struct Heard(Arc<Mutex<Vec<Said>>>);

#[derive(Debug, Clone, PartialEq)]
enum Said {
    Note(Key),
    Warning(Key),
    Problem(Code),
}

impl Notes for Heard {
    fn note(&self, message: Message) {
        self.0.lock().unwrap().push(Said::Note(message.key));
    }
    fn warn(&self, message: Message) {
        self.0.lock().unwrap().push(Said::Warning(message.key));
    }
    fn problem(&self, diagnostic: &Diagnostic) {
        self.0.lock().unwrap().push(Said::Problem(diagnostic.code));
    }
}

impl Heard {
    fn said(&self) -> Vec<Said> {
        self.0.lock().unwrap().clone()
    }
}

/// A ledger of `rows` in a directory of its own (with no settings: the
/// candidate is named by the test's context).
struct Ledger {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Ledger {
    fn new(rows: &str) -> Ledger {
        Ledger::holding(&format!("{HEADER}{rows}"))
    }

    /// A ledger whose whole text, header included, is `text`.
    fn holding(text: &str) -> Ledger {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("parrainages.csv");
        std::fs::write(&path, text).unwrap();
        Ledger { _dir: dir, path }
    }

    fn text(&self) -> String {
        std::fs::read_to_string(&self.path).unwrap()
    }

    /// The context of a run on this ledger, on 10 January 2027, for
    /// MARTIN Claire, its notes heard.
    fn context(&self) -> (Context, Heard) {
        self.context_on(day(2027, 1, 10))
    }

    /// The same on `today`.
    fn context_on(&self, today: NaiveDate) -> (Context, Heard) {
        let heard = Heard::default();
        let mut context =
            Context::of_ledgers(vec![self.path.clone()], today, Lang::En, Box::new(heard.clone())).unwrap();
        context.read.candidate = Some("MARTIN Claire".to_string());
        // A promise dated after today is refused: today is the test's.
        context.read.today = Some(today);
        (context, heard)
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(dir)
}

fn mayor(last: &str, first: &str, commune: &str, department: &str) -> Identity {
    Identity {
        last_name: last.to_string(),
        first_name: first.to_string(),
        mandate: Some("mayor".to_string()),
        department: Some(department.to_string()),
        // No commune typed: any.
        circonscription: Some(commune.to_string()).filter(|c| !c.is_empty()),
    }
}

fn claim(identity: Identity) -> AddRequest {
    AddRequest {
        identity,
        status: "claimed".to_string(),
        claimed_on: Some("2027-01-08".to_string()),
        ..AddRequest::default()
    }
}

fn key_of(failure: &Failure) -> Option<Key> {
    match failure {
        Failure::Usage(message) | Failure::Data(message) => Some(message.key),
        _ => None,
    }
}

#[test]
fn add_appends_one_row_and_refuses_the_same_official_twice() {
    let ledger = Ledger::new("");
    let (context, _) = ledger.context();
    let recorded = add(&claim(mayor("GIRARD", "Luc", "Verdun", "55")), &context).unwrap();
    assert_eq!((recorded.line, recorded.entry.status), (2, Status::Claimed));
    assert_eq!(recorded.entry.department.code, "55");
    let after_first = ledger.text();
    assert_eq!(after_first.lines().count(), 2);
    assert!(after_first.ends_with("claimed,MARTIN Claire,,GIRARD,Luc,mayor,Verdun,55,2027-01-08,,,\n"));

    // The same official, spelt otherwise: refused, naming the line that
    // stands, and the file left as it was, byte for byte.
    let again = add(&claim(mayor("girard", "luc", "verdun", "Meuse")), &context).unwrap_err();
    let Failure::Refused { reasons, .. } = again else {
        panic!("a second entry of one official is refused: {again:?}");
    };
    assert_eq!(reasons[0].code, Code::DuplicateSponsor);
    assert_eq!(ledger.text(), after_first);
}

#[test]
fn add_refuses_a_promise_dated_after_today_and_writes_nothing() {
    let ledger = Ledger::new("");
    let (context, _) = ledger.context();
    let mut request = claim(mayor("GIRARD", "Luc", "Verdun", "55"));
    request.claimed_on = Some("2027-01-15".to_string());
    assert!(add(&request, &context).is_err());
    assert_eq!(ledger.text(), HEADER);
}

#[test]
fn add_takes_the_registers_spelling_and_warns_of_a_name_it_lacks() {
    let ledger = Ledger::new("");
    let (mut context, heard) = ledger.context();
    context.register = Some(fixtures("register"));
    // Typed loosely: the register's spelling is stored, and said.
    let recorded = add(
        &claim(mayor("morel", "pascal", "jouy en argonne", "55")),
        &context,
    )
    .unwrap();
    assert_eq!(recorded.entry.last_name, "MOREL");
    assert_eq!(recorded.entry.circonscription, "Jouy-en-Argonne");
    let last_name = recorded
        .filled
        .iter()
        .find(|f| f.field == Field::LastName)
        .unwrap();
    assert_eq!(
        (last_name.typed.as_deref(), last_name.value.as_str()),
        (Some("morel"), "MOREL")
    );
    assert!(
        heard
            .said()
            .iter()
            .all(|s| *s != Said::Problem(Code::NotInRegister))
    );

    // No such mayor of Achery: recorded all the same (the register lags),
    // with a warning said at once.
    let recorded = add(&claim(mayor("DUPONTEL", "Marcel", "Achery", "02")), &context).unwrap();
    assert_eq!(recorded.line, 3);
    assert!(
        heard.said().contains(&Said::Problem(Code::NotInRegister)),
        "{:?}",
        heard.said()
    );
    assert_eq!(ledger.text().lines().count(), 3);
}

#[test]
fn update_changes_one_entry_and_says_what_it_was() {
    let ledger = Ledger::new(
        "claimed,MARTIN Claire,M.,GIRARD,Luc,mayor,Verdun,55,2027-01-02,,,\n\
         claimed,MARTIN Claire,M.,MOREL,Pascal,mayor,Jouy-en-Argonne,55,2027-01-03,,,\n",
    );
    let (context, _) = ledger.context();
    let request = UpdateRequest {
        identity: mayor("MOREL", "Pascal", "", "55"),
        status: Some("sent".to_string()),
        ..UpdateRequest::default()
    };
    let updated = update(&request, &context).unwrap();
    assert_eq!(
        (updated.line, updated.before.status, updated.after.status),
        (3, Status::Claimed, Status::Sent)
    );
    let text = ledger.text();
    assert!(
        text.contains("\nclaimed,MARTIN Claire,M.,GIRARD,"),
        "the other entry is untouched"
    );
    assert!(text.contains("\nsent,MARTIN Claire,M.,MOREL,Pascal,"));

    // Nothing to change: refused before the ledger is read.
    let nothing = UpdateRequest {
        identity: mayor("MOREL", "Pascal", "", "55"),
        ..UpdateRequest::default()
    };
    let failure = update(&nothing, &context).unwrap_err();
    assert_eq!(key_of(&failure), Some(Key::UpdateNeedsAChange));
    assert_eq!(ledger.text(), text);
}

#[test]
fn remove_takes_out_the_one_entry_named_and_no_other() {
    let rows = "claimed,MARTIN Claire,M.,GIRARD,Luc,mayor,Verdun,55,2027-01-02,,,\n\
                claimed,MARTIN Claire,M.,GIRARD,Luc,departmental-councillor,Verdun-1,55,2027-01-02,,,\n";
    let ledger = Ledger::new(rows);
    let (context, _) = ledger.context();
    // Two entries fit the name alone: neither is removed.
    let name_only = Identity {
        last_name: "GIRARD".to_string(),
        first_name: "Luc".to_string(),
        ..Identity::default()
    };
    let failure = remove(&name_only, None, &context).unwrap_err();
    assert_eq!(key_of(&failure), Some(Key::SeveralEntriesMatch));
    assert_eq!(ledger.text(), format!("{HEADER}{rows}"));
    // Its line says which.
    let removed = remove(&name_only, Some(3), &context).unwrap();
    assert_eq!(removed.line, 3);
    assert_eq!(removed.entry.mandate.code(), "departmental-councillor");
    assert_eq!(
        ledger.text(),
        format!("{HEADER}claimed,MARTIN Claire,M.,GIRARD,Luc,mayor,Verdun,55,2027-01-02,,,\n")
    );
    // No entry of that name.
    let failure = remove(&mayor("DUPONT", "Jean", "Verdun", "55"), None, &context).unwrap_err();
    assert_eq!(key_of(&failure), Some(Key::NoEntryMatches));
}

#[test]
fn import_in_a_dry_run_says_what_it_would_do_and_writes_nothing() {
    let ledger =
        Ledger::holding(&std::fs::read_to_string(fixtures("import").join("parrainages.csv")).unwrap());
    let before = ledger.text();
    let (context, _) = ledger.context_on(day(2022, 2, 16));
    let publication = fixtures("import").join("cc-2022-02-08.csv");
    let mut request = ImportRequest {
        publication: &publication,
        dry_run: true,
        skip_unreadable: false,
    };
    let arena = Bump::new();
    let dry = import(&arena, &request, &context).unwrap();
    assert!(!dry.written);
    assert_eq!(ledger.text(), before);
    let (would_add, would_change) = (dry.added.len(), dry.changed);
    assert!(would_change > 0, "MOREL's claim is published: its row changes");
    drop(dry);

    // Done for real: what the dry run said, and the file now holds it.
    request.dry_run = false;
    let arena = Bump::new();
    let done = import(&arena, &request, &context).unwrap();
    assert!(done.written);
    assert_eq!((done.added.len(), done.changed), (would_add, would_change));
    let text = ledger.text();
    // Changed in place, as it was typed but for its status and day.
    assert!(
        text.contains(
            "\nvalidated,martin claire,M.,morel,pascal,Maire,Jouy en Argonne,meuse,2022-01-05,2022-02-08,"
        ),
        "{text}"
    );
}

#[test]
fn prospects_rank_the_register_and_put_past_sponsors_first() {
    let ledger = Ledger::new("");
    let (context, _) = ledger.context();
    let history = [fixtures("history").join("cc-2022.csv")];
    let request = ProspectsRequest {
        register: Some(&fixtures("history").join("rne")),
        publications: &[],
        history: &history,
        prefer: &[],
        departments: &[],
        mandates: &[],
        limit: None,
        skip_unreadable: false,
    };
    let found = prospects(&request, &context).unwrap();
    assert!(!found.ranked.is_empty());
    assert_eq!(found.ranked.len(), found.ranked_in_all);
    // Within each rank, those who sponsored before come first.
    for pair in found.ranked.windows(2) {
        if pair[0].rank == pair[1].rank {
            assert!(pair[0].tier <= pair[1].tier, "{pair:?}");
        }
    }
    assert!(found.ranked.iter().any(|r| r.tier == Tier::Sponsored));
    assert!(found.ranked.iter().any(|r| r.tier == Tier::Rest));
    // A limit keeps the best, and says how many there were.
    let limited = prospects(
        &ProspectsRequest {
            limit: Some(2),
            ..request
        },
        &context,
    )
    .unwrap();
    assert_eq!(limited.ranked, found.ranked[..2]);
    assert_eq!(limited.ranked_in_all, found.ranked_in_all);
}

#[test]
fn prospects_refuse_a_departement_that_is_none() {
    let ledger = Ledger::new("");
    let (context, _) = ledger.context();
    let departments = ["Atlantide".to_string()];
    let request = ProspectsRequest {
        register: Some(&fixtures("register")),
        publications: &[],
        history: &[],
        prefer: &[],
        departments: &departments,
        mandates: &[],
        limit: None,
        skip_unreadable: false,
    };
    let failure = prospects(&request, &context).err().unwrap();
    assert_eq!(key_of(&failure), Some(Key::UnknownDepartement));
}
