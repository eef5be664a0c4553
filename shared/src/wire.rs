//! JSON wire types of the public quote endpoints and the catalog (api.md), and the functions
//! that the Worker and the browser both call to answer them.
//!
//! Requests refuse unknown fields (`#[serde(deny_unknown_fields)]`), so a serde error is a
//! 400 `malformed_request`. Numbers that are quantities accept any JSON number, so `-1`, `1.5`
//! or `20000` reach validation and become a 422 `invalid_quantity`, while a string stays a
//! type error (400). Dates are strings parsed during validation, so `"2026-02-30"` is a 422
//! `invalid_date` with its field. Every pricing error is a 422 with [`ErrorBody`].
//!
//! Amounts are strings with exactly two decimals (`"1290.00"`), rates percent strings (`"19"`),
//! dates `YYYY-MM-DD`.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::account::OrderKind;
use crate::change::{self, ExpansionInput, ExpansionQuote, UpgradeInput, UpgradeQuote};
use crate::config::{Configuration, ConfigurationInput, LicenceLine, ModuleInput, Quantity};
use crate::dates::parse_date;
use crate::error::PricingError;
use crate::money::{Money, Rate};
use crate::pricebook::{PriceBook, PriceBooks};
use crate::quote::{self, NewPurchase, NewQuote, SmaOrder};
use crate::sma::{CoTerm, SmaYear, TermYears, Years};

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/// Any JSON number, kept as sent so validation can refuse it with a 422 and its field.
///
/// Whole numbers written with a fraction or exponent (`2.0`, `1e3`) count as whole.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WireNumber {
    /// A non-negative integer.
    Unsigned(u64),
    /// A negative integer.
    Signed(i64),
    /// A number with a fraction or an exponent.
    Float(f64),
}

impl WireNumber {
    /// The number as an integer, if it is a whole number that fits in an `i64`.
    pub fn as_integer(&self) -> Option<i64> {
        match *self {
            WireNumber::Unsigned(v) => i64::try_from(v).ok(),
            WireNumber::Signed(v) => Some(v),
            WireNumber::Float(v) => {
                let whole = v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15;
                // The range check above keeps the cast exact.
                whole.then_some(v as i64)
            }
        }
    }
}

impl From<u32> for WireNumber {
    fn from(value: u32) -> WireNumber {
        WireNumber::Unsigned(u64::from(value))
    }
}

impl fmt::Display for WireNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireNumber::Unsigned(v) => write!(f, "{v}"),
            WireNumber::Signed(v) => write!(f, "{v}"),
            WireNumber::Float(v) => write!(f, "{v}"),
        }
    }
}

impl Serialize for WireNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            WireNumber::Unsigned(v) => serializer.serialize_u64(v),
            WireNumber::Signed(v) => serializer.serialize_i64(v),
            WireNumber::Float(v) => serializer.serialize_f64(v),
        }
    }
}

impl<'de> Deserialize<'de> for WireNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<WireNumber, D::Error> {
        struct NumberVisitor;

