//! Where the Conseil constitutionnel publishes the sponsorships of each
//! election (RULES.md §4): the address `fetch` downloads when neither the
//! command line nor the `publication_url` setting gives one.

/// A preset's address of the cumulative publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Address {
    pub url: &'static str,
    /// Not yet published there: what trackers expect, until the site opens.
    pub guess: bool,
}

/// The address of the publication of `year`'s election, if known.
pub fn publication_address(year: u16) -> Option<Address> {
    let (url, guess) = match year {
        // The final list, as data.gouv.fr republished it: the Conseil's
        // site of the time is gone.
        2017 => (
            "https://static.data.gouv.fr/resources/parrainages/20170320-103202/parrainagestotal.csv",
            false,
        ),
        // Replaced at each publication; the same list is at
        // `…/parrainagestotal.json`.
        2022 => (
            "https://presidentielle2022.conseil-constitutionnel.fr/telechargement/parrainagestotal.csv",
            false,
        ),
        // The 2022 address with the year changed, as trackers expect it;
        // the site is not open yet.
        2027 => (
            "https://presidentielle2027.conseil-constitutionnel.fr/telechargement/parrainagestotal.csv",
            true,
        ),
        _ => return None,
    };
    Some(Address { url, guess })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_an_address() {
        for year in crate::rules::election::PRESETS {
            assert!(publication_address(year).is_some(), "{year}");
        }
        assert!(publication_address(2027).unwrap().guess);
        assert!(!publication_address(2022).unwrap().guess);
        assert_eq!(publication_address(2031), None);
    }
}
