//! The SMA's charges beyond its yearly amounts (pricing.md sections 4 and 6): back-pay and the
//! reinstatement fee of a late SMA, and value added during a year, co-termed with it. Amounts
//! pro-rated by days are computed exactly and rounded once.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::dates::days_between;
use crate::foundation::{Explain, Money, Rate};
use crate::pricing::{
    rate_for_year, SmaYear, YearSpan, BACK_PAY_CAP_DAYS, BACK_PAY_DAY_COUNT, BACK_PAY_RATE,
    FEE_MINIMUM_CENTS, FEE_RATE,
};

/// `round(base × rate × days / day_count)`, computed exactly and rounded once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProRata {
    /// The amount the rate applies to.
    pub base: Money,
    /// The yearly rate.
    pub rate: Rate,
    /// The days charged.
    pub days: u32,
    /// The day count of the year (365 for back-pay, 365 or 366 for co-terming).
    pub day_count: u32,
    /// The rounded result.
    pub amount: Money,
}

impl ProRata {
    /// Computes `round(base × rate × days / day_count)` (0.00 when `day_count` is 0).
    pub fn compute(base: Money, rate: Rate, days: u32, day_count: u32) -> ProRata {
        let amount = if day_count == 0 {
            Money::ZERO
        } else {
            let numerator = base.decimal() * rate.as_percent() * Decimal::from(days);
            let denominator = Decimal::ONE_HUNDRED * Decimal::from(day_count);
            Money::round(numerator / denominator)
        };
        ProRata {
            base,
            rate,
            days,
            day_count,
            amount,
        }
    }
}

impl Explain for ProRata {
    /// `2461.00 × 19 % × 175 / 365 = 224.19`.
    fn explain(&self) -> String {
        format!(
            "{} × {} × {} / {} = {}",
            self.base, self.rate, self.days, self.day_count, self.amount
        )
    }
}

/// Back-pay for uncovered days (pricing.md section 4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackPay {
    /// The first uncovered day (the licence date, or the end of lapsed coverage).
    pub uncovered_from: NaiveDate,
    /// The SMA order date (the first covered day again).
    pub order_date: NaiveDate,
    /// All uncovered days, before the cap.
    pub uncovered_days: u32,
    /// The id of the price book in force on the order date.
    pub price_book: String,
    /// `value on the order date × 19 % × min(days, 1095) / 365`.
    pub calc: ProRata,
}

impl BackPay {
    /// Back-pay for the days from `uncovered_from` to `order_date`, on `value` (the
    /// maintained value on the order date, from `price_book`).
    pub fn compute(
        uncovered_from: NaiveDate,
        order_date: NaiveDate,
        value: Money,
        price_book: &str,
    ) -> BackPay {
        let uncovered_days =
            u32::try_from(days_between(uncovered_from, order_date).max(0)).unwrap_or(u32::MAX);
        BackPay {
            uncovered_from,
            order_date,
            uncovered_days,
            price_book: price_book.to_owned(),
            calc: ProRata::compute(
                value,
                Rate::percent(BACK_PAY_RATE),
                uncovered_days.min(BACK_PAY_CAP_DAYS),
                BACK_PAY_DAY_COUNT,
            ),
        }
    }

    /// The amount due.
    pub fn amount(&self) -> Money {
        self.calc.amount
    }

    /// The days charged (at most 1 095).
    pub fn days(&self) -> u32 {
        self.calc.days
    }

    /// Whether the 1 095-day cap applied.
    pub fn capped(&self) -> bool {
        self.uncovered_days > BACK_PAY_CAP_DAYS
    }
}

impl Explain for BackPay {
    /// `2461.00 × 19 % × 175 / 365 = 224.19`, noting the cap when it applied.
    fn explain(&self) -> String {
        if self.capped() {
            format!(
                "{} ({} uncovered days, capped at {})",
                self.calc.explain(),
                self.uncovered_days,
                BACK_PAY_CAP_DAYS
            )
        } else {
            self.calc.explain()
        }
    }
}

/// The reinstatement fee of a late SMA: `max(round(10 % of year 1 as charged), 100.00)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReinstatementFee {
    /// Year 1's amount as charged (after any 3-year discount).
    pub year_one: Money,
    /// The fee rate (10 %).
    pub rate: Rate,
    /// `round(year_one × rate)`.
    pub percentage: Money,
    /// The minimum fee (100.00).
    pub minimum: Money,
    /// The larger of `percentage` and `minimum`.
    pub amount: Money,
}

impl ReinstatementFee {
    /// The fee for a late SMA whose year 1 costs `year_one`.
    pub fn compute(year_one: Money) -> ReinstatementFee {
        let rate = Rate::percent(FEE_RATE);
        let percentage = Money::round(year_one.times_rate(rate));
        let minimum = Money::from_cents(FEE_MINIMUM_CENTS);
        ReinstatementFee {
            year_one,
            rate,
            percentage,
            minimum,
            amount: percentage.max(minimum),
        }
    }
}