        impl Visitor<'_> for NumberVisitor {
            type Value = WireNumber;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<WireNumber, E> {
                Ok(WireNumber::Unsigned(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<WireNumber, E> {
                Ok(if v >= 0 {
                    WireNumber::Unsigned(v.unsigned_abs())
                } else {
                    WireNumber::Signed(v)
                })
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<WireNumber, E> {
                Ok(WireNumber::Float(v))
            }
        }

        deserializer.deserialize_any(NumberVisitor)
    }
}

fn quantity(n: &WireNumber, field: &str) -> Result<Quantity, PricingError> {
    n.as_integer()
        .and_then(|i| Quantity::try_from(i).ok())
        .ok_or_else(|| PricingError::InvalidQuantity {
            field: Some(field.to_owned()),
            given: n.to_string(),
        })
}

fn term(n: Option<&WireNumber>, field: &str) -> Result<TermYears, PricingError> {
    let Some(n) = n else {
        return Ok(TermYears::One);
    };
    n.as_integer()
        .and_then(|i| TermYears::try_from(i).ok())
        .ok_or_else(|| PricingError::InvalidTerm {
            field: Some(field.to_owned()),
            given: n.to_string(),
        })
}

fn years(n: Option<&WireNumber>) -> Result<Years, PricingError> {
    let Some(n) = n else {
        return Ok(Years::DEFAULT);
    };
    n.as_integer()
        .and_then(|i| Years::try_from(i).ok())
        .ok_or_else(|| PricingError::InvalidYears {
            field: Some("years".into()),
            given: n.to_string(),
        })
}

fn date_or(text: Option<&str>, field: &str, default: NaiveDate) -> Result<NaiveDate, PricingError> {
    text.map_or(Ok(default), |t| parse_date(t, field))
}

fn optional_date(text: Option<&str>, field: &str) -> Result<Option<NaiveDate>, PricingError> {
    text.map(|t| parse_date(t, field)).transpose()
}

// ---------------------------------------------------------------------------------------------
// Shared shapes
// ---------------------------------------------------------------------------------------------

/// A module and its quantity, as in `"modules": [{"sku": "client", "qty": 1}]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleQty {
    /// The module's sku.
    pub sku: String,
    /// How many.
    pub qty: WireNumber,
}

impl ModuleQty {
    /// A module line from plain values.
    pub fn new(sku: impl Into<String>, qty: u32) -> ModuleQty {
        ModuleQty {
            sku: sku.into(),
            qty: qty.into(),
        }
    }
}

fn modules(list: &[ModuleQty], prefix: &str) -> Result<Vec<ModuleInput>, PricingError> {
    list.iter()
        .enumerate()
        .map(|(i, m)| {
            Ok(ModuleInput {
                sku: m.sku.clone(),
                qty: quantity(&m.qty, &format!("{prefix}[{i}].qty"))?,
            })
        })
        .collect()
}

fn configuration_input(
    edition: &str,
    cameras: &WireNumber,
    list: &[ModuleQty],
) -> Result<ConfigurationInput, PricingError> {
    Ok(ConfigurationInput {
        edition: edition.to_owned(),
        cameras: quantity(cameras, "cameras")?,
        modules: modules(list, "modules")?,
    })
}

fn book_on<'a>(
    books: &'a PriceBooks,
    date: NaiveDate,
    field: &str,
) -> Result<&'a PriceBook, PricingError> {
    books.book_on(date).map_err(|e| e.with_field(field))
}

/// A licence line: `{"sku", "description", "qty", "unit_price", "amount"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// `base`, `camera` or the module's sku.
    pub sku: String,
    /// E.g. `ProBox base licence`.
    pub description: String,
    /// Units billed (for `camera`, the channels above those included).
    pub qty: u32,
    /// Price of one unit.
    pub unit_price: Money,
    /// `qty × unit_price`.
    pub amount: Money,
}

impl From<&LicenceLine> for Line {
    fn from(line: &LicenceLine) -> Line {
        Line {
            sku: line.sku.clone(),
            description: line.description.clone(),
            qty: line.qty,
            unit_price: line.unit_price,
            amount: line.amount,
        }
    }
}

fn lines(list: &[LicenceLine]) -> Vec<Line> {
    list.iter().map(Line::from).collect()
}

/// How an amount was co-termed with the current SMA year (an extra, explanatory field):
/// `base × rate × days_left / days_in_year = amount`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoTermDetail {
    /// The current SMA year index k.
    pub year: u32,
    /// The first day of year k.
    pub year_start: NaiveDate,
    /// The last day of year k.
    pub year_end: NaiveDate,
    /// The amount co-termed (licence price, or rise in maintained value).
    pub base: Money,
    /// The rate of year k.
    pub rate: Rate,
    /// Days from the change to the next anniversary.
    pub days_left: u32,
    /// Days in year k.
    pub days_in_year: u32,
    /// The rounded result.
    pub amount: Money,
}

