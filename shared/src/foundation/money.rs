//! Money and percentage rates.
//!
//! [`Money`] is an amount in the price book's currency, always held to the cent. The only way
//! to turn an exact intermediate [`Decimal`] into money is [`Money::round`] (half away from
//! zero), which the pricing code calls at the named points of pricing.md section 1: each line,
//! each SMA year, each discount, back-pay, fee and pro-rated amount.
//!
//! The amounts of a quote are non-negative and small: rounding, sums and exact products of
//! such amounts are computed on the decimals' 64-bit integer mantissas, which gives the same
//! `Decimal`, bit for bit, as `rust_decimal`'s general arithmetic (used for everything else;
//! `tests/money.rs` compares both on random values of every sign, size and scale).

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount of money, rounded to cents (two decimals), e.g. `1290.00`.
///
/// Serialized as a decimal string with exactly two decimals (`"1290.00"`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

impl Money {
    /// Zero, `0.00`.
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, 2));

    /// The one rounding function of the crate: rounds an exact amount to cents, half away from
    /// zero (`0.005` → `0.01`, `-0.005` → `-0.01`).
    pub fn round(exact: Decimal) -> Money {
        let cents = small(exact).and_then(|(mantissa, scale)| match scale {
            0 => mantissa.checked_mul(100),
            1 => mantissa.checked_mul(10),
            2 => Some(mantissa),
            // Half away from zero is half up for a non-negative amount.
            3 => Some(mantissa / 10 + u64::from(mantissa % 10 >= 5)),
            4 => Some(mantissa / 100 + u64::from(mantissa % 100 >= 50)),
            _ => None,
        });
        match cents.and_then(|c| i64::try_from(c).ok()) {
            Some(cents) => Money::from_cents(cents),
            None => general(|| {
                let mut cents =
                    exact.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
                cents.rescale(2);
                Money(cents)
            }),
        }
    }

    /// Money from a decimal that already has at most two decimals; `None` otherwise.
    pub fn from_decimal(value: Decimal) -> Option<Money> {
        if value.normalize().scale() > 2 {
            return None;
        }
        let mut cents = value;
        cents.rescale(2);
        Some(Money(cents))
    }

    /// Money from a whole number of cents (`129000` → `1290.00`).
    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// Parses a decimal string with at most two decimals, e.g. `"1290.00"` or `"79"`.
    pub fn parse(text: &str) -> Option<Money> {
        Decimal::from_str_exact(text)
            .ok()
            .and_then(Money::from_decimal)
    }

    /// The exact decimal value.
    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// The larger of two amounts.
    pub fn max(self, other: Money) -> Money {
        if self >= other {
            self
        } else {
            other
        }
    }

    /// The smaller of two amounts.
    pub fn min(self, other: Money) -> Money {
        if self <= other {
            self
        } else {
            other
        }
    }

    /// This amount, or zero when it is negative.
    pub fn at_least_zero(self) -> Money {
        self.max(Money::ZERO)
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// The exact (unrounded) product `self × qty`.
    pub fn times(self, qty: u32) -> Decimal {
        exact_product(self.0, Decimal::from(qty))
    }

    /// The exact (unrounded) product `self × rate`, e.g. `2461.00 × 19 %` = `467.59`.
    pub fn times_rate(self, rate: Rate) -> Decimal {
        exact_product(self.0, rate.fraction())
    }
}

/// Runs `rust_decimal`'s general arithmetic, out of the way of the integer paths.
#[cold]
#[inline(never)]
fn general<T>(compute: impl FnOnce() -> T) -> T {
    compute()
}

/// The mantissa and scale of a decimal that is not negative (nor negative zero) and whose
/// mantissa fits in 64 bits.
fn small(value: Decimal) -> Option<(u64, u32)> {
    if value.is_sign_negative() {
        return None;
    }
    u64::try_from(value.mantissa())
        .ok()
        .map(|mantissa| (mantissa, value.scale()))
}

/// `a × b`: for small non-negative factors and a nonzero product, the product of the mantissas
/// at the sum of the scales (what `rust_decimal` gives; it writes a zero product differently).
fn exact_product(a: Decimal, b: Decimal) -> Decimal {
    if let (Some((a, a_scale)), Some((b, b_scale))) = (small(a), small(b)) {
        let product = a.checked_mul(b).and_then(|p| i64::try_from(p).ok());
        if let Some(product) = product.filter(|p| *p != 0) {
            if let Ok(exact) = Decimal::try_new(product, a_scale + b_scale) {
                return exact;
            }
        }
    }
    general(|| a * b)
}

impl fmt::Display for Money {
    /// Plain number with two decimals and no grouping: `2461.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        if let (Some((a, 2)), Some((b, 2))) = (small(self.0), small(rhs.0)) {
            if let Some(sum) = a.checked_add(b).and_then(|s| i64::try_from(s).ok()) {
                return Money::from_cents(sum);
            }
        }
        general(|| Money(self.0 + rhs.0))
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        let text = String::deserialize(deserializer)?;
        Money::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not an amount like \"1290.00\""))
        })
    }
}

