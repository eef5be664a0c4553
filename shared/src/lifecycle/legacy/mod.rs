//! Legacy Maintenance Contracts (pricing.md section 9): the contracts sold before the SMA,
//! still valid, extended and expanded as before, and switched to the SMA without back-pay or
//! fee. No new one is sold ([`PricingError::LegacyContractClosed`]).
//!
//! Everything is a pure function of the contract's stored state and a date given by the
//! caller; every amount keeps its parts and implements [`Explain`].
//!
//! - `contract.rs`: [`LegacyContract`] (start L, frozen fee basis, the terms ordered), the
//!   [`LegacyFee`], the status on a day, the extension window, [`LegacySummary`] and the
//!   extension order ([`LegacyContract::extend`]);
//! - `changes.rs`: expansion ([`LegacyContract::expand`]) and edition upgrade
//!   ([`LegacyContract::upgrade`]) under the contract;
//! - `switch.rs`: the switch to the SMA ([`LegacyContract::switch_to_sma`]), the SMA bought
//!   after the contract ended for good ([`LegacyContract::sma_after_end`]), and entitlement
//!   ([`legacy_entitlement`]);
//! - `reminders.rs`: what the renewal engine does for a contract on a day
//!   ([`decide_legacy`]);
//! - `compare.rs`: extend the contract or switch to the SMA, year by year
//!   ([`compare_legacy`]);
//! - `notes.rs`: [`LegacyNote`], the sentences that explain an order, as data;
//! - `record.rs`: [`LegacyRecord`], the contract as stored, and [`LegacyPhase`], who covers
//!   the installation on a day (the contract, the SMA that followed it, or neither).
//!
//! [`PricingError::LegacyContractClosed`]: crate::PricingError::LegacyContractClosed
//! [`Explain`]: crate::Explain

mod changes;
mod compare;
mod contract;
mod notes;
mod record;
mod reminders;
mod switch;

pub use changes::*;
pub use compare::*;
pub use contract::*;
pub use notes::*;
pub use record::*;
pub use reminders::*;
pub use switch::*;
