//! An import of customers and installations (`shared::accounts::parse_import`) in D1: what is
//! stored already (read by reference and licence number), what of the file differs from it,
//! and the one D1 batch that writes the difference, idempotent on the licence number.

use super::{bind, opt, rows};
use crate::error::ApiError;
use crate::store::audit::{AuditRecord, AuditStore};
use chrono::NaiveDate;
use serde::Deserialize;
use sma_shared::accounts::{ImportFile, ImportedCustomer, ImportedInstallation};
use sma_shared::api::{ImportReport, ModuleQty};
use sma_shared::dates::iso;
use sma_shared::lifecycle::SmaContract;
use std::collections::HashMap;
use worker::{wasm_bindgen::JsValue, D1Database, D1PreparedStatement};

/// A stored customer, as the import compares it.
#[derive(Debug, Deserialize)]
struct CustomerRow {
    id: String,
    name: String,
    country: String,
    vat_id: Option<String>,
    contact_email: Option<String>,
    #[serde(rename = "ref")]
    reference: String,
}

/// A stored installation with its coverage, as the import compares it.
#[derive(Debug, Deserialize)]
struct InstallationRow {
    licence_number: String,
    customer_ref: Option<String>,
    name: String,
    edition: String,
    cameras: i64,
    modules: String,
    licence_date: String,
    initial_value: String,
    start: Option<String>,
    term_years: Option<i64>,
    auto_renew: Option<i64>,
}

/// The columns an installation of the file is stored as.
struct InstallationColumns {
    modules: String,
    initial_value: String,
    coverage: Option<(String, i64, i64)>,
}

impl InstallationColumns {
    fn of(i: &ImportedInstallation) -> Result<Self, ApiError> {
        Ok(Self {
            modules: serde_json::to_string(&ModuleQty::of(&i.config))?,
            initial_value: normal(&i.initial_value.to_string()),
            coverage: i.sma.map(|s| {
                (
                    iso(s.start),
                    i64::from(s.term.years()),
                    i64::from(s.auto_renew),
                )
            }),
        })
    }

    fn same(&self, i: &ImportedInstallation, row: &InstallationRow) -> bool {
        let stored_value = Some(normal(&row.initial_value));
        row.customer_ref.as_deref() == Some(i.customer_ref.as_str())
            && row.name == i.name
            && row.edition == i.config.edition().to_string()
            && row.cameras == i64::from(i.config.cameras())
            && row.modules == self.modules
            && row.licence_date == iso(i.licence_date)
            && stored_value.as_deref() == Some(self.initial_value.as_str())
            && match (&self.coverage, &row.start) {
                (None, None) => true,
                (Some((start, term, auto)), Some(s)) => {
                    s == start && row.term_years == Some(*term) && row.auto_renew == Some(*auto)
                }
                _ => false,
            }
    }
}

/// A decimal's text without trailing zeros after the point (`2418.00` → `2418`).
fn normal(text: &str) -> String {
    match text.contains('.') {
        true => text.trim_end_matches('0').trim_end_matches('.').to_owned(),
        false => text.to_owned(),
    }
}

fn same_customer(c: &ImportedCustomer, row: &CustomerRow) -> bool {
    row.name == c.name
        && row.country == c.country
        && row.vat_id == c.vat_id
        && row.contact_email.as_deref() == Some(c.contact_email.as_str())
}

/// Imports into D1.
pub struct ImportStore<'a> {
    db: &'a D1Database,
}

