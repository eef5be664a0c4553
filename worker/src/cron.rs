//! The cron triggers (wrangler.toml `[triggers]`). They enter like a request: one [`Ctx`], the
//! clock read once, and JSON log lines of what they did (`observe`).
//!
//! - The daily run (`0 3 * * *`): the installations due today (anniversaries, lapses,
//!   reminders) handed to the renewal queue in batches (`renewal_queue`, whose consumer runs
//!   `renewal_run`), the legacy Maintenance Contracts' reminders and ends (`renewal_legacy`),
//!   the cleanup of old rate-limit windows and tokens, then the sweep.
//! - Every five minutes (`*/5 * * * *`): the mail sweep (`delivery::sweep`), which sends again
//!   the outbox rows left behind.

use crate::clock::timestamp;
use crate::context::Ctx;
use crate::delivery;
use crate::observe;
use crate::renewal_legacy;
use crate::renewal_queue;
use crate::renewal_run::Mode;
use crate::store::limits::LimitStore;
use crate::store::tokens::TokenStore;
use chrono::Duration;
use sma_shared::accounts::expired_before;
use sma_shared::api::RenewalReport;
use worker::{event, Env, ScheduleContext, ScheduledEvent};

/// The daily trigger; every other one only sweeps.
pub const DAILY: &str = "0 3 * * *";

/// Used and expired tokens are kept this long (for the audit of what happened to a link).
const TOKEN_RETENTION_DAYS: i64 = 30;

#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    let ctx = Ctx::begin(None);
    let (id, cron) = (ctx.request_id.as_str(), event.cron());
    let db = match env.d1("DB") {
        Ok(db) => db,
        Err(e) => {
            observe::error("cron", Some(id), Some(&cron), &format!("no database: {e}"));
            return;
        }
    };
    if cron == DAILY {
        match renewal_queue::enqueue_due(&env, &db, ctx.now.today()).await {
            Ok(queued) => observe::info("daily_run", Some(id), &queued),
            Err(e) => observe::error("daily_run", Some(id), Some(&cron), &e.to_string()),
        }
        let today = ctx.now.today();
        match renewal_legacy::run(&db, &ctx.now.iso(), today, &[], Mode::Apply).await {
            Ok(legacy) => {
                delivery::enqueue(&env, &legacy.mail).await;
                let mut report = RenewalReport::default();
                legacy.add_to(&mut report);
                observe::info("daily_legacy_run", Some(id), &report);
            }
            Err(e) => observe::error("daily_legacy_run", Some(id), Some(&cron), &e.to_string()),
        }
        let now = ctx.now.at();
        let keep_tokens = timestamp(now - Duration::days(TOKEN_RETENTION_DAYS));
        let cleanup = async {
            LimitStore::new(&db)
                .prune(expired_before(now.timestamp()))
                .await?;
            TokenStore::new(&db)
                .prune(&keep_tokens, &ctx.now.iso())
                .await
        };
        if let Err(e) = cleanup.await {
            observe::error("daily_cleanup", Some(id), None, &e.to_string());
        }
    }
    match delivery::sweep(&env, &db, ctx.now).await {
        Ok(n) => observe::info(
            "mail_sweep",
            Some(id),
            &serde_json::json!({ "cron": cron, "sent_again": n }),
        ),
        Err(e) => observe::error("mail_sweep", Some(id), Some(&cron), &e.to_string()),
    }
}
