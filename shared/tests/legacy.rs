//! Golden tests of the legacy Maintenance Contracts (pricing.md section 9): the worked examples
//! L1–L3 to the cent, and the edges of the extension window, the grace, 29 February starts,
//! entitlement and the reminders.

mod support;

use chrono::NaiveDate;
use sma_shared::lifecycle::{
    compare_legacy, decide_legacy, legacy_entitlement, upgrade_credit_in, LegacyAction,
    LegacyCompareInput, LegacyComparison, LegacyContract, LegacyEngineState, LegacyEntitlement,
    LegacyNote, LegacyStatus, EXTENSION_WINDOW_DAYS, LEGACY_REMINDER_DAYS,
};
use sma_shared::pricing::{ExpansionInput, UpgradeInput, GRACE_DAYS};
use sma_shared::{
    Configuration, Explain, Lang, Money, PriceBooks, PricingError, Quantity, TermYears, Years,
};
use support::{config, d, money, plus};

fn books() -> &'static PriceBooks {
    PriceBooks::demo()
}

/// L1–L3's installation: ProBox, 12 cameras, 1 client, 1 storage.
fn probox() -> Configuration {
    config("probox", 12, &[("client", 1), ("storage", 1)])
}

/// The contract since 2019-06-01 with fee basis 2 200.00, its term ending 2027-05-31.
fn contract() -> LegacyContract {
    LegacyContract::until(d(2019, 6, 1), money("2200.00"), d(2027, 5, 31)).unwrap()
}

fn four_cameras() -> ExpansionInput {
    ExpansionInput {
        add_cameras: Quantity::new(4).unwrap(),
        add_modules: vec![],
    }
}

// ----- L1: fee, extension, expansion --------------------------------------------------------

#[test]
fn l1_the_annual_fee_is_20_percent_of_the_fee_basis_440_00() {
    let fee = contract().annual_fee();
    assert_eq!(fee.amount, money("440.00"));
    assert_eq!(fee.explain(), "20 % of 2200.00 = 440.00");
}

#[test]
fn l1_the_extension_ordered_2027_04_15_covers_2027_06_01_to_2028_05_31_for_440_00() {
    let ext = contract().extend(d(2027, 4, 15)).unwrap();
    assert_eq!(
        (ext.term.start, ext.term.last_day()),
        (d(2027, 6, 1), d(2028, 5, 31))
    );
    assert_eq!(ext.total_due(), money("440.00"));
    assert!(!ext.continued);
    assert_eq!(
        ext.explain(),
        "term 9 (2027-06-01 – 2028-05-31): 20 % of 2200.00 = 440.00"
    );
    assert_eq!(ext.contract.term_end(), d(2028, 5, 31));
    assert_eq!(ext.contract.annual_fee().amount, money("440.00"));
    assert_eq!(
        ext.notes()[0].english(),
        "Extends the Maintenance Contract for the term from 2027-06-01 to 2028-05-31 at the annual fee of 440.00."
    );
}

#[test]
fn l1_four_cameras_on_2027_09_01_cost_328_00_and_49_11_for_the_term_and_raise_the_basis_to_2528_00()
{
    let extended = contract().extend(d(2027, 4, 15)).unwrap().contract;
    let exp = extended
        .expand(books(), &probox(), &four_cameras(), d(2027, 9, 1))
        .unwrap();
    assert_eq!(exp.quote.licence_price, money("328.00"));
    assert_eq!(exp.quote.explain_licence_price(), "4 × 82.00 = 328.00");
    let pro_rata = exp.pro_rata.as_ref().unwrap();
    assert_eq!((pro_rata.calc.days, pro_rata.calc.day_count), (274, 366));
    assert_eq!(pro_rata.amount(), money("49.11"));
    assert_eq!(pro_rata.explain(), "328.00 × 20 % × 274 / 366 = 49.11");
    assert_eq!(exp.basis.from, d(2028, 6, 1));
    assert_eq!(exp.basis.after, money("2528.00"));
    assert_eq!(exp.basis.fee.amount, money("505.60"));
    assert!(exp.top_ups.is_empty());
    assert_eq!(exp.total_due, money("377.11"));
    assert_eq!(
        exp.explain(),
        "licence 4 × 82.00 = 328.00; current term 328.00 × 20 % × 274 / 366 = 49.11; fee basis 2200.00 + 328.00 = 2528.00 from 2028-06-01: 20 % of 2528.00 = 505.60"
    );
    let after = exp.contract;
    assert_eq!(after.fee_basis(), money("2528.00"));
    assert_eq!(after.term_end(), d(2028, 5, 31));
    let next = after.extend(d(2028, 4, 1)).unwrap();
    assert_eq!(next.fee.amount, money("505.60"));
    let notes: Vec<String> = exp.notes().iter().map(LegacyNote::english).collect();
    assert_eq!(
        notes,
        [
            "The added licences join the Maintenance Contract for the rest of term 9 (2027-06-01 – 2028-05-31): 274 of 366 days.",
            "From 2028-06-01 the fee basis is 2528.00 and the annual fee 505.60."
        ]
    );
}

