//! Where a mayor sits: a commune of their département, as INSEE's official
//! list of communes names it (RULES.md §2, §5). A mayor is the mayor of a
//! commune; a delegate mayor, of a commune déléguée or associée; an
//! arrondissement mayor, of an arrondissement municipal of Paris, Lyon or
//! Marseille. A place typed that the list does not hold in that département
//! is worth a warning (a typing error, or the right commune in the wrong
//! département), never an error: the list has a vintage, and communes merge.
//!
//! The rule is here; the list is data, read by `official::communes` and
//! handed in through [`Gazetteer`], so that the law knows no file format.
//!
//! Names are compared by their [`place_key`]: folded as names are
//! (`fold`: case, accents, hyphens and spaces aside), without the French
//! articles `le`, `la`, `les`, `l'` wherever they stand ("Abergement
//! Clémenciat", "Mans (Le)"), and with `St`/`Ste` for `Saint`/`Sainte`.

use unicode_normalization::char::is_combining_mark;

use super::checks::EntryProblem;
use super::department::Department;
use super::fold::{fold_into, simple_fold};
use super::mandate::Mandate;
use crate::diagnostic::{Code, Severity};
use crate::message::Message;
use crate::msg;
use crate::sponsorship::Field;

/// What the official list calls a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// Commune (a "commune actuelle", communes nouvelles included).
    Commune,
    /// Commune déléguée, within a commune nouvelle.
    Delegated,
    /// Commune associée, within the commune it merged with.
    Associated,
    /// Arrondissement municipal of Paris, Lyon or Marseille.
    Arrondissement,
}

/// One place of the official list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// INSEE code (code officiel géographique).
    pub code: &'static str,
    pub name: &'static str,
    /// The code of its département or collectivity, as INSEE writes it.
    pub department: &'static str,
    pub kind: PlaceKind,
    /// Municipal population, where the list gives one (communes and
    /// arrondissements).
    pub population: Option<u32>,
    /// For a commune déléguée or associée and an arrondissement: the
    /// commune it belongs to.
    pub parent: Option<&'static str>,
}

/// The official list of places, as the rule needs it.
pub trait Gazetteer {
    /// The places of a département or collectivity (INSEE code) whose
    /// [`place_key`] is `key`.
    fn keyed_in<'s>(&'s self, department: &str, key: &[u8], each: &mut dyn FnMut(&'s Place));
    /// Every place, of any département, whose [`place_key`] is `key`
    /// (for a message: it may read the whole list).
    fn keyed_anywhere(&self, key: &[u8], each: &mut dyn FnMut(Place));
    /// The places of a département or collectivity (INSEE code), in code order.
    fn in_department(&self, department: &str) -> &[Place];

    /// Every place of a département, with its [`place_key`].
    fn each_in<'s>(&'s self, department: &str, each: &mut dyn FnMut(&'s Place, &[u8])) {
        let mut key = Vec::new();
        for place in self.in_department(department) {
            place_key_into(place.name, &mut key);
            each(place, &key);
        }
    }

    /// The kinds of the places whose [`place_hash`] is `hash`, and whether
    /// two places of one kind share it: what [`is_plainly_found`] needs,
    /// from a table of every place.
    fn kinds_hashed(&self, hash: u64) -> (KindSet, bool);
}

/// A set of kinds of place, in one byte.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindSet(pub u8);

impl KindSet {
    pub fn insert(&mut self, kind: PlaceKind) {
        self.0 |= 1 << kind as u8;
    }

    pub fn contains(self, kind: PlaceKind) -> bool {
        self.0 & (1 << kind as u8) != 0
    }
}

/// The units where the list's "communes" have no mayor: Saint-Barthélemy
/// and Saint-Martin are each one collectivity without communes, and
/// Wallis-et-Futuna's three circonscriptions are its kingdoms. The list
/// holds them as one commune each (three for Wallis-et-Futuna).
const WITHOUT_MAYORS: [&str; 3] = ["977", "978", "986"];

/// Whether the communes of `unit` have mayors: how many mayors a register
/// should hold there is then how many communes the list holds.
pub fn has_mayors(unit: &Department) -> bool {
    !WITHOUT_MAYORS.contains(&unit.code)
}

/// The kinds of place a mandate's circonscription names, the likeliest
/// first; none for the mandates whose circonscription is not a commune.
///
/// A delegate mayor's commune déléguée or associée, or the commune it lies
/// in: the Conseil constitutionnel writes the latter for most of them
/// (436 of the 468 delegate mayors of 2022), and the official list has no
/// communes associées for Polynésie française, whose delegate mayors it
/// publishes.
pub fn kinds(mandate: Mandate) -> &'static [PlaceKind] {
    match mandate {
        Mandate::Mayor => &[PlaceKind::Commune],
        Mandate::DelegateMayor => &[PlaceKind::Delegated, PlaceKind::Associated, PlaceKind::Commune],
        Mandate::ArrondissementMayor => &[PlaceKind::Arrondissement],
        _ => &[],
    }
}

