//! The date helper of the crate's unit tests.

use chrono::NaiveDate;

/// The date `y`-`m`-`day`, which the test knows to be valid.
pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
