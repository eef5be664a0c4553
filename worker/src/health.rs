//! `GET /api/health`.

use crate::{error::ApiResult, http::ok_json};
use sma_shared::api::Health;

/// Answers that the Worker runs, with the crate version.
pub fn get() -> ApiResult {
    ok_json(&Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}
