//! SMA arithmetic shared by quotes, changes and the lifecycle (pricing.md sections 3, 4, 6).
//!
//! Years are counted from the start date S: year k covers `[S + 12(k−1) months, S + 12k
//! months)`. Each year's amount is `round(maintained value at the year's start × rate(k))`, less
//! a rounded 5 % in a 3-year term. The charges pro-rated by days (back-pay, co-termed additions)
//! and the reinstatement fee are in `charges.rs`.

use std::fmt;

use chrono::NaiveDate;

use crate::dates::{anniversary, day_before, days_between, iso};
use crate::foundation::{Explain, Money, PricingError, Rate};
use crate::pricing::{Configuration, PriceBook, PriceBooks};

/// Days after the licence date (or the end of coverage) within which an SMA counts as bought
/// with the software (or as renewed without interruption).
pub const GRACE_DAYS: i64 = 30;
/// Most uncovered days charged as back-pay.
pub const BACK_PAY_CAP_DAYS: u32 = 1095;
/// Day count of the back-pay formula.
pub const BACK_PAY_DAY_COUNT: u32 = 365;
/// Percent charged as back-pay per year of uncovered time.
pub const BACK_PAY_RATE: u32 = 19;
/// Percent of year 1 charged as the reinstatement fee.
pub const FEE_RATE: u32 = 10;
/// Minimum reinstatement fee in cents (100.00).
pub const FEE_MINIMUM_CENTS: i64 = 10_000;
/// Percent discount on each year of a 3-year term.
pub const THREE_YEAR_DISCOUNT: u32 = 5;

/// The term of an SMA: 1 year (default) or 3 years prepaid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TermYears {
    /// One year, renewing yearly.
    #[default]
    One,
    /// Three years prepaid at a 5 % discount per year, renewing as a 3-year term.
    Three,
}

impl TermYears {
    /// The number of years: 1 or 3.
    pub fn years(self) -> u32 {
        match self {
            TermYears::One => 1,
            TermYears::Three => 3,
        }
    }

    /// The discount on each year's amount: 5 % for a 3-year term.
    pub fn discount(self) -> Option<Rate> {
        match self {
            TermYears::One => None,
            TermYears::Three => Some(Rate::percent(THREE_YEAR_DISCOUNT)),
        }
    }
}

impl TryFrom<i64> for TermYears {
    type Error = PricingError;

    /// `invalid_term` (without a field) unless 1 or 3.
    fn try_from(value: i64) -> Result<TermYears, PricingError> {
        match value {
            1 => Ok(TermYears::One),
            3 => Ok(TermYears::Three),
            other => Err(PricingError::InvalidTerm {
                field: None,
                given: other.to_string(),
            }),
        }
    }
}

/// How many years a quote lists: 1 to 10 (default 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Years(u32);

impl Years {
    /// The default of the quote endpoint: 5 years.
    pub const DEFAULT: Years = Years(5);

    /// The number of years.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for Years {
    fn default() -> Years {
        Years::DEFAULT
    }
}

impl TryFrom<i64> for Years {
    type Error = PricingError;

    /// `invalid_years` (without a field) unless 1 to 10.
    fn try_from(value: i64) -> Result<Years, PricingError> {
        match u32::try_from(value) {
            Ok(v @ 1..=10) => Ok(Years(v)),
            _ => Err(PricingError::InvalidYears {
                field: None,
                given: value.to_string(),
            }),
        }
    }
}

/// The rate of SMA year `k` of uninterrupted coverage: 19, 18, 17, 16, then 15 %.
pub fn rate_for_year(k: u32) -> Rate {
    Rate::percent(match k {
        0 | 1 => 19,
        2 => 18,
        3 => 17,
        4 => 16,
        _ => 15,
    })
}

/// Whether an SMA ordered on `order_date` is late for coverage that could have started on
/// `from` (the licence date, or the end of lapsed coverage): more than 30 days after it.
pub fn is_late(from: NaiveDate, order_date: NaiveDate) -> bool {
    days_between(from, order_date) > GRACE_DAYS
}

