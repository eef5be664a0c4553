//! `GET /api/health`, `GET /api/openapi.json`, and the answer to unknown API paths.

use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::cache::{self, Version};
use crate::http::respond;
use sma_shared::api::Health;
use worker::Request;

/// Answers that the Worker runs, with the crate version.
pub async fn health(_req: Request, _cx: Cx) -> ApiResult {
    respond::ok(&Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// The OpenAPI document of this API.
pub async fn openapi(req: Request, cx: Cx) -> ApiResult {
    cache::serve(&req, &cx, Version::BUILD, async {
        respond::public(
            include_str!("../../openapi.json"),
            "application/json; charset=utf-8",
        )
    })
    .await
}

/// Unknown API paths answer 404 in the error shape (a known path with another method gets 405
/// from the router, turned into the error shape in `fetch`).
pub async fn not_found(_req: Request, _cx: Cx) -> ApiResult {
    Err(ApiError::NotFound)
}
