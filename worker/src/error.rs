//! The Worker's one error boundary: every failure is an [`ApiError`], every foreign error
//! becomes one through a `From` impl below, and each maps to one status, code and body of
//! api.md's error shape (written out by `http::respond::error`). Besides `shared` it knows
//! only the error type of `crypto`, which knows nothing of it: no module imports it in a circle.

use crate::crypto::CryptoError;
use chrono::NaiveDate;
use sma_shared::accounts::AccountsError;
use sma_shared::api::{ErrorBody, OrderInputError, OrderQuote};
use sma_shared::dates::{day_before, iso};
use sma_shared::lifecycle::AutoRenewRefusal;
use sma_shared::links::{KeyRingError, LinkError};
use sma_shared::orders::OrderRefusal;
use sma_shared::releases::FilterError;
use sma_shared::PricingError;
use worker::Response;

/// What every handler returns.
pub type ApiResult = Result<Response, ApiError>;

/// An error a handler returns.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// 400 `malformed_request`: not JSON, wrong types, missing or unknown fields.
    #[error("{message}")]
    Malformed {
        /// A sentence the caller can act on.
        message: String,
        /// The input at fault, when one is.
        field: Option<String>,
    },
    /// 413 `payload_too_large`: a body above `http::limits::MAX_BODY_BYTES`.
    #[error("The request body is larger than 64 KiB.")]
    PayloadTooLarge,
    /// 422 with the rule's own code (pricing.md section 2 and api.md).
    #[error(transparent)]
    Rule(#[from] PricingError),
    /// 422 with a code of this API (for example a bad filter value).
    #[error("{message}")]
    Unprocessable {
        /// The snake_case code.
        code: &'static str,
        /// A sentence the caller can act on.
        message: String,
        /// The input at fault, when one is.
        field: Option<String>,
    },
    /// 422 `import_rejected`: rows of an import that break a rule (all of them, in `rows`).
    #[error("The file was not imported: {} rows are rejected (see rows); nothing was written.", .0.len())]
    ImportRejected(Vec<sma_shared::api::RejectedRow>),
    /// 401 `unauthenticated`: no valid session or token.
    #[error("Please sign in first.")]
    Unauthenticated,
    /// 401 `invalid_credentials`: the same answer for an unknown email and a wrong password.
    #[error("The email address or the password is not correct.")]
    InvalidCredentials,
    /// 403 `forbidden`: a state-changing request from another origin or of the wrong type.
    #[error("This request must come from the portal itself (same origin, JSON).")]
    Forbidden,
    /// 403 `not_entitled`: the installation's SMA does not cover the release; the message says
    /// why and what to buy.
    #[error("{0}")]
    NotEntitled(String),
    /// 403 `forbidden`: a download link that is altered, expired or signed with an unknown key
    /// (one generic reason for all of them).
    #[error(
        "This download link is not valid or has expired. Request a new one on the release page."
    )]
    LinkRefused,
    /// 416 `range_not_satisfiable`: no byte of the file lies in the requested range (the
    /// response carries `Content-Range: bytes */{size}`).
    #[error("The requested range lies outside the file of {size} bytes.")]
    RangeNotSatisfiable {
        /// The size of the file.
        size: u64,
    },
    /// 404 `not_found`: absent, or another customer's (never reveal which).
    #[error("Nothing was found at this address.")]
    NotFound,
    /// 409 `conflict`: the request does not fit the resource's current state (for example
    /// cancelling an SMA that is already cancelled).
    #[error("{0}")]
    Conflict(String),
    /// 409 `conflict` with field `Idempotency-Key`: an order with this key is still being placed
    /// (retry with the same key to get its result; a new key could order twice).
    #[error("An order with this Idempotency-Key is still being placed; retry with the same key in a moment to get its result.")]
    InFlight,
    /// 409 `quote_changed` or `quote_expired` (field `quote_token`): the quote the customer
    /// confirmed no longer holds, so nothing was ordered; the body carries the quote as it
    /// stands now (`shared::api::QuoteChanged`).
    #[error("{}", quote_message(*expired))]
    QuoteChanged {
        /// Whether it expired (else the price or the installation changed).
        expired: bool,
        /// The order's quote now, with a fresh token.
        quote: Box<OrderQuote>,
    },
    /// A refusal of the accounts core (`invalid_licence_number`, `forbidden_role`,
    /// `token_invalid`, `last_admin`, `rate_limited` with `Retry-After`, …) with its own status.
    #[error("{}", .0.message())]
    Accounts(#[from] AccountsError),
    /// 405 `method_not_allowed`: the path exists but not with this method.
    #[error("This address does not accept that method.")]
    MethodNotAllowed,
    /// 500 `internal`: logged with the request id, never sent.
    #[error(
        "Something went wrong on our side. Please try again; if it persists, quote the request id."
    )]
    Internal(String),
}

