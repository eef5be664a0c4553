//! Price books: editions, modules and their list prices, versioned by `valid_from`.
//!
//! The demo books of `pricebook.toml` are embedded at build time (see `build.rs`) and returned
//! by [`PriceBooks::demo`]. Other books can be built with [`PriceBooks::new`] from
//! [`PriceBook`], [`Edition`] and [`Module`] values parsed elsewhere.

use std::fmt;
use std::sync::OnceLock;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use thiserror::Error;

use crate::dates::iso;
use crate::foundation::{one_of, Money, PricingError};

/// Checks the shape shared by edition codes and skus: 1–32 of `a-z 0-9 _ -`.
fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 32
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// An edition code such as `probox`: 1–32 lowercase letters, digits, `_` or `-`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EditionCode(String);

impl EditionCode {
    /// Parses a code; `None` when it is not shaped like one.
    pub fn parse(text: &str) -> Option<EditionCode> {
        is_code(text).then(|| EditionCode(text.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EditionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A module sku such as `client`: 1–32 lowercase letters, digits, `_` or `-`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sku(String);

impl Sku {
    /// The sku of camera channels, priced per edition but set through the `cameras` field.
    pub const CAMERA: &'static str = "camera";

    /// Parses a sku; `None` when it is not shaped like one.
    pub fn parse(text: &str) -> Option<Sku> {
        is_code(text).then(|| Sku(text.to_owned()))
    }

    /// The sku as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the `camera` sku.
    pub fn is_camera(&self) -> bool {
        self.0 == Self::CAMERA
    }
}

impl fmt::Display for Sku {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An edition of the product in one price book.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edition {
    /// Code, e.g. `probox`.
    pub code: EditionCode,
    /// Display name, e.g. `ProBox`.
    pub name: String,
    /// Upgrade order: an upgrade goes to a higher rank.
    pub rank: u32,
    /// Price of the base licence.
    pub base_price: Money,
    /// Cameras included in the base licence.
    pub included_cameras: u32,
    /// Most cameras the edition allows; `None` for unlimited.
    pub max_cameras: Option<u32>,
}

/// A module (or the camera channel) with its per-edition prices in one price book.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    /// Sku, e.g. `client`.
    pub sku: Sku,
    /// Display name, e.g. `Client workstation`.
    pub name: String,
    /// What one unit is, e.g. `workstation`.
    pub unit: String,
    /// Whether the quantity may not exceed the installation's cameras.
    pub per_camera: bool,
    /// Unit price per edition, in the book's edition order; an edition missing here cannot
    /// have the module.
    pub prices: Vec<(EditionCode, Money)>,
}

impl Module {
    /// The unit price for an edition, if the edition can have this module.
    pub fn price_for(&self, edition: &EditionCode) -> Option<Money> {
        self.prices
            .iter()
            .find(|(code, _)| code == edition)
            .map(|(_, price)| *price)
    }
}

/// One price book, in force from `valid_from` until the next book's `valid_from`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceBook {
    id: String,
    valid_from: NaiveDate,
    editions: Vec<Edition>,
    modules: Vec<Module>,
}

impl PriceBook {
    /// A book from its parts; checked by [`PriceBooks::new`].
    pub fn new(
        id: impl Into<String>,
        valid_from: NaiveDate,
        editions: Vec<Edition>,
        modules: Vec<Module>,
    ) -> PriceBook {
        PriceBook {
            id: id.into(),
            valid_from,
            editions,
            modules,
        }
    }

    /// The book's id, e.g. `2026`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The first day the book is in force.
    pub fn valid_from(&self) -> NaiveDate {
        self.valid_from
    }

    /// Editions in the book's order.
    pub fn editions(&self) -> &[Edition] {
        &self.editions
    }

    /// Modules in the book's order, including `camera`.
    pub fn modules(&self) -> &[Module] {
        &self.modules
    }

    /// The editions an edition of `rank` can be upgraded to, lowest rank first.
    pub fn editions_above(&self, rank: u32) -> Vec<&Edition> {
        let mut higher: Vec<&Edition> = self.editions.iter().filter(|e| e.rank > rank).collect();
        crate::sort_small_by_key(&mut higher, |e| e.rank);
        higher
    }

    /// The edition with this code.
    pub fn edition(&self, code: &EditionCode) -> Option<&Edition> {
        self.editions.iter().find(|e| &e.code == code)
    }

    /// The module with this sku (including `camera`).
    pub fn module(&self, sku: &Sku) -> Option<&Module> {
        self.modules.iter().find(|m| &m.sku == sku)
    }

    /// The camera channel (the module with the `camera` sku).
    pub fn camera(&self) -> Option<&Module> {
        self.modules.iter().find(|m| m.sku.is_camera())
    }

    /// The camera channel price for an edition.
    pub fn camera_price(&self, edition: &EditionCode) -> Option<Money> {
        self.camera().and_then(|m| m.price_for(edition))
    }

    /// Finds an edition by the code a customer typed; `unknown_edition` for `field` otherwise.
    pub fn find_edition(
        &self,
        text: &str,
        field: impl fmt::Display,
    ) -> Result<&Edition, PricingError> {
        let found = is_code(text)
            .then(|| self.editions.iter().find(|e| e.code.as_str() == text))
            .flatten();
        found.ok_or_else(|| PricingError::UnknownEdition {
            field: Some(field.to_string()),
            edition: text.to_owned(),
            choices: one_of(
                &self
                    .editions
                    .iter()
                    .map(|e| e.code.to_string())
                    .collect::<Vec<_>>(),
            ),
        })
    }

    /// Finds a module (not `camera`) by the sku a customer typed; `unknown_module` for
    /// `field` otherwise.
    pub fn find_module(
        &self,
        text: &str,
        field: impl fmt::Display,
    ) -> Result<&Module, PricingError> {
        self.find_module_at(text, field).map(|(_, module)| module)
    }

    /// [`PriceBook::find_module`] with the module's position in the book's order (which orders
    /// licence lines).
    pub(crate) fn find_module_at(
        &self,
        text: &str,
        field: impl fmt::Display,
    ) -> Result<(usize, &Module), PricingError> {
        let found = is_code(text)
            .then(|| {
                self.modules
                    .iter()
                    .enumerate()
                    .find(|(_, m)| m.sku.as_str() == text)
            })
            .flatten();
        match found {
            Some((position, module)) if !module.sku.is_camera() => Ok((position, module)),
            Some(_) => Err(PricingError::UnknownModule {
                field: Some(field.to_string()),
                sku: text.to_owned(),
                advice: "Cameras are not a module: give their total number in the `cameras` field."
                    .to_owned(),
            }),
            None => Err(PricingError::UnknownModule {
                field: Some(field.to_string()),
                sku: text.to_owned(),
                advice: format!(
                    "There is no module `{text}`; choose one of {}.",
                    one_of(
                        &self
                            .modules
                            .iter()
                            .filter(|m| !m.sku.is_camera())
                            .map(|m| m.sku.to_string())
                            .collect::<Vec<_>>()
                    )
                ),
            }),
        }
    }
}

/// Why a set of price books was refused when loaded.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum BookError {
    /// No book at all.
    #[error("a price list needs at least one book")]
    Empty,
    /// The currency is not a three-letter ISO code.
    #[error("currency `{0}` is not an ISO code like EUR")]
    Currency(String),
    /// Two books with the same id or the same `valid_from`.
    #[error("book `{0}` repeats an id or a valid_from date")]
    Duplicate(String),
    /// A repeated edition code or sku, or a code that is not shaped like one.
    #[error("book `{book}`: `{code}` is repeated or malformed")]
    BadCode {
        /// The book's id.
        book: String,
        /// The code at fault.
        code: String,
    },
    /// A module price for an edition the book does not have.
    #[error("book `{book}`: module `{sku}` is priced for unknown edition `{edition}`")]
    UnknownEdition {
        /// The book's id.
        book: String,
        /// The module.
        sku: String,
        /// The unknown edition code.
        edition: String,
    },
    /// No `camera` module, or one without a price for every edition.
    #[error("book `{0}`: every edition needs a camera price")]
    CameraPrice(String),
    /// A negative price, or `max_cameras` below `included_cameras`.
    #[error(
        "book `{book}`: `{code}` has a negative price or a camera limit below the included cameras"
    )]
    BadNumber {
        /// The book's id.
        book: String,
        /// The edition or module at fault.
        code: String,
    },
}

