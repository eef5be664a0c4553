//! A Maintenance Contract as stored with its installation, and who covers the installation on
//! a day: the contract, the SMA that followed it, or neither, never both.
//!
//! The stored SMA of a switch starts at L in the model of [`SmaSwitch`](super::SmaSwitch) (its
//! S, the first day of uninterrupted coverage, so that its year index counts the contract's
//! years), but it covers only from the contract's end E: until E the contract covers. Every
//! decision about an installation with a contract therefore goes through [`LegacyRecord::phase`]
//! first, and [`LegacyRecord::sma_view_date`] says on which day the SMA's own summary is taken.

use chrono::NaiveDate;

use super::{LegacyContract, LegacyEngineState, LegacyReminder, LegacyStatus, LegacySummary};
use crate::lifecycle::Coverage;

/// How a Maintenance Contract was closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegacyClosure {
    /// Switched to the SMA: the contract covers until its end, the SMA from then on.
    Switched,
    /// Not extended or switched within the grace: ended for good.
    Ended,
}

impl LegacyClosure {
    /// The stored code (`switched`, `ended`).
    pub fn code(self) -> &'static str {
        match self {
            LegacyClosure::Switched => "switched",
            LegacyClosure::Ended => "ended",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<LegacyClosure> {
        match code {
            "switched" => Some(LegacyClosure::Switched),
            "ended" => Some(LegacyClosure::Ended),
            _ => None,
        }
    }
}

/// A Maintenance Contract as stored: the contract (start, frozen fee basis, terms ordered),
/// whether and how it was closed, and the last extension reminder sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegacyRecord {
    /// The contract.
    pub contract: LegacyContract,
    /// `None` while it can still be extended or switched.
    pub closed: Option<LegacyClosure>,
    /// The last extension reminder sent.
    pub reminded: Option<LegacyReminder>,
}

/// Where an installation with a Maintenance Contract stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegacyPhase {
    /// The contract runs ([`LegacyStatus::Active`]) or is in its grace
    /// ([`LegacyStatus::Grace`]): it can be extended, expanded, upgraded or switched.
    Open(LegacyStatus),
    /// Switched to the SMA: the contract covers until `sma_from` (its end E), the SMA from then
    /// on.
    Switched {
        /// E: the SMA's first covered day.
        sma_from: NaiveDate,
    },
    /// Ended for good (not extended or switched within the grace): only an SMA bought later
    /// remains (section 4 from `ended_at`).
    Ended {
        /// E: the first uncovered day.
        ended_at: NaiveDate,
    },
    /// Over: the SMA that followed it covers the installation (after the end of a switched
    /// contract, or an SMA bought after it ended). The contract no longer matters.
    Superseded,
}

impl LegacyRecord {
    /// A contract that can still be extended, with no reminder sent.
    pub fn open(contract: LegacyContract) -> LegacyRecord {
        LegacyRecord {
            contract,
            closed: None,
            reminded: None,
        }
    }

    /// Where the installation stands on `today`; `has_sma` says whether an SMA is stored for
    /// it (after a switch, or bought after the contract ended).
    pub fn phase(&self, has_sma: bool, today: NaiveDate) -> LegacyPhase {
        let end = self.contract.ends_on();
        match (self.closed, has_sma) {
            (Some(LegacyClosure::Switched), true) if today < end => {
                LegacyPhase::Switched { sma_from: end }
            }
            (_, true) => LegacyPhase::Superseded,
            (Some(_), false) => LegacyPhase::Ended { ended_at: end },
            (None, false) => match self.contract.status_on(today) {
                LegacyStatus::Ended => LegacyPhase::Ended { ended_at: end },
                open => LegacyPhase::Open(open),
            },
        }
    }

    /// The contract as the installation shows it on `today`, `None` once superseded by the SMA
    /// that followed it.
    pub fn summary(&self, has_sma: bool, today: NaiveDate) -> Option<LegacySummary> {
        let mut summary = self.contract.summary(today);
        match self.phase(has_sma, today) {
            LegacyPhase::Superseded => return None,
            // Switched: covered until E, then the SMA; no longer extended.
            LegacyPhase::Switched { .. } => summary.status = LegacyStatus::Active,
            LegacyPhase::Ended { .. } => summary.status = LegacyStatus::Ended,
            LegacyPhase::Open(_) => {}
        }
        Some(summary)
    }

