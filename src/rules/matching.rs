//! Which published row is which ledger entry: the identity of RULES.md §1
//! applied between a campaign's ledger and a publication of the Conseil
//! constitutionnel.
//!
//! Both sides are first grouped by family (folded last name and unit, see
//! [`family_key`]), so a claim typed "jouy en argonne" in lower case finds
//! "Jouy-en-Argonne", and "Scherer Adrien" finds "SCHERER Adrien Edy".
//! Inside a group, first names, mandate and circonscription decide, in four
//! passes from the strictest:
//! a pair is made only when it is the one possibility for both sides, so a
//! homonym never steals a match, and what stays undecided is reported as
//! ambiguous rather than guessed.

use super::fold::{fold, fold_into};
use crate::sponsorship::Sponsorship;

/// The folded last name and unit of an entry: the group inside which
/// claims and published rows are matched (RULES.md §1: last name and
/// département must agree).
pub fn family_key<S: AsRef<str>>(s: &Sponsorship<S>, key: &mut String) {
    key.clear();
    fold_into(s.last_name.as_ref(), key);
    key.push('\u{1f}');
    key.push_str(s.department.code);
}

/// How a claim's first names stand to a published row's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstNames {
    /// The same, folded ("Jean-Pierre", "jean pierre").
    Same,
    /// The claim's are the first words of the published ones: "Adrien" for
    /// "Adrien Edy". Published words are split on spaces, so a hyphenated
    /// name is one word and "Jean" is not "Jean-Pierre"; the claim is
    /// folded whole, so "aaron lee" is "Aaron-Lee", the first word of
    /// "Aaron-Lee Gustave".
    Leading,
}

/// Whether the first names of a claim can be those of a published row:
/// the claim, folded, must be the first published words, folded, whole.
pub fn first_names(claim: &str, published: &str) -> Option<FirstNames> {
    let ours = fold(claim);
    if ours.is_empty() {
        return None;
    }
    let words: Vec<String> = published
        .split_whitespace()
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    let mut leading = String::with_capacity(ours.len());
    for (k, word) in words.iter().enumerate() {
        leading.push_str(word);
        if leading == ours {
            return Some(if k + 1 == words.len() {
                FirstNames::Same
            } else {
                FirstNames::Leading
            });
        }
        if leading.len() >= ours.len() {
            break;
        }
    }
    None
}

/// How well a ledger entry and a published row of the same person agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fit {
    /// Same mandate, same circonscription (or both empty).
    Exact,
    /// Same mandate, and one side leaves the circonscription empty: the
    /// official data does for deputies, senators, MEPs, Paris, Lyon and
    /// departmental councillors, and volunteers often do.
    OpenCirconscription,
    /// Same mandate and place, but the claim gives only the first of the
    /// published first names ("Adrien" for "Adrien Edy"): matched only when
    /// one published row fits, and the claim takes the published names.
    FewerFirstNames,
    /// The same mandate in another circonscription: a commune typed
    /// wrong ("Remerin" for "Rémering"), or a homonym.
    OtherPlace,
    /// Another mandate: the official may hold two and have signed with the
    /// other one (a mayor who signed as departmental councillor), or a
    /// homonym.
    OtherMandate,
}

impl Fit {
    /// How many passes [`match_group`] makes.
    const PASSES: usize = 4;

    /// The pass a fit is decided at, strictest first. Another place and
    /// another mandate are one pass: a claim is matched loosely only when,
    /// of all the published rows its names fit, exactly one is left
    /// (RULES.md §1), so a homonym never steals a match.
    fn pass(self) -> usize {
        match self {
            Fit::Exact => 0,
            Fit::OpenCirconscription => 1,
            Fit::FewerFirstNames => 2,
            Fit::OtherPlace | Fit::OtherMandate => 3,
        }
    }

    /// Whether only the names agree: flagged for review, and not taken as
    /// proof that a claim was lost to another candidate.
    pub fn is_loose(self) -> bool {
        matches!(self, Fit::OtherPlace | Fit::OtherMandate)
    }

