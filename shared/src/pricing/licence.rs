//! Licence lines and their total (pricing.md section 2): `qty × unit price`, each rounded once.

use crate::foundation::{Explain, Money};

/// A licence line's price before its texts are written.
pub(crate) struct LinePrice<'a> {
    pub sku: &'a str,
    pub name: LineName<'a>,
    pub qty: u32,
    pub unit_price: Money,
}

/// What a licence line's description is made of.
pub(crate) enum LineName<'a> {
    /// The base licence of the edition with this name.
    Base(&'a str),
    /// A module's (or the camera channel's) name.
    Module(&'a str),
}

impl LineName<'_> {
    /// `ProBox base licence`, or the module's name.
    pub fn text(&self) -> String {
        match self {
            LineName::Base(edition) => [edition, " base licence"].concat(),
            LineName::Module(name) => (*name).to_owned(),
        }
    }
}

/// `round(qty × unit_price)`: a line's amount.
pub(crate) fn line_amount(qty: u32, unit_price: Money) -> Money {
    Money::round(unit_price.times(qty))
}

/// One licence line: `qty × unit_price = amount`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LicenceLine {
    /// `base`, `camera` or the module's sku.
    pub sku: String,
    /// E.g. `ProBox base licence` or `Client workstation`.
    pub description: String,
    /// Units billed (for `camera`, the cameras above those included).
    pub qty: u32,
    /// List price of one unit.
    pub unit_price: Money,
    /// `round(qty × unit_price)`.
    pub amount: Money,
}

impl LicenceLine {
    /// A line, its amount rounded once.
    pub fn new(
        sku: impl Into<String>,
        description: String,
        qty: u32,
        unit_price: Money,
    ) -> LicenceLine {
        LicenceLine {
            sku: sku.into(),
            description,
            qty,
            unit_price,
            amount: line_amount(qty, unit_price),
        }
    }
}

impl Explain for LicenceLine {
    /// `8 × 79.00 = 632.00`.
    fn explain(&self) -> String {
        format!("{} × {} = {}", self.qty, self.unit_price, self.amount)
    }
}

/// Licence lines priced with one book, and their total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Licence {
    /// The id of the book the lines are priced with.
    pub price_book: String,
    /// Base, camera and module lines (quantity 0 left out).
    pub lines: Vec<LicenceLine>,
    /// The sum of the line amounts.
    pub total: Money,
}
