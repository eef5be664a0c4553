//! Operator endpoints, behind the admin token: publishing release artifacts to R2.

use crate::{
    error::{ApiError, ApiResult},
    http::ok_json,
    security::require_admin,
};
use sma_shared::api::StoredArtifact;
use worker::{Bucket, Data, Env, Request};

/// `PUT /api/admin/artifacts/{key}`: streams the body into R2 under `key`; with an
/// `x-sha256` header R2 checks the bytes against it and refuses a mismatch.
/// (The one route exempt from the 64 KiB body limit: artifacts are large.)
pub async fn put_artifact(req: Request, env: &Env, bucket: Bucket, key: &str) -> ApiResult {
    require_admin(&req, env)?;
    if key.is_empty() || key.contains("..") || key.len() > 512 {
        return Err(ApiError::malformed("The artifact key is not valid."));
    }
    let body = req
        .inner()
        .body()
        .ok_or_else(|| ApiError::malformed("The upload needs a body."))?;
    let mut put = bucket.put(key, Data::ReadableStream(body));
    if let Some(sum) = req.headers().get("x-sha256")? {
        let bytes = hex::decode(sum.trim())
            .map_err(|_| ApiError::malformed("x-sha256 must be 64 hex digits."))?;
        put = put.sha256(bytes);
    }
    let object = put.execute().await.map_err(|e| ApiError::Unprocessable {
        code: "upload_rejected",
        message: format!("The artifact was not stored: {e}"),
        field: None,
    })?;
    let size = object.map_or(0, |o| o.size());
    ok_json(&StoredArtifact {
        key: key.to_owned(),
        size,
    })
}

/// `HEAD`-like check: `GET /api/admin/artifacts/{key}` answers the stored size, 404 if absent.
pub async fn head_artifact(req: Request, env: &Env, bucket: Bucket, key: &str) -> ApiResult {
    require_admin(&req, env)?;
    let object = bucket.head(key).await?.ok_or(ApiError::NotFound)?;
    ok_json(&StoredArtifact {
        key: key.to_owned(),
        size: object.size(),
    })
}