/// All price books of a currency, ordered by `valid_from`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceBooks {
    currency: String,
    books: Vec<PriceBook>,
}

impl PriceBooks {
    /// Checks and orders a set of books (any order in, ascending `valid_from` out).
    pub fn new(
        currency: impl Into<String>,
        mut books: Vec<PriceBook>,
    ) -> Result<PriceBooks, BookError> {
        let currency = currency.into();
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(BookError::Currency(currency));
        }
        if books.is_empty() {
            return Err(BookError::Empty);
        }
        crate::sort_small_by_key(&mut books, |b| b.valid_from);
        for (i, book) in books.iter().enumerate() {
            if books[..i]
                .iter()
                .any(|b| b.id == book.id || b.valid_from == book.valid_from)
            {
                return Err(BookError::Duplicate(book.id.clone()));
            }
            check_book(book)?;
        }
        Ok(PriceBooks { currency, books })
    }

    /// The demo price books of `pricebook.toml`, embedded at build time (built once, then
    /// shared).
    pub fn demo() -> &'static PriceBooks {
        static DEMO_BOOKS: OnceLock<PriceBooks> = OnceLock::new();
        DEMO_BOOKS.get_or_init(PriceBooks::embedded)
    }

    /// A fresh copy of the embedded demo price books.
    pub fn embedded() -> PriceBooks {
        embedded::build(&embedded::DEMO)
    }

    /// The currency of every amount, e.g. `EUR`.
    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// The books, oldest first.
    pub fn books(&self) -> &[PriceBook] {
        &self.books
    }

    /// The book in force on `date`; `no_price_book` (without a field) before the first one.
    pub fn book_on(&self, date: NaiveDate) -> Result<&PriceBook, PricingError> {
        self.books
            .iter()
            .rev()
            .find(|b| b.valid_from <= date)
            .ok_or_else(|| PricingError::NoPriceBook {
                field: None,
                date: iso(date),
                first: iso(self.books[0].valid_from),
            })
    }

    /// The book with this id.
    pub fn book(&self, id: &str) -> Option<&PriceBook> {
        self.books.iter().find(|b| b.id == id)
    }
}

