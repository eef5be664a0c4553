//! SMA arithmetic shared by quotes, changes and the lifecycle (pricing.md sections 3, 4, 6).
//!
//! Years are counted from the start date S: year k covers `[S + 12(k−1) months, S + 12k
//! months)`. Each year's amount is `round(maintained value at the year's start × rate(k))`, less
//! a rounded 5 % in a 3-year term. Pro-rated amounts (back-pay, co-termed additions) are
//! computed exactly and rounded once.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

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

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn m(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

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

    #[test]
    fn terms_are_one_or_three_years_and_quotes_list_one_to_ten() {
        assert_eq!(TermYears::try_from(3).unwrap().years(), 3);
        assert_eq!(TermYears::try_from(2).unwrap_err().code(), "invalid_term");
        assert_eq!(Years::try_from(10).unwrap().get(), 10);
        assert_eq!(Years::try_from(0).unwrap_err().code(), "invalid_years");
        assert_eq!(Years::try_from(11).unwrap_err().code(), "invalid_years");
    }
}
