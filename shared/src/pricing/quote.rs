//! New-purchase quotes: licence lines and, optionally, an SMA schedule (pricing.md sections
//! 2–4; api.md `POST /api/quotes/new`).

use chrono::NaiveDate;

use crate::dates::iso;
use crate::foundation::{Money, PricingError};
use crate::pricing::{
    is_late, schedule_knowing, Configuration, LateCharges, Licence, PriceBook, PriceBooks, SmaYear,
    TermYears, Years,
};

/// An SMA ordered with a new purchase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SmaOrder {
    /// The SMA order date (the licence date when bought together).
    pub order_date: NaiveDate,
    /// 1 or 3 years.
    pub term: TermYears,
}

/// What a new-purchase quote is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPurchase {
    /// The configuration, validated against the book in force on `licence_date`.
    pub config: Configuration,
    /// The licence purchase date.
    pub licence_date: NaiveDate,
    /// The SMA, if any.
    pub sma: Option<SmaOrder>,
    /// How many years to list (the schedule lists `max(years, term)` years).
    pub years: Years,
}

/// The SMA part of a new-purchase quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmaQuote {
    /// The SMA start S: the licence date, or the order date when bought late.
    pub start: NaiveDate,
    /// Whether it was ordered more than 30 days after the licence date.
    pub late: bool,
    /// 1 or 3 years.
    pub term: TermYears,
    /// Back-pay and reinstatement fee of a late SMA.
    pub late_charges: Option<LateCharges>,
    /// The price of the first term: the sum of its years.
    pub first_term: Money,
    /// `max(years, term)` SMA years from index 1.
    pub schedule: Vec<SmaYear>,
}

impl SmaQuote {
    /// Back-pay (0.00 when bought with the software).
    pub fn back_pay(&self) -> Money {
        self.late_charges
            .as_ref()
            .map_or(Money::ZERO, |c| c.back_pay.amount())
    }

    /// Reinstatement fee (0.00 when bought with the software).
    pub fn reinstatement_fee(&self) -> Money {
        self.late_charges
            .as_ref()
            .map_or(Money::ZERO, |c| c.fee.amount)
    }

    /// Back-pay + fee + every year of the schedule.
    pub fn total(&self) -> Money {
        self.back_pay() + self.reinstatement_fee() + self.schedule.iter().map(|y| y.amount).sum()
    }
}

/// A new-purchase quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewQuote {
    /// The currency of every amount.
    pub currency: String,
    /// Licence lines priced with the book in force on the licence date.
    pub licence: Licence,
    /// The SMA, if ordered.
    pub sma: Option<SmaQuote>,
    /// Licence total + back-pay + fee + all schedule amounts.
    pub total_over_years: Money,
}

/// Quotes a new purchase (pricing.md sections 2–4).
///
/// Errors: `no_price_book` (field `licence_date`), `sma_before_licence` (field
/// `sma.order_date`), and a book that lacks a price the configuration needs in a later year.
pub fn quote_new(books: &PriceBooks, purchase: &NewPurchase) -> Result<NewQuote, PricingError> {
    let book = books
        .book_on(purchase.licence_date)
        .map_err(|e| e.with_field("licence_date"))?;
    let licence = purchase.config.price(book)?;
    let sma = match purchase.sma {
        None => None,
        Some(order) => Some(quote_sma(books, (book, licence.total), purchase, order)?),
    };
    let total_over_years = licence.total + sma.as_ref().map_or(Money::ZERO, SmaQuote::total);
    Ok(NewQuote {
        currency: books.currency().to_owned(),
        licence,
        sma,
        total_over_years,
    })
}

/// The SMA part; `licence` is the licence's book and total (a year priced with the same book
/// has that value).
fn quote_sma<'b>(
    books: &'b PriceBooks,
    licence: (&'b PriceBook, Money),
    purchase: &NewPurchase,
    order: SmaOrder,
) -> Result<SmaQuote, PricingError> {
    if order.order_date < purchase.licence_date {
        return Err(PricingError::SmaBeforeLicence {
            field: Some("sma.order_date".into()),
            order_date: iso(order.order_date),
            licence_date: iso(purchase.licence_date),
        });
    }
    let late = is_late(purchase.licence_date, order.order_date);
    let start = if late {
        order.order_date
    } else {
        purchase.licence_date
    };
    let count = purchase.years.get().max(order.term.years());
    let years = schedule_knowing(
        &purchase.config,
        books,
        Some(licence),
        start,
        1,
        count,
        order.term,
    )?;
    let late_charges = late.then(|| LateCharges::compute(purchase.licence_date, &years[0]));
    let first_term = years
        .iter()
        .take(order.term.years() as usize)
        .map(|y| y.amount)
        .sum();
    Ok(SmaQuote {
        start,
        late,
        term: order.term,
        late_charges,
        first_term,
        schedule: years,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::Explain;
    use crate::pricing::{ConfigurationInput, ModuleInput, Quantity};

    use crate::test_dates::d;

    fn example_a(order: Option<SmaOrder>) -> NewPurchase {
        let books = PriceBooks::demo();
        let input = ConfigurationInput {
            edition: "probox".into(),
            cameras: Quantity::new(12).unwrap(),
            modules: ["client", "storage"]
                .iter()
                .map(|s| ModuleInput {
                    sku: (*s).into(),
                    qty: Quantity::new(1).unwrap(),
                })
                .collect(),
        };
        NewPurchase {
            config: Configuration::validate(books.book_on(d(2026, 3, 10)).unwrap(), &input)
                .unwrap(),
            licence_date: d(2026, 3, 10),
            sma: order,
            years: Years::DEFAULT,
        }
    }

    #[test]
    fn example_a_costs_4605_65_over_five_years() {
        let order = SmaOrder {
            order_date: d(2026, 3, 10),
            term: TermYears::One,
        };
        let quote = quote_new(PriceBooks::demo(), &example_a(Some(order))).unwrap();
        let sma = quote.sma.as_ref().unwrap();
        let years: Vec<String> = sma.schedule.iter().map(Explain::explain).collect();
        assert_eq!(
            years,
            [
                "19 % of 2461.00 = 467.59",
                "18 % of 2541.00 = 457.38",
                "17 % of 2541.00 = 431.97",
                "16 % of 2541.00 = 406.56",
                "15 % of 2541.00 = 381.15",
            ]
        );
        assert_eq!(sma.first_term.to_string(), "467.59");
        assert_eq!(quote.total_over_years.to_string(), "4605.65");
    }

    #[test]
    fn an_sma_ordered_before_the_licence_is_refused() {
        let order = SmaOrder {
            order_date: d(2026, 3, 9),
            term: TermYears::One,
        };
        let err = quote_new(PriceBooks::demo(), &example_a(Some(order))).unwrap_err();
        assert_eq!(err.code(), "sma_before_licence");
        assert_eq!(err.field(), Some("sma.order_date"));
    }

    #[test]
    fn without_an_sma_the_total_is_the_licence_total() {
        let quote = quote_new(PriceBooks::demo(), &example_a(None)).unwrap();
        assert_eq!(quote.total_over_years.to_string(), "2461.00");
        assert!(quote.sma.is_none());
    }
}
