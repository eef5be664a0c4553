//! Vectors of the extend-or-switch comparison of a legacy Maintenance Contract (pricing.md
//! section 9), the answer of `POST /api/quotes/legacy-compare`: the browser (calculator) and
//! the Worker must compute it identically, to the byte. The request is read with the fields of
//! api.md.

use chrono::NaiveDate;
use serde::Deserialize;
use sma_shared::api::ErrorBody;
use sma_shared::lifecycle::{compare_legacy, LegacyCompareInput, LegacyContract};
use sma_shared::{
    Configuration, ConfigurationInput, ModuleInput, Money, PriceBooks, PricingError, Quantity,
    TermYears, Years,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    edition: String,
    cameras: u32,
    #[serde(default)]
    modules: Vec<Module>,
    legacy_start: NaiveDate,
    fee_basis: Money,
    term_end: NaiveDate,
    switch_on: NaiveDate,
    years: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Module {
    sku: String,
    qty: u32,
}

fn compare(req: &Request) -> Result<String, PricingError> {
    let books = PriceBooks::demo();
    let input = ConfigurationInput {
        edition: req.edition.clone(),
        cameras: Quantity::new(req.cameras).unwrap(),
        modules: req
            .modules
            .iter()
            .map(|m| ModuleInput {
                sku: m.sku.clone(),
                qty: Quantity::new(m.qty).unwrap(),
            })
            .collect(),
    };
    let config = Configuration::validate(books.book_on(req.switch_on)?, &input)?;
    let contract = LegacyContract::until(req.legacy_start, req.fee_basis, req.term_end)?;
    let comparison = compare_legacy(
        books,
        &LegacyCompareInput {
            config,
            contract,
            switch_on: req.switch_on,
            years: Years::try_from(req.years).map_err(|e| e.with_field("years"))?,
            term: TermYears::One,
            initial_value: None,
        },
    )?;
    Ok(serde_json::to_string_pretty(&comparison).unwrap())
}

fn check(name: &str, request: &str, expected: &str) {
    let req: Request = serde_json::from_str(request).unwrap();
    let actual = compare(&req)
        .unwrap_or_else(|err| serde_json::to_string_pretty(&ErrorBody::from(&err)).unwrap());
    super::expect(name, &actual, expected);
}

macro_rules! legacy_vector {
    ($name:ident, $request:expr, $expected:expr) => {
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        fn $name() {
            check(stringify!($name), $request, $expected);
        }
    };
}

legacy_vector!(
    l2_extend_or_switch_over_five_years,
    r#"{"edition": "probox", "cameras": 12, "modules": [{"sku": "client", "qty": 1}, {"sku": "storage", "qty": 1}],
        "legacy_start": "2019-06-01", "fee_basis": "2200.00", "term_end": "2027-05-31", "switch_on": "2027-04-15", "years": 5}"#,
    r#"
{
  "currency": "EUR",
  "switch_on": "2027-04-15",
  "sma_start": "2027-06-01",
  "sma_first_year": 9,
  "sma_first_year_explanation": "year 9 = 1 + 8 whole years of Maintenance Contract (2019-06-01 – 2027-05-31)",
  "years": [
    {
      "year": 1,
      "start": "2027-06-01",
      "end": "2028-05-31",
      "legacy_fee": "440.00",
      "legacy_explanation": "20 % of 2200.00 = 440.00",
      "sma_year": 9,
      "price_book": "2027",
      "value": "2541.00",
      "rate": "15",
      "sma_amount": "381.15",
      "sma_explanation": "15 % of 2541.00 = 381.15",
      "legacy_cumulative": "440.00",
      "sma_cumulative": "381.15"
    },
    {
      "year": 2,
      "start": "2028-06-01",
      "end": "2029-05-31",
      "legacy_fee": "440.00",
      "legacy_explanation": "20 % of 2200.00 = 440.00",
      "sma_year": 10,
      "price_book": "2027",
      "value": "2541.00",
      "rate": "15",
      "sma_amount": "381.15",
      "sma_explanation": "15 % of 2541.00 = 381.15",
      "legacy_cumulative": "880.00",
      "sma_cumulative": "762.30"
    },
    {
      "year": 3,
      "start": "2029-06-01",
      "end": "2030-05-31",
      "legacy_fee": "440.00",
      "legacy_explanation": "20 % of 2200.00 = 440.00",
      "sma_year": 11,
      "price_book": "2027",
      "value": "2541.00",
      "rate": "15",
      "sma_amount": "381.15",
      "sma_explanation": "15 % of 2541.00 = 381.15",
      "legacy_cumulative": "1320.00",
      "sma_cumulative": "1143.45"
    },
    {
      "year": 4,
      "start": "2030-06-01",
      "end": "2031-05-31",
      "legacy_fee": "440.00",
      "legacy_explanation": "20 % of 2200.00 = 440.00",
      "sma_year": 12,
      "price_book": "2027",
      "value": "2541.00",
      "rate": "15",
      "sma_amount": "381.15",
      "sma_explanation": "15 % of 2541.00 = 381.15",
      "legacy_cumulative": "1760.00",
      "sma_cumulative": "1524.60"
    },
    {
      "year": 5,
      "start": "2031-06-01",
      "end": "2032-05-31",
      "legacy_fee": "440.00",
      "legacy_explanation": "20 % of 2200.00 = 440.00",
      "sma_year": 13,
      "price_book": "2027",
      "value": "2541.00",
      "rate": "15",
      "sma_amount": "381.15",
      "sma_explanation": "15 % of 2541.00 = 381.15",
      "legacy_cumulative": "2200.00",
      "sma_cumulative": "1905.75"
    }
  ],
  "legacy_total": "2200.00",
  "sma_total": "1905.75",
  "saving": "294.25",
  "saving_explanation": "2200.00 − 1905.75 = 294.25",
  "upgrade_credit": "2200.00",
  "upgrade_credit_explanation": "With the SMA active (from 2027-06-01) an edition upgrade credits the licence value recorded in the Maintenance Contract (its fee basis): 2200.00; under the Maintenance Contract it credits nothing."
}
"#
);