    /// Whether the claim, once matched, takes the published row's values.
    pub fn corrects_the_claim(self) -> bool {
        self == Fit::FewerFirstNames || self.is_loose()
    }
}

/// How `claim` and `published`, of the same family (last name and unit),
/// fit; `None` when their first names differ: two officials.
pub fn fit<S: AsRef<str>>(claim: &Sponsorship<S>, published: &Sponsorship<S>) -> Option<Fit> {
    let names = first_names(claim.first_name.as_ref(), published.first_name.as_ref())?;
    if claim.mandate != published.mandate {
        return Some(Fit::OtherMandate);
    }
    let (ours, theirs) = (
        fold(claim.circonscription.as_ref()),
        fold(published.circonscription.as_ref()),
    );
    let place = if ours == theirs {
        Fit::Exact
    } else if ours.is_empty() || theirs.is_empty() {
        Fit::OpenCirconscription
    } else {
        return Some(Fit::OtherPlace);
    };
    Some(match names {
        FirstNames::Same => place,
        FirstNames::Leading => Fit::FewerFirstNames,
    })
}

/// Entries of one family that could not be told apart: each side's
/// indices into the slices given to [`match_group`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity {
    pub claims: Vec<usize>,
    pub published: Vec<usize>,
    pub fit: Fit,
}

/// The outcome of matching one person group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupMatch {
    /// (claim index, published index, how they fit).
    pub pairs: Vec<(usize, usize, Fit)>,
    pub ambiguities: Vec<Ambiguity>,
}

/// Matches the ledger entries and the published rows of one family (same
/// folded last name and unit). Each side is matched at most once. At each pass,
/// a pair is made when each is the other's only possibility at that pass;
/// entries with several possibilities form an ambiguity and take no part in
/// later passes (a weaker fit must not decide what a stronger one could not).
///
/// Groups are small (a name in a département), so trying every pair is fine.
pub fn match_group<S: AsRef<str>>(claims: &[&Sponsorship<S>], published: &[&Sponsorship<S>]) -> GroupMatch {
    let mut result = GroupMatch::default();
    let mut claim_done = vec![false; claims.len()];
    let mut published_done = vec![false; published.len()];
    for pass in 0..Fit::PASSES {
        let mut edges = Vec::new();
        for (c, claim) in claims.iter().enumerate() {
            if claim_done[c] {
                continue;
            }
            for (p, row) in published.iter().enumerate() {
                if let Some(fit) = fit(claim, row)
                    && !published_done[p]
                    && fit.pass() == pass
                {
                    edges.push((c, p, fit));
                }
            }
        }
        let Some(&(_, _, first_fit)) = edges.first() else {
            continue;
        };
        let mut claim_degree = vec![0usize; claims.len()];
        let mut published_degree = vec![0usize; published.len()];
        for &(c, p, _) in &edges {
            claim_degree[c] += 1;
            published_degree[p] += 1;
        }
        let mut tangled = Vec::new();
        for &(c, p, fit) in &edges {
            if claim_degree[c] == 1 && published_degree[p] == 1 {
                result.pairs.push((c, p, fit));
            } else {
                tangled.push((c, p));
            }
        }
        for &(c, p, _) in &result.pairs {
            claim_done[c] = true;
            published_done[p] = true;
        }
        for component in components(&tangled) {
            for &c in &component.claims {
                claim_done[c] = true;
            }
            for &p in &component.published {
                published_done[p] = true;
            }
            result.ambiguities.push(Ambiguity {
                fit: first_fit,
                ..component
            });
        }
    }
    result
}

