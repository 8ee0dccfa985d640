//! Who sponsored before (RULES.md §7): a row of a past publication and a
//! person of the current register are the same person when their folded
//! last names are equal, their first names match by the looser rule of
//! RULES.md §1 (fewer first names, word by word), and the row's
//! département is one of the person's units. Mandates change between
//! elections: the person is matched, not the mandate.
//!
//! One fit or none: a row that fits two persons of the register, or a
//! person whom two different officials of one file fit, is ambiguous and
//! goes to nobody.

use std::collections::HashMap;
use std::hash::Hash;

use super::fold::fold_into;

/// Whether a published row's first names and a register person's can be
/// one person's: the same, folded, or the fewer the first words of the
/// others. Either side may write more: the register "Betty Véronique"
/// where the publication wrote "Betty", or the other way round. Words are
/// split on spaces: "Jean" is not "Jean-Pierre" (RULES.md §1).
pub fn same_first_names(published: &str, register: &str) -> bool {
    let (mut a, mut b) = (String::new(), String::new());
    fold_first_names(published, &mut a);
    fold_first_names(register, &mut b);
    same_folded_first_names(&a, &b)
}

/// First names folded for [`same_folded_first_names`], into `out` (which
/// is cleared): each word, split on white space, folded; one space
/// between words.
pub fn fold_first_names(text: &str, out: &mut String) {
    out.clear();
    for word in text.split_whitespace() {
        let before = out.len();
        if before > 0 {
            out.push(' ');
        }
        fold_into(word, out);
        if out.len() == before + usize::from(before > 0) {
            out.truncate(before);
        }
    }
}

/// [`same_first_names`] of two names folded by [`fold_first_names`]: the
/// letters of one, spaces aside, begin the other's and end where one of
/// its words ends. Compared in place: a past publication holds thousands
/// of rows, each against the register's persons of its name.
pub fn same_folded_first_names(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (mut i, mut j) = (0, 0);
    loop {
        match (i == a.len(), j == b.len()) {
            (true, true) => return true,
            // One is done: the other must be at the end of a word.
            (true, false) => return b[j] == b' ',
            (false, true) => return a[i] == b' ',
            (false, false) => {}
        }
        if a[i] == b' ' {
            i += 1;
        } else if b[j] == b' ' {
            j += 1;
        } else if a[i] == b[j] {
            i += 1;
            j += 1;
        } else {
            return false;
        }
    }
}

/// What becomes of a row of a past publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribution {
    /// The one person of the register it is.
    Person(usize),
    /// It fits two persons, or its person fits another official of the
    /// file too: attributed to nobody, and counted.
    Ambiguous,
    /// No person of the register fits it.
    Nobody,
}

/// The attribution of each row of one file, from the persons each row
/// fits (by [`same_first_names`], its last name and its unit) and the
/// official it names (its folded identity: the same official listed twice,
/// for two spellings of one candidate, is one).
pub fn attribute<P: AsRef<[usize]>, K: Eq + Hash>(rows: &[(P, K)]) -> Vec<Attribution> {
    // Each person's official in this file, and whether another fits too.
    let mut officials: HashMap<usize, (&K, bool)> = HashMap::new();
    for (persons, official) in rows {
        for &person in persons.as_ref() {
            officials
                .entry(person)
                .and_modify(|(first, several)| *several |= *first != official)
                .or_insert((official, false));
        }
    }
    rows.iter()
        .map(|(persons, _)| match persons.as_ref() {
            [] => Attribution::Nobody,
            [person] if !officials[person].1 => Attribution::Person(*person),
            _ => Attribution::Ambiguous,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names_either_side_may_write_more() {
        assert!(same_first_names("Betty", "Betty Véronique"));
        assert!(same_first_names("Adrien Edy", "ADRIEN"));
        assert!(same_first_names("jean-pierre", "Jean Pierre"));
        assert!(!same_first_names("Jean", "Jean-Pierre"));
        assert!(!same_first_names("Véronique", "Betty Véronique"));
        assert!(!same_first_names("", "Betty"));
        assert!(!same_first_names("Jean Pierre", "Jean Paul"));
        assert!(same_first_names("Jean Pierre", "Jean-Pierre"));
        assert!(same_first_names("ANNE  MARIE", "anne marie"));
        assert!(!same_first_names("Annemarie Louise", "Anne"));
        assert!(same_first_names("Anne Marie Louise", "Anne Marie"));
    }

    /// The folded comparison says what the claims' rule says, either way.
    #[test]
    fn the_same_as_the_claims_rule_either_way() {
        let names = [
            "Jean",
            "Jean-Pierre",
            "Jean Pierre",
            "Jean Pierre Marie",
            "Pierre",
            "Marie Jean",
            "Aaron-Lee Gustave",
            "aaron lee",
            "Ève",
            "Eve Anne",
            "",
            "  ",
        ];
        for a in names {
            for b in names {
                let rule = super::super::matching::first_names(a, b).is_some()
                    || super::super::matching::first_names(b, a).is_some();
                assert_eq!(same_first_names(a, b), rule, "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn one_fit_or_none() {
        use Attribution::*;
        let rows = [
            // One person, one official: theirs.
            (vec![0], "a"),
            // Two persons of the register fit: nobody's.
            (vec![1, 2], "b"),
            // Person 3 is fit by two officials: neither row is theirs.
            (vec![3], "c"),
            (vec![3], "d"),
            // The same official twice (two spellings of a candidate).
            (vec![4], "e"),
            (vec![4], "e"),
            (vec![], "f"),
        ];
        assert_eq!(
            attribute(&rows),
            [
                Person(0),
                Ambiguous,
                Ambiguous,
                Ambiguous,
                Person(4),
                Person(4),
                Nobody
            ]
        );
        // Person 1 fits a row of its own too: the shared row made it
        // ambiguous, and so its own row.
        let rows = [(vec![1, 2], "b"), (vec![1], "g")];
        assert_eq!(attribute(&rows), [Ambiguous, Ambiguous]);
    }
}
