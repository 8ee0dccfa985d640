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
pub mod engine;
pub mod error;
pub mod lang;
pub mod ledger;
pub mod official;
pub mod ops;
pub mod render;
pub mod rules;
pub mod settings;
pub mod sponsorship;
pub mod text;
