//! Tests of `price.rs`: the worked examples of pricing.md on stored installations, and the
//! refusals.

use chrono::NaiveDate;

use super::*;
use crate::foundation::Money;
use crate::lifecycle::{CoverageRecord, SmaStatus};
use crate::pricing::{
    Configuration, ConfigurationInput, ExpansionInput, ModuleInput, PriceBooks, Quantity, TermYears,
};

pub(super) use crate::test_dates::d;

pub(super) fn m(text: &str) -> Money {
    Money::parse(text).unwrap()
}

pub(super) fn books() -> &'static PriceBooks {
    PriceBooks::demo()
}

/// Example A's configuration: ProBox, 12 cameras, 1 client, 1 storage.
fn probox(on: NaiveDate) -> Configuration {
    let input = ConfigurationInput {
        edition: "probox".into(),
        cameras: Quantity::new(12).unwrap(),
        modules: vec![
            ModuleInput {
                sku: "client".into(),
                qty: Quantity::new(1).unwrap(),
            },
            ModuleInput {
                sku: "storage".into(),
                qty: Quantity::new(1).unwrap(),
            },
        ],
    };
    Configuration::validate(books().book_on(on).unwrap(), &input).unwrap()
}

fn state(coverage: Option<CoverageRecord>, on: NaiveDate) -> InstallationState {
    InstallationState {
        config: probox(on),
        licence_date: d(2026, 3, 10),
        initial_value: m("2461.00"),
        coverage,
    }
}

/// A 1-year SMA bought on `on` for example A's installation, which has none.
fn buy_without_sma(on: NaiveDate) -> PricedOrder {
    price_sma(books(), &state(None, on), TermYears::One, on).unwrap()
}

#[test]
fn buying_within_30_days_starts_on_the_licence_date_without_charges() {
    let order = buy_without_sma(d(2026, 4, 9));
    assert_eq!(order.net, m("467.59"));
    assert_eq!(order.outcome.term_start, Some(d(2026, 3, 10)));
    assert_eq!(order.outcome.coverage.unwrap().renews_on, d(2027, 3, 10));
}

#[test]
fn buying_late_matches_worked_example_b() {
    let order = buy_without_sma(d(2026, 9, 1));
    let amounts: Vec<Money> = order.lines.iter().map(|l| l.amount).collect();
    assert_eq!(amounts, vec![m("467.59"), m("224.19"), m("100.00")]);
    assert_eq!(order.net, m("791.78"));
    assert_eq!(order.outcome.coverage.unwrap().start, d(2026, 9, 1));
}

#[test]
fn an_active_sma_cannot_be_bought_again() {
    let c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
    let refused = price_sma(
        books(),
        &state(Some(c), d(2026, 9, 1)),
        TermYears::One,
        d(2026, 9, 1),
    );
    assert!(matches!(refused, Err(OrderRefusal::State(_))));
}

#[test]
fn reinstating_on_day_30_continues_and_on_day_31_starts_again_with_charges() {
    let mut c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
    c = c.cancel(d(2026, 4, 1)).unwrap().0;
    assert_eq!(c.ends_on, Some(d(2027, 3, 10)));
    let day30 = d(2027, 4, 9);
    let cont = price_sma(books(), &state(Some(c), day30), TermYears::One, day30).unwrap();
    assert_eq!(cont.lines.len(), 1);
    assert_eq!(cont.lines[0].code, "sma_year_2");
    assert_eq!(cont.net, m("457.38"));
    assert_eq!(cont.outcome.coverage.unwrap().renews_on, d(2028, 3, 10));
    let day31 = d(2027, 4, 10);
    let late = price_sma(books(), &state(Some(c), day31), TermYears::One, day31).unwrap();
    assert_eq!(late.lines.len(), 3);
    assert_eq!(late.lines[0].code, "sma_year_1");
    assert_eq!(late.lines[1].kind, LineKind::BackPay);
    assert_eq!(late.outcome.coverage.unwrap().start, day31);
}

#[test]
fn renewing_now_orders_the_next_term_once() {
    let c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
    let today = d(2026, 12, 1);
    let order = price_renewal(books(), &state(Some(c), today), today).unwrap();
    assert_eq!(order.net, m("457.38"));
    assert_eq!(order.outcome.term_start, Some(d(2027, 3, 10)));
    let after = order.outcome.coverage.unwrap();
    assert_eq!(after.renews_on, d(2028, 3, 10));
    let again = price_renewal(books(), &state(Some(after), today), today);
    assert!(matches!(again, Err(OrderRefusal::State(_))));
    let summary = after.summary(books(), &probox(today), today).unwrap();
    assert_eq!(summary.term_end, d(2028, 3, 9));
    assert_eq!(summary.status, SmaStatus::Active);
}

