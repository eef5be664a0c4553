//! A running SMA: renewal, cancellation, resumption, lapse and reinstatement
//! (pricing.md section 5).
//!
//! An [`SmaContract`] is uninterrupted coverage from a start date S renewing in terms of 1 or
//! 3 years. Every date is computed from S (`S + 12k months`, clamped), and every function takes
//! the date it is asked about: there is no clock.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::{add_months, anniversary, day_before, iso};
use crate::foundation::{Explain, Money, PricingError};
use crate::pricing::{
    is_late, schedule, Configuration, LateCharges, PriceBooks, SmaYear, TermYears, YearSpan,
};

/// Months before an anniversary by which a cancellation must be received.
pub const CANCELLATION_NOTICE_MONTHS: u32 = 3;

/// Uninterrupted SMA coverage from `start`, renewing automatically in terms of `term` years.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SmaContract {
    start: NaiveDate,
    term: TermYears,
    term_from: u32,
}

/// An anniversary at which a term ends and the SMA renews.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RenewalPoint {
    /// The last year index of the ending term (the renewal starts year `after_year + 1`).
    pub after_year: u32,
    /// The anniversary: the first day of the next term.
    pub date: NaiveDate,
    /// The last day to cancel for this anniversary: `S + (12 × after_year − 3) months`.
    pub cancellation_deadline: NaiveDate,
}

impl SmaContract {
    /// Coverage from `start` whose first term begins with year 1.
    pub fn new(start: NaiveDate, term: TermYears) -> SmaContract {
        SmaContract {
            start,
            term,
            term_from: 1,
        }
    }

    /// Coverage from `start` whose terms of `term` years begin with year `first_year` (e.g. a
    /// 3-year term chosen at a later renewal, or coverage continued after a short lapse).
    pub fn continuing(start: NaiveDate, term: TermYears, first_year: u32) -> SmaContract {
        SmaContract {
            start,
            term,
            term_from: first_year.max(1),
        }
    }

    /// The start S of uninterrupted coverage.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The term.
    pub fn term(&self) -> TermYears {
        self.term
    }

    /// The year index that begins the current sequence of terms.
    pub fn first_year_of_terms(&self) -> u32 {
        self.term_from
    }

    /// The k-th anniversary: `S + 12k months`.
    pub fn anniversary(&self, k: u32) -> NaiveDate {
        anniversary(self.start, k)
    }

    /// The SMA year that contains `date` (year 1 for a date before the start).
    pub fn year_on(&self, date: NaiveDate) -> YearSpan {
        YearSpan::containing(self.start, date).unwrap_or_else(|| YearSpan::of(self.start, 1))
    }

    /// The cancellation deadline of anniversary `k`: `S + (12k − 3) months`, e.g. 28 or 29 Feb
    /// for an anniversary on 31 May.
    pub fn cancellation_deadline(&self, k: u32) -> NaiveDate {
        add_months(
            self.start,
            k.saturating_mul(12)
                .saturating_sub(CANCELLATION_NOTICE_MONTHS),
        )
    }

    /// The renewal point that ends the term containing year `k` (year `k` itself for a
    /// 1-year term; 3, 6, 9… for a 3-year term from year 1).
    pub fn renewal_ending_year(&self, k: u32) -> RenewalPoint {
        let years = self.term.years();
        let offset = k.max(self.term_from) - (self.term_from - 1);
        let after_year = (self.term_from - 1) + offset.div_ceil(years) * years;
        RenewalPoint {
            after_year,
            date: self.anniversary(after_year),
            cancellation_deadline: self.cancellation_deadline(after_year),
        }
    }

    /// The next renewal point after `date`: the end of the term that contains it (for a 3-year
    /// term, the term end, not the next anniversary).
    pub fn next_renewal(&self, date: NaiveDate) -> RenewalPoint {
        self.renewal_ending_year(self.year_on(date).index)
    }

    /// The renewal point that follows `point` (one term later).
    pub fn renewal_after(&self, point: RenewalPoint) -> RenewalPoint {
        self.renewal_ending_year(point.after_year + 1)
    }