/// What the list says of the place an entry names.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict<'g> {
    /// Nothing to look up: a mandate of no commune, or no circonscription.
    NotChecked,
    /// The place, and whether the text typed differs from its official
    /// spelling (by case, accents, hyphens, spaces or articles).
    Found { place: &'g Place, respelled: bool },
    /// An arrondissement mayor's sector or district written after the name
    /// of a city with arrondissements ("Marseille Secteur 1", "Paris
    /// Centre", as the register writes them): taken as written.
    InCity,
    /// Several places of the département have that name.
    Ambiguous(Vec<&'g Place>),
    /// No place of that name in the département.
    Unknown,
}

/// The key places are compared by: see the module's documentation.
pub fn place_key(text: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(text.len());
    place_key_into(text, &mut key);
    key
}

/// [`place_key`] into `key`, replacing what it held.
pub fn place_key_into(text: &str, key: &mut Vec<u8>) {
    key.clear();
    key_into(text, key);
}

/// A hash of a département's code and of [`place_key`] of `text`: what
/// [`is_plainly_found`] looks up, made without writing the key out.
pub fn place_hash(department: &str, text: &str) -> u64 {
    let mut hash = KeyHash::of(department);
    key_into(text, &mut hash);
    hash.finish()
}

/// [`place_hash`] of a key already made: `key_hash(d, &place_key(t))` is
/// `place_hash(d, t)`.
pub fn key_hash(department: &str, key: &[u8]) -> u64 {
    let mut hash = KeyHash::of(department);
    for byte in key {
        hash.push(*byte);
    }
    hash.finish()
}

/// Where a key goes: its bytes, or a hash of them.
trait KeySink {
    type Mark: Copy;
    fn push(&mut self, byte: u8);
    /// Where the key stands, to come back to when a word is dropped.
    fn mark(&self) -> Self::Mark;
    fn restore(&mut self, mark: Self::Mark);
}

impl KeySink for Vec<u8> {
    type Mark = usize;

    fn push(&mut self, byte: u8) {
        Vec::push(self, byte);
    }

    fn mark(&self) -> usize {
        self.len()
    }

    fn restore(&mut self, mark: usize) {
        self.truncate(mark);
    }
}

/// A 64-bit hash of a key, byte by byte (FxHash's step, then a
/// finaliser so that every bit of the result depends on every byte).
struct KeyHash(u64);

impl KeyHash {
    /// The hash with a département's code in it.
    fn of(department: &str) -> KeyHash {
        let mut hash = KeyHash(0);
        for byte in department.bytes() {
            hash.push(byte);
        }
        // No key byte is 0xFF: the code ends here.
        hash.push(0xFF);
        hash
    }

    fn finish(&self) -> u64 {
        // MurmurHash3's fmix64.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

impl KeySink for KeyHash {
    type Mark = u64;

    fn push(&mut self, byte: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn mark(&self) -> u64 {
        self.0
    }

    fn restore(&mut self, mark: u64) {
        self.0 = mark;
    }
}

/// The words of a key, each folded, an article dropped, `St` and `Ste`
/// read in full: the rule of [`place_key`], written to any sink.
fn key_into<K: KeySink>(text: &str, sink: &mut K) {
    // ASCII and the letters of Latin-1 by `fold`'s tables, byte by byte:
    // an ASCII byte that is neither a letter nor a digit ends a word.
    // Another character is folded as `fold` folds it, or ends a word if it
    // is neither a letter nor a digit (a typographic apostrophe, a
    // no-break space).
    let mut word = Word::new(sink);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match simple_fold(&bytes[i..]) {
            Some((0, width)) => {
                word.end(sink);
                i += width;
            }
            Some((folded, width)) => {
                word.push(sink, folded);
                i += width;
            }
            None => {
                let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
                let width = c.len_utf8();
                if c.is_alphanumeric() || is_combining_mark(c) {
                    let mut folded = Vec::new();
                    fold_into(&text[i..i + width], &mut folded);
                    for byte in folded {
                        word.push(sink, byte);
                    }
                } else {
                    word.end(sink);
                }
                i += width;
            }
        }
    }
    word.end(sink);
}

/// The word being written: where it started, and enough of it to know an
/// article or an abbreviation.
struct Word<M> {
    start: M,
    first: [u8; 3],
    len: usize,
}

impl<M: Copy> Word<M> {
    fn new<K: KeySink<Mark = M>>(sink: &K) -> Word<M> {
        Word {
            start: sink.mark(),
            first: [0; 3],
            len: 0,
        }
    }

    fn push<K: KeySink<Mark = M>>(&mut self, sink: &mut K, byte: u8) {
        if let Some(slot) = self.first.get_mut(self.len) {
            *slot = byte;
        }
        self.len += 1;
        sink.push(byte);
    }

    /// Ends the word: an article dropped, `St` and `Ste` read in full.
    fn end<K: KeySink<Mark = M>>(&mut self, sink: &mut K) {
        let full: Option<&[u8]> = match (self.len, self.first) {
            (1, [b'l', ..]) | (2, [b'l', b'e' | b'a', _]) | (3, [b'l', b'e', b's']) => Some(b""),
            (2, [b's', b't', _]) => Some(b"saint"),
            (3, [b's', b't', b'e']) => Some(b"sainte"),
            _ => None,
        };
        if let Some(full) = full {
            sink.restore(self.start);
            for byte in full {
                sink.push(*byte);
            }
        }
        *self = Word::new(sink);
    }
}

/// Whether `typed` plainly names one place of a kind `mandate` sits in,
/// in `department`: the question of most rows of a large ledger, answered
/// without finding the place itself. `false` says only that [`judge`]
/// has more to say (or that there is nothing to look up).
pub fn is_plainly_found(
    mandate: Mandate,
    department: &Department,
    typed: &str,
    list: &dyn Gazetteer,
) -> bool {
    let kinds = kinds(mandate);
    if kinds.is_empty() || typed.is_empty() {
        return false;
    }
    let (found, shared) = list.kinds_hashed(place_hash(department.code, typed));
    // The likeliest kind found decides, as in `judge`; two places of it
    // sharing the name are `judge`'s to tell apart.
    kinds.iter().any(|kind| found.contains(*kind)) && !shared
}

/// Looks up the place `typed` names for a holder of `mandate` in
/// `department`, among the places of the kinds the mandate sits in. A
/// text that is one place's official name exactly is that place, even
/// where another place's name folds the same ("Vergné", "La Vergne").
pub fn judge<'g>(
    mandate: Mandate,
    department: &Department,
    typed: &str,
    list: &'g dyn Gazetteer,
) -> Verdict<'g> {
    let kinds = kinds(mandate);
    if kinds.is_empty() || typed.trim().is_empty() {
        return Verdict::NotChecked;
    }
    let key = place_key(typed);
    let found = likeliest(list, &key, department.code, kinds);
    match found.as_slice() {
        [] if mandate == Mandate::ArrondissementMayor && in_city(list, department, typed) => Verdict::InCity,
        [] => Verdict::Unknown,
        [place] => Verdict::Found {
            place,
            respelled: place.name != typed,
        },
        several => match several.iter().find(|p| p.name == typed) {
            Some(place) => Verdict::Found {
                place,
                respelled: false,
            },
            None => Verdict::Ambiguous(several.to_vec()),
        },
    }
}

/// The places of `department` keyed `key`, of the likeliest of `kinds`
/// that has any.
fn likeliest<'g>(
    list: &'g dyn Gazetteer,
    key: &[u8],
    department: &str,
    kinds: &[PlaceKind],
) -> Vec<&'g Place> {
    let mut found: Vec<&'g Place> = Vec::new();
    let mut best = usize::MAX;
    list.keyed_in(department, key, &mut |place| {
        let Some(rank) = kinds.iter().position(|k| *k == place.kind) else {
            return;
        };
        if rank < best {
            best = rank;
            found.clear();
        }
        if rank == best {
            found.push(place);
        }
    });
    found
}

