//! Orders, their lines, idempotency keys, and the one D1 batch that writes an installation's
//! change with its orders, audit entries and e-mails. What a priced order writes is built by
//! `super::writes`.

use super::legacy::LegacyWrite;
use super::{bind, opt, outbox_ids, require_one_change, rows, run_guarded};
use crate::error::ApiError;
use serde::Deserialize;
use sma_shared::dates::iso;
use sma_shared::lifecycle::CoverageRecord;
use sma_shared::mail::Message;
use sma_shared::orders::{Billing, OrderLine};
use worker::{wasm_bindgen::JsValue, D1Database, D1PreparedStatement};

/// The configuration an installation has after a change.
pub struct ConfigWrite {
    /// Edition code.
    pub edition: String,
    /// Total cameras.
    pub cameras: u32,
    /// JSON `[{"sku", "qty"}]`.
    pub modules: String,
}

/// The SMA coverage after a change (every column; written as an upsert).
pub struct CoverageWrite {
    /// S.
    pub start: String,
    /// 1 or 3.
    pub term_years: u32,
    /// The year index the terms began with.
    pub term_from: u32,
    /// The first anniversary not ordered yet.
    pub renews_on: String,
    /// Auto-renew.
    pub auto_renew: bool,
    /// When auto-renew was switched off.
    pub cancelled_on: Option<String>,
    /// The first uncovered day, when auto-renew is off.
    pub ends_on: Option<String>,
    /// Whether the lapse was processed.
    pub lapsed: bool,
    /// The deadline last reminded of.
    pub reminded_deadline: Option<String>,
    /// The day the renewal engine next has something to do; `''` (due: the next run works it
    /// out) unless the engine itself writes it.
    pub next_event_on: String,
}

impl CoverageWrite {
    /// The columns of a coverage record, with the engine's lapse flag and last reminder.
    pub fn of(c: &CoverageRecord, lapsed: bool, reminded_deadline: Option<&str>) -> CoverageWrite {
        CoverageWrite {
            start: iso(c.start),
            term_years: c.term.years(),
            term_from: c.term_from,
            renews_on: iso(c.renews_on),
            auto_renew: c.auto_renew,
            cancelled_on: c.cancelled_on.map(iso),
            ends_on: c.ends_on.map(iso),
            lapsed,
            reminded_deadline: reminded_deadline.map(str::to_owned),
            next_event_on: String::new(),
        }
    }
}

/// An order to insert.
pub struct OrderWrite {
    /// `ord_…`.
    pub id: String,
    /// `sma`, `renewal`, `expansion`, `upgrade`.
    pub kind: &'static str,
    /// `customer` or `renewal_engine`.
    pub source: &'static str,
    /// ISO 8601 UTC.
    pub created_at: String,
    /// YYYY-MM-DD.
    pub order_date: String,
    /// The term ordered (SMA and renewal orders).
    pub term_start: Option<String>,
    /// Currency.
    pub currency: String,
    /// Net, VAT rate, VAT, gross as decimal strings.
    pub net: String,
    /// VAT rate in percent.
    pub vat_rate: String,
    /// VAT.
    pub vat: String,
    /// Gross.
    pub gross: String,
    /// The order as the API answers it, without its number.
    pub body: String,
    /// Its lines.
    pub lines: Vec<OrderLine>,
}

/// An audit entry.
pub struct AuditWrite {
    /// ISO 8601 UTC.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What, e.g. `order.expansion`.
    pub action: String,
    /// The state before (JSON).
    pub before: String,
    /// The state after (JSON).
    pub after: String,
}

/// A message to every user of the customer (in each one's language; a kind one may turn off
/// only to those who did not), written once per `dedupe_key` and user.
pub struct EmailWrite {
    /// E.g. `lapse:<installation>:<date>`.
    pub dedupe_key: String,
    /// The message's facts.
    pub message: Message,
}

