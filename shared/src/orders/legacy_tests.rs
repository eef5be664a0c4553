//! The orders of a Maintenance Contract through [`price_order`], on L1–L3's installation
//! (pricing.md section 9): the worked examples to the cent as order lines, and which order
//! each phase of the contract refuses.

use super::*;
use crate::foundation::Money;
use crate::lifecycle::{LegacyContract, LegacyStatus, SmaStatus};
use crate::pricing::{ConfigurationInput, ModuleInput, Quantity};

use crate::orders::price_tests::{books, d, m};

/// ProBox, 12 cameras, 1 client, 1 storage, validated against the 2027 book.
fn state(coverage: Option<CoverageRecord>) -> InstallationState {
    let input = ConfigurationInput {
        edition: "probox".into(),
        cameras: Quantity::new(12).unwrap(),
        modules: ["client", "storage"]
            .iter()
            .map(|sku| ModuleInput {
                sku: (*sku).into(),
                qty: Quantity::new(1).unwrap(),
            })
            .collect(),
    };
    InstallationState {
        config: Configuration::validate(books().book_on(d(2027, 1, 1)).unwrap(), &input).unwrap(),
        licence_date: d(2019, 6, 1),
        initial_value: m("2200.00"),
        coverage,
    }
}

/// The contract since 2019-06-01, fee basis 2 200.00, its term ending 2027-05-31.
fn record() -> LegacyRecord {
    LegacyRecord::open(LegacyContract::until(d(2019, 6, 1), m("2200.00"), d(2027, 5, 31)).unwrap())
}

fn order(
    st: &InstallationState,
    legacy: &LegacyRecord,
    input: OrderInput,
    on: NaiveDate,
) -> Result<Priced, OrderRefusal> {
    price_order(books(), st, Some(legacy), &input, on)
}

/// The contract after L1's extension (ordered 2027-04-15: term 9 to 2028-05-31).
fn extended() -> LegacyRecord {
    order(
        &state(None),
        &record(),
        OrderInput::LegacyExtension,
        d(2027, 4, 15),
    )
    .unwrap()
    .legacy
    .unwrap()
}

fn four_cameras() -> ExpansionInput {
    ExpansionInput {
        add_cameras: Quantity::new(4).unwrap(),
        add_modules: vec![],
    }
}

#[test]
fn l1_the_extension_is_one_line_of_440_00_for_term_9_and_moves_the_end_a_year() {
    let p = order(
        &state(None),
        &record(),
        OrderInput::LegacyExtension,
        d(2027, 4, 15),
    )
    .unwrap();
    assert_eq!(p.order.kind, OrderKind::LegacyExtension);
    assert_eq!(p.order.net, m("440.00"));
    let line = &p.order.lines[0];
    assert_eq!(
        (line.kind, line.code.as_str()),
        (LineKind::LegacyTerm, "legacy_term_9")
    );
    assert_eq!(
        line.description,
        "Maintenance Contract term 9 (2027-06-01 – 2028-05-31)"
    );
    assert_eq!(
        (line.from, line.to),
        (Some(d(2027, 6, 1)), Some(d(2028, 5, 31)))
    );
    assert_eq!(p.order.outcome.term_start, Some(d(2027, 6, 1)));
    let after = p.legacy.unwrap();
    assert_eq!(after.contract.term_end(), d(2028, 5, 31));
    assert_eq!(after.closed, None);
    assert!(p.order.english_notes()[0].starts_with("Extends the Maintenance Contract"));
}

#[test]
fn l1_the_expansion_charges_328_00_and_49_11_and_raises_the_basis_from_the_next_term() {
    let extended = extended();
    let p = order(
        &state(None),
        &extended,
        OrderInput::LegacyExpansion(four_cameras()),
        d(2027, 9, 1),
    )
    .unwrap();
    let amounts: Vec<(LineKind, Money)> =
        p.order.lines.iter().map(|l| (l.kind, l.amount)).collect();
    assert_eq!(
        amounts,
        [
            (LineKind::Licence, m("328.00")),
            (LineKind::LegacyProRata, m("49.11"))
        ]
    );
    assert_eq!(p.order.net, m("377.11"));
    assert_eq!(
        p.order.lines[1].explanation,
        "328.00 × 20 % × 274 / 366 = 49.11"
    );
    assert_eq!(p.order.outcome.config.cameras(), 16);
    assert_eq!(p.legacy.unwrap().contract.fee_basis(), m("2528.00"));
}

