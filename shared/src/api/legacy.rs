//! `POST /api/quotes/legacy-compare` (api.md "Legacy Maintenance Contracts"): extend a legacy
//! Maintenance Contract or switch to the SMA, for the calculator's "I have a Maintenance
//! Contract" starting point, and [`quote_legacy_compare`] that answers it in the Worker and the
//! browser alike.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::{book_on, configuration, date_or, years};
use super::{ModuleQty, WireNumber};
use crate::dates::parse_date;
use crate::foundation::{Money, PricingError};
use crate::lifecycle::{compare_legacy, LegacyCompareInput, LegacyComparison, LegacyContract};
use crate::pricing::{PriceBooks, TermYears};

/// The request: the installation's configuration, the contract (start, fee basis, the last
/// covered day of its current term), the day of the switch and the horizon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LegacyCompareRequest {
    /// Edition code.
    pub edition: String,
    /// Total number of cameras.
    pub cameras: WireNumber,
    /// Other modules (default `[]`).
    #[serde(default)]
    pub modules: Vec<ModuleQty>,
    /// L: the first day of the contract.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    pub legacy_start: String,
    /// The fee basis recorded in the contract (an amount above 0.00, e.g. `"2200.00"`).
    pub fee_basis: String,
    /// The last covered day of the current term (the day before an anniversary of L).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    pub term_end: String,
    /// The day the switch would be ordered (default today; during the term or its grace).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub switch_on: Option<String>,
    /// Years to compare, 1–10 (default 5).
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 10)))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<WireNumber>,
}

/// Answers `POST /api/quotes/legacy-compare` on `today`.
///
/// Errors (422): the configuration's (`unknown_edition`, `invalid_quantity`…), `invalid_date`
/// (`legacy_start`, `term_end` not the end of a term, `switch_on`), `invalid_fee_basis`,
/// `invalid_years`, `legacy_contract_ended` (a switch after the grace), `no_price_book`.
pub fn quote_legacy_compare(
    books: &PriceBooks,
    req: &LegacyCompareRequest,
    today: NaiveDate,
) -> Result<LegacyComparison, PricingError> {
    let draft = configuration(&req.edition, &req.cameras, &req.modules)?;
    let start = parse_date(&req.legacy_start, "legacy_start")?;
    let term_end = parse_date(&req.term_end, "term_end")?;
    let basis =
        Money::parse(req.fee_basis.trim()).ok_or_else(|| PricingError::InvalidFeeBasis {
            field: Some("fee_basis".into()),
            given: req.fee_basis.chars().take(40).collect(),
        })?;
    let switch_on = date_or(req.switch_on.as_deref(), "switch_on", today)?;
    let years = years(req.years.as_ref())?;
    let contract = LegacyContract::until(start, basis, term_end)?;
    let book = book_on(
        books,
        switch_on.max(books.books()[0].valid_from()),
        "switch_on",
    )?;
    let config = draft.validate(book)?;
    compare_legacy(
        books,
        &LegacyCompareInput {
            config,
            contract,
            switch_on,
            years,
            term: TermYears::One,
            initial_value: None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(switch_on: &str) -> LegacyCompareRequest {
        serde_json::from_value(serde_json::json!({
            "edition": "probox",
            "cameras": 12,
            "modules": [{"sku": "client", "qty": 1}, {"sku": "storage", "qty": 1}],
            "legacy_start": "2019-06-01",
            "fee_basis": "2200.00",
            "term_end": "2027-05-31",
            "switch_on": switch_on,
            "years": 5
        }))
        .unwrap()
    }

    use crate::test_dates::d;

    #[test]
    fn l2_the_first_sma_year_is_9_at_381_15_against_the_fee_of_440_00() {
        let c = quote_legacy_compare(PriceBooks::demo(), &request("2027-04-15"), d(2026, 11, 30))
            .unwrap();
        assert_eq!(c.sma_start, d(2027, 6, 1));
        assert_eq!(c.sma_first_year, 9);
        assert_eq!(c.years.len(), 5);
        assert_eq!(c.years[0].legacy_fee, Money::parse("440.00").unwrap());
        assert_eq!(c.years[0].sma_amount, Money::parse("381.15").unwrap());
        assert_eq!(c.legacy_total, Money::parse("2200.00").unwrap());
        assert_eq!(c.saving, c.legacy_total - c.sma_total);
    }

    #[test]
    fn a_fee_basis_that_is_not_an_amount_names_its_field() {
        let mut r = request("2027-04-15");
        r.fee_basis = "a lot".into();
        let e = quote_legacy_compare(PriceBooks::demo(), &r, d(2026, 11, 30)).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("invalid_fee_basis", Some("fee_basis"))
        );
    }

    #[test]
    fn a_term_end_that_is_no_anniversary_eve_is_an_invalid_date() {
        let mut r = request("2027-04-15");
        r.term_end = "2027-05-30".into();
        let e = quote_legacy_compare(PriceBooks::demo(), &r, d(2026, 11, 30)).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_date", Some("term_end")));
    }

    #[test]
    fn a_switch_after_the_grace_is_refused_as_ended() {
        let e = quote_legacy_compare(PriceBooks::demo(), &request("2027-07-02"), d(2026, 11, 30))
            .unwrap_err();
        assert_eq!(e.code(), "legacy_contract_ended");
    }
}
