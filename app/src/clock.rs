//! Today, from the browser's clock (the only place the app reads it), and the price book in
//! force today.

use chrono::NaiveDate;
use sma_shared::{PriceBook, PriceBooks};

/// Today in the browser's clock, as a UTC date.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        i32::try_from(d.get_utc_full_year()).unwrap_or(2026),
        d.get_utc_month() + 1,
        d.get_utc_date(),
    )
    .unwrap_or_default()
}

/// The price book in force today (the demo books, which the Worker prices with too).
pub fn book_today() -> &'static PriceBook {
    PriceBooks::demo().in_force(today())
}
