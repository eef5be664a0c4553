//! The legacy Maintenance Contract (pricing.md section 9): its terms, annual fee, status on a
//! day, extension window, and the extension order.
//!
//! Terms are 12 months long and always counted from the start L with the month arithmetic of
//! section 3: term k covers `[L + 12(k−1) months, L + 12k months)`, so a contract started on
//! 29 Feb ends its terms on 27/28 Feb and returns to 29 Feb in leap years. The contract never
//! renews by itself: each term is ordered (extended).
//!
//! The end E of the contract is the first day its ordered terms do not cover (an anniversary
//! of L); customers see the day before. The extension window and the grace are counted from E,
//! like the lapse of an SMA in section 5: from E − 90 days to E + 30 days, both included.

use chrono::{Days, NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use super::LegacyNote;
use crate::dates::{anniversary, day_before, iso};
use crate::foundation::{Explain, Money, PricingError, Rate};
use crate::pricing::{is_late, YearSpan, GRACE_DAYS};

/// Percent of the fee basis charged as the annual fee of a Maintenance Contract (and as the
/// pro-rated fee of an expansion).
pub const LEGACY_FEE_RATE: u32 = 20;
/// Days before the end of the ordered terms from which the next term can be ordered. The
/// grace after the end is the SMA's [`GRACE_DAYS`] (30): ordered within it, coverage continues
/// from the end as if never interrupted.
pub const EXTENSION_WINDOW_DAYS: u32 = 90;

/// A legacy Maintenance Contract covering one installation: its start L, its fee basis (the
/// licence value recorded in the contract, frozen: never repriced with later books) and the
/// number of 12-month terms ordered so far, all of them uninterrupted (an extension in the
/// grace continues the contract as if never interrupted; after the grace it ended for good
/// and no longer exists as a contract).
///
/// `fee_basis` is the basis of the terms not ordered yet: an expansion or upgrade raises it
/// "from the next term on", and a term already ordered ahead is topped up to it (see
/// [`LegacyContract::expand`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegacyContract {
    start: NaiveDate,
    fee_basis: Money,
    terms: u32,
}

/// The annual fee of a Maintenance Contract: `round(fee basis × 20 %)`, the same every term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegacyFee {
    /// The fee basis.
    pub basis: Money,
    /// The fee rate (20 %).
    pub rate: Rate,
    /// `round(basis × rate)`.
    pub amount: Money,
}

impl LegacyFee {
    /// The annual fee on `basis`.
    pub fn of(basis: Money) -> LegacyFee {
        let rate = Rate::percent(LEGACY_FEE_RATE);
        LegacyFee {
            basis,
            rate,
            amount: Money::round(basis.times_rate(rate)),
        }
    }
}

impl Explain for LegacyFee {
    /// `20 % of 2200.00 = 440.00`.
    fn explain(&self) -> String {
        format!("{} of {} = {}", self.rate, self.basis, self.amount)
    }
}

/// The state of a Maintenance Contract on a day (api.md `legacy.status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LegacyStatus {
    /// Covered by an ordered term.
    Active,
    /// Within 30 days after the end: not covered, but an extension or a switch continues the
    /// coverage from the end as if never interrupted.
    Grace,
    /// Ended for good: only an SMA bought later (section 4, from the end) is possible.
    Ended,
}

/// When the next term can be ordered: from 90 days before the end to 30 days after it, both
/// days included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExtensionWindow {
    /// The first day (E − 90 days).
    #[serde(deserialize_with = "crate::dates::serde_iso::deserialize")]
    pub from: NaiveDate,
    /// The last day (E + 30 days).
    #[serde(deserialize_with = "crate::dates::serde_iso::deserialize")]
    pub until: NaiveDate,
}

impl ExtensionWindow {
    /// Whether `date` is within the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.until
    }
}

