//! What the calculator's comparison comes to: whether the SMA bought with the software pays for
//! itself within the horizon (and by how much), or what it adds; and what buying it later costs
//! more. The app words these figures; it does not compute them.

use super::Comparison;
use crate::foundation::Money;

/// The verdict on buying the SMA with the software, against having no SMA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// By the end of `year` it has cost `saved` less than no SMA, because the upgrade
    /// `credit` outweighs its fees.
    PaysOff {
        /// The first year (1-based) by whose end it has cost no more than no SMA.
        year: u32,
        /// How much less it has cost by then.
        saved: Money,
        /// The upgrade credit only an active SMA earns (zero without an upgrade).
        credit: Money,
    },
    /// Over the horizon of `years` it adds `extra` to the cost.
    Adds {
        /// The horizon in years.
        years: u32,
        /// With the SMA less without it, over the horizon.
        extra: Money,
    },
}

impl Comparison {
    /// The verdict on the SMA bought with the software.
    pub fn verdict(&self) -> Verdict {
        let with = &self.with_software;
        let credit = with.upgrade.as_ref().map_or(Money::ZERO, |u| u.credit);
        let at_end_of = |year: u32| {
            let i = usize::try_from(year.saturating_sub(1)).unwrap_or(0);
            let cost = |v: &[Money]| v.get(i).copied().unwrap_or(Money::ZERO);
            cost(&self.no_sma.cumulative) - cost(&with.cumulative)
        };
        match self.break_even_year() {
            Some(year) => Verdict::PaysOff {
                year,
                saved: at_end_of(year),
                credit,
            },
            None => Verdict::Adds {
                years: u32::try_from(with.cumulative.len()).unwrap_or(u32::MAX),
                extra: with.total() - self.no_sma.total(),
            },
        }
    }

    /// How much more buying the SMA later costs over the horizon than buying it with the
    /// software.
    pub fn later_extra(&self) -> Money {
        self.later.total() - self.with_software.total()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{new_purchase, ModuleQty, NewQuoteRequest, WireNumber};
    use crate::pricing::{compare, ComparisonInput, PriceBooks, TermYears, UpgradePlan, Years};

    use crate::test_dates::d;

    /// Example A of pricing.md: a ProBox with 12 cameras, a client and a storage connector.
    fn comparison(upgrade: Option<UpgradePlan>) -> Comparison {
        let books = PriceBooks::demo();
        let request = NewQuoteRequest {
            edition: "probox".into(),
            cameras: WireNumber::from(12),
            modules: vec![ModuleQty::new("client", 1), ModuleQty::new("storage", 1)],
            licence_date: Some("2026-03-10".into()),
            sma: None,
            years: None,
        };
        let purchase = new_purchase(books, &request, d(2026, 3, 10)).unwrap();
        compare(
            books,
            &ComparisonInput {
                config: purchase.config,
                licence_date: d(2026, 3, 10),
                later_date: d(2027, 3, 10),
                term: TermYears::One,
                years: Years::DEFAULT,
                upgrade,
            },
        )
        .unwrap()
    }

    #[test]
    fn without_an_upgrade_the_sma_adds_its_fees_over_the_horizon() {
        let c = comparison(None);
        assert_eq!(
            c.verdict(),
            Verdict::Adds {
                years: 5,
                extra: c.with_software.total() - c.no_sma.total(),
            }
        );
        assert!(c.later_extra() > Money::ZERO);
        assert_eq!(c.later_extra(), c.later.total() - c.with_software.total());
    }

    #[test]
    fn an_upgrade_credit_can_make_the_sma_pay_for_itself() {
        let c = comparison(Some(UpgradePlan {
            to_edition: "enterprise".into(),
            year: 2,
        }));
        let Verdict::PaysOff {
            year,
            saved,
            credit,
        } = c.verdict()
        else {
            panic!("expected the SMA to pay off: {:?}", c.verdict());
        };
        assert_eq!(year, c.break_even_year().unwrap());
        assert_eq!(credit, c.with_software.upgrade.as_ref().unwrap().credit);
        let i = usize::try_from(year - 1).unwrap();
        assert_eq!(
            saved,
            c.no_sma.cumulative[i] - c.with_software.cumulative[i]
        );
        assert!(saved >= Money::ZERO);
    }
}
