//! `POST /api/quotes/{new,upgrade,expansion}` (api.md): the public quotes' request and
//! response bodies, and the functions that the Worker and the browser both call to answer them.
//!
//! Requests refuse unknown fields (`#[serde(deny_unknown_fields)]`), so a serde error is a
//! 400 `malformed_request`. Numbers that are quantities accept any JSON number, so `-1`, `1.5`
//! or `20000` reach validation and become a 422 `invalid_quantity`, while a string stays a
//! type error (400). Dates are strings parsed during validation, so `"2026-02-30"` is a 422
//! `invalid_date` with its field. Every pricing error is a 422 with [`ErrorBody`].
//!
//! Amounts are strings with exactly two decimals (`"1290.00"`), rates percent strings (`"19"`),
//! dates `YYYY-MM-DD`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::{
    book_on, configuration, date_or, modules, optional_date, quantity, term, years,
};
use super::{ModuleQty, WireNumber};
use crate::dates::parse_date;
use crate::foundation::{Money, PricingError, Rate};
use crate::pricing::{
    self, CoTerm, ExpansionInput, ExpansionQuote, LicenceLine, NewPurchase, NewQuote, PriceBooks,
    Quantity, SmaOrder, SmaYear, UpgradeInput, UpgradeQuote,
};

/// A licence line: `{"sku", "description", "qty", "unit_price", "amount"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

impl From<LicenceLine> for Line {
    fn from(line: LicenceLine) -> Line {
        Line {
            sku: line.sku,
            description: line.description,
            qty: line.qty,
            unit_price: line.unit_price,
            amount: line.amount,
        }
    }
}

fn lines(list: &[LicenceLine]) -> Vec<Line> {
    list.iter().cloned().map(Line::from).collect()
}

/// How an amount was co-termed with the current SMA year (an extra, explanatory field):
/// `base × rate × days_left / days_in_year = amount`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SmaRequest {
    /// Defaults to the licence date.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_date: Option<String>,
    /// 1 (default) or 3.
    #[cfg_attr(feature = "schema", schemars(extend("enum" = [1, 3, null])))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_years: Option<WireNumber>,
}

/// `POST /api/quotes/new` request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewQuoteRequest {
    /// Edition code.
    pub edition: String,
    /// Total number of cameras.
    pub cameras: WireNumber,
    /// Other modules (default `[]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<ModuleQty>,
    /// Licence date (default today, UTC).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence_date: Option<String>,
    /// The SMA, `null` (default) for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sma: Option<SmaRequest>,
    /// Years to list, 1–10 (default 5).
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 10)))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<WireNumber>,
}

/// One SMA year of the schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

impl From<SmaYear> for ScheduleYear {
    fn from(y: SmaYear) -> ScheduleYear {
        ScheduleYear {
            year: y.year,
            start: y.start,
            end: y.end,
            price_book: y.price_book,
            value: y.value,
            rate: y.rate,
            discount: y.discount,
            amount: y.amount,
        }
    }
}

/// The SMA part of a new-purchase quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

impl From<NewQuote> for NewQuoteResponse {
    /// Moves the quote's texts into the response (the wire function's path).
    fn from(q: NewQuote) -> NewQuoteResponse {
        NewQuoteResponse {
            currency: q.currency,
            price_book: q.licence.price_book,
            lines: q.licence.lines.into_iter().map(Line::from).collect(),
            licence_total: q.licence.total,
            sma: q.sma.map(|s| SmaResponse {
                start: s.start,
                late: s.late,
                term_years: s.term.years(),
                back_pay: s.back_pay(),
                back_pay_days: s.late_charges.as_ref().map_or(0, |c| c.back_pay.days()),
                reinstatement_fee: s.reinstatement_fee(),
                first_term: s.first_term,
                schedule: s.schedule.into_iter().map(ScheduleYear::from).collect(),
            }),
            total_over_years: q.total_over_years,
        }
    }
}

impl From<&NewQuote> for NewQuoteResponse {
    fn from(q: &NewQuote) -> NewQuoteResponse {
        NewQuoteResponse::from(q.clone())
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
        .and_then(|p| pricing::quote_new(books, &p))
        .map(NewQuoteResponse::from)
}

/// Validates a `POST /api/quotes/new` request into the domain's [`NewPurchase`].
pub fn new_purchase(
    books: &PriceBooks,
    req: &NewQuoteRequest,
    today: NaiveDate,
) -> Result<NewPurchase, PricingError> {
    let draft = configuration(&req.edition, &req.cameras, &req.modules)?;
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
    let config = draft.validate(book)?;
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    pub licence_date: String,
    /// Target edition code.
    pub to_edition: String,
    /// Upgrade date (default today, UTC).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_date: Option<String>,
    /// First day of uninterrupted SMA coverage, `null` (default) without an SMA.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    #[serde(default)]
    pub sma_start: Option<String>,
}

/// `POST /api/quotes/upgrade` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
        .and_then(|input| pricing::quote_upgrade(books, &input))
        .map(|q| UpgradeQuoteResponse::from(&q))
}

/// Validates a `POST /api/quotes/upgrade` request into the domain's [`UpgradeInput`].
pub fn upgrade_input(
    books: &PriceBooks,
    req: &UpgradeQuoteRequest,
    today: NaiveDate,
) -> Result<UpgradeInput, PricingError> {
    let draft = configuration(&req.edition, &req.cameras, &req.modules)?;
    let licence_date = parse_date(&req.licence_date, "licence_date")?;
    let upgrade_date = date_or(req.upgrade_date.as_deref(), "upgrade_date", today)?;
    let sma_start = optional_date(req.sma_start.as_deref(), "sma_start")?;
    let book = book_on(books, upgrade_date, "upgrade_date")?;
    let config = draft.validate(book)?;
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// First day of uninterrupted SMA coverage, `null` (default) without an SMA.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    #[serde(default)]
    pub sma_start: Option<String>,
}

/// `POST /api/quotes/expansion` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    let draft = configuration(&req.edition, &req.cameras, &req.modules)?;
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
    let current = draft.validate(book)?;
    pricing::quote_expansion(books, &current, &add, date, sma_start)
        .map(|q| ExpansionQuoteResponse::from(&q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_request_fields_are_a_serde_error() {
        let err = serde_json::from_str::<NewQuoteRequest>(
            r#"{"edition":"probox","cameras":4,"price":"1.00"}"#,
        );
        assert!(err.is_err());
    }
}
