//! The HTTP mailer's wire format: Resend's `POST /emails` request and how its answers map to
//! sent, retry or give up (platform findings, section 7). Any provider with this request shape
//! and these status codes can stand in (the e2e tests run a local one).
//!
//! Pure: tested natively.

use super::compose::{Delivery, Outgoing};
use crate::config::MailConfig;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A tag on the message (the provider's analytics; `kind` = the message kind).
#[derive(Serialize)]
struct Tag<'a> {
    name: &'a str,
    value: &'a str,
}

/// The request body.
#[derive(Serialize)]
struct Email<'a> {
    from: &'a str,
    to: [&'a str; 1],
    subject: &'a str,
    text: &'a str,
    html: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_to: Option<[&'a str; 1]>,
    tags: [Tag<'a>; 1],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<&'a str, String>,
}

/// The JSON body of the request for `mail`.
pub fn body(mail: &Outgoing, config: &MailConfig) -> String {
    let mut headers = BTreeMap::new();
    if let Some(url) = &mail.list_unsubscribe {
        headers.insert("List-Unsubscribe", format!("<{url}>"));
    }
    let email = Email {
        from: &config.from,
        to: [&mail.to],
        subject: &mail.subject,
        text: &mail.text,
        html: &mail.html,
        reply_to: config.reply_to.as_deref().map(|r| [r]),
        tags: [Tag {
            name: "kind",
            value: &mail.kind,
        }],
        headers,
    };
    serde_json::to_string(&email).unwrap_or_default()
}

/// The `Idempotency-Key` of an outbox row: the row's id, within the environment (so that two
/// environments sharing a provider account never collide). The provider answers a repeated
/// key with the first answer instead of sending again (for 24 hours).
pub fn idempotency_key(environment: &str, outbox_id: i64) -> String {
    format!("sma-{environment}-outbox-{outbox_id}")
}

/// The error body: `{"statusCode", "name", "message"}`.
#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    name: String,
    #[serde(default)]
    message: String,
}

/// The success body: `{"id"}`.
#[derive(Deserialize)]
struct SentBody {
    id: Option<String>,
}

/// What the answer `status` with `body` (and `Retry-After`) means for the message.
pub fn classify(status: u16, retry_after: Option<&str>, body: &str) -> Delivery {
    if (200..300).contains(&status) {
        let provider_id = serde_json::from_str::<SentBody>(body)
            .ok()
            .and_then(|b| b.id);
        return Delivery::Sent { provider_id };
    }
    let err: ErrorBody = serde_json::from_str(body).unwrap_or_default();
    let error = match (err.name.is_empty(), err.message.is_empty()) {
        (true, _) => format!("HTTP {status}"),
        (false, true) => format!("HTTP {status} {}", err.name),
        (false, false) => format!("HTTP {status} {}: {}", err.name, err.message),
    };
    let after = retry_after.and_then(|v| v.trim().parse::<u32>().ok());
    match (status, err.name.as_str()) {
        (429, "monthly_quota_exceeded") => Delivery::Failed { error },
        (429, "daily_quota_exceeded") => Delivery::Retry {
            error,
            after: Some(after.unwrap_or(0).max(3600)),
        },
        (429, _) => Delivery::Retry { error, after },
        (409, "concurrent_idempotent_requests") => Delivery::Retry { error, after },
        (408, _) => Delivery::Retry { error, after },
        (500..=599, _) => Delivery::Retry { error, after },
        _ => Delivery::Failed { error },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{MailerKind, RetryPolicy};
    use sma_shared::Lang;

    fn config() -> MailConfig {
        MailConfig {
            mailer: MailerKind::Http,
            api_url: "http://127.0.0.1:8833/emails".into(),
            api_key: Some("re_test".into()),
            from: "SMA Portal <no-reply@portal.example.com>".into(),
            reply_to: Some("support@portal.example.com".into()),
            retry: RetryPolicy::default(),
            environment: "dev".into(),
        }
    }

    fn mail() -> Outgoing {
        Outgoing {
            outbox_id: 7,
            to: "anna@demo.example".into(),
            subject: "Subject".into(),
            text: "Text".into(),
            html: "<p>Text</p>".into(),
            kind: "lapse".into(),
            lang: Lang::En,
            list_unsubscribe: Some("https://portal.example.com/account/notifications".into()),
        }
    }

    #[test]
    fn the_request_has_the_providers_shape() {
        let json: serde_json::Value = serde_json::from_str(&body(&mail(), &config())).unwrap();
        assert_eq!(json["from"], "SMA Portal <no-reply@portal.example.com>");
        assert_eq!(json["to"], serde_json::json!(["anna@demo.example"]));
        assert_eq!(
            (
                json["subject"].as_str(),
                json["text"].as_str(),
                json["html"].as_str()
            ),
            (Some("Subject"), Some("Text"), Some("<p>Text</p>"))
        );
        assert_eq!(
            json["reply_to"],
            serde_json::json!(["support@portal.example.com"])
        );
        assert_eq!(
            json["tags"],
            serde_json::json!([{"name": "kind", "value": "lapse"}])
        );
        assert_eq!(
            json["headers"]["List-Unsubscribe"],
            "<https://portal.example.com/account/notifications>"
        );
    }

    #[test]
    fn a_message_one_cannot_turn_off_has_no_unsubscribe_header_nor_reply_to_unless_set() {
        let m = Outgoing {
            list_unsubscribe: None,
            ..mail()
        };
        let c = MailConfig {
            reply_to: None,
            ..config()
        };
        let json: serde_json::Value = serde_json::from_str(&body(&m, &c)).unwrap();
        assert!(json.get("headers").is_none() && json.get("reply_to").is_none());
    }

    #[test]
    fn the_idempotency_key_is_the_outbox_row_within_its_environment() {
        assert_eq!(
            idempotency_key("production", 42),
            "sma-production-outbox-42"
        );
        assert_ne!(
            idempotency_key("staging", 42),
            idempotency_key("production", 42)
        );
    }

    #[test]
    fn success_keeps_the_providers_id() {
        assert_eq!(
            classify(200, None, r#"{"id":"49a3999c"}"#),
            Delivery::Sent {
                provider_id: Some("49a3999c".into())
            }
        );
    }

    #[test]
    fn rate_limits_server_errors_and_concurrent_keys_are_retried() {
        let retried = |status, name: &str, after| {
            matches!(
                classify(
                    status,
                    after,
                    &format!(r#"{{"statusCode":{status},"name":"{name}","message":"m"}}"#)
                ),
                Delivery::Retry { .. }
            )
        };
        assert!(retried(429, "rate_limit_exceeded", Some("2")));
        assert!(retried(500, "internal_server_error", None));
        assert!(retried(503, "", None));
        assert!(retried(409, "concurrent_idempotent_requests", None));
        assert_eq!(
            classify(429, Some("7"), r#"{"name":"rate_limit_exceeded"}"#),
            Delivery::Retry {
                error: "HTTP 429 rate_limit_exceeded".into(),
                after: Some(7)
            }
        );
        assert!(matches!(
            classify(429, None, r#"{"name":"daily_quota_exceeded"}"#),
            Delivery::Retry {
                after: Some(3600),
                ..
            }
        ));
    }

    #[test]
    fn bad_requests_bad_keys_and_exhausted_quotas_are_given_up() {
        for (status, name) in [
            (400, "validation_error"),
            (401, "missing_api_key"),
            (403, "invalid_api_key"),
            (409, "invalid_idempotent_request"),
            (422, "invalid_from_address"),
            (429, "monthly_quota_exceeded"),
            (451, "security_error"),
        ] {
            let answer = classify(
                status,
                None,
                &format!(r#"{{"name":"{name}","message":"no"}}"#),
            );
            assert_eq!(
                answer,
                Delivery::Failed {
                    error: format!("HTTP {status} {name}: no")
                }
            );
        }
        assert_eq!(
            classify(404, None, "not json"),
            Delivery::Failed {
                error: "HTTP 404".into()
            }
        );
    }
}
