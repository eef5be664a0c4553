//! Extend the Maintenance Contract or switch to the SMA: the next years side by side, as the
//! portal and the public calculator (`POST /api/quotes/legacy-compare`) show them.
//!
//! Year j is the j-th term after the contract's end E: extended, it costs the annual fee (the
//! same every term); switched, it is SMA year `terms + j` priced as section 3 on the
//! maintained value at its start (so the falling rates carry the contract's years). Every
//! amount carries its explanation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::LegacyContract;
use crate::dates::iso;
use crate::foundation::{fill, sentence_in, Explain, Lang, Money, PricingError, Rate};
use crate::pricing::{schedule, Configuration, PriceBooks, TermYears, Years};

/// What to compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegacyCompareInput {
    /// The installation's configuration (its maintained value prices the SMA).
    pub config: Configuration,
    /// The contract.
    pub contract: LegacyContract,
    /// The day the switch would be ordered (during a term or its grace).
    pub switch_on: NaiveDate,
    /// How many years to compare (1 to 10).
    pub years: Years,
    /// The SMA's term (the calculator compares 1-year terms).
    pub term: TermYears,
    /// The full cost of the initial installation, when recorded (the SMA's upgrade credit);
    /// otherwise the fee basis, the licence value recorded in the contract, stands for it.
    pub initial_value: Option<Money>,
}

/// One year of the comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LegacyCompareYear {
    /// 1 for the first year after E.
    pub year: u32,
    /// Its first day.
    #[serde(deserialize_with = "crate::dates::serde_iso::deserialize")]
    pub start: NaiveDate,
    /// Its last day.
    #[serde(deserialize_with = "crate::dates::serde_iso::deserialize")]
    pub end: NaiveDate,
    /// The contract's annual fee.
    pub legacy_fee: Money,
    /// `20 % of 2200.00 = 440.00`.
    pub legacy_explanation: String,
    /// The SMA year index after a switch.
    pub sma_year: u32,
    /// The price book in force at the year's start.
    pub price_book: String,
    /// The maintained value at the year's start.
    pub value: Money,
    /// The SMA rate of the year.
    pub rate: Rate,
    /// What the SMA year costs.
    pub sma_amount: Money,
    /// `15 % of 2541.00 = 381.15`.
    pub sma_explanation: String,
    /// The contract's fees up to and including this year.
    pub legacy_cumulative: Money,
    /// The SMA's amounts up to and including this year.
    pub sma_cumulative: Money,
}

/// Extend or switch, year by year, with totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LegacyComparison {
    /// The currency of every amount.
    pub currency: String,
    /// The day the switch would be ordered.
    #[serde(deserialize_with = "crate::dates::serde_iso::deserialize")]
    pub switch_on: NaiveDate,
    /// E: the contract's end, the SMA's first day.
    #[serde(deserialize_with = "crate::dates::serde_iso::deserialize")]
    pub sma_start: NaiveDate,
    /// The SMA year index it starts with.
    pub sma_first_year: u32,
    /// `year 9 = 1 + 8 whole years of Maintenance Contract (2019-06-01 – 2027-05-31)`.
    pub sma_first_year_explanation: String,
    /// The years.
    pub years: Vec<LegacyCompareYear>,
    /// The contract's fees over the years.
    pub legacy_total: Money,
    /// The SMA's amounts over the years.
    pub sma_total: Money,
    /// `legacy_total − sma_total`: what the switch saves (negative when it costs more).
    pub saving: Money,
    /// `2200.00 − 1905.75 = 294.25`.
    pub saving_explanation: String,
    /// What an edition upgrade would be credited with the SMA active (nothing under the
    /// contract).
    pub upgrade_credit: Money,
    /// Where the credit comes from.
    pub upgrade_credit_explanation: String,
}

/// Where the upgrade credit comes from, as a sentence in English (the API's
/// `upgrade_credit_explanation`) and German: `{0}` the day the SMA is active from, `{1}` the
/// credit. With the initial installation's cost recorded, then without it (the fee basis).
pub const UPGRADE_CREDIT: [(&str, &str); 2] = [
    (
        "With the SMA active (from {0}) an edition upgrade credits the full cost of the initial installation: {1}; under the Maintenance Contract it credits nothing.",
        "Mit aktivem SMA (ab {0}) rechnet ein Editions-Upgrade die vollen Kosten der Erstinstallation an: {1}; unter dem Wartungsvertrag wird nichts angerechnet.",
    ),
    (
        "With the SMA active (from {0}) an edition upgrade credits the licence value recorded in the Maintenance Contract (its fee basis): {1}; under the Maintenance Contract it credits nothing.",
        "Mit aktivem SMA (ab {0}) rechnet ein Editions-Upgrade den im Wartungsvertrag erfassten Lizenzwert (seine Gebührenbasis) an: {1}; unter dem Wartungsvertrag wird nichts angerechnet.",
    ),
];

/// A comparison's `upgrade_credit_explanation` in `lang`, the German sentence written whole
/// ([`UPGRADE_CREDIT`]).
pub fn upgrade_credit_in(lang: Lang, explanation: &str) -> String {
    sentence_in(lang, &UPGRADE_CREDIT, explanation).unwrap_or_else(|| explanation.to_owned())
}

/// Prices extending the contract against switching to the SMA on `input.switch_on`, over
/// `input.years` years from the contract's end.
///
/// Errors: those of [`LegacyContract::switch_to_sma`] (`invalid_date`,
/// `legacy_contract_ended`, `no_price_book`).
pub fn compare_legacy(
    books: &PriceBooks,
    input: &LegacyCompareInput,
) -> Result<LegacyComparison, PricingError> {
    let contract = &input.contract;
    let switch = contract.switch_to_sma(books, &input.config, input.switch_on, input.term)?;
    let first = switch.first_year();
    let sma_years = schedule(
        &input.config,
        books,
        contract.start(),
        first,
        input.years.get(),
        input.term,
    )?;
    let fee = contract.annual_fee();
    let mut legacy_cumulative = Money::ZERO;
    let mut sma_cumulative = Money::ZERO;
    let years: Vec<LegacyCompareYear> = sma_years
        .iter()
        .zip(1..)
        .map(|(y, j)| {
            legacy_cumulative = legacy_cumulative + fee.amount;
            sma_cumulative = sma_cumulative + y.amount;
            LegacyCompareYear {
                year: j,
                start: y.start,
                end: y.end,
                legacy_fee: fee.amount,
                legacy_explanation: fee.explain(),
                sma_year: y.year,
                price_book: y.price_book.clone(),
                value: y.value,
                rate: y.rate,
                sma_amount: y.amount,
                sma_explanation: y.explain(),
                legacy_cumulative,
                sma_cumulative,
            }
        })
        .collect();
    let saving = legacy_cumulative - sma_cumulative;
    let (upgrade_credit, sentence) = match input.initial_value {
        Some(value) => (value, UPGRADE_CREDIT[0]),
        None => (contract.fee_basis(), UPGRADE_CREDIT[1]),
    };
    Ok(LegacyComparison {
        currency: books.currency().to_owned(),
        switch_on: input.switch_on,
        sma_start: switch.legacy_end,
        sma_first_year: first,
        sma_first_year_explanation: switch.explain_year_index(),
        years,
        legacy_total: legacy_cumulative,
        sma_total: sma_cumulative,
        saving,
        saving_explanation: format!("{legacy_cumulative} − {sma_cumulative} = {saving}"),
        upgrade_credit,
        upgrade_credit_explanation: fill(
            sentence.0,
            &[&iso(switch.legacy_end), &upgrade_credit.to_string()],
        ),
    })
}
