//! A claimed outbox row as the e-mail to send: its message rendered by `shared::mail` in the
//! row's language, with the one-time token derived again from the row's `token_id`, and what
//! became of an attempt (the row's next state and what the queue does with the message).
//!
//! Pure: tested natively.

use crate::clock::timestamp;
use crate::config::RetryPolicy;
use crate::store::outbox::{ClaimedRow, Mark};
use chrono::{DateTime, Duration, Utc};
use sma_shared::accounts::Token;
use sma_shared::mail::{escape, Links, Message};
use sma_shared::Lang;

/// An e-mail ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    /// The outbox row (the provider's idempotency key is made of it).
    pub outbox_id: i64,
    /// The recipient.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain text.
    pub text: String,
    /// The HTML.
    pub html: String,
    /// The kind's code.
    pub kind: String,
    /// The language.
    pub lang: Lang,
    /// The preferences page, for a kind one may turn off (`List-Unsubscribe`).
    pub list_unsubscribe: Option<String>,
}

/// Renders a claimed row; an error says why it cannot be (the row is then dead).
pub fn compose(row: &ClaimedRow, key: &[u8], links: &Links) -> Result<Outgoing, String> {
    let lang = Lang::parse(&row.lang).ok_or_else(|| format!("unknown language {:?}", row.lang))?;
    let Some(json) = row.message.as_deref() else {
        // A row from before messages were stored as facts: its text as written then.
        let (subject, text) = row
            .subject
            .clone()
            .zip(row.text.clone())
            .ok_or("the row has neither a message nor a text")?;
        return Ok(Outgoing {
            outbox_id: row.id,
            to: row.to_email.clone(),
            html: format!("<pre>{}</pre>", escape(&text)),
            subject,
            text,
            kind: row.kind.clone(),
            lang,
            list_unsubscribe: None,
        });
    };
    let mut message: Message =
        serde_json::from_str(json).map_err(|e| format!("the stored message is unreadable: {e}"))?;
    if let Some(slot) = message.token_mut() {
        let id = row
            .token_id
            .as_deref()
            .ok_or("the message needs a token but the row names none")?;
        *slot = Token::derive(key, id);
    }
    let email = message.render(lang, links);
    Ok(Outgoing {
        outbox_id: row.id,
        to: row.to_email.clone(),
        subject: email.subject,
        text: email.text,
        html: email.html,
        kind: email.kind.code().to_owned(),
        lang,
        list_unsubscribe: email.preferences,
    })
}

/// The answer of a mailer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Accepted for delivery.
    Sent {
        /// The provider's id of the message.
        provider_id: Option<String>,
    },
    /// A temporary failure: try again (not before `after` seconds, when the provider said so).
    Retry {
        /// What went wrong.
        error: String,
        /// The provider's `Retry-After`.
        after: Option<u32>,
    },
    /// A permanent failure: trying again would fail again.
    Failed {
        /// What went wrong.
        error: String,
    },
}

/// What the queue does with the message of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueStep {
    /// Done with it (sent or given up).
    Ack,
    /// Deliver it again after this many seconds.
    RetryIn(u32),
}