/// Whether `typed` starts with the name of a commune of `department` that
/// has arrondissements.
fn in_city(list: &dyn Gazetteer, department: &Department, typed: &str) -> bool {
    let places = list.in_department(department.code);
    let key = place_key(typed);
    places
        .iter()
        .filter(|p| p.kind == PlaceKind::Arrondissement)
        .filter_map(|p| p.parent)
        .filter_map(|parent| {
            places
                .iter()
                .find(|c| c.code == parent && c.kind == PlaceKind::Commune)
        })
        .any(|city| key.starts_with(&place_key(city.name)))
}

/// What is wrong with the place an entry names, if anything: a warning
/// for a place the list does not hold there, with the nearest names of
/// the département and the other départements that hold a place of that
/// name; a warning naming every place a name may mean.
pub fn place_problem(
    mandate: Mandate,
    department: &Department,
    typed: &str,
    list: &dyn Gazetteer,
) -> Option<EntryProblem> {
    let what = match kinds(mandate) {
        [PlaceKind::Commune] => msg!(ACommune),
        [PlaceKind::Arrondissement] => msg!(AnArrondissement),
        _ => msg!(ACommuneOfAnyKind),
    };
    let (code, message, hint) = match judge(mandate, department, typed, list) {
        Verdict::NotChecked | Verdict::Found { .. } | Verdict::InCity => return None,
        Verdict::Ambiguous(places) => {
            let named: Vec<String> = places
                .iter()
                .map(|p| format!("{} ({})", p.name, p.code))
                .collect();
            (
                Code::AmbiguousCommune,
                msg!(
                    FitsPlaces,
                    typed,
                    places.len(),
                    department.to_string(),
                    named.join(", ")
                ),
                msg!(WritePlaceInFull),
            )
        }
        Verdict::Unknown => {
            let key = place_key(typed);
            let elsewhere = departments_with(list, &key, mandate, department);
            let nearest = nearest(list, &key, mandate, department);
            let tail = match (elsewhere.is_empty(), nearest.is_empty()) {
                (true, true) => None,
                (true, false) => Some(msg!(NearestPlaces, nearest.join(", "))),
                (false, true) => Some(msg!(ThatNameIsIn, elsewhere.join(", "))),
                (false, false) => Some(msg!(
                    ThatNameIsInNearest,
                    elsewhere.join(", "),
                    nearest.join(", ")
                )),
            };
            let hint = match merged_into(list, &key, mandate, department) {
                Some((kind, commune)) => msg!(MergedInto, typed, kind, commune),
                None if elsewhere.is_empty() => msg!(CheckPlaceSpelling),
                None => msg!(RightPlaceWrongDepartement),
            };
            let department = department.to_string();
            let message = match tail {
                None => msg!(NotAPlaceInList, typed, what, department),
                Some(tail) => msg!(NotAPlaceInListBut, typed, what, department, tail),
            };
            (Code::UnknownCommune, message, hint)
        }
    };
    Some(EntryProblem {
        severity: Severity::Warning,
        code,
        field: Field::Circonscription,
        message,
        hint: Some(hint),
    })
}