fn check_book(book: &PriceBook) -> Result<(), BookError> {
    let bad_code = |code: &str| BookError::BadCode {
        book: book.id.clone(),
        code: code.to_owned(),
    };
    let bad_number = |code: &str| BookError::BadNumber {
        book: book.id.clone(),
        code: code.to_owned(),
    };
    for (i, e) in book.editions.iter().enumerate() {
        if !is_code(e.code.as_str()) || book.editions[..i].iter().any(|o| o.code == e.code) {
            return Err(bad_code(e.code.as_str()));
        }
        if e.base_price.is_negative() || e.max_cameras.is_some_and(|max| max < e.included_cameras) {
            return Err(bad_number(e.code.as_str()));
        }
    }
    for (i, m) in book.modules.iter().enumerate() {
        if !is_code(m.sku.as_str()) || book.modules[..i].iter().any(|o| o.sku == m.sku) {
            return Err(bad_code(m.sku.as_str()));
        }
        for (edition, price) in &m.prices {
            if book.edition(edition).is_none() {
                return Err(BookError::UnknownEdition {
                    book: book.id.clone(),
                    sku: m.sku.to_string(),
                    edition: edition.to_string(),
                });
            }
            if price.is_negative() {
                return Err(bad_number(m.sku.as_str()));
            }
        }
    }
    if book
        .editions
        .iter()
        .any(|e| book.camera_price(&e.code).is_none())
    {
        return Err(BookError::CameraPrice(book.id.clone()));
    }
    Ok(())
}

/// The price books generated from `pricebook.toml` by `build.rs`.
mod embedded {
    use super::*;

    /// An amount as (mantissa, scale): `(129000, 2)` is 1290.00.
    type RawMoney = (i64, u32);

    pub(super) struct RawBooks {
        pub currency: &'static str,
        pub books: &'static [RawBook],
    }

    pub(super) struct RawBook {
        pub id: &'static str,
        pub valid_from: (i32, u32, u32),
        pub editions: &'static [RawEdition],
        pub modules: &'static [RawModule],
    }

    pub(super) struct RawEdition {
        pub code: &'static str,
        pub name: &'static str,
        pub rank: u32,
        pub base_price: RawMoney,
        pub included_cameras: u32,
        pub max_cameras: Option<u32>,
    }

