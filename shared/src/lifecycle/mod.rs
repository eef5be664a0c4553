//! The life of an SMA (pricing.md sections 5 and 7): the running contract with its renewals,
//! cancellation deadlines, lapse and reinstatement; the coverage as stored and what it means
//! on a day; the renewal engine's decisions; which releases an installation may download.
//!
//! - `contract.rs`: [`SmaContract`], [`SmaSummary`], [`reinstate`];
//! - `coverage.rs`: [`CoverageRecord`], the stored coverage, cancelling and resuming
//!   auto-renew;
//! - `renewal.rs`: [`decide`], what the renewal engine does for one SMA on a day;
//! - `entitlement.rs`: [`entitlement`], whether a release is covered.

mod contract;
mod coverage;
mod entitlement;
mod renewal;

pub use contract::*;
pub use coverage::*;
pub use entitlement::*;
pub use renewal::*;