/// Everything one change of an installation writes, in one D1 batch (one transaction). The
/// batch applies only if the installation still has `expected_version`; otherwise nothing is
/// written and [`OrderStore::apply`] answers `Ok(false)`.
pub struct Change<'a> {
    /// The owner.
    pub customer_id: &'a str,
    /// The installation.
    pub installation_id: &'a str,
    /// The version the change was decided on.
    pub expected_version: i64,
    /// The configuration after it.
    pub config: ConfigWrite,
    /// The legacy Maintenance Contract after it (`None`: unchanged).
    pub legacy: Option<LegacyWrite>,
    /// The coverage after it (`None`: unchanged).
    pub coverage: Option<CoverageWrite>,
    /// Orders placed.
    pub orders: Vec<OrderWrite>,
    /// Audit entries.
    pub audit: Vec<AuditWrite>,
    /// E-mails.
    pub emails: Vec<EmailWrite>,
    /// The idempotency key that placed the order and when this request claimed it: its row
    /// gets the order id only if it is still this request's claim (else nothing is written).
    pub idempotency_key: Option<(&'a str, &'a str)>,
    /// When (ISO 8601 UTC), for the e-mails.
    pub at: &'a str,
}

/// A stored idempotency key.
#[derive(Debug, Deserialize)]
pub struct KeyRow {
    /// SHA-256 of the first request.
    pub request_hash: String,
    /// When it was claimed.
    pub created_at: String,
    /// The order it placed, once placed.
    pub order_id: Option<String>,
}

/// A stored order: its sequence number and body.
#[derive(Debug, Deserialize)]
pub struct OrderRow {
    /// The invoice number's sequence.
    pub seq: i64,
    /// The order as the API answers it (JSON).
    pub body: String,
}

#[derive(Deserialize)]
struct BillingRow {
    name: String,
    country: String,
    vat_id: Option<String>,
}

/// Orders and their writes, always scoped to one customer.
pub struct OrderStore<'a> {
    db: &'a D1Database,
}

fn s(text: &str) -> JsValue {
    JsValue::from(text)
}

