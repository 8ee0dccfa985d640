//! INSEE's official list of communes (Code officiel géographique) and the
//! DGCL's list of EPCI à fiscalité propre, as Etalab packages them
//! (`@etalab/decoupage-administratif` 6.0.0, the 2026 vintage; data under
//! the Licence Ouverte, package MIT).
//!
//! Both are embedded as tables that `scripts/communes.py` writes from the
//! package (`communes.tsv`, `epci.tsv`; see their first lines), so the
//! build needs no network. Each is read the first time something needs
//! it, the communes a département at a time: a command that checks no
//! commune pays nothing, and `add` reads one département.

use std::collections::hash_map::Entry;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use rustc_hash::FxHashMap;

use crate::rules::place::{
    self, Gazetteer, KindSet, Place, PlaceKind, Verdict, key_hash, place_hash, place_key_into,
};
use crate::rules::{Department, Mandate};

/// The communes, communes déléguées and associées and arrondissements
/// municipaux: kind, code, département, name, population, parent.
static COMMUNES: &str = include_str!("communes.tsv");
/// The EPCI: SIREN, type, name, member communes' codes.
static EPCI: &str = include_str!("epci.tsv");

/// The list of places, read a département at a time, the first time a
/// place of it is looked up: `add` reads one, `check` those its ledger
/// names.
pub struct Communes {
    /// Each département's lines in the table (a byte range of it, which
    /// holds them together), and its slot in `slices`.
    departments: FxHashMap<&'static str, (Range<usize>, usize)>,
    /// The départements, in table order.
    codes: Vec<&'static str>,
    slices: Vec<OnceLock<Slice>>,
    /// The communes by code, made the first time one is asked for.
    communes_by_code: OnceLock<FxHashMap<&'static str, &'static Place>>,
    /// The kinds of place of each département and key, made the first
    /// time many rows are looked up (see `kinds_hashed`).
    kinds: OnceLock<KindTable>,
    /// Every place by the hash of its key (`place_hash` with no
    /// département), whatever its département, and its line's offset.
    anywhere: OnceLock<Vec<(u64, u32)>>,
    /// How many places were looked up in every département.
    lookups_anywhere: AtomicUsize,
}

/// The places of one département, indexed by their key
/// (`rules::place::place_key`).
struct Slice {
    places: Vec<Place>,
    /// Each place's key, in one block: the key of place `i` ends at
    /// `ends[i]` and starts where the one before ends.
    keys: &'static [u8],
    ends: Vec<usize>,
    /// The first place of each key; the others follow through `next`.
    first: FxHashMap<&'static [u8], u32>,
    next: Vec<u32>,
}

/// No next place.
const NONE: u32 = u32::MAX;

/// How many places are looked up in every département by reading the
/// table through, before an index is made.
const READ_THROUGH: usize = 4;

/// The list, found on first use.
pub fn communes() -> &'static Communes {
    static LIST: OnceLock<Communes> = OnceLock::new();
    LIST.get_or_init(|| Communes::new(COMMUNES))
}

