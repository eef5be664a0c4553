//! Rows as D1 returns them, for the native tests of the store's conversions and of what
//! orders and engine runs write.

use super::installations::InstallationRow;
use super::writes::quote_view;
use chrono::NaiveDate;
use sma_shared::api::OrderQuote;
use sma_shared::orders::{price_sma, Billing};
use sma_shared::{PriceBooks, TermYears};

/// A date written as stored.
pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A ProBox installation of 12 cameras licensed on 2026-03-10, without an SMA.
pub fn row() -> InstallationRow {
    InstallationRow {
        id: "ins_berlin".into(),
        name: "Store Berlin Mitte".into(),
        licence_number: Some("SMA-E2W8-25HH-2".into()),
        edition: "probox".into(),
        cameras: 12,
        modules: r#"[{"sku":"client","qty":1},{"sku":"storage","qty":1}]"#.into(),
        licence_date: "2026-03-10".into(),
        installed_version: Some("6.1.2".into()),
        sma_start: None,
        term_years: None,
        auto_renew: None,
        cancelled_on: None,
        ends_on: None,
        term_from: None,
        renews_on: None,
        reminded_deadline: None,
        lapsed: None,
        customer_id: "cus_demo_retail".into(),
        version: 3,
        initial_value: "2418.00".into(),
        next_event_on: None,
        legacy_start: None,
        legacy_fee_basis: None,
        legacy_terms: None,
        legacy_closed: None,
        legacy_reminded_ends_on: None,
        legacy_reminded_days: None,
    }
}

/// The same with a yearly SMA from the licence date, auto-renewing, as the engine writes it.
pub fn covered() -> InstallationRow {
    InstallationRow {
        sma_start: Some("2026-03-10".into()),
        term_years: Some(1),
        auto_renew: Some(1),
        term_from: Some(1),
        renews_on: Some("2027-03-10".into()),
        lapsed: Some(0),
        ..row()
    }
}

/// L1's installation (pricing.md section 9): a ProBox of 12 cameras, 1 client, 1 storage
/// under a Maintenance Contract since 2019-06-01 with a fee basis of 2200.00, 8 terms ordered
/// (to 2027-05-31), no SMA.
pub fn under_contract() -> InstallationRow {
    InstallationRow {
        licence_date: "2019-06-01".into(),
        initial_value: "2200.00".into(),
        legacy_start: Some("2019-06-01".into()),
        legacy_fee_basis: Some("2200.00".into()),
        legacy_terms: Some(8),
        ..row()
    }
}

/// A German customer without a VAT id (pays German VAT).
pub fn billing() -> Billing {
    Billing {
        name: "Anna's Retail GmbH".into(),
        country: "DE".into(),
        vat_id: None,
    }
}

/// The quote of a yearly SMA for [`row`] on 2026-11-28 as a customer gets it, with a token.
pub fn order_quote() -> OrderQuote {
    let (r, today) = (row(), day("2026-11-28"));
    let st = r.state(today).unwrap();
    let priced = price_sma(PriceBooks::demo(), &st, TermYears::One, today).unwrap();
    OrderQuote {
        quote: quote_view(&r, &priced, &billing(), today).unwrap(),
        quote_token: "q1.x.y".into(),
        quote_expires_at: "2026-11-28T10:45:00Z".into(),
    }
}