#[test]
fn an_expansion_after_an_early_extension_tops_up_the_term_ordered_ahead() {
    let extended = extended();
    // Still in term 8 (to 2027-05-31): term 9 is ordered ahead at 440.00.
    let p = order(
        &state(None),
        &extended,
        OrderInput::LegacyExpansion(four_cameras()),
        d(2027, 5, 1),
    )
    .unwrap();
    let top_up = p
        .order
        .lines
        .iter()
        .find(|l| l.kind == LineKind::LegacyTopUp)
        .unwrap();
    assert_eq!(top_up.code, "legacy_top_up_9");
    assert_eq!(top_up.amount, m("65.60"));
}

#[test]
fn l2_the_switch_orders_sma_year_9_at_15_percent_from_the_contracts_end_and_closes_it() {
    let p = order(
        &state(None),
        &record(),
        OrderInput::SwitchToSma(TermYears::One),
        d(2027, 4, 15),
    )
    .unwrap();
    assert_eq!(p.order.kind, OrderKind::SwitchToSma);
    assert_eq!(p.order.lines.len(), 1);
    assert_eq!(p.order.lines[0].code, "sma_year_9");
    assert_eq!(p.order.net, m("381.15"));
    assert!(p.order.lines.iter().all(|l| l.kind == LineKind::SmaYear));
    let sma = p.order.outcome.coverage.unwrap();
    assert_eq!((sma.start, sma.term_from), (d(2019, 6, 1), 9));
    assert_eq!(sma.renews_on, d(2028, 6, 1));
    assert_eq!(p.order.outcome.term_start, Some(d(2027, 6, 1)));
    let after = p.legacy.unwrap();
    assert_eq!(after.closed, Some(LegacyClosure::Switched));
    assert_eq!(
        after.phase(true, d(2027, 4, 15)),
        LegacyPhase::Switched {
            sma_from: d(2027, 6, 1)
        }
    );
}

#[test]
fn l3_the_sma_bought_61_days_after_the_end_carries_back_pay_and_the_fee() {
    let p = order(
        &state(None),
        &record(),
        OrderInput::Sma(TermYears::One),
        d(2027, 8, 1),
    )
    .unwrap();
    let amounts: Vec<Money> = p.order.lines.iter().map(|l| l.amount).collect();
    assert_eq!(amounts, [m("482.79"), m("80.69"), m("100.00")]);
    let sma = p.order.outcome.coverage.unwrap();
    assert_eq!((sma.start, sma.term_from), (d(2027, 8, 1), 1));
    assert_eq!(p.legacy.unwrap().closed, Some(LegacyClosure::Ended));
}

#[test]
fn an_upgrade_under_the_contract_has_no_credit_and_says_switching_first_brings_it() {
    let p = order(
        &state(None),
        &record(),
        OrderInput::Upgrade("enterprise".into()),
        d(2027, 5, 1),
    )
    .unwrap();
    assert_eq!(p.order.kind, OrderKind::Upgrade);
    assert!(p.order.lines.iter().all(|l| l.kind == LineKind::Licence));
    assert_eq!(p.order.net, m("9735.00"));
    assert!(p.order.english_notes()[0]
        .starts_with("A Maintenance Contract brings no upgrade credit. Switch to the SMA first"));
    assert_eq!(p.order.outcome.config.edition().to_string(), "enterprise");
    assert_eq!(p.legacy.unwrap().contract.fee_basis(), m("9735.00"));
}

#[test]
fn after_the_switch_changes_stay_under_the_contract_until_the_sma_starts() {
    let switched = order(
        &state(None),
        &record(),
        OrderInput::SwitchToSma(TermYears::One),
        d(2027, 4, 15),
    )
    .unwrap();
    let st = state(switched.order.outcome.coverage);
    let legacy = switched.legacy.unwrap();
    let on = d(2027, 5, 1);
    let exp = order(
        &st,
        &legacy,
        OrderInput::LegacyExpansion(four_cameras()),
        on,
    )
    .unwrap();
    assert!(exp
        .order
        .lines
        .iter()
        .any(|l| l.kind == LineKind::LegacyProRata));
    let notes = exp.order.english_notes();
    assert!(notes.iter().all(|n| !n.starts_with("From ")), "{notes:?}");
    assert!(notes
        .last()
        .unwrap()
        .contains("until the SMA starts on 2027-06-01"));
    let up = order(&st, &legacy, OrderInput::Upgrade("enterprise".into()), on).unwrap();
    assert!(up.order.english_notes()[0].starts_with("Until the SMA starts on 2027-06-01"));
    for refused in [
        OrderInput::LegacyExtension,
        OrderInput::SwitchToSma(TermYears::One),
        OrderInput::Sma(TermYears::One),
        OrderInput::Expansion(four_cameras()),
    ] {
        assert!(matches!(
            order(&st, &legacy, refused, on),
            Err(OrderRefusal::State(_))
        ));
    }
    // From the SMA's first day the contract no longer matters: an SMA expansion co-terms.
    let later = order(
        &st,
        &legacy,
        OrderInput::Expansion(four_cameras()),
        d(2027, 9, 1),
    )
    .unwrap();
    assert!(later.order.lines.iter().any(|l| l.kind == LineKind::CoTerm));
    assert_eq!(later.legacy, None);
}