impl From<&CoTerm> for CoTermDetail {
    fn from(co: &CoTerm) -> CoTermDetail {
        CoTermDetail {
            year: co.year.index,
            year_start: co.year.start,
            year_end: co.year.last_day(),
            base: co.calc.base,
            rate: co.calc.rate,
            days_left: co.calc.days,
            days_in_year: co.calc.day_count,
            amount: co.calc.amount,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// POST /api/quotes/new
// ---------------------------------------------------------------------------------------------

/// The SMA part of a new-purchase request: `{"order_date", "term_years"}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmaRequest {
    /// Defaults to the licence date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_date: Option<String>,
    /// 1 (default) or 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_years: Option<WireNumber>,
}

/// `POST /api/quotes/new` request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewQuoteRequest {
    /// Edition code.
    pub edition: String,
    /// Total number of cameras.
    pub cameras: WireNumber,
    /// Other modules (default `[]`).
    #[serde(default)]
    pub modules: Vec<ModuleQty>,
    /// Licence date (default today, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence_date: Option<String>,
    /// The SMA, `null` (default) for none.
    #[serde(default)]
    pub sma: Option<SmaRequest>,
    /// Years to list, 1–10 (default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<WireNumber>,
}

/// One SMA year of the schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleYear {
    /// Year index k.
    pub year: u32,
    /// First day.
    pub start: NaiveDate,
    /// Last day (the day before the next anniversary).
    pub end: NaiveDate,
    /// The book in force on `start`.
    pub price_book: String,
    /// Maintained value on `start`.
    pub value: Money,
    /// Rate of year k.
    pub rate: Rate,
    /// The 3-year term discount subtracted (extra field; `"0.00"` for a 1-year term).
    pub discount: Money,
    /// `round(value × rate) − discount`.
    pub amount: Money,
}

impl From<&SmaYear> for ScheduleYear {
    fn from(y: &SmaYear) -> ScheduleYear {
        ScheduleYear {
            year: y.year,
            start: y.start,
            end: y.end,
            price_book: y.price_book.clone(),
            value: y.value,
            rate: y.rate,
            discount: y.discount,
            amount: y.amount,
        }
    }
}

/// The SMA part of a new-purchase quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmaResponse {
    /// The SMA start S.
    pub start: NaiveDate,
    /// Ordered more than 30 days after the licence date.
    pub late: bool,
    /// 1 or 3.
    pub term_years: u32,
    /// Back-pay (`"0.00"` unless late).
    pub back_pay: Money,
    /// Days charged as back-pay, at most 1 095 (extra field; 0 unless late).
    pub back_pay_days: u32,
    /// Reinstatement fee (`"0.00"` unless late).
    pub reinstatement_fee: Money,
    /// The first term's price.
    pub first_term: Money,
    /// `max(years, term_years)` years.
    pub schedule: Vec<ScheduleYear>,
}

/// `POST /api/quotes/new` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewQuoteResponse {
    /// `EUR`.
    pub currency: String,
    /// The book of the licence lines (in force on the licence date).
    pub price_book: String,
    /// Licence lines.
    pub lines: Vec<Line>,
    /// Sum of the lines.
    pub licence_total: Money,
    /// The SMA, `null` without one.
    pub sma: Option<SmaResponse>,
    /// Licence total + back-pay + fee + all schedule amounts.
    pub total_over_years: Money,
}

impl From<&NewQuote> for NewQuoteResponse {
    fn from(q: &NewQuote) -> NewQuoteResponse {
        NewQuoteResponse {
            currency: q.currency.clone(),
            price_book: q.licence.price_book.clone(),
            lines: lines(&q.licence.lines),
            licence_total: q.licence.total,
            sma: q.sma.as_ref().map(|s| SmaResponse {
                start: s.start,
                late: s.late,
                term_years: s.term.years(),
                back_pay: s.back_pay(),
                back_pay_days: s.late_charges.as_ref().map_or(0, |c| c.back_pay.days()),
                reinstatement_fee: s.reinstatement_fee(),
                first_term: s.first_term,
                schedule: s.schedule.iter().map(ScheduleYear::from).collect(),
            }),
            total_over_years: q.total_over_years,
        }
    }
}

/// Validates a `POST /api/quotes/new` request and prices it. `today` (UTC) is the default
/// licence date.
pub fn quote_new(
    books: &PriceBooks,
    req: &NewQuoteRequest,
    today: NaiveDate,
) -> Result<NewQuoteResponse, PricingError> {
    new_purchase(books, req, today)
        .and_then(|p| quote::quote_new(books, &p))
        .map(|q| NewQuoteResponse::from(&q))
}

