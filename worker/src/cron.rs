//! The daily cron trigger (wrangler.toml `[triggers]`): runs the renewal engine for today
//! (due anniversaries, lapses, reminder e-mails; see `renewal_run`). It enters like a request:
//! one [`Ctx`], the clock read once, and one JSON log line of what the run did.

use crate::context::Ctx;
use crate::observe::EventLine;
use crate::renewal_run::{self, Mode};
use serde::Serialize;
use worker::{console_error, console_log, event, Env, ScheduleContext, ScheduledEvent};

/// What the log line of a daily run says besides its id.
#[derive(Serialize)]
struct Outcome<T: Serialize> {
    cron: String,
    #[serde(flatten)]
    result: T,
}

#[derive(Serialize)]
struct Failure {
    error: String,
}

#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    let ctx = Ctx::begin();
    let id = &ctx.request_id;
    let result = match env.d1("DB") {
        Ok(db) => renewal_run::run(&db, ctx.now, ctx.now.today(), &[], Mode::Apply)
            .await
            .map_err(|e| e.to_string()),
        Err(e) => Err(format!("no database: {e}")),
    };
    let cron = event.cron();
    match result {
        Ok(report) => console_log!(
            "{}",
            EventLine {
                level: "info",
                event: "daily_run",
                request_id: Some(id),
                detail: Outcome {
                    cron,
                    result: report
                },
            }
            .render()
        ),
        Err(error) => console_error!(
            "{}",
            EventLine {
                level: "error",
                event: "daily_run",
                request_id: Some(id),
                detail: Outcome {
                    cron,
                    result: Failure { error }
                },
            }
            .render()
        ),
    }
}
