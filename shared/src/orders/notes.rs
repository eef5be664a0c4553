//! The sentences that explain an order as a whole, as data: the app writes them in the
//! visitor's language; [`Note::english`] is what the API and the invoice carry.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::iso;
use crate::foundation::Money;

/// A sentence that explains an order as a whole, as data (the app writes it in the visitor's
/// language; [`Note::english`] is what the API and the invoice carry).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "OrderNote"))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Note {
    /// Bought within 30 days of the licence date: starts on it, no extra charge.
    WithSoftware {
        /// The licence date.
        licence_date: NaiveDate,
    },
    /// Bought later: starts today, with back-pay and fee.
    LateAfterLicence {
        /// The licence date.
        licence_date: NaiveDate,
        /// Days since it.
        days: i64,
    },
    /// Reinstated within 30 days of the end: continues as if never interrupted.
    Continued {
        /// The last covered day.
        ended_on: NaiveDate,
    },
    /// Reinstated later: starts again at year 1 with back-pay and fee.
    Restarted {
        /// The last covered day.
        ended_on: NaiveDate,
    },
    /// A renewal: the term it orders.
    Renews {
        /// The term's first day.
        from: NaiveDate,
        /// Its last day.
        to: NaiveDate,
    },
    /// A renewal of a cancelled SMA: auto-renew stays off.
    AutoRenewStaysOff {
        /// The new last covered day.
        ends_after: NaiveDate,
    },
    /// An added value co-termed with the current SMA year.
    CoTermed {
        /// The year index.
        year: u32,
        /// The year's first day.
        year_start: NaiveDate,
        /// Its last day.
        year_end: NaiveDate,
        /// Days charged.
        days: u32,
        /// Days in the year.
        day_count: u32,
    },
    /// An expansion without an active SMA.
    NotCovered,
    /// An upgrade with an active SMA: the initial installation is credited.
    Credited {
        /// The credit.
        value: Money,
    },
    /// An upgrade without an active SMA: no credit.
    NoCredit,
}

impl Note {
    /// The sentence in English.
    pub fn english(&self) -> String {
        match self {
            Note::WithSoftware { licence_date } => format!(
                "Bought within 30 days of the licence date: the SMA starts on the licence date {}, no extra charge.",
                iso(*licence_date)
            ),
            Note::LateAfterLicence { licence_date, days } => format!(
                "Bought {days} days after the licence date {}: the SMA starts today, with back-pay for the uncovered days and a reinstatement fee.",
                iso(*licence_date)
            ),
            Note::Continued { ended_on } => format!(
                "Ordered within 30 days of the end on {}: coverage continues as if never interrupted, no fee.",
                iso(*ended_on)
            ),
            Note::Restarted { ended_on } => format!(
                "The SMA ended on {}, more than 30 days ago: it starts again today at year 1, with back-pay for the uncovered days and a reinstatement fee.",
                iso(*ended_on)
            ),
            Note::Renews { from, to } => format!(
                "Renews the SMA for the term from {} to {}, priced for that anniversary.",
                iso(*from),
                iso(*to)
            ),
            Note::AutoRenewStaysOff { ends_after } => format!(
                "Auto-renew stays off: coverage now ends after {}.",
                iso(*ends_after)
            ),
            Note::CoTermed {
                year,
                year_start,
                year_end,
                days,
                day_count,
            } => format!(
                "The added licences join the SMA for the rest of year {year} ({} – {}): {days} of {day_count} days.",
                iso(*year_start),
                iso(*year_end)
            ),
            Note::NotCovered => {
                "Without an active SMA the added licences are not covered by maintenance.".into()
            }
            Note::Credited { value } => format!(
                "With the active SMA the full cost of the initial installation ({value}) is credited."
            ),
            Note::NoCredit => {
                "Without an active SMA there is no credit for the initial installation.".into()
            }
        }
    }
}