impl Communes {
    /// Finds where each département's lines are in a table as
    /// `scripts/communes.py` writes it; nothing is read further yet.
    fn new(table: &'static str) -> Communes {
        let mut departments: FxHashMap<&'static str, (Range<usize>, usize)> = FxHashMap::default();
        let mut codes: Vec<&'static str> = Vec::new();
        let mut range = 0..0;
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', table.as_bytes()).map(|at| at + 1) {
            let line = &table[start..end];
            // The third field; the lines of a département follow each other.
            let mut tabs = memchr::memchr_iter(b'\t', line.as_bytes());
            if let (Some(_), Some(second), Some(third)) = (tabs.next(), tabs.next(), tabs.next()) {
                let code = &line[second + 1..third];
                if codes.last() != Some(&code) {
                    if let Some(last) = codes.last() {
                        departments.insert(last, (range.clone(), codes.len() - 1));
                    }
                    codes.push(code);
                    range = start..start;
                }
                range.end = end;
            }
            start = end;
        }
        if let Some(last) = codes.last() {
            departments.insert(last, (range, codes.len() - 1));
        }
        Communes {
            departments,
            slices: codes.iter().map(|_| OnceLock::new()).collect(),
            codes,
            communes_by_code: OnceLock::new(),
            kinds: OnceLock::new(),
            anywhere: OnceLock::new(),
            lookups_anywhere: AtomicUsize::new(0),
        }
    }

    /// The places of a département, read and indexed on first use.
    fn slice(&self, department: &str) -> Option<&Slice> {
        let (range, slot) = self.departments.get(department)?;
        Some(self.slices[*slot].get_or_init(|| Slice::read(&COMMUNES[range.clone()])))
    }

    /// How many places of a kind the list holds in a département, without
    /// reading them.
    pub fn count(&self, department: &str, kind: PlaceKind) -> usize {
        let Some((range, _)) = self.departments.get(department) else {
            return 0;
        };
        let letter = match kind {
            PlaceKind::Commune => "C\t",
            PlaceKind::Delegated => "D\t",
            PlaceKind::Associated => "A\t",
            PlaceKind::Arrondissement => "M\t",
        };
        lines(&COMMUNES[range.clone()])
            .filter(|line| line.starts_with(letter))
            .count()
    }

    /// Every place of the list, département by département.
    pub fn all(&self) -> impl Iterator<Item = &Place> {
        self.codes
            .iter()
            .filter_map(|code| self.slice(code))
            .flat_map(|slice| slice.places.iter())
    }

    /// The commune (not a commune déléguée or associée) of an INSEE code.
    pub fn commune(&'static self, code: &str) -> Option<&'static Place> {
        let index = self.communes_by_code.get_or_init(|| {
            self.all()
                .filter(|p| p.kind == PlaceKind::Commune)
                .map(|p| (p.code, p))
                .collect()
        });
        index.get(code).copied()
    }
}

impl Slice {
    fn read(lines: &'static str) -> Slice {
        let places: Vec<Place> = self::lines(lines).filter_map(place).collect();
        // The keys in one block, kept for the life of the program (as the
        // list is), so that the index can borrow from it.
        let mut keys = Vec::with_capacity(lines.len() / 2);
        let mut ends = Vec::with_capacity(places.len());
        let mut key = Vec::new();
        for place in &places {
            place_key_into(place.name, &mut key);
            keys.extend_from_slice(&key);
            ends.push(keys.len());
        }
        let keys: &'static [u8] = Box::leak(keys.into_boxed_slice());
        let mut first: FxHashMap<&'static [u8], u32> =
            FxHashMap::with_capacity_and_hasher(places.len(), Default::default());
        let mut next = vec![NONE; places.len()];
        // Backwards, so that each key's places chain in table order.
        for i in (0..places.len()).rev() {
            let start = if i == 0 { 0 } else { ends[i - 1] };
            let key: &'static [u8] = &keys[start..ends[i]];
            match first.entry(key) {
                Entry::Occupied(mut slot) => next[i] = slot.insert(i as u32),
                Entry::Vacant(slot) => {
                    slot.insert(i as u32);
                }
            }
        }
        Slice {
            places,
            keys,
            ends,
            first,
            next,
        }
    }

    fn key(&self, i: usize) -> &'static [u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.keys[start..self.ends[i]]
    }

    fn keyed<'s>(&'s self, key: &[u8], each: &mut dyn FnMut(&'s Place)) {
        let mut at = self.first.get(key).copied().unwrap_or(NONE);
        while at != NONE {
            each(&self.places[at as usize]);
            at = self.next[at as usize];
        }
    }
}

impl Gazetteer for Communes {
    fn keyed_in<'s>(&'s self, department: &str, key: &[u8], each: &mut dyn FnMut(&'s Place)) {
        if let Some(slice) = self.slice(department) {
            slice.keyed(key, each);
        }
    }

    fn keyed_anywhere(&self, key: &[u8], each: &mut dyn FnMut(Place)) {
        // The first few look-ups read the table through (as `add` does
        // once); then every place is indexed by the hash of its key, for a
        // ledger with many places not where they were said to be.
        let mut theirs = Vec::new();
        if self.lookups_anywhere.fetch_add(1, Ordering::Relaxed) < READ_THROUGH {
            for place in lines(COMMUNES).filter_map(place) {
                place_key_into(place.name, &mut theirs);
                if theirs == key {
                    each(place);
                }
            }
            return;
        }
        let index = self.anywhere.get_or_init(|| {
            let mut index: Vec<(u64, u32)> = lines(COMMUNES)
                .filter_map(|line| {
                    let place = place(line)?;
                    let offset = line.as_ptr() as usize - COMMUNES.as_ptr() as usize;
                    Some((place_hash("", place.name), offset as u32))
                })
                .collect();
            index.sort_unstable();
            index
        });
        let hash = key_hash("", key);
        let start = index.partition_point(|(h, _)| *h < hash);
        for &(_, offset) in index[start..].iter().take_while(|(h, _)| *h == hash) {
            let line = lines(&COMMUNES[offset as usize..]).next();
            if let Some(place) = line.and_then(place) {
                place_key_into(place.name, &mut theirs);
                if theirs == key {
                    each(place);
                }
            }
        }
    }

