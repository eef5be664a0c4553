//! Property tests of the legacy Maintenance Contracts (pricing.md section 9), on the demo price
//! books: a switch never costs back-pay or a fee and never breaks coverage, an extension keeps
//! the fee, the pro-rata stays between nothing and the full term's 20 %, the window and the
//! status agree, and the reminders go out once each.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use sma_shared::lifecycle::{
    decide_legacy, LegacyAction, LegacyContract, LegacyEngineState, LegacyFee, LegacyProRata,
    LegacyStatus, LEGACY_FEE_RATE, LEGACY_REMINDER_DAYS,
};
use sma_shared::pricing::{ExpansionInput, GRACE_DAYS};
use sma_shared::{Configuration, Money, PriceBooks, Quantity, Rate, TermYears};
use support::{config, d, plus};

const CASES: u32 = 1000;

fn configs() -> Vec<Configuration> {
    vec![
        config("probox", 12, &[("client", 1), ("storage", 1)]),
        config("professional", 40, &[("analytics", 10), ("voip", 1)]),
        config("enterprise", 100, &[("pos", 5)]),
    ]
}

/// A start from 2012 to 2025 (every tenth case on a 29 February), a fee basis, and enough
/// terms that the end falls in 2028 or later (a year before it is priced with a book).
fn arb_contract() -> impl Strategy<Value = LegacyContract> {
    let start = prop_oneof![
        9 => (0i64..5113).prop_map(|n| plus(d(2012, 1, 1), n)),
        1 => prop::sample::select(vec![d(2012, 2, 29), d(2016, 2, 29), d(2020, 2, 29), d(2024, 2, 29)]),
    ];
    (start, 1i64..50_000_000, 0u32..4).prop_map(|(start, cents, extra)| {
        let needed = u32::try_from(2026 - start.year()).unwrap() + 2;
        LegacyContract::new(start, Money::from_cents(cents), needed + extra).unwrap()
    })
}