    /// The day on which the stored SMA of this installation is summarised: its first covered
    /// day E while the contract still covers after a switch, else `today`.
    pub fn sma_view_date(&self, today: NaiveDate) -> NaiveDate {
        match self.phase(true, today) {
            LegacyPhase::Switched { sma_from } => sma_from,
            _ => today,
        }
    }

    /// The coverage for downloads while the contract matters (`None` once superseded: the
    /// SMA's own coverage counts then). The contract covers releases up to its last covered
    /// day; releases in the grace need the extension (which covers them as if never
    /// interrupted).
    pub fn download_coverage(&self, has_sma: bool, today: NaiveDate) -> Option<Coverage> {
        match self.phase(has_sma, today) {
            LegacyPhase::Superseded => None,
            _ => Some(Coverage::ending_at(self.contract.ends_on())),
        }
    }

    /// What the renewal engine decides on: closed contracts need nothing.
    pub fn engine_state(&self) -> LegacyEngineState {
        LegacyEngineState {
            contract: self.contract,
            closed: self.closed.is_some(),
            reminded: self.reminded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::Money;

    use crate::test_dates::d;

    fn record(closed: Option<LegacyClosure>) -> LegacyRecord {
        let contract =
            LegacyContract::until(d(2019, 6, 1), Money::from_cents(220_000), d(2027, 5, 31))
                .unwrap();
        LegacyRecord {
            closed,
            ..LegacyRecord::open(contract)
        }
    }

    #[test]
    fn an_open_contract_runs_then_has_its_grace_then_has_ended() {
        let r = record(None);
        assert_eq!(
            r.phase(false, d(2027, 5, 31)),
            LegacyPhase::Open(LegacyStatus::Active)
        );
        assert_eq!(
            r.phase(false, d(2027, 7, 1)),
            LegacyPhase::Open(LegacyStatus::Grace)
        );
        assert_eq!(
            r.phase(false, d(2027, 7, 2)),
            LegacyPhase::Ended {
                ended_at: d(2027, 6, 1)
            }
        );
    }

    #[test]
    fn after_a_switch_the_contract_covers_until_its_end_and_the_sma_from_then() {
        let r = record(Some(LegacyClosure::Switched));
        let before = d(2027, 5, 31);
        assert_eq!(
            r.phase(true, before),
            LegacyPhase::Switched {
                sma_from: d(2027, 6, 1)
            }
        );
        assert_eq!(r.sma_view_date(before), d(2027, 6, 1));
        let summary = r.summary(true, before).unwrap();
        assert_eq!(summary.status, LegacyStatus::Active);
        assert_eq!(
            r.download_coverage(true, before),
            Some(Coverage::Until(before))
        );
        let from = d(2027, 6, 1);
        assert_eq!(r.phase(true, from), LegacyPhase::Superseded);
        assert_eq!(r.summary(true, from), None);
        assert_eq!(r.download_coverage(true, from), None);
        assert_eq!(r.sma_view_date(from), from);
    }

    #[test]
    fn a_contract_ended_for_good_stays_ended_until_an_sma_is_bought() {
        let r = record(Some(LegacyClosure::Ended));
        let day = d(2027, 9, 1);
        assert_eq!(
            r.phase(false, day),
            LegacyPhase::Ended {
                ended_at: d(2027, 6, 1)
            }
        );
        assert_eq!(r.summary(false, day).unwrap().status, LegacyStatus::Ended);
        assert_eq!(r.phase(true, day), LegacyPhase::Superseded);
        assert!(r.engine_state().closed);
    }

    #[test]
    fn closures_are_stored_by_their_codes() {
        for c in [LegacyClosure::Switched, LegacyClosure::Ended] {
            assert_eq!(LegacyClosure::parse(c.code()), Some(c));
        }
        assert_eq!(LegacyClosure::parse("open"), None);
    }
}
