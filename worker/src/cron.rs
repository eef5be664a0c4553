//! The cron triggers (wrangler.toml `[triggers]`). They enter like a request: one [`Ctx`], the
//! clock read once.
//!
//! - The daily run (`0 3 * * *`): the renewal engine for today (due anniversaries, lapses,
//!   reminders; see `renewal_run`), its messages to the mail queue, the cleanup of old
//!   rate-limit windows and tokens, then the sweep.
//! - Every five minutes (`*/5 * * * *`): the mail sweep (`delivery::sweep`), which sends again
//!   the outbox rows left behind.

use crate::clock::timestamp;
use crate::context::Ctx;
use crate::delivery;
use crate::store::limits::LimitStore;
use crate::store::tokens::TokenStore;
use chrono::Duration;
use sma_shared::accounts::expired_before;
use worker::{console_error, console_log, event, Env, ScheduleContext, ScheduledEvent};

/// The daily trigger; every other one only sweeps.
pub const DAILY: &str = "0 3 * * *";

/// Used and expired tokens are kept this long (for the audit of what happened to a link).
const TOKEN_RETENTION_DAYS: i64 = 30;

#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    let ctx = Ctx::begin(None);
    let (id, cron) = (&ctx.request_id, event.cron());
    let db = match env.d1("DB") {
        Ok(db) => db,
        Err(e) => {
            console_error!("cron ({cron}, {id}): no database: {e}");
            return;
        }
    };
    if cron == DAILY {
        match crate::renewal_run::run(&db, ctx.now, ctx.now.today(), &[]).await {
            Ok((report, mail)) => {
                delivery::enqueue(&env, &mail).await;
                console_log!(
                    "daily run ({cron}, {id}): {}",
                    serde_json::to_string(&report).unwrap_or_default()
                );
            }
            Err(e) => console_error!("daily run ({cron}, {id}): {e}"),
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
            console_error!("daily cleanup ({id}): {e}");
        }
    }
    match delivery::sweep(&env, &db, ctx.now).await {
        Ok(n) => console_log!("mail sweep ({cron}, {id}): {n} rows sent to the queue again"),
        Err(e) => console_error!("mail sweep ({cron}, {id}): {e}"),
    }
}