#[test]
fn an_expansion_before_an_early_extension_starts_tops_up_the_ordered_term() {
    let extended = contract().extend(d(2027, 4, 15)).unwrap().contract;
    let exp = extended
        .expand(books(), &probox(), &four_cameras(), d(2027, 5, 1))
        .unwrap();
    let pro_rata = exp.pro_rata.as_ref().unwrap();
    assert_eq!(pro_rata.explain(), "328.00 × 20 % × 31 / 365 = 5.57");
    assert_eq!(exp.top_ups.len(), 1);
    assert_eq!(
        exp.top_ups[0].explain(),
        "term 9 (2027-06-01 – 2028-05-31): 505.60 − 440.00 = 65.60"
    );
    assert_eq!(exp.basis.from, d(2027, 6, 1));
    assert_eq!(exp.total_due, money("399.17"));
}

#[test]
fn an_expansion_in_the_grace_pro_rates_nothing_and_the_extension_pays_the_new_basis() {
    let in_grace = d(2027, 6, 10);
    let exp = contract()
        .expand(books(), &probox(), &four_cameras(), in_grace)
        .unwrap();
    assert!(exp.pro_rata.is_none());
    assert_eq!(exp.total_due, money("328.00"));
    assert_eq!(exp.basis.from, d(2027, 6, 1));
    assert_eq!(
        exp.notes()[0].english(),
        "The Maintenance Contract's term ended on 2027-05-31: nothing is pro-rated; extend it or switch to the SMA by 2027-07-01 to keep the installation covered."
    );
    let ext = exp.contract.extend(in_grace).unwrap();
    assert_eq!(ext.fee.explain(), "20 % of 2528.00 = 505.60");
}

#[test]
fn an_upgrade_under_the_contract_gets_no_credit_and_the_target_total_becomes_the_basis() {
    let extended = contract().extend(d(2027, 4, 15)).unwrap().contract;
    let up = extended
        .upgrade(
            books(),
            &UpgradeInput {
                config: probox(),
                licence_date: d(2019, 6, 1),
                to_edition: "enterprise".into(),
                upgrade_date: d(2027, 9, 1),
                recorded_initial_value: Some(money("2200.00")),
                sma_start: Some(d(2019, 6, 1)),
            },
        )
        .unwrap();
    assert_eq!(up.quote.credit, Money::ZERO);
    assert_eq!(up.quote.sma_adjustment, Money::ZERO);
    assert_eq!(up.total_due, money("9735.00"));
    assert_eq!(up.contract.fee_basis(), money("9735.00"));
    assert_eq!(
        up.explain(),
        "licence 9735.00 (no credit under a Maintenance Contract); fee basis 9735.00 (the target total; was 2200.00) from 2028-06-01: 20 % of 9735.00 = 1947.00"
    );
    assert_eq!(
        up.notes()[0].english(),
        "A Maintenance Contract brings no upgrade credit. Switch to the SMA first: once it runs (from 2028-06-01), an upgrade credits the full cost of the initial installation (2200.00)."
    );
}

// ----- L2: switch to the SMA -----------------------------------------------------------------