/// Validates a `POST /api/quotes/new` request into the domain's [`NewPurchase`].
pub fn new_purchase(
    books: &PriceBooks,
    req: &NewQuoteRequest,
    today: NaiveDate,
) -> Result<NewPurchase, PricingError> {
    let input = configuration_input(&req.edition, &req.cameras, &req.modules)?;
    let licence_date = date_or(req.licence_date.as_deref(), "licence_date", today)?;
    let sma = match &req.sma {
        None => None,
        Some(s) => Some(SmaOrder {
            order_date: date_or(s.order_date.as_deref(), "sma.order_date", licence_date)?,
            term: term(s.term_years.as_ref(), "sma.term_years")?,
        }),
    };
    let years = years(req.years.as_ref())?;
    let book = book_on(books, licence_date, "licence_date")?;
    let config = Configuration::validate(book, &input)?;
    Ok(NewPurchase {
        config,
        licence_date,
        sma,
        years,
    })
}

// ---------------------------------------------------------------------------------------------
// POST /api/quotes/upgrade
// ---------------------------------------------------------------------------------------------

/// `POST /api/quotes/upgrade` request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpgradeQuoteRequest {
    /// Current edition code.
    pub edition: String,
    /// Total number of cameras.
    pub cameras: WireNumber,
    /// Other modules (default `[]`).
    #[serde(default)]
    pub modules: Vec<ModuleQty>,
    /// The original licence date.
    pub licence_date: String,
    /// Target edition code.
    pub to_edition: String,
    /// Upgrade date (default today, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_date: Option<String>,
    /// First day of uninterrupted SMA coverage, `null` (default) without an SMA.
    #[serde(default)]
    pub sma_start: Option<String>,
}

/// `POST /api/quotes/upgrade` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpgradeQuoteResponse {
    /// `EUR`.
    pub currency: String,
    /// The book in force on the upgrade date.
    pub price_book: String,
    /// The target configuration's lines.
    pub lines: Vec<Line>,
    /// The target configuration's total.
    pub target_total: Money,
    /// The initial installation priced with the book in force on the licence date.
    pub initial_value: Money,
    /// Whether an SMA is active on the upgrade date.
    pub sma_active: bool,
    /// `initial_value` with an active SMA, else `"0.00"`.
    pub credit: Money,
    /// `max(0, target_total − credit)`.
    pub licence_price: Money,
    /// Co-termed rise in maintained value (`"0.00"` without an SMA).
    pub sma_adjustment: Money,
    /// `licence_price + sma_adjustment`.
    pub total_due: Money,
    /// The current configuration's value on the upgrade date (extra field).
    pub current_value: Money,
    /// How `sma_adjustment` was computed, `null` without an SMA (extra field).
    pub co_term: Option<CoTermDetail>,
}

impl From<&UpgradeQuote> for UpgradeQuoteResponse {
    fn from(q: &UpgradeQuote) -> UpgradeQuoteResponse {
        UpgradeQuoteResponse {
            currency: q.currency.clone(),
            price_book: q.price_book.clone(),
            lines: lines(&q.lines),
            target_total: q.target_total,
            initial_value: q.initial_value,
            sma_active: q.sma_active,
            credit: q.credit,
            licence_price: q.licence_price,
            sma_adjustment: q.sma_adjustment,
            total_due: q.total_due,
            current_value: q.current_value,
            co_term: q.co_term.as_ref().map(CoTermDetail::from),
        }
    }
}

/// Validates a `POST /api/quotes/upgrade` request and prices it. `today` (UTC) is the default
/// upgrade date.
pub fn quote_upgrade(
    books: &PriceBooks,
    req: &UpgradeQuoteRequest,
    today: NaiveDate,
) -> Result<UpgradeQuoteResponse, PricingError> {
    upgrade_input(books, req, today)
        .and_then(|input| change::quote_upgrade(books, &input))
        .map(|q| UpgradeQuoteResponse::from(&q))
}

/// Validates a `POST /api/quotes/upgrade` request into the domain's [`UpgradeInput`].
pub fn upgrade_input(
    books: &PriceBooks,
    req: &UpgradeQuoteRequest,
    today: NaiveDate,
) -> Result<UpgradeInput, PricingError> {
    let input = configuration_input(&req.edition, &req.cameras, &req.modules)?;
    let licence_date = parse_date(&req.licence_date, "licence_date")?;
    let upgrade_date = date_or(req.upgrade_date.as_deref(), "upgrade_date", today)?;
    let sma_start = optional_date(req.sma_start.as_deref(), "sma_start")?;
    let book = book_on(books, upgrade_date, "upgrade_date")?;
    let config = Configuration::validate(book, &input)?;
    Ok(UpgradeInput {
        config,
        licence_date,
        to_edition: req.to_edition.clone(),
        upgrade_date,
        sma_start,
        recorded_initial_value: None,
    })
}

