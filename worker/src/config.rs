//! The Worker's configuration: its variables (wrangler.toml `[vars]`, `wrangler dev --var`) and
//! secrets (`.dev.vars`, `wrangler secret put`), read where needed and parsed purely here.
//!
//! - `ENVIRONMENT`: the [`Deployment`]: `dev` (the top-level `[vars]` of wrangler.toml) enables
//!   the dev-only routes (`/api/dev/*`, `/dev/mailbox`) and runs ahead of time; `staging` and
//!   `production` in their environments. A missing or unknown value counts as production: what
//!   is allowed only in local development must be asked for by name.
//! - `PORTAL_ORIGIN`: the origin the links in e-mails point to.
//! - `MAILER`: `local` (the dev mailbox in D1) or `http` (a transactional e-mail API with
//!   Resend's request shape: `MAIL_API_URL`, secret `MAIL_API_KEY`, `MAIL_FROM`, optional
//!   `MAIL_REPLY_TO`).
//! - `MAIL_RETRY_BASE_SECONDS`, `MAIL_MAX_ATTEMPTS`: the delivery's backoff (see [`RetryPolicy`]).
//! - secret `TOKEN_KEY`: the key the one-time tokens are derived with (base64, ≥ 32 bytes).

use crate::error::ApiError;
use base64::{engine::general_purpose::STANDARD, Engine as _};
use sma_shared::mail::Links;
use worker::Env;

/// The provider endpoint when `MAIL_API_URL` is not set.
pub const DEFAULT_MAIL_API_URL: &str = "https://api.resend.com/emails";

/// A variable or secret as text, `None` when it is not set or empty.
pub fn text(env: &Env, name: &str) -> Option<String> {
    env.var(name)
        .ok()
        .map(|v| v.to_string())
        .filter(|v| !v.trim().is_empty())
}

/// Whether this is the dev environment (`ENVIRONMENT = "dev"`).
pub fn is_dev(env: &Env) -> bool {
    Deployment::of(env) == Deployment::Dev
}

/// The deployment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deployment {
    /// Local development and the tests (`ENVIRONMENT=dev`).
    Dev,
    /// The staging Worker.
    Staging,
    /// Production, also when `ENVIRONMENT` is missing or unknown.
    Production,
}

impl Deployment {
    /// The deployment a value of `ENVIRONMENT` names.
    pub fn parse(value: Option<&str>) -> Deployment {
        match value.map(str::trim) {
            Some("dev") => Deployment::Dev,
            Some("staging") => Deployment::Staging,
            _ => Deployment::Production,
        }
    }

    /// The deployment of this Worker.
    pub fn of(env: &Env) -> Deployment {
        Self::parse(text(env, "ENVIRONMENT").as_deref())
    }

    /// Whether operators may act ahead of time (e.g. run the renewal engine for a future day,
    /// which bills and e-mails customers early): only in local development.
    pub fn allows_future_dates(self) -> bool {
        self == Deployment::Dev
    }
}

/// The links of messages, on `PORTAL_ORIGIN`.
pub fn links(env: &Env) -> Result<Links, String> {
    parse_origin(text(env, "PORTAL_ORIGIN").as_deref())
}

/// `PORTAL_ORIGIN` as links; an error names what is wrong.
pub fn parse_origin(value: Option<&str>) -> Result<Links, String> {
    let value = value.ok_or("PORTAL_ORIGIN is not set")?;
    Links::new(value).ok_or_else(|| format!("PORTAL_ORIGIN {value:?} is not an origin"))
}

/// The key one-time tokens are derived with (secret `TOKEN_KEY`); a 500 when it is missing or
/// too short (logged, never sent).
pub fn token_key(env: &Env) -> Result<Vec<u8>, ApiError> {
    parse_token_key(text(env, "TOKEN_KEY").as_deref()).map_err(ApiError::Internal)
}

/// `TOKEN_KEY` decoded: base64 of at least 32 bytes.
pub fn parse_token_key(value: Option<&str>) -> Result<Vec<u8>, String> {
    let value = value.ok_or("TOKEN_KEY is not set")?;
    let key = STANDARD
        .decode(value.trim())
        .map_err(|_| "TOKEN_KEY is not base64".to_owned())?;
    if key.len() < 32 {
        return Err(format!("TOKEN_KEY has {} bytes; it needs 32", key.len()));
    }
    Ok(key)
}

