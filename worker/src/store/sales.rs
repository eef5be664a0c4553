//! Requests to the sales team ("Ask sales about this") in D1: the request, its two messages and
//! its audit entry written in one batch, and the requests read newest first for the vendor's
//! CRM. A stored row becomes the API's [`SalesRequestRecord`] here.

use super::batch::{AuditEntry, Batch, MailWrite};
use super::{bind, opt, rows};
use crate::error::ApiError;
use serde::Deserialize;
use sma_shared::api::{NewQuoteRequest, NewQuoteResponse, SalesRequestRecord};
use sma_shared::Lang;
use worker::{wasm_bindgen::JsValue, D1Database};

/// A request to store with the messages it sends.
pub struct SalesWrite {
    /// The request as the CRM reads it.
    pub record: SalesRequestRecord,
    /// To the sales team and to the sender.
    pub mails: Vec<MailWrite>,
    /// Who sent it, for the audit log.
    pub actor: String,
}

/// A stored request.
#[derive(Deserialize)]
pub struct SalesRow {
    id: String,
    created_at: String,
    name: String,
    company: String,
    email: String,
    phone: Option<String>,
    message: String,
    lang: String,
    region: String,
    sales_email: String,
    customer_id: Option<String>,
    customer_name: Option<String>,
    installation_id: Option<String>,
    config: Option<String>,
    quote: Option<String>,
    share_link: Option<String>,
}

impl SalesRow {
    /// The request as the API shows it.
    pub fn record(self) -> Result<SalesRequestRecord, ApiError> {
        let corrupt =
            |e: serde_json::Error| ApiError::corrupt(format_args!("sales request {}", self.id), e);
        let config: Option<NewQuoteRequest> = self
            .config
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(corrupt)?;
        let quote: Option<NewQuoteResponse> = self
            .quote
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(corrupt)?;
        Ok(SalesRequestRecord {
            lang: Lang::parse(&self.lang).unwrap_or_default(),
            id: self.id,
            created_at: self.created_at,
            name: self.name,
            company: self.company,
            email: self.email,
            phone: self.phone,
            message: self.message,
            region: self.region,
            sales_email: self.sales_email,
            customer_id: self.customer_id,
            customer_name: self.customer_name,
            installation_id: self.installation_id,
            config,
            quote,
            share_link: self.share_link,
        })
    }
}

/// The requests.
pub struct SalesStore<'a> {
    db: &'a D1Database,
}

impl<'a> SalesStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// Stores the request, its messages and its audit entry in one batch; answers the outbox
    /// rows written.
    pub async fn create(&self, w: &SalesWrite) -> Result<Vec<i64>, ApiError> {
        let r = &w.record;
        let json = |v: Option<String>| v.map_or(JsValue::NULL, JsValue::from);
        let mut batch = Batch::new(self.db);
        batch.push(
            "INSERT INTO sales_requests (id, created_at, name, company, email, phone, message, lang,
                    region, sales_email, customer_id, installation_id, config, quote, share_link)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            &[
                JsValue::from(r.id.as_str()),
                JsValue::from(r.created_at.as_str()),
                JsValue::from(r.name.as_str()),
                JsValue::from(r.company.as_str()),
                JsValue::from(r.email.as_str()),
                opt(r.phone.as_deref()),
                JsValue::from(r.message.as_str()),
                JsValue::from(r.lang.code()),
                JsValue::from(r.region.as_str()),
                JsValue::from(r.sales_email.as_str()),
                opt(r.customer_id.as_deref()),
                opt(r.installation_id.as_deref()),
                json(r.config.as_ref().map(serde_json::to_string).transpose()?),
                json(r.quote.as_ref().map(serde_json::to_string).transpose()?),
                opt(r.share_link.as_deref()),
            ],
        )?;
        for m in &w.mails {
            batch.mail(m, &r.created_at)?;
        }
        batch.audit(&AuditEntry {
            at: r.created_at.clone(),
            actor: w.actor.clone(),
            action: "sales_request.create".into(),
            subject: format!("sales_request:{}", r.id),
            detail: serde_json::json!({"region": r.region, "customer": r.customer_id}).to_string(),
        })?;
        Ok(batch.run().await?.unwrap_or_default())
    }

    /// Up to `limit` requests older than the one with id `after` (all when `None`), newest
    /// first, with the customer's name.
    pub async fn page(&self, after: Option<&str>, limit: u32) -> Result<Vec<SalesRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT r.id, r.created_at, r.name, r.company, r.email, r.phone, r.message, r.lang,
                        r.region, r.sales_email, r.customer_id, c.name AS customer_name,
                        r.installation_id, r.config, r.quote, r.share_link
                   FROM sales_requests r LEFT JOIN customers c ON c.id = r.customer_id
                  WHERE ?1 IS NULL OR r.seq < (SELECT seq FROM sales_requests WHERE id = ?1)
                  ORDER BY r.seq DESC LIMIT ?2",
            ),
            &[opt(after), JsValue::from(limit)],
        )?;
        rows(&stmt.all().await?)
    }
}