/// The contract as an installation's answer shows it (api.md `"legacy"`), serialized with the
/// API's field names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LegacySummary {
    /// L: the first day of the contract.
    #[serde(deserialize_with = "crate::dates::serde_iso::deserialize")]
    pub start: NaiveDate,
    /// The last covered day (the end of the last term ordered).
    #[serde(deserialize_with = "crate::dates::serde_iso::deserialize")]
    pub term_end: NaiveDate,
    /// The fee basis of the next term.
    pub fee_basis: Money,
    /// The annual fee on it.
    pub annual_fee: Money,
    /// Active, in its grace, or ended.
    pub status: LegacyStatus,
    /// When the next term can be ordered.
    pub extension_window: ExtensionWindow,
}

fn days_before(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

/// `term 9 (2027-06-01 – 2028-05-31)`.
pub(super) fn term_label(term: &YearSpan) -> String {
    format!(
        "term {} ({} – {})",
        term.index,
        iso(term.start),
        iso(term.last_day())
    )
}

impl LegacyContract {
    /// A contract from `start` with `terms` terms ordered (at least 1).
    ///
    /// Errors: `invalid_fee_basis` (field `fee_basis`) unless the fee basis is above 0.00.
    pub fn new(
        start: NaiveDate,
        fee_basis: Money,
        terms: u32,
    ) -> Result<LegacyContract, PricingError> {
        if fee_basis <= Money::ZERO {
            return Err(PricingError::InvalidFeeBasis {
                field: Some("fee_basis".into()),
                given: fee_basis.to_string(),
            });
        }
        Ok(LegacyContract {
            start,
            fee_basis,
            terms: terms.max(1),
        })
    }

    /// The contract from `start` whose ordered terms end on `term_end`, the last covered day
    /// as customers see it (the day before an anniversary of `start`).
    ///
    /// Errors: `invalid_fee_basis` (`fee_basis`); `invalid_date` (`term_end`) when `term_end`
    /// is not the last day of one of the contract's terms, naming the nearest ones.
    pub fn until(
        start: NaiveDate,
        fee_basis: Money,
        term_end: NaiveDate,
    ) -> Result<LegacyContract, PricingError> {
        let span = YearSpan::containing(start, term_end).unwrap_or(YearSpan::of(start, 1));
        if term_end < start || span.last_day() != term_end {
            // The ends around `term_end`: that of the term before the one containing it, and
            // its own.
            let nearest = if span.index > 1 && term_end >= start {
                format!(
                    "{} or {}",
                    iso(day_before(span.start)),
                    iso(span.last_day())
                )
            } else {
                iso(span.last_day())
            };
            return Err(PricingError::invalid_date(
                "term_end",
                format!(
                    "A term of the Maintenance Contract that started on {} ends the day before an anniversary, e.g. {nearest}; {} is not.",
                    iso(start),
                    iso(term_end)
                ),
            ));
        }
        LegacyContract::new(start, fee_basis, span.index)
    }

    /// L: the first day of the contract.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The fee basis of the terms not ordered yet.
    pub fn fee_basis(&self) -> Money {
        self.fee_basis
    }

    /// The number of terms ordered, all uninterrupted from L: also the whole years of legacy
    /// coverage before [`LegacyContract::ends_on`].
    pub fn terms(&self) -> u32 {
        self.terms
    }

    /// Term `k` (k ≥ 1; 0 is taken as 1): `[L + 12(k−1) months, L + 12k months)`.
    pub fn term(&self, k: u32) -> YearSpan {
        YearSpan::of(self.start, k)
    }

    /// E: the first day not covered by the ordered terms (`L + 12 × terms months`).
    pub fn ends_on(&self) -> NaiveDate {
        anniversary(self.start, self.terms)
    }

    /// The last covered day: the day before E.
    pub fn term_end(&self) -> NaiveDate {
        day_before(self.ends_on())
    }

    /// Whether an ordered term covers `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.start <= date && date < self.ends_on()
    }

    /// The ordered term that covers `date`, if any.
    pub fn term_on(&self, date: NaiveDate) -> Option<YearSpan> {
        if self.covers(date) {
            YearSpan::containing(self.start, date)
        } else {
            None
        }
    }

    /// Whether the term after the one covering `date` is already ordered (extended ahead).
    pub fn extended_on(&self, date: NaiveDate) -> bool {
        self.term_on(date)
            .is_some_and(|t| t.next_anniversary < self.ends_on())
    }

    /// The last day of the grace: E + 30 days.
    pub fn grace_until(&self) -> NaiveDate {
        let end = self.ends_on();
        end.checked_add_signed(TimeDelta::days(GRACE_DAYS))
            .unwrap_or(end)
    }

    /// The state on `date`: active before E (a date before L counts as active: the contract
    /// is in place), in its grace up to 30 days after E, ended later.
    pub fn status_on(&self, date: NaiveDate) -> LegacyStatus {
        if date < self.ends_on() {
            LegacyStatus::Active
        } else if is_late(self.ends_on(), date) {
            LegacyStatus::Ended
        } else {
            LegacyStatus::Grace
        }
    }

    /// When the next term can be ordered: `[E − 90 days, E + 30 days]`.
    pub fn extension_window(&self) -> ExtensionWindow {
        ExtensionWindow {
            from: days_before(self.ends_on(), EXTENSION_WINDOW_DAYS),
            until: self.grace_until(),
        }
    }

    /// The annual fee of the next term: `round(fee basis × 20 %)`.
    pub fn annual_fee(&self) -> LegacyFee {
        LegacyFee::of(self.fee_basis)
    }

    /// The contract as the installation endpoints show it on `today`.
    pub fn summary(&self, today: NaiveDate) -> LegacySummary {
        LegacySummary {
            start: self.start,
            term_end: self.term_end(),
            fee_basis: self.fee_basis,
            annual_fee: self.annual_fee().amount,
            status: self.status_on(today),
            extension_window: self.extension_window(),
        }
    }

    /// Orders the next term on `date` (pricing.md section 9): the term starting at E, at the
    /// annual fee. Ordered in the grace, coverage continues from E as if never interrupted.
    ///
    /// Errors: `extension_not_open` before the window opens (also when the next term is
    /// already ordered: the window of the one after opens 90 days before its end);
    /// `legacy_contract_ended` after the grace.
    pub fn extend(&self, date: NaiveDate) -> Result<LegacyExtension, PricingError> {
        self.check_not_ended(date)?;
        let window = self.extension_window();
        if date < window.from {
            return Err(PricingError::ExtensionNotOpen {
                field: None,
                term_end: iso(self.term_end()),
                opens: iso(window.from),
            });
        }
        let after = LegacyContract {
            terms: self.terms + 1,
            ..*self
        };
        Ok(LegacyExtension {
            date,
            term: self.term(self.terms + 1),
            fee: self.annual_fee(),
            continued: date >= self.ends_on(),
            contract: after,
        })
    }

    /// `legacy_contract_ended` when `date` is after the grace.
    pub(super) fn check_not_ended(&self, date: NaiveDate) -> Result<(), PricingError> {
        if self.status_on(date) == LegacyStatus::Ended {
            return Err(PricingError::LegacyContractEnded {
                field: None,
                ended_on: iso(self.term_end()),
                grace_until: iso(self.grace_until()),
            });
        }
        Ok(())
    }

    /// `invalid_date` (field `date`) when `date` is before L; then as
    /// [`LegacyContract::check_not_ended`].
    pub(super) fn check_in_force(&self, date: NaiveDate) -> Result<(), PricingError> {
        if date < self.start {
            return Err(PricingError::invalid_date(
                "date",
                format!(
                    "The Maintenance Contract starts on {}; choose a date from then on.",
                    iso(self.start)
                ),
            ));
        }
        self.check_not_ended(date)
    }

    /// The same contract with another fee basis for the terms not ordered yet.
    pub(super) fn with_fee_basis(&self, fee_basis: Money) -> LegacyContract {
        LegacyContract { fee_basis, ..*self }
    }
}

