//! `GET /api/catalog?date=` (api.md): the price book in force, as the calculator and partners
//! read it.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::common::{book_on, date_or};
use crate::foundation::{Money, PricingError};
use crate::pricing::{PriceBook, PriceBooks};

/// An edition in the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CatalogEdition {
    /// Code, e.g. `probox`.
    pub code: String,
    /// Name, e.g. `ProBox`.
    pub name: String,
    /// Upgrade order.
    pub rank: u32,
    /// Base licence price.
    pub base_price: Money,
    /// Cameras included in the base licence.
    pub included_cameras: u32,
    /// Camera limit, `null` for unlimited.
    pub max_cameras: Option<u32>,
}

/// Unit prices per edition code, serialized as a JSON object in the book's edition order
/// (`{"probox": "79.00", "professional": "119.00"}`); editions without the module are absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditionPrices(pub Vec<(String, Money)>);

impl Serialize for EditionPrices {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (edition, price) in &self.0 {
            map.serialize_entry(edition, price)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for EditionPrices {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<EditionPrices, D::Error> {
        struct PricesVisitor;

        impl<'de> Visitor<'de> for PricesVisitor {
            type Value = EditionPrices;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of edition prices")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EditionPrices, A::Error> {
                let mut prices = Vec::new();
                while let Some((edition, price)) = map.next_entry::<String, Money>()? {
                    prices.push((edition, price));
                }
                Ok(EditionPrices(prices))
            }
        }

        deserializer.deserialize_map(PricesVisitor)
    }
}

/// A module (or the camera channel) in the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CatalogModule {
    /// Sku (`camera` is the camera channel, set through `cameras`).
    pub sku: String,
    /// Name.
    pub name: String,
    /// What one unit is.
    pub unit: String,
    /// Whether the quantity may not exceed the cameras.
    pub per_camera: bool,
    /// Unit price per edition.
    pub prices: EditionPrices,
}

/// `GET /api/catalog?date=` response: the price book in force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Catalog {
    /// The book's id, e.g. `2026`.
    pub price_book: String,
    /// The first day it is in force.
    pub valid_from: NaiveDate,
    /// `EUR`.
    pub currency: String,
    /// Editions, in the book's order.
    pub editions: Vec<CatalogEdition>,
    /// Modules, in the book's order, including `camera`.
    pub modules: Vec<CatalogModule>,
}

impl Catalog {
    /// The catalog of one book.
    pub fn of(currency: &str, book: &PriceBook) -> Catalog {
        Catalog {
            price_book: book.id().to_owned(),
            valid_from: book.valid_from(),
            currency: currency.to_owned(),
            editions: book
                .editions()
                .iter()
                .map(|e| CatalogEdition {
                    code: e.code.to_string(),
                    name: e.name.clone(),
                    rank: e.rank,
                    base_price: e.base_price,
                    included_cameras: e.included_cameras,
                    max_cameras: e.max_cameras,
                })
                .collect(),
            modules: book
                .modules()
                .iter()
                .map(|m| CatalogModule {
                    sku: m.sku.to_string(),
                    name: m.name.clone(),
                    unit: m.unit.clone(),
                    per_camera: m.per_camera,
                    prices: EditionPrices(
                        m.prices.iter().map(|(e, p)| (e.to_string(), *p)).collect(),
                    ),
                })
                .collect(),
        }
    }
}

/// Answers `GET /api/catalog?date=`: the book in force on `date` (default `today`, UTC).
/// Errors: `invalid_date` / `no_price_book` for `date`.
pub fn catalog(
    books: &PriceBooks,
    date: Option<&str>,
    today: NaiveDate,
) -> Result<Catalog, PricingError> {
    let date = date_or(date, "date", today)?;
    let book = book_on(books, date, "date")?;
    Ok(Catalog::of(books.currency(), book))
}
