//! `parrainage`: track the sponsorships ("parrainages") of French
//! presidential candidates.
//!
//! The layers, bottom first (ARCHITECTURE.md): `text`, `diagnostic`,
//! `error`, `lang`; `rules` (the law) and `sponsorship` (the entry);
//! `engine` (the fast path); `official` (published formats); `ledger`
//! (campaign files); `cli`, `settings`, `context`; `ops` (workflows);
//! `render` (every output); `commands` (one thin file each). The binary
//! only parses and dispatches.

pub mod cli;
pub mod commands;
pub mod context;
pub mod diagnostic;
pub(crate) mod engine;
pub mod error;
pub(crate) mod lang;
pub mod ledger;
pub(crate) mod official;
pub(crate) mod ops;
pub(crate) mod output;
pub(crate) mod render;
pub mod rules;
pub(crate) mod settings;
pub mod sponsorship;
pub(crate) mod text;
