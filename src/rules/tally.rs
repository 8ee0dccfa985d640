//! The count against the law's thresholds (RULES.md §1).
//!
//! Usable sponsorships are Σ over units of min(count, cap), with the cap a
//! tenth of the threshold (50); a candidate qualifies with at least 500
//! usable sponsorships from at least 30 units. An official listed twice for
//! the same candidate counts once.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::department::{self, Department};
use super::election::Election;
use super::identity::candidate_key;
use super::mandate::Mandate;
use super::status::Status;

const UNITS: usize = department::ALL.len();
const MANDATES: usize = Mandate::ALL.len();

/// Decided claims a forecast needs before it says anything.
pub const FORECAST_MIN_DECIDED: u32 = 20;

/// Counts for one candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateTally {
    spellings: HashMap<String, u32>,
    /// Validated sponsorships per unit, indexed like `department::ALL`.
    pub validated_by_unit: [u32; UNITS],
    /// Live entries (claimed, sent, validated) per unit.
    pub claimed_by_unit: [u32; UNITS],
    /// (validated, claimed) per mandate, indexed like `Mandate::ALL`.
    pub by_mandate: [(u32, u32); MANDATES],
    /// Validated sponsorships per publication date.
    pub by_date: BTreeMap<NaiveDate, u32>,
    /// Live entries (claimed, sent, validated) per day of claim, for those
    /// that have one: the claims over time.
    pub claimed_by_date: BTreeMap<NaiveDate, u32>,
    /// Validated entries with no publication date (only in broken ledgers).
    pub undated: u32,
    /// `claimed` + `sent`.
    pub pending: u32,
    /// `rejected` + `withdrawn` + `lost`.
    pub lost: u32,
    /// Officials who said no.
    pub declined: u32,
    /// Live entries with a claim date: whether the claims can be drawn
    /// over time.
    pub claim_dated: u32,
    /// Entries with a `claimed_on` that are now decided (validated,
    /// rejected, withdrawn or lost), and of those, validated: what the
    /// campaign's claims have turned into so far.
    pub decided_claims: u32,
    pub validated_claims: u32,
}

/// Where the pending claims would lead at the rate claims were validated so far.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Forecast {
    /// Validated ÷ decided, over the entries with a claim date.
    pub rate: f64,
    /// Validated + rate × pending.
    pub expected: f64,
}

impl Default for CandidateTally {
    fn default() -> CandidateTally {
        CandidateTally {
            spellings: HashMap::new(),
            validated_by_unit: [0; UNITS],
            claimed_by_unit: [0; UNITS],
            by_mandate: [(0, 0); MANDATES],
            by_date: BTreeMap::new(),
            claimed_by_date: BTreeMap::new(),
            undated: 0,
            pending: 0,
            lost: 0,
            declined: 0,
            claim_dated: 0,
            decided_claims: 0,
            validated_claims: 0,
        }
    }
}

/// Where a unit stands against the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitCount {
    pub department: &'static Department,
    pub validated: u32,
    pub claimed: u32,
}

/// What a candidate still lacks to qualify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Missing {
    /// Usable sponsorships short of the threshold.
    pub sponsorships: u32,
    /// Units short of the minimum.
    pub departments: u32,
}

impl UnitCount {
    /// Whether this unit already gives all it can towards the threshold:
    /// further sponsors from it do not count.
    pub fn at_cap(&self, election: &Election) -> bool {
        self.validated >= election.max_per_department()
    }
}

impl CandidateTally {
    /// A candidate with no entry yet (a new ledger, or a settings candidate
    /// nobody has sponsored).
    pub fn empty(name: &str) -> CandidateTally {
        let mut tally = CandidateTally::default();
        tally.spellings.insert(name.to_string(), 0);
        tally
    }

    /// The spelling written most often (ties: the first in alphabetical
    /// order, which puts accented capitals after plain ones predictably).
    pub fn name(&self) -> String {
        let mut spellings: Vec<_> = self.spellings.iter().collect();
        spellings.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        spellings
            .first()
            .map(|(name, _)| (*name).clone())
            .unwrap_or_default()
    }