#[test]
fn l2_switching_on_2027_04_15_starts_the_sma_on_2027_06_01_in_year_9_at_381_15() {
    let switch = contract()
        .switch_to_sma(books(), &probox(), d(2027, 4, 15), TermYears::One)
        .unwrap();
    assert_eq!(switch.legacy_end, d(2027, 6, 1));
    assert_eq!(switch.legacy_years, 8);
    assert_eq!(switch.first_year(), 9);
    let year = &switch.sma.first_term[0];
    assert_eq!((year.start, year.end), (d(2027, 6, 1), d(2028, 5, 31)));
    assert_eq!(year.price_book, "2027");
    assert_eq!(year.rate.to_string(), "15 %");
    assert_eq!(year.value, money("2541.00"));
    assert_eq!(year.amount, money("381.15"));
    assert!(switch.sma.late_charges.is_none());
    assert_eq!(switch.total_due(), money("381.15"));
    assert_eq!(
        switch.explain(),
        "year 9 = 1 + 8 whole years of Maintenance Contract (2019-06-01 – 2027-05-31); 15 % of 2541.00 = 381.15"
    );
    assert_eq!(
        switch.notes()[0].english(),
        "The SMA starts on 2027-06-01, when the Maintenance Contract ends; its 8 whole years count, so it starts in year 9 of the falling rates (15 %). No back-pay, no fee."
    );
    let coverage = switch.coverage();
    assert!(coverage.auto_renew);
    assert_eq!(coverage.renews_on, d(2028, 6, 1));
    assert_eq!(coverage.contract().year_on(d(2027, 6, 1)).index, 9);
}

#[test]
fn a_three_year_switch_carries_the_discount_on_each_year() {
    let switch = contract()
        .switch_to_sma(books(), &probox(), d(2027, 4, 15), TermYears::Three)
        .unwrap();
    let shown: Vec<String> = switch.sma.first_term.iter().map(Explain::explain).collect();
    assert_eq!(
        shown,
        ["15 % of 2541.00 = 381.15 − 5 % (19.06) = 362.09"; 3]
    );
    assert_eq!(switch.total_due(), money("1086.27"));
    assert_eq!(switch.coverage().renews_on, d(2030, 6, 1));
}

/// L2's comparison over five years from 2027-04-15, with the initial installation's cost when
/// recorded.
fn l2_compared(initial_value: Option<Money>) -> LegacyComparison {
    compare_legacy(
        books(),
        &LegacyCompareInput {
            config: probox(),
            contract: contract(),
            switch_on: d(2027, 4, 15),
            years: Years::DEFAULT,
            term: TermYears::One,
            initial_value,
        },
    )
    .unwrap()
}

