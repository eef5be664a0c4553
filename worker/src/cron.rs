//! The daily cron trigger (wrangler.toml `[triggers]`): runs the renewal engine for today
//! (due anniversaries, lapses, reminder e-mails; see `renewals`).

use worker::{console_error, console_log, event, Env, ScheduleContext, ScheduledEvent};

#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    let db = match env.d1("DB") {
        Ok(db) => db,
        Err(e) => {
            console_error!("daily run ({}): no database: {e}", event.cron());
            return;
        }
    };
    match crate::renewals::run(&db, crate::http::today(), &[]).await {
        Ok(report) => console_log!(
            "daily run ({}): {}",
            event.cron(),
            serde_json::to_string(&report).unwrap_or_default()
        ),
        Err(e) => console_error!("daily run ({}): {e}", event.cron()),
    }
}
