//! Release artifacts in R2, for the operator (admin token): `GET`/`PUT
//! /api/admin/artifacts/{version}/{name}` in one request, or in parts (`POST .../uploads`, `PUT
//! .../uploads/{part}`, `POST .../complete`, `DELETE .../uploads`). Every file is checked
//! against its SHA-256 before it counts as stored, and an object is never replaced: other bytes
//! under a stored name are a 409 (a new file needs a new name). (These routes are exempt from
//! the 64 KiB limit: files are large; their JSON bodies are still limited.)

use crate::access::{require_admin, Admin};
use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::{request, respond};
use crate::store::audit::{AuditRecord, AuditStore};
use crate::store::objects::{ObjectStore, Stored, StoredObject};
use sma_shared::api::{StoredArtifact, UploadComplete, UploadStart, UploadStarted};
use sma_shared::releases::{
    artifact_key, file_name_problem, is_sha256_hex, Version, MAX_PARTS, MIN_PART_SIZE,
};
use worker::{Data, Request, Response};

/// `GET`: what is stored under the artifact's key; 404 when nothing is.
pub async fn get(req: Request, cx: Cx) -> ApiResult {
    require_admin(&req, cx.env())?;
    let key = key_of(&cx)?;
    let stored = objects(&cx)?.head(&key).await?.ok_or(ApiError::NotFound)?;
    respond::ok(&answer(key, &stored))
}

/// `PUT` with `x-sha256`: stores the body (201), or answers 200 when exactly these bytes are
/// stored already; other bytes under the name are a 409, a body that does not match its
/// SHA-256 a 422 `checksum_mismatch` (nothing stored).
pub async fn put(req: Request, cx: Cx) -> ApiResult {
    let admin = require_admin(&req, cx.env())?;
    let key = key_of(&cx)?;
    let sha256 = declared_sha256(&req)?;
    let length = declared_length(&req)?;
    let objects = objects(&cx)?;
    if let Some(stored) = objects.head(&key).await? {
        return same_or_conflict(&key, &stored, &sha256, length).and_then(|a| respond::ok(&a));
    }
    match objects.put_new(&key, body(&req)?, &sha256).await? {
        Stored::Written(size) => stored(&cx, &admin, key, size, sha256).await,
        Stored::Taken => Err(taken(&key)),
        Stored::Mismatch => Err(mismatch(&key)),
    }
}

/// `POST .../uploads` `{"sha256", "size"}`: starts an upload in parts (201); 409 when the name
/// is taken.
pub async fn start(mut req: Request, cx: Cx) -> ApiResult {
    require_admin(&req, cx.env())?;
    let key = key_of(&cx)?;
    let ask: UploadStart = request::read_json(&mut req).await?;
    if !is_sha256_hex(&ask.sha256) {
        return Err(bad_field(
            "sha256",
            "`sha256` is 64 lower-case hexadecimal digits.",
        ));
    }
    if ask.size == 0 || ask.size > MIN_PART_SIZE * MAX_PARTS {
        return Err(bad_field(
            "size",
            "`size` is the file's size in bytes, at least 1.",
        ));
    }
    let objects = objects(&cx)?;
    if objects.head(&key).await?.is_some() {
        return Err(taken(&key));
    }
    let upload_id = objects.start_upload(&key, &ask.sha256, ask.size).await?;
    respond::created(&UploadStarted {
        key,
        upload_id,
        min_part_size: MIN_PART_SIZE,
    })
}

/// `PUT .../uploads/{part}?upload_id=`: stores one part (all but the last of one size, at least
/// 5 MiB); 404 for an unknown upload.
pub async fn part(req: Request, cx: Cx) -> ApiResult {
    require_admin(&req, cx.env())?;
    let key = key_of(&cx)?;
    let number = cx
        .param("part")
        .parse::<u16>()
        .ok()
        .filter(|n| (1..=MAX_PARTS).contains(&u64::from(*n)))
        .ok_or_else(|| bad_field("part", "The part number is a whole number from 1 to 10000."))?;
    let upload_id = upload_id(&req)?;
    declared_length(&req)?;
    let part = objects(&cx)?
        .upload_part(&key, &upload_id, number, body(&req)?)
        .await?;
    respond::ok(&part)
}

/// `POST .../complete` `{"upload_id", "parts"}`: joins the parts, then reads the file back and
/// checks its size and SHA-256 against those the upload declared; a mismatch removes it again
/// (422 `checksum_mismatch`). 201 with the stored artifact.
pub async fn complete(mut req: Request, cx: Cx) -> ApiResult {
    let admin = require_admin(&req, cx.env())?;
    let key = key_of(&cx)?;
    let done: UploadComplete = request::read_json(&mut req).await?;
    let objects = objects(&cx)?;
    if objects.head(&key).await?.is_some() {
        objects.abort_upload(&key, &done.upload_id).await.ok();
        return Err(taken(&key));
    }
    let size = objects
        .complete_upload(&key, &done.upload_id, &done.parts)
        .await?;
    let declared = objects.head(&key).await?.ok_or(ApiError::NotFound)?;
    let sha256 = objects.digest(&key).await?;
    let expected = declared.sha256.clone();
    if sha256.is_none() || sha256 != expected || declared.declared_size != Some(size) {
        objects.delete(&key).await?;
        return Err(mismatch(&key));
    }
    stored(&cx, &admin, key, size, expected.unwrap_or_default()).await
}