    fn each_in<'s>(&'s self, department: &str, each: &mut dyn FnMut(&'s Place, &[u8])) {
        if let Some(slice) = self.slice(department) {
            for (i, place) in slice.places.iter().enumerate() {
                each(place, slice.key(i));
            }
        }
    }

    fn in_department(&self, department: &str) -> &[Place] {
        self.slice(department).map_or(&[], |slice| &slice.places)
    }

    /// From one table of every place, small enough to stay in a core's
    /// cache: one probe, where a large ledger's rows would each have gone
    /// through a département's places.
    fn kinds_hashed(&self, hash: u64) -> (KindSet, bool) {
        self.kinds
            .get_or_init(|| {
                let most = memchr::memchr_iter(b'\n', COMMUNES.as_bytes()).count();
                KindTable::new(lines(COMMUNES).filter_map(place), most)
            })
            .get(hash)
    }
}

/// The kinds of place of every département and key of the list, by the
/// 64-bit hash of both (`rules::place::place_hash`), in an open-addressed
/// table of 131,072 32-bit slots (512 KiB): 27 bits of the hash beside
/// the 17 of the slot's place (a table under a third full: a name typed
/// wrong is taken for a place about once in hundreds of millions), a bit
/// for two places of one kind sharing the key, four for the kinds.
struct KindTable {
    slots: Vec<u32>,
}

impl KindTable {
    const SHARED: u32 = 1 << 4;

    /// The table of `places`, of which there are at most `most`.
    fn new(places: impl Iterator<Item = Place>, most: usize) -> KindTable {
        let size = (most * 2).next_power_of_two().max(2);
        let mut table = KindTable { slots: vec![0; size] };
        for place in places {
            let (at, fingerprint) = table.slot(place_hash(place.department, place.name));
            let old = table.slots[at];
            let mut kinds = KindSet(old as u8 & 0xF);
            let shared = kinds.contains(place.kind) || old & Self::SHARED != 0;
            kinds.insert(place.kind);
            table.slots[at] = fingerprint << 5 | if shared { Self::SHARED } else { 0 } | u32::from(kinds.0);
        }
        table
    }

    /// The slot of a hash (where it is, or the empty one it would take),
    /// and its fingerprint.
    fn slot(&self, hash: u64) -> (usize, u32) {
        let mask = self.slots.len() - 1;
        let fingerprint = (hash >> 37) as u32;
        let mut at = hash as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 || slot >> 5 == fingerprint {
                return (at, fingerprint);
            }
            at = (at + 1) & mask;
        }
    }

    fn get(&self, hash: u64) -> (KindSet, bool) {
        let slot = self.slots[self.slot(hash).0];
        (KindSet(slot as u8 & 0xF), slot & Self::SHARED != 0)
    }
}

/// The lines of a table (each line ends with a line feed, which the
/// script writes), found by memchr.
fn lines(table: &'static str) -> impl Iterator<Item = &'static str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', table.as_bytes()).map(move |end| {
        let line = &table[start..end];
        start = end + 1;
        line
    })
}

/// A line of the table, if it is a place.
fn place(line: &'static str) -> Option<Place> {
    // Cut at tabs by memchr: the list's 37,590 lines are read this way.
    let mut fields = [""; 6];
    let mut start = 0;
    let mut count = 0;
    for end in memchr::memchr_iter(b'\t', line.as_bytes()).chain(std::iter::once(line.len())) {
        if count == fields.len() {
            break;
        }
        fields[count] = &line[start..end];
        count += 1;
        start = end + 1;
    }
    let [kind, code, department, name, population, parent] = fields;
    if count < 4 {
        return None;
    }
    let kind = match kind {
        "C" => PlaceKind::Commune,
        "D" => PlaceKind::Delegated,
        "A" => PlaceKind::Associated,
        "M" => PlaceKind::Arrondissement,
        _ => return None,
    };
    Some(Place {
        code,
        name,
        department,
        kind,
        population: population.parse().ok(),
        parent: (!parent.is_empty()).then_some(parent),
    })
}