// ---------------------------------------------------------------------------------------------
// POST /api/quotes/expansion
// ---------------------------------------------------------------------------------------------

/// `POST /api/quotes/expansion` request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpansionQuoteRequest {
    /// Current edition code.
    pub edition: String,
    /// Current total number of cameras.
    pub cameras: WireNumber,
    /// Current modules (default `[]`).
    #[serde(default)]
    pub modules: Vec<ModuleQty>,
    /// Cameras to add (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_cameras: Option<WireNumber>,
    /// Modules to add or raise (default `[]`).
    #[serde(default)]
    pub add_modules: Vec<ModuleQty>,
    /// Expansion date (default today, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// First day of uninterrupted SMA coverage, `null` (default) without an SMA.
    #[serde(default)]
    pub sma_start: Option<String>,
}

/// `POST /api/quotes/expansion` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpansionQuoteResponse {
    /// `EUR`.
    pub currency: String,
    /// The book in force on the expansion date.
    pub price_book: String,
    /// Licence total after − before.
    pub licence_price: Money,
    /// Whether an SMA is active.
    pub sma_active: bool,
    /// Co-termed licence price (`"0.00"` without an SMA).
    pub sma_adjustment: Money,
    /// `licence_price + sma_adjustment`.
    pub total_due: Money,
    /// The added lines: quantity added × unit price (extra field).
    pub lines: Vec<Line>,
    /// How `sma_adjustment` was computed, `null` without an SMA (extra field).
    pub co_term: Option<CoTermDetail>,
}

impl From<&ExpansionQuote> for ExpansionQuoteResponse {
    fn from(q: &ExpansionQuote) -> ExpansionQuoteResponse {
        ExpansionQuoteResponse {
            currency: q.currency.clone(),
            price_book: q.price_book.clone(),
            licence_price: q.licence_price,
            sma_active: q.sma_active,
            sma_adjustment: q.sma_adjustment,
            total_due: q.total_due,
            lines: lines(&q.lines),
            co_term: q.co_term.as_ref().map(CoTermDetail::from),
        }
    }
}

/// Validates a `POST /api/quotes/expansion` request and prices it. `today` (UTC) is the
/// default expansion date.
pub fn quote_expansion(
    books: &PriceBooks,
    req: &ExpansionQuoteRequest,
    today: NaiveDate,
) -> Result<ExpansionQuoteResponse, PricingError> {
    let input = configuration_input(&req.edition, &req.cameras, &req.modules)?;
    let add = ExpansionInput {
        add_cameras: req
            .add_cameras
            .as_ref()
            .map_or(Ok(Quantity::default()), |n| quantity(n, "add_cameras"))?,
        add_modules: modules(&req.add_modules, "add_modules")?,
    };
    let date = date_or(req.date.as_deref(), "date", today)?;
    let sma_start = optional_date(req.sma_start.as_deref(), "sma_start")?;
    let book = book_on(books, date, "date")?;
    let current = Configuration::validate(book, &input)?;
    change::quote_expansion(books, &current, &add, date, sma_start)
        .map(|q| ExpansionQuoteResponse::from(&q))
}

// ---------------------------------------------------------------------------------------------
// Customer quotes and orders: POST /api/installations/{id}/quotes/{kind}, POST /api/orders
// ---------------------------------------------------------------------------------------------

/// The inputs of a customer quote or order. Each kind takes only its own: `sma`
/// `{"term_years"}`, `renewal` `{}`, `expansion` `{"add_cameras", "add_modules"}`, `upgrade`
/// `{"to_edition"}`. A price is never an input (an unknown field is a 400).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderInputs {
    /// `sma`: 1 (default) or 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_years: Option<WireNumber>,
    /// `expansion`: cameras to add (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_cameras: Option<WireNumber>,
    /// `expansion`: modules to add or raise (default `[]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_modules: Option<Vec<ModuleQty>>,
    /// `upgrade`: the target edition (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_edition: Option<String>,
}

