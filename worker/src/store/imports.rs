//! An import of customers and installations (`shared::accounts::parse_import`) in D1, all or
//! nothing at any size: the rows of a file are staged under its import id (each part in one
//! statement, the rows as one JSON parameter), checked across the parts, then applied in one
//! batch of set-wise statements ([`super::import_sql`]) that compare them with what is stored,
//! write only what differs (idempotent on the licence number), audit the import, and remove
//! the staged rows.

use super::import_sql as sql;
use super::{bind, rows};
use crate::error::ApiError;
use serde::{Deserialize, Serialize};
use sma_shared::accounts::{
    customer_disagrees, duplicate_licence, ImportFile, ImportedCoverage, ImportedCustomer,
    ImportedInstallation,
};
use sma_shared::api::{ImportReport, ModuleQty, RejectedRow};
use sma_shared::dates::iso;
use std::collections::HashMap;
use worker::{wasm_bindgen::JsValue, D1Database, D1PreparedStatement};

/// An import begun: how many rows of refused parts it has, and how many are staged.
#[derive(Debug, Deserialize)]
pub struct StagedImport {
    /// Rows of parts that were refused.
    pub rejected: i64,
    /// Rows staged.
    pub staged: i64,
}

#[derive(Debug, Deserialize)]
struct Conflict {
    row: i64,
    first: i64,
    subject: String,
    kind: String,
}

/// The staged form of one row: the columns of `import_rows` by name (the keys
/// [`sql::stage`] reads; a `None` is a NULL column).
#[derive(Serialize)]
struct StagedRow<'a> {
    row: usize,
    customer_id: String,
    customer_ref: &'a str,
    customer_name: &'a str,
    country: &'a str,
    vat_id: Option<&'a str>,
    contact_email: &'a str,
    installation_id: String,
    licence_number: String,
    name: &'a str,
    edition: String,
    cameras: u32,
    modules: String,
    licence_date: String,
    installed_version: Option<&'a str>,
    initial_value: String,
    #[serde(flatten)]
    coverage: StagedCoverage,
}

/// A staged row's coverage columns, with `coverage` naming which.
#[derive(Serialize)]
#[serde(tag = "coverage", rename_all = "lowercase")]
enum StagedCoverage {
    None,
    Sma {
        sma_start: String,
        term_years: u32,
        renews_on: String,
        auto_renew: i32,
        cancelled_on: Option<String>,
        ends_on: Option<String>,
        lapsed: i32,
    },
    Legacy {
        legacy_start: String,
        fee_basis: String,
        legacy_terms: u32,
        legacy_closed: Option<&'static str>,
    },
}

impl<'a> StagedRow<'a> {
    fn of(
        i: &'a ImportedInstallation,
        c: &'a ImportedCustomer,
        new_id: &mut impl FnMut(&str) -> Result<String, ApiError>,
    ) -> Result<Self, ApiError> {
        let coverage = match i.coverage {
            ImportedCoverage::None => StagedCoverage::None,
            ImportedCoverage::Sma(s) => StagedCoverage::Sma {
                sma_start: iso(s.record.start),
                term_years: s.record.term.years(),
                renews_on: iso(s.record.renews_on),
                auto_renew: i32::from(s.record.auto_renew),
                cancelled_on: s.record.cancelled_on.map(iso),
                ends_on: s.record.ends_on.map(iso),
                lapsed: i32::from(s.lapsed),
            },
            ImportedCoverage::Legacy(l) => StagedCoverage::Legacy {
                legacy_start: iso(l.contract.start()),
                fee_basis: l.contract.fee_basis().to_string(),
                legacy_terms: l.contract.terms(),
                legacy_closed: l.ended.then_some("ended"),
            },
        };
        Ok(Self {
            row: i.row,
            customer_id: new_id("cus")?,
            customer_ref: &c.reference,
            customer_name: &c.name,
            country: &c.country,
            vat_id: c.vat_id.as_deref(),
            contact_email: &c.contact_email,
            installation_id: new_id("inst")?,
            licence_number: i.licence_number.to_string(),
            name: &i.name,
            edition: i.config.edition().to_string(),
            cameras: i.config.cameras(),
            modules: serde_json::to_string(&ModuleQty::of(&i.config))?,
            licence_date: iso(i.licence_date),
            installed_version: i.installed_version.as_deref(),
            initial_value: format!("{:.2}", i.initial_value),
            coverage,
        })
    }
}

/// Imports in D1.
pub struct ImportStore<'a> {
    db: &'a D1Database,
}

