//! `Money` computes small non-negative amounts on 64-bit integers: every result must be the
//! `Decimal` that `rust_decimal`'s arithmetic gives, to the bit (value, scale and the sign of
//! zero), on random values of every sign, size and scale.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use sma_shared::{Money, Rate};

const CASES: u32 = 20_000;

/// Any decimal: small and huge mantissas, both signs (negative zero too), scales 0 to 28.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    let mantissa = prop_oneof![
        (0u32..1_000_000).prop_map(|lo| (lo, 0, 0)),
        (any::<u32>(), 0u32..1000).prop_map(|(lo, mid)| (lo, mid, 0)),
        (any::<u32>(), any::<u32>()).prop_map(|(lo, mid)| (lo, mid, 0)),
        (any::<u32>(), any::<u32>(), any::<u32>()),
        Just((0, 0, 0)),
        Just((u32::MAX, u32::MAX, 0)),
        Just((u32::MAX, u32::MAX, u32::MAX)),
    ];
    let scale = prop_oneof![0u32..=5, 0u32..=28];
    (mantissa, any::<bool>(), scale).prop_map(|((lo, mid, hi), negative, scale)| {
        let mut value = Decimal::from_parts(lo, mid, hi, false, scale);
        // (from_parts drops the sign of zero; this keeps it)
        value.set_sign_negative(negative);
        value
    })
}

/// Amounts as the crate holds them: two decimals (fewer when too large for two), any sign.
fn any_money() -> impl Strategy<Value = Money> {
    any_decimal()
        .prop_map(|d| Money::from_decimal(d.trunc() / Decimal::ONE_HUNDRED).unwrap_or(Money::ZERO))
}

fn any_rate() -> impl Strategy<Value = Rate> {
    prop_oneof![
        (0u32..=100).prop_map(Rate::percent),
        (0i64..100_000, 0u32..=6).prop_map(|(m, s)| Rate::from_percent(Decimal::new(m, s))),
    ]
}

fn bits(d: Decimal) -> [u8; 16] {
    d.serialize()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn rounding_to_cents_gives_what_rust_decimal_gives(exact in any_decimal()) {
        let mut expected = exact.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        expected.rescale(2);
        prop_assert_eq!(bits(Money::round(exact).decimal()), bits(expected), "{}", exact);
    }

    #[test]
    fn sums_give_what_rust_decimal_gives(a in any_money(), b in any_money()) {
        // Where rust_decimal overflows, both panic: the integer path leaves such sums to it.
        if let Some(sum) = a.decimal().checked_add(b.decimal()) {
            prop_assert_eq!(bits((a + b).decimal()), bits(sum));
        }
    }

    #[test]
    fn exact_products_give_what_rust_decimal_gives(
        m in any_money(),
        qty in prop_oneof![0u32..20_000, any::<u32>()],
        rate in any_rate(),
    ) {
        if let Some(product) = m.decimal().checked_mul(Decimal::from(qty)) {
            prop_assert_eq!(bits(m.times(qty)), bits(product));
        }
        if let Some(product) = m.decimal().checked_mul(rate.fraction()) {
            prop_assert_eq!(bits(m.times_rate(rate)), bits(product));
        }
    }
}

#[test]
fn a_sum_with_negative_zero_keeps_rust_decimals_sign_of_zero() {
    let mut zero = Decimal::new(0, 2);
    zero.set_sign_negative(true);
    let negative_zero = Money::from_decimal(zero).unwrap();
    assert!(negative_zero.decimal().is_sign_negative());
    for (a, b) in [(Money::ZERO, negative_zero), (negative_zero, Money::ZERO)] {
        assert_eq!(bits((a + b).decimal()), bits(a.decimal() + b.decimal()));
        assert_eq!(
            (a + b).to_string(),
            format!("{:.2}", a.decimal() + b.decimal())
        );
    }
}
