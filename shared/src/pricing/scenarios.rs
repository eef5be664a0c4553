//! The calculator's comparison: the cumulative cost of an installation over the years with the
//! SMA bought with the software, bought later, or not at all, including an optional edition
//! upgrade (whose credit only an active SMA earns).
//!
//! Every payment is priced by the rules of pricing.md through the same functions the quotes
//! use; this module only decides when each payment falls.

use chrono::NaiveDate;

use crate::dates::anniversary;
use crate::foundation::{Money, PricingError};
use crate::pricing::{
    quote_upgrade, Configuration, ConfigurationInput, LateCharges, PriceBooks, SmaYear, TermYears,
    UpgradeInput, UpgradeQuote, Years,
};

/// The three ways to buy (or not) the SMA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScenarioKind {
    /// SMA ordered with the software (starts on the licence date).
    WithSoftware,
    /// SMA ordered later, with back-pay and the reinstatement fee.
    Later,
    /// No SMA at all.
    NoSma,
}

/// What a payment is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaymentKind {
    /// The licences.
    Licence,
    /// SMA year `k`.
    SmaYear(u32),
    /// Back-pay and reinstatement fee of a late SMA.
    LateCharges,
    /// The edition upgrade (licence price and co-termed SMA).
    Upgrade,
}

/// One payment of a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    /// When it is due.
    pub date: NaiveDate,
    /// What for.
    pub kind: PaymentKind,
    /// How much.
    pub amount: Money,
}

/// One scenario over the horizon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// Which one.
    pub kind: ScenarioKind,
    /// Every payment before the horizon ends, in date order.
    pub payments: Vec<Payment>,
    /// Cumulative cost at the end of year 1, 2, … N (payments dated before that day).
    pub cumulative: Vec<Money>,
    /// The upgrade quote, when an upgrade falls within the horizon.
    pub upgrade: Option<UpgradeQuote>,
}

impl Scenario {
    /// The cost over the whole horizon.
    pub fn total(&self) -> Money {
        self.cumulative.last().copied().unwrap_or(Money::ZERO)
    }
}

/// An edition upgrade to include in the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpgradePlan {
    /// The target edition's code.
    pub to_edition: String,
    /// The year (1-based) at whose start the upgrade happens.
    pub year: u32,
}

/// What to compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComparisonInput {
    /// The configuration bought.
    pub config: Configuration,
    /// The licence date (year 1 starts here).
    pub licence_date: NaiveDate,
    /// When the "later" scenario orders its SMA.
    pub later_date: NaiveDate,
    /// SMA term of both SMA scenarios.
    pub term: TermYears,
    /// The horizon in years.
    pub years: Years,
    /// An optional edition upgrade.
    pub upgrade: Option<UpgradePlan>,
}

/// The three scenarios side by side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// SMA with the software.
    pub with_software: Scenario,
    /// SMA bought later.
    pub later: Scenario,
    /// No SMA.
    pub no_sma: Scenario,
}

impl Comparison {
    /// The first year (1-based) by whose end the SMA bought with the software has cost no more
    /// than having no SMA, if any within the horizon.
    pub fn break_even_year(&self) -> Option<u32> {
        let with = &self.with_software.cumulative;
        let none = &self.no_sma.cumulative;
        (0..with.len())
            .find(|&i| with[i] <= none[i])
            .map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX))
    }
}

/// Prices the three scenarios.
pub fn compare(books: &PriceBooks, input: &ComparisonInput) -> Result<Comparison, PricingError> {
    Ok(Comparison {
        with_software: scenario(books, input, ScenarioKind::WithSoftware)?,
        later: scenario(books, input, ScenarioKind::Later)?,
        no_sma: scenario(books, input, ScenarioKind::NoSma)?,
    })
}