/// `DELETE .../uploads?upload_id=`: abandons an upload in parts (204); 404 for an unknown one.
pub async fn abort(req: Request, cx: Cx) -> ApiResult {
    require_admin(&req, cx.env())?;
    let key = key_of(&cx)?;
    objects(&cx)?.abort_upload(&key, &upload_id(&req)?).await?;
    Ok(Response::empty()?.with_status(204))
}

/// The audit entry of a stored file, and the 201 answer.
async fn stored(cx: &Cx, admin: &Admin, key: String, size: u64, sha256: String) -> ApiResult {
    let after = serde_json::json!({"size": size, "sha256": sha256}).to_string();
    AuditStore::new(&cx.db()?)
        .record(&AuditRecord {
            at: &cx.now().iso(),
            actor: &admin.actor(),
            action: "artifact.store",
            subject: &format!("artifact:{key}"),
            before: None,
            after: Some(after),
        })
        .await?;
    respond::created(&StoredArtifact {
        key,
        size,
        sha256: Some(sha256),
    })
}

fn objects(cx: &Cx) -> Result<ObjectStore, ApiError> {
    Ok(ObjectStore::new(cx.bucket()?))
}

fn answer(key: String, stored: &StoredObject) -> StoredArtifact {
    StoredArtifact {
        key,
        size: stored.size,
        sha256: stored.sha256.clone(),
    }
}

/// The R2 key of the path's `{version}/{name}`; 400 naming the part that is not valid.
fn key_of(cx: &Cx) -> Result<String, ApiError> {
    let version = Version::parse(cx.param("version")).map_err(|_| {
        bad_field(
            "version",
            "The version in the path is not a version like 6.1.2.",
        )
    })?;
    let name = cx.param("name");
    if let Some(problem) = file_name_problem(name) {
        return Err(bad_field(
            "name",
            &format!("The file name in the path is not valid: {problem}."),
        ));
    }
    Ok(artifact_key(&version, name))
}

/// Exactly these bytes stored already: the stored artifact; other bytes: 409.
fn same_or_conflict(
    key: &str,
    stored: &StoredObject,
    sha256: &str,
    length: u64,
) -> Result<StoredArtifact, ApiError> {
    if stored.sha256.as_deref() == Some(sha256) && stored.size == length {
        Ok(answer(key.to_owned(), stored))
    } else {
        Err(taken(key))
    }
}

fn taken(key: &str) -> ApiError {
    ApiError::Conflict(format!(
        "{key} is stored already with other bytes; a stored artifact is never replaced. Publish the new file under a new file name."
    ))
}

fn mismatch(key: &str) -> ApiError {
    ApiError::Unprocessable {
        code: "checksum_mismatch",
        message: format!(
            "The bytes sent for {key} do not have the declared SHA-256; nothing was stored."
        ),
        field: Some("x-sha256".into()),
    }
}

fn bad_field(field: &str, message: &str) -> ApiError {
    ApiError::Malformed {
        message: message.to_owned(),
        field: Some(field.to_owned()),
    }
}

/// The required `x-sha256` header, lower-cased.
fn declared_sha256(req: &Request) -> Result<String, ApiError> {
    request::header(req, "x-sha256")
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| is_sha256_hex(v))
        .ok_or_else(|| {
            bad_field(
                "x-sha256",
                "An upload needs the header x-sha256 with the file's SHA-256 (64 hexadecimal digits).",
            )
        })
}

/// The required `Content-Length` (R2 stores only bodies of a known length).
fn declared_length(req: &Request) -> Result<u64, ApiError> {
    request::header(req, "content-length")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            bad_field(
                "Content-Length",
                "An upload needs a body with a Content-Length (chunked bodies are not stored).",
            )
        })
}

/// The required `upload_id` query parameter.
fn upload_id(req: &Request) -> Result<String, ApiError> {
    request::query_value(req, "upload_id")?
        .filter(|v| !v.is_empty() && v.len() <= 1024)
        .ok_or_else(|| {
            bad_field(
                "upload_id",
                "The query needs the upload_id of the upload in parts.",
            )
        })
}

/// The request's body as a stream for R2.
fn body(req: &Request) -> Result<Data, ApiError> {
    req.inner()
        .body()
        .map(Data::ReadableStream)
        .ok_or_else(|| ApiError::malformed("The upload needs a body."))
}
