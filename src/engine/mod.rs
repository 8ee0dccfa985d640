//! The fast path, which knows nothing of the law: splitting CSV text into
//! records, cutting a file into parts read side by side, compact rows keyed
//! by hashes, and merging sorted parts. It counts and compares the keys that
//! `rules` defines, and decides nothing about what they mean.

pub mod collect;
pub mod keys;
pub mod merge;
pub mod parts;
pub mod records;
pub mod registry;
pub mod tally;
