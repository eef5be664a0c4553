//! Local development only (api.md "Local development only"): the local mailer's mailbox as
//! JSON (`GET /api/dev/mailbox`, newest first, `?to=` to narrow it) and as a page
//! (`/dev/mailbox`, each message at `/dev/mailbox/{id}` as the recipient would see it), and the
//! outbox's delivery states for tests and load runs (`GET /api/dev/outbox`, `POST
//! /api/dev/outbox`, `POST /api/dev/outbox/enqueue`, and `POST /api/dev/outbox/sweep`, the
//! sweep of the five-minute cron: wrangler 4.86 cannot trigger a cron of a workers-rs Worker
//! locally). Every one of them is 404 unless `ENVIRONMENT = "dev"`.

use crate::clock::timestamp;
use crate::config;
use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::{request::query_value, request::read_json, respond};
use crate::renewal_queue;
use crate::store::account_state::lang;
use crate::store::batch::MailWrite;
use crate::store::outbox::{MailboxRow, OutboxStore};
use chrono::Duration;
use sma_shared::api::{
    Accepted, DevMailbox, DevOutbox, DevOutboxIds, DevOutboxLoad, DevRenewalBatch, DevSwept,
    MailboxMessage,
};
use sma_shared::mail::{escape, Message, MessageKind, PasswordChanged};
use sma_shared::Lang;
use worker::Request;

/// The most messages or rows one answer lists.
const LIMIT: u32 = 500;

/// The CSP of a message's own page: its HTML has inline styles, and loads nothing.
const MESSAGE_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// 404 outside the dev environment.
fn dev_only(cx: &Cx) -> Result<(), ApiError> {
    match config::is_dev(cx.env()) {
        true => Ok(()),
        false => Err(ApiError::NotFound),
    }
}

fn message(r: MailboxRow) -> MailboxMessage {
    MailboxMessage {
        id: r.outbox_id.to_string(),
        lang: lang(&r.lang),
        kind: MessageKind::parse(&r.kind).unwrap_or(MessageKind::PasswordChanged),
        to: r.to_email,
        subject: r.subject,
        text: r.text,
        html: r.html,
        created_at: r.created_at,
    }
}

async fn messages(req: &Request, cx: &Cx) -> Result<Vec<MailboxMessage>, ApiError> {
    dev_only(cx)?;
    let to = query_value(req, "to")?;
    let rows = OutboxStore::new(&cx.db()?)
        .mailbox(to.as_deref(), LIMIT)
        .await?;
    Ok(rows.into_iter().map(message).collect())
}

/// `GET /api/dev/mailbox`.
pub async fn mailbox(req: Request, cx: Cx) -> ApiResult {
    respond::ok(&DevMailbox {
        messages: messages(&req, &cx).await?,
    })
}

/// `GET /dev/mailbox`: the mailbox as a page.
pub async fn mailbox_page(req: Request, cx: Cx) -> ApiResult {
    respond::html(page(&messages(&req, &cx).await?), None)
}

/// `GET /dev/mailbox/{id}`: one message's HTML as the recipient sees it.
pub async fn mailbox_message(_req: Request, cx: Cx) -> ApiResult {
    dev_only(&cx)?;
    let id = cx.param("id").parse().map_err(|_| ApiError::NotFound)?;
    let row = OutboxStore::new(&cx.db()?)
        .mailbox_message(id)
        .await?
        .ok_or(ApiError::NotFound)?;
    respond::html(row.html, Some(MESSAGE_CSP))
}

/// Text with every `http(s)://` address made a link, everything escaped.
fn linkify(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest
        .find("http://")
        .into_iter()
        .chain(rest.find("https://"))
        .min()
    {
        out.push_str(&escape(&rest[..start]));
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(tail.len());
        let url = escape(&tail[..end]);
        out.push_str(&format!("<a href=\"{url}\">{url}</a>"));
        rest = &tail[end..];
    }
    out.push_str(&escape(rest));
    out
}

