//! E-mail delivery: the outbox (`store::outbox`) drained through a Cloudflare Queue.
//!
//! - Producer: a request writes its outbox rows in the same D1 batch as its change, and once
//!   that batch committed sends the rows' ids to the queue ([`enqueue`], after the response).
//! - Sweep: the frequent cron sends again the ids of rows left behind ([`sweep`]): pending
//!   for a minute (their message was lost), retries that are due, claims of a consumer that
//!   died.
//! - Consumer ([`queue`]): claims its rows atomically (one `UPDATE … RETURNING`; a row already
//!   sent, claimed or not due is simply acknowledged, so a duplicate message, a retried batch
//!   or the sweep racing the producer never sends twice), renders them (`compose`), sends them
//!   through the configured [`mailer::Mailer`], and records sent, retry (backoff of
//!   `config::RetryPolicy`) or dead with the error. It never fails the batch: an `Err` would
//!   make the runtime deliver every message of it again.

pub mod compose;
mod mailer;
pub mod resend;

use crate::clock::{timestamp, Now};
use crate::config::{self, MailConfig};
use crate::context::Ctx;
use crate::error::ApiError;
use crate::store::outbox::OutboxStore;
use chrono::Duration;
use compose::{compose, settle, Delivery, QueueStep};
use futures_util::future::join_all;
use mailer::Mailer;
use std::collections::BTreeMap;
use worker::{
    console_error, console_log, D1Database, Env, MessageBatch, MessageExt,
    QueueRetryOptionsBuilder, RawMessage,
};

/// The producer binding of the mail queue (wrangler.toml `[[queues.producers]]`).
pub const QUEUE: &str = "MAIL_QUEUE";
/// A claim older than this belongs to a consumer that died: the row is taken again.
const STALE_CLAIM_MINUTES: i64 = 10;
/// A pending row older than this has lost its message: the sweep sends it again.
const PENDING_GRACE_SECONDS: i64 = 60;
/// A retry that comes back this early (queue delays are whole seconds) still counts as due.
const DUE_TOLERANCE_SECONDS: i64 = 2;
/// The most rows one sweep sends again.
const SWEEP_LIMIT: u32 = 1000;
/// The most messages in one `sendBatch`.
const SEND_BATCH: usize = 100;

/// Sends outbox row ids to the queue; a failure is logged (the sweep sends them later).
pub async fn enqueue(env: &Env, ids: &[i64]) {
    if let Err(e) = send(env, ids).await {
        console_error!(
            "mail queue: {} ids not sent ({e}); the sweep sends them",
            ids.len()
        );
    }
}

async fn send(env: &Env, ids: &[i64]) -> worker::Result<()> {
    let queue = env.queue(QUEUE)?;
    for chunk in ids.chunks(SEND_BATCH) {
        let bodies: Vec<String> = chunk.iter().map(i64::to_string).collect();
        queue.send_batch(bodies).await?;
    }
    Ok(())
}

/// Sends again the ids of the rows left behind at `now`; answers how many.
pub async fn sweep(env: &Env, db: &D1Database, now: Now) -> Result<usize, ApiError> {
    let at = now.at();
    let ids = OutboxStore::new(db)
        .due(
            &now.iso(),
            &timestamp(at - Duration::seconds(PENDING_GRACE_SECONDS)),
            &timestamp(at - Duration::minutes(STALE_CLAIM_MINUTES)),
            SWEEP_LIMIT,
        )
        .await?;
    send(env, &ids).await?;
    Ok(ids.len())
}

/// The queue consumer of the mail queue (the Worker's queue entry is `queues`).
pub async fn queue(batch: MessageBatch<String>, env: Env) -> worker::Result<()> {
    consume(&batch, &env).await;
    // Never `Err`: it would deliver the whole batch again.
    Ok(())
}