/// The row's next state after the `attempts`-th attempt (at `now`) ended in `delivery`, and
/// what the queue does with its message.
pub fn settle(
    delivery: Delivery,
    attempts: u32,
    policy: &RetryPolicy,
    now: DateTime<Utc>,
) -> (Mark, QueueStep) {
    match delivery {
        Delivery::Sent { provider_id } => (Mark::Sent { provider_id }, QueueStep::Ack),
        Delivery::Failed { error } => (Mark::Dead { error }, QueueStep::Ack),
        Delivery::Retry { error, .. } if !policy.may_retry(attempts) => (
            Mark::Dead {
                error: format!("{error} (gave up after {attempts} attempts)"),
            },
            QueueStep::Ack,
        ),
        Delivery::Retry { error, after } => {
            let wait = policy.delay(attempts, after);
            let next = now + Duration::seconds(i64::from(wait));
            (
                Mark::Retry {
                    next_attempt_at: timestamp(next),
                    error,
                },
                QueueStep::RetryIn(wait),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::accounts::{Token, TOKEN_BYTES};
    use sma_shared::mail::{Message, PasswordReset};

    const KEY: [u8; 32] = [4u8; 32];

    fn links() -> Links {
        Links::new("http://127.0.0.1:8787").unwrap()
    }

    fn claimed(message: Option<String>, token_id: Option<&str>) -> ClaimedRow {
        ClaimedRow {
            id: 42,
            to_email: "anna@demo.example".into(),
            kind: "password_reset".into(),
            lang: "de".into(),
            message,
            token_id: token_id.map(str::to_owned),
            subject: None,
            text: None,
            attempts: 1,
        }
    }

    fn stored_reset() -> String {
        serde_json::to_string(&Message::PasswordReset(PasswordReset {
            email: "anna@demo.example".into(),
            token: Token::blank(),
        }))
        .unwrap()
    }

    #[test]
    fn the_link_carries_the_token_derived_from_the_rows_token_id() {
        let out = compose(
            &claimed(Some(stored_reset()), Some("tok_7")),
            &KEY,
            &links(),
        )
        .unwrap();
        let token = Token::derive(&KEY, "tok_7");
        let link = format!(
            "http://127.0.0.1:8787/account/token?token={}",
            token.as_str()
        );
        assert!(out.text.contains(&link), "{}", out.text);
        assert!(out.html.contains(&link));
        assert_eq!((out.lang, out.kind.as_str()), (Lang::De, "password_reset"));
        assert!(out.subject.contains("Passwort"), "{}", out.subject);
        assert_eq!(out.list_unsubscribe, None);
    }

    #[test]
    fn a_message_that_needs_a_token_but_names_none_is_not_sent() {
        assert!(compose(&claimed(Some(stored_reset()), None), &KEY, &links()).is_err());
        assert!(compose(&claimed(Some("{".into()), None), &KEY, &links()).is_err());
        assert!(compose(&claimed(None, None), &KEY, &links()).is_err());
    }

    #[test]
    fn a_row_from_before_stored_messages_is_sent_as_it_was_written() {
        let row = ClaimedRow {
            subject: Some("Your SMA <renews>".into()),
            text: Some("It renews on 2027-03-10.".into()),
            lang: "en".into(),
            ..claimed(None, None)
        };
        let out = compose(&row, &KEY, &links()).unwrap();
        assert_eq!(out.subject, "Your SMA <renews>");
        assert_eq!(out.html, "<pre>It renews on 2027-03-10.</pre>");
    }

    #[test]
    fn a_delivery_is_acked_once_sent_or_given_up_and_retried_with_backoff_until_the_last_try() {
        let policy = RetryPolicy {
            base_seconds: 10,
            max_attempts: 3,
        };
        let now = DateTime::from_timestamp(1_795_000_000, 0).unwrap();
        let sent = settle(
            Delivery::Sent {
                provider_id: Some("re_1".into()),
            },
            1,
            &policy,
            now,
        );
        assert_eq!(sent.1, QueueStep::Ack);
        let retry = |attempts, after| {
            settle(
                Delivery::Retry {
                    error: "500".into(),
                    after,
                },
                attempts,
                &policy,
                now,
            )
        };
        assert_eq!(retry(1, None).1, QueueStep::RetryIn(10));
        assert_eq!(retry(2, None).1, QueueStep::RetryIn(40));
        assert_eq!(retry(1, Some(30)).1, QueueStep::RetryIn(30));
        match retry(1, None).0 {
            Mark::Retry {
                next_attempt_at, ..
            } => assert_eq!(next_attempt_at, timestamp(now + Duration::seconds(10))),
            other => panic!("{other:?}"),
        }
        let (mark, step) = retry(3, None);
        assert_eq!(step, QueueStep::Ack);
        assert_eq!(
            mark,
            Mark::Dead {
                error: "500 (gave up after 3 attempts)".into()
            }
        );
        let failed = settle(
            Delivery::Failed {
                error: "422 invalid_from_address".into(),
            },
            1,
            &policy,
            now,
        );
        assert!(matches!(failed, (Mark::Dead { .. }, QueueStep::Ack)));
    }

    #[test]
    fn a_token_in_an_e_mail_is_never_the_blank_stand_in() {
        let out = compose(
            &claimed(Some(stored_reset()), Some("tok_7")),
            &KEY,
            &links(),
        )
        .unwrap();
        assert!(!out.text.contains("token=\n"));
        assert!(!out.text.contains(&"0".repeat(2 * TOKEN_BYTES)));
    }
}