    pub fn validated(&self) -> u32 {
        self.validated_by_unit.iter().sum()
    }

    /// Every live entry: claimed, sent and validated.
    pub fn claimed(&self) -> u32 {
        self.claimed_by_unit.iter().sum()
    }

    /// Validated sponsorships that count under the cap.
    pub fn usable(&self, election: &Election) -> u32 {
        usable(&self.validated_by_unit, election)
    }

    /// Live entries that would count under the cap if all were validated.
    pub fn usable_claimed(&self, election: &Election) -> u32 {
        usable(&self.claimed_by_unit, election)
    }

    /// Units with at least one validated sponsorship.
    pub fn departments(&self) -> u32 {
        self.validated_by_unit.iter().filter(|n| **n > 0).count() as u32
    }

    /// Units with at least one live entry.
    pub fn departments_claimed(&self) -> u32 {
        self.claimed_by_unit.iter().filter(|n| **n > 0).count() as u32
    }

    pub fn qualified(&self, election: &Election) -> bool {
        self.usable(election) >= election.threshold && self.departments() >= election.min_departments
    }

    /// What is missing to qualify; nothing once qualified.
    pub fn missing(&self, election: &Election) -> Missing {
        Missing {
            sponsorships: election.threshold.saturating_sub(self.usable(election)),
            departments: election.min_departments.saturating_sub(self.departments()),
        }
    }

    /// Units that reached the cap (their further sponsors do not count).
    pub fn units_at_cap(&self, election: &Election) -> Vec<UnitCount> {
        self.units().into_iter().filter(|u| u.at_cap(election)).collect()
    }

    /// Usable sponsorships needed per day, from `as_of` to the close, to
    /// reach the threshold. The close day counts (forms may arrive until
    /// 18:00), so the day before the close leaves two days. `None` when the
    /// election has no close date yet, or the window has closed.
    pub fn pace_needed(&self, election: &Election, as_of: NaiveDate) -> Option<f64> {
        let days = days_to_gather(election, as_of)?;
        Some(f64::from(self.missing(election).sponsorships) / days as f64)
    }

    /// Counts one entry (the first row of its official for this
    /// candidate): what each status counts towards (RULES.md §1). `dated`:
    /// a validated entry has its publication date; `claim_dated`: the entry
    /// has a claim date, for the forecast.
    pub fn count(
        &mut self,
        status: Status,
        unit: &Department,
        mandate: Mandate,
        dated: bool,
        claim_dated: bool,
    ) {
        let (unit, mandate) = (unit.index(), mandate.index());
        if status.is_live() {
            self.claimed_by_unit[unit] += 1;
            self.by_mandate[mandate].1 += 1;
            if claim_dated {
                self.claim_dated += 1;
            }
        }
        match status {
            Status::Validated => {
                self.validated_by_unit[unit] += 1;
                self.by_mandate[mandate].0 += 1;
                if !dated {
                    self.undated += 1;
                }
            }
            Status::Claimed | Status::Sent => self.pending += 1,
            Status::Rejected | Status::Withdrawn | Status::Lost => self.lost += 1,
            // An official who said no counts nowhere but here.
            Status::Declined => self.declined += 1,
        }
        if claim_dated {
            match status {
                Status::Validated => {
                    self.validated_claims += 1;
                    self.decided_claims += 1;
                }
                Status::Rejected | Status::Withdrawn | Status::Lost => self.decided_claims += 1,
                Status::Claimed | Status::Sent | Status::Declined => {}
            }
        }
    }

