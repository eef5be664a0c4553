//! Which orders an installation offers, decided from the state of its SMA (pricing.md
//! sections 4–6) and of its legacy Maintenance Contract (section 9): the order that keeps or
//! restores its coverage, then the changes. The portal shows these and no others; the Worker
//! prices whichever is asked and refuses what the stored state does not allow.

use super::OrderKind;
use crate::lifecycle::{LegacyPhase, SmaStatus};

impl OrderKind {
    /// The order that keeps or restores the coverage of an SMA in `status`: the next term of
    /// an SMA that still covers (active or cancelled), buying or reinstating one otherwise
    /// (lapsed, or never had one).
    pub fn for_coverage(status: SmaStatus) -> OrderKind {
        match status {
            SmaStatus::Active | SmaStatus::Cancelled => OrderKind::Renewal,
            SmaStatus::Lapsed | SmaStatus::None => OrderKind::Sma,
        }
    }

    /// The order that keeps or restores the coverage of an installation with an SMA in
    /// `status` and a Maintenance Contract in `legacy` (`None` without one): the contract's
    /// extension while it can be extended, the SMA's renewal after a switch, the SMA bought
    /// later once the contract ended for good.
    pub fn for_installation(status: SmaStatus, legacy: Option<LegacyPhase>) -> OrderKind {
        match legacy {
            Some(LegacyPhase::Open(_)) => OrderKind::LegacyExtension,
            Some(LegacyPhase::Switched { .. }) => OrderKind::Renewal,
            Some(LegacyPhase::Ended { .. }) => OrderKind::Sma,
            None | Some(LegacyPhase::Superseded) => OrderKind::for_coverage(status),
        }
    }

    /// The orders an installation with an SMA in `status` and a Maintenance Contract in
    /// `legacy` offers, in the order they are shown. A new Maintenance Contract is never
    /// offered (no longer sold).
    pub fn offered(status: SmaStatus, legacy: Option<LegacyPhase>) -> Vec<OrderKind> {
        match legacy {
            Some(LegacyPhase::Open(_)) => vec![
                OrderKind::LegacyExtension,
                OrderKind::SwitchToSma,
                OrderKind::LegacyExpansion,
                OrderKind::Upgrade,
            ],
            Some(LegacyPhase::Switched { .. }) => {
                vec![OrderKind::LegacyExpansion, OrderKind::Upgrade]
            }
            _ => vec![
                OrderKind::for_installation(status, legacy),
                OrderKind::Expansion,
                OrderKind::Upgrade,
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::LegacyStatus;
    use chrono::NaiveDate;

    #[test]
    fn an_sma_that_still_covers_offers_its_renewal_and_one_that_does_not_a_new_sma() {
        assert_eq!(
            OrderKind::offered(SmaStatus::Active, None),
            [OrderKind::Renewal, OrderKind::Expansion, OrderKind::Upgrade]
        );
        assert_eq!(
            OrderKind::for_coverage(SmaStatus::Cancelled),
            OrderKind::Renewal
        );
        assert_eq!(OrderKind::for_coverage(SmaStatus::Lapsed), OrderKind::Sma);
        assert_eq!(OrderKind::offered(SmaStatus::None, None)[0], OrderKind::Sma);
    }

    #[test]
    fn a_maintenance_contract_offers_its_extension_the_switch_and_its_changes() {
        let open = Some(LegacyPhase::Open(LegacyStatus::Grace));
        assert_eq!(
            OrderKind::offered(SmaStatus::None, open),
            [
                OrderKind::LegacyExtension,
                OrderKind::SwitchToSma,
                OrderKind::LegacyExpansion,
                OrderKind::Upgrade
            ]
        );
        assert_eq!(
            OrderKind::for_installation(SmaStatus::None, open),
            OrderKind::LegacyExtension
        );
        let sma_from = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        let switched = Some(LegacyPhase::Switched { sma_from });
        assert_eq!(
            OrderKind::offered(SmaStatus::Active, switched),
            [OrderKind::LegacyExpansion, OrderKind::Upgrade]
        );
        let ended = Some(LegacyPhase::Ended { ended_at: sma_from });
        assert_eq!(
            OrderKind::offered(SmaStatus::None, ended),
            [OrderKind::Sma, OrderKind::Expansion, OrderKind::Upgrade]
        );
        assert_eq!(
            OrderKind::offered(SmaStatus::Active, Some(LegacyPhase::Superseded))[0],
            OrderKind::Renewal
        );
        for legacy in [None, open, switched, ended] {
            assert!(
                !OrderKind::offered(SmaStatus::None, legacy).contains(&OrderKind::LegacyContract)
            );
        }
    }
}
