//! Local development only (api.md "Local development only"): the local mailer's mailbox as
//! JSON and as pages, and the outbox's delivery states for tests and load runs. Every one of
//! them answers 404 `not_found` unless the Worker runs with `ENVIRONMENT = "dev"`.

use serde_json::{json, Value};
use sma_shared::api::{
    Accepted, DevMailbox, DevOutbox, DevOutboxIds, DevOutboxLoad, DevRenewalBatch, DevSwept,
};

use super::ops::{path_param, query_param, Op};
use super::schemas::Schemas;

/// The sentence every dev operation's description ends with.
const DEV_ONLY: &str = "**Local development only**: outside the `dev` environment (`ENVIRONMENT = \"dev\"`) this answers 404 `not_found`, as an unknown path would.";

fn dev(op: Op, text: &str) -> Op {
    op.describe(&format!("{text}\n\n{DEV_ONLY}"))
        .not_found("outside the `dev` environment (or no such message).")
}

fn html(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"text/html": {"schema": {"type": "string"}}}
    })
}

/// The dev operations.
pub fn operations(s: &mut Schemas, error: &Value) -> Vec<Op> {
    let to = || {
        query_param(
            "to",
            "Only messages to this address (any case).",
            json!({"type": "string"}),
            "it@alpenblick.example",
        )
    };
    vec![
        dev(
            Op::new("get", "/api/dev/mailbox", "devMailbox", "dev", "The local mailer's messages", error)
                .param(to())
                .json(200, "The delivered messages, newest first (at most 500).", s.response::<DevMailbox>(), json!({})),
            "What the local mailer (`MAILER = \"local\"`) delivered, newest first: each message with its recipient, subject, text and HTML, language and kind; `id` is the outbox row's.",
        ),
        dev(
            Op::new("get", "/dev/mailbox", "devMailboxPage", "dev", "The local mailer's messages as a page", error)
                .param(to())
                .answer(200, html("The mailbox page: every message with its facts and its text with working links.")),
            "The dev mailbox as an HTML page, so that a person trying the product can open a verification link.",
        ),
        dev(
            Op::new("get", "/dev/mailbox/{id}", "devMailboxMessage", "dev", "One message as the recipient sees it", error)
                .param(path_param("id", "The outbox row's id.", json!({"type": "string"})))
                .answer(200, html("The message's HTML (a page of its own with a CSP that loads nothing).")),
            "One delivered message's HTML body.",
        ),
        dev(
            Op::new("get", "/api/dev/outbox", "devOutbox", "dev", "Outbox rows and their delivery states", error)
                .param(to())
                .param(query_param("ids", "Only these rows: ids separated by commas (others are ignored).", json!({"type": "string"}), "1,2"))
                .json(200, "The rows, newest first (at most 500).", s.response::<DevOutbox>(), json!({})),
            "Where each outbox row's delivery stands: `pending`, `sending`, `sent`, `retry` (with `next_attempt_at` and `last_error`) or `dead`.",
        ),
        dev(
            Op::new("post", "/api/dev/outbox", "devOutboxLoad", "dev", "Write test messages", error)
                .body(s.request::<DevOutboxLoad>(), json!({}))
                .json(201, "The rows written.", s.response::<DevOutboxIds>(), json!({}))
                .malformed()
                .error(422, "`invalid_count`: `count` is not 1 to 500 (`field` = `count`).", &["invalid_count"]),
            "Writes `count` test messages to `to` and sends them to the mail queue as a request would (for load runs of the delivery); with `left_behind_seconds` the rows are dated that far back and nothing is sent to the queue (rows the sweep must find).",
        ),
        dev(
            Op::new("post", "/api/dev/outbox/enqueue", "devOutboxEnqueue", "dev", "Send outbox rows to the queue again", error)
                .body(s.request::<DevOutboxIds>(), json!({}))
                .json(202, "Sent to the queue.", s.response::<Accepted>(), json!({}))
                .malformed(),
            "Sends the rows' ids to the mail queue again, as a retried batch or a racing sweep would (a row is never delivered twice).",
        ),
        dev(
            Op::new("post", "/api/dev/renewals/enqueue", "devRenewalsEnqueue", "dev", "Send a batch to the renewal queue", error)
                .body(s.request::<DevRenewalBatch>(), json!({}))
                .json(202, "Sent to the queue.", s.response::<Accepted>(), json!({}))
                .malformed(),
            "Sends one batch (at most 20 installations) to the renewal queue as the daily run hands it over; sent twice, it is a retried delivery (an installation is never renewed twice).",
        ),
        dev(
            Op::new("post", "/api/dev/outbox/sweep", "devOutboxSweep", "dev", "Run the mail sweep now", error)
                .json(200, "How many rows the sweep sent to the queue again.", s.response::<DevSwept>(), json!({})),
            "The five-minute cron's sweep (rows left behind sent to the queue again), now: wrangler cannot trigger a Rust Worker's cron locally.",
        ),
    ]
}
