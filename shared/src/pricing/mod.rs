//! Pricing (pricing.md sections 1–4 and 6): price books, configurations and their licence
//! price, the SMA's years, rates, back-pay and fee, the new-purchase quote, upgrades and
//! expansions, the calculator's scenarios, and VAT.
//!
//! - `pricebook.rs`: [`PriceBook`], [`PriceBooks`] (the book in force on a date), editions and
//!   modules;
//! - `lookups.rs`: what a book answers by code (an edition's name and rank, its upgrades, the
//!   editions that can have a module, the smallest edition for a number of cameras);
//! - `config.rs`: a validated [`Configuration`] and its [`Licence`] price;
//! - `licence.rs`: [`LicenceLine`] and [`Licence`];
//! - `sma.rs`: [`TermYears`], [`SmaYear`], [`schedule`];
//! - `charges.rs`: back-pay and the reinstatement fee ([`LateCharges`]), co-terming
//!   ([`CoTerm`]);
//! - `quote.rs`: [`quote_new`], a new purchase with or without an SMA;
//! - `change.rs`: [`quote_upgrade`] and [`quote_expansion`];
//! - `scenarios.rs`: [`compare`], the calculator's cost over the years;
//! - `savings.rs`: [`Verdict`], what the comparison comes to;
//! - `vat.rs`: [`vat_for`], the VAT of an invoice.

mod change;
mod charges;
mod config;
mod licence;
mod lookups;
mod pricebook;
mod quote;
mod savings;
mod scenarios;
mod sma;
mod vat;

pub use change::*;
pub use charges::*;
pub use config::*;
pub use licence::*;
pub use pricebook::*;
pub use quote::*;
pub use savings::*;
pub use scenarios::*;
pub use sma::*;
pub use vat::*;