/// A rate in percent: `Rate::percent(19)` is 19 %.
///
/// Serialized as a decimal string in percent (`"19"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rate(Decimal);

impl Rate {
    /// A whole-number percentage.
    pub fn percent(percent: u32) -> Rate {
        Rate(Decimal::from(percent))
    }

    /// A percentage that may have decimals (`Decimal` 2.5 is 2.5 %).
    pub fn from_percent(percent: Decimal) -> Rate {
        Rate(percent.normalize())
    }

    /// The percentage, e.g. `19`.
    pub fn as_percent(self) -> Decimal {
        self.0
    }

    /// The rate as a fraction, e.g. `0.19`: the percentage with two more decimal places, which
    /// is exact and spares a division (one only when the percentage has too many decimals).
    pub fn fraction(self) -> Decimal {
        let mut fraction = self.0;
        match fraction.set_scale(self.0.scale() + 2) {
            Ok(()) => fraction,
            Err(_) => self.0 / Decimal::ONE_HUNDRED,
        }
    }
}

impl fmt::Display for Rate {
    /// The percentage with a space and a percent sign: `19 %`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} %", self.0.normalize())
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.normalize())
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Rate, D::Error> {
        let text = String::deserialize(deserializer)?;
        // As amounts are read (`Money::parse`): one decimal parser in the Wasm, not two.
        Decimal::from_str_exact(&text)
            .map(Rate::from_percent)
            .map_err(|_| serde::de::Error::custom(format!("`{text}` is not a rate like \"19\"")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounding_goes_half_away_from_zero() {
        assert_eq!(Money::round(dec!(0.005)).to_string(), "0.01");
        assert_eq!(Money::round(dec!(0.0049999)).to_string(), "0.00");
        assert_eq!(Money::round(dec!(-0.005)).to_string(), "-0.01");
        assert_eq!(Money::round(dec!(46.759)).to_string(), "46.76");
        assert_eq!(Money::round(dec!(113.791)).to_string(), "113.79");
    }

    #[test]
    fn money_always_displays_two_decimals() {
        assert_eq!(Money::round(dec!(1290)).to_string(), "1290.00");
        assert_eq!(Money::parse("79").unwrap().to_string(), "79.00");
        assert_eq!(Money::from_cents(5).to_string(), "0.05");
        assert_eq!(Money::ZERO.decimal().scale(), 2);
    }

    #[test]
    fn parsing_money_refuses_fractions_of_a_cent() {
        assert!(Money::parse("1.005").is_none());
        assert!(Money::parse("abc").is_none());
        assert_eq!(Money::parse("1.50"), Money::parse("1.5"));
    }

    #[test]
    fn a_rate_applies_as_a_percentage_without_rounding() {
        let value = Money::parse("2461.00").unwrap();
        assert_eq!(value.times_rate(Rate::percent(19)), dec!(467.59));
        assert_eq!(
            Money::parse("2275.82")
                .unwrap()
                .times_rate(Rate::percent(5)),
            dec!(113.791)
        );
    }

    #[test]
    fn a_rate_as_a_fraction_is_the_percentage_divided_by_100() {
        for percent in [
            dec!(19),
            dec!(5),
            dec!(2.5),
            dec!(0.0001),
            dec!(100),
            dec!(1e-26),
            dec!(1e-27),
        ] {
            let rate = Rate::from_percent(percent);
            assert_eq!(rate.fraction(), percent / Decimal::ONE_HUNDRED, "{percent}");
        }
    }

    #[test]
    fn rates_display_as_percent() {
        assert_eq!(Rate::percent(19).to_string(), "19 %");
        assert_eq!(Rate::from_percent(dec!(2.50)).to_string(), "2.5 %");
    }

    #[test]
    fn money_serializes_as_a_string_with_two_decimals() {
        let json = serde_json::to_string(&Money::parse("1290").unwrap()).unwrap();
        assert_eq!(json, "\"1290.00\"");
        let back: Money = serde_json::from_str("\"1290.00\"").unwrap();
        assert_eq!(back, Money::from_cents(129_000));
        assert_eq!(serde_json::to_string(&Rate::percent(19)).unwrap(), "\"19\"");
    }

    #[test]
    fn a_rate_reads_back_as_written() {
        for rate in [
            Rate::percent(19),
            Rate::from_percent(dec!(2.5)),
            Rate::percent(0),
        ] {
            let json = serde_json::to_string(&rate).unwrap();
            assert_eq!(serde_json::from_str::<Rate>(&json).unwrap(), rate);
        }
        assert!(serde_json::from_str::<Rate>("\"19 %\"").is_err());
    }
}
