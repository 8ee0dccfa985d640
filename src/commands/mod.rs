//! One module per command: each parses nothing itself (see `cli`), does its
//! work through `ledger` and `rules`, and returns an exit outcome.

pub mod add;
pub mod check;
pub mod completions;
pub mod diff;
pub mod fetch;
pub mod import;
pub mod init;
pub mod list;
pub mod prospects;
pub mod register;
pub mod remove;
pub mod repair;
pub mod report;
pub mod update;
