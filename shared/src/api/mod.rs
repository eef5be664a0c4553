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
//! - `orders.rs`: customer quotes and orders, [`QuoteView`], [`OrderView`], [`OrderList`];
//!   `order_fields.rs` reads the first two (and [`OrderQuote`]) from one flat struct;
//! - `installations.rs`: [`Installation`] with its [`InstallationSma`] and legacy
//!   Maintenance Contract, the auto-renew answer, the activity;
//! - `legacy.rs`: `POST /api/quotes/legacy-compare` ([`LegacyCompareRequest`],
//!   [`quote_legacy_compare`]);
//! - `session.rs`: [`SignIn`], [`UserBody`], [`SESSION_COOKIE`] and the sign-in numbers;
//! - `downloads.rs`: [`DownloadRequest`], [`DownloadLink`];
//! - `releases.rs`: `GET /api/releases` ([`ReleaseList`]; one release is a
//!   [`Release`](crate::releases::Release)) and `GET /api/releases/versions`
//!   ([`ReleaseBriefList`]);
//! - `sales.rs`: "Ask sales about this" ([`SalesRequestBody`], [`SalesRequestList`],
//!   [`share_query`]);
//! - `operations.rs`: [`Health`] and the renewal run;
//! - `publishing.rs`: artifacts in R2 (whole or in parts), release records and withdrawals;
//! - `audit.rs`: the audit log's pages ([`AuditPage`], [`audit_paging`]);
//! - `accounts.rs`: registration, reset, redemption, users, invitations, sessions, the dev
//!   mailbox ([`RegistrationRequest`], [`RedeemRequest`], [`UserList`], [`DevMailbox`]…);
//! - `schema.rs` (feature `schema`): the JSON Schemas of the values serialised by hand, for the
//!   OpenAPI document that `sma-tools openapi` generates from these types.
//!
//! The Worker's routes serialise these types and the app's `api.rs` deserialises them; domain
//! values that travel as they are (order lines and notes, the SMA summary, releases) derive
//! serde where they live.

mod accounts;
mod audit;
mod catalog;
mod common;
mod downloads;
mod errors;
mod imports;
mod installations;
mod legacy;
mod operations;
mod order_fields;
mod orders;
mod publishing;
mod quotes;
mod releases;
mod sales;
#[cfg(feature = "schema")]
mod schema;
mod session;

pub use accounts::*;
pub use audit::*;
pub use catalog::*;
pub use common::*;
pub use downloads::*;
pub use errors::*;
pub use imports::*;
pub use installations::*;
pub use legacy::*;
pub use operations::*;
pub use orders::*;
pub use publishing::*;
pub use quotes::*;
pub use releases::*;
pub use sales::*;
pub use session::*;
