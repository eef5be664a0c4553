//! The daily cron trigger (wrangler.toml `[triggers]`): runs the renewal engine for today
//! (due anniversaries, lapses, reminder e-mails; see `renewal_run`). It enters like a request:
//! one [`Ctx`], the clock read once.

use crate::context::Ctx;
use worker::{console_error, console_log, event, Env, ScheduleContext, ScheduledEvent};

#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    let ctx = Ctx::begin();
    let id = &ctx.request_id;
    let db = match env.d1("DB") {
        Ok(db) => db,
        Err(e) => {
            console_error!("daily run ({}, {id}): no database: {e}", event.cron());
            return;
        }
    };
    match crate::renewal_run::run(&db, ctx.now, ctx.now.today(), &[]).await {
        Ok(report) => console_log!(
            "daily run ({}, {id}): {}",
            event.cron(),
            serde_json::to_string(&report).unwrap_or_default()
        ),
        Err(e) => console_error!("daily run ({}, {id}): {e}", event.cron()),
    }
}
