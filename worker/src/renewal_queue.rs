//! The daily renewal run at scale. The cron (and `POST /api/admin/renewals/run` without ids)
//! pages through the SMAs whose next event day has come, found by the index on that day
//! (`InstallationStore::due`), and hands them to the renewal queue in batches of [`BATCH`];
//! each message is one consumer invocation that runs the engine for its batch (`renewal_run`).
//! A message that fails is delivered again: the installations it renewed before it failed are
//! not renewed twice, because each was written in one batch with its version guard, its
//! renewal's `(installation, term)` unique, and its next event day moved past the run's day.
//!
//! Per invocation: the paging reads one statement per [`PAGE`] installations (at most
//! [`MAX_PAGES`]); a consumer sends at most 1 + 1 per customer + about 8 per installation
//! (`docs/performance.md` has the measured maximum).

use crate::clock::Now;
use crate::context::Ctx;
use crate::delivery;
use crate::error::ApiError;
use crate::observe;
use crate::renewal_run::{self, Mode};
use crate::store::installations::{DueRow, InstallationStore};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sma_shared::dates::iso;
use worker::{D1Database, Env, MessageBatch, MessageExt};

/// The binding of the renewal queue.
pub const QUEUE: &str = "RENEWAL_QUEUE";
/// What the renewal queues' names begin with (`sma-renewals`, `sma-renewals-production`, …).
pub const QUEUE_PREFIX: &str = "sma-renewals";
/// Installations per message (one consumer invocation).
pub const BATCH: usize = 20;
/// Installations per page of the index.
pub const PAGE: u32 = 100;
/// Pages one daily run reads (100 000 installations due on one day).
pub const MAX_PAGES: usize = 1000;

/// One message of the renewal queue: the day to run for and the installations.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct Batch {
    /// The run's day.
    pub date: NaiveDate,
    /// At most [`BATCH`] installations.
    pub installation_ids: Vec<String>,
}

/// What handing a day's due installations to the queue did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Queued {
    /// The run's day.
    pub date: Option<NaiveDate>,
    /// Installations due (handed to the queue).
    pub due: usize,
    /// Messages sent.
    pub messages: usize,
    /// D1 statements of this invocation.
    pub statements: usize,
}

/// The messages of one page: its installations in batches of [`BATCH`].
pub fn batches(date: NaiveDate, page: &[DueRow]) -> Vec<Batch> {
    page.chunks(BATCH)
        .map(|chunk| Batch {
            date,
            installation_ids: chunk.iter().map(|r| r.installation_id.clone()).collect(),
        })
        .collect()
}

/// Pages through the installations due on `date` and sends them to the renewal queue.
pub async fn enqueue_due(env: &Env, db: &D1Database, date: NaiveDate) -> Result<Queued, ApiError> {
    let store = InstallationStore::new(db);
    let queue = env.queue(QUEUE)?;
    let mut queued = Queued {
        date: Some(date),
        ..Queued::default()
    };
    let mut after: Option<DueRow> = None;
    for _ in 0..MAX_PAGES {
        let page = store.due(&iso(date), after.as_ref(), PAGE).await?;
        queued.statements += 1;
        if page.is_empty() {
            break;
        }
        let bodies: Vec<String> = batches(date, &page)
            .iter()
            .map(serde_json::to_string)
            .collect::<Result<_, _>>()?;
        queued.due += page.len();
        queued.messages += bodies.len();
        queue.send_batch(bodies).await?;
        if page.len() < PAGE as usize {
            break;
        }
        after = page.last().cloned();
    }
    Ok(queued)
}

/// Sends one batch to the renewal queue (as the daily run does; local development sends one
/// again to test a retried delivery).
pub async fn send(env: &Env, batch: &Batch) -> Result<(), ApiError> {
    env.queue(QUEUE)?
        .send_batch(vec![serde_json::to_string(batch)?])
        .await?;
    Ok(())
}

/// The first installations due on `date` (at most [`PAGE`]), and whether more are: what a dry
/// run without ids looks at.
pub async fn first_due(db: &D1Database, date: NaiveDate) -> Result<(Vec<String>, bool), ApiError> {
    let page = InstallationStore::new(db)
        .due(&iso(date), None, PAGE + 1)
        .await?;
    let more = page.len() > PAGE as usize;
    let ids = page
        .into_iter()
        .take(PAGE as usize)
        .map(|r| r.installation_id)
        .collect();
    Ok((ids, more))
}

/// The consumer: runs the engine for each message's batch; a message whose run failed as a
/// whole is delivered again later (installations that failed alone are logged and left for the
/// next day's run).
pub async fn consume(batch: MessageBatch<String>, env: Env) -> worker::Result<()> {
    let ctx = Ctx::begin(None);
    let db = env.d1("DB")?;
    for message in batch.messages()? {
        let outcome = match serde_json::from_str::<Batch>(message.body()) {
            Ok(b) => run_batch(&env, &db, ctx.now, &b).await,
            Err(e) => {
                observe::error(
                    "renewal_batch",
                    Some(&ctx.request_id),
                    None,
                    &format!("not a batch: {e}"),
                );
                message.ack();
                continue;
            }
        };
        match outcome {
            Ok(()) => message.ack(),
            Err(e) => {
                observe::error("renewal_batch", Some(&ctx.request_id), None, &e.to_string());
                message.retry();
            }
        }
    }
    Ok(())
}

/// What the log line of one batch says.
#[derive(Serialize)]
struct BatchLine<'a> {
    date: NaiveDate,
    installations: usize,
    actions: usize,
    skipped: &'a [String],
    failed: &'a [String],
    statements: usize,
}

async fn run_batch(env: &Env, db: &D1Database, now: Now, b: &Batch) -> Result<(), ApiError> {
    let ids = &b.installation_ids[..b.installation_ids.len().min(BATCH)];
    let out = renewal_run::run(db, now, b.date, ids, Mode::Apply).await?;
    delivery::enqueue(env, &out.mail).await;
    let r = &out.report;
    observe::info(
        "renewal_batch",
        None,
        &BatchLine {
            date: b.date,
            installations: ids.len(),
            actions: r.actions.len(),
            skipped: &r.skipped,
            failed: &r.failed,
            statements: out.statements,
        },
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(n: usize) -> Vec<DueRow> {
        (0..n)
            .map(|i| DueRow {
                next_event_on: String::new(),
                installation_id: format!("inst_{i:04}"),
            })
            .collect()
    }

    #[test]
    fn a_page_goes_to_the_queue_in_batches_of_at_most_twenty_in_its_order() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
        let b = batches(day, &due(PAGE as usize));
        assert_eq!(b.len(), PAGE as usize / BATCH);
        assert!(b
            .iter()
            .all(|m| m.installation_ids.len() == BATCH && m.date == day));
        assert_eq!(b[1].installation_ids[0], "inst_0020");
        assert_eq!(
            batches(day, &due(21))
                .iter()
                .map(|m| m.installation_ids.len())
                .collect::<Vec<_>>(),
            [20, 1]
        );
        let text = serde_json::to_string(&b[0]).unwrap();
        assert!(
            text.starts_with(r#"{"date":"2027-03-10","installation_ids":["inst_0000","#),
            "{text}"
        );
    }
}