    /// What a cancellation received on `received` does: on or before the deadline of the next
    /// renewal point, coverage ends there; later, it ends at the renewal point after that.
    pub fn cancel(&self, received: NaiveDate) -> Cancellation {
        let next = self.next_renewal(received);
        let in_time = received <= next.cancellation_deadline;
        let ends = if in_time {
            next
        } else {
            self.renewal_after(next)
        };
        Cancellation {
            received,
            deadline: next.cancellation_deadline,
            in_time,
            coverage_ends: ends.date,
            last_covered_day: day_before(ends.date),
        }
    }

    /// Prices the term that starts at `point` (each year with the book in force at its start,
    /// with the next years' rates and the 3-year discount when the term is 3 years).
    pub fn renewal_quote(
        &self,
        books: &PriceBooks,
        config: &Configuration,
        point: RenewalPoint,
    ) -> Result<RenewalQuote, PricingError> {
        let years = schedule(
            config,
            books,
            self.start,
            point.after_year + 1,
            self.term.years(),
            self.term,
        )?;
        let total = years.iter().map(|y| y.amount).sum();
        Ok(RenewalQuote {
            renews_on: point.date,
            term: self.term,
            years,
            total,
        })
    }

    /// The state of the SMA on `today` as the installation endpoints show it. `coverage_ends`
    /// is the anniversary at which a cancelled or lapsed SMA ends (its first uncovered day),
    /// `None` while it auto-renews.
    pub fn summary(
        &self,
        books: &PriceBooks,
        config: &Configuration,
        coverage_ends: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<SmaSummary, PricingError> {
        match coverage_ends {
            Some(end) => Ok(self.ending_summary(end, today)),
            None => self.renewing_summary(books, config, self.next_renewal(today), today),
        }
    }

    /// The state on `today` of an SMA whose coverage ends at `end` (its first uncovered day):
    /// cancelled until then, lapsed from then on.
    pub fn ending_summary(&self, end: NaiveDate, today: NaiveDate) -> SmaSummary {
        let lapsed = today >= end;
        let on = if lapsed { day_before(end) } else { today };
        SmaSummary {
            status: if lapsed {
                SmaStatus::Lapsed
            } else {
                SmaStatus::Cancelled
            },
            start: self.start,
            year: self.year_on(on).index,
            term_end: day_before(end),
            auto_renew: false,
            cancellation_deadline: None,
            renewal_price: None,
        }
    }

    /// The state on `today` of an auto-renewing SMA whose next renewal is `next` (the end of
    /// the current term, or later when terms were ordered ahead).
    pub fn renewing_summary(
        &self,
        books: &PriceBooks,
        config: &Configuration,
        next: RenewalPoint,
        today: NaiveDate,
    ) -> Result<SmaSummary, PricingError> {
        let renewal = self.renewal_quote(books, config, next)?;
        Ok(SmaSummary {
            renewal_price: Some(renewal.total),
            ..self.renewing_state(next, today)
        })
    }

    /// [`SmaContract::renewing_summary`] without the renewal price: for an installation whose
    /// configuration no longer prices.
    pub fn renewing_state(&self, next: RenewalPoint, today: NaiveDate) -> SmaSummary {
        SmaSummary {
            status: SmaStatus::Active,
            start: self.start,
            year: self.year_on(today).index,
            term_end: day_before(next.date),
            auto_renew: true,
            cancellation_deadline: Some(next.cancellation_deadline),
            renewal_price: None,
        }
    }
}

/// Whether auto-renew can be switched back on: until coverage ends (before `coverage_ends`,
/// the first uncovered day).
pub fn can_resume(coverage_ends: NaiveDate, date: NaiveDate) -> bool {
    date < coverage_ends
}

/// What switching auto-renew off ([`SmaContract::cancel_auto_renew`]) or back on
/// ([`SmaContract::resume_auto_renew`]) on a given day means for the customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutoRenewChange {
    /// The first uncovered day after a cancellation (what is stored as the coverage end);
    /// after a resumption, the renewal point at which a cancellation made now would end it.
    pub ends_at: NaiveDate,
    /// The last covered day (the day before `ends_at`).
    pub coverage_ends: NaiveDate,
    /// The last day the choice can still be changed: after a cancellation, resuming is possible
    /// until coverage ends; after a resumption, the cancellation deadline for `ends_at`.
    pub decision_deadline: NaiveDate,
}

