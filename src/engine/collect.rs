//! What gathers entries during a scan: one collector a part, each sealed
//! in its own thread, then joined in reading order.

use super::registry::{Registry, RowStart};
use super::tally::TallyBuilder;
use crate::sponsorship::Entry;

/// What gathers entries during a scan, one per part, joined at the end.
pub trait Collector: Default + Send {
    /// One good entry, read at `at`, in an official publication or not.
    fn collect(&mut self, entry: &Entry, at: RowStart, official: bool);
    /// The part is read: last work in its own thread.
    fn seal(&mut self) {}
    /// Takes in the collection of the part read after this one.
    fn absorb(&mut self, later: Self);
}

impl Collector for Registry {
    fn collect(&mut self, entry: &Entry, at: RowStart, official: bool) {
        self.record(entry, at, !official);
    }

    fn seal(&mut self) {
        Registry::seal(self);
    }

    fn absorb(&mut self, later: Registry) {
        Registry::absorb(self, later);
    }
}

impl Collector for TallyBuilder {
    fn collect(&mut self, entry: &Entry, at: RowStart, _: bool) {
        self.add_at(entry, at);
    }

    fn seal(&mut self) {
        TallyBuilder::seal(self);
    }

    fn absorb(&mut self, later: TallyBuilder) {
        TallyBuilder::absorb(self, later);
    }
}
