//! `sma-shared`: the pure domain and pricing core of the SMA product.
//!
//! The same code prices quotes in the browser (wasm32) and in the Worker, which never takes a
//! price from a client. It has no clock (today is always a parameter), no I/O and no floats in
//! its arithmetic: amounts are [`Money`] over `rust_decimal`, rounded to cents half away from
//! zero at the named points of `pricing.md`.
//!
//! Entry points:
//! - [`wire`]: the JSON shapes of `POST /api/quotes/{new,upgrade,expansion}` and
//!   `GET /api/catalog`, and [`wire::quote_new`], [`wire::quote_upgrade`],
//!   [`wire::quote_expansion`], [`wire::catalog`] that answer them;
//! - [`quote::quote_new`], [`change::quote_upgrade`], [`change::quote_expansion`]: the same on
//!   validated domain values, each amount carrying its explanation ([`Explain`]);
//! - [`lifecycle`]: renewal, cancellation deadlines, resumption, lapse and reinstatement;
//! - [`entitlement`]: which releases an installation may download;
//! - [`signing`]: signed, expiring download links; [`byte_range`]: the `Range` of a download;
//! - [`PricingError`]: every rule violation, with `code()`, `field()` and `message()` (HTTP 422).

#![warn(missing_docs)]

pub mod account;
pub mod byte_range;
pub mod change;
pub mod config;
pub mod dates;
pub mod entitlement;
pub mod error;
pub mod explain;
pub mod feed;
pub mod lifecycle;
pub mod money;
pub mod pricebook;
pub mod quote;
pub mod release;
pub mod renewal;
pub mod scenarios;
pub mod signing;
pub mod sma;
pub mod vat;
pub mod wire;

pub use config::{Configuration, ConfigurationInput, Licence, LicenceLine, ModuleInput, Quantity};
pub use error::PricingError;
pub use explain::Explain;
pub use money::{Money, Rate};
pub use pricebook::{EditionCode, PriceBook, PriceBooks, Sku};
pub use sma::{TermYears, Years};
