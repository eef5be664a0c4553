//! Operator endpoints, behind the admin token: publishing release artifacts to R2.

use crate::access::require_admin;
use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::{request::header, respond};
use sma_shared::api::StoredArtifact;
use worker::{Data, Request};

/// `PUT /api/admin/artifacts/{key}`: streams the body into R2 under `key`; with an
/// `x-sha256` header R2 checks the bytes against it and refuses a mismatch.
/// (The one route exempt from the 64 KiB body limit: artifacts are large.)
pub async fn put_artifact(req: Request, cx: Cx) -> ApiResult {
    require_admin(&req, cx.env())?;
    let (bucket, key) = (cx.bucket()?, cx.param("key"));
    if key.is_empty() || key.contains("..") || key.len() > 512 {
        return Err(ApiError::malformed("The artifact key is not valid."));
    }
    let body = req
        .inner()
        .body()
        .ok_or_else(|| ApiError::malformed("The upload needs a body."))?;
    let mut put = bucket.put(key, Data::ReadableStream(body));
    if let Some(sum) = header(&req, "x-sha256") {
        let bytes = hex::decode(sum.trim())
            .map_err(|_| ApiError::malformed("x-sha256 must be 64 hex digits."))?;
        put = put.sha256(bytes);
    }
    let object = put.execute().await.map_err(|e| ApiError::Unprocessable {
        code: "upload_rejected",
        message: format!("The artifact was not stored: {e}"),
        field: None,
    })?;
    respond::ok(&StoredArtifact {
        key: key.to_owned(),
        size: object.map_or(0, |o| o.size()),
    })
}

/// `HEAD`-like check: `GET /api/admin/artifacts/{key}` answers the stored size, 404 if absent.
pub async fn head_artifact(req: Request, cx: Cx) -> ApiResult {
    require_admin(&req, cx.env())?;
    let key = cx.param("key");
    let object = cx.bucket()?.head(key).await?.ok_or(ApiError::NotFound)?;
    respond::ok(&StoredArtifact {
        key: key.to_owned(),
        size: object.size(),
    })
}
