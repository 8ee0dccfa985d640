//! Ledger files: their columns and dialect, reading rows into
//! [`Sponsorship`](crate::sponsorship::Sponsorship)s, and writing safely.

pub mod archive;
pub mod columns;
pub mod dates;
pub mod dialect;
pub mod edit;
pub mod encoding;
pub mod new_rows;
pub mod read;
pub mod scan;
pub mod write;

pub use columns::{Field, Format};
pub use dialect::Dialect;
pub use read::{LedgerReader, OpenError, ReadOptions, Row};
