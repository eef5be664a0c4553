//! The lifecycle of a running SMA (pricing.md sections 5 and 7): renewal prices,
//! cancellation deadlines, resumption, lapse and reinstatement, and download entitlement.

mod support;

use sma_shared::lifecycle::{
    can_resume, entitlement, reinstate, Coverage, CoverageRecord, Entitlement, SmaContract,
    SmaStatus, SmaSummary,
};
use sma_shared::{Configuration, Explain, PriceBooks, TermYears};
use support::{d, money};

fn config(edition: &str, cameras: u32, modules: &[(&str, u32)]) -> Configuration {
    support::config_on(edition, cameras, modules, d(2026, 6, 1))
}

fn example_a() -> Configuration {
    config("probox", 12, &[("client", 1), ("storage", 1)])
}

fn example_c() -> Configuration {
    config(
        "professional",
        40,
        &[("analytics", 10), ("voip", 1), ("archive", 1)],
    )
}

#[test]
fn the_first_renewal_of_example_a_costs_year_twos_457_38() {
    let sma = SmaContract::new(d(2026, 3, 10), TermYears::One);
    let next = sma.next_renewal(d(2026, 9, 1));
    assert_eq!((next.after_year, next.date), (1, d(2027, 3, 10)));
    assert_eq!(next.cancellation_deadline, d(2026, 12, 10));
    let renewal = sma
        .renewal_quote(PriceBooks::demo(), &example_a(), next)
        .unwrap();
    assert_eq!(renewal.years.len(), 1);
    assert_eq!(renewal.years[0].explain(), "18 % of 2541.00 = 457.38");
    assert_eq!(renewal.total, money("457.38"));
}

#[test]
fn a_three_year_sma_renews_for_three_discounted_years_at_the_term_end() {
    let sma = SmaContract::new(d(2026, 11, 15), TermYears::Three);
    let next = sma.next_renewal(d(2029, 1, 1));
    assert_eq!((next.after_year, next.date), (3, d(2029, 11, 15)));
    let renewal = sma
        .renewal_quote(PriceBooks::demo(), &example_c(), next)
        .unwrap();
    let years: Vec<String> = renewal.years.iter().map(Explain::explain).collect();
    assert_eq!(
        years,
        [
            "16 % of 12388.00 = 1982.08 − 5 % (99.10) = 1882.98",
            "15 % of 12388.00 = 1858.20 − 5 % (92.91) = 1765.29",
            "15 % of 12388.00 = 1858.20 − 5 % (92.91) = 1765.29",
        ]
    );
    assert_eq!(renewal.total, money("5413.56"));
}

#[test]
fn cancellation_deadline_of_a_31_may_anniversary_is_28_or_29_february() {
    let sma = SmaContract::new(d(2026, 5, 31), TermYears::One);
    assert_eq!(sma.cancellation_deadline(1), d(2027, 2, 28));
    assert_eq!(sma.cancellation_deadline(2), d(2028, 2, 29));
    assert_eq!(sma.cancellation_deadline(3), d(2029, 2, 28));
}

#[test]
fn a_cancellation_on_the_deadline_ends_coverage_at_this_anniversary() {
    let sma = SmaContract::new(d(2026, 5, 31), TermYears::One);
    let c = sma.cancel(d(2027, 2, 28));
    assert!(c.in_time);
    assert_eq!(c.coverage_ends, d(2027, 5, 31));
    assert_eq!(c.last_covered_day, d(2027, 5, 30));
}

#[test]
fn a_cancellation_after_the_deadline_ends_coverage_at_the_following_anniversary() {
    let sma = SmaContract::new(d(2026, 5, 31), TermYears::One);
    let c = sma.cancel(d(2027, 3, 1));
    assert!(!c.in_time);
    assert_eq!(c.deadline, d(2027, 2, 28));
    assert_eq!(c.coverage_ends, d(2028, 5, 31));
    assert_eq!(
        c.explain(),
        "Received 2027-03-01, after the deadline 2027-02-28: coverage ends after 2028-05-30."
    );
}

