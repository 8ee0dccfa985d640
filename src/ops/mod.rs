//! The workflows shared by the commands that change a ledger: what they do
//! once the command line is read, before anything is printed.

pub mod add;
pub mod check;
pub mod compare;
pub mod diff;
pub mod fetch;
pub mod history;
pub mod import;
pub mod init;
pub mod list;
pub mod prospects;
pub mod reconcile;
pub mod register;
pub mod repair;
pub mod report;
pub mod select;
pub mod update;

#[cfg(test)]
mod tests;
