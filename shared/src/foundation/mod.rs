//! What every chapter builds on (pricing.md section 1): money held to the cent and its one
//! rounding, calendar arithmetic without a clock, explanations of computed amounts, the error
//! of a broken rule, a small stable sort, and the two languages numbers and dates are written in.
//!
//! - `money.rs`: [`Money`] and [`Rate`];
//! - [`dates`]: month steps with clamping, day counts, strict ISO dates;
//! - `explain.rs`: [`Explain`], the formula behind an amount;
//! - `locale.rs`: [`Lang`], English and German, how each writes numbers, money and dates, and
//!   [`fill`], which puts values into a sentence written whole per language;
//! - `error.rs`: [`PricingError`], every rule violation (HTTP 422);
//! - `sort.rs`: [`sort_small_by_key`].

pub mod dates;
mod error;
mod explain;
mod locale;
mod money;
mod sort;

pub use error::*;
pub use explain::*;
pub use locale::*;
pub use money::*;
pub use sort::*;