/// Year `index` of an SMA that started on `start`: its first day and the next anniversary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearSpan {
    /// The year index k (1 for the first year).
    pub index: u32,
    /// The first day of the year: `start + 12(k−1) months`.
    pub start: NaiveDate,
    /// The anniversary that ends it: `start + 12k months` (the first day not in the year).
    pub next_anniversary: NaiveDate,
}

impl YearSpan {
    /// Year `k` (k ≥ 1; 0 is taken as 1) of coverage starting on `sma_start`.
    pub fn of(sma_start: NaiveDate, k: u32) -> YearSpan {
        let k = k.max(1);
        YearSpan {
            index: k,
            start: anniversary(sma_start, k - 1),
            next_anniversary: anniversary(sma_start, k),
        }
    }

    /// The year after this one (its start is this year's next anniversary).
    pub fn following(&self, sma_start: NaiveDate) -> YearSpan {
        let index = self.index.saturating_add(1);
        YearSpan {
            index,
            start: self.next_anniversary,
            next_anniversary: anniversary(sma_start, index),
        }
    }

    /// The year that contains `date`; `None` when `date` is before `sma_start`.
    pub fn containing(sma_start: NaiveDate, date: NaiveDate) -> Option<YearSpan> {
        if date < sma_start {
            return None;
        }
        let estimate = u32::try_from(days_between(sma_start, date) / 366).unwrap_or(0);
        let mut k = estimate.max(1);
        while anniversary(sma_start, k) <= date {
            k += 1;
        }
        while k > 1 && anniversary(sma_start, k - 1) > date {
            k -= 1;
        }
        Some(YearSpan::of(sma_start, k))
    }

    /// The last day of the year (the day before the next anniversary), as shown to customers.
    pub fn last_day(&self) -> NaiveDate {
        day_before(self.next_anniversary)
    }

    /// The number of days in the year (365 or 366).
    pub fn days(&self) -> u32 {
        u32::try_from(days_between(self.start, self.next_anniversary)).unwrap_or(0)
    }
}

/// One SMA year of a schedule, with everything that explains its amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmaYear {
    /// The year index k of uninterrupted coverage (it sets the rate).
    pub year: u32,
    /// The first day of the year.
    pub start: NaiveDate,
    /// The last day of the year (the day before the next anniversary).
    pub end: NaiveDate,
    /// The id of the price book in force on `start`.
    pub price_book: String,
    /// The maintained value on `start`.
    pub value: Money,
    /// The rate of year k.
    pub rate: Rate,
    /// `round(value × rate)`, before any discount.
    pub gross: Money,
    /// The 3-year term discount rate, if any (5 %).
    pub discount_rate: Option<Rate>,
    /// `round(gross × discount_rate)`, or 0.00.
    pub discount: Money,
    /// What the year costs: `gross − discount`.
    pub amount: Money,
}

impl SmaYear {
    /// Prices year `k` of coverage that started on `sma_start`, with the book in force at the
    /// year's start (pricing.md section 3).
    pub fn price(
        config: &Configuration,
        books: &PriceBooks,
        sma_start: NaiveDate,
        k: u32,
        term: TermYears,
    ) -> Result<SmaYear, PricingError> {
        let span = YearSpan::of(sma_start, k);
        let book = books.book_on(span.start)?;
        Ok(SmaYear::of(span, book.id(), config.total(book)?, term))
    }

    /// Year `span` on the maintained value `value`, priced with the book `price_book`.
    fn of(span: YearSpan, price_book: &str, value: Money, term: TermYears) -> SmaYear {
        let rate = rate_for_year(span.index);
        let gross = Money::round(value.times_rate(rate));
        let discount_rate = term.discount();
        let discount = discount_rate.map_or(Money::ZERO, |d| Money::round(gross.times_rate(d)));
        SmaYear {
            year: span.index,
            start: span.start,
            end: span.last_day(),
            price_book: price_book.to_owned(),
            value,
            rate,
            gross,
            discount_rate,
            discount,
            amount: gross - discount,
        }
    }
}