/// The mailbox page: every message with its facts, its text with working links, and a link to
/// its HTML.
fn page(messages: &[MailboxMessage]) -> String {
    let mut body = String::new();
    if messages.is_empty() {
        body.push_str("<p>No messages yet.</p>\n");
    }
    for m in messages {
        body.push_str(&format!(
            "<article aria-labelledby=\"m{id}\">\n<h2 id=\"m{id}\">{subject}</h2>\n<dl>\n<dt>To</dt><dd>{to}</dd>\n<dt>Kind</dt><dd>{kind}</dd>\n<dt>Language</dt><dd>{lang}</dd>\n<dt>Delivered</dt><dd>{at}</dd>\n</dl>\n<pre>{text}</pre>\n<p><a href=\"/dev/mailbox/{id}\">Open “{subject}” as the e-mail</a></p>\n</article>\n",
            id = escape(&m.id),
            subject = escape(&m.subject),
            to = escape(&m.to),
            kind = m.kind.code(),
            lang = m.lang.code(),
            at = escape(&m.created_at),
            text = linkify(&m.text),
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Dev mailbox ({count})</title>\n</head>\n<body>\n<main>\n<h1>Dev mailbox</h1>\n<p>What the local mailer delivered, newest first ({count}). <a href=\"/dev/mailbox\">Refresh</a></p>\n{body}</main>\n</body>\n</html>\n",
        count = messages.len()
    )
}

/// `GET /api/dev/outbox?to=&ids=1,2`: outbox rows and their delivery states.
pub async fn outbox(req: Request, cx: Cx) -> ApiResult {
    dev_only(&cx)?;
    let to = query_value(&req, "to")?;
    let ids: Vec<i64> = query_value(&req, "ids")?
        .unwrap_or_default()
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let rows = OutboxStore::new(&cx.db()?)
        .rows(to.as_deref(), &ids, LIMIT)
        .await?;
    respond::ok(&DevOutbox { rows })
}

/// `POST /api/dev/outbox`: writes test messages (a password notice each) and sends them to the
/// queue, as a request would.
pub async fn load(mut req: Request, cx: Cx) -> ApiResult {
    dev_only(&cx)?;
    let body: DevOutboxLoad = read_json(&mut req).await?;
    if !(1..=LIMIT).contains(&body.count) {
        return Err(ApiError::Unprocessable {
            code: "invalid_count",
            message: format!("count must be 1 to {LIMIT}."),
            field: Some("count".into()),
        });
    }
    let notice = Message::PasswordChanged(PasswordChanged {
        email: body.to.clone(),
        on: cx.today(),
    });
    let mail = MailWrite::new(&body.to, Lang::En, notice, None);
    let mails = vec![mail; body.count as usize];
    let lost = body
        .left_behind_seconds
        .map(|s| Duration::seconds(i64::from(s)));
    let at = timestamp(cx.now().at() - lost.unwrap_or_default());
    let ids = OutboxStore::new(&cx.db()?).write(&mails, &at).await?;
    if lost.is_none() {
        cx.send_mail(ids.clone());
    }
    respond::created(&DevOutboxIds { ids })
}

/// `POST /api/dev/outbox/enqueue`: sends outbox ids to the queue again (a duplicate message,
/// as a retried batch or a racing sweep would send).
pub async fn enqueue(mut req: Request, cx: Cx) -> ApiResult {
    dev_only(&cx)?;
    let body: DevOutboxIds = read_json(&mut req).await?;
    crate::delivery::enqueue(cx.env(), &body.ids).await;
    respond::accepted(&Accepted::default())
}

/// `POST /api/dev/renewals/enqueue`: sends one batch to the renewal queue, as the daily run
/// hands it over (sent twice, it is a retried delivery).
pub async fn renewals_enqueue(mut req: Request, cx: Cx) -> ApiResult {
    dev_only(&cx)?;
    let body: DevRenewalBatch = read_json(&mut req).await?;
    if body.installation_ids.len() > renewal_queue::BATCH {
        return Err(ApiError::malformed(format!(
            "A batch holds at most {} installations.",
            renewal_queue::BATCH
        )));
    }
    let batch = renewal_queue::Batch {
        date: body.date,
        installation_ids: body.installation_ids,
    };
    renewal_queue::send(cx.env(), &batch).await?;
    respond::accepted(&Accepted::default())
}

/// `POST /api/dev/outbox/sweep`: runs the mail sweep now; answers how many rows it sent to
/// the queue again.
pub async fn sweep(_req: Request, cx: Cx) -> ApiResult {
    dev_only(&cx)?;
    let swept = crate::delivery::sweep(cx.env(), &cx.db()?, cx.now()).await?;
    respond::ok(&DevSwept { swept })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(text: &str) -> MailboxMessage {
        MailboxMessage {
            id: "7".into(),
            to: "anna@demo.example".into(),
            subject: "Set <your> password".into(),
            text: text.into(),
            html: String::new(),
            lang: Lang::De,
            kind: MessageKind::Verification,
            created_at: "2026-11-28T10:00:00.000Z".into(),
        }
    }

    #[test]
    fn the_links_of_a_message_can_be_followed_and_everything_else_is_escaped() {
        let html = linkify("Open:\nhttp://127.0.0.1:8787/account/token?token=ab&x=<1> now");
        assert_eq!(
            html,
            "Open:\n<a href=\"http://127.0.0.1:8787/account/token?token=ab&amp;x=\">http://127.0.0.1:8787/account/token?token=ab&amp;x=</a>&lt;1&gt; now"
        );
        assert_eq!(linkify("no link & more"), "no link &amp; more");
    }

    #[test]
    fn the_page_is_a_titled_document_with_one_headed_article_per_message() {
        let html = page(&[msg("Go to https://portal.example.com/x")]);
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("<title>Dev mailbox (1)</title>"));
        assert!(html.contains("<h2 id=\"m7\">Set &lt;your&gt; password</h2>"));
        assert!(html.contains("<a href=\"https://portal.example.com/x\">"));
        assert!(html.contains("href=\"/dev/mailbox/7\""));
        assert!(page(&[]).contains("No messages yet."));
    }
}