/// Why auto-renew cannot be switched as asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutoRenewRefusal {
    /// Cancelling an SMA that is already cancelled.
    AlreadyCancelled,
    /// Resuming an SMA that already renews automatically.
    AlreadyActive,
    /// Coverage has ended: nothing to cancel or resume.
    Lapsed,
}

impl SmaContract {
    /// Cancels auto-renew on `today`, the coverage currently ending at `ends` (the first
    /// uncovered day, `None` while auto-renewing): coverage ends as [`SmaContract::cancel`]
    /// says, and resuming stays possible until its last covered day.
    pub fn cancel_auto_renew(
        &self,
        ends: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<AutoRenewChange, AutoRenewRefusal> {
        match ends {
            Some(end) if !can_resume(end, today) => Err(AutoRenewRefusal::Lapsed),
            Some(_) => Err(AutoRenewRefusal::AlreadyCancelled),
            None => {
                let c = self.cancel(today);
                Ok(AutoRenewChange {
                    ends_at: c.coverage_ends,
                    coverage_ends: c.last_covered_day,
                    decision_deadline: c.last_covered_day,
                })
            }
        }
    }

    /// Resumes auto-renew on `today` for coverage ending at `ends` (see
    /// [`SmaContract::cancel_auto_renew`]): allowed until coverage ends. The answer names the
    /// earliest end a new cancellation could still reach and its deadline (the next renewal
    /// point whose deadline has not passed).
    pub fn resume_auto_renew(
        &self,
        ends: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<AutoRenewChange, AutoRenewRefusal> {
        match ends {
            None => Err(AutoRenewRefusal::AlreadyActive),
            Some(end) if !can_resume(end, today) => Err(AutoRenewRefusal::Lapsed),
            Some(_) => {
                let next = self.next_renewal(today);
                let point = if today <= next.cancellation_deadline {
                    next
                } else {
                    self.renewal_after(next)
                };
                Ok(AutoRenewChange {
                    ends_at: point.date,
                    coverage_ends: day_before(point.date),
                    decision_deadline: point.cancellation_deadline,
                })
            }
        }
    }
}

/// The effect of a cancellation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancellation {
    /// When it was received.
    pub received: NaiveDate,
    /// The deadline of the next renewal point.
    pub deadline: NaiveDate,
    /// Whether it was received on or before the deadline.
    pub in_time: bool,
    /// The anniversary at which coverage ends (the first uncovered day).
    pub coverage_ends: NaiveDate,
    /// The last covered day.
    pub last_covered_day: NaiveDate,
}

impl Explain for Cancellation {
    /// E.g. `Received 2027-02-20, on or before the deadline 2027-02-28: coverage ends after
    /// 2027-05-30.`
    fn explain(&self) -> String {
        let when = if self.in_time {
            "on or before"
        } else {
            "after"
        };
        format!(
            "Received {}, {when} the deadline {}: coverage ends after {}.",
            iso(self.received),
            iso(self.deadline),
            iso(self.last_covered_day)
        )
    }
}

/// The price of the next term of a running SMA.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenewalQuote {
    /// The anniversary the term starts on.
    pub renews_on: NaiveDate,
    /// The term.
    pub term: TermYears,
    /// Its years.
    pub years: Vec<SmaYear>,
    /// The sum of their amounts.
    pub total: Money,
}

/// The state of an SMA as `GET /api/installations/{id}` shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SmaStatus {
    /// Covered and auto-renewing.
    Active,
    /// Still covered, but will end (auto-renew off).
    Cancelled,
    /// Coverage has ended.
    Lapsed,
    /// Never had an SMA.
    None,
}

impl SmaStatus {
    /// The code, e.g. `cancelled`.
    pub fn code(self) -> &'static str {
        match self {
            SmaStatus::Active => "active",
            SmaStatus::Cancelled => "cancelled",
            SmaStatus::Lapsed => "lapsed",
            SmaStatus::None => "none",
        }
    }
}

