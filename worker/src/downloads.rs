//! `POST /api/downloads` issues a signed link to one artifact for one of the customer's
//! installations when its SMA covers the release (pricing.md section 7, decided by `shared`);
//! `GET`/`HEAD /dl/...` verifies such a link and streams the file from R2 without buffering it
//! (one `Range`, a strong ETag, the SHA-256 in headers). The link format, its MAC and the
//! range rules live in `sma_shared::links`.

use crate::auth::{check_same_origin, require_session};
use crate::error::{ApiError, ApiResult};
use crate::http::{ok_json, read_json, today};
use crate::installations::record;
use crate::store::downloads::{ArtifactRow, DownloadStore, LinkAudit};
use crate::store::installations::{InstallationRow, InstallationStore};
use base64::{engine::general_purpose::STANDARD, Engine as _};
use sma_shared::api::{DownloadLink, DownloadRequest};
use sma_shared::dates::parse_date;
use sma_shared::lifecycle::{entitlement, Coverage, Entitlement};
use sma_shared::links::{link_ttl, sign, verify, ByteRange, LinkClaims, LinkKeys};
use worker::{Bucket, D1Database, Env, Headers, Method, Range, Request, Response, ResponseBody};

/// `POST /api/downloads`: `{"url", "expires_at"}` of a link valid for
/// `DOWNLOAD_LINK_TTL_SECONDS` (at most an hour), with an audit entry; 404 for another
/// customer's installation or an unknown artifact, 403 `not_entitled` when not covered.
pub async fn issue(mut req: Request, env: &Env, db: D1Database) -> ApiResult {
    check_same_origin(&req)?;
    let session = require_session(&req, &db).await?;
    let ask: DownloadRequest = read_json(&mut req).await?;
    let installation = InstallationStore::new(&db)
        .get(&session.customer_id, &ask.installation_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let store = DownloadStore::new(&db);
    let artifact = store
        .artifact(&ask.artifact_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let decision = entitled(&installation, &artifact)?;
    if !decision.allowed() {
        return Err(ApiError::NotEntitled(format!(
            "Version {} is not covered for {}. {}",
            artifact.version,
            installation.name,
            decision.message()
        )));
    }
    let keys = link_keys(env)?;
    let ttl = link_ttl(
        env.var("DOWNLOAD_LINK_TTL_SECONDS")
            .ok()
            .map(|v| v.to_string())
            .as_deref(),
    );
    let claims = LinkClaims::get(&keys, &installation.id, &artifact.id, now_unix() + ttl);
    let path = sign(&claims, &keys).map_err(|e| ApiError::Internal(format!("link: {e}")))?;
    let expires_at = iso_seconds(claims.expires);
    let granted = serde_json::json!({
        "artifact_id": artifact.id, "version": artifact.version,
        "key_id": claims.key_id, "expires_at": expires_at,
    });
    store
        .record_link(&LinkAudit {
            at: &iso_millis(worker::Date::now().as_millis()),
            actor: &format!("{} <{}>", session.user_id, session.email),
            installation_id: &installation.id,
            after: &granted.to_string(),
        })
        .await?;
    let origin = req.url()?.origin().ascii_serialization();
    ok_json(&DownloadLink {
        url: format!("{origin}{path}"),
        expires_at,
    })
}

/// `GET` or `HEAD /dl/...`: the file of a valid link (200, or 206 for one satisfiable
/// `Range`, 416 otherwise); 403 `forbidden` with one generic reason for an altered, expired or
/// unknown-key link; 404 when the file is gone.
pub async fn serve(req: Request, env: &Env, db: D1Database, bucket: Bucket) -> ApiResult {
    let head = match req.method() {
        Method::Get => false,
        Method::Head => true,
        _ => return Err(ApiError::MethodNotAllowed),
    };
    let url = req.url()?;
    let link = url
        .query()
        .map_or_else(|| url.path().to_owned(), |q| format!("{}?{q}", url.path()));
    let claims = verify(&link, req.method().as_ref(), now_unix(), &link_keys(env)?)
        .map_err(|_| ApiError::LinkRefused)?;
    let artifact = DownloadStore::new(&db)
        .artifact(&claims.artifact_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let size = u64::try_from(artifact.size).map_err(|e| internal(&artifact, e))?;
    // The SHA-256 is the strongest validator there is: the ETag, known before R2 is asked.
    let etag = format!("\"{}\"", artifact.sha256);
    let range = ByteRange::parse(range_header(&req, &etag).as_deref(), size);
    if range == ByteRange::Unsatisfiable {
        return Err(ApiError::RangeNotSatisfiable { size });
    }
    let body = if head {
        bucket
            .head(&artifact.r2_key)
            .await?
            .ok_or(ApiError::NotFound)?;
        ResponseBody::Empty
    } else {
        stream(&bucket, &artifact, range, size).await?
    };
    let status = if range == ByteRange::Full { 200 } else { 206 };
    let headers = file_headers(&artifact, &etag, range, size)?;
    Ok(Response::from_body(body)?
        .with_status(status)
        .with_headers(headers))
}

/// The R2 body of the file (or of the range), handed to the runtime as a stream: no byte of it
/// passes through the Worker's memory.
async fn stream(
    bucket: &Bucket,
    artifact: &ArtifactRow,
    range: ByteRange,
    size: u64,
) -> Result<ResponseBody, ApiError> {
    let mut get = bucket.get(&artifact.r2_key);
    if let ByteRange::Partial { start, end } = range {
        get = get.range(Range::OffsetWithLength {
            offset: start,
            length: end - start + 1,
        });
    }
    let object = get.execute().await?.ok_or(ApiError::NotFound)?;
    if object.size() != size {
        return Err(internal(
            artifact,
            format!("R2 holds {} bytes", object.size()),
        ));
    }
    let body = object
        .body()
        .ok_or_else(|| internal(artifact, "R2 returned no body"))?;
    Ok(body.response_body()?)
}

/// The `Range` header, unless an `If-Range` names another version of the file.
fn range_header(req: &Request, etag: &str) -> Option<String> {
    let header = |name: &str| req.headers().get(name).ok().flatten();
    match header("if-range") {
        Some(v) if v.trim() != etag => None,
        _ => header("range"),
    }
}

fn file_headers(
    artifact: &ArtifactRow,
    etag: &str,
    range: ByteRange,
    size: u64,
) -> Result<Headers, ApiError> {
    let h = Headers::new();
    let kind = if artifact.name.ends_with(".pdf") {
        "application/pdf"
    } else {
        "application/octet-stream"
    };
    h.set("content-type", kind)?;
    h.set("content-length", &range.len(size).to_string())?;
    if let Some(content_range) = range.content_range(size) {
        h.set("content-range", &content_range)?;
    }
    h.set("accept-ranges", "bytes")?;
    h.set("etag", etag)?;
    h.set("content-disposition", &disposition(&artifact.name))?;
    h.set("x-checksum-sha256", &artifact.sha256)?;
    let digest = hex::decode(&artifact.sha256).map_err(|e| internal(artifact, e))?;
    h.set(
        "repr-digest",
        &format!("sha-256=:{}:", STANDARD.encode(digest)),
    )?;
    h.set("cache-control", "private, no-store")?;
    Ok(h)
}

/// `attachment; filename="..."` with the characters a file name needs kept and others
/// replaced by `_` (stored names are plain ASCII already).
fn disposition(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("attachment; filename=\"{safe}\"")
}

/// The entitlement of `installation` to the artifact's release, today.
fn entitled(
    installation: &InstallationRow,
    artifact: &ArtifactRow,
) -> Result<Entitlement, ApiError> {
    let today = today();
    let coverage = Coverage::of_record(record(installation, today)?.as_ref(), today);
    let day = |text: &str| parse_date(text, "date").map_err(|e| internal(artifact, e));
    Ok(entitlement(
        day(&artifact.release_date)?,
        day(&installation.licence_date)?,
        coverage,
    ))
}

/// The key ring from the secrets `LINK_KEYS` and `LINK_KEY_CURRENT` (a 500 when they are
/// missing or wrong; the reason is logged, never a key).
fn link_keys(env: &Env) -> Result<LinkKeys, ApiError> {
    let secret = |name: &str| {
        env.secret(name)
            .map(|s| s.to_string())
            .map_err(|_| ApiError::Internal(format!("the secret {name} is not set")))
    };
    LinkKeys::parse(&secret("LINK_KEYS")?, &secret("LINK_KEY_CURRENT")?)
        .map_err(|e| ApiError::Internal(e.to_string()))
}

fn internal(artifact: &ArtifactRow, what: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("artifact {}: {what}", artifact.id))
}

/// Now in Unix seconds, from the Worker's clock.
fn now_unix() -> u64 {
    worker::Date::now().as_millis() / 1000
}

/// Unix seconds as ISO 8601 UTC (`2026-11-28T10:15:00Z`).
fn iso_seconds(seconds: u64) -> String {
    chrono::DateTime::from_timestamp(i64::try_from(seconds).unwrap_or(0), 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Unix milliseconds as ISO 8601 UTC with milliseconds (how the audit log stores times).
fn iso_millis(millis: u64) -> String {
    chrono::DateTime::from_timestamp_millis(i64::try_from(millis).unwrap_or(0))
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
