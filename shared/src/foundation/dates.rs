//! Calendar arithmetic: month steps with clamping, day counts, strict ISO date parsing.
//!
//! Anniversaries are always counted from the start date S (`S + 12k months`), never by
//! stepping from the previous anniversary, so S = 31 Jan gives 28/29 Feb and then 31 Mar again.

use chrono::{Datelike, Months, NaiveDate};

use crate::foundation::PricingError;

/// `date + months`, keeping the day of month and clamping it to the month's last day
/// (31 Jan + 1 month = 28 or 29 Feb; 29 Feb + 12 months = 28 Feb in a common year).
///
/// Saturates at [`NaiveDate::MAX`] far beyond any real contract.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The k-th anniversary of `start`: `start + 12k months` (k = 0 is `start` itself).
pub fn anniversary(start: NaiveDate, k: u32) -> NaiveDate {
    add_months(start, k.saturating_mul(12))
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// The day before `date`: how a period that ends at an anniversary is shown
/// (the year 2026-03-10 → 2027-03-10 is shown as ending 2027-03-09).
pub fn day_before(date: NaiveDate) -> NaiveDate {
    date.pred_opt().unwrap_or(date)
}

/// `date` plus a number of days, saturating at [`NaiveDate::MAX`].
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// Parses a strict ISO date `YYYY-MM-DD` (four-digit year, two-digit month and day, a real
/// calendar day). Anything else is [`PricingError::InvalidDate`] for `field`.
pub fn parse_date(text: &str, field: &str) -> Result<NaiveDate, PricingError> {
    iso_date(text).ok_or_else(|| PricingError::invalid_date(field, NotADate(text).to_string()))
}

/// The sentence for text that is not a date.
struct NotADate<'a>(&'a str);

impl std::fmt::Display for NotADate<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is not a valid date; use a calendar date as YYYY-MM-DD.",
            self.0
        )
    }
}

/// `text` as a strict ISO date (as [`parse_date`] reads it), `None` when it is not one.
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    match (number(0..4), number(5..7), number(8..10)) {
        (Some(y), Some(m), Some(d)) => i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
        _ => None,
    }
}

/// Formats a date as ISO `YYYY-MM-DD`.
pub fn iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_dates::d;

    #[test]
    fn adding_a_month_to_31_january_clamps_to_the_end_of_february() {
        assert_eq!(add_months(d(2026, 1, 31), 1), d(2026, 2, 28));
        assert_eq!(add_months(d(2028, 1, 31), 1), d(2028, 2, 29));
        assert_eq!(add_months(d(2026, 1, 31), 2), d(2026, 3, 31));
    }

    #[test]
    fn anniversaries_of_29_february_fall_on_28_february_in_common_years() {
        let s = d(2028, 2, 29);
        assert_eq!(anniversary(s, 1), d(2029, 2, 28));
        assert_eq!(anniversary(s, 3), d(2031, 2, 28));
        assert_eq!(anniversary(s, 4), d(2032, 2, 29));
    }

    #[test]
    fn days_between_counts_whole_days_both_ways() {
        assert_eq!(days_between(d(2026, 3, 10), d(2026, 9, 1)), 175);
        assert_eq!(days_between(d(2026, 9, 1), d(2026, 3, 10)), -175);
    }

    #[test]
    fn parse_date_accepts_only_real_iso_dates() {
        assert_eq!(parse_date("2026-03-10", "x").unwrap(), d(2026, 3, 10));
        for bad in [
            "2026-02-30",
            "2026-3-10",
            "10.03.2026",
            "",
            "2026-03-10T00:00",
            "+2026-03-1",
        ] {
            let err = parse_date(bad, "licence_date").unwrap_err();
            assert_eq!(err.code(), "invalid_date", "{bad}");
            assert_eq!(err.field(), Some("licence_date"));
        }
    }

    #[test]
    fn the_day_before_an_anniversary_ends_a_year() {
        assert_eq!(day_before(d(2027, 3, 10)), d(2027, 3, 9));
        assert_eq!(iso(d(2027, 3, 9)), "2027-03-09");
    }
}

/// Serde for dates as `YYYY-MM-DD` through [`parse_date`] and [`iso`] (lighter in Wasm than
/// chrono's general-purpose parser). The answers the app reads take their dates with
/// `deserialize_with` (chrono writes them, the same `YYYY-MM-DD`), so that the portal's Wasm
/// carries no chrono parser.
pub mod serde_iso {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::iso(*date))
    }

    /// `text` as a strict ISO date, else the error `parse_date` words (without building it:
    /// the app reads every date of its answers through here).
    fn read<E: serde::de::Error>(text: &str) -> Result<NaiveDate, E> {
        super::iso_date(text).ok_or_else(|| E::custom(super::NotADate(text)))
    }

    /// Reads `YYYY-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        read(&String::deserialize(d)?)
    }

    /// Reads `YYYY-MM-DD` or `null` (with `#[serde(default)]`, a missing field is `None` too).
    pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| read(&text))
            .transpose()
    }
}