impl<'a> OrderStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// The customer's invoice address.
    pub async fn billing(&self, customer_id: &str) -> Result<Billing, ApiError> {
        let stmt = bind(
            self.db
                .prepare("SELECT name, country, vat_id FROM customers WHERE id = ?1"),
            &[s(customer_id)],
        )?;
        let row = stmt
            .first::<BillingRow>(None)
            .await?
            .ok_or_else(|| ApiError::Internal(format!("customer {customer_id} missing")))?;
        Ok(Billing {
            name: row.name,
            country: row.country,
            vat_id: row.vat_id.filter(|v| !v.trim().is_empty()),
        })
    }

    /// Claims `key` for a request with `hash`: `None` when this request claimed it, else the
    /// row that was there.
    pub async fn claim_key(
        &self,
        customer_id: &str,
        key: &str,
        hash: &str,
        now: &str,
    ) -> Result<Option<KeyRow>, ApiError> {
        let insert = bind(
            self.db.prepare(
                "INSERT INTO idempotency_keys (customer_id, key, request_hash, created_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (customer_id, key) DO NOTHING",
            ),
            &[s(customer_id), s(key), s(hash), s(now)],
        )?;
        let changes = insert
            .run()
            .await?
            .meta()?
            .and_then(|m| m.changes)
            .unwrap_or(0);
        if changes == 1 {
            return Ok(None);
        }
        let stmt = bind(
            self.db.prepare(
                "SELECT request_hash, created_at, order_id FROM idempotency_keys
                  WHERE customer_id = ?1 AND key = ?2",
            ),
            &[s(customer_id), s(key)],
        )?;
        Ok(stmt.first::<KeyRow>(None).await?)
    }

    /// Takes over a claim abandoned since `claimed_at` (its request died before placing an
    /// order); `false` when another request took it first.
    pub async fn take_over_key(
        &self,
        customer_id: &str,
        key: &str,
        claimed_at: &str,
        now: &str,
    ) -> Result<bool, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "UPDATE idempotency_keys SET created_at = ?4
                  WHERE customer_id = ?1 AND key = ?2 AND created_at = ?3 AND order_id IS NULL",
            ),
            &[s(customer_id), s(key), s(claimed_at), s(now)],
        )?;
        Ok(stmt
            .run()
            .await?
            .meta()?
            .and_then(|m| m.changes)
            .unwrap_or(0)
            == 1)
    }

    /// Releases this request's claim (made at `claimed_at`) after it failed before placing an
    /// order, so the key can be retried; a claim taken over by another request stays.
    pub async fn release_key(
        &self,
        customer_id: &str,
        key: &str,
        claimed_at: &str,
    ) -> Result<(), ApiError> {
        let stmt = bind(
            self.db.prepare(
                "DELETE FROM idempotency_keys
                  WHERE customer_id = ?1 AND key = ?2 AND order_id IS NULL AND created_at = ?3",
            ),
            &[s(customer_id), s(key), s(claimed_at)],
        )?;
        stmt.run().await?;
        Ok(())
    }

    /// The customer's orders, newest first.
    pub async fn list(&self, customer_id: &str) -> Result<Vec<OrderRow>, ApiError> {
        let stmt = bind(
            self.db
                .prepare("SELECT seq, body FROM orders WHERE customer_id = ?1 ORDER BY seq DESC"),
            &[s(customer_id)],
        )?;
        rows(&stmt.all().await?)
    }

    /// One of the customer's orders (`None` also for another customer's id).
    pub async fn get(&self, customer_id: &str, id: &str) -> Result<Option<OrderRow>, ApiError> {
        let stmt = bind(
            self.db
                .prepare("SELECT seq, body FROM orders WHERE customer_id = ?1 AND id = ?2"),
            &[s(customer_id), s(id)],
        )?;
        Ok(stmt.first::<OrderRow>(None).await?)
    }

    /// Writes a change in one D1 batch and answers the ids of the outbox rows it wrote.
    /// `Ok(None)` when the installation changed since it was read (or the term was already
    /// ordered): nothing was written.
    pub async fn apply(&self, c: &Change<'_>) -> Result<Option<Vec<i64>>, ApiError> {
        Ok(self.apply_counted(c).await?.0)
    }

    /// [`Self::apply`], also answering how many statements the batch had (what counts towards
    /// the per-invocation limit of D1 queries).
    pub async fn apply_counted(
        &self,
        c: &Change<'_>,
    ) -> Result<(Option<Vec<i64>>, usize), ApiError> {
        let statements = self.statements(c)?;
        let count = statements.len();
        let ids = run_guarded(self.db, statements)
            .await?
            .map(|results| outbox_ids(&results));
        Ok((ids, count))
    }

    fn statements(&self, c: &Change<'_>) -> Result<Vec<D1PreparedStatement>, ApiError> {
        let db = self.db;
        let mut out = vec![bind(
            db.prepare(
                "UPDATE installations SET version = version + 1, edition = ?1, cameras = ?2,
                            modules = ?3
                      WHERE id = ?4 AND customer_id = ?5 AND version = ?6",
            ),
            &[
                s(&c.config.edition),
                JsValue::from(c.config.cameras),
                s(&c.config.modules),
                s(c.installation_id),
                s(c.customer_id),
                JsValue::from(c.expected_version as f64),
            ],
        )?];
        out.extend(require_one_change(db));
        // Before the SMA: a switch closes the contract first.
        if let Some(legacy) = &c.legacy {
            out.push(legacy.statement(db, c.installation_id)?);
        }
        if let Some(cov) = &c.coverage {
            out.push(bind(
                db.prepare(
                    "INSERT INTO sma_coverage (installation_id, start, term_years, term_from,
                            renews_on, auto_renew, cancelled_on, ends_on, lapsed, reminded_deadline,
                            next_event_on)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                     ON CONFLICT (installation_id) DO UPDATE SET start = excluded.start,
                            term_years = excluded.term_years, term_from = excluded.term_from,
                            renews_on = excluded.renews_on, auto_renew = excluded.auto_renew,
                            cancelled_on = excluded.cancelled_on, ends_on = excluded.ends_on,
                            lapsed = excluded.lapsed, reminded_deadline = excluded.reminded_deadline,
                            next_event_on = excluded.next_event_on",
                ),
                &[
                    s(c.installation_id),
                    s(&cov.start),
                    JsValue::from(cov.term_years),
                    JsValue::from(cov.term_from),
                    s(&cov.renews_on),
                    JsValue::from(i32::from(cov.auto_renew)),
                    opt(cov.cancelled_on.as_deref()),
                    opt(cov.ends_on.as_deref()),
                    JsValue::from(i32::from(cov.lapsed)),
                    opt(cov.reminded_deadline.as_deref()),
                    s(&cov.next_event_on),
                ],
            )?);
        }
        for o in &c.orders {
            out.push(bind(
                db.prepare(
                    "INSERT INTO orders (id, customer_id, installation_id, kind, source, created_at,
                            order_date, term_start, currency, net, vat_rate, vat, gross, body)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                ),
                &[
                    s(&o.id),
                    s(c.customer_id),
                    s(c.installation_id),
                    s(o.kind),
                    s(o.source),
                    s(&o.created_at),
                    s(&o.order_date),
                    opt(o.term_start.as_deref()),
                    s(&o.currency),
                    s(&o.net),
                    s(&o.vat_rate),
                    s(&o.vat),
                    s(&o.gross),
                    s(&o.body),
                ],
            )?);
            for (i, l) in o.lines.iter().enumerate() {
                out.push(bind(
                    db.prepare(
                        "INSERT INTO order_lines (order_id, position, kind, code, description, qty,
                                unit_price, amount, explanation)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    ),
                    &[
                        s(&o.id),
                        JsValue::from(i as u32),
                        s(serde_json::to_value(l.kind)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                            .as_str()),
                        s(&l.code),
                        s(&l.description),
                        l.qty.map_or(JsValue::NULL, JsValue::from),
                        opt(l.unit_price.map(|p| p.to_string()).as_deref()),
                        s(&l.amount.to_string()),
                        s(&l.explanation),
                    ],
                )?);
            }
        }
        for a in &c.audit {
            out.push(bind(
                db.prepare(
                    "INSERT INTO audit_log (at, actor, action, subject, before, after)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                ),
                &[
                    s(&a.at),
                    s(&a.actor),
                    s(&a.action),
                    s(&format!("installation:{}", c.installation_id)),
                    s(&a.before),
                    s(&a.after),
                ],
            )?);
        }
        for e in &c.emails {
            let kind = e.message.kind();
            out.push(bind(
                db.prepare(
                    "INSERT INTO email_outbox (created_at, to_email, user_id, kind, lang, message,
                            dedupe_key, installation_id)
                     SELECT ?1, u.email, u.id, ?2, u.lang, ?3, ?4 || ':' || u.id, ?5
                       FROM users u
                      WHERE u.customer_id = ?6
                        AND (?7 = 0 OR NOT EXISTS (SELECT 1 FROM notification_opt_outs o
                                                     WHERE o.user_id = u.id AND o.kind = ?2))
                     ON CONFLICT (dedupe_key) DO NOTHING
                     RETURNING id AS outbox_id",
                ),
                &[
                    s(c.at),
                    s(kind.code()),
                    s(&serde_json::to_string(&e.message)?),
                    s(&e.dedupe_key),
                    s(c.installation_id),
                    s(c.customer_id),
                    JsValue::from(i32::from(kind.may_opt_out())),
                ],
            )?);
        }
        if let (Some((key, claimed_at)), Some(order)) = (c.idempotency_key, c.orders.first()) {
            out.push(bind(
                db.prepare(
                    "UPDATE idempotency_keys SET order_id = ?3
                      WHERE customer_id = ?1 AND key = ?2 AND order_id IS NULL AND created_at = ?4",
                ),
                &[s(c.customer_id), s(key), s(&order.id), s(claimed_at)],
            )?);
            // Another request took the key over meanwhile: write nothing.
            out.extend(require_one_change(db));
        }
        Ok(out)
    }
}