/// The connected parts of a set of edges between claims and published rows.
fn components(edges: &[(usize, usize)]) -> Vec<Ambiguity> {
    let mut parts: Vec<Ambiguity> = Vec::new();
    for &(c, p) in edges {
        let touching: Vec<usize> = parts
            .iter()
            .enumerate()
            .filter(|(_, part)| part.claims.contains(&c) || part.published.contains(&p))
            .map(|(i, _)| i)
            .collect();
        let mut merged = Ambiguity {
            claims: vec![c],
            published: vec![p],
            fit: Fit::Exact,
        };
        // Remove from the end so earlier indices stay valid.
        for i in touching.into_iter().rev() {
            let part = parts.remove(i);
            merged.claims.extend(part.claims);
            merged.published.extend(part.published);
        }
        merged.claims.sort_unstable();
        merged.claims.dedup();
        merged.published.sort_unstable();
        merged.published.dedup();
        parts.push(merged);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Department, Mandate, Status};

    fn official(last: &str, first: &str, mandate: Mandate, circonscription: &str, unit: &str) -> Sponsorship {
        Sponsorship {
            status: Status::Claimed,
            candidate: "MARTIN Claire".into(),
            civility: None,
            last_name: last.into(),
            first_name: first.into(),
            mandate,
            circonscription: circonscription.into(),
            department: Department::by_code(unit),
            claimed_on: None,
            published_on: None,
            source: String::new(),
            notes: String::new(),
        }
    }

    #[test]
    fn circonscription_is_folded_and_may_be_empty() {
        let claim = official("morel", "pascal", Mandate::Mayor, "Jouy en Argonne", "55");
        let row = official("MOREL", "Pascal", Mandate::Mayor, "Jouy-en-Argonne", "55");
        assert_eq!(fit(&claim, &row), Some(Fit::Exact));
        let open = official("MOREL", "Pascal", Mandate::Mayor, "", "55");
        assert_eq!(fit(&claim, &open), Some(Fit::OpenCirconscription));
        let elsewhere = official("MOREL", "Pascal", Mandate::Mayor, "Verdun", "55");
        assert_eq!(fit(&claim, &elsewhere), Some(Fit::OtherPlace));
        let other_person = official("MOREL", "Paul", Mandate::Mayor, "Jouy-en-Argonne", "55");
        assert_eq!(fit(&claim, &other_person), None);
        let councillor = official("MOREL", "Pascal", Mandate::DepartmentalCouncillor, "", "55");
        assert_eq!(fit(&claim, &councillor), Some(Fit::OtherMandate));
    }

    #[test]
    fn homonyms_are_told_apart_by_mandate() {
        // The LEFEBVRE pair of the Nord: claims in one order, rows in the other.
        let mayor = official("LEFEBVRE", "Michel", Mandate::Mayor, "Wattrelos", "59");
        let councillor = official(
            "LEFEBVRE",
            "Michel",
            Mandate::DepartmentalCouncillor,
            "Roubaix-1",
            "59",
        );
        let published_councillor = official("LEFEBVRE", "Michel", Mandate::DepartmentalCouncillor, "", "59");
        let published_mayor = official("LEFEBVRE", "Michel", Mandate::Mayor, "Wattrelos", "59");
        let found = match_group(&[&mayor, &councillor], &[&published_councillor, &published_mayor]);
        assert_eq!(
            found.pairs,
            vec![(0, 1, Fit::Exact), (1, 0, Fit::OpenCirconscription)]
        );
        assert!(found.ambiguities.is_empty());
    }

    #[test]
    fn a_homonym_does_not_steal_a_match_under_another_mandate() {
        // Only the mayor is claimed; the published councillor is someone
        // else's match at best, and the published mayor is the claim's.
        let mayor = official("LEFEBVRE", "Michel", Mandate::Mayor, "Wattrelos", "59");
        let published_councillor = official("LEFEBVRE", "Michel", Mandate::DepartmentalCouncillor, "", "59");
        let published_mayor = official("LEFEBVRE", "Michel", Mandate::Mayor, "Wattrelos", "59");
        let found = match_group(&[&mayor], &[&published_councillor, &published_mayor]);
        assert_eq!(found.pairs, vec![(0, 1, Fit::Exact)]);
    }

    #[test]
    fn another_mandate_matches_only_when_alone() {
        let mayor = official("DUPONT", "Jean", Mandate::Mayor, "Jouy-en-Argonne", "55");
        let councillor = official("DUPONT", "Jean", Mandate::DepartmentalCouncillor, "", "55");
        let found = match_group(&[&mayor], &[&councillor]);
        assert_eq!(found.pairs, vec![(0, 0, Fit::OtherMandate)]);
        // Two published rows under other mandates: reported, not guessed.
        let senator = official("DUPONT", "Jean", Mandate::Senator, "", "55");
        let found = match_group(&[&mayor], &[&councillor, &senator]);
        assert!(found.pairs.is_empty());
        assert_eq!(
            found.ambiguities,
            vec![Ambiguity {
                claims: vec![0],
                published: vec![0, 1],
                fit: Fit::OtherMandate
            }]
        );
    }

    #[test]
    fn open_circonscription_with_two_claims_is_ambiguous() {
        // Two claimed mayors of the same name in two communes, and one
        // published row that does not say which commune.
        let first = official("DUPONT", "Jean", Mandate::Mayor, "Verdun", "55");
        let second = official("DUPONT", "Jean", Mandate::Mayor, "Stenay", "55");
        let row = official("DUPONT", "Jean", Mandate::Mayor, "", "55");
        let found = match_group(&[&first, &second], &[&row]);
        assert!(found.pairs.is_empty());
        assert_eq!(found.ambiguities.len(), 1);
        assert_eq!(found.ambiguities[0].claims, vec![0, 1]);
        assert_eq!(found.ambiguities[0].fit, Fit::OpenCirconscription);
    }

    #[test]
    fn ambiguous_entries_take_no_part_in_weaker_passes() {
        // The claim is ambiguous between two open rows; the third row under
        // another mandate must not then be matched to it.
        let claim = official("DUPONT", "Jean", Mandate::Deputy, "", "55");
        let a = official("DUPONT", "Jean", Mandate::Deputy, "", "55");
        let b = official("DUPONT", "Jean", Mandate::Deputy, "", "55");
        let c = official("DUPONT", "Jean", Mandate::Mayor, "Verdun", "55");
        let found = match_group(&[&claim], &[&a, &b, &c]);
        assert!(found.pairs.is_empty());
        assert_eq!(found.ambiguities.len(), 1);
        assert_eq!(found.ambiguities[0].published, vec![0, 1]);
    }
}

