//! The legal rules of the parrainages, in one place.
//!
//! Everything that decides what counts lives here: which mandates may sponsor
//! (`mandate`), where a sponsor is "réputé élu" (`department`), which commune
//! a mayor's circonscription must be (`place`), who is the same official
//! (`identity`) and the same person in a past publication (`history`),
//! which rows of the register may sponsor (`eligibility`), the
//! election calendar (`election`) and the tally against the threshold and
//! the 1/10 cap (`tally`). `check`, `report`, `add`
//! and `import` all call these functions; no command keeps a copy of a rule.

pub mod checks;
pub mod civility;
pub mod department;
pub mod election;
pub mod eligibility;
pub mod fold;
pub mod history;
pub mod identity;
pub mod mandate;
pub mod matching;
pub mod place;
pub mod status;
pub mod tally;

pub use department::Department;
pub use election::Election;
pub use mandate::Mandate;
pub use status::Status;
