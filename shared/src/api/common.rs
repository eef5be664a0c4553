//! What every request body shares: JSON numbers kept as sent until validation, the
//! `{"sku", "qty"}` of a module, and the checks that turn request fields into the domain's
//! values (a bad value becomes a 422 with its field).

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::dates::parse_date;
use crate::foundation::{FieldPath, PricingError};
use crate::pricing::{
    Configuration, Draft, DraftModule, ModuleInput, PriceBook, PriceBooks, Quantity, TermYears,
    Years,
};

/// Any JSON number, kept as sent so validation can refuse it with a 422 and its field.
///
/// Whole numbers written with a fraction or exponent (`2.0`, `1e3`) count as whole.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WireNumber {
    /// A non-negative integer.
    Unsigned(u64),
    /// A negative integer.
    Signed(i64),
    /// A number with a fraction or an exponent.
    Float(f64),
}

impl WireNumber {
    /// The number as an integer, if it is a whole number that fits in an `i64`.
    pub fn as_integer(&self) -> Option<i64> {
        match *self {
            WireNumber::Unsigned(v) => i64::try_from(v).ok(),
            WireNumber::Signed(v) => Some(v),
            WireNumber::Float(v) => {
                let whole = v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15;
                // The range check above keeps the cast exact.
                whole.then_some(v as i64)
            }
        }
    }
}

impl From<u32> for WireNumber {
    fn from(value: u32) -> WireNumber {
        WireNumber::Unsigned(u64::from(value))
    }
}

impl fmt::Display for WireNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireNumber::Unsigned(v) => write!(f, "{v}"),
            WireNumber::Signed(v) => write!(f, "{v}"),
            WireNumber::Float(v) => write!(f, "{v}"),
        }
    }
}

impl Serialize for WireNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            WireNumber::Unsigned(v) => serializer.serialize_u64(v),
            WireNumber::Signed(v) => serializer.serialize_i64(v),
            WireNumber::Float(v) => serializer.serialize_f64(v),
        }
    }
}

impl<'de> Deserialize<'de> for WireNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<WireNumber, D::Error> {
        struct NumberVisitor;

        impl Visitor<'_> for NumberVisitor {
            type Value = WireNumber;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<WireNumber, E> {
                Ok(WireNumber::Unsigned(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<WireNumber, E> {
                Ok(if v >= 0 {
                    WireNumber::Unsigned(v.unsigned_abs())
                } else {
                    WireNumber::Signed(v)
                })
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<WireNumber, E> {
                Ok(WireNumber::Float(v))
            }
        }

        deserializer.deserialize_any(NumberVisitor)
    }
}

pub(crate) fn quantity(n: &WireNumber, field: impl fmt::Display) -> Result<Quantity, PricingError> {
    n.as_integer()
        .and_then(|i| Quantity::try_from(i).ok())
        .ok_or_else(|| PricingError::InvalidQuantity {
            field: Some(field.to_string()),
            given: n.to_string(),
        })
}

pub(crate) fn term(n: Option<&WireNumber>, field: &str) -> Result<TermYears, PricingError> {
    let Some(n) = n else {
        return Ok(TermYears::One);
    };
    n.as_integer()
        .and_then(|i| TermYears::try_from(i).ok())
        .ok_or_else(|| PricingError::InvalidTerm {
            field: Some(field.to_owned()),
            given: n.to_string(),
        })
}

pub(crate) fn years(n: Option<&WireNumber>) -> Result<Years, PricingError> {
    let Some(n) = n else {
        return Ok(Years::DEFAULT);
    };
    n.as_integer()
        .and_then(|i| Years::try_from(i).ok())
        .ok_or_else(|| PricingError::InvalidYears {
            field: Some("years".into()),
            given: n.to_string(),
        })
}

pub(crate) fn date_or(
    text: Option<&str>,
    field: &str,
    default: NaiveDate,
) -> Result<NaiveDate, PricingError> {
    text.map_or(Ok(default), |t| parse_date(t, field))
}

pub(crate) fn optional_date(
    text: Option<&str>,
    field: &str,
) -> Result<Option<NaiveDate>, PricingError> {
    text.map(|t| parse_date(t, field)).transpose()
}

/// A module and its quantity, as in `"modules": [{"sku": "client", "qty": 1}]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ModuleQty {
    /// The module's sku.
    pub sku: String,
    /// How many.
    pub qty: WireNumber,
}

impl ModuleQty {
    /// A module line from plain values.
    pub fn new(sku: impl Into<String>, qty: u32) -> ModuleQty {
        ModuleQty {
            sku: sku.into(),
            qty: qty.into(),
        }
    }

    /// The modules of a configuration, in the book's order (how an installation lists them).
    pub fn of(config: &Configuration) -> Vec<ModuleQty> {
        config
            .modules()
            .iter()
            .map(|(sku, qty)| ModuleQty::new(sku.as_str(), qty.get()))
            .collect()
    }

    /// The module as the domain's input; `invalid_quantity` for `field` unless `qty` is a
    /// whole number in range.
    pub fn to_input(&self, field: &str) -> Result<ModuleInput, PricingError> {
        Ok(ModuleInput {
            sku: self.sku.clone(),
            qty: quantity(&self.qty, field)?,
        })
    }
}

pub(crate) fn modules(
    list: &[ModuleQty],
    prefix: &'static str,
) -> Result<Vec<ModuleInput>, PricingError> {
    list.iter()
        .enumerate()
        .map(|(index, m)| {
            let field = FieldPath::Entry {
                list: prefix,
                index,
                leaf: "qty",
            };
            Ok(ModuleInput {
                sku: m.sku.clone(),
                qty: quantity(&m.qty, field)?,
            })
        })
        .collect()
}

/// The body of a request that takes no input: `{}` (any field is a 400).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EmptyBody {}

/// The configuration of a request with its quantities checked, borrowing its texts, to be
/// validated against the book in force (`Draft::validate`).
pub(crate) fn configuration<'a>(
    edition: &'a str,
    cameras: &WireNumber,
    list: &'a [ModuleQty],
) -> Result<Draft<'a>, PricingError> {
    let cameras = quantity(cameras, "cameras")?;
    let modules = list
        .iter()
        .enumerate()
        .map(|(index, m)| {
            let mut entry = DraftModule::listed(index, &m.sku, 0);
            entry.qty = quantity(&m.qty, entry.qty_field)?.get();
            Ok(entry)
        })
        .collect::<Result<_, PricingError>>()?;
    Ok(Draft::new(edition, cameras.get(), modules))
}

pub(crate) fn book_on<'a>(
    books: &'a PriceBooks,
    date: NaiveDate,
    field: &str,
) -> Result<&'a PriceBook, PricingError> {
    books.book_on(date).map_err(|e| e.with_field(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_json_number_is_accepted_and_judged_later() {
        let n: WireNumber = serde_json::from_str("-1").unwrap();
        assert_eq!(n.as_integer(), Some(-1));
        let n: WireNumber = serde_json::from_str("1.5").unwrap();
        assert_eq!(n.as_integer(), None);
        assert_eq!(n.to_string(), "1.5");
        let n: WireNumber = serde_json::from_str("2.0").unwrap();
        assert_eq!(n.as_integer(), Some(2));
        assert!(serde_json::from_str::<WireNumber>("\"12\"").is_err());
    }
}