impl Explain for SmaYear {
    /// `19 % of 2461.00 = 467.59`, or with a discount
    /// `18 % of 12388.00 = 2229.84 − 5 % (111.49) = 2118.35`.
    fn explain(&self) -> String {
        let base = format!("{} of {} = {}", self.rate, self.value, self.gross);
        match self.discount_rate {
            Some(d) => format!("{base} − {d} ({}) = {}", self.discount, self.amount),
            None => base,
        }
    }
}

/// Prices `count` consecutive years from index `first` (0 is taken as 1) of coverage started
/// on `sma_start`, each with the book in force at its start.
pub fn schedule(
    config: &Configuration,
    books: &PriceBooks,
    sma_start: NaiveDate,
    first: u32,
    count: u32,
    term: TermYears,
) -> Result<Vec<SmaYear>, PricingError> {
    schedule_knowing(config, books, None, sma_start, first, count, term)
}

/// [`schedule`], given the configuration's licence total in one book if already known.
pub(crate) fn schedule_knowing<'b>(
    config: &Configuration,
    books: &'b PriceBooks,
    known: Option<(&'b PriceBook, Money)>,
    sma_start: NaiveDate,
    first: u32,
    count: u32,
    term: TermYears,
) -> Result<Vec<SmaYear>, PricingError> {
    let count = first.saturating_add(count) - first;
    let spans = std::iter::successors(Some(YearSpan::of(sma_start, first)), |year| {
        Some(year.following(sma_start))
    });
    let mut years = Vec::with_capacity(count as usize);
    // The maintained value changes only with the book: price the configuration once per book.
    let mut priced = known;
    for span in spans.take(count as usize) {
        let book = books.book_on(span.start)?;
        let value = match priced {
            Some((b, value)) if std::ptr::eq(b, book) => value,
            _ => config.total(book)?,
        };
        priced = Some((book, value));
        years.push(SmaYear::of(span, book.id(), value, term));
    }
    Ok(years)
}

impl fmt::Display for YearSpan {
    /// `year 1 (2026-03-10 – 2027-03-09)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "year {} ({} – {})",
            self.index,
            iso(self.start),
            iso(self.last_day())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_dates::d;

    #[test]
    fn rates_fall_from_19_to_15_percent_and_stay() {
        let rates: Vec<String> = (1..=7).map(|k| rate_for_year(k).to_string()).collect();
        assert_eq!(
            rates,
            ["19 %", "18 %", "17 %", "16 %", "15 %", "15 %", "15 %"]
        );
    }

    #[test]
    fn day_30_is_with_the_software_and_day_31_is_late() {
        let licence = d(2026, 3, 10);
        assert!(!is_late(licence, d(2026, 4, 9)));
        assert!(is_late(licence, d(2026, 4, 10)));
    }

    #[test]
    fn the_year_containing_a_date_counts_from_the_start() {
        let s = d(2026, 3, 10);
        assert_eq!(YearSpan::containing(s, d(2026, 3, 9)), None);
        assert_eq!(YearSpan::containing(s, s).unwrap().index, 1);
        assert_eq!(YearSpan::containing(s, d(2027, 3, 9)).unwrap().index, 1);
        assert_eq!(YearSpan::containing(s, d(2027, 3, 10)).unwrap().index, 2);
        let y2 = YearSpan::containing(s, d(2027, 5, 1)).unwrap();
        assert_eq!(y2.to_string(), "year 2 (2027-03-10 – 2028-03-09)");
        assert_eq!(y2.days(), 366);
        assert_eq!(YearSpan::containing(s, d(2040, 3, 10)).unwrap().index, 15);
    }

    #[test]
    fn terms_are_one_or_three_years_and_quotes_list_one_to_ten() {
        assert_eq!(TermYears::try_from(3).unwrap().years(), 3);
        assert_eq!(TermYears::try_from(2).unwrap_err().code(), "invalid_term");
        assert_eq!(Years::try_from(10).unwrap().get(), 10);
        assert_eq!(Years::try_from(0).unwrap_err().code(), "invalid_years");
        assert_eq!(Years::try_from(11).unwrap_err().code(), "invalid_years");
    }
}