/// Which mailer sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailerKind {
    /// The dev mailbox (rows in D1).
    Local,
    /// The transactional e-mail API.
    Http,
}

/// When a failed delivery is tried again, and how often.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The delay after the first failed attempt; each further one waits four times longer.
    pub base_seconds: u32,
    /// Attempts in all; after the last one fails the row is dead.
    pub max_attempts: u32,
}

/// The longest wait between two attempts (six hours).
pub const MAX_RETRY_SECONDS: u32 = 6 * 60 * 60;

impl Default for RetryPolicy {
    /// 1, 4, 16, 64 and 256 minutes: six attempts over about five and a half hours.
    fn default() -> Self {
        RetryPolicy {
            base_seconds: 60,
            max_attempts: 6,
        }
    }
}

impl RetryPolicy {
    /// The policy of `MAIL_RETRY_BASE_SECONDS` and `MAIL_MAX_ATTEMPTS` (defaults where unset).
    pub fn parse(base: Option<&str>, attempts: Option<&str>) -> Result<RetryPolicy, String> {
        let d = RetryPolicy::default();
        let number = |name: &str, v: Option<&str>, default: u32| match v {
            None => Ok(default),
            Some(t) => t
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| format!("{name} {t:?} is not a whole number of at least 1")),
        };
        Ok(RetryPolicy {
            base_seconds: number("MAIL_RETRY_BASE_SECONDS", base, d.base_seconds)?,
            max_attempts: number("MAIL_MAX_ATTEMPTS", attempts, d.max_attempts)?,
        })
    }

    /// Whether another attempt follows the `attempts`-th one.
    pub fn may_retry(&self, attempts: u32) -> bool {
        attempts < self.max_attempts
    }

    /// Seconds to wait after the `attempts`-th attempt failed: base × 4^(attempts − 1), at least
    /// what the provider asked for (`Retry-After`), at most [`MAX_RETRY_SECONDS`].
    pub fn delay(&self, attempts: u32, asked: Option<u32>) -> u32 {
        let factor = 4u64.saturating_pow(attempts.saturating_sub(1).min(16));
        let backoff = u64::from(self.base_seconds).saturating_mul(factor);
        let wait = backoff.max(u64::from(asked.unwrap_or(0)));
        u32::try_from(wait.min(u64::from(MAX_RETRY_SECONDS))).unwrap_or(MAX_RETRY_SECONDS)
    }
}

/// How mail is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailConfig {
    /// Which mailer.
    pub mailer: MailerKind,
    /// The provider's endpoint (HTTP mailer).
    pub api_url: String,
    /// The provider's API key (HTTP mailer).
    pub api_key: Option<String>,
    /// The sender, e.g. `SMA Portal <no-reply@portal.example.com>`.
    pub from: String,
    /// Where replies go, when set.
    pub reply_to: Option<String>,
    /// The backoff.
    pub retry: RetryPolicy,
    /// The environment's name (keys the provider's idempotency per environment).
    pub environment: String,
}

impl MailConfig {
    /// The configuration of `env`.
    pub fn of(env: &Env) -> Result<MailConfig, String> {
        let get = |name: &str| text(env, name);
        MailConfig::parse(&get)
    }