#[test]
fn renewing_a_cancelled_sma_extends_it_by_a_term_and_keeps_auto_renew_off() {
    let c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1)
        .cancel(d(2026, 5, 1))
        .unwrap()
        .0;
    let today = d(2026, 12, 1);
    let order = price_renewal(books(), &state(Some(c), today), today).unwrap();
    let after = order.outcome.coverage.unwrap();
    assert_eq!(after.ends_on, Some(d(2028, 3, 10)));
    assert!(!after.auto_renew);
}

#[test]
fn expanding_matches_worked_example_x() {
    let c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
    let on = d(2026, 9, 10);
    let mut st = state(Some(c), on);
    st.config = Configuration::validate(
        books().book_on(on).unwrap(),
        &ConfigurationInput {
            edition: "probox".into(),
            cameras: Quantity::new(12).unwrap(),
            modules: vec![ModuleInput {
                sku: "client".into(),
                qty: Quantity::new(1).unwrap(),
            }],
        },
    )
    .unwrap();
    let add = ExpansionInput {
        add_cameras: Quantity::new(6).unwrap(),
        add_modules: vec![ModuleInput {
            sku: "pos".into(),
            qty: Quantity::new(2).unwrap(),
        }],
    };
    let order = price_expansion(books(), &st, &add, on).unwrap();
    assert_eq!(order.net, m("1043.89"));
    assert_eq!(order.lines.last().unwrap().amount, m("89.89"));
    assert_eq!(order.outcome.config.cameras(), 18);
}

/// ProBox (4 cameras included) with 2 cameras, no modules, covered since 2026-03-10.
fn small_probox(on: NaiveDate) -> InstallationState {
    let input = ConfigurationInput {
        edition: "probox".into(),
        cameras: Quantity::new(2).unwrap(),
        modules: Vec::new(),
    };
    InstallationState {
        config: Configuration::validate(books().book_on(on).unwrap(), &input).unwrap(),
        coverage: Some(CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1)),
        ..state(None, on)
    }
}

fn add_cameras(n: u32) -> ExpansionInput {
    ExpansionInput {
        add_cameras: Quantity::new(n).unwrap(),
        add_modules: Vec::new(),
    }
}

#[test]
fn cameras_added_within_those_included_are_recorded_at_no_charge() {
    let on = d(2026, 9, 10);
    let order = price_expansion(books(), &small_probox(on), &add_cameras(2), on).unwrap();
    assert_eq!(order.net, Money::ZERO);
    assert_eq!(order.outcome.config.cameras(), 4);
    // The camera line, and the co-term of its zero value with the running SMA.
    assert_eq!(order.lines.len(), 2, "{:?}", order.lines);
    assert_eq!(order.lines[1].amount, Money::ZERO);
    let line = &order.lines[0];
    assert_eq!(
        (line.kind, line.code.as_str()),
        (LineKind::Licence, "camera")
    );
    assert_eq!(
        (line.qty, line.unit_price, line.amount),
        (Some(2), Some(Money::ZERO), Money::ZERO)
    );
    assert_eq!(
        line.explanation,
        "2 × 0.00 = 0.00 (2 → 4 cameras, within the 4 ProBox includes)"
    );
}

#[test]
fn cameras_added_beyond_those_included_are_charged_for_the_billable_ones_only() {
    let on = d(2026, 9, 10);
    let order = price_expansion(books(), &small_probox(on), &add_cameras(4), on).unwrap();
    assert_eq!(order.outcome.config.cameras(), 6);
    assert_eq!(order.lines[0].qty, Some(2));
    assert_eq!(order.lines[0].amount, m("158.00"));
}

#[test]
fn an_expansion_that_changes_nothing_is_refused_as_empty() {
    let on = d(2026, 9, 10);
    let refused = price_expansion(books(), &small_probox(on), &add_cameras(0), on);
    assert!(
        matches!(refused, Err(OrderRefusal::Empty(_))),
        "{refused:?}"
    );
}

#[test]
fn upgrading_matches_worked_example_e_with_and_without_sma() {
    let on = d(2027, 5, 1);
    let c = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
    let with = price_upgrade(books(), &state(Some(c), on), "enterprise", on).unwrap();
    assert_eq!(with.net, m("8384.94"));
    assert!(with
        .lines
        .iter()
        .any(|l| l.kind == LineKind::Credit && l.amount == m("-2461.00")));
    assert_eq!(with.outcome.config.edition().to_string(), "enterprise");
    let without = price_upgrade(books(), &state(None, on), "enterprise", on).unwrap();
    assert_eq!(without.net, m("9735.00"));
}

#[test]
fn vat_is_added_by_the_customer_country() {
    let order = buy_without_sma(d(2026, 9, 1));
    let de = order.invoiced("DE", Some("DE123"));
    assert_eq!(de.vat, m("150.44"));
    assert_eq!(de.gross, m("942.22"));
    let at = order.invoiced("AT", Some("ATU1"));
    assert_eq!(at.gross, order.net);
    assert!(at.vat_note.is_some());
}