    pub(super) struct RawModule {
        pub sku: &'static str,
        pub name: &'static str,
        pub unit: &'static str,
        pub per_camera: bool,
        pub prices: &'static [(&'static str, RawMoney)],
    }

    include!(concat!(env!("OUT_DIR"), "/pricebook_data.rs"));

    fn money((mantissa, scale): RawMoney) -> Money {
        Money::from_decimal(Decimal::new(mantissa, scale)).expect("checked by build.rs")
    }

    fn code(text: &str) -> EditionCode {
        EditionCode::parse(text).expect("checked by build.rs")
    }

    pub(super) fn build(raw: &RawBooks) -> PriceBooks {
        let books = raw
            .books
            .iter()
            .map(|b| {
                let (y, m, d) = b.valid_from;
                PriceBook::new(
                    b.id,
                    NaiveDate::from_ymd_opt(y, m, d).expect("checked by build.rs"),
                    b.editions
                        .iter()
                        .map(|e| Edition {
                            code: code(e.code),
                            name: e.name.to_owned(),
                            rank: e.rank,
                            base_price: money(e.base_price),
                            included_cameras: e.included_cameras,
                            max_cameras: e.max_cameras,
                        })
                        .collect(),
                    b.modules
                        .iter()
                        .map(|m| Module {
                            sku: Sku::parse(m.sku).expect("checked by build.rs"),
                            name: m.name.to_owned(),
                            unit: m.unit.to_owned(),
                            per_camera: m.per_camera,
                            prices: m.prices.iter().map(|(e, p)| (code(e), money(*p))).collect(),
                        })
                        .collect(),
                )
            })
            .collect();
        PriceBooks::new(raw.currency, books).expect("checked by build.rs")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_dates::d;

    #[test]
    fn the_demo_books_are_embedded_with_their_prices() {
        let books = PriceBooks::demo();
        assert_eq!(books.currency(), "EUR");
        assert_eq!(books.books().len(), 2);
        let b2026 = books.book("2026").unwrap();
        let probox = b2026
            .edition(&EditionCode::parse("probox").unwrap())
            .unwrap();
        assert_eq!(probox.base_price.to_string(), "1290.00");
        assert_eq!(probox.max_cameras, Some(32));
        let enterprise = b2026
            .edition(&EditionCode::parse("enterprise").unwrap())
            .unwrap();
        assert_eq!(enterprise.max_cameras, None);
        assert_eq!(
            b2026.camera_price(&probox.code).unwrap().to_string(),
            "79.00"
        );
        let analytics = b2026.module(&Sku::parse("analytics").unwrap()).unwrap();
        assert!(analytics.per_camera);
        assert_eq!(analytics.price_for(&probox.code), None);
    }

    #[test]
    fn the_book_in_force_changes_on_its_valid_from_date() {
        let books = PriceBooks::demo();
        assert_eq!(books.book_on(d(2026, 12, 31)).unwrap().id(), "2026");
        assert_eq!(books.book_on(d(2027, 1, 1)).unwrap().id(), "2027");
        assert_eq!(books.book_on(d(2040, 6, 1)).unwrap().id(), "2027");
    }

    #[test]
    fn a_date_before_the_first_book_has_no_price_book() {
        let err = PriceBooks::demo().book_on(d(2025, 12, 31)).unwrap_err();
        assert_eq!(err.code(), "no_price_book");
        assert_eq!(
            err.message(),
            "There are no prices for 2025-12-31; prices start on 2026-01-01."
        );
    }

    #[test]
    fn camera_is_not_a_module_a_customer_can_list() {
        let book = PriceBooks::demo().book("2026").unwrap();
        let err = book.find_module("camera", "modules[0].sku").unwrap_err();
        assert_eq!(err.code(), "unknown_module");
        assert!(err.message().contains("`cameras` field"));
        let err = book.find_module("Client", "modules[0].sku").unwrap_err();
        assert_eq!(err.code(), "unknown_module");
        assert!(book.find_module("client", "x").is_ok());
    }

    #[test]
    fn books_are_checked_when_loaded() {
        let demo = PriceBooks::embedded();
        let mut books = demo.books().to_vec();
        books[1].id = "2026".into();
        assert_eq!(
            PriceBooks::new("EUR", books).unwrap_err(),
            BookError::Duplicate("2026".into())
        );
        let mut book = demo.books()[0].clone();
        book.modules.retain(|m| !m.sku.is_camera());
        assert_eq!(
            PriceBooks::new("EUR", vec![book]).unwrap_err(),
            BookError::CameraPrice("2026".into())
        );
        assert_eq!(
            PriceBooks::new("EUR", vec![]).unwrap_err(),
            BookError::Empty
        );
        assert!(PriceBooks::new("euro", demo.books().to_vec()).is_err());
    }

    #[test]
    fn books_given_in_any_order_are_sorted_by_valid_from() {
        let mut books = PriceBooks::embedded().books().to_vec();
        books.reverse();
        let sorted = PriceBooks::new("EUR", books).unwrap();
        assert_eq!(sorted.books()[0].id(), "2026");
    }
}
