//! The daily cron trigger (wrangler.toml `[triggers]`). The renewal engine that it will run
//! (due anniversaries, lapses, reminder e-mails) comes with customer accounts; until then the
//! run only records that it happened, so production never fails for a missing handler.

use worker::{console_log, event, Env, ScheduleContext, ScheduledEvent};

#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, _env: Env, _ctx: ScheduleContext) {
    console_log!(
        "daily run at {} ({}): no renewal engine yet",
        event.schedule(),
        event.cron()
    );
}
