//! The e-mail outbox and its delivery states, and the local mailer's mailbox.
//!
//! A row is claimed for sending by one statement (`UPDATE … RETURNING`) that moves it from
//! `pending` (or a `retry` that is due, or a `sending` claim left behind by a crashed consumer)
//! to `sending`: two consumers never both claim it. It then becomes `sent`, `retry` (with the
//! time of the next attempt) or `dead` (with the last error).

use super::batch::{Batch, MailWrite};
use super::{bind, opt, rows};
use crate::error::ApiError;
use serde::Deserialize;
use sma_shared::api::OutboxEntry;
use worker::{wasm_bindgen::JsValue, D1Database};

/// A row claimed for sending.
#[derive(Clone, Debug, Deserialize)]
pub struct ClaimedRow {
    /// The row's id.
    pub id: i64,
    /// The recipient.
    pub to_email: String,
    /// The kind's code.
    pub kind: String,
    /// `en` or `de`.
    pub lang: String,
    /// The message's facts (JSON), its token blank.
    pub message: Option<String>,
    /// The token the message carries.
    pub token_id: Option<String>,
    /// Rows from before 0005: the subject as written then.
    pub subject: Option<String>,
    /// Rows from before 0005: the text as written then.
    pub text: Option<String>,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// What became of a claimed row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Delivered.
    Sent {
        /// The provider's id of the message.
        provider_id: Option<String>,
    },
    /// To be tried again at `next_attempt_at`.
    Retry {
        /// When (ISO 8601 UTC).
        next_attempt_at: String,
        /// Why it failed.
        error: String,
    },
    /// Given up.
    Dead {
        /// Why.
        error: String,
    },
}

/// A message of the dev mailbox.
#[derive(Clone, Debug, Deserialize)]
pub struct MailboxRow {
    /// The outbox row's id.
    pub outbox_id: i64,
    /// The recipient.
    pub to_email: String,
    /// The subject.
    pub subject: String,
    /// The plain text.
    pub text: String,
    /// The HTML.
    pub html: String,
    /// `en` or `de`.
    pub lang: String,
    /// The kind's code.
    pub kind: String,
    /// When it was delivered.
    pub created_at: String,
}

#[derive(Deserialize)]
struct Id {
    id: i64,
}

/// The outbox.
pub struct OutboxStore<'a> {
    db: &'a D1Database,
}

fn js(s: &str) -> JsValue {
    JsValue::from(s)
}

/// Ids as one JSON array parameter (read with `json_each`).
fn id_list(ids: &[i64]) -> Result<JsValue, ApiError> {
    Ok(js(&serde_json::to_string(ids)?))
}

