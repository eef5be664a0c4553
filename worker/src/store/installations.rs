//! A customer's installations and their SMA coverage in D1.

use super::{bind, rows};
use crate::error::ApiError;
use serde::Deserialize;
use worker::{wasm_bindgen::JsValue, D1Database};

/// An installation with its coverage (the coverage columns are NULL when it has no SMA).
#[derive(Clone, Debug, Deserialize)]
pub struct InstallationRow {
    /// The installation's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The edition code.
    pub edition: String,
    /// The total number of cameras.
    pub cameras: i64,
    /// JSON `[{"sku", "qty"}]`.
    pub modules: String,
    /// YYYY-MM-DD.
    pub licence_date: String,
    /// The version installed, when known.
    pub installed_version: Option<String>,
    /// S, the first day of uninterrupted coverage.
    pub sma_start: Option<String>,
    /// 1 or 3.
    pub term_years: Option<i64>,
    /// 1 while auto-renewing.
    pub auto_renew: Option<i64>,
    /// When auto-renew was switched off.
    pub cancelled_on: Option<String>,
    /// The anniversary at which coverage ends (first uncovered day).
    pub ends_on: Option<String>,
}

const SELECT: &str = "SELECT i.id, i.name, i.edition, i.cameras, i.modules, i.licence_date,
        i.installed_version, c.start AS sma_start, c.term_years, c.auto_renew, c.cancelled_on,
        c.ends_on
   FROM installations i LEFT JOIN sma_coverage c ON c.installation_id = i.id
  WHERE i.customer_id = ?1";

/// Reads installations, always scoped to one customer.
pub struct InstallationStore<'a> {
    db: &'a D1Database,
}

impl<'a> InstallationStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// The customer's installations, by name.
    pub async fn list(&self, customer_id: &str) -> Result<Vec<InstallationRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(format!("{SELECT} ORDER BY i.name, i.id")),
            &[JsValue::from(customer_id)],
        )?;
        rows(&stmt.all().await?)
    }

    /// One of the customer's installations (`None` also for another customer's id).
    pub async fn get(
        &self,
        customer_id: &str,
        id: &str,
    ) -> Result<Option<InstallationRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(format!("{SELECT} AND i.id = ?2")),
            &[JsValue::from(customer_id), JsValue::from(id)],
        )?;
        Ok(stmt.first::<InstallationRow>(None).await?)
    }
}