/// `POST /api/orders` body: the installation, the kind and the kind's inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderRequest {
    /// The installation to order for.
    pub installation_id: String,
    /// What to order.
    pub kind: OrderKind,
    /// `sma`: 1 (default) or 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_years: Option<WireNumber>,
    /// `expansion`: cameras to add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_cameras: Option<WireNumber>,
    /// `expansion`: modules to add or raise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_modules: Option<Vec<ModuleQty>>,
    /// `upgrade`: the target edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_edition: Option<String>,
}

impl OrderRequest {
    /// The kind's inputs.
    pub fn inputs(&self) -> OrderInputs {
        OrderInputs {
            term_years: self.term_years,
            add_cameras: self.add_cameras,
            add_modules: self.add_modules.clone(),
            to_edition: self.to_edition.clone(),
        }
    }
}

/// A customer order's validated inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderInput {
    /// Buy or reinstate the SMA for a term.
    Sma(TermYears),
    /// Order the next term now.
    Renewal,
    /// Add cameras and modules.
    Expansion(ExpansionInput),
    /// Move to another edition.
    Upgrade(String),
}

/// Why a customer order's inputs are not acceptable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderInputError {
    /// 400: a field another kind takes, or a required one missing.
    Malformed {
        /// The field.
        field: String,
        /// A sentence the caller can act on.
        message: String,
    },
    /// 422: a value that breaks a rule (`invalid_term`, `invalid_quantity`…).
    Rule(PricingError),
}

impl From<PricingError> for OrderInputError {
    fn from(e: PricingError) -> OrderInputError {
        OrderInputError::Rule(e)
    }
}

impl OrderInputs {
    /// Validates the inputs of an order of `kind`.
    pub fn validate(&self, kind: OrderKind) -> Result<OrderInput, OrderInputError> {
        let given = [
            ("term_years", self.term_years.is_some(), OrderKind::Sma),
            (
                "add_cameras",
                self.add_cameras.is_some(),
                OrderKind::Expansion,
            ),
            (
                "add_modules",
                self.add_modules.is_some(),
                OrderKind::Expansion,
            ),
            ("to_edition", self.to_edition.is_some(), OrderKind::Upgrade),
        ];
        if let Some((field, _, _)) = given.iter().find(|(_, set, k)| *set && *k != kind) {
            return Err(OrderInputError::Malformed {
                field: (*field).to_owned(),
                message: format!("`{field}` is not an input of a {} order.", kind.code()),
            });
        }
        Ok(match kind {
            OrderKind::Sma => OrderInput::Sma(term(self.term_years.as_ref(), "term_years")?),
            OrderKind::Renewal => OrderInput::Renewal,
            OrderKind::Expansion => OrderInput::Expansion(ExpansionInput {
                add_cameras: self
                    .add_cameras
                    .as_ref()
                    .map_or(Ok(Quantity::default()), |n| quantity(n, "add_cameras"))?,
                add_modules: modules(
                    self.add_modules.as_deref().unwrap_or_default(),
                    "add_modules",
                )?,
            }),
            OrderKind::Upgrade => {
                OrderInput::Upgrade(self.to_edition.clone().ok_or_else(|| {
                    OrderInputError::Malformed {
                        field: "to_edition".into(),
                        message: "Name the edition to upgrade to in `to_edition`.".into(),
                    }
                })?)
            }
        })
    }
}

// ---------------------------------------------------------------------------------------------
// GET /api/catalog
// ---------------------------------------------------------------------------------------------

/// An edition in the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEdition {
    /// Code, e.g. `probox`.
    pub code: String,
    /// Name, e.g. `ProBox`.
    pub name: String,
    /// Upgrade order.
    pub rank: u32,
    /// Base licence price.
    pub base_price: Money,
    /// Cameras included in the base licence.
    pub included_cameras: u32,
    /// Camera limit, `null` for unlimited.
    pub max_cameras: Option<u32>,
}

/// Unit prices per edition code, serialized as a JSON object in the book's edition order
/// (`{"probox": "79.00", "professional": "119.00"}`); editions without the module are absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditionPrices(pub Vec<(String, Money)>);