/// The official spelling of the place `typed` names for a holder of
/// `mandate` in `department`, when the text typed differs from it (by
/// case, accents, hyphens, spaces or articles only: the place is found).
/// The list is read only for the mandates that sit in a commune.
pub fn official_spelling(mandate: Mandate, department: &Department, typed: &str) -> Option<&'static str> {
    if place::kinds(mandate).is_empty() {
        return None;
    }
    match place::judge(mandate, department, typed, communes()) {
        Verdict::Found {
            place,
            respelled: true,
        } => Some(place.name),
        _ => None,
    }
}

/// An EPCI à fiscalité propre (établissement public de coopération
/// intercommunale).
#[derive(Debug, Clone, PartialEq)]
pub struct Epci {
    pub siren: &'static str,
    /// `CC`, `CA`, `CU`, `METRO` or `MET69`.
    pub kind: &'static str,
    pub name: &'static str,
    /// The INSEE codes of its member communes.
    pub members: Vec<&'static str>,
}

impl Epci {
    /// Whether its president may sponsor as an EPCI president: the
    /// Métropole de Lyon, which the DGCL lists with them, is a
    /// collectivity whose councillors sponsor as Lyon metropolitan
    /// councillors (RULES.md §2).
    pub fn has_sponsoring_president(&self) -> bool {
        self.kind != "MET69"
    }

    /// The département of its seat, as the list tells it: that of its most
    /// populous member commune, where the seat nearly always is (the
    /// package does not give the seat itself).
    pub fn seat_department(&self) -> Option<&'static str> {
        let list = communes();
        self.members
            .iter()
            .filter_map(|code| list.commune(code))
            .max_by_key(|commune| commune.population.unwrap_or(0))
            .map(|commune| commune.department)
    }
}