/// For a mayor's place that is no commune: the commune déléguée or
/// associée of the département it names, if any (a commune merged into
/// another, whose mayor became a delegate mayor), as its kind and the
/// name of the commune it lies in.
fn merged_into(
    list: &dyn Gazetteer,
    key: &[u8],
    mandate: Mandate,
    department: &Department,
) -> Option<(Message, &'static str)> {
    if mandate != Mandate::Mayor {
        return None;
    }
    let mut found = None;
    list.keyed_in(department.code, key, &mut |place| {
        if found.is_none() && matches!(place.kind, PlaceKind::Delegated | PlaceKind::Associated) {
            found = Some((place.kind, place.parent));
        }
    });
    let (kind, parent) = found?;
    let commune = list
        .in_department(department.code)
        .iter()
        .find(|p| p.kind == PlaceKind::Commune && Some(p.code) == parent)
        // A commune associée may lie in another département than its
        // commune: then named by its code.
        .map_or_else(|| parent.unwrap_or("?"), |p| p.name);
    let kind = if kind == PlaceKind::Delegated {
        msg!(ACommuneDeleguee)
    } else {
        msg!(ACommuneAssociee)
    };
    Some((kind, commune))
}

/// The other units that hold a place keyed `key` of a kind `mandate` sits
/// in, as "55 Meuse".
fn departments_with(list: &dyn Gazetteer, key: &[u8], mandate: Mandate, here: &Department) -> Vec<String> {
    let kinds = kinds(mandate);
    let mut codes: Vec<&'static str> = Vec::new();
    list.keyed_anywhere(key, &mut |place| {
        if place.department != here.code && kinds.contains(&place.kind) {
            codes.push(place.department);
        }
    });
    codes.sort_unstable();
    codes.dedup();
    codes
        .into_iter()
        .map(|code| {
            super::department::ALL
                .iter()
                .find(|d| d.code == code)
                .map_or_else(|| code.to_string(), ToString::to_string)
        })
        .collect()
}