impl Serialize for EditionPrices {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (edition, price) in &self.0 {
            map.serialize_entry(edition, price)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for EditionPrices {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<EditionPrices, D::Error> {
        struct PricesVisitor;

        impl<'de> Visitor<'de> for PricesVisitor {
            type Value = EditionPrices;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of edition prices")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EditionPrices, A::Error> {
                let mut prices = Vec::new();
                while let Some((edition, price)) = map.next_entry::<String, Money>()? {
                    prices.push((edition, price));
                }
                Ok(EditionPrices(prices))
            }
        }

        deserializer.deserialize_map(PricesVisitor)
    }
}

/// A module (or the camera channel) in the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogModule {
    /// Sku (`camera` is the camera channel, set through `cameras`).
    pub sku: String,
    /// Name.
    pub name: String,
    /// What one unit is.
    pub unit: String,
    /// Whether the quantity may not exceed the cameras.
    pub per_camera: bool,
    /// Unit price per edition.
    pub prices: EditionPrices,
}

/// `GET /api/catalog?date=` response: the price book in force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    /// The book's id, e.g. `2026`.
    pub price_book: String,
    /// The first day it is in force.
    pub valid_from: NaiveDate,
    /// `EUR`.
    pub currency: String,
    /// Editions, in the book's order.
    pub editions: Vec<CatalogEdition>,
    /// Modules, in the book's order, including `camera`.
    pub modules: Vec<CatalogModule>,
}

impl Catalog {
    /// The catalog of one book.
    pub fn of(currency: &str, book: &PriceBook) -> Catalog {
        Catalog {
            price_book: book.id().to_owned(),
            valid_from: book.valid_from(),
            currency: currency.to_owned(),
            editions: book
                .editions()
                .iter()
                .map(|e| CatalogEdition {
                    code: e.code.to_string(),
                    name: e.name.clone(),
                    rank: e.rank,
                    base_price: e.base_price,
                    included_cameras: e.included_cameras,
                    max_cameras: e.max_cameras,
                })
                .collect(),
            modules: book
                .modules()
                .iter()
                .map(|m| CatalogModule {
                    sku: m.sku.to_string(),
                    name: m.name.clone(),
                    unit: m.unit.clone(),
                    per_camera: m.per_camera,
                    prices: EditionPrices(
                        m.prices.iter().map(|(e, p)| (e.to_string(), *p)).collect(),
                    ),
                })
                .collect(),
        }
    }
}

/// Answers `GET /api/catalog?date=`: the book in force on `date` (default `today`, UTC).
/// Errors: `invalid_date` / `no_price_book` for `date`.
pub fn catalog(
    books: &PriceBooks,
    date: Option<&str>,
    today: NaiveDate,
) -> Result<Catalog, PricingError> {
    let date = date_or(date, "date", today)?;
    let book = book_on(books, date, "date")?;
    Ok(Catalog::of(books.currency(), book))
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// The error object: `{"code", "message", "field"}` (`field` left out when no single input is
/// at fault).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// The snake_case code.
    pub code: String,
    /// A sentence the customer can act on.
    pub message: String,
    /// The JSON path at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The error body of every API error: `{"error": {"code", "message", "field"}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

impl ErrorBody {
    /// An error body for any code (e.g. `malformed_request` for a serde error).
    pub fn new(code: &str, message: impl Into<String>, field: Option<String>) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: code.to_owned(),
                message: message.into(),
                field,
            },
        }
    }
}

impl From<&PricingError> for ErrorBody {
    fn from(err: &PricingError) -> ErrorBody {
        ErrorBody::new(err.code(), err.message(), err.field().map(str::to_owned))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_json_number_is_accepted_and_judged_later() {
        let n: WireNumber = serde_json::from_str("-1").unwrap();
        assert_eq!(n.as_integer(), Some(-1));
        let n: WireNumber = serde_json::from_str("1.5").unwrap();
        assert_eq!(n.as_integer(), None);
        assert_eq!(n.to_string(), "1.5");
        let n: WireNumber = serde_json::from_str("2.0").unwrap();
        assert_eq!(n.as_integer(), Some(2));
        assert!(serde_json::from_str::<WireNumber>("\"12\"").is_err());
    }

    #[test]
    fn unknown_request_fields_are_a_serde_error() {
        let err = serde_json::from_str::<NewQuoteRequest>(
            r#"{"edition":"probox","cameras":4,"price":"1.00"}"#,
        );
        assert!(err.is_err());
    }

    #[test]
    fn an_error_body_leaves_out_a_missing_field() {
        let body = ErrorBody::new("malformed_request", "Bad JSON.", None);
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"error":{"code":"malformed_request","message":"Bad JSON."}}"#
        );
    }
}