fn scenario(
    books: &PriceBooks,
    input: &ComparisonInput,
    kind: ScenarioKind,
) -> Result<Scenario, PricingError> {
    let horizon = input.years.get();
    let end = anniversary(input.licence_date, horizon);
    let licence = input.config.value_on(books, input.licence_date)?;
    let mut payments = vec![Payment {
        date: input.licence_date,
        kind: PaymentKind::Licence,
        amount: licence.total,
    }];

    let sma_start = match kind {
        ScenarioKind::WithSoftware => Some(input.licence_date),
        ScenarioKind::Later => Some(input.later_date.max(input.licence_date)),
        ScenarioKind::NoSma => None,
    };
    let upgrade_date = input
        .upgrade
        .as_ref()
        .map(|u| anniversary(input.licence_date, u.year.max(1) - 1));
    let mut upgrade = None;
    let mut target: Option<Configuration> = None;
    if let (Some(plan), Some(date)) = (&input.upgrade, upgrade_date) {
        if date < end {
            let active_start = sma_start.filter(|s| *s <= date);
            let quote = quote_upgrade(
                books,
                &UpgradeInput {
                    config: input.config.clone(),
                    licence_date: input.licence_date,
                    to_edition: plan.to_edition.clone(),
                    upgrade_date: date,
                    sma_start: active_start,
                    recorded_initial_value: None,
                },
            )?;
            payments.push(Payment {
                date,
                kind: PaymentKind::Upgrade,
                amount: quote.total_due,
            });
            let book = books.book_on(date)?;
            let mut wanted: ConfigurationInput = input.config.to_input();
            wanted.edition.clone_from(&plan.to_edition);
            target = Some(Configuration::validate(book, &wanted)?);
            upgrade = Some(quote);
        }
    }
    // The configuration maintained in a year that starts on `d`: the target after the upgrade
    // (a renewal on the upgrade day itself is priced before the upgrade, which co-terms the rise).
    let config_for = |d: NaiveDate| match (&target, upgrade_date) {
        (Some(t), Some(u)) if d > u => t,
        _ => &input.config,
    };
    if let Some(start) = sma_start.filter(|s| *s < end) {
        for k in 1.. {
            let year_start = anniversary(start, k - 1);
            if year_start >= end {
                break;
            }
            let year = SmaYear::price(config_for(year_start), books, start, k, input.term)?;
            if k == 1
                && kind == ScenarioKind::Later
                && crate::pricing::is_late(input.licence_date, start)
            {
                let charges = LateCharges::compute(input.licence_date, &year);
                let amount = charges.back_pay.amount() + charges.fee.amount;
                payments.push(Payment {
                    date: start,
                    kind: PaymentKind::LateCharges,
                    amount,
                });
            }
            payments.push(Payment {
                date: year_start,
                kind: PaymentKind::SmaYear(k),
                amount: year.amount,
            });
        }
    }
    crate::sort_small_by_key(&mut payments, |p| p.date);
    let cumulative = (1..=horizon)
        .map(|t| {
            let until = anniversary(input.licence_date, t);
            payments
                .iter()
                .filter(|p| p.date < until)
                .map(|p| p.amount)
                .sum()
        })
        .collect();
    Ok(Scenario {
        kind,
        payments,
        cumulative,
        upgrade,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::{ModuleInput, Quantity};

    use crate::test_dates::d;

    fn example_a() -> Configuration {
        let books = PriceBooks::demo();
        let input = ConfigurationInput {
            edition: "probox".into(),
            cameras: Quantity::new(12).unwrap(),
            modules: vec![
                ModuleInput {
                    sku: "client".into(),
                    qty: Quantity::new(1).unwrap(),
                },
                ModuleInput {
                    sku: "storage".into(),
                    qty: Quantity::new(1).unwrap(),
                },
            ],
        };
        Configuration::validate(books.book_on(d(2026, 3, 10)).unwrap(), &input).unwrap()
    }

    fn input(upgrade: Option<UpgradePlan>) -> ComparisonInput {
        ComparisonInput {
            config: example_a(),
            licence_date: d(2026, 3, 10),
            later_date: d(2026, 9, 1),
            term: TermYears::One,
            years: Years::DEFAULT,
            upgrade,
        }
    }

    #[test]
    fn with_the_software_matches_worked_example_a_over_five_years() {
        let c = compare(PriceBooks::demo(), &input(None)).unwrap();
        assert_eq!(c.with_software.total().to_string(), "4605.65");
        assert_eq!(c.with_software.cumulative[0].to_string(), "2928.59");
        assert_eq!(c.no_sma.total().to_string(), "2461.00");
    }

    #[test]
    fn buying_later_adds_example_b_charges_and_never_costs_less() {
        let c = compare(PriceBooks::demo(), &input(None)).unwrap();
        let late = c
            .later
            .payments
            .iter()
            .find(|p| p.kind == PaymentKind::LateCharges)
            .unwrap();
        assert_eq!(late.amount.to_string(), "324.19");
        assert_eq!(late.date, d(2026, 9, 1));
        assert!(c.later.cumulative[0] > c.no_sma.cumulative[0]);
    }

    #[test]
    fn an_upgrade_with_an_active_sma_earns_the_credit_and_can_pay_for_the_sma() {
        let plan = UpgradePlan {
            to_edition: "enterprise".into(),
            year: 2,
        };
        let c = compare(PriceBooks::demo(), &input(Some(plan))).unwrap();
        let with = c.with_software.upgrade.as_ref().unwrap();
        let none = c.no_sma.upgrade.as_ref().unwrap();
        assert_eq!(with.credit.to_string(), "2461.00");
        assert_eq!(none.credit, Money::ZERO);
        assert!(with.licence_price < none.licence_price);
        assert_eq!(c.no_sma.cumulative[1], c.no_sma.cumulative[4]);
    }

    #[test]
    fn without_an_upgrade_the_sma_never_breaks_even() {
        let c = compare(PriceBooks::demo(), &input(None)).unwrap();
        assert_eq!(c.break_even_year(), None);
        assert_eq!(c.with_software.cumulative.len(), 5);
    }
}
