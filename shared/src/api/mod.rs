//! The HTTP contract (api.md): every request and response body as a typed value, serialised by
//! the Worker and deserialised by the app, and the functions both call to answer the public
//! quotes and the catalog.
//!
//! Requests refuse unknown fields (`#[serde(deny_unknown_fields)]`), so a serde error is a 400
//! `malformed_request`. Amounts are strings with exactly two decimals (`"1290.00"`), rates
//! percent strings (`"19"`), dates `YYYY-MM-DD`.
//!
//! - `errors.rs`: [`ErrorBody`], the body of every error;
//! - `common.rs`: [`WireNumber`] (any JSON number, judged by validation) and [`ModuleQty`];
//! - `quotes.rs`: `POST /api/quotes/{new,upgrade,expansion}` and [`quote_new`],
//!   [`quote_upgrade`], [`quote_expansion`] that answer them;
//! - `catalog.rs`: `GET /api/catalog` and [`catalog`];
//! - `orders.rs`: customer quotes and orders, [`QuoteView`], [`OrderView`];
//! - `releases.rs`: `GET /api/releases`.

mod catalog;
mod common;
mod errors;
mod orders;
mod quotes;
mod releases;

pub use catalog::*;
pub use common::*;
pub use errors::*;
pub use orders::*;
pub use quotes::*;
pub use releases::*;