#[test]
fn a_cancellation_on_the_anniversary_itself_counts_for_the_next_one() {
    let sma = SmaContract::new(d(2026, 5, 31), TermYears::One);
    let c = sma.cancel(d(2027, 5, 31));
    assert!(c.in_time);
    assert_eq!(c.coverage_ends, d(2028, 5, 31));
}

#[test]
fn a_late_cancellation_of_a_three_year_term_ends_at_the_end_of_the_next_term() {
    let sma = SmaContract::new(d(2026, 11, 15), TermYears::Three);
    let in_time = sma.cancel(d(2029, 8, 15));
    assert_eq!(
        (in_time.in_time, in_time.coverage_ends),
        (true, d(2029, 11, 15))
    );
    let late = sma.cancel(d(2029, 8, 16));
    assert_eq!((late.in_time, late.coverage_ends), (false, d(2032, 11, 15)));
}

#[test]
fn auto_renew_can_be_switched_back_on_until_coverage_ends() {
    let ends = d(2027, 5, 31);
    assert!(can_resume(ends, d(2027, 3, 1)));
    assert!(can_resume(ends, d(2027, 5, 30)));
    assert!(!can_resume(ends, d(2027, 5, 31)));
}

#[test]
fn renewed_on_day_30_after_a_lapse_the_sma_continues_with_year_three_and_no_fee() {
    let lapsed = SmaContract::new(d(2026, 3, 10), TermYears::One);
    let ended = d(2028, 3, 10);
    let r = reinstate(
        PriceBooks::demo(),
        &example_a(),
        &lapsed,
        ended,
        d(2028, 4, 9),
        TermYears::One,
    )
    .unwrap();
    assert!(r.continued);
    assert!(r.late_charges.is_none());
    assert_eq!(r.contract.start(), d(2026, 3, 10));
    assert_eq!(r.first_term[0].year, 3);
    assert_eq!(r.first_term[0].start, ended);
    assert_eq!(r.first_term[0].explain(), "17 % of 2541.00 = 431.97");
    assert_eq!(r.total_due, money("431.97"));
}

#[test]
fn renewed_on_day_31_after_a_lapse_it_is_bought_late_from_year_one() {
    let lapsed = SmaContract::new(d(2026, 3, 10), TermYears::One);
    let ended = d(2028, 3, 10);
    let order = d(2028, 4, 10);
    let r = reinstate(
        PriceBooks::demo(),
        &example_a(),
        &lapsed,
        ended,
        order,
        TermYears::One,
    )
    .unwrap();
    assert!(!r.continued);
    assert_eq!(r.contract.start(), order);
    assert_eq!(r.first_term[0].year, 1);
    assert_eq!(r.first_term[0].explain(), "19 % of 2541.00 = 482.79");
    let charges = r.late_charges.as_ref().unwrap();
    assert_eq!(
        charges.back_pay.explain(),
        "2541.00 × 19 % × 31 / 365 = 41.00"
    );
    assert_eq!(charges.fee.amount, money("100.00"));
    assert_eq!(r.total_due, money("623.79"));
}