/// The names of the département's places of the mandate's kinds closest
/// to `key`, at most three, none further than a typing error goes.
fn nearest<'g>(
    list: &'g dyn Gazetteer,
    key: &[u8],
    mandate: Mandate,
    department: &Department,
) -> Vec<&'g str> {
    let kinds = kinds(mandate);
    // As close as `identity::did_you_mean` asks of a typing error.
    let bound = 2.max(key.len() / 4);
    let mut row = Vec::new();
    let mut close: Vec<(usize, &'g str)> = Vec::new();
    list.each_in(department.code, &mut |place, theirs| {
        if kinds.contains(&place.kind)
            && let Some(distance) = bounded_distance(key, theirs, bound, &mut row)
        {
            close.push((distance, place.name));
        }
    });
    close.sort_unstable();
    close.dedup_by_key(|(_, name)| *name);
    close.into_iter().take(3).map(|(_, name)| name).collect()
}

/// The edit distance of two keys (their bytes), if it is at most `bound`;
/// worked out only as far as it can stay within it, in `row` (a buffer).
fn bounded_distance(a: &[u8], b: &[u8], bound: usize, row: &mut Vec<usize>) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    row.clear();
    row.extend(0..=b.len());
    for (i, &x) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        let mut least = row[0];
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            let value = (diagonal + usize::from(x != y)).min(above + 1).min(row[j] + 1);
            diagonal = above;
            row[j + 1] = value;
            least = least.min(value);
        }
        if least > bound {
            return None;
        }
    }
    let distance = row[b.len()];
    (distance <= bound).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(message: &Message) -> String {
        crate::render::words::say(message, crate::lang::Lang::En)
    }

    /// A list of a few places, looked up by brute force.
    struct Few(Vec<Place>);

    impl Gazetteer for Few {
        fn keyed_in<'s>(&'s self, department: &str, key: &[u8], each: &mut dyn FnMut(&'s Place)) {
            for place in self
                .0
                .iter()
                .filter(|p| p.department == department && place_key(p.name) == key)
            {
                each(place);
            }
        }

        fn keyed_anywhere(&self, key: &[u8], each: &mut dyn FnMut(Place)) {
            for place in self.0.iter().filter(|p| place_key(p.name) == key) {
                each(*place);
            }
        }

        fn kinds_hashed(&self, hash: u64) -> (KindSet, bool) {
            let mut kinds = KindSet::default();
            let mut shared = false;
            for place in self.0.iter().filter(|p| place_hash(p.department, p.name) == hash) {
                shared |= kinds.contains(place.kind);
                kinds.insert(place.kind);
            }
            (kinds, shared)
        }

        fn in_department(&self, department: &str) -> &[Place] {
            let start = self.0.iter().position(|p| p.department == department);
            let end = self.0.iter().rposition(|p| p.department == department);
            match (start, end) {
                (Some(start), Some(end)) => &self.0[start..=end],
                _ => &[],
            }
        }
    }

    fn place(code: &'static str, name: &'static str, department: &'static str, kind: PlaceKind) -> Place {
        Place {
            code,
            name,
            department,
            kind,
            population: None,
            parent: None,
        }
    }

    fn few() -> Few {
        use PlaceKind::*;
        Few(vec![
            Place {
                parent: Some("01015"),
                ..place("01015", "Arbignieu", "01", Delegated)
            },
            place("01015", "Arboys en Bugey", "01", Commune),
            place("09259", "Saint-Félix-de-Tournegat", "09", Commune),
            place("09328", "Verdun", "09", Commune),
            Place {
                parent: Some("13055"),
                ..place("13201", "Marseille 1er Arrondissement", "13", Arrondissement)
            },
            place("13055", "Marseille", "13", Commune),
            place("17464", "Vergné", "17", Commune),
            place("17465", "La Vergne", "17", Commune),
            place("55545", "Verdun", "55", Commune),
            place("55546", "Verneuil-Grand", "55", Commune),
            place("57350", "Jouy-aux-Arches", "57", Commune),
        ])
    }

    fn unit(code: &str) -> &'static Department {
        Department::by_code(code)
    }

    #[test]
    fn the_hash_of_a_key_is_the_hash_of_its_text() {
        for (a, b, same) in [
            ("L'Abergement-Clémenciat", "abergement clemenciat", true),
            ("St-Félix", "Saint Felix", true),
            ("Mans (Le)", "LE MANS", true),
            ("Verdun", "Verdum", false),
            ("Lestrem", "Strem", false),
            ("Saint-Étienne", "Sainte-Étienne", false),
        ] {
            assert_eq!(place_key(a) == place_key(b), same, "{a} {b}");
            assert_eq!(place_hash("55", a) == place_hash("55", b), same, "{a} {b}");
        }
        assert_ne!(place_hash("55", "Verdun"), place_hash("09", "Verdun"));
        for text in ["Mans (Le)", "St-Félix", "L\u{2019}Haÿ-les-Roses", ""] {
            assert_eq!(key_hash("17", &place_key(text)), place_hash("17", text), "{text}");
        }
    }

    #[test]
    fn keys_drop_articles_and_read_saint() {
        assert_eq!(
            place_key("L'Abergement-Clémenciat"),
            place_key("abergement clemenciat")
        );
        assert_eq!(place_key("Mans (Le)"), b"mans");
        assert_eq!(
            place_key("St-Félix-de-Tournegat"),
            place_key("Saint Felix de Tournegat")
        );
        assert_eq!(place_key("Ste-Anne"), b"sainteanne");
        // Articles are words, not letters: "Laval" keeps its "la".
        assert_eq!(place_key("Laval"), b"laval");
        assert_eq!(place_key("Lestrem"), b"lestrem");
        // A typographic apostrophe and a no-break space cut words too.
        assert_eq!(place_key("L\u{2019}Haÿ-les-Roses"), b"hayroses");
        assert_eq!(place_key("Le\u{a0}Mans"), b"mans");
    }

    #[test]
    fn found_places_say_whether_they_were_typed_as_the_list_writes_them() {
        let list = few();
        let found = judge(Mandate::Mayor, unit("09"), "saint felix de tournegat", &list);
        assert!(
            matches!(found, Verdict::Found { place, respelled: true } if place.name == "Saint-Félix-de-Tournegat")
        );
        let exact = judge(Mandate::Mayor, unit("55"), "Verdun", &list);
        assert!(matches!(exact, Verdict::Found { respelled: false, .. }));
        assert_eq!(
            judge(Mandate::Senator, unit("55"), "Verdum", &list),
            Verdict::NotChecked
        );
        assert_eq!(judge(Mandate::Mayor, unit("55"), " ", &list), Verdict::NotChecked);
    }

    #[test]
    fn plainly_found_is_what_judge_finds_without_more_to_say() {
        let list = few();
        for (mandate, unit_code, typed) in [
            (Mandate::Mayor, "09", "saint felix de tournegat"),
            (Mandate::Mayor, "55", "Verdum"),
            (Mandate::Mayor, "17", "vergne"),
            (Mandate::Mayor, "17", "La Vergne"),
            (Mandate::DelegateMayor, "01", "Arbignieu"),
            (Mandate::DelegateMayor, "01", "Arboys en Bugey"),
            (Mandate::ArrondissementMayor, "13", "Marseille Secteur 1"),
            (Mandate::Senator, "55", "Verdun"),
        ] {
            let plain = is_plainly_found(mandate, unit(unit_code), typed, &list);
            let verdict = judge(mandate, unit(unit_code), typed, &list);
            // Plainly found is always found; the converse may take `judge`.
            assert!(!plain || matches!(verdict, Verdict::Found { .. }), "{typed}");
            if !plain {
                assert!(
                    !matches!(verdict, Verdict::Found { .. }) || typed == "La Vergne",
                    "{typed}"
                );
            }
        }
    }

    #[test]
    fn a_name_two_places_share_is_ambiguous_unless_typed_as_one_of_them() {
        let list = few();
        match judge(Mandate::Mayor, unit("17"), "vergne", &list) {
            Verdict::Ambiguous(places) => assert_eq!(places.len(), 2),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            judge(Mandate::Mayor, unit("17"), "La Vergne", &list),
            Verdict::Found { place, respelled: false } if place.code == "17465"
        ));
        let problem = place_problem(Mandate::Mayor, unit("17"), "vergne", &list).unwrap();
        assert_eq!(problem.code, Code::AmbiguousCommune);
        let said = english(&problem.message);
        assert!(said.contains("17464") && said.contains("17465"), "{said}");
    }

    #[test]
    fn delegate_mayors_sit_in_a_commune_deleguee_or_the_commune_it_lies_in() {
        let list = few();
        assert!(matches!(
            judge(Mandate::DelegateMayor, unit("01"), "Arbignieu", &list),
            Verdict::Found { place, .. } if place.kind == PlaceKind::Delegated
        ));
        assert!(matches!(
            judge(Mandate::DelegateMayor, unit("01"), "Arboys-en-Bugey", &list),
            Verdict::Found { place, .. } if place.kind == PlaceKind::Commune
        ));
        // A mayor's commune is a commune, not a commune déléguée.
        assert_eq!(
            judge(Mandate::Mayor, unit("01"), "Arbignieu", &list),
            Verdict::Unknown
        );
    }

    #[test]
    fn arrondissement_mayors_sit_in_an_arrondissement_or_a_sector_of_its_city() {
        let list = few();
        assert!(matches!(
            judge(
                Mandate::ArrondissementMayor,
                unit("13"),
                "marseille 1er arrondissement",
                &list
            ),
            Verdict::Found { respelled: true, .. }
        ));
        assert_eq!(
            judge(
                Mandate::ArrondissementMayor,
                unit("13"),
                "Marseille Secteur 1",
                &list
            ),
            Verdict::InCity
        );
        assert_eq!(
            judge(Mandate::ArrondissementMayor, unit("13"), "Lyon 3e", &list),
            Verdict::Unknown
        );
    }

    #[test]
    fn an_unknown_place_names_the_nearest_and_where_that_name_is() {
        let list = few();
        let typo = place_problem(Mandate::Mayor, unit("55"), "Verdum", &list).unwrap();
        assert_eq!(
            (typo.code, typo.severity),
            (Code::UnknownCommune, Severity::Warning)
        );
        assert_eq!(
            english(&typo.message),
            "`Verdum` is not a commune of 55 Meuse in the official list of communes; nearest: Verdun"
        );
        let moved = place_problem(Mandate::Mayor, unit("57"), "Verdun", &list).unwrap();
        assert_eq!(
            english(&moved.message),
            "`Verdun` is not a commune of 57 Moselle in the official list of communes; that name is in 09 Ariège, 55 Meuse"
        );
        assert!(english(&moved.hint.unwrap()).contains("wrong département"));
        // A commune merged into another: its mayor is a delegate mayor.
        let merged = place_problem(Mandate::Mayor, unit("01"), "Arbignieu", &list).unwrap();
        assert_eq!(
            english(&merged.hint.unwrap()),
            "`Arbignieu` is a commune déléguée of Arboys en Bugey in the official list: its mayor sponsors as a delegate mayor"
        );
    }

    #[test]
    fn a_bounded_distance_is_the_edit_distance_within_its_bound() {
        let mut row = Vec::new();
        for (a, b) in [
            ("verdum", "verdun"),
            ("verdun", "verny"),
            ("", "abc"),
            ("kitten", "sitting"),
            ("abc", "abc"),
        ] {
            let distance = super::super::identity::edit_distance(a, b);
            for bound in 0..5 {
                let within = bounded_distance(a.as_bytes(), b.as_bytes(), bound, &mut row);
                assert_eq!(within, (distance <= bound).then_some(distance), "{a} {b} {bound}");
            }
        }
    }

    #[test]
    fn units_without_communes_have_no_mayors() {
        assert!(!has_mayors(unit("977")));
        assert!(!has_mayors(unit("986")));
        assert!(has_mayors(unit("975")));
        assert!(has_mayors(unit("53")));
    }
}