/// The extension order: the next term at the annual fee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegacyExtension {
    /// The order date.
    pub date: NaiveDate,
    /// The term ordered (it starts at the old end E).
    pub term: YearSpan,
    /// Its fee.
    pub fee: LegacyFee,
    /// Whether it was ordered in the grace (coverage continues from E as if never
    /// interrupted).
    pub continued: bool,
    /// The contract after the order.
    pub contract: LegacyContract,
}

impl LegacyExtension {
    /// The amount due: the annual fee.
    pub fn total_due(&self) -> Money {
        self.fee.amount
    }

    /// The sentences that explain the order.
    pub fn notes(&self) -> Vec<LegacyNote> {
        let mut notes = vec![LegacyNote::Extends {
            from: self.term.start,
            to: self.term.last_day(),
            fee: self.fee.amount,
        }];
        if self.continued {
            notes.push(LegacyNote::ContinuesAfterEnd {
                ended_on: day_before(self.term.start),
            });
        }
        notes
    }
}

impl Explain for LegacyExtension {
    /// `term 9 (2027-06-01 – 2028-05-31): 20 % of 2200.00 = 440.00`.
    fn explain(&self) -> String {
        format!("{}: {}", term_label(&self.term), self.fee.explain())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_dates::d;

    fn l1() -> LegacyContract {
        LegacyContract::until(d(2019, 6, 1), Money::from_cents(220_000), d(2027, 5, 31)).unwrap()
    }

    #[test]
    fn a_term_end_must_be_the_day_before_an_anniversary() {
        let err = LegacyContract::until(d(2019, 6, 1), Money::from_cents(100), d(2027, 6, 1))
            .unwrap_err();
        assert_eq!(err.code(), "invalid_date");
        assert_eq!(err.field(), Some("term_end"));
        assert_eq!(
            err.message(),
            "A term of the Maintenance Contract that started on 2019-06-01 ends the day before an anniversary, e.g. 2027-05-31 or 2028-05-31; 2027-06-01 is not."
        );
        let before = LegacyContract::until(d(2019, 6, 1), Money::from_cents(100), d(2019, 5, 1));
        assert_eq!(
            before.unwrap_err().message(),
            "A term of the Maintenance Contract that started on 2019-06-01 ends the day before an anniversary, e.g. 2020-05-31; 2019-05-01 is not."
        );
    }

    #[test]
    fn a_fee_basis_of_zero_is_refused() {
        let err = LegacyContract::new(d(2019, 6, 1), Money::ZERO, 1).unwrap_err();
        assert_eq!(err.code(), "invalid_fee_basis");
        assert_eq!(err.field(), Some("fee_basis"));
    }

    #[test]
    fn the_summary_has_the_api_shape() {
        let json = serde_json::to_string(&l1().summary(d(2027, 4, 15))).unwrap();
        assert_eq!(
            json,
            r#"{"start":"2019-06-01","term_end":"2027-05-31","fee_basis":"2200.00","annual_fee":"440.00","status":"active","extension_window":{"from":"2027-03-03","until":"2027-07-01"}}"#
        );
    }

    #[test]
    fn ordering_the_next_term_twice_is_refused_until_its_window_opens() {
        let once = l1().extend(d(2027, 4, 15)).unwrap().contract;
        let err = once.extend(d(2027, 4, 16)).unwrap_err();
        assert_eq!(err.code(), "extension_not_open");
        assert_eq!(
            err.message(),
            "The Maintenance Contract runs until 2028-05-31; its extension can be ordered from 2028-03-03."
        );
        assert!(once.extended_on(d(2027, 4, 16)));
        assert!(!once.extended_on(d(2027, 6, 1)));
    }
}
