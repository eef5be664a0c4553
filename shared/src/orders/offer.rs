//! Which orders an installation offers, decided from the state of its SMA (pricing.md
//! sections 4–6): the order that keeps or restores its coverage, then expansion and upgrade.
//! The portal shows these and no others; the Worker prices whichever is asked and refuses what
//! the stored state does not allow.

use super::OrderKind;
use crate::lifecycle::SmaStatus;

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

    /// The orders an installation with an SMA in `status` offers, in the order they are shown.
    pub fn offered(status: SmaStatus) -> [OrderKind; 3] {
        [
            OrderKind::for_coverage(status),
            OrderKind::Expansion,
            OrderKind::Upgrade,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_sma_that_still_covers_offers_its_renewal_and_one_that_does_not_a_new_sma() {
        assert_eq!(
            OrderKind::offered(SmaStatus::Active),
            [OrderKind::Renewal, OrderKind::Expansion, OrderKind::Upgrade]
        );
        assert_eq!(
            OrderKind::for_coverage(SmaStatus::Cancelled),
            OrderKind::Renewal
        );
        assert_eq!(OrderKind::for_coverage(SmaStatus::Lapsed), OrderKind::Sma);
        assert_eq!(OrderKind::offered(SmaStatus::None)[0], OrderKind::Sma);
    }
}