#[cfg(test)]
mod loose_tests {
    use super::*;
    use crate::rules::{Department, Mandate, Status};

    fn official(first: &str, mandate: Mandate, circonscription: &str) -> Sponsorship {
        Sponsorship {
            status: Status::Claimed,
            candidate: "MARTIN Claire".into(),
            civility: None,
            last_name: "RICHARD".into(),
            first_name: first.into(),
            mandate,
            circonscription: circonscription.into(),
            department: Department::by_code("70"),
            claimed_on: None,
            published_on: None,
            source: String::new(),
            notes: String::new(),
        }
    }

    #[test]
    fn a_homonym_under_another_mandate_does_not_steal_a_mistyped_claim() {
        // The claim's commune is mistyped: the mayor it names and a
        // departmental councillor of the same name both fit loosely.
        let claim = official("Michel", Mandate::Mayor, "Basse-Vaivre");
        let councillor = official("Michel", Mandate::DepartmentalCouncillor, "");
        let mayor = official("Michel", Mandate::Mayor, "La Basse-Vaivre");
        let found = match_group(&[&claim], &[&councillor, &mayor]);
        assert!(found.pairs.is_empty(), "{found:?}");
        assert_eq!(found.ambiguities.len(), 1);
        assert_eq!(found.ambiguities[0].published, vec![0, 1]);
    }

    #[test]
    fn a_mistyped_commune_matches_when_one_row_fits() {
        let claim = official("Adrien", Mandate::Mayor, "Remerin");
        let mayor = official("Adrien Edy", Mandate::Mayor, "Rémering");
        let found = match_group(&[&claim], &[&mayor]);
        assert_eq!(found.pairs, vec![(0, 0, Fit::OtherPlace)]);
    }
}