#[test]
fn l2_over_five_years_the_switch_saves_294_25_against_extending() {
    let c = l2_compared(None);
    assert_eq!(c.sma_start, d(2027, 6, 1));
    assert_eq!(c.sma_first_year, 9);
    let rows: Vec<(u32, String, String)> = c
        .years
        .iter()
        .map(|y| {
            (
                y.sma_year,
                y.legacy_fee.to_string(),
                y.sma_amount.to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        (9..=13)
            .map(|k| (k, "440.00".to_owned(), "381.15".to_owned()))
            .collect::<Vec<_>>()
    );
    assert_eq!(c.years[4].start, d(2031, 6, 1));
    assert_eq!(c.years[4].end, d(2032, 5, 31));
    assert_eq!(c.legacy_total, money("2200.00"));
    assert_eq!(c.sma_total, money("1905.75"));
    assert_eq!(c.saving_explanation, "2200.00 − 1905.75 = 294.25");
    assert_eq!(c.upgrade_credit, money("2200.00"));
}

// ----- L3: the SMA after the contract ended for good ----------------------------------------

#[test]
fn l3_an_sma_ordered_61_days_after_the_end_costs_back_pay_80_69_fee_100_00_and_year_1_482_79() {
    let c = contract();
    assert_eq!(c.ends_on(), d(2027, 6, 1));
    assert_eq!(c.status_on(d(2027, 8, 1)), LegacyStatus::Ended);
    let sma = c
        .sma_after_end(books(), &probox(), d(2027, 8, 1), TermYears::One)
        .unwrap();
    let year = &sma.sma.first_term[0];
    assert_eq!((year.year, year.start), (1, d(2027, 8, 1)));
    assert_eq!(year.amount, money("482.79"));
    let charges = sma.sma.late_charges.as_ref().unwrap();
    assert_eq!(charges.back_pay.uncovered_days, 61);
    assert_eq!(charges.back_pay.amount(), money("80.69"));
    assert_eq!(charges.fee.amount, money("100.00"));
    assert_eq!(sma.sma.total_due, money("663.48"));
    assert_eq!(
        sma.explain(),
        "year 1: 19 % of 2541.00 = 482.79; back-pay 2541.00 × 19 % × 61 / 365 = 80.69; fee max(10 % of 482.79 = 48.28, 100.00) = 100.00"
    );
    assert!(c
        .switch_to_sma(books(), &probox(), d(2027, 8, 1), TermYears::One)
        .is_err());
}

// ----- Window, grace and status edges --------------------------------------------------------

#[test]
fn the_extension_window_opens_90_days_before_the_end_and_closes_30_days_after() {
    let c = contract();
    let end = c.ends_on();
    let window = c.extension_window();
    assert_eq!(window.from, d(2027, 3, 3));
    assert_eq!(window.until, d(2027, 7, 1));
    let open = i64::from(EXTENSION_WINDOW_DAYS);
    let err = c.extend(plus(end, -open - 1)).unwrap_err();
    assert_eq!(err.code(), "extension_not_open");
    assert_eq!(
        err.message(),
        "The Maintenance Contract runs until 2027-05-31; its extension can be ordered from 2027-03-03."
    );
    assert!(!c.extend(plus(end, -open)).unwrap().continued);
    let last = c.extend(plus(end, GRACE_DAYS)).unwrap();
    assert!(last.continued);
    assert_eq!(last.term.start, end);
    assert_eq!(
        last.notes()[1].english(),
        "Ordered within 30 days of the end on 2027-05-31: coverage continues as if never interrupted."
    );
    let late = c.extend(plus(end, GRACE_DAYS + 1)).unwrap_err();
    assert_eq!(late.code(), "legacy_contract_ended");
    assert_eq!(
        late.message(),
        "The Maintenance Contract ended on 2027-05-31 and could be extended or switched to the SMA until 2027-07-01; buy an SMA instead (with back-pay from its end and the reinstatement fee)."
    );
}

#[test]
fn the_status_is_active_before_the_end_grace_for_30_days_then_ended() {
    let c = contract();
    let end = c.ends_on();
    assert_eq!(c.status_on(plus(end, -1)), LegacyStatus::Active);
    assert_eq!(c.status_on(end), LegacyStatus::Grace);
    assert_eq!(c.status_on(plus(end, GRACE_DAYS)), LegacyStatus::Grace);
    assert_eq!(c.status_on(plus(end, GRACE_DAYS + 1)), LegacyStatus::Ended);
    assert!(c.covers(plus(end, -1)) && !c.covers(end));
}

#[test]
fn the_switch_is_possible_through_the_last_day_of_the_grace_and_the_late_sma_only_after() {
    let c = contract();
    let end = c.ends_on();
    let last = plus(end, GRACE_DAYS);
    let switch = c
        .switch_to_sma(books(), &probox(), last, TermYears::One)
        .unwrap();
    assert_eq!(switch.sma.first_term[0].start, end);
    let early = c
        .sma_after_end(books(), &probox(), last, TermYears::One)
        .unwrap_err();
    assert_eq!(early.code(), "invalid_date");
    assert_eq!(
        early.message(),
        "The Maintenance Contract can still be switched to the SMA until 2027-07-01, without back-pay or fee; switch it instead."
    );
    let after = plus(end, GRACE_DAYS + 1);
    let err = c
        .switch_to_sma(books(), &probox(), after, TermYears::One)
        .unwrap_err();
    assert_eq!(err.code(), "legacy_contract_ended");
    let late = c
        .sma_after_end(books(), &probox(), after, TermYears::One)
        .unwrap();
    assert_eq!(late.sma.late_charges.unwrap().back_pay.uncovered_days, 31);
}

#[test]
fn a_change_before_the_contract_started_is_an_invalid_date() {
    let err = contract()
        .expand(books(), &probox(), &four_cameras(), d(2019, 5, 31))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_date");
    assert_eq!(err.field(), Some("date"));
}

#[test]
fn ordering_a_new_maintenance_contract_is_refused_as_closed() {
    let err = PricingError::LegacyContractClosed {
        field: Some("kind".into()),
    };
    assert_eq!(err.code(), "legacy_contract_closed");
    assert_eq!(err.http_status(), 422);
    assert_eq!(
        err.message(),
        "New Maintenance Contracts are no longer sold: the SMA replaced them. Order the SMA instead; Maintenance Contracts already in place can still be extended and expanded."
    );
}

// ----- 29 February ---------------------------------------------------------------------------

#[test]
fn a_contract_started_on_29_february_ends_its_terms_on_27_or_28_february() {
    let basis = money("1000.00");
    let c = LegacyContract::until(d(2020, 2, 29), basis, d(2023, 2, 27)).unwrap();
    assert_eq!(c.terms(), 3);
    assert_eq!(c.ends_on(), d(2023, 2, 28));
    assert!(LegacyContract::until(d(2020, 2, 29), basis, d(2023, 2, 28)).is_err());
    let ext = c.extend(d(2023, 1, 1)).unwrap();
    assert_eq!(
        (ext.term.start, ext.term.last_day()),
        (d(2023, 2, 28), d(2024, 2, 28))
    );
    assert_eq!(ext.term.days(), 366);
    let next = ext.contract;
    assert_eq!(next.ends_on(), d(2024, 2, 29));
    assert_eq!(next.extension_window().from, d(2023, 12, 1));
}

#[test]
fn the_sma_after_a_29_february_contract_keeps_its_anniversaries() {
    let c = LegacyContract::until(d(2020, 2, 29), money("1000.00"), d(2026, 2, 27)).unwrap();
    let switch = c
        .switch_to_sma(books(), &probox(), d(2026, 1, 10), TermYears::One)
        .unwrap();
    assert_eq!(switch.legacy_end, d(2026, 2, 28));
    assert_eq!(switch.first_year(), 7);
    let year = &switch.sma.first_term[0];
    assert_eq!((year.start, year.end), (d(2026, 2, 28), d(2027, 2, 27)));
    let coverage = switch.coverage();
    assert_eq!(coverage.renews_on, d(2027, 2, 28));
    assert_eq!(coverage.contract().anniversary(8), d(2028, 2, 29));
}

// ----- Entitlement ---------------------------------------------------------------------------

#[test]
fn releases_up_to_the_last_covered_day_are_covered_and_later_ones_need_an_extension() {
    let c = contract();
    let licence = d(2019, 6, 1);
    let covered = legacy_entitlement(d(2027, 5, 31), licence, &c, d(2027, 6, 2));
    assert_eq!(covered, LegacyEntitlement::CoveredByContract);
    assert_eq!(
        covered.message(),
        "This release is covered by your Maintenance Contract."
    );
    let in_grace = legacy_entitlement(d(2027, 6, 1), licence, &c, d(2027, 6, 2));
    assert!(!in_grace.allowed());
    assert_eq!(
        in_grace.message(),
        "This release came out on 2027-06-01 after your Maintenance Contract's term ended on 2027-05-31; extend the contract or switch to the SMA by 2027-07-01 to download it."
    );
    let ended = legacy_entitlement(d(2027, 6, 1), licence, &c, d(2027, 7, 2));
    assert_eq!(
        ended.message(),
        "This release came out on 2027-06-01 after your Maintenance Contract ended on 2027-05-31; buy an SMA to download it."
    );
    let extended = c.extend(d(2027, 6, 20)).unwrap().contract;
    assert!(legacy_entitlement(d(2027, 6, 1), licence, &extended, d(2027, 6, 20)).allowed());
    assert_eq!(
        legacy_entitlement(d(2018, 1, 1), d(2018, 1, 1), &c, d(2027, 7, 2)),
        LegacyEntitlement::IncludedWithLicence
    );
}

// ----- Reminders -----------------------------------------------------------------------------

fn run_daily(
    mut state: LegacyEngineState,
    from: NaiveDate,
    to: NaiveDate,
    extend_on: Option<NaiveDate>,
) -> (LegacyEngineState, Vec<(NaiveDate, LegacyAction)>) {
    let mut log = Vec::new();
    let mut day = from;
    while day <= to {
        if Some(day) == extend_on {
            state.contract = state.contract.extend(day).unwrap().contract;
        }
        for _ in 0..2 {
            if let Some(action) = decide_legacy(&state, day) {
                state = state.apply(&action);
                log.push((day, action));
            }
        }
        day = plus(day, 1);
    }
    (state, log)
}

fn start_state() -> LegacyEngineState {
    LegacyEngineState {
        contract: contract(),
        closed: false,
        reminded: None,
    }
}

#[test]
fn a_contract_not_extended_is_reminded_60_and_14_days_before_and_on_its_end_then_ended() {
    let (state, log) = run_daily(start_state(), d(2027, 1, 1), d(2027, 12, 31), None);
    assert!(state.closed);
    let days: Vec<NaiveDate> = log.iter().map(|(day, _)| *day).collect();
    let end = d(2027, 6, 1);
    let reminders: Vec<NaiveDate> = LEGACY_REMINDER_DAYS
        .iter()
        .map(|&n| plus(end, -i64::from(n)))
        .collect();
    assert_eq!(days[..3], reminders[..]);
    assert_eq!(days[3], plus(end, GRACE_DAYS + 1));
    assert_eq!(log.len(), 4);
    assert_eq!(log[3].1, LegacyAction::End { ended_at: end });
    match log[0].1 {
        LegacyAction::Remind {
            last_covered_day,
            extend_until,
            fee,
            ..
        } => {
            assert_eq!(last_covered_day, d(2027, 5, 31));
            assert_eq!(extend_until, d(2027, 7, 1));
            assert_eq!(fee, money("440.00"));
        }
        other => panic!("expected a reminder, got {other:?}"),
    }
}

#[test]
fn an_extension_stops_the_reminders_for_the_old_end_and_they_start_again_for_the_new_one() {
    let (state, log) = run_daily(
        start_state(),
        d(2027, 1, 1),
        d(2028, 12, 31),
        Some(d(2027, 4, 10)),
    );
    let days: Vec<NaiveDate> = log.iter().map(|(day, _)| *day).collect();
    assert_eq!(
        days,
        [
            d(2027, 4, 2),
            d(2028, 4, 2),
            d(2028, 5, 18),
            d(2028, 6, 1),
            d(2028, 7, 2)
        ]
    );
    assert!(state.closed);
}

#[test]
fn missed_days_send_only_the_latest_reminder_due() {
    let state = start_state();
    let action = decide_legacy(&state, d(2027, 5, 25)).unwrap();
    assert!(matches!(
        action,
        LegacyAction::Remind { reminder, .. } if reminder.days_before == 14
    ));
    let after = state.apply(&action);
    assert_eq!(decide_legacy(&after, d(2027, 5, 25)), None);
    assert_eq!(decide_legacy(&after, d(2027, 5, 31)), None);
    assert!(decide_legacy(&after, d(2027, 6, 1)).is_some());
    assert_eq!(decide_legacy(&state, d(2027, 4, 1)), None);
}

// ----- The formulas in German ----------------------------------------------------------------

/// `formula` in German, with no word of the English formulas left in it.
fn german(formula: &str) -> String {
    const ENGLISH: [&str; 26] = [
        "of",
        "licence",
        "term",
        "year",
        "years",
        "fee",
        "basis",
        "from",
        "ordered",
        "current",
        "back-pay",
        "uncovered",
        "capped",
        "whole",
        "Maintenance",
        "Contract",
        "credit",
        "target",
        "total",
        "was",
        "price",
        "book",
        "With",
        "edition",
        "credits",
        "nothing",
    ];
    let de = sma_shared::formula_in(Lang::De, formula);
    for word in de.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        assert!(
            !ENGLISH.contains(&word),
            "{word:?} left in {de:?} (from {formula:?})"
        );
    }
    de
}

#[test]
fn every_formula_of_l1_to_l3_reads_in_german() {
    let extension = contract().extend(d(2027, 4, 15)).unwrap();
    let extended = extension.contract;
    let expansion = extended
        .expand(books(), &probox(), &four_cameras(), d(2027, 9, 1))
        .unwrap();
    assert_eq!(
        german(&extension.explain()),
        "Vertragsjahr 9 (01.06.2027 – 31.05.2028): 20 % von 2.200,00 = 440,00"
    );
    german(&expansion.explain());
    let switch = |term| {
        contract()
            .switch_to_sma(books(), &probox(), d(2027, 4, 15), term)
            .unwrap()
    };
    german(&switch(TermYears::One).explain());
    for year in &switch(TermYears::Three).sma.first_term {
        assert_eq!(
            german(&year.explain()),
            "15 % von 2.541,00 = 381,15 − 5 % (19,06) = 362,09"
        );
    }
    let after_end = contract()
        .sma_after_end(books(), &probox(), d(2027, 8, 1), TermYears::One)
        .unwrap();
    german(&after_end.explain());
    for initial_value in [None, Some(money("2461.00"))] {
        let c = l2_compared(initial_value);
        for y in &c.years {
            german(&y.legacy_explanation);
            german(&y.sma_explanation);
        }
        german(&c.sma_first_year_explanation);
        german(&c.saving_explanation);
        let credit = upgrade_credit_in(Lang::De, &c.upgrade_credit_explanation);
        let source = match initial_value {
            Some(_) => "die vollen Kosten der Erstinstallation",
            None => "den im Wartungsvertrag erfassten Lizenzwert (seine Gebührenbasis)",
        };
        let credited = if initial_value.is_some() {
            "2.461,00"
        } else {
            "2.200,00"
        };
        assert_eq!(
            credit,
            format!("Mit aktivem SMA (ab 01.06.2027) rechnet ein Editions-Upgrade {source} an: {credited}; unter dem Wartungsvertrag wird nichts angerechnet.")
        );
    }
}