    /// The configuration from named values (`get` answers a variable or secret).
    pub fn parse(get: &dyn Fn(&str) -> Option<String>) -> Result<MailConfig, String> {
        let mailer = match get("MAILER").as_deref() {
            None | Some("local") => MailerKind::Local,
            Some("http") => MailerKind::Http,
            Some(other) => return Err(format!("MAILER {other:?} is neither local nor http")),
        };
        let api_key = get("MAIL_API_KEY");
        if mailer == MailerKind::Http && api_key.is_none() {
            return Err("MAILER is http but the secret MAIL_API_KEY is not set".into());
        }
        Ok(MailConfig {
            mailer,
            api_url: get("MAIL_API_URL").unwrap_or_else(|| DEFAULT_MAIL_API_URL.into()),
            api_key,
            from: get("MAIL_FROM").unwrap_or_else(|| "SMA Portal <no-reply@localhost>".into()),
            reply_to: get("MAIL_REPLY_TO"),
            retry: RetryPolicy::parse(
                get("MAIL_RETRY_BASE_SECONDS").as_deref(),
                get("MAIL_MAX_ATTEMPTS").as_deref(),
            )?,
            environment: get("ENVIRONMENT").unwrap_or_else(|| "unnamed".into()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dev_is_development_and_anything_unknown_is_production() {
        assert_eq!(Deployment::parse(Some("dev")), Deployment::Dev);
        assert_eq!(Deployment::parse(Some("staging")), Deployment::Staging);
        for other in [
            None,
            Some(""),
            Some("Dev"),
            Some("development"),
            Some("prod"),
        ] {
            assert_eq!(
                Deployment::parse(other),
                Deployment::Production,
                "{other:?}"
            );
        }
        assert!(Deployment::Dev.allows_future_dates());
        assert!(!Deployment::Staging.allows_future_dates());
        assert!(!Deployment::Production.allows_future_dates());
    }
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<MailConfig, String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        MailConfig::parse(&|name| map.get(name).cloned())
    }

    #[test]
    fn without_settings_mail_goes_to_the_local_mailbox_with_the_default_backoff() {
        let c = config(&[]).unwrap();
        assert_eq!(c.mailer, MailerKind::Local);
        assert_eq!(c.retry, RetryPolicy::default());
        assert_eq!(c.api_url, DEFAULT_MAIL_API_URL);
    }

    #[test]
    fn the_http_mailer_needs_its_api_key_and_takes_its_endpoint_and_sender() {
        assert!(config(&[("MAILER", "http")])
            .unwrap_err()
            .contains("MAIL_API_KEY"));
        let c = config(&[
            ("MAILER", "http"),
            ("MAIL_API_KEY", "re_test"),
            ("MAIL_API_URL", "http://127.0.0.1:8833/emails"),
            ("MAIL_FROM", "SMA <no-reply@portal.example.com>"),
        ])
        .unwrap();
        assert_eq!(c.mailer, MailerKind::Http);
        assert_eq!(c.api_url, "http://127.0.0.1:8833/emails");
        assert_eq!(c.from, "SMA <no-reply@portal.example.com>");
        assert!(config(&[("MAILER", "smtp")]).is_err());
    }

    #[test]
    fn the_backoff_grows_fourfold_honours_retry_after_and_is_capped() {
        let p = RetryPolicy::default();
        assert_eq!(
            (1..=5).map(|n| p.delay(n, None)).collect::<Vec<_>>(),
            [60, 240, 960, 3840, 15360]
        );
        assert_eq!(p.delay(1, Some(120)), 120);
        assert_eq!(p.delay(2, Some(120)), 240);
        assert_eq!(p.delay(9, None), MAX_RETRY_SECONDS);
        assert_eq!(p.delay(u32::MAX, Some(u32::MAX)), MAX_RETRY_SECONDS);
    }

    #[test]
    fn the_last_attempt_is_not_retried() {
        let p = RetryPolicy::parse(Some("1"), Some("3")).unwrap();
        assert!(p.may_retry(1) && p.may_retry(2));
        assert!(!p.may_retry(3));
        assert!(RetryPolicy::parse(Some("0"), None).is_err());
        assert!(RetryPolicy::parse(None, Some("many")).is_err());
    }

    #[test]
    fn a_token_key_is_base64_of_at_least_32_bytes() {
        let good = STANDARD.encode([9u8; 32]);
        assert_eq!(parse_token_key(Some(&good)).unwrap(), vec![9u8; 32]);
        assert!(parse_token_key(Some(&STANDARD.encode([9u8; 16]))).is_err());
        assert!(parse_token_key(Some("not base64!")).is_err());
        assert!(parse_token_key(None).is_err());
    }

    #[test]
    fn the_portal_origin_must_be_an_origin() {
        assert_eq!(
            parse_origin(Some("http://127.0.0.1:8831"))
                .unwrap()
                .origin(),
            "http://127.0.0.1:8831"
        );
        assert!(parse_origin(Some("portal.example.com")).is_err());
        assert!(parse_origin(None).is_err());
    }
}