/// A contract, a day from one year before its end to the last day of its grace (never before
/// its start), and a configuration.
fn arb_switch() -> impl Strategy<Value = (LegacyContract, NaiveDate, usize, bool)> {
    (
        arb_contract(),
        -366i64..=GRACE_DAYS,
        0..configs().len(),
        any::<bool>(),
    )
        .prop_map(|(c, offset, i, three)| (c, plus(c.ends_on(), offset).max(c.start()), i, three))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn a_switch_never_costs_back_pay_or_a_fee((c, date, i, three) in arb_switch()) {
        let term = if three { TermYears::Three } else { TermYears::One };
        let switch = c.switch_to_sma(PriceBooks::demo(), &configs()[i], date, term).unwrap();
        prop_assert!(switch.sma.late_charges.is_none());
        prop_assert!(switch.sma.continued);
        let years: Money = switch.sma.first_term.iter().map(|y| y.amount).sum();
        prop_assert_eq!(switch.total_due(), years);
        prop_assert_eq!(switch.sma.first_term.len(), usize::try_from(term.years()).unwrap());
    }

    #[test]
    fn a_switch_on_time_never_breaks_continuous_coverage((c, date, i, _) in arb_switch()) {
        let switch = c.switch_to_sma(PriceBooks::demo(), &configs()[i], date, TermYears::One).unwrap();
        let first = &switch.sma.first_term[0];
        // The SMA's first day is the contract's end: the day after its last covered day.
        prop_assert_eq!(first.start, c.ends_on());
        prop_assert_eq!(plus(c.term_end(), 1), first.start);
        prop_assert!(c.covers(c.term_end()) && !c.covers(first.start));
        prop_assert!(switch.coverage().covers(first.start));
        // Its year index continues the contract's whole years.
        prop_assert_eq!(first.year, c.terms() + 1);
        prop_assert_eq!(switch.coverage().contract().year_on(first.start).index, c.terms() + 1);
    }

    #[test]
    fn extending_keeps_the_annual_fee_and_the_terms_contiguous(
        c in arb_contract(),
        offsets in prop::collection::vec(-90i64..=GRACE_DAYS, 1..8),
    ) {
        let fee = Money::round(c.fee_basis().times_rate(Rate::percent(LEGACY_FEE_RATE)));
        let mut current = c;
        for offset in offsets {
            let ext = current.extend(plus(current.ends_on(), offset)).unwrap();
            prop_assert_eq!(ext.fee.amount, fee);
            prop_assert_eq!(ext.term.start, current.ends_on());
            prop_assert_eq!(ext.contract.terms(), current.terms() + 1);
            prop_assert_eq!(ext.contract.start(), c.start());
            current = ext.contract;
        }
        prop_assert_eq!(current.annual_fee().amount, fee);
    }

    #[test]
    fn the_pro_rata_is_never_negative_nor_more_than_the_full_terms_20_percent(
        c in arb_contract(),
        cents in -1_000_000i64..1_000_000_000,
        k_back in 0u32..3,
        day in 0i64..400,
    ) {
        let term = c.term(c.terms().saturating_sub(k_back).max(1));
        let date = plus(term.start, day % i64::from(term.days()));
        let price = Money::from_cents(cents);
        let p = LegacyProRata::compute(price, term, date);
        prop_assert!(!p.amount().is_negative());
        prop_assert!(p.amount() <= LegacyFee::of(price.at_least_zero()).amount);
        prop_assert!(p.calc.days >= 1 && p.calc.days <= p.calc.day_count);
    }

    #[test]
    fn an_expansion_raises_the_basis_by_its_licence_price_and_its_pro_rata_stays_bounded(
        (c, date, i, _) in arb_switch(),
        cameras in 0u32..8,
    ) {
        let add = ExpansionInput { add_cameras: Quantity::new(cameras).unwrap(), add_modules: vec![] };
        let exp = c.expand(PriceBooks::demo(), &configs()[i], &add, date).unwrap();
        prop_assert_eq!(exp.contract.fee_basis(), c.fee_basis() + exp.quote.licence_price);
        let full = LegacyFee::of(exp.quote.licence_price).amount;
        let part = exp.pro_rata.as_ref().map_or(Money::ZERO, LegacyProRata::amount);
        prop_assert!(!part.is_negative() && part <= full);
        prop_assert_eq!(exp.pro_rata.is_some(), c.covers(date));
    }

    #[test]
    fn the_window_and_the_status_agree_with_what_can_be_ordered(c in arb_contract(), offset in -200i64..200) {
        let date = plus(c.ends_on(), offset).max(c.start());
        let status = c.status_on(date);
        prop_assert_eq!(c.extend(date).is_ok(), c.extension_window().contains(date));
        let switchable = c.switch_to_sma(PriceBooks::demo(), &configs()[0], date, TermYears::One).is_ok();
        prop_assert_eq!(switchable, status != LegacyStatus::Ended);
        let late = c.sma_after_end(PriceBooks::demo(), &configs()[0], date, TermYears::One).is_ok();
        prop_assert_eq!(late, status == LegacyStatus::Ended);
        prop_assert_eq!(status == LegacyStatus::Active, c.covers(date));
    }

    #[test]
    fn each_reminder_goes_out_once_on_its_day_and_the_end_once_after_the_grace(
        c in arb_contract(),
        runs in 1usize..4,
    ) {
        let mut state = LegacyEngineState { contract: c, closed: false, reminded: None };
        let mut log = Vec::new();
        let mut day = plus(c.ends_on(), -70);
        while day <= plus(c.ends_on(), 40) {
            for _ in 0..runs {
                if let Some(a) = decide_legacy(&state, day) {
                    state = state.apply(&a);
                    log.push((day, a));
                }
            }
            day = plus(day, 1);
        }
        let mut expected: Vec<NaiveDate> = LEGACY_REMINDER_DAYS
            .iter()
            .map(|&n| plus(c.ends_on(), -i64::from(n)))
            .collect();
        expected.push(plus(c.ends_on(), GRACE_DAYS + 1));
        let days: Vec<NaiveDate> = log.iter().map(|(day, _)| *day).collect();
        prop_assert_eq!(days, expected);
        let ended = matches!(log.last(), Some((_, LegacyAction::End { .. })));
        prop_assert!(ended);
        prop_assert!(state.closed);
    }
}