impl ApiError {
    /// A 400 for a body or query that is not of the expected form.
    pub fn malformed(message: impl Into<String>) -> Self {
        Self::Malformed {
            message: message.into(),
            field: None,
        }
    }

    /// A 500 for stored data that does not have the form it was written in (`subject` names
    /// the row, e.g. `installation ins_1`); logged, never sent.
    pub fn corrupt(subject: impl std::fmt::Display, detail: impl std::fmt::Display) -> Self {
        Self::Internal(format!("{subject}: {detail}"))
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> u16 {
        match self {
            Self::Malformed { .. } => 400,
            Self::PayloadTooLarge => 413,
            Self::Rule(_) | Self::Unprocessable { .. } | Self::ImportRejected(_) => 422,
            Self::Unauthenticated | Self::InvalidCredentials => 401,
            Self::Forbidden | Self::NotEntitled(_) | Self::LinkRefused => 403,
            Self::RangeNotSatisfiable { .. } => 416,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::Conflict(_) | Self::InFlight | Self::QuoteChanged { .. } => 409,
            Self::Accounts(e) => e.status(),
            Self::Internal(_) => 500,
        }
    }

    /// The snake_case code of the error shape.
    pub fn code(&self) -> &str {
        match self {
            Self::Malformed { .. } => "malformed_request",
            Self::PayloadTooLarge => "payload_too_large",
            Self::Rule(e) => e.code(),
            Self::Unprocessable { code, .. } => code,
            Self::ImportRejected(_) => "import_rejected",
            Self::Unauthenticated => "unauthenticated",
            Self::InvalidCredentials => "invalid_credentials",
            Self::Forbidden | Self::LinkRefused => "forbidden",
            Self::NotEntitled(_) => "not_entitled",
            Self::RangeNotSatisfiable { .. } => "range_not_satisfiable",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Conflict(_) | Self::InFlight => "conflict",
            Self::QuoteChanged { expired: true, .. } => "quote_expired",
            Self::QuoteChanged { expired: false, .. } => "quote_changed",
            Self::Accounts(e) => e.code(),
            Self::Internal(_) => "internal",
        }
    }

    fn field(&self) -> Option<String> {
        match self {
            Self::Malformed { field, .. } | Self::Unprocessable { field, .. } => field.clone(),
            Self::Rule(e) => e.field().map(str::to_owned),
            Self::InFlight => Some("Idempotency-Key".into()),
            Self::QuoteChanged { .. } => Some("quote_token".into()),
            Self::Accounts(e) => e.field().map(str::to_owned),
            _ => None,
        }
    }

    /// The body of api.md's error shape (an internal error's detail is not in it).
    pub fn body(&self) -> ErrorBody {
        let mut body = ErrorBody::new(self.code(), self.to_string(), self.field());
        if let Self::ImportRejected(rows) = self {
            body.error.rows = Some(rows.clone());
        }
        body.error.retry_after_seconds = self.retry_after();
        body
    }

    /// A limit's wait in whole seconds, at least 1 (`Retry-After` and the body's
    /// `retry_after_seconds`).
    fn retry_after(&self) -> Option<u64> {
        match self {
            Self::Accounts(AccountsError::RateLimited {
                retry_after_seconds,
            }) => Some((*retry_after_seconds).max(1)),
            _ => None,
        }
    }

    /// The quote a `quote_changed` or `quote_expired` answer carries besides the error.
    pub fn changed_quote(&self) -> Option<&OrderQuote> {
        match self {
            Self::QuoteChanged { quote, .. } => Some(quote),
            _ => None,
        }
    }

    /// Headers the error response carries besides the JSON ones.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::RangeNotSatisfiable { size } => {
                vec![("content-range", format!("bytes */{size}"))]
            }
            _ => self
                .retry_after()
                .map(|seconds| ("retry-after", seconds.to_string()))
                .into_iter()
                .collect(),
        }
    }

    /// What is logged under the request id: the detail of an internal error, nothing else.
    pub fn log_detail(&self) -> Option<&str> {
        match self {
            Self::Internal(detail) => Some(detail),
            _ => None,
        }
    }
}

