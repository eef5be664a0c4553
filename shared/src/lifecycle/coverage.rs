//! The SMA coverage of an installation as stored, and what it means on a given day: its
//! summary, the next term not ordered yet, cancelling and resuming auto-renew (pricing.md
//! section 5), and the record after a renewal.

use chrono::NaiveDate;

use super::contract::{
    AutoRenewChange, AutoRenewRefusal, RenewalPoint, SmaContract, SmaStatus, SmaSummary,
};
use crate::dates::day_before;
use crate::foundation::PricingError;
use crate::pricing::{Configuration, PriceBooks, TermYears};

/// The SMA coverage of an installation as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CoverageRecord {
    /// S: the first day of uninterrupted coverage.
    pub start: NaiveDate,
    /// The term the SMA renews in.
    pub term: TermYears,
    /// The year index the current sequence of terms began with (1, or later after a 3-year
    /// term was chosen mid-way or coverage continued after a short lapse).
    pub term_from: u32,
    /// The first anniversary whose term has not been ordered yet (the renewal engine orders
    /// it on that day while auto-renew is on).
    pub renews_on: NaiveDate,
    /// Whether it renews automatically.
    pub auto_renew: bool,
    /// When auto-renew was switched off.
    pub cancelled_on: Option<NaiveDate>,
    /// The first uncovered day, once auto-renew is off.
    pub ends_on: Option<NaiveDate>,
}

impl CoverageRecord {
    /// Coverage starting on `start` in terms of `term` years from year `term_from`, with its
    /// first term ordered.
    pub fn begin(start: NaiveDate, term: TermYears, term_from: u32) -> CoverageRecord {
        let contract = SmaContract::continuing(start, term, term_from);
        let first = contract.renewal_ending_year(term_from);
        CoverageRecord {
            start,
            term,
            term_from: term_from.max(1),
            renews_on: first.date,
            auto_renew: true,
            cancelled_on: None,
            ends_on: None,
        }
    }

    /// The running contract.
    pub fn contract(&self) -> SmaContract {
        SmaContract::continuing(self.start, self.term, self.term_from)
    }

    /// The renewal point at `renews_on`: the next term not ordered yet.
    pub fn next_unordered(&self) -> RenewalPoint {
        let contract = self.contract();
        let year_after = contract.year_on(self.renews_on).index;
        contract.renewal_ending_year(year_after.saturating_sub(1).max(1))
    }

    /// Whether coverage has ended on `today`.
    pub fn lapsed_on(&self, today: NaiveDate) -> bool {
        self.ends_on.is_some_and(|end| today >= end)
    }

    /// The status on `today`: active while it auto-renews, cancelled until its end, lapsed
    /// from its end on (as [`CoverageRecord::summary`] shows it).
    pub fn status_on(&self, today: NaiveDate) -> SmaStatus {
        match self.ends_on {
            None => SmaStatus::Active,
            Some(_) if self.lapsed_on(today) => SmaStatus::Lapsed,
            Some(_) => SmaStatus::Cancelled,
        }
    }

    /// Whether the SMA is active (covered) on `today`, auto-renewing or not.
    pub fn covers(&self, today: NaiveDate) -> bool {
        today >= self.start && !self.lapsed_on(today)
    }

    /// The state on `today` as `GET /api/installations/{id}` shows it; the renewal price is
    /// that of the next term not ordered yet.
    pub fn summary(
        &self,
        books: &PriceBooks,
        config: &Configuration,
        today: NaiveDate,
    ) -> Result<SmaSummary, PricingError> {
        let contract = self.contract();
        match self.ends_on {
            Some(end) => Ok(contract.ending_summary(end, today)),
            None => contract.renewing_summary(books, config, self.upcoming(today), today),
        }
    }

    /// The same state without the renewal price (`None`): for an installation whose
    /// configuration no longer prices, which still shows how its coverage stands.
    pub fn unpriced_summary(&self, today: NaiveDate) -> SmaSummary {
        let contract = self.contract();
        match self.ends_on {
            Some(end) => contract.ending_summary(end, today),
            None => contract.renewing_state(self.upcoming(today), today),
        }
    }

    /// The next renewal point from `today`: the next term not ordered yet, or, when the renewal
    /// engine has not caught up yet, the end of the term containing today.
    pub fn upcoming(&self, today: NaiveDate) -> RenewalPoint {
        let point = self.next_unordered();
        if point.date > today {
            point
        } else {
            self.contract().next_renewal(today)
        }
    }

    /// Switches auto-renew off on `today` (pricing.md section 5). Coverage already ordered
    /// beyond the point the deadline rule gives stays (it was paid for).
    pub fn cancel(
        &self,
        today: NaiveDate,
    ) -> Result<(CoverageRecord, AutoRenewChange), AutoRenewRefusal> {
        let contract = self.contract();
        let mut change = contract.cancel_auto_renew(self.ends_on, today)?;
        let paid = self.next_unordered();
        if paid.date > change.ends_at {
            change = AutoRenewChange {
                ends_at: paid.date,
                coverage_ends: day_before(paid.date),
                decision_deadline: day_before(paid.date),
            };
        }
        let after = CoverageRecord {
            auto_renew: false,
            cancelled_on: Some(today),
            ends_on: Some(change.ends_at),
            ..*self
        };
        Ok((after, change))
    }

    /// Switches auto-renew back on while still covered.
    pub fn resume(
        &self,
        today: NaiveDate,
    ) -> Result<(CoverageRecord, AutoRenewChange), AutoRenewRefusal> {
        let change = self.contract().resume_auto_renew(self.ends_on, today)?;
        let after = CoverageRecord {
            auto_renew: true,
            cancelled_on: None,
            ends_on: None,
            ..*self
        };
        Ok((after, change))
    }

    /// The record after the term at `point` was ordered: `renews_on` moves one term on, and a
    /// cancelled SMA that ended there now ends one term later.
    pub fn after_renewal(&self, point: RenewalPoint) -> CoverageRecord {
        let next = self.contract().renewal_after(point);
        let ends_on = self
            .ends_on
            .map(|end| if end <= point.date { next.date } else { end });
        CoverageRecord {
            renews_on: next.date,
            ends_on,
            ..*self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_dates::d;

    #[test]
    fn cancelling_after_an_early_renewal_keeps_the_paid_term() {
        let c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
        let renewed = c.after_renewal(c.next_unordered());
        let (after, change) = renewed.cancel(d(2026, 5, 1)).unwrap();
        assert_eq!(after.ends_on, Some(d(2028, 3, 10)));
        assert_eq!(change.coverage_ends, d(2028, 3, 9));
    }
}
