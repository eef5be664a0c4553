//! `GET /api/health`, `GET /api/openapi.json`, and the answer to unknown API paths.

use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::cache::{self, Version};
use crate::http::respond;
use crate::observe;
use crate::store::objects::ObjectStore;
use sma_shared::api::{CheckStatus, Health, HealthChecks, HealthStatus};
use worker::Request;

/// Answers whether the Worker and its dependencies answer: D1 (a trivial query) and R2 (a
/// listing of one key), with the crate version and the commit of the build (the variable
/// `BUILD_COMMIT`, set when it is served or deployed). 503 when a dependency fails (its error is
/// logged, never sent).
pub async fn health(_req: Request, cx: Cx) -> ApiResult {
    let d1 = match cx.db() {
        Ok(db) => crate::store::reachable(&db).await,
        Err(e) => Err(e),
    };
    let r2 = match cx.bucket() {
        Ok(bucket) => ObjectStore::new(bucket).reachable().await,
        Err(e) => Err(e),
    };
    let request_id = cx.request_id().to_owned();
    let check = |name: &str, result: Result<(), ApiError>| match result {
        Ok(()) => CheckStatus::Ok,
        Err(e) => {
            let detail = e.log_detail().map_or_else(|| e.to_string(), str::to_owned);
            observe::error("health_check", Some(&request_id), Some(name), &detail);
            CheckStatus::Failed
        }
    };
    let checks = HealthChecks {
        d1: check("d1", d1),
        r2: check("r2", r2),
    };
    let status = checks.status();
    let commit = cx
        .env()
        .var("BUILD_COMMIT")
        .map(|v| v.to_string())
        .ok()
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| "unknown".into());
    let body = Health {
        status,
        version: env!("CARGO_PKG_VERSION").into(),
        commit,
        checks,
    };
    Ok(respond::json(
        &body,
        if status == HealthStatus::Ok { 200 } else { 503 },
    ))
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