/// The state of a covered SMA on a day, serialized with the API's field names (the API sends it
/// as an `api::InstallationSma`, which has the same form and also says `none`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmaSummary {
    /// Active, cancelled or lapsed.
    pub status: SmaStatus,
    /// The first day of uninterrupted coverage (S).
    pub start: NaiveDate,
    /// The current SMA year index (the last one for a lapsed SMA).
    pub year: u32,
    /// The last covered day (end of the current term, or of the coverage).
    pub term_end: NaiveDate,
    /// Whether it renews automatically.
    pub auto_renew: bool,
    /// The deadline to cancel for the next renewal (while auto-renewing).
    pub cancellation_deadline: Option<NaiveDate>,
    /// The price of the next term (while auto-renewing).
    pub renewal_price: Option<Money>,
}

/// Buying an SMA again after coverage ended (pricing.md section 5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reinstatement {
    /// Whether coverage continues from its end (ordered no more than 30 days after it).
    pub continued: bool,
    /// The contract from now on.
    pub contract: SmaContract,
    /// Back-pay and fee when bought more than 30 days after the end.
    pub late_charges: Option<LateCharges>,
    /// The years of the first term.
    pub first_term: Vec<SmaYear>,
    /// Their sum.
    pub first_term_price: Money,
    /// First term + back-pay + fee.
    pub total_due: Money,
}

/// Quotes buying the SMA of `lapsed` again on `order_date`, its coverage having ended at
/// anniversary `ended_at` (the first uncovered day).
///
/// No more than 30 days after `ended_at`, coverage continues from `ended_at` with the same
/// year index sequence and no fee. Later, it is bought as in pricing.md section 4 with
/// `ended_at` in place of the licence date: starting on the order date at year 1, with back-pay
/// from `ended_at` and the reinstatement fee.
///
/// Errors: `invalid_date` (no field) when `order_date` is before `ended_at`, or `ended_at` is
/// not an anniversary of the lapsed contract.
pub fn reinstate(
    books: &PriceBooks,
    config: &Configuration,
    lapsed: &SmaContract,
    ended_at: NaiveDate,
    order_date: NaiveDate,
    term: TermYears,
) -> Result<Reinstatement, PricingError> {
    if order_date < ended_at {
        return Err(PricingError::InvalidDate {
            field: None,
            message: format!(
                "Coverage runs until {}; renew it instead of reinstating it.",
                iso(day_before(ended_at))
            ),
        });
    }
    if is_late(ended_at, order_date) {
        return restart(books, config, ended_at, order_date, term);
    }
    let year = lapsed.year_on(ended_at);
    if year.start != ended_at || ended_at <= lapsed.start {
        return Err(PricingError::InvalidDate {
            field: None,
            message: format!(
                "{} is not an anniversary of the SMA that started on {}.",
                iso(ended_at),
                iso(lapsed.start)
            ),
        });
    }
    let contract = SmaContract::continuing(lapsed.start, term, year.index);
    let first_term = schedule(config, books, lapsed.start, year.index, term.years(), term)?;
    let first_term_price = first_term.iter().map(|y| y.amount).sum();
    Ok(Reinstatement {
        continued: true,
        contract,
        late_charges: None,
        first_term,
        first_term_price,
        total_due: first_term_price,
    })
}