fn quote_message(expired: bool) -> &'static str {
    if expired {
        "This quote has expired, so nothing was ordered. Review the current quote and confirm it to order."
    } else {
        "The price of this order has changed since it was quoted (or the installation changed), so nothing was ordered. Review the new quote and confirm it to order."
    }
}

/// A failure of the runtime (D1, R2, headers, URLs): 500.
impl From<worker::Error> for ApiError {
    fn from(e: worker::Error) -> Self {
        Self::Internal(e.to_string())
    }
}

/// JSON of the Worker's own values (stored bodies, canonical requests): 500. Request bodies
/// never take this way: `http::limits::parse_json` answers them with a 400 of its own.
impl From<serde_json::Error> for ApiError {
    fn from(e: serde_json::Error) -> Self {
        Self::Internal(format!("JSON: {e}"))
    }
}

/// The platform's random source failed: 500.
impl From<getrandom::Error> for ApiError {
    fn from(e: getrandom::Error) -> Self {
        Self::Internal(format!("random: {e}"))
    }
}

/// A WebCrypto call failed: 500.
impl From<CryptoError> for ApiError {
    fn from(e: CryptoError) -> Self {
        Self::Internal(e.to_string())
    }
}

/// A bad filter of the release browser: 422 with the filter's code and field.
impl From<FilterError> for ApiError {
    fn from(e: FilterError) -> Self {
        Self::Unprocessable {
            code: e.code(),
            message: e.to_string(),
            field: Some(e.field().to_owned()),
        }
    }
}

/// An order's inputs: a field of another kind or a missing one is 400, a bad value 422.
impl From<OrderInputError> for ApiError {
    fn from(e: OrderInputError) -> Self {
        match e {
            OrderInputError::Malformed { field, message } => Self::Malformed {
                message,
                field: Some(field),
            },
            OrderInputError::Rule(e) => Self::Rule(e),
        }
    }
}

/// The refusal of an order: pricing rules 422, the installation's state 409, an order that
/// adds nothing 422 `empty_order`.
impl From<OrderRefusal> for ApiError {
    fn from(r: OrderRefusal) -> Self {
        match r {
            OrderRefusal::Pricing(e) => Self::Rule(e),
            OrderRefusal::State(message) => Self::Conflict(message),
            OrderRefusal::Empty(message) => Self::Unprocessable {
                code: "empty_order",
                message,
                field: Some("add_cameras".into()),
            },
        }
    }
}

/// A download link: a presented link that is refused gets one generic 403 whatever the reason;
/// a link that cannot be signed (a field it cannot carry) is a 500.
impl From<LinkError> for ApiError {
    fn from(e: LinkError) -> Self {
        match e {
            LinkError::Field(_) => Self::Internal(format!("link: {e}")),
            _ => Self::LinkRefused,
        }
    }
}

/// The link key secrets are not a valid ring: 500 (the reason is logged, never a key).
impl From<KeyRingError> for ApiError {
    fn from(e: KeyRingError) -> Self {
        Self::Internal(e.to_string())
    }
}

/// A refused switch of auto-renew (pricing.md section 5), with what its sentence names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutoRenewRefused {
    /// Whether the customer asked to resume (else to cancel).
    pub resume: bool,
    /// Why; `None` when the installation has no SMA at all.
    pub reason: Option<AutoRenewRefusal>,
    /// The first uncovered day of the stored coverage, when it ends.
    pub ends_on: Option<NaiveDate>,
}