impl<'a> OutboxStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// Claims the rows among `ids` that may be sent now: pending ones, retries due by
    /// `due_by`, and claims older than `stale_before`. One statement: a row is claimed once.
    pub async fn claim(
        &self,
        ids: &[i64],
        now: &str,
        due_by: &str,
        stale_before: &str,
    ) -> Result<Vec<ClaimedRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "UPDATE email_outbox SET status = 'sending', claimed_at = ?2, attempts = attempts + 1
                  WHERE id IN (SELECT value FROM json_each(?1))
                    AND (status = 'pending'
                         OR (status = 'retry' AND next_attempt_at <= ?3)
                         OR (status = 'sending' AND claimed_at <= ?4))
                 RETURNING id, to_email, kind, lang, message, token_id, subject, text, attempts",
            ),
            &[id_list(ids)?, js(now), js(due_by), js(stale_before)],
        )?;
        rows(&stmt.all().await?)
    }

    /// Records what became of claimed rows (one transaction).
    pub async fn mark(&self, marks: &[(i64, Mark)], now: &str) -> Result<(), ApiError> {
        let mut batch = Batch::new(self.db);
        for (id, mark) in marks {
            let id = JsValue::from(*id as f64);
            match mark {
                Mark::Sent { provider_id } => batch.push(
                    "UPDATE email_outbox SET status = 'sent', sent_at = ?2, provider_id = ?3,
                            next_attempt_at = NULL, last_error = NULL
                      WHERE id = ?1 AND status = 'sending'",
                    &[id, js(now), opt(provider_id.as_deref())],
                )?,
                Mark::Retry {
                    next_attempt_at,
                    error,
                } => batch.push(
                    "UPDATE email_outbox SET status = 'retry', next_attempt_at = ?2, last_error = ?3
                      WHERE id = ?1 AND status = 'sending'",
                    &[id, js(next_attempt_at), js(error)],
                )?,
                Mark::Dead { error } => batch.push(
                    "UPDATE email_outbox SET status = 'dead', next_attempt_at = NULL, last_error = ?2
                      WHERE id = ?1 AND status = 'sending'",
                    &[id, js(error)],
                )?,
            };
        }
        batch.run().await?;
        Ok(())
    }

    /// Rows left behind (at most `limit`, oldest first): pending since before `pending_before`
    /// (their message may have been lost), retries due by `now`, claims older than
    /// `stale_before`.
    pub async fn due(
        &self,
        now: &str,
        pending_before: &str,
        stale_before: &str,
        limit: u32,
    ) -> Result<Vec<i64>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT id FROM email_outbox
                  WHERE (status = 'pending' AND created_at <= ?2)
                     OR (status = 'retry' AND next_attempt_at <= ?1)
                     OR (status = 'sending' AND claimed_at <= ?3)
                  ORDER BY id LIMIT ?4",
            ),
            &[
                js(now),
                js(pending_before),
                js(stale_before),
                JsValue::from(limit),
            ],
        )?;
        Ok(rows::<Id>(&stmt.all().await?)?
            .into_iter()
            .map(|r| r.id)
            .collect())
    }

    /// Delivers a rendered message into the dev mailbox, once per outbox row.
    pub async fn deliver_local(&self, m: &MailboxRow) -> Result<(), ApiError> {
        bind(
            self.db.prepare(
                "INSERT INTO dev_mailbox (outbox_id, to_email, subject, text, html, lang, kind,
                        created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (outbox_id) DO NOTHING",
            ),
            &[
                JsValue::from(m.outbox_id as f64),
                js(&m.to_email),
                js(&m.subject),
                js(&m.text),
                js(&m.html),
                js(&m.lang),
                js(&m.kind),
                js(&m.created_at),
            ],
        )?
        .run()
        .await?;
        Ok(())
    }

    /// The dev mailbox, newest first (at most `limit`), only `to`'s messages when given.
    pub async fn mailbox(&self, to: Option<&str>, limit: u32) -> Result<Vec<MailboxRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT outbox_id, to_email, subject, text, html, lang, kind, created_at
                   FROM dev_mailbox WHERE ?1 IS NULL OR to_email = ?1 COLLATE NOCASE
                  ORDER BY created_at DESC, outbox_id DESC LIMIT ?2",
            ),
            &[opt(to), JsValue::from(limit)],
        )?;
        rows(&stmt.all().await?)
    }

    /// One message of the dev mailbox.
    pub async fn mailbox_message(&self, outbox_id: i64) -> Result<Option<MailboxRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT outbox_id, to_email, subject, text, html, lang, kind, created_at
                   FROM dev_mailbox WHERE outbox_id = ?1",
            ),
            &[JsValue::from(outbox_id as f64)],
        )?;
        Ok(stmt.first::<MailboxRow>(None).await?)
    }

    /// Outbox rows with their delivery states (as the dev view answers them), newest first (at most `limit`), only `to`'s when given,
    /// only the given ids when any.
    pub async fn rows(
        &self,
        to: Option<&str>,
        ids: &[i64],
        limit: u32,
    ) -> Result<Vec<OutboxEntry>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT id, to_email AS \"to\", kind, status, attempts, created_at, next_attempt_at,
                        sent_at, provider_id, last_error
                   FROM email_outbox
                  WHERE (?1 IS NULL OR to_email = ?1 COLLATE NOCASE)
                    AND (?2 = '[]' OR id IN (SELECT value FROM json_each(?2)))
                  ORDER BY id DESC LIMIT ?3",
            ),
            &[opt(to), id_list(ids)?, JsValue::from(limit)],
        )?;
        rows(&stmt.all().await?)
    }

    /// Writes messages to the outbox (dev load runs), answering their ids.
    pub async fn write(&self, mails: &[MailWrite], at: &str) -> Result<Vec<i64>, ApiError> {
        let mut batch = Batch::new(self.db);
        for m in mails {
            batch.mail(m, at)?;
        }
        Ok(batch.run().await?.unwrap_or_default())
    }
}
