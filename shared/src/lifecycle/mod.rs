//! The life of an SMA (pricing.md sections 5 and 7): the running contract with its renewals,
//! cancellation deadlines, lapse and reinstatement; the coverage as stored and what it means
//! on a day; the renewal engine's decisions; which releases an installation may download; and
//! the legacy Maintenance Contracts the SMA replaced (section 9).
//!
//! - `contract.rs`: [`SmaContract`], [`SmaSummary`], [`reinstate`];
//! - `coverage.rs`: [`CoverageRecord`], the stored coverage, cancelling and resuming
//!   auto-renew;
//! - `renewal.rs`: [`decide`], what the renewal engine does for one SMA on a day;
//! - `entitlement.rs`: [`entitlement`], whether a release is covered;
//! - `legacy/`: [`LegacyContract`], its fee, extension, expansion, upgrade, the switch to the
//!   SMA, its entitlement and reminders, and [`compare_legacy`] (extend or switch).

mod contract;
mod coverage;
mod entitlement;
mod legacy;
mod renewal;

pub use contract::*;
pub use coverage::*;
pub use entitlement::*;
pub use legacy::*;
pub use renewal::*;
