//! The sentences that explain a Maintenance Contract order as a whole, as data: the app
//! writes them in the visitor's language; [`LegacyNote::english`] is what the API and the
//! invoice carry. Policy numbers come from the constants.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::iso;
use crate::foundation::{Money, Rate};
use crate::pricing::GRACE_DAYS;

/// A sentence that explains a Maintenance Contract order, as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum LegacyNote {
    /// An extension: the term it orders, at the annual fee.
    Extends {
        /// The term's first day.
        from: NaiveDate,
        /// Its last day.
        to: NaiveDate,
        /// The annual fee.
        fee: Money,
    },
    /// Ordered in the grace: coverage continues from the end as if never interrupted.
    ContinuesAfterEnd {
        /// The last covered day before the order.
        ended_on: NaiveDate,
    },
    /// Added licences pro-rated for the rest of the current term.
    JoinsTerm {
        /// The term index.
        term: u32,
        /// The term's first day.
        term_start: NaiveDate,
        /// Its last day.
        term_end: NaiveDate,
        /// Days charged.
        days: u32,
        /// Days in the term.
        day_count: u32,
    },
    /// A change in the grace: no term is running, so nothing is pro-rated.
    NoTermRunning {
        /// The last covered day.
        ended_on: NaiveDate,
        /// The last day to extend or switch.
        extend_until: NaiveDate,
    },
    /// The fee basis of the terms from `from` on.
    FeeBasisFrom {
        /// The first day of the first term on the new basis.
        from: NaiveDate,
        /// The new fee basis.
        basis: Money,
        /// The annual fee on it.
        fee: Money,
    },
    /// A term already ordered ahead is topped up to the new basis.
    OrderedTermToppedUp {
        /// The term's first day.
        from: NaiveDate,
        /// Its last day.
        to: NaiveDate,
        /// The top-up.
        amount: Money,
    },
    /// An upgrade under a Maintenance Contract: no credit; switching first would bring it.
    SwitchFirstForCredit {
        /// The first day of the SMA after a switch (the contract's end).
        sma_from: NaiveDate,
        /// The credit an upgrade would get with the SMA active.
        credit: Money,
    },
    /// The switch: the SMA starts at the contract's end, its place in the falling rates kept.
    SwitchStarts {
        /// The SMA's first day.
        sma_start: NaiveDate,
        /// Whole years of Maintenance Contract coverage before it.
        legacy_years: u32,
        /// The SMA year index it starts with.
        year: u32,
        /// That year's rate.
        rate: Rate,
    },
    /// The SMA bought after the contract ended for good: section 4 from the end.
    EndedForGood {
        /// The last covered day.
        ended_on: NaiveDate,
    },
}

impl LegacyNote {
    /// The sentence in English.
    pub fn english(&self) -> String {
        match self {
            LegacyNote::Extends { from, to, fee } => format!(
                "Extends the Maintenance Contract for the term from {} to {} at the annual fee of {fee}.",
                iso(*from),
                iso(*to)
            ),
            LegacyNote::ContinuesAfterEnd { ended_on } => format!(
                "Ordered within {GRACE_DAYS} days of the end on {}: coverage continues as if never interrupted.",
                iso(*ended_on)
            ),
            LegacyNote::JoinsTerm {
                term,
                term_start,
                term_end,
                days,
                day_count,
            } => format!(
                "The added licences join the Maintenance Contract for the rest of term {term} ({} – {}): {days} of {day_count} days.",
                iso(*term_start),
                iso(*term_end)
            ),
            LegacyNote::NoTermRunning {
                ended_on,
                extend_until,
            } => format!(
                "The Maintenance Contract's term ended on {}: nothing is pro-rated; extend it or switch to the SMA by {} to keep the installation covered.",
                iso(*ended_on),
                iso(*extend_until)
            ),
            LegacyNote::FeeBasisFrom { from, basis, fee } => format!(
                "From {} the fee basis is {basis} and the annual fee {fee}.",
                iso(*from)
            ),
            LegacyNote::OrderedTermToppedUp { from, to, amount } => format!(
                "The term from {} to {} is already ordered: its fee is topped up by {amount} to the new fee basis.",
                iso(*from),
                iso(*to)
            ),
            LegacyNote::SwitchFirstForCredit { sma_from, credit } => format!(
                "A Maintenance Contract brings no upgrade credit. Switch to the SMA first: once it runs (from {}), an upgrade credits the full cost of the initial installation ({credit}).",
                iso(*sma_from)
            ),
            LegacyNote::SwitchStarts {
                sma_start,
                legacy_years,
                year,
                rate,
            } => format!(
                "The SMA starts on {}, when the Maintenance Contract ends; its {legacy_years} whole years count, so it starts in year {year} of the falling rates ({rate}). No back-pay, no fee.",
                iso(*sma_start)
            ),
            LegacyNote::EndedForGood { ended_on } => format!(
                "The Maintenance Contract ended on {}, more than {GRACE_DAYS} days ago: the SMA starts today at year 1, with back-pay for the uncovered days since then and a reinstatement fee.",
                iso(*ended_on)
            ),
        }
    }
}