#[test]
fn reinstating_while_still_covered_is_refused() {
    let lapsed = SmaContract::new(d(2026, 3, 10), TermYears::One);
    let err = reinstate(
        PriceBooks::demo(),
        &example_a(),
        &lapsed,
        d(2028, 3, 10),
        d(2028, 3, 9),
        TermYears::One,
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_date");
}

#[test]
fn a_continued_three_year_term_renews_three_years_after_it_resumed() {
    let lapsed = SmaContract::new(d(2026, 3, 10), TermYears::One);
    let r = reinstate(
        PriceBooks::demo(),
        &example_a(),
        &lapsed,
        d(2028, 3, 10),
        d(2028, 3, 20),
        TermYears::Three,
    )
    .unwrap();
    let years: Vec<u32> = r.first_term.iter().map(|y| y.year).collect();
    assert_eq!(years, [3, 4, 5]);
    assert_eq!(r.contract.next_renewal(d(2028, 3, 20)).date, d(2031, 3, 10));
}

#[test]
fn an_active_sma_shows_its_year_term_end_deadline_and_renewal_price() {
    let sma = SmaContract::new(d(2026, 3, 10), TermYears::One);
    let s = sma
        .summary(PriceBooks::demo(), &example_a(), None, d(2027, 5, 1))
        .unwrap();
    assert_eq!(s.status, SmaStatus::Active);
    assert_eq!(s.year, 2);
    assert_eq!(s.term_end, d(2028, 3, 9));
    assert!(s.auto_renew);
    assert_eq!(s.cancellation_deadline, Some(d(2027, 12, 10)));
    assert_eq!(s.renewal_price, Some(money("431.97")));
}

#[test]
fn an_sma_whose_configuration_no_longer_prices_shows_its_coverage_without_a_renewal_price() {
    let record = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1);
    let today = d(2026, 11, 28);
    let priced = record
        .summary(PriceBooks::demo(), &example_a(), today)
        .unwrap();
    assert_eq!(
        record.unpriced_summary(today),
        SmaSummary {
            renewal_price: None,
            ..priced
        }
    );
    let (cancelled, _) = record.cancel(today).unwrap();
    assert_eq!(
        cancelled.unpriced_summary(today),
        cancelled
            .summary(PriceBooks::demo(), &example_a(), today)
            .unwrap()
    );
}

#[test]
fn a_cancelled_sma_is_covered_until_its_end_and_then_lapsed() {
    let sma = SmaContract::new(d(2026, 3, 10), TermYears::One);
    let ends = Some(d(2028, 3, 10));
    let cancelled = sma
        .summary(PriceBooks::demo(), &example_a(), ends, d(2028, 3, 9))
        .unwrap();
    assert_eq!(cancelled.status, SmaStatus::Cancelled);
    assert_eq!(cancelled.term_end, d(2028, 3, 9));
    assert!(!cancelled.auto_renew);
    let lapsed = sma
        .summary(PriceBooks::demo(), &example_a(), ends, d(2028, 3, 10))
        .unwrap();
    assert_eq!(lapsed.status, SmaStatus::Lapsed);
    assert_eq!(lapsed.year, 2);
    assert_eq!(serde_json::to_string(&lapsed.status).unwrap(), "\"lapsed\"");
}

#[test]
fn releases_up_to_the_licence_date_or_the_last_covered_day_are_entitled() {
    let licence = d(2026, 3, 10);
    assert_eq!(
        entitlement(d(2026, 3, 10), licence, Coverage::None),
        Entitlement::IncludedWithLicence
    );
    assert!(!entitlement(d(2026, 3, 11), licence, Coverage::None).allowed());
    let coverage = Coverage::ending_at(d(2028, 3, 10));
    assert_eq!(
        entitlement(d(2028, 3, 9), licence, coverage),
        Entitlement::CoveredBySma
    );
    let after = entitlement(d(2028, 3, 10), licence, coverage);
    assert!(!after.allowed());
    assert!(after.message().contains("renew or reinstate the SMA"));
    assert!(entitlement(d(2031, 1, 1), licence, Coverage::Running).allowed());
}

#[test]
fn the_sma_summary_serializes_with_the_installation_field_names() {
    let sma = SmaContract::new(d(2026, 3, 10), TermYears::One);
    let s = sma
        .summary(PriceBooks::demo(), &example_a(), None, d(2027, 5, 1))
        .unwrap();
    assert_eq!(
        serde_json::to_string(&s).unwrap(),
        r#"{"status":"active","start":"2026-03-10","year":2,"term_end":"2028-03-09","auto_renew":true,"cancellation_deadline":"2027-12-10","renewal_price":"431.97"}"#
    );
}

#[test]
fn the_renewal_ending_a_year_is_the_term_end_for_three_year_terms() {
    let sma = SmaContract::new(d(2026, 11, 15), TermYears::Three);
    assert_eq!(sma.renewal_ending_year(1).after_year, 3);
    assert_eq!(sma.renewal_ending_year(4).after_year, 6);
    let yearly = SmaContract::new(d(2026, 11, 15), TermYears::One);
    assert_eq!(yearly.renewal_ending_year(4).date, d(2030, 11, 15));
}
