//! An installation's legacy Maintenance Contract (pricing.md section 9) as stored: the row's
//! contract columns as a [`LegacyRecord`], and what an order or the renewal engine writes back
//! ([`LegacyWrite`], one statement of the change's batch).
//!
//! Pure but for [`LegacyWrite::statement`]: tested natively.

use super::bind;
use super::installations::InstallationRow;
use crate::error::ApiError;
use chrono::NaiveDate;
use sma_shared::dates::iso;
use sma_shared::lifecycle::{LegacyClosure, LegacyContract, LegacyRecord, LegacyReminder};
use sma_shared::Money;
use worker::{wasm_bindgen::JsValue, D1Database, D1PreparedStatement};

impl InstallationRow {
    fn legacy_corrupt(&self, what: impl std::fmt::Display) -> ApiError {
        ApiError::corrupt(format_args!("legacy contract of {}", self.id), what)
    }

    fn legacy_date(&self, text: &str) -> Result<NaiveDate, ApiError> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| self.legacy_corrupt(e))
    }

    /// The stored Maintenance Contract, `None` when the installation never had one.
    pub fn legacy_record(&self) -> Result<Option<LegacyRecord>, ApiError> {
        let Some(start) = self.legacy_start.as_deref() else {
            return Ok(None);
        };
        let basis = self
            .legacy_fee_basis
            .as_deref()
            .and_then(Money::parse)
            .ok_or_else(|| self.legacy_corrupt("fee basis is not an amount"))?;
        let terms =
            u32::try_from(self.legacy_terms.unwrap_or(1)).map_err(|e| self.legacy_corrupt(e))?;
        let contract = LegacyContract::new(self.legacy_date(start)?, basis, terms)
            .map_err(|e| self.legacy_corrupt(e))?;
        let closed = match self.legacy_closed.as_deref() {
            None => None,
            Some(code) => Some(
                LegacyClosure::parse(code)
                    .ok_or_else(|| self.legacy_corrupt(format_args!("closure `{code}`")))?,
            ),
        };
        let reminded = match (&self.legacy_reminded_ends_on, self.legacy_reminded_days) {
            (Some(ends_on), Some(days)) => Some(LegacyReminder {
                ends_on: self.legacy_date(ends_on)?,
                days_before: u32::try_from(days).map_err(|e| self.legacy_corrupt(e))?,
            }),
            _ => None,
        };
        Ok(Some(LegacyRecord {
            contract,
            closed,
            reminded,
        }))
    }
}

/// The contract's columns after a change (an UPDATE of its row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegacyWrite {
    /// The fee basis of the next term (decimal string).
    pub fee_basis: String,
    /// Terms ordered.
    pub terms: u32,
    /// `switched`, `ended` or NULL.
    pub closed: Option<&'static str>,
    /// The end the last reminder was for.
    pub reminded_ends_on: Option<String>,
    /// That reminder's days before the end.
    pub reminded_days: Option<u32>,
}

impl LegacyWrite {
    /// The columns of `record`.
    pub fn of(record: &LegacyRecord) -> LegacyWrite {
        LegacyWrite {
            fee_basis: record.contract.fee_basis().to_string(),
            terms: record.contract.terms(),
            closed: record.closed.map(LegacyClosure::code),
            reminded_ends_on: record.reminded.map(|r| iso(r.ends_on)),
            reminded_days: record.reminded.map(|r| r.days_before),
        }
    }

    /// The UPDATE of the contract of `installation_id`. In a change's batch it comes before the
    /// SMA's upsert: a switch closes the contract first (the schema refuses an SMA beside an
    /// open contract).
    pub fn statement(
        &self,
        db: &D1Database,
        installation_id: &str,
    ) -> Result<D1PreparedStatement, ApiError> {
        bind(
            db.prepare(
                "UPDATE legacy_contracts SET fee_basis = ?2, terms = ?3, closed = ?4,
                        reminded_ends_on = ?5, reminded_days = ?6
                  WHERE installation_id = ?1",
            ),
            &[
                JsValue::from(installation_id),
                JsValue::from(self.fee_basis.as_str()),
                JsValue::from(self.terms),
                self.closed.map_or(JsValue::NULL, JsValue::from),
                self.reminded_ends_on
                    .as_deref()
                    .map_or(JsValue::NULL, JsValue::from),
                self.reminded_days.map_or(JsValue::NULL, JsValue::from),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{day, row, under_contract};
    use sma_shared::lifecycle::{LegacyPhase, LegacyStatus};

    #[test]
    fn a_row_without_contract_columns_has_no_contract() {
        assert_eq!(row().legacy_record().unwrap(), None);
    }

    #[test]
    fn the_stored_contract_ends_after_its_terms_and_is_open() {
        let record = under_contract().legacy_record().unwrap().unwrap();
        assert_eq!(record.contract.term_end(), day("2027-05-31"));
        assert_eq!(
            record.contract.fee_basis(),
            Money::parse("2200.00").unwrap()
        );
        assert_eq!(
            record.phase(false, day("2027-04-15")),
            LegacyPhase::Open(LegacyStatus::Active)
        );
        assert_eq!(record.reminded, None);
    }

    #[test]
    fn a_closure_and_a_reminder_read_back_as_written() {
        let r = InstallationRow {
            legacy_closed: Some("switched".into()),
            legacy_reminded_ends_on: Some("2027-06-01".into()),
            legacy_reminded_days: Some(14),
            ..under_contract()
        };
        let record = r.legacy_record().unwrap().unwrap();
        assert_eq!(record.closed, Some(LegacyClosure::Switched));
        let w = LegacyWrite::of(&record);
        assert_eq!(
            w,
            LegacyWrite {
                fee_basis: "2200.00".into(),
                terms: 8,
                closed: Some("switched"),
                reminded_ends_on: Some("2027-06-01".into()),
                reminded_days: Some(14),
            }
        );
    }

    #[test]
    fn a_contract_column_not_of_its_stored_form_is_an_internal_error() {
        for bad in [
            InstallationRow {
                legacy_fee_basis: Some("much".into()),
                ..under_contract()
            },
            InstallationRow {
                legacy_closed: Some("paused".into()),
                ..under_contract()
            },
            InstallationRow {
                legacy_start: Some("01.06.2019".into()),
                ..under_contract()
            },
        ] {
            assert_eq!(bad.legacy_record().unwrap_err().status(), 500);
        }
    }
}
