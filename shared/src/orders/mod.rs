//! Orders on a stored installation (pricing.md sections 4–6): what an order buys and its
//! lines, the sentences that explain it, its pricing from the stored state, and its invoice.
//!
//! - `order.rs`: [`InstallationState`], [`OrderKind`], [`OrderLine`], [`PricedOrder`],
//!   [`OrderRefusal`];
//! - `notes.rs`: [`Note`], an order's explanation as data;
//! - `offer.rs`: the orders an installation offers from the state of its SMA and its legacy
//!   Maintenance Contract ([`OrderKind::offered`], [`OrderKind::for_installation`]);
//! - `price.rs`: [`price_sma`], [`price_renewal`], [`renewal_order`], [`price_expansion`],
//!   [`price_upgrade`];
//! - `legacy.rs`: the orders of a legacy Maintenance Contract (extension, expansion, upgrade
//!   without credit, switch to the SMA, the SMA after it ended) and [`price_order`], the one
//!   entry point for any order on a stored installation;
//! - `invoice.rs`: [`Invoiced`] (VAT added) and [`Billing`];
//! - `quote_token.rs`: [`QuoteClaims`], the signed quote an order confirms.

mod invoice;
mod legacy;
mod notes;
mod offer;
mod order;
mod price;
#[cfg(test)]
mod price_tests;
mod quote_token;

pub use invoice::*;
pub use legacy::*;
pub use notes::*;
pub use order::*;
pub use price::*;
pub use quote_token::*;
