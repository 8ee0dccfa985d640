//! Property tests of the ledger reader: no input makes it panic, and a
//! ledger written by the tool reads back as the same entries.

use std::path::Path;

use chrono::NaiveDate;
use parrainage::ledger::edit::field_text;
use parrainage::ledger::encoding::TextEncoding;
use parrainage::ledger::read::{LedgerReader, ReadOptions};
use parrainage::ledger::{Dialect, Field};
use parrainage::rules::department;
use parrainage::rules::fold::tidy;
use parrainage::rules::{Mandate, Status};
use parrainage::sponsorship::Sponsorship;
use proptest::prelude::*;

/// Reads every row of `bytes`, returning the good entries.
fn read_all(bytes: &[u8], options: &ReadOptions) -> Vec<Sponsorship> {
    let dialect = Dialect::detect(bytes);
    let Ok(mut reader) = LedgerReader::from_reader(Path::new("p.csv"), bytes, dialect, options) else {
        return Vec::new();
    };
    let mut diagnostics = Vec::new();
    let mut entries = Vec::new();
    while let Some(row) = reader.next_row(&mut diagnostics) {
        entries.extend(row.entry);
    }
    entries
}

fn text(pattern: &'static str) -> impl Strategy<Value = String> {
    pattern.prop_map(|s| tidy(&s))
}

fn day(from: (i32, u32, u32), days: i64) -> impl Strategy<Value = NaiveDate> {
    let start = NaiveDate::from_ymd_opt(from.0, from.1, from.2).unwrap();
    (0..days).prop_map(move |d| start + chrono::Duration::days(d))
}

fn entry() -> impl Strategy<Value = Sponsorship> {
    (
        proptest::sample::select(Status::ALL.to_vec()),
        proptest::sample::select(Mandate::ALL.to_vec()),
        0..department::ALL.len(),
        text("[A-Z][A-Za-zÀ-ÿ' -]{0,20}"),
        text("[A-Z][a-zà-ÿ-]{0,15}"),
        text("[A-Z][a-zà-ÿ]{0,10} [A-Z][a-z]{0,8}"),
        text("[A-Za-zÀ-ÿ0-9,;\"' -]{0,30}"),
        proptest::option::of(day((2021, 9, 1), 200)),
        day((2022, 1, 27), 70),
        proptest::option::of(proptest::sample::select(vec!["M.", "Mme"])),
        text("[A-Za-z0-9 ,.;\"]{0,20}"),
    )
        .prop_filter_map(
            "a mandate held in that unit",
            |(status, mandate, unit, last, first, candidate, place, claimed, published, civility, notes)| {
                let unit = mandate.fixed_unit().unwrap_or(&department::ALL[unit]);
                if !mandate.may_sit_in(unit) || last.is_empty() || first.is_empty() {
                    return None;
                }
                let published_on = matches!(status, Status::Validated | Status::Lost).then_some(published);
                Some(Sponsorship {
                    status,
                    candidate,
                    civility: civility.map(str::to_string),
                    last_name: last,
                    first_name: first,
                    mandate,
                    circonscription: place,
                    department: unit,
                    claimed_on: claimed,
                    published_on,
                    source: String::new(),
                    notes,
                })
            },
        )
}

fn write_ledger(entries: &[Sponsorship], dialect: Dialect) -> Vec<u8> {
    let mut bytes = if dialect.bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    bytes.extend(dialect.encode_row(Field::ALL.iter().map(|f| f.name())));
    for entry in entries {
        bytes.extend(dialect.encode_row(Field::ALL.iter().map(|f| field_text(entry, *f))));
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_all(&bytes, &ReadOptions::default());
        let _ = TextEncoding::Windows1252.decode(&bytes);
    }

    #[test]
    fn written_entries_read_back_the_same(
        entries in proptest::collection::vec(entry(), 0..20),
        delimiter in proptest::sample::select(vec![b',', b';', b'\t']),
        bom in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let dialect = Dialect {
            delimiter,
            bom,
            crlf,
            cr: false,
        };
        let bytes = write_ledger(&entries, dialect);
        prop_assert_eq!(Dialect::detect(&bytes), dialect);
        let read = read_all(&bytes, &ReadOptions::default());
        prop_assert_eq!(read, entries);
    }

    #[test]
    fn mutated_ledgers_never_panic(
        entries in proptest::collection::vec(entry(), 1..10),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 1..12),
    ) {
        let mut bytes = write_ledger(&entries, Dialect::default());
        for (at, byte, kind) in edits {
            let i = at.index(bytes.len().max(1)).min(bytes.len());
            match kind {
                0 => bytes.insert(i, byte),
                1 if i < bytes.len() => { bytes.remove(i); }
                _ => bytes.insert(i, *b"\",;\n\r".get(byte as usize % 5).unwrap()),
            }
        }
        let read = read_all(&bytes, &ReadOptions::default());
        prop_assert!(read.len() <= entries.len() + 12);
    }
}
