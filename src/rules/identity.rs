//! Who is "the same official" (RULES.md §1), and what a second row for the
//! same official means.
//!
//! Rows with the same last name, first name, unit, mandate type and
//! circonscription, folded, are one person. The same name in the same unit
//! with another mandate or circonscription may be a homonym: worth a warning,
//! never an error, never a silent merge.

use std::path::Path;
use std::sync::Arc;

use super::fold::fold_into;
use crate::message::Message;
use crate::msg;
use crate::sponsorship::Sponsorship;

/// Where a row is: file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: Arc<Path>,
    pub line: u64,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// The folded name of a candidate: "BÉKAERT Corinne", "BEKAERT Corinne",
/// "Bekaert  Corinne" and, typed first name first, "Corinne Bekaert" are
/// one candidate. The folded words are sorted, so their order does not
/// matter (RULES.md §1).
pub fn candidate_key(name: &str) -> String {
    let folded = super::fold::fold_words(name);
    let mut words: Vec<&str> = folded.split(' ').collect();
    words.sort_unstable();
    words.join(" ")
}

/// "closest names: …" (or "candidates: …" when none is close): the names
/// of `names` nearest to `name`, for a candidate that cannot be found.
pub fn closest_names(name: &str, names: &[String]) -> Message {
    let wanted = super::fold::fold(name);
    let folded_words = super::fold::fold_words(name);
    let words: Vec<&str> = folded_words.split(' ').collect();
    let mut close: Vec<(usize, &String)> = names
        .iter()
        .filter_map(|candidate| {
            let distance = edit_distance(&wanted, &super::fold::fold(candidate));
            let shares_word = super::fold::fold_words(candidate)
                .split(' ')
                .any(|w| w.len() > 2 && words.contains(&w));
            (shares_word || distance <= 3.max(wanted.len() / 3)).then_some((distance, candidate))
        })
        .collect();
    close.sort();
    let shown: Vec<&str> = if close.is_empty() {
        names.iter().take(8).map(String::as_str).collect()
    } else {
        close.into_iter().take(5).map(|(_, n)| n.as_str()).collect()
    };
    if shown.len() < names.len() && !shown.is_empty() {
        msg!(ClosestNames, shown.join(", "))
    } else {
        msg!(CandidatesAre, shown.join(", "))
    }
}

/// The option nearest to `typed` (folded, by edit distance), if one is
/// close enough to be what was meant: "mair" gives "maire".
pub fn did_you_mean<'a>(typed: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = super::fold::fold(typed);
    let close_enough = 2.max(typed.chars().count() / 4);
    options
        .into_iter()
        .map(|option| (edit_distance(&typed, &super::fold::fold(option)), option))
        .filter(|(distance, _)| *distance <= close_enough)
        // On a tie, the option that begins with what was typed ("Aisn":
        // Aisne rather than Ain).
        .min_by_key(|(distance, option)| (*distance, !super::fold::fold(option).starts_with(&typed)))
        .map(|(_, option)| option)
}

/// Levenshtein distance in characters, for suggesting names.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// The warning for a candidate's name not written `NOM Prénom`, if it is not.
pub fn candidate_name_warning(name: &str) -> Option<Message> {
    candidate_name_advice(name).map(|advice| msg!(NotWrittenNomPrenom, name, advice))
}

/// How a candidate's name should be written when it is not `NOM Prénom`
/// (the last name in capitals, first), as the Conseil writes it; `None`
/// when it is. "Anasse Kazib" gives "KAZIB Anasse".
pub fn candidate_name_advice(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let upper = |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    let leading = words.iter().take_while(|w| upper(w)).count();
    if leading > 0 && leading < words.len() && !words[leading..].iter().all(|w| upper(w)) {
        return None;
    }
    if words.len() < 2 {
        return None;
    }
    let capitalised = |w: &str| {
        let lower = w.to_lowercase();
        let mut chars = lower.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    };
    // The last names are the capitals at the end, or else the last word.
    let trailing = words.iter().rev().take_while(|w| upper(w)).count();
    let split = if trailing > 0 && trailing < words.len() {
        words.len() - trailing
    } else if leading == words.len() {
        1
    } else {
        words.len() - 1
    };
    let (first, last) = if leading == words.len() {
        (&words[split..], &words[..split])
    } else {
        (&words[..split], &words[split..])
    };
    let last: Vec<String> = last.iter().map(|w| w.to_uppercase()).collect();
    let first: Vec<String> = first.iter().map(|w| capitalised(w)).collect();
    Some(format!("{} {}", last.join(" "), first.join(" ")))
}

/// What a row says about a row read before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// The same official already sponsors the same candidate.
    DuplicateSponsor,
    /// The same official already sponsors another candidate, both live.
    SeveralCandidates,
    /// The same name in the same unit with another mandate or circonscription.
    PossibleDuplicate,
}

