//! `sma-shared`: the pure domain and pricing core of the SMA product.
//!
//! The same code prices quotes in the browser (wasm32) and in the Worker, which never takes a
//! price from a client. It has no clock (today is always a parameter), no I/O and no floats in
//! its arithmetic: amounts are [`Money`] over `rust_decimal`, rounded to cents half away from
//! zero at the named points of `pricing.md` (`docs/spec/pricing.md`).
//!
//! The chapters follow the spec; each re-exports its items, so paths stay short
//! (`sma_shared::pricing::quote_new`, `sma_shared::api::OrderView`):
//! - [`foundation`]: [`Money`], [`dates`], [`Explain`], [`PricingError`] (every rule violation,
//!   with `code()`, `field()` and `message()`, HTTP 422), [`Lang`] (English and German formats);
//! - [`pricing`]: price books, configurations, SMA years, the new-purchase quote, upgrades and
//!   expansions, the calculator's scenarios, VAT;
//! - [`lifecycle`]: the running contract (renewal, cancellation deadlines, lapse,
//!   reinstatement), the stored coverage, the renewal engine, download entitlement, and the
//!   legacy Maintenance Contracts (extension, expansion, switch to the SMA);
//! - [`orders`]: orders on a stored installation, their notes, pricing and invoice;
//! - [`releases`]: versions, releases, the release browser's filters, the Atom feed;
//! - [`links`]: signed, expiring download links and byte ranges;
//! - [`accounts`]: licence numbers, roles, one-time tokens, password rules, rate limits;
//! - [`mail`]: the e-mails (verification, access, invitations, passwords, reminders, renewals,
//!   lapses) in English and German, as plain text and HTML;
//! - [`sales`]: "Ask sales about this": what a request must hold, its sales team, the CSV
//!   export;
//! - [`api`]: the HTTP contract, every request and response body of api.md.
//!
//! Chapters depend only on those above them in this list (`api` on all of them).

#![warn(missing_docs)]

pub mod accounts;
pub mod api;
pub mod foundation;
pub mod lifecycle;
pub mod links;
pub mod mail;
pub mod orders;
pub mod pricing;
pub mod releases;
pub mod sales;
#[cfg(test)]
mod test_dates;

pub use foundation::{
    dates, fill, formula_in, sort_small_by_key, Explain, Lang, Money, PricingError, Rate,
};
pub use pricing::{
    Configuration, ConfigurationInput, EditionCode, Licence, LicenceLine, ModuleInput, PriceBook,
    PriceBooks, Quantity, Sku, TermYears, Years,
};
