//! `POST /api/downloads` issues a signed link to one artifact for one of the customer's
//! installations when its SMA covers the release (pricing.md section 7, decided by `shared`);
//! `GET`/`HEAD /dl/...` verifies such a link and streams the file from R2 without buffering it
//! (one `Range`, a strong ETag, the SHA-256 in headers). The link format, its MAC and the
//! range rules live in `sma_shared::links`.

use crate::access::require_session;
use crate::clock::{iso_seconds, Now};
use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::{csrf::check_same_origin, request, respond};
use crate::store::downloads::{ArtifactRow, DownloadStore, LinkAudit, LinkGrant};
use crate::store::installations::InstallationStore;
use base64::{engine::general_purpose::STANDARD, Engine as _};
use sma_shared::api::{DownloadLink, DownloadRequest};
use sma_shared::lifecycle::entitlement;
use sma_shared::links::{link_ttl, sign, verify, ByteRange, LinkClaims, LinkKeys};
use worker::{Bucket, Env, Headers, Method, Range, Request, Response, ResponseBody};

/// `POST /api/downloads`: `{"url", "expires_at"}` of a link valid for
/// `DOWNLOAD_LINK_TTL_SECONDS` (at most an hour), with an audit entry; 404 for another
/// customer's installation or an unknown artifact, 403 `not_entitled` when not covered.
pub async fn issue(mut req: Request, cx: Cx) -> ApiResult {
    check_same_origin(&req)?;
    let db = cx.db()?;
    let session = require_session(&req, &db, cx.now()).await?;
    let ask: DownloadRequest = request::read_json(&mut req).await?;
    let installation = InstallationStore::new(&db)
        .get(&session.customer_id, &ask.installation_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let store = DownloadStore::new(&db);
    let artifact = store
        .artifact(&ask.artifact_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let decision = entitlement(
        artifact.released()?,
        installation.licence()?,
        installation.download_coverage(cx.today())?,
    );
    if !decision.allowed() {
        return Err(ApiError::NotEntitled(format!(
            "Version {} is not covered for {}. {}",
            artifact.version,
            installation.name,
            decision.message()
        )));
    }
    let (path, claims) = signed_link(cx.env(), &installation.id, &artifact.id, cx.now())?;
    let expires_at = iso_seconds(claims.expires);
    store
        .record_link(&LinkAudit {
            at: &cx.now().iso(),
            actor: &session.actor(),
            installation_id: &installation.id,
            granted: LinkGrant {
                artifact_id: &artifact.id,
                expires_at: &expires_at,
                key_id: &claims.key_id,
                version: &artifact.version,
            },
        })
        .await?;
    respond::ok(&DownloadLink {
        url: format!("{}{path}", request::origin(&req)?),
        expires_at,
    })
}

/// `GET` or `HEAD /dl/...`: the file of a valid link (200, or 206 for one satisfiable
/// `Range`, 416 otherwise); 403 `forbidden` with one generic reason for an altered, expired or
/// unknown-key link; 404 when the file is gone.
pub async fn serve(req: Request, cx: Cx) -> ApiResult {
    let head = match req.method() {
        Method::Get => false,
        Method::Head => true,
        _ => return Err(ApiError::MethodNotAllowed),
    };
    let (db, bucket) = (cx.db()?, cx.bucket()?);
    let url = req.url()?;
    let link = url
        .query()
        .map_or_else(|| url.path().to_owned(), |q| format!("{}?{q}", url.path()));
    let keys = link_keys(cx.env())?;
    let claims = verify(&link, req.method().as_ref(), cx.now().unix_seconds(), &keys)?;
    let artifact = DownloadStore::new(&db)
        .artifact(&claims.artifact_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let size = artifact.bytes()?;
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
        return Err(artifact.corrupt(format_args!("R2 holds {} bytes", object.size())));
    }
    let body = object
        .body()
        .ok_or_else(|| artifact.corrupt("R2 returned no body"))?;
    Ok(body.response_body()?)
}

/// The `Range` header, unless an `If-Range` names another version of the file.
fn range_header(req: &Request, etag: &str) -> Option<String> {
    match request::header(req, "if-range") {
        Some(v) if v.trim() != etag => None,
        _ => request::header(req, "range"),
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
    h.set(
        "repr-digest",
        &format!("sha-256=:{}:", STANDARD.encode(artifact.digest()?)),
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

/// A link to the artifact for the installation, signed with the current key, valid for
/// `DOWNLOAD_LINK_TTL_SECONDS` from `now`: its path and what it grants.
fn signed_link(
    env: &Env,
    installation_id: &str,
    artifact_id: &str,
    now: Now,
) -> Result<(String, LinkClaims), ApiError> {
    let keys = link_keys(env)?;
    let ttl = env
        .var("DOWNLOAD_LINK_TTL_SECONDS")
        .ok()
        .map(|v| v.to_string());
    let expires = now.unix_seconds() + link_ttl(ttl.as_deref());
    let claims = LinkClaims::get(&keys, installation_id, artifact_id, expires);
    Ok((sign(&claims, &keys)?, claims))
}

/// The key ring from the secrets `LINK_KEYS` and `LINK_KEY_CURRENT` (a 500 when they are
/// missing or wrong; the reason is logged, never a key).
fn link_keys(env: &Env) -> Result<LinkKeys, ApiError> {
    let secret = |name: &str| {
        env.secret(name)
            .map(|s| s.to_string())
            .map_err(|_| ApiError::Internal(format!("the secret {name} is not set")))
    };
    Ok(LinkKeys::parse(
        &secret("LINK_KEYS")?,
        &secret("LINK_KEY_CURRENT")?,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_download_keeps_a_plain_file_name_and_replaces_anything_else() {
        assert_eq!(
            disposition("sma-server_6.1.2+x64.exe"),
            "attachment; filename=\"sma-server_6.1.2+x64.exe\""
        );
        assert_eq!(
            disposition("a \"b\";\r\nc/ä.pdf"),
            "attachment; filename=\"a__b____c__.pdf\""
        );
    }
}