/// An outbox id from a message body (sent as text; a number is read too).
fn outbox_id(body: &worker::wasm_bindgen::JsValue) -> Option<i64> {
    body.as_string()
        .and_then(|s| s.trim().parse().ok())
        .or_else(|| body.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
}

/// Retries every message of the batch after `seconds` (nothing was claimed).
fn retry_all(messages: &BTreeMap<i64, Vec<RawMessage>>, seconds: u32) {
    let options = QueueRetryOptionsBuilder::new()
        .with_delay_seconds(seconds)
        .build();
    for m in messages.values().flatten() {
        m.retry_with_options(&options);
    }
}

async fn consume(batch: &MessageBatch<String>, env: &Env) {
    let now = Ctx::begin(None).now;
    let mut messages: BTreeMap<i64, Vec<RawMessage>> = BTreeMap::new();
    for m in batch.raw_iter() {
        match outbox_id(&m.body()) {
            Some(id) => messages.entry(id).or_default().push(m),
            None => {
                console_error!("mail queue: a message without an outbox id: {:?}", m.body());
                m.ack();
            }
        }
    }
    if messages.is_empty() {
        return;
    }
    let setup = (|| {
        let db = env.d1("DB").map_err(|e| e.to_string())?;
        let config = MailConfig::of(env)?;
        let key = config::token_key(env).map_err(|e| e.to_string())?;
        let links = config::links(env)?;
        Ok::<_, String>((db, config, key, links))
    })();
    let (db, config, key, links) = match setup {
        Ok(s) => s,
        Err(e) => {
            console_error!("mail queue: not configured ({e}); retrying in 5 minutes");
            return retry_all(&messages, 300);
        }
    };
    let store = OutboxStore::new(&db);
    let ids: Vec<i64> = messages.keys().copied().collect();
    let (at, iso) = (now.at(), now.iso());
    let claimed = match store
        .claim(
            &ids,
            &iso,
            &timestamp(at + Duration::seconds(DUE_TOLERANCE_SECONDS)),
            &timestamp(at - Duration::minutes(STALE_CLAIM_MINUTES)),
        )
        .await
    {
        Ok(rows) => rows,
        Err(e) => {
            console_error!(
                "mail queue: claiming {} rows failed ({e}); retrying",
                ids.len()
            );
            return retry_all(&messages, 30);
        }
    };
    let mailer = Mailer::of(&config, &db);
    let outcomes = join_all(claimed.iter().map(|row| {
        let (mailer, key, links, iso) = (&mailer, &key, &links, &iso);
        async move {
            let delivery = match compose(row, key, links) {
                Ok(mail) => mailer.send(&mail, iso).await,
                Err(error) => Delivery::Failed { error },
            };
            let attempts = u32::try_from(row.attempts).unwrap_or(u32::MAX);
            (row.id, settle(delivery, attempts, &config.retry, at))
        }
    }))
    .await;
    let marks: Vec<_> = outcomes
        .iter()
        .map(|(id, (mark, _))| (*id, mark.clone()))
        .collect();
    if let Err(e) = store.mark(&marks, &iso).await {
        // The rows stay claimed; the sweep takes them again after the claim timeout, and the
        // mailers' idempotency keeps that from sending twice.
        console_error!(
            "mail queue: recording {} deliveries failed: {e}",
            marks.len()
        );
    }
    let steps: BTreeMap<i64, QueueStep> = outcomes
        .into_iter()
        .map(|(id, (_, step))| (id, step))
        .collect();
    for (id, copies) in &messages {
        for (n, m) in copies.iter().enumerate() {
            match steps.get(id) {
                // One copy comes back for the next attempt; duplicates are done.
                Some(QueueStep::RetryIn(seconds)) if n == 0 => m.retry_with_options(
                    &QueueRetryOptionsBuilder::new()
                        .with_delay_seconds(*seconds)
                        .build(),
                ),
                // Sent, given up, or not claimed (sent already, in flight, not due): done.
                _ => m.ack(),
            }
        }
    }
    let count = |f: fn(&QueueStep) -> bool| steps.values().filter(|s| f(s)).count();
    console_log!(
        "mail queue: {} ids, {} claimed, {} retried",
        ids.len(),
        steps.len(),
        count(|s| matches!(s, QueueStep::RetryIn(_)))
    );
}