legacy_vector!(
    switch_in_the_grace_from_a_29_february_start,
    r#"{"edition": "professional", "cameras": 40, "modules": [{"sku": "analytics", "qty": 10}, {"sku": "voip", "qty": 1}],
        "legacy_start": "2024-02-29", "fee_basis": "9000.00", "term_end": "2026-02-27", "switch_on": "2026-03-30", "years": 3}"#,
    r#"
{
  "currency": "EUR",
  "switch_on": "2026-03-30",
  "sma_start": "2026-02-28",
  "sma_first_year": 3,
  "sma_first_year_explanation": "year 3 = 1 + 2 whole years of Maintenance Contract (2024-02-29 – 2026-02-27)",
  "years": [
    {
      "year": 1,
      "start": "2026-02-28",
      "end": "2027-02-27",
      "legacy_fee": "1800.00",
      "legacy_explanation": "20 % of 9000.00 = 1800.00",
      "sma_year": 3,
      "price_book": "2026",
      "value": "11088.00",
      "rate": "17",
      "sma_amount": "1884.96",
      "sma_explanation": "17 % of 11088.00 = 1884.96",
      "legacy_cumulative": "1800.00",
      "sma_cumulative": "1884.96"
    },
    {
      "year": 2,
      "start": "2027-02-28",
      "end": "2028-02-28",
      "legacy_fee": "1800.00",
      "legacy_explanation": "20 % of 9000.00 = 1800.00",
      "sma_year": 4,
      "price_book": "2027",
      "value": "11468.00",
      "rate": "16",
      "sma_amount": "1834.88",
      "sma_explanation": "16 % of 11468.00 = 1834.88",
      "legacy_cumulative": "3600.00",
      "sma_cumulative": "3719.84"
    },
    {
      "year": 3,
      "start": "2028-02-29",
      "end": "2029-02-27",
      "legacy_fee": "1800.00",
      "legacy_explanation": "20 % of 9000.00 = 1800.00",
      "sma_year": 5,
      "price_book": "2027",
      "value": "11468.00",
      "rate": "15",
      "sma_amount": "1720.20",
      "sma_explanation": "15 % of 11468.00 = 1720.20",
      "legacy_cumulative": "5400.00",
      "sma_cumulative": "5440.04"
    }
  ],
  "legacy_total": "5400.00",
  "sma_total": "5440.04",
  "saving": "-40.04",
  "saving_explanation": "5400.00 − 5440.04 = -40.04",
  "upgrade_credit": "9000.00",
  "upgrade_credit_explanation": "With the SMA active (from 2026-02-28) an edition upgrade credits the licence value recorded in the Maintenance Contract (its fee basis): 9000.00; under the Maintenance Contract it credits nothing."
}
"#
);

legacy_vector!(
    switch_after_the_grace_error,
    r#"{"edition": "probox", "cameras": 12, "legacy_start": "2019-06-01", "fee_basis": "2200.00",
        "term_end": "2027-05-31", "switch_on": "2027-07-02", "years": 5}"#,
    r#"
{
  "error": {
    "code": "legacy_contract_ended",
    "message": "The Maintenance Contract ended on 2027-05-31 and could be extended or switched to the SMA until 2027-07-01; buy an SMA instead (with back-pay from its end and the reinstatement fee)."
  }
}
"#
);

legacy_vector!(
    term_end_off_the_anniversary_error,
    r#"{"edition": "probox", "cameras": 12, "legacy_start": "2019-06-01", "fee_basis": "2200.00",
        "term_end": "2027-06-01", "switch_on": "2027-04-15", "years": 5}"#,
    r#"
{
  "error": {
    "code": "invalid_date",
    "message": "A term of the Maintenance Contract that started on 2019-06-01 ends the day before an anniversary, e.g. 2027-05-31 or 2028-05-31; 2027-06-01 is not.",
    "field": "term_end"
  }
}
"#
);
