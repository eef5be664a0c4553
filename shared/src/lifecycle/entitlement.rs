//! Which releases an installation may download (pricing.md section 7).
//!
//! A release is allowed when it came out on or before the licence date, or before the end of
//! the SMA coverage (Keygen's "restrict" strategy). Back-pay of a late SMA pays for the gap, so
//! only the end of coverage matters.

use chrono::NaiveDate;

use super::{CoverageRecord, SmaStatus};
use crate::dates::{day_before, iso};

/// The SMA coverage of an installation, as far as downloads are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// The installation never had an SMA.
    None,
    /// Covered up to and including this day (a cancelled, lapsed or not yet renewed SMA).
    Until(NaiveDate),
    /// Covered and auto-renewing: every release up to today is covered.
    Running,
}

impl Coverage {
    /// Coverage that ends at anniversary `ends` (its first uncovered day).
    pub fn ending_at(ends: NaiveDate) -> Coverage {
        Coverage::Until(day_before(ends))
    }

    /// The coverage of an SMA in `status` whose last covered day is `last_covered`: an active
    /// SMA renews automatically and covers every release; a cancelled or lapsed one covers up
    /// to its last covered day; without an SMA nothing is covered. The one rule for the
    /// Worker's download check (from the stored record, [`Coverage::of_record`]) and the
    /// release page (from the API's view of the SMA).
    pub fn of(status: SmaStatus, last_covered: Option<NaiveDate>) -> Coverage {
        match (status, last_covered) {
            (SmaStatus::Active, _) => Coverage::Running,
            (SmaStatus::None, _) | (_, None) => Coverage::None,
            (SmaStatus::Cancelled | SmaStatus::Lapsed, Some(last)) => Coverage::Until(last),
        }
    }

    /// The coverage on `today` of an installation with the stored `record` (`None` when it
    /// never had an SMA).
    pub fn of_record(record: Option<&CoverageRecord>, today: NaiveDate) -> Coverage {
        match record {
            None => Coverage::of(SmaStatus::None, None),
            Some(r) => Coverage::of(r.status_on(today), r.ends_on.map(day_before)),
        }
    }

    /// The day after which releases need a new SMA: the last covered day, or the licence date
    /// of an installation without an SMA; `None` while the SMA runs.
    pub fn needs_sma_after(self, licence_date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Coverage::Running => None,
            Coverage::Until(last) => Some(last),
            Coverage::None => Some(licence_date),
        }
    }
}

/// Whether a release may be downloaded, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entitlement {
    /// Released on or before the licence date.
    IncludedWithLicence,
    /// Released while the SMA covered the installation.
    CoveredBySma,
    /// Released after coverage ended (or with no SMA): an SMA is needed.
    NeedsSma {
        /// The release date.
        release: NaiveDate,
        /// The last covered day, `None` without any SMA.
        covered_until: Option<NaiveDate>,
    },
}

impl Entitlement {
    /// Whether the download is allowed.
    pub fn allowed(&self) -> bool {
        !matches!(self, Entitlement::NeedsSma { .. })
    }

    /// A sentence for the customer saying why, and what to buy when it is not allowed.
    pub fn message(&self) -> String {
        match self {
            Entitlement::IncludedWithLicence => "This release is included with your licence.".to_owned(),
            Entitlement::CoveredBySma => "This release is covered by your SMA.".to_owned(),
            Entitlement::NeedsSma {
                release,
                covered_until: Some(until),
            } => format!(
                "This release came out on {} after your SMA coverage ended on {}; renew or reinstate the SMA to download it.",
                iso(*release),
                iso(*until)
            ),
            Entitlement::NeedsSma {
                release,
                covered_until: None,
            } => format!(
                "This release came out on {} after your licence date; buy an SMA to download it.",
                iso(*release)
            ),
        }
    }
}

/// The entitlement of an installation licensed on `licence_date` with `coverage` to a release
/// dated `release`.
pub fn entitlement(release: NaiveDate, licence_date: NaiveDate, coverage: Coverage) -> Entitlement {
    if release <= licence_date {
        return Entitlement::IncludedWithLicence;
    }
    match coverage {
        Coverage::Running => Entitlement::CoveredBySma,
        Coverage::Until(last) if release <= last => Entitlement::CoveredBySma,
        Coverage::Until(last) => Entitlement::NeedsSma {
            release,
            covered_until: Some(last),
        },
        Coverage::None => Entitlement::NeedsSma {
            release,
            covered_until: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_dates::d;

    #[test]
    fn a_release_on_the_licence_date_is_included_without_an_sma() {
        let e = entitlement(d(2026, 3, 10), d(2026, 3, 10), Coverage::None);
        assert_eq!(e, Entitlement::IncludedWithLicence);
        assert!(!entitlement(d(2026, 3, 11), d(2026, 3, 10), Coverage::None).allowed());
    }

    #[test]
    fn a_release_on_the_last_covered_day_is_covered_and_the_next_day_is_not() {
        let coverage = Coverage::ending_at(d(2027, 3, 10));
        assert!(entitlement(d(2027, 3, 9), d(2026, 3, 10), coverage).allowed());
        let after = entitlement(d(2027, 3, 10), d(2026, 3, 10), coverage);
        assert!(!after.allowed());
        assert_eq!(
            after.message(),
            "This release came out on 2027-03-10 after your SMA coverage ended on 2027-03-09; renew or reinstate the SMA to download it."
        );
    }

    #[test]
    fn a_running_sma_covers_every_release() {
        assert!(entitlement(d(2030, 1, 1), d(2026, 3, 10), Coverage::Running).allowed());
    }

    #[test]
    fn the_coverage_follows_the_status_of_the_sma() {
        let last = Some(d(2026, 7, 27));
        assert_eq!(
            Coverage::of(SmaStatus::Active, Some(d(2027, 6, 27))),
            Coverage::Running
        );
        assert_eq!(
            Coverage::of(SmaStatus::Cancelled, last),
            Coverage::Until(d(2026, 7, 27))
        );
        assert_eq!(
            Coverage::of(SmaStatus::Lapsed, last),
            Coverage::Until(d(2026, 7, 27))
        );
        assert_eq!(Coverage::of(SmaStatus::Lapsed, None), Coverage::None);
        assert_eq!(Coverage::of(SmaStatus::None, None), Coverage::None);
    }

    #[test]
    fn the_stored_record_gives_the_same_coverage_as_its_status() {
        use crate::pricing::TermYears;
        let running = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
        let today = d(2026, 5, 1);
        assert_eq!(Coverage::of_record(None, today), Coverage::None);
        assert_eq!(
            Coverage::of_record(Some(&running), today),
            Coverage::Running
        );
        let (cancelled, change) = running.cancel(today).unwrap();
        let expected = Coverage::Until(change.coverage_ends);
        assert_eq!(Coverage::of_record(Some(&cancelled), today), expected);
        let later = d(2028, 1, 1);
        assert_eq!(cancelled.status_on(later), SmaStatus::Lapsed);
        assert_eq!(Coverage::of_record(Some(&cancelled), later), expected);
    }

    #[test]
    fn releases_need_an_sma_after_the_coverage_or_after_the_licence_date() {
        let licence = d(2024, 7, 28);
        assert_eq!(Coverage::Running.needs_sma_after(licence), None);
        assert_eq!(
            Coverage::Until(d(2026, 7, 27)).needs_sma_after(licence),
            Some(d(2026, 7, 27))
        );
        assert_eq!(Coverage::None.needs_sma_after(licence), Some(licence));
    }
}