impl<'a> ImportStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    async fn read<T: serde::de::DeserializeOwned>(
        &self,
        sql: &str,
        keys: &[String],
    ) -> Result<Vec<T>, ApiError> {
        let mut out = Vec::new();
        for chunk in keys.chunks(100) {
            let marks: Vec<String> = (1..=chunk.len()).map(|n| format!("?{n}")).collect();
            let params: Vec<JsValue> = chunk.iter().map(|k| JsValue::from(k.as_str())).collect();
            let stmt = bind(
                self.db.prepare(sql.replace("{}", &marks.join(", "))),
                &params,
            )?;
            out.extend(rows::<T>(&stmt.all().await?)?);
        }
        Ok(out)
    }

    /// Writes what of `file` differs from what is stored, in one D1 batch with its audit
    /// entry; `new_id` names new customers and installations. A file stored exactly so already
    /// writes nothing (not even an audit entry). `dry_run` reports without writing.
    pub async fn import(
        &self,
        file: &ImportFile,
        today: NaiveDate,
        actor: &str,
        at: &str,
        mut new_id: impl FnMut(&str) -> Result<String, ApiError>,
    ) -> Result<ImportReport, ApiError> {
        let refs: Vec<String> = file.customers.iter().map(|c| c.reference.clone()).collect();
        let numbers: Vec<String> = file
            .installations
            .iter()
            .map(|i| i.licence_number.to_string())
            .collect();
        let customers: HashMap<String, CustomerRow> = self
            .read::<CustomerRow>("SELECT id, name, country, vat_id, contact_email, ref FROM customers WHERE ref IN ({})", &refs)
            .await?
            .into_iter()
            .map(|r| (r.reference.clone(), r))
            .collect();
        let installations: HashMap<String, InstallationRow> = self
            .read::<InstallationRow>(
                "SELECT i.licence_number, c.ref AS customer_ref, i.name, i.edition, i.cameras, i.modules,
                        i.licence_date, i.initial_value, s.start, s.term_years, s.auto_renew
                   FROM installations i JOIN customers c ON c.id = i.customer_id
                   LEFT JOIN sma_coverage s ON s.installation_id = i.id
                  WHERE i.licence_number IN ({})",
                &numbers,
            )
            .await?
            .into_iter()
            .map(|r| (r.licence_number.clone(), r))
            .collect();
        let mut report = ImportReport::default();
        let mut statements = Vec::new();
        let mut changed_refs = Vec::new();
        for c in &file.customers {
            if customers
                .get(&c.reference)
                .is_some_and(|row| same_customer(c, row))
            {
                continue;
            }
            let id = match customers.get(&c.reference) {
                Some(row) => row.id.clone(),
                None => new_id("cus")?,
            };
            report.customers += 1;
            changed_refs.push(c.reference.as_str());
            statements.push(self.customer(c, &id)?);
        }
        for i in &file.installations {
            let columns = InstallationColumns::of(i)?;
            let number = i.licence_number.to_string();
            let stored = installations.get(&number);
            if stored.is_some_and(|row| columns.same(i, row)) {
                if !changed_refs.contains(&i.customer_ref.as_str()) {
                    report.unchanged += 1;
                }
                continue;
            }
            report.installations += 1;
            statements.extend(self.installation(i, &number, &columns, &new_id("inst")?, today)?);
        }
        if statements.is_empty() {
            return Ok(report);
        }
        let after = serde_json::to_string(&report)?;
        statements.push(AuditStore::new(self.db).insert(&AuditRecord {
            at,
            actor,
            action: "customers.import",
            subject: "customers",
            before: None,
            after: Some(after),
        })?);
        self.db.batch(statements).await?;
        Ok(report)
    }

    fn customer(&self, c: &ImportedCustomer, id: &str) -> Result<D1PreparedStatement, ApiError> {
        bind(
            self.db.prepare(
                "INSERT INTO customers (id, name, country, vat_id, ref, contact_email)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (ref) DO UPDATE SET name = excluded.name, country = excluded.country,
                        vat_id = excluded.vat_id, contact_email = excluded.contact_email",
            ),
            &[
                JsValue::from(id),
                JsValue::from(c.name.as_str()),
                JsValue::from(c.country.as_str()),
                opt(c.vat_id.as_deref()),
                JsValue::from(c.reference.as_str()),
                JsValue::from(c.contact_email.as_str()),
            ],
        )
    }

    fn installation(
        &self,
        i: &ImportedInstallation,
        number: &str,
        columns: &InstallationColumns,
        id: &str,
        today: NaiveDate,
    ) -> Result<Vec<D1PreparedStatement>, ApiError> {
        let mut out = vec![bind(
            self.db.prepare(
                "INSERT INTO installations (id, customer_id, name, edition, cameras, modules,
                        licence_date, initial_value, licence_number)
                 VALUES (?1, (SELECT id FROM customers WHERE ref = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (licence_number) DO UPDATE SET customer_id = excluded.customer_id,
                        name = excluded.name, edition = excluded.edition, cameras = excluded.cameras,
                        modules = excluded.modules, licence_date = excluded.licence_date,
                        initial_value = excluded.initial_value, version = version + 1",
            ),
            &[
                JsValue::from(id),
                JsValue::from(i.customer_ref.as_str()),
                JsValue::from(i.name.as_str()),
                JsValue::from(i.config.edition().to_string()),
                JsValue::from(i.config.cameras()),
                JsValue::from(columns.modules.as_str()),
                JsValue::from(iso(i.licence_date)),
                JsValue::from(columns.initial_value.as_str()),
                JsValue::from(number),
            ],
        )?];
        let installation = "(SELECT id FROM installations WHERE licence_number = ?1)";
        out.push(match i.sma {
            None => bind(
                self.db.prepare(format!(
                    "DELETE FROM sma_coverage WHERE installation_id = {installation}"
                )),
                &[JsValue::from(number)],
            )?,
            Some(sma) => {
                // The first anniversary not ordered yet is the one after today; the run works
                // out the next event ('').
                let renews_on = SmaContract::new(sma.start, sma.term)
                    .next_renewal(today)
                    .date;
                bind(
                    self.db.prepare(format!(
                        "INSERT INTO sma_coverage (installation_id, start, term_years, term_from,
                                renews_on, auto_renew, cancelled_on, ends_on, lapsed, next_event_on)
                         VALUES ({installation}, ?2, ?3, 1, ?4, ?5, NULL, ?6, 0, '')
                         ON CONFLICT (installation_id) DO UPDATE SET start = excluded.start,
                                term_years = excluded.term_years, term_from = 1,
                                renews_on = excluded.renews_on, auto_renew = excluded.auto_renew,
                                cancelled_on = NULL, ends_on = excluded.ends_on, lapsed = 0,
                                reminded_deadline = NULL, next_event_on = ''"
                    )),
                    &[
                        JsValue::from(number),
                        JsValue::from(iso(sma.start)),
                        JsValue::from(sma.term.years()),
                        JsValue::from(iso(renews_on)),
                        JsValue::from(i32::from(sma.auto_renew)),
                        match sma.auto_renew {
                            true => JsValue::NULL,
                            false => JsValue::from(iso(renews_on)),
                        },
                    ],
                )?
            }
        });
        Ok(out)
    }
}