    /// Adds what another range of keys counted for this candidate.
    pub fn add(&mut self, other: &CandidateTally) {
        for (a, b) in self.validated_by_unit.iter_mut().zip(&other.validated_by_unit) {
            *a += b;
        }
        for (a, b) in self.claimed_by_unit.iter_mut().zip(&other.claimed_by_unit) {
            *a += b;
        }
        for (a, b) in self.by_mandate.iter_mut().zip(&other.by_mandate) {
            a.0 += b.0;
            a.1 += b.1;
        }
        self.undated += other.undated;
        self.pending += other.pending;
        self.lost += other.lost;
        self.declined += other.declined;
        self.claim_dated += other.claim_dated;
        self.decided_claims += other.decided_claims;
        self.validated_claims += other.validated_claims;
    }

    /// Notes `count` rows written with this spelling of the name.
    pub(crate) fn add_spelling(&mut self, spelling: String, count: u32) {
        *self.spellings.entry(spelling).or_default() += count;
    }

    /// Whether any row counted for this candidate.
    pub(crate) fn has_rows(&self) -> bool {
        !self.spellings.is_empty()
    }

    /// The forecast at the current rate, once enough claims are decided.
    pub fn forecast(&self) -> Option<Forecast> {
        if self.decided_claims < FORECAST_MIN_DECIDED {
            return None;
        }
        let rate = f64::from(self.validated_claims) / f64::from(self.decided_claims);
        Some(Forecast {
            rate,
            expected: f64::from(self.validated()) + rate * f64::from(self.pending),
        })
    }

    /// Validated sponsorships per day since the window opened (up to the
    /// close). `None` before the opening or when it is not known.
    pub fn pace_so_far(&self, election: &Election, as_of: NaiveDate) -> Option<f64> {
        let opens = election.opens?;
        let end = match election.closes {
            Some(closes) => as_of.min(closes.date()),
            None => as_of,
        };
        let days = (end - opens).num_days() + 1;
        (days > 0).then(|| f64::from(self.validated()) / days as f64)
    }

    /// Every unit with an entry, most validated first (then most claimed,
    /// then code order).
    pub fn units(&self) -> Vec<UnitCount> {
        let mut units: Vec<UnitCount> = department::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| self.claimed_by_unit[*i] > 0 || self.validated_by_unit[*i] > 0)
            .map(|(i, department)| UnitCount {
                department,
                validated: self.validated_by_unit[i],
                claimed: self.claimed_by_unit[i],
            })
            .collect();
        units.sort_by(|a, b| b.validated.cmp(&a.validated).then(b.claimed.cmp(&a.claimed)));
        units
    }

    /// The unit with the most validated sponsorships: the nearest to the cap.
    pub fn nearest_cap(&self) -> Option<UnitCount> {
        self.units().into_iter().find(|u| u.validated > 0)
    }

    /// Validated sponsorships per mandate, with live entries, in table order.
    pub fn mandates(&self) -> Vec<(Mandate, u32, u32)> {
        Mandate::ALL
            .iter()
            .zip(self.by_mandate)
            .filter(|(_, (v, c))| *v > 0 || *c > 0)
            .map(|(m, (v, c))| (*m, v, c))
            .collect()
    }
}

/// Days left to gather sponsorships, today and the close day included;
/// `None` once closed or with no close date.
fn days_to_gather(election: &Election, as_of: NaiveDate) -> Option<i64> {
    let left = election.days_left(as_of)?;
    (left > 0).then_some(left)
}

/// The cumulative count a candidate gathering at a steady pace from the
/// opening would have on `day` to reach the threshold on the close day: the
/// line the publications are compared with. `None` without both dates.
pub fn steady_target(election: &Election, day: NaiveDate) -> Option<u32> {
    let opens = election.opens?;
    let closes = election.closes?.date();
    let window = (closes - opens).num_days() + 1;
    if window <= 0 {
        return None;
    }
    let elapsed = ((day - opens).num_days() + 1).clamp(0, window);
    // Rounded up: a candidate below the line is behind.
    let target = (i64::from(election.threshold) * elapsed + window - 1) / window;
    u32::try_from(target).ok()
}