impl Explain for ReinstatementFee {
    /// `max(10 % of 467.59 = 46.76, 100.00) = 100.00`.
    fn explain(&self) -> String {
        format!(
            "max({} of {} = {}, {}) = {}",
            self.rate, self.year_one, self.percentage, self.minimum, self.amount
        )
    }
}

/// The extra charges of an SMA bought late (pricing.md section 4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LateCharges {
    /// Back-pay for the uncovered days.
    pub back_pay: BackPay,
    /// The reinstatement fee.
    pub fee: ReinstatementFee,
}

impl LateCharges {
    /// Back-pay from `uncovered_from` to the start of `year_one` (the order date) on year 1's
    /// value, and the fee on year 1's amount.
    pub fn compute(uncovered_from: NaiveDate, year_one: &SmaYear) -> LateCharges {
        LateCharges {
            back_pay: BackPay::compute(
                uncovered_from,
                year_one.start,
                year_one.value,
                &year_one.price_book,
            ),
            fee: ReinstatementFee::compute(year_one.amount),
        }
    }

    /// Back-pay plus fee.
    pub fn total(&self) -> Money {
        self.back_pay.amount() + self.fee.amount
    }
}

/// Added value co-termed with the current SMA year (pricing.md section 6):
/// `round(base × rate(k) × days left / days in year k)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoTerm {
    /// The current SMA year (k sets the rate).
    pub year: YearSpan,
    /// The date of the change.
    pub date: NaiveDate,
    /// The id of the price book the base was priced with.
    pub price_book: String,
    /// `base × rate × days_left / days_in_year`; `days` is the days left, `day_count` the days
    /// of year k.
    pub calc: ProRata,
}

impl CoTerm {
    /// Co-terms `base` (taken as 0 when negative) added on `date` to coverage that started on
    /// `sma_start`. `None` when `date` is before `sma_start`.
    pub fn compute(
        base: Money,
        sma_start: NaiveDate,
        date: NaiveDate,
        price_book: &str,
    ) -> Option<CoTerm> {
        let year = YearSpan::containing(sma_start, date)?;
        let days_left = u32::try_from(days_between(date, year.next_anniversary)).unwrap_or(0);
        Some(CoTerm {
            year,
            date,
            price_book: price_book.to_owned(),
            calc: ProRata::compute(
                base.at_least_zero(),
                rate_for_year(year.index),
                days_left,
                year.days(),
            ),
        })
    }

    /// The amount due.
    pub fn amount(&self) -> Money {
        self.calc.amount
    }
}

impl Explain for CoTerm {
    /// `954.00 × 19 % × 181 / 365 = 89.89`.
    fn explain(&self) -> String {
        self.calc.explain()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_dates::d;

    fn m(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    #[test]
    fn example_b_back_pay_is_224_19_and_the_fee_is_the_minimum() {
        let back_pay = BackPay::compute(d(2026, 3, 10), d(2026, 9, 1), m("2461.00"), "2026");
        assert_eq!(back_pay.explain(), "2461.00 × 19 % × 175 / 365 = 224.19");
        let fee = ReinstatementFee::compute(m("467.59"));
        assert_eq!(
            fee.explain(),
            "max(10 % of 467.59 = 46.76, 100.00) = 100.00"
        );
    }

    #[test]
    fn back_pay_is_capped_at_1095_days() {
        let back_pay = BackPay::compute(d(2026, 1, 1), d(2030, 1, 1), m("1000.00"), "2027");
        assert_eq!(back_pay.uncovered_days, 1461);
        assert_eq!(back_pay.days(), 1095);
        assert_eq!(back_pay.amount(), m("570.00"));
        assert_eq!(
            back_pay.explain(),
            "1000.00 × 19 % × 1095 / 365 = 570.00 (1461 uncovered days, capped at 1095)"
        );
    }

    #[test]
    fn the_fee_is_ten_percent_of_a_large_year_one() {
        assert_eq!(ReinstatementFee::compute(m("2162.03")).amount, m("216.20"));
        assert_eq!(ReinstatementFee::compute(m("1000.05")).amount, m("100.01"));
    }

    #[test]
    fn example_x_co_terms_954_for_181_of_365_days() {
        let co = CoTerm::compute(m("954.00"), d(2026, 3, 10), d(2026, 9, 10), "2026").unwrap();
        assert_eq!(co.explain(), "954.00 × 19 % × 181 / 365 = 89.89");
    }

    #[test]
    fn a_negative_co_termed_base_charges_nothing() {
        let co = CoTerm::compute(m("-50.00"), d(2026, 3, 10), d(2026, 9, 10), "2026").unwrap();
        assert_eq!(co.amount(), Money::ZERO);
    }
}