/// Every EPCI, read on first use.
pub fn epcis() -> &'static [Epci] {
    static LIST: OnceLock<Vec<Epci>> = OnceLock::new();
    LIST.get_or_init(|| {
        EPCI.lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let mut fields = line.split('\t');
                Some(Epci {
                    siren: fields.next()?,
                    kind: fields.next()?,
                    name: fields.next()?,
                    members: fields.next()?.split(' ').filter(|c| !c.is_empty()).collect(),
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts of `@etalab/decoupage-administratif` 6.0.0, worked out
    /// once from its `data/communes.json` and `data/epci.json` (as
    /// `scripts/communes.py` prints them): a regeneration that loses or
    /// mislabels places fails here.
    #[test]
    fn the_embedded_list_holds_what_the_package_holds() {
        let places: Vec<Place> = lines(COMMUNES).filter_map(place).collect();
        let of_kind = |kind: PlaceKind| places.iter().filter(|p| p.kind == kind).count();
        // "commune-actuelle", "commune-deleguee", "commune-associee",
        // "arrondissement-municipal".
        assert_eq!(of_kind(PlaceKind::Commune), 34_969);
        assert_eq!(of_kind(PlaceKind::Delegated), 2_105);
        assert_eq!(of_kind(PlaceKind::Associated), 471);
        assert_eq!(of_kind(PlaceKind::Arrondissement), 45);
        let mut by_department: Vec<(&str, usize)> = Vec::new();
        for place in places.iter().filter(|p| p.kind == PlaceKind::Commune) {
            match by_department.iter_mut().find(|(d, _)| *d == place.department) {
                Some((_, n)) => *n += 1,
                None => by_department.push((place.department, 1)),
            }
        }
        by_department.sort_unstable();
        assert_eq!(by_department, COMMUNES_BY_DEPARTMENT);
        // Read through the list as the rule reads it: the same counts.
        let list = communes();
        assert_eq!(list.all().count(), 37_590);
        for (department, communes) in COMMUNES_BY_DEPARTMENT {
            assert_eq!(
                list.count(department, PlaceKind::Commune),
                communes,
                "{department}"
            );
        }
        // Populations: every commune but the five districts of the French
        // Southern and Antarctic Lands (984) and Clipperton (989).
        assert_eq!(
            places
                .iter()
                .filter(|p| p.kind == PlaceKind::Commune && p.population.is_none())
                .count(),
            6
        );
        let epcis = epcis();
        assert_eq!(epcis.len(), 1_255);
        let of_type = |kind: &str| epcis.iter().filter(|e| e.kind == kind).count();
        assert_eq!(
            [
                of_type("CC"),
                of_type("CA"),
                of_type("CU"),
                of_type("METRO"),
                of_type("MET69")
            ],
            [989, 230, 14, 21, 1]
        );
        assert_eq!(epcis.iter().map(|e| e.members.len()).sum::<usize>(), 34_871);
    }

    /// Communes ("commune-actuelle") per département of the package.
    #[rustfmt::skip]
    const COMMUNES_BY_DEPARTMENT: [(&str, usize); 109] = [
        ("01", 391), ("02", 797), ("03", 317), ("04", 198), ("05", 162), ("06", 163), ("07", 335),
        ("08", 447), ("09", 325), ("10", 431), ("11", 433), ("12", 285), ("13", 119), ("14", 526),
        ("15", 250), ("16", 359), ("17", 462), ("18", 286), ("19", 277), ("21", 698), ("22", 344),
        ("23", 255), ("24", 503), ("25", 563), ("26", 362), ("27", 585), ("28", 363), ("29", 277),
        ("2A", 124), ("2B", 236), ("30", 350), ("31", 586), ("32", 458), ("33", 534), ("34", 341),
        ("35", 332), ("36", 241), ("37", 272), ("38", 512), ("39", 492), ("40", 327), ("41", 267),
        ("42", 320), ("43", 257), ("44", 207), ("45", 325), ("46", 312), ("47", 319), ("48", 152),
        ("49", 176), ("50", 445), ("51", 610), ("52", 426), ("53", 240), ("54", 591), ("55", 499),
        ("56", 249), ("57", 725), ("58", 309), ("59", 647), ("60", 680), ("61", 381), ("62", 887),
        ("63", 463), ("64", 545), ("65", 469), ("66", 226), ("67", 514), ("68", 366), ("69", 266),
        ("70", 536), ("71", 563), ("72", 352), ("73", 273), ("74", 279), ("75", 1), ("76", 707),
        ("77", 507), ("78", 259), ("79", 252), ("80", 771), ("81", 314), ("82", 195), ("83", 153),
        ("84", 151), ("85", 253), ("86", 265), ("87", 195), ("88", 506), ("89", 423), ("90", 101),
        ("91", 194), ("92", 36), ("93", 39), ("94", 47), ("95", 183), ("971", 32), ("972", 34),
        ("973", 22), ("974", 24), ("975", 2), ("976", 17), ("977", 1), ("978", 1), ("984", 5),
        ("986", 3), ("987", 48), ("988", 33), ("989", 1),
    ];

    #[test]
    fn places_are_found_by_key_in_table_order() {
        let list = communes();
        // Read through the table, then from its index: the same places.
        for _ in 0..READ_THROUGH + 2 {
            let mut verduns = Vec::new();
            list.keyed_anywhere(b"verdun", &mut |p| verduns.push((p.code, p.department)));
            assert_eq!(verduns, [("09328", "09"), ("55545", "55")]);
        }
        let mut verduns = Vec::new();
        list.keyed_anywhere(b"verdun", &mut |p| verduns.push((p.code, p.department)));
        assert_eq!(verduns, [("09328", "09"), ("55545", "55")]);
        let meuse = list.in_department("55");
        assert_eq!(meuse.iter().filter(|p| p.kind == PlaceKind::Commune).count(), 499);
        assert!(list.in_department("ZZ").is_empty());
        // A commune associée may lie in another département than its code
        // says: Escaufourt, 02285, is in the Nord.
        let mut escaufourt = Vec::new();
        list.keyed_anywhere(b"escaufourt", &mut |p| {
            escaufourt.push((p.code, p.department, p.kind))
        });
        assert_eq!(escaufourt, [("02285", "59", PlaceKind::Associated)]);
        assert_eq!(list.commune("55545").map(|p| p.name), Some("Verdun"));
        assert!(list.commune("02285").is_none());
    }

    #[test]
    fn an_epci_seat_is_where_its_most_populous_member_is() {
        let faucigny = epcis().iter().find(|e| e.siren == "200000172").unwrap();
        assert_eq!(faucigny.name, "CC Faucigny - Glières");
        assert_eq!(faucigny.seat_department(), Some("74"));
    }
}
