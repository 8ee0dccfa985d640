//! `parrainage`: track the sponsorships ("parrainages") of French
//! presidential candidates.
//!
//! The layers, bottom first (ARCHITECTURE.md): `text`, `lang`; `rules` (the
//! law), `sponsorship` (the entry), `message` (messages as values),
//! `diagnostic`, `error`; `engine` (the fast path); `official` (published
//! formats); `ledger` (files); `cli`, `settings`, `output`, `context`;
//! `ops` (workflows: requests in, results out); `render` (every output and
//! every word); `commands` (one thin file each). The binary only parses and
//! hands over to `commands::run`.

pub mod cli;
pub mod commands;
pub mod context;
pub mod diagnostic;
pub(crate) mod engine;
pub mod error;
pub(crate) mod lang;
pub mod ledger;
pub mod message;
pub(crate) mod official;
pub(crate) mod ops;
pub(crate) mod output;
pub(crate) mod render;
pub mod rules;
pub(crate) mod settings;
pub mod sponsorship;
pub(crate) mod text;