/// Two entries of the same person (same folded name and unit), as
/// [`finding`] judges them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// The same official: mandate and circonscription too.
    pub same_official: bool,
    /// For the same candidate.
    pub same_candidate: bool,
    /// Both live (claimed, sent or validated).
    pub both_live: bool,
}

/// What a later entry is to an earlier one of the same person (same
/// folded name and unit), RULES.md §1 — the one rule that `check`, `add`,
/// `update` and the engine's registry all apply: the same official again
/// for the same candidate is a duplicate; for another candidate, while
/// both are live, a second sponsorship; another mandate or circonscription,
/// a possible homonym.
pub fn finding(pair: Pair) -> Option<FindingKind> {
    match (pair.same_official, pair.same_candidate, pair.both_live) {
        (true, true, _) => Some(FindingKind::DuplicateSponsor),
        (true, false, true) => Some(FindingKind::SeveralCandidates),
        (true, false, false) => None,
        (false, _, _) => Some(FindingKind::PossibleDuplicate),
    }
}

/// Folds the official of `s` into `key`: last
/// name, first name and unit (the person, as long as the length returned),
/// then mandate type and circonscription. The engine hashes what this
/// writes; what identifies an official is decided here.
pub fn fold_official_into<S: AsRef<str>>(s: &Sponsorship<S>, key: &mut Vec<u8>) -> usize {
    key.clear();
    fold_into(s.last_name.as_ref(), key);
    key.push(0x1f);
    fold_into(s.first_name.as_ref(), key);
    key.push(0x1f);
    key.extend_from_slice(s.department.code.as_bytes());
    let person_len = key.len();
    key.push(0x1f);
    key.extend_from_slice(s.mandate.code().as_bytes());
    key.push(0x1f);
    fold_into(s.circonscription.as_ref(), key);
    person_len
}

/// A search for an official by the identity flags of `update`: names are
/// required, the rest narrows the search when given.
#[derive(Debug, Clone, Default)]
pub struct IdentityQuery {
    pub last_name: String,
    pub first_name: String,
    pub mandate: Option<super::Mandate>,
    pub department: Option<&'static super::Department>,
    pub circonscription: Option<String>,
    pub candidate: Option<String>,
}

impl IdentityQuery {
    pub fn matches(&self, s: &Sponsorship) -> bool {
        let same = |a: &str, b: &str| super::fold::fold(a) == super::fold::fold(b);
        same(&self.last_name, &s.last_name)
            && same(&self.first_name, &s.first_name)
            && self.mandate.is_none_or(|m| m == s.mandate)
            && self.department.is_none_or(|d| std::ptr::eq(d, s.department))
            && self
                .circonscription
                .as_deref()
                .is_none_or(|c| same(c, &s.circonscription))
            // A candidate is one whatever the order of their names.
            && self.candidate.as_deref().is_none_or(|c| candidate_key(c) == candidate_key(&s.candidate))
    }
}

#[cfg(test)]
mod candidate_name_tests {
    use super::*;

    #[test]
    fn candidates_are_one_whatever_the_order_of_their_names() {
        assert_eq!(candidate_key("Anasse Kazib"), candidate_key("KAZIB Anasse"));
        assert_eq!(
            candidate_key("BÉKAERT  Corinne"),
            candidate_key("bekaert corinne")
        );
        assert_eq!(
            candidate_key("DUPONT-AIGNAN Nicolas"),
            candidate_key("Nicolas Dupont Aignan")
        );
        assert_ne!(candidate_key("KAZIB Anas"), candidate_key("KAZIB Anasse"));
    }

    #[test]
    fn advice_on_the_form_of_a_candidate_name() {
        assert_eq!(candidate_name_advice("KAZIB Anasse"), None);
        assert_eq!(candidate_name_advice("LE PEN Marine"), None);
        assert_eq!(candidate_name_advice("DUPONT-AIGNAN Nicolas"), None);
        assert_eq!(
            candidate_name_advice("Anasse Kazib").as_deref(),
            Some("KAZIB Anasse")
        );
        assert_eq!(
            candidate_name_advice("Marine LE PEN").as_deref(),
            Some("LE PEN Marine")
        );
        assert_eq!(
            candidate_name_advice("KAZIB ANASSE").as_deref(),
            Some("KAZIB Anasse")
        );
        assert_eq!(candidate_name_advice("kazib"), None);
    }
}

#[cfg(test)]
mod edit_distance_tests {
    use super::edit_distance;

    #[test]
    fn edit_distance_counts_changes() {
        assert_eq!(edit_distance("macron", "macron"), 0);
        assert_eq!(edit_distance("macron", "marcon"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("zemour", "zemmour"), 1);
    }
}
