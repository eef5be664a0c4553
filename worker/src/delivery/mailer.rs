//! The one `Mailer` seam: sends a rendered e-mail and says whether it went out, should be tried
//! again, or never will. Two implementations, chosen by `MAILER` (see `config`): the local
//! mailbox (rows in D1 that the dev mailbox shows) and a transactional e-mail API over HTTP
//! (Resend's request shape, `resend`). Both are idempotent per outbox row: the mailbox keeps one
//! message per row, the provider one per `Idempotency-Key`.

use super::compose::{Delivery, Outgoing};
use super::resend;
use crate::config::{MailConfig, MailerKind};
use crate::store::outbox::{MailboxRow, OutboxStore};
use futures_util::future::{select, Either};
use std::time::Duration;
use worker::wasm_bindgen::JsValue;
use worker::{AbortController, D1Database, Delay, Fetch, Headers, Method, Request, RequestInit};

/// How long the provider may take to answer before the attempt counts as failed (and is
/// retried under the same idempotency key).
const HTTP_TIMEOUT: Duration = Duration::from_secs(15);

/// A mailer.
pub enum Mailer<'a> {
    /// The dev mailbox.
    Local(OutboxStore<'a>),
    /// The e-mail API.
    Http(&'a MailConfig),
}

impl<'a> Mailer<'a> {
    /// The mailer `config` chooses.
    pub fn of(config: &'a MailConfig, db: &'a D1Database) -> Mailer<'a> {
        match config.mailer {
            MailerKind::Local => Mailer::Local(OutboxStore::new(db)),
            MailerKind::Http => Mailer::Http(config),
        }
    }

    /// Sends `mail` at `now` (ISO 8601 UTC).
    pub async fn send(&self, mail: &Outgoing, now: &str) -> Delivery {
        match self {
            Mailer::Local(store) => {
                let row = MailboxRow {
                    outbox_id: mail.outbox_id,
                    to_email: mail.to.clone(),
                    subject: mail.subject.clone(),
                    text: mail.text.clone(),
                    html: mail.html.clone(),
                    lang: mail.lang.code().to_owned(),
                    kind: mail.kind.clone(),
                    created_at: now.to_owned(),
                };
                match store.deliver_local(&row).await {
                    Ok(()) => Delivery::Sent {
                        provider_id: Some(format!("local-{}", mail.outbox_id)),
                    },
                    Err(e) => Delivery::Retry {
                        error: format!("local mailbox: {e}"),
                        after: None,
                    },
                }
            }
            Mailer::Http(config) => post(config, mail).await,
        }
    }
}

/// `POST`s the message to the provider and classifies its answer.
async fn post(config: &MailConfig, mail: &Outgoing) -> Delivery {
    let request = match request(config, mail) {
        Ok(r) => r,
        Err(e) => {
            return Delivery::Failed {
                error: format!("the request cannot be made: {e}"),
            }
        }
    };
    let controller = AbortController::default();
    let signal = controller.signal();
    let fetcher = Fetch::Request(request);
    let fetch = Box::pin(fetcher.send_with_signal(&signal));
    let timeout = Box::pin(Delay::from(HTTP_TIMEOUT));
    let answer = select(fetch, timeout).await;
    let delivery = match answer {
        Either::Right(_) => {
            controller.abort();
            Delivery::Retry {
                error: format!("no answer within {} s", HTTP_TIMEOUT.as_secs()),
                after: None,
            }
        }
        Either::Left((Err(e), _)) => Delivery::Retry {
            error: format!("network: {e}"),
            after: None,
        },
        Either::Left((Ok(mut resp), _)) => {
            let status = resp.status_code();
            let retry_after = resp.headers().get("retry-after").ok().flatten();
            let body = resp.text().await.unwrap_or_default();
            resend::classify(status, retry_after.as_deref(), &body)
        }
    };
    delivery
}

fn request(config: &MailConfig, mail: &Outgoing) -> worker::Result<Request> {
    let headers = Headers::new();
    let key = config.api_key.as_deref().unwrap_or_default();
    headers.set("authorization", &format!("Bearer {key}"))?;
    headers.set("content-type", "application/json")?;
    headers.set(
        "idempotency-key",
        &resend::idempotency_key(&config.environment, mail.outbox_id),
    )?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(JsValue::from_str(&resend::body(mail, config))));
    Request::new_with_init(&config.api_url, &init)
}
