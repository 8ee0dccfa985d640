//! Property tests of matching a campaign's claims to published rows
//! (RULES.md §1): fewer first names match word by word, a hyphenated name
//! is one word, and a looser match is taken only when one published row
//! fits; anything else is ambiguous, never guessed.

use parrainage::rules::matching::{FirstNames, Fit, first_names, fit, match_group};
use parrainage::rules::{Department, Mandate, Status};
use parrainage::sponsorship::Sponsorship;
use proptest::prelude::*;

/// A first name: one word, maybe hyphenated.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Jean", "Adrien", "Marie", "Edy", "Luc", "Pierre", "Hélène", "Élodie"
        ])
        .prop_map(str::to_string),
        (
            prop::sample::select(vec!["Jean", "Aaron", "Marie"]),
            prop::sample::select(vec!["Pierre", "Lee", "Claire"])
        )
            .prop_map(|(a, b)| format!("{a}-{b}")),
    ]
}

fn names() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(word(), 1..4)
}

fn official(first: &str, mandate: Mandate, place: &str) -> Sponsorship {
    Sponsorship {
        status: Status::Claimed,
        candidate: "MARTIN Claire".into(),
        civility: None,
        last_name: "SCHERER".into(),
        first_name: first.into(),
        mandate,
        circonscription: place.into(),
        department: Department::by_code("57"),
        claimed_on: None,
        published_on: None,
        source: String::new(),
        notes: String::new(),
    }
}

fn mandate() -> impl Strategy<Value = Mandate> {
    prop::sample::select(vec![
        Mandate::Mayor,
        Mandate::DepartmentalCouncillor,
        Mandate::Senator,
    ])
}

fn place() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", "Rémering", "Sarrewerden", "Lembach"]).prop_map(str::to_string)
}

proptest! {
    /// The claim's first names, a leading part of the published ones word by
    /// word, in any case and without accents, fit as `Leading`; all of
    /// them as `Same`.
    #[test]
    fn leading_words_fit(published in names(), cut in 1usize..4) {
        let cut = cut.min(published.len());
        let claim = published[..cut].join(" ").to_lowercase();
        let expected = if cut == published.len() { FirstNames::Same } else { FirstNames::Leading };
        prop_assert_eq!(first_names(&claim, &published.join(" ")), Some(expected));
    }

    /// A word the published names do not start with never fits, and in
    /// particular a part of a hyphenated name: "Jean" is not "Jean-Pierre".
    #[test]
    fn other_words_never_fit(claim in names(), published in names()) {
        let fits = first_names(&claim.join(" "), &published.join(" ")).is_some();
        // The claim's letters, hyphens and spaces aside, are those of the
        // first published words, whole words only.
        let letters = |n: &[String]| n.concat().replace('-', "").to_lowercase();
        let leading = (1..=published.len()).any(|k| letters(&published[..k]) == letters(&claim));
        prop_assert_eq!(fits, leading);
    }

    /// Whatever the claims and published rows of a family, each is matched
    /// at most once, every pair fits as it says, and a row in an ambiguity
    /// is in no pair.
    #[test]
    fn a_match_is_one_to_one_and_never_guessed(
        claims in prop::collection::vec((names(), mandate(), place()), 1..4),
        rows in prop::collection::vec((names(), mandate(), place()), 1..5),
    ) {
        let claims: Vec<Sponsorship> = claims.iter().map(|(n, m, p)| official(&n.join(" "), *m, p)).collect();
        let rows: Vec<Sponsorship> = rows.iter().map(|(n, m, p)| official(&n.join(" "), *m, p)).collect();
        let claim_refs: Vec<&Sponsorship> = claims.iter().collect();
        let row_refs: Vec<&Sponsorship> = rows.iter().collect();
        let found = match_group(&claim_refs, &row_refs);
        let mut claims_seen = std::collections::HashSet::new();
        let mut rows_seen = std::collections::HashSet::new();
        for &(c, p, how) in &found.pairs {
            prop_assert!(claims_seen.insert(c));
            prop_assert!(rows_seen.insert(p));
            prop_assert_eq!(fit(&claims[c], &rows[p]), Some(how));
        }
        for ambiguity in &found.ambiguities {
            for c in &ambiguity.claims {
                prop_assert!(claims_seen.insert(*c));
            }
            for p in &ambiguity.published {
                prop_assert!(rows_seen.insert(*p));
            }
        }
    }

    /// One claim and the rows its names fit: a loose match (fewer first
    /// names, another place or mandate) is made only when no stricter row
    /// fits and exactly one row fits at that looseness.
    #[test]
    fn a_loose_match_needs_a_single_row(
        claim in (names(), mandate(), place()),
        rows in prop::collection::vec((names(), mandate(), place()), 1..5),
    ) {
        let claim = official(&claim.0.join(" "), claim.1, &claim.2);
        let rows: Vec<Sponsorship> = rows.iter().map(|(n, m, p)| official(&n.join(" "), *m, p)).collect();
        let row_refs: Vec<&Sponsorship> = rows.iter().collect();
        let found = match_group(&[&claim], &row_refs);
        let rank = |f: Fit| match f {
            Fit::Exact => 0,
            Fit::OpenCirconscription => 1,
            Fit::FewerFirstNames => 2,
            Fit::OtherPlace | Fit::OtherMandate => 3,
        };
        let fits: Vec<usize> = rows.iter().filter_map(|r| fit(&claim, r)).map(rank).collect();
        match found.pairs.first() {
            Some(&(_, _, how)) => {
                let best = rank(how);
                prop_assert_eq!(fits.iter().min(), Some(&best));
                prop_assert_eq!(fits.iter().filter(|r| **r == best).count(), 1);
            }
            None => {
                // Either nothing fits, or the best fit is shared: ambiguous.
                if let Some(best) = fits.iter().min() {
                    prop_assert!(fits.iter().filter(|r| *r == best).count() > 1);
                    prop_assert_eq!(found.ambiguities.len(), 1);
                }
            }
        }
    }
}

#[test]
fn a_hyphenated_name_typed_with_a_space_is_still_one_word() {
    assert_eq!(
        first_names("aaron lee", "Aaron-Lee Gustave"),
        Some(FirstNames::Leading)
    );
    assert_eq!(
        first_names("jean claude", "Jean-Claude Raymond"),
        Some(FirstNames::Leading)
    );
    assert_eq!(first_names("Jean", "Jean-Claude Raymond"), None);
    assert_eq!(first_names("Jean Pierre", "Jean-Pierre"), Some(FirstNames::Same));
}