/// An SMA bought on `order_date` for coverage that ended (or could have started) on
/// `uncovered_from`, more than 30 days earlier (pricing.md section 4): it starts on the order
/// date at year 1, with back-pay from `uncovered_from` and the reinstatement fee. The late
/// branch of [`reinstate`], and the SMA after a legacy Maintenance Contract ended for good.
pub fn restart(
    books: &PriceBooks,
    config: &Configuration,
    uncovered_from: NaiveDate,
    order_date: NaiveDate,
    term: TermYears,
) -> Result<Reinstatement, PricingError> {
    let contract = SmaContract::new(order_date, term);
    let first_term = schedule(config, books, order_date, 1, term.years(), term)?;
    let charges = LateCharges::compute(uncovered_from, &first_term[0]);
    let first_term_price: Money = first_term.iter().map(|y| y.amount).sum();
    Ok(Reinstatement {
        continued: false,
        contract,
        total_due: first_term_price + charges.total(),
        late_charges: Some(charges),
        first_term,
        first_term_price,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_dates::d;

    #[test]
    fn the_deadline_of_a_31_may_anniversary_is_the_end_of_february() {
        let sma = SmaContract::new(d(2026, 5, 31), TermYears::One);
        assert_eq!(sma.cancellation_deadline(1), d(2027, 2, 28));
        assert_eq!(sma.cancellation_deadline(2), d(2028, 2, 29));
    }

    #[test]
    fn a_cancellation_on_the_deadline_ends_at_this_anniversary() {
        let sma = SmaContract::new(d(2026, 5, 31), TermYears::One);
        let c = sma.cancel(d(2027, 2, 28));
        assert!(c.in_time);
        assert_eq!(c.coverage_ends, d(2027, 5, 31));
        assert_eq!(
            c.explain(),
            "Received 2027-02-28, on or before the deadline 2027-02-28: coverage ends after 2027-05-30."
        );
    }

    #[test]
    fn a_cancellation_the_day_after_the_deadline_ends_a_year_later() {
        let sma = SmaContract::new(d(2026, 5, 31), TermYears::One);
        let c = sma.cancel(d(2027, 3, 1));
        assert!(!c.in_time);
        assert_eq!(c.coverage_ends, d(2028, 5, 31));
    }

    #[test]
    fn a_three_year_term_renews_only_at_its_end() {
        let sma = SmaContract::new(d(2026, 11, 15), TermYears::Three);
        let next = sma.next_renewal(d(2027, 1, 1));
        assert_eq!(next.after_year, 3);
        assert_eq!(next.date, d(2029, 11, 15));
        assert_eq!(next.cancellation_deadline, d(2029, 8, 15));
        let late = sma.cancel(d(2029, 8, 16));
        assert_eq!(late.coverage_ends, d(2032, 11, 15));
    }

    #[test]
    fn resuming_is_allowed_until_coverage_ends() {
        assert!(can_resume(d(2027, 5, 31), d(2027, 5, 30)));
        assert!(!can_resume(d(2027, 5, 31), d(2027, 5, 31)));
    }

    #[test]
    fn cancelling_auto_renew_in_time_ends_at_the_next_anniversary_and_can_be_undone_until_then() {
        let sma = SmaContract::new(d(2026, 5, 31), TermYears::One);
        let change = sma.cancel_auto_renew(None, d(2027, 2, 28)).unwrap();
        assert_eq!(change.ends_at, d(2027, 5, 31));
        assert_eq!(change.coverage_ends, d(2027, 5, 30));
        assert_eq!(change.decision_deadline, d(2027, 5, 30));
        let late = sma.cancel_auto_renew(None, d(2027, 3, 1)).unwrap();
        assert_eq!(late.coverage_ends, d(2028, 5, 30));
    }

    #[test]
    fn cancelling_twice_or_after_coverage_ended_is_refused() {
        let sma = SmaContract::new(d(2026, 5, 31), TermYears::One);
        let end = Some(d(2027, 5, 31));
        assert_eq!(
            sma.cancel_auto_renew(end, d(2027, 5, 30)),
            Err(AutoRenewRefusal::AlreadyCancelled)
        );
        assert_eq!(
            sma.cancel_auto_renew(end, d(2027, 5, 31)),
            Err(AutoRenewRefusal::Lapsed)
        );
    }

    #[test]
    fn resuming_names_the_next_deadline_that_has_not_passed() {
        let sma = SmaContract::new(d(2026, 5, 31), TermYears::One);
        let end = Some(d(2027, 5, 31));
        let early = sma.resume_auto_renew(end, d(2027, 1, 10)).unwrap();
        assert_eq!(early.decision_deadline, d(2027, 2, 28));
        assert_eq!(early.coverage_ends, d(2027, 5, 30));
        let late = sma.resume_auto_renew(end, d(2027, 4, 1)).unwrap();
        assert_eq!(late.decision_deadline, d(2028, 2, 29));
        assert_eq!(late.coverage_ends, d(2028, 5, 30));
    }

    #[test]
    fn resuming_an_active_or_ended_sma_is_refused() {
        let sma = SmaContract::new(d(2026, 5, 31), TermYears::One);
        assert_eq!(
            sma.resume_auto_renew(None, d(2027, 1, 10)),
            Err(AutoRenewRefusal::AlreadyActive)
        );
        assert_eq!(
            sma.resume_auto_renew(Some(d(2027, 5, 31)), d(2027, 5, 31)),
            Err(AutoRenewRefusal::Lapsed)
        );
    }
}
