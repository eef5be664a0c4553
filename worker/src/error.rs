//! The Worker's one error boundary: every failure becomes the JSON error shape of api.md.

use sma_shared::{api::ErrorBody, PricingError};
use worker::Response;

/// An error a handler returns; [`ApiError::into_response`] is the one place that maps it to HTTP.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400 `malformed_request`: not JSON, wrong types, missing or unknown fields.
    #[error("{message}")]
    Malformed {
        /// A sentence the caller can act on.
        message: String,
        /// The input at fault, when one is.
        field: Option<String>,
    },
    /// 413 `payload_too_large`: a body above [`crate::http::MAX_BODY_BYTES`].
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
    /// 429 `rate_limited`: too many attempts; try again later.
    #[error(
        "Too many failed sign-ins for this email address. Please wait 15 minutes and try again."
    )]
    RateLimited,
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

    /// The HTTP status of this error.
    pub fn status(&self) -> u16 {
        match self {
            Self::Malformed { .. } => 400,
            Self::PayloadTooLarge => 413,
            Self::Rule(_) | Self::Unprocessable { .. } => 422,
            Self::Unauthenticated | Self::InvalidCredentials => 401,
            Self::Forbidden | Self::NotEntitled(_) | Self::LinkRefused => 403,
            Self::RangeNotSatisfiable { .. } => 416,
            Self::RateLimited => 429,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::Conflict(_) | Self::InFlight => 409,
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
            Self::Unauthenticated => "unauthenticated",
            Self::InvalidCredentials => "invalid_credentials",
            Self::Forbidden | Self::LinkRefused => "forbidden",
            Self::NotEntitled(_) => "not_entitled",
            Self::RangeNotSatisfiable { .. } => "range_not_satisfiable",
            Self::RateLimited => "rate_limited",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Conflict(_) | Self::InFlight => "conflict",
            Self::Internal(_) => "internal",
        }
    }

    fn field(&self) -> Option<String> {
        match self {
            Self::Malformed { field, .. } | Self::Unprocessable { field, .. } => field.clone(),
            Self::Rule(e) => e.field().map(str::to_owned),
            Self::InFlight => Some("Idempotency-Key".into()),
            _ => None,
        }
    }

    /// The JSON error response; internals are logged under the request id, never sent.
    pub fn into_response(self, request_id: &str) -> Response {
        if let Self::Internal(detail) = &self {
            worker::console_error!("request {request_id}: {detail}");
        }
        let body = ErrorBody::new(self.code(), self.to_string(), self.field());
        let mut resp = crate::http::json_response(&body, self.status());
        if let Self::RangeNotSatisfiable { size } = self {
            let _ = resp
                .headers_mut()
                .set("content-range", &format!("bytes */{size}"));
        }
        resp
    }
}

impl From<worker::Error> for ApiError {
    fn from(e: worker::Error) -> Self {
        Self::Internal(e.to_string())
    }
}

/// What every handler returns.
pub type ApiResult = Result<Response, ApiError>;
