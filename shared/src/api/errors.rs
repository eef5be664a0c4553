//! The error body of every API error (api.md "Errors"): the Worker writes it, the app reads it.

use serde::{Deserialize, Serialize};

use crate::foundation::PricingError;

/// The error object: `{"code", "message", "field"}` (`field` left out when no single input is
/// at fault).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorDetail {
    /// The snake_case code.
    pub code: String,
    /// A sentence the customer can act on.
    pub message: String,
    /// The JSON path at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// `import_rejected`: every rejected row of the file, its column and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<crate::api::RejectedRow>>,
    /// `rate_limited`: the seconds until the window that refused the request ends (the
    /// `Retry-After` header's number), so that the page can say how long to wait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
}

/// The error body of every API error: `{"error": {"code", "message", "field"}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

impl ErrorDetail {
    /// An error for any code.
    pub fn new(
        code: impl Into<String>,
        message: impl Into<String>,
        field: Option<String>,
    ) -> ErrorDetail {
        ErrorDetail {
            code: code.into(),
            message: message.into(),
            field,
            rows: None,
            retry_after_seconds: None,
        }
    }
}

impl ErrorBody {
    /// An error body for any code (e.g. `malformed_request` for a serde error).
    pub fn new(code: &str, message: impl Into<String>, field: Option<String>) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail::new(code, message, field),
        }
    }
}

impl From<&PricingError> for ErrorBody {
    fn from(err: &PricingError) -> ErrorBody {
        ErrorBody::new(err.code(), err.message(), err.field().map(str::to_owned))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_body_leaves_out_a_missing_field() {
        let body = ErrorBody::new("malformed_request", "Bad JSON.", None);
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"error":{"code":"malformed_request","message":"Bad JSON."}}"#
        );
    }
}
