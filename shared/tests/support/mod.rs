//! Helpers shared by the integration tests: dates, amounts and configurations on the demo
//! price books.
#![allow(dead_code)]

use chrono::{NaiveDate, TimeDelta};
use sma_shared::{Configuration, ConfigurationInput, ModuleInput, Money, PriceBooks, Quantity};

/// A calendar date.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// `date` plus (or minus) a number of days.
pub fn plus(date: NaiveDate, days: i64) -> NaiveDate {
    date + TimeDelta::days(days)
}

/// An amount such as `"2200.00"`.
pub fn money(text: &str) -> Money {
    Money::parse(text).unwrap()
}

/// A configuration validated against the demo book in force on `on`.
pub fn config_on(
    edition: &str,
    cameras: u32,
    modules: &[(&str, u32)],
    on: NaiveDate,
) -> Configuration {
    let input = ConfigurationInput {
        edition: edition.into(),
        cameras: Quantity::new(cameras).unwrap(),
        modules: modules
            .iter()
            .map(|(sku, qty)| ModuleInput {
                sku: (*sku).into(),
                qty: Quantity::new(*qty).unwrap(),
            })
            .collect(),
    };
    Configuration::validate(PriceBooks::demo().book_on(on).unwrap(), &input).unwrap()
}

/// A configuration validated against the 2027 demo book.
pub fn config(edition: &str, cameras: u32, modules: &[(&str, u32)]) -> Configuration {
    config_on(edition, cameras, modules, d(2027, 1, 1))
}
