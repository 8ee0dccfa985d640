//! `parrainage`: track the sponsorships ("parrainages") of French
//! presidential candidates.
//!
//! Layers: `rules` (the law: mandates, départements, calendar, identity,
//! tally), `ledger` (reading and writing CSV ledgers), `render` (the
//! report's formats), `commands` (one module per command), `cli` (the command line). The binary only parses
//! and dispatches.

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
