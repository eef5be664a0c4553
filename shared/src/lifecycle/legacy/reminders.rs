//! The renewal engine's decisions for a Maintenance Contract (pricing.md section 9): a pure
//! function of the contract's stored state and today. The contract never renews by itself;
//! the engine reminds the customer to extend it (60 and 14 days before its end E, and on E)
//! and, when it was not extended or switched by the end of the grace, ends it for good.
//!
//! Run daily, each reminder goes out on its day, once. When days were missed, only the latest
//! reminder due goes out (a customer never gets two on one day), and nothing is sent for an
//! end that an extension has moved on. Applying the answer and deciding again on the same day
//! gives nothing more to do.

use chrono::{Days, NaiveDate};

use super::{LegacyContract, LegacyStatus};
use crate::foundation::Money;

/// Days before the end E at which the extension reminders go out (0: on E itself).
pub const LEGACY_REMINDER_DAYS: [u32; 3] = [60, 14, 0];

/// One extension reminder: which end it is for, and how many days before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegacyReminder {
    /// The end E it reminds of (the first uncovered day).
    pub ends_on: NaiveDate,
    /// One of [`LEGACY_REMINDER_DAYS`].
    pub days_before: u32,
}

impl LegacyReminder {
    /// The day it is due: E − `days_before`.
    pub fn due_on(&self) -> NaiveDate {
        self.ends_on
            .checked_sub_days(Days::new(u64::from(self.days_before)))
            .unwrap_or(NaiveDate::MIN)
    }
}

/// What the engine knows of one installation's Maintenance Contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegacyEngineState {
    /// The stored contract (its end moves on with each extension).
    pub contract: LegacyContract,
    /// Whether nothing is left to do: ended for good, or switched to the SMA (whose own
    /// renewal engine takes over at E).
    pub closed: bool,
    /// The last reminder sent.
    pub reminded: Option<LegacyReminder>,
}

/// One thing to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegacyAction {
    /// Remind the customer to extend (or switch to the SMA).
    Remind {
        /// Which reminder.
        reminder: LegacyReminder,
        /// The last covered day.
        last_covered_day: NaiveDate,
        /// The last day to extend or switch without a gap.
        extend_until: NaiveDate,
        /// The annual fee of the extension.
        fee: Money,
    },
    /// The contract ended for good (not extended or switched within the grace): mark it
    /// ended and tell the customer that only an SMA bought later (back-pay from E) remains.
    End {
        /// E: the first uncovered day.
        ended_at: NaiveDate,
    },
}

impl LegacyEngineState {
    /// The state after `action` was applied.
    pub fn apply(&self, action: &LegacyAction) -> LegacyEngineState {
        match *action {
            LegacyAction::Remind { reminder, .. } => LegacyEngineState {
                reminded: Some(reminder),
                ..*self
            },
            LegacyAction::End { .. } => LegacyEngineState {
                closed: true,
                ..*self
            },
        }
    }
}

/// What to do for one Maintenance Contract on `today`, if anything.
pub fn decide_legacy(state: &LegacyEngineState, today: NaiveDate) -> Option<LegacyAction> {
    if state.closed {
        return None;
    }
    let c = &state.contract;
    let ends_on = c.ends_on();
    if c.status_on(today) == LegacyStatus::Ended {
        return Some(LegacyAction::End { ended_at: ends_on });
    }
    let reminder = LEGACY_REMINDER_DAYS
        .iter()
        .map(|&days_before| LegacyReminder {
            ends_on,
            days_before,
        })
        .filter(|r| r.due_on() <= today)
        .min_by_key(|r| r.days_before)?;
    let sent = state
        .reminded
        .is_some_and(|r| r.ends_on == ends_on && r.days_before <= reminder.days_before);
    (!sent).then(|| LegacyAction::Remind {
        reminder,
        last_covered_day: c.term_end(),
        extend_until: c.grace_until(),
        fee: c.annual_fee().amount,
    })
}