/// A refused auto-renew switch: 409 with a sentence the customer can act on.
impl From<AutoRenewRefused> for ApiError {
    fn from(r: AutoRenewRefused) -> Self {
        let verb = if r.resume { "resume" } else { "cancel" };
        let last = r.ends_on.map(|e| iso(day_before(e))).unwrap_or_default();
        Self::Conflict(match r.reason {
            None => format!("This installation has no SMA; there is nothing to {verb}."),
            Some(AutoRenewRefusal::AlreadyCancelled) => format!(
                "Auto-renew of this SMA is already cancelled; coverage ends after {last}. Resume it instead if you want to keep it."
            ),
            Some(AutoRenewRefusal::AlreadyActive) => {
                "This SMA already renews automatically; there is nothing to resume.".to_owned()
            }
            Some(AutoRenewRefusal::Lapsed) => format!(
                "The SMA of this installation ended after {last}; there is nothing to {verb}."
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invalid_term() -> PricingError {
        PricingError::InvalidTerm {
            field: Some("term_years".into()),
            given: "2".into(),
        }
    }

    fn json(e: &ApiError) -> String {
        serde_json::to_string(&e.body()).unwrap()
    }

    fn changed(expired: bool) -> ApiError {
        ApiError::QuoteChanged {
            expired,
            quote: Box::new(crate::store::fixtures::order_quote()),
        }
    }

    #[test]
    fn every_error_has_the_status_and_code_of_api_md() {
        let cases = [
            (ApiError::malformed("x"), 400, "malformed_request"),
            (ApiError::PayloadTooLarge, 413, "payload_too_large"),
            (ApiError::Unauthenticated, 401, "unauthenticated"),
            (ApiError::InvalidCredentials, 401, "invalid_credentials"),
            (ApiError::Forbidden, 403, "forbidden"),
            (ApiError::NotEntitled("x".into()), 403, "not_entitled"),
            (ApiError::LinkRefused, 403, "forbidden"),
            (
                ApiError::RangeNotSatisfiable { size: 9 },
                416,
                "range_not_satisfiable",
            ),
            (
                ApiError::from(AccountsError::RateLimited {
                    retry_after_seconds: 60,
                }),
                429,
                "rate_limited",
            ),
            (ApiError::NotFound, 404, "not_found"),
            (ApiError::Conflict("x".into()), 409, "conflict"),
            (ApiError::InFlight, 409, "conflict"),
            (ApiError::MethodNotAllowed, 405, "method_not_allowed"),
            (changed(true), 409, "quote_expired"),
            (changed(false), 409, "quote_changed"),
            (ApiError::Internal("x".into()), 500, "internal"),
        ];
        for (e, status, code) in cases {
            assert_eq!((e.status(), e.code()), (status, code), "{e:?}");
        }
    }

    #[test]
    fn the_body_is_the_error_shape_with_the_field_at_fault() {
        let e = ApiError::Malformed {
            message: "Send a key.".into(),
            field: Some("Idempotency-Key".into()),
        };
        assert_eq!(
            json(&e),
            r#"{"error":{"code":"malformed_request","message":"Send a key.","field":"Idempotency-Key"}}"#
        );
        assert_eq!(
            json(&ApiError::NotFound),
            r#"{"error":{"code":"not_found","message":"Nothing was found at this address."}}"#
        );
    }

    #[test]
    fn an_internal_error_is_logged_but_its_detail_never_sent() {
        let e = ApiError::corrupt("installation ins_1", "bad date");
        assert_eq!(e.log_detail(), Some("installation ins_1: bad date"));
        assert!(!json(&e).contains("bad date"));
        assert_eq!(ApiError::NotFound.log_detail(), None);
    }

    #[test]
    fn an_unsatisfiable_range_names_the_file_size_in_a_header() {
        let e = ApiError::RangeNotSatisfiable { size: 1024 };
        assert_eq!(
            e.headers(),
            vec![("content-range", "bytes */1024".to_owned())]
        );
        assert!(ApiError::NotFound.headers().is_empty());
    }

    #[test]
    fn a_changed_quote_names_the_token_and_carries_the_quote_now() {
        let e = changed(false);
        assert!(json(&e).contains(r#""field":"quote_token""#));
        assert_eq!(
            e.changed_quote().map(|q| q.quote_token.as_str()),
            Some("q1.x.y")
        );
        assert_eq!(ApiError::NotFound.changed_quote(), None);
    }

    #[test]
    fn an_accounts_refusal_keeps_its_status_code_and_field_and_a_limit_says_when_to_retry() {
        let e = ApiError::from(AccountsError::TokenInvalid);
        assert_eq!((e.status(), e.code()), (410, "token_invalid"));
        assert_eq!(e.field(), Some("token".into()));
        let e = ApiError::from(AccountsError::RateLimited {
            retry_after_seconds: 90,
        });
        assert_eq!((e.status(), e.code()), (429, "rate_limited"));
        assert_eq!(e.headers(), vec![("retry-after", "90".to_owned())]);
        assert!(json(&e).contains("try again in 2 minutes"), "{}", json(&e));
    }

    #[test]
    fn a_limit_carries_its_wait_in_the_header_and_the_body_alike_at_least_one_second() {
        for (wait, said) in [(3599, 3599), (59, 59), (0, 1)] {
            let e = ApiError::from(AccountsError::RateLimited {
                retry_after_seconds: wait,
            });
            assert_eq!(e.headers(), vec![("retry-after", said.to_string())]);
            assert_eq!(e.body().error.retry_after_seconds, Some(said));
        }
        assert_eq!(
            ApiError::Unauthenticated.body().error.retry_after_seconds,
            None
        );
        assert!(!json(&ApiError::Unauthenticated).contains("retry_after"));
    }

    #[test]
    fn a_waiting_order_names_the_idempotency_key() {
        assert!(json(&ApiError::InFlight).contains(r#""field":"Idempotency-Key""#));
    }

    #[test]
    fn a_pricing_rule_keeps_its_own_code_and_field() {
        let rule = invalid_term();
        let e = ApiError::from(rule.clone());
        assert_eq!((e.status(), e.code()), (422, rule.code()));
        assert_eq!(e.field(), rule.field().map(str::to_owned));
    }

    #[test]
    fn order_inputs_of_another_kind_are_malformed_and_bad_values_break_a_rule() {
        let e = ApiError::from(OrderInputError::Malformed {
            field: "to_edition".into(),
            message: "no".into(),
        });
        assert_eq!((e.status(), e.field()), (400, Some("to_edition".into())));
        let e = ApiError::from(OrderInputError::Rule(invalid_term()));
        assert_eq!(e.status(), 422);
    }

    #[test]
    fn an_order_refused_by_state_conflicts_and_an_empty_one_is_unprocessable() {
        let e = ApiError::from(OrderRefusal::State("lapsed".into()));
        assert_eq!((e.status(), e.to_string()), (409, "lapsed".to_owned()));
        let e = ApiError::from(OrderRefusal::Empty("nothing".into()));
        assert_eq!(
            (e.status(), e.code(), e.field()),
            (422, "empty_order", Some("add_cameras".into()))
        );
    }

    #[test]
    fn a_bad_release_filter_is_unprocessable_with_its_code_and_field() {
        let e = ApiError::from(FilterError::Channel("nightly".into()));
        assert_eq!(
            (e.status(), e.code(), e.field()),
            (422, "invalid_channel", Some("channel".into()))
        );
    }

    #[test]
    fn every_refused_link_gets_the_same_answer() {
        for reason in [
            LinkError::Malformed,
            LinkError::UnknownKey,
            LinkError::BadSignature,
            LinkError::Expired,
            LinkError::TooFarAhead,
        ] {
            assert_eq!(ApiError::from(reason), ApiError::LinkRefused);
        }
        assert_eq!(ApiError::from(LinkError::Field("key_id")).status(), 500);
    }

    #[test]
    fn a_refused_switch_names_the_last_covered_day_and_what_was_asked() {
        let ends_on = NaiveDate::from_ymd_opt(2027, 3, 10);
        let refused = |resume, reason| {
            ApiError::from(AutoRenewRefused {
                resume,
                reason,
                ends_on,
            })
        };
        let e = refused(false, Some(AutoRenewRefusal::AlreadyCancelled));
        assert_eq!(e.status(), 409);
        assert!(
            e.to_string().contains("coverage ends after 2027-03-09"),
            "{e}"
        );
        let e = refused(true, Some(AutoRenewRefusal::Lapsed));
        assert!(
            e.to_string().ends_with("there is nothing to resume."),
            "{e}"
        );
        let e = refused(false, None);
        assert_eq!(
            e.to_string(),
            "This installation has no SMA; there is nothing to cancel."
        );
    }
}