fn usable(by_unit: &[u32; UNITS], election: &Election) -> u32 {
    let cap = election.max_per_department();
    by_unit.iter().map(|n| (*n).min(cap)).sum()
}

/// Counts for every candidate of a ledger.
#[derive(Debug, Default, PartialEq)]
pub struct Tally {
    candidates: HashMap<String, CandidateTally>,
    /// Rows skipped because the same official was already counted for the
    /// same candidate.
    pub duplicates: u32,
}

impl Tally {
    pub(crate) fn new(candidates: HashMap<String, CandidateTally>, duplicates: u32) -> Tally {
        Tally {
            candidates,
            duplicates,
        }
    }

    /// The candidate whose folded name is that of `name`.
    pub fn candidate(&self, name: &str) -> Option<&CandidateTally> {
        self.candidates.get(&candidate_key(name))
    }

    /// Every candidate, most validated first, then by name (folded, so
    /// that "MÉNARD" sorts among the M's, not after "Z").
    pub fn ranking(&self) -> Vec<&CandidateTally> {
        let mut all: Vec<_> = self.candidates.iter().collect();
        all.sort_by_cached_key(|(key, t)| {
            (
                std::cmp::Reverse(t.validated()),
                std::cmp::Reverse(t.claimed()),
                (*key).clone(),
            )
        });
        all.into_iter().map(|(_, t)| t).collect()
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.candidates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tally::{TallyBuilder, tally_of};
    use crate::rules::Department;
    use crate::sponsorship::Sponsorship;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A validated mayor of commune `n` in `unit`, published on 1 February.
    fn mayor(candidate: &str, unit: &str, n: u32) -> Sponsorship {
        Sponsorship {
            status: Status::Validated,
            candidate: candidate.into(),
            civility: None,
            last_name: format!("MAIRE{n}"),
            first_name: "Jean".into(),
            mandate: Mandate::Mayor,
            circonscription: format!("Commune {n}"),
            department: Department::lookup(unit).unwrap(),
            claimed_on: None,
            published_on: Some(day(2022, 2, 1)),
            source: String::new(),
            notes: String::new(),
        }
    }

    /// A tally of `per_unit[i]` validated mayors in the i-th metropolitan unit.
    fn tally(per_unit: &[u32]) -> Tally {
        let mut entries = Vec::new();
        let mut n = 0;
        for (unit, count) in department::ALL.iter().zip(per_unit) {
            for _ in 0..*count {
                n += 1;
                entries.push(mayor("MARTIN Claire", unit.code, n));
            }
        }
        tally_of(&entries)
    }

    fn martin(tally: &Tally) -> &CandidateTally {
        tally.candidate("martin claire").unwrap()
    }

    #[test]
    fn cap_at_49_50_51_in_one_unit() {
        let election = Election::default();
        for (count, usable, at_cap) in [(49, 49, false), (50, 50, true), (51, 50, true)] {
            let tally = tally(&[count]);
            let candidate = martin(&tally);
            assert_eq!(candidate.validated(), count);
            assert_eq!(candidate.usable(&election), usable, "{count} in one unit");
            assert_eq!(
                candidate.units_at_cap(&election).len(),
                usize::from(at_cap),
                "{count}"
            );
            assert_eq!(candidate.nearest_cap().map(|u| u.validated), Some(count));
        }
    }

    #[test]
    fn departments_29_and_30() {
        let election = Election::default();
        // 29 units of 20: 580 usable, one unit short.
        let short = tally(&[20; 29]);
        let candidate = martin(&short);
        assert_eq!(candidate.departments(), 29);
        assert!(!candidate.qualified(&election));
        assert_eq!(
            candidate.missing(&election),
            Missing {
                sponsorships: 0,
                departments: 1
            }
        );
        let enough = tally(&[20; 30]);
        assert_eq!(martin(&enough).departments(), 30);
        assert!(martin(&enough).qualified(&election));
        assert_eq!(martin(&enough).missing(&election), Missing::default());
    }

    #[test]
    fn usable_499_and_500() {
        let election = Election::default();
        // Nine units over the cap (60 each, 50 usable), one varying unit and
        // twenty units of one: the full units stay at 50 whatever they hold.
        let mut counts = vec![60; 9];
        counts.push(49);
        counts.extend([1; 20]);
        let short = tally(&counts);
        assert_eq!(martin(&short).usable(&election), 9 * 50 + 49 + 20);
        counts[9] = 29;
        let short = tally(&counts);
        assert_eq!(martin(&short).usable(&election), 499);
        assert!(!martin(&short).qualified(&election));
        assert_eq!(martin(&short).missing(&election).sponsorships, 1);
        counts[9] = 30;
        let enough = tally(&counts);
        assert_eq!(martin(&enough).usable(&election), 500);
        assert!(martin(&enough).qualified(&election));
    }

    #[test]
    fn counting_on_several_threads_gives_the_count_of_one() {
        // Enough rows for several key ranges, read in two parts, with
        // repeats inside a part and across parts, and statuses and
        // spellings whose first reading decides the count.
        let mut parts = [TallyBuilder::default(), TallyBuilder::default()];
        for n in 0..300_000u32 {
            let candidate = ["DUPONT Jean", "DUPONT  Jean", "MARTIN Claire"][(n % 3) as usize];
            let mut entry = mayor(candidate, ["01", "2A", "971"][(n % 7 % 3) as usize], n % 120_000);
            entry.status = [Status::Validated, Status::Claimed, Status::Withdrawn][(n % 5 % 3) as usize];
            entry.published_on = (entry.status == Status::Validated).then(|| day(2022, 2, 1 + n % 20));
            entry.claimed_on = (n % 4 != 0).then(|| day(2022, 1, 1 + n % 11));
            parts[(n / 150_000) as usize].add(&entry);
        }
        let tally = |threads| {
            let [mut first, mut second] = parts.clone();
            first.seal();
            second.seal();
            first.absorb(second);
            first.finish(threads)
        };
        let one = tally(1);
        assert!(one.duplicates > 0);
        let claims = |t: &Tally| -> u32 { t.ranking().iter().flat_map(|c| c.claimed_by_date.values()).sum() };
        let dated: u32 = one.ranking().iter().map(|c| c.claim_dated).sum();
        assert!(dated > 0);
        assert_eq!(claims(&one), dated, "every live entry with a claim date, once");
        for threads in [2, 3, 8] {
            assert_eq!(tally(threads), one, "{threads} threads");
        }
    }

    #[test]
    fn same_official_twice_counts_once_across_spellings() {
        let tally = tally_of(&[
            mayor("BÉKAERT Corinne", "02", 1),
            mayor("BEKAERT  Corinne", "02", 1),
            mayor("BEKAERT Corinne", "02", 2),
        ]);
        assert_eq!(tally.len(), 1);
        assert_eq!(tally.duplicates, 1);
        assert_eq!(tally.candidate("bekaert corinne").unwrap().validated(), 2);
    }

    /// Forecast: validated ÷ decided over the entries with a claim date,
    /// applied to the pending ones; nothing before 20 are decided.
    #[test]
    fn forecast_at_the_current_rate() {
        let entry = |status: Status, claimed: bool, n: usize| -> Vec<Sponsorship> {
            (0..n)
                .map(|i| {
                    let mut s = mayor("MARTIN Claire", "02", 1);
                    s.last_name = format!("{status}{claimed}{i}");
                    s.status = status;
                    s.claimed_on = claimed.then(|| day(2022, 1, 5));
                    s
                })
                .collect()
        };
        let mut rows = Vec::new();
        rows.extend(entry(Status::Validated, true, 15));
        rows.extend(entry(Status::Rejected, true, 2));
        rows.extend(entry(Status::Withdrawn, true, 1));
        rows.extend(entry(Status::Lost, true, 1));
        // Without a claim date, a validated entry counts in the forecast's
        // base but not in its rate; a declined one in neither.
        rows.extend(entry(Status::Validated, false, 5));
        rows.extend(entry(Status::Declined, true, 3));
        rows.extend(entry(Status::Claimed, true, 10));
        rows.extend(entry(Status::Sent, false, 10));
        let tally = tally_of(&rows);
        let candidate = martin(&tally);
        // 19 decided: not yet.
        assert_eq!(candidate.forecast(), None);
        rows.extend(entry(Status::Rejected, true, 1).into_iter().map(|mut s| {
            s.last_name.push('x');
            s
        }));
        let tally = tally_of(&rows);
        let forecast = martin(&tally).forecast().expect("20 decided");
        assert!((forecast.rate - 15.0 / 20.0).abs() < 1e-12);
        assert!(
            (forecast.expected - (20.0 + 0.75 * 20.0)).abs() < 1e-9,
            "{forecast:?}"
        );
    }

    #[test]
    fn pace_around_the_close() {
        let election = Election::default(); // closes 2022-03-04 18:00
        let tally = tally(&[10; 10]); // 100 usable, 400 missing
        let candidate = martin(&tally);
        // The day before the close leaves that day and the close day: the
        // days left and the pace agree.
        assert_eq!(election.days_left(day(2022, 3, 3)), Some(2));
        assert_eq!(candidate.pace_needed(&election, day(2022, 3, 3)), Some(200.0));
        assert_eq!(candidate.pace_needed(&election, day(2022, 3, 4)), Some(400.0));
        assert_eq!(candidate.pace_needed(&election, day(2022, 3, 5)), None);
        // 100 validated over the 7 days from 27 January to 2 February.
        let so_far = candidate.pace_so_far(&election, day(2022, 2, 2)).unwrap();
        assert!((so_far - 100.0 / 7.0).abs() < 1e-9, "{so_far}");
        assert_eq!(candidate.pace_so_far(&election, day(2022, 1, 26)), None);
    }

    #[test]
    fn pace_without_a_close_date() {
        let mut election = Election::preset(2027).unwrap();
        election.closes = None;
        let tally = tally(&[1]);
        assert_eq!(martin(&tally).pace_needed(&election, day(2027, 1, 1)), None);
        assert_eq!(martin(&tally).pace_so_far(&election, day(2027, 1, 1)), None);
        assert_eq!(steady_target(&election, day(2027, 1, 1)), None);
    }

    #[test]
    fn steady_target_runs_from_zero_to_the_threshold() {
        let election = Election::default(); // 37 days, 27 January to 4 March
        assert_eq!(steady_target(&election, day(2022, 1, 26)), Some(0));
        assert_eq!(steady_target(&election, day(2022, 1, 27)), Some(14));
        assert_eq!(steady_target(&election, day(2022, 3, 4)), Some(500));
        assert_eq!(steady_target(&election, day(2022, 3, 7)), Some(500));
    }

    #[test]
    fn ranking_is_most_validated_first_then_name() {
        let mut tally = TallyBuilder::default();
        for n in 0..3 {
            tally.add(&mayor("ZOLA Émile", "02", n));
        }
        tally.add(&mayor("ARNAUD Paul", "02", 10));
        tally.add(&mayor("ÉTIENNE Léa", "02", 11));
        tally.add(&mayor("FAURE Luc", "02", 12));
        tally.seal();
        let tally = tally.finish(1);
        let names: Vec<String> = tally.ranking().iter().map(|t| t.name()).collect();
        assert_eq!(names, ["ZOLA Émile", "ARNAUD Paul", "ÉTIENNE Léa", "FAURE Luc"]);
    }

    #[test]
    fn an_empty_candidate_has_its_name_and_nothing_else() {
        let candidate = CandidateTally::empty("MARTIN Claire");
        assert_eq!(candidate.name(), "MARTIN Claire");
        assert_eq!(candidate.validated(), 0);
        assert_eq!(candidate.missing(&Election::default()).sponsorships, 500);
    }
}