impl<'a> ImportStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// The statements that begin import `id` (removing imports begun before `stale_before`).
    pub fn begin(
        &self,
        id: &str,
        actor: &str,
        at: &str,
        stale_before: &str,
    ) -> Result<Vec<D1PreparedStatement>, ApiError> {
        Ok(vec![
            bind(
                self.db.prepare(sql::REMOVE_STALE_ROWS),
                &[JsValue::from(stale_before)],
            )?,
            bind(
                self.db.prepare(sql::REMOVE_STALE_RUNS),
                &[JsValue::from(stale_before)],
            )?,
            bind(
                self.db.prepare(sql::BEGIN),
                &[JsValue::from(id), JsValue::from(at), JsValue::from(actor)],
            )?,
        ])
    }

    /// Begins import `id`.
    pub async fn start(
        &self,
        id: &str,
        actor: &str,
        at: &str,
        stale_before: &str,
    ) -> Result<(), ApiError> {
        self.db
            .batch(self.begin(id, actor, at, stale_before)?)
            .await?;
        Ok(())
    }

    /// The statement that stages the rows of `file` (a whole file or a part) under `id`; a row
    /// sent again (a part retried) replaces its earlier copy.
    pub fn stage(
        &self,
        id: &str,
        file: &ImportFile,
        mut new_id: impl FnMut(&str) -> Result<String, ApiError>,
    ) -> Result<D1PreparedStatement, ApiError> {
        let customers: HashMap<&str, &ImportedCustomer> = file
            .customers
            .iter()
            .map(|c| (c.reference.as_str(), c))
            .collect();
        let staged = file
            .installations
            .iter()
            .filter_map(|i| {
                let c = customers.get(i.customer_ref.as_str())?;
                Some(StagedRow::of(i, c, &mut new_id))
            })
            .collect::<Result<Vec<StagedRow>, ApiError>>()?;
        bind(
            self.db.prepare(sql::stage()),
            &[
                JsValue::from(id),
                JsValue::from(serde_json::to_string(&staged)?),
            ],
        )
    }

    /// Stages a part of import `id`; `false` when there is no such import.
    pub async fn stage_part(
        &self,
        id: &str,
        file: &ImportFile,
        new_id: impl FnMut(&str) -> Result<String, ApiError>,
    ) -> Result<bool, ApiError> {
        if self.staged(id).await?.is_none() {
            return Ok(false);
        }
        self.stage(id, file, new_id)?.run().await?;
        Ok(true)
    }

    /// Removes import `id` and its staged rows (nothing is written).
    pub async fn remove(&self, id: &str) -> Result<(), ApiError> {
        let id = JsValue::from(id);
        self.db
            .batch(vec![
                bind(self.db.prepare(sql::REMOVE_ROWS), std::slice::from_ref(&id))?,
                bind(self.db.prepare(sql::REMOVE_RUN), &[id])?,
            ])
            .await?;
        Ok(())
    }

    /// Counts `rows` refused rows of a part of import `id`.
    pub async fn refuse_part(&self, id: &str, rows: usize) -> Result<(), ApiError> {
        bind(
            self.db.prepare(sql::REFUSED),
            &[JsValue::from(id), JsValue::from(rows as f64)],
        )?
        .run()
        .await?;
        Ok(())
    }

    /// Import `id`, if it was begun (and not applied or removed): its refused and staged rows.
    pub async fn staged(&self, id: &str) -> Result<Option<StagedImport>, ApiError> {
        let stmt = bind(self.db.prepare(sql::STAGED), &[JsValue::from(id)])?;
        Ok(rows::<StagedImport>(&stmt.all().await?)?.into_iter().next())
    }

    /// What only the whole file shows: a licence number in two rows, a customer whose rows
    /// disagree (at most 1000 rows).
    pub async fn conflicts(&self, id: &str) -> Result<Vec<RejectedRow>, ApiError> {
        let stmt = bind(self.db.prepare(sql::CONFLICTS), &[JsValue::from(id)])?;
        Ok(rows::<Conflict>(&stmt.all().await?)?
            .into_iter()
            .map(|c| {
                let (row, first) = (c.row as usize, c.first as usize);
                match c.kind.as_str() {
                    "licence" => duplicate_licence(row, first, &c.subject),
                    _ => customer_disagrees(row, first, &c.subject),
                }
            })
            .collect())
    }

    /// The batch that applies import `id`: what differs from the store is written, the import
    /// is audited (when it changed something) and its staged rows removed.
    pub fn apply(
        &self,
        id: &str,
        actor: &str,
        at: &str,
    ) -> Result<Vec<D1PreparedStatement>, ApiError> {
        let id = JsValue::from(id);
        let mut out = Vec::new();
        for statement in sql::APPLY {
            let params = match statement == sql::AUDIT {
                true => vec![id.clone(), JsValue::from(at), JsValue::from(actor)],
                false => vec![id.clone()],
            };
            out.push(bind(self.db.prepare(statement), &params)?);
        }
        Ok(out)
    }

    /// Applies import `id` (see [`ImportStore::apply`]): what it wrote.
    pub async fn commit(
        &self,
        id: &str,
        actor: &str,
        at: &str,
        before: Vec<D1PreparedStatement>,
    ) -> Result<ImportReport, ApiError> {
        let skip = before.len();
        let mut statements = before;
        statements.extend(self.apply(id, actor, at)?);
        let results = self.db.batch(statements).await?;
        let counts = results
            .get(skip + sql::COUNTS_AT)
            .ok_or_else(|| ApiError::Internal("D1 batch returned no counts".into()))?;
        rows::<ImportReport>(counts)?
            .into_iter()
            .next()
            .ok_or_else(|| ApiError::Internal("D1 batch returned no counts".into()))
    }
}

/// The day before which an unfinished import is removed: `hours` before `now`.
pub fn stale_before(now: chrono::DateTime<chrono::Utc>, hours: i64) -> String {
    (now - chrono::Duration::hours(hours)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
