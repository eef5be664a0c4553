//! `GET /api/health`.

use crate::{error::ApiResult, http::ok_json};
use serde::Serialize;

#[derive(Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
}

/// Answers that the Worker runs, with the crate version.
pub fn get() -> ApiResult {
    ok_json(&Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}