#[test]
fn an_open_contract_refuses_the_sma_orders_with_the_one_to_place_instead() {
    let st = state(None);
    let on = d(2027, 4, 15);
    for (input, names) in [
        (OrderInput::Sma(TermYears::One), "switch_to_sma"),
        (OrderInput::Renewal, "legacy_extension"),
        (OrderInput::Expansion(four_cameras()), "legacy_expansion"),
    ] {
        let Err(OrderRefusal::State(message)) = order(&st, &record(), input, on) else {
            panic!("not refused");
        };
        assert!(message.contains(names), "{message}");
    }
}

#[test]
fn a_contract_ended_for_good_refuses_its_own_orders_with_legacy_contract_ended() {
    let on = d(2027, 7, 2);
    assert_eq!(
        record().phase(false, on),
        LegacyPhase::Ended {
            ended_at: d(2027, 6, 1)
        }
    );
    for input in [
        OrderInput::LegacyExtension,
        OrderInput::LegacyExpansion(four_cameras()),
        OrderInput::SwitchToSma(TermYears::One),
    ] {
        let Err(OrderRefusal::Pricing(e)) = order(&state(None), &record(), input, on) else {
            panic!("not refused");
        };
        assert_eq!(e.code(), "legacy_contract_ended");
    }
    let exp = order(
        &state(None),
        &record(),
        OrderInput::Expansion(four_cameras()),
        on,
    )
    .unwrap();
    assert!(exp.order.lines.iter().all(|l| l.kind == LineKind::Licence));
}

#[test]
fn without_a_contract_the_legacy_orders_are_refused_and_the_others_priced_as_before() {
    let st = state(None);
    let on = d(2027, 4, 15);
    let refused = price_order(books(), &st, None, &OrderInput::LegacyExtension, on);
    assert!(matches!(refused, Err(OrderRefusal::State(_))));
    let plain = price_order(
        books(),
        &st,
        None,
        &OrderInput::Upgrade("enterprise".into()),
        on,
    );
    assert_eq!(plain.unwrap().order.notes, vec![Note::NoCredit]);
}

#[test]
fn the_grace_offers_the_extension_and_an_extension_in_it_continues_the_contract() {
    let on = d(2027, 6, 20);
    assert_eq!(
        record().phase(false, on),
        LegacyPhase::Open(LegacyStatus::Grace)
    );
    assert_eq!(
        OrderKind::for_installation(SmaStatus::None, Some(record().phase(false, on))),
        OrderKind::LegacyExtension
    );
    let p = order(&state(None), &record(), OrderInput::LegacyExtension, on).unwrap();
    assert_eq!(p.order.lines[0].from, Some(d(2027, 6, 1)));
    assert!(p.order.english_notes()[1].contains("as if never interrupted"));
}

#[test]
fn a_legacy_note_travels_with_its_own_code_and_reads_back() {
    let p = order(
        &state(None),
        &record(),
        OrderInput::LegacyExtension,
        d(2027, 6, 20),
    )
    .unwrap();
    for note in &p.order.notes {
        let json = serde_json::to_string(note).unwrap();
        assert!(!json.contains("\"legacy\""), "{json}");
        assert_eq!(
            &serde_json::from_str::<Note>(&json).unwrap(),
            note,
            "{json}"
        );
    }
    assert_eq!(
        serde_json::to_string(&p.order.notes[0]).unwrap(),
        r#"{"code":"extends","from":"2027-06-01","to":"2028-05-31","fee":"440.00"}"#
    );
}
