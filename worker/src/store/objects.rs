//! Release artifacts in R2: what is stored under a key (size and the SHA-256 its bytes were
//! checked against), storing a file once and never over other bytes, uploads in parts, and a
//! file's SHA-256 read back from R2.

use crate::error::ApiError;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use sma_shared::api::UploadedPart;
use std::collections::HashMap;
use worker::{Bucket, Conditional, Data};

/// The custom metadata that records the SHA-256 an object was checked against.
const SHA256: &str = "sha256";
/// The custom metadata of an upload in parts: the whole file's declared size.
const SIZE: &str = "size";

/// What R2 holds under a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredObject {
    /// Its size in bytes.
    pub size: u64,
    /// The SHA-256 (lower-case hex) its bytes were checked against, if any.
    pub sha256: Option<String>,
    /// The size an upload in parts declared, if it was one.
    pub declared_size: Option<u64>,
}

/// What storing a file did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// The bytes are stored; their size.
    Written(u64),
    /// Another upload stored an object under the key first (nothing written).
    Taken,
    /// The bytes did not have the declared SHA-256 (nothing written).
    Mismatch,
}

/// Whether an error of R2 says that the bytes did not match their checksum.
pub fn is_checksum_error(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("checksum") || t.contains("sha-256") || t.contains("sha256") || t.contains("digest")
}

/// Whether an error of R2 says that an upload in parts is unknown (completed, aborted or never
/// started).
pub fn is_unknown_upload(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("nosuchupload") || t.contains("upload does not exist") || t.contains("(10024)")
}

/// The artifact bucket.
pub struct ObjectStore {
    bucket: Bucket,
}

impl ObjectStore {
    /// A store over this bucket.
    pub fn new(bucket: Bucket) -> Self {
        Self { bucket }
    }

    /// What is stored under `key`, if anything.
    pub async fn head(&self, key: &str) -> Result<Option<StoredObject>, ApiError> {
        let Some(object) = self.bucket.head(key).await? else {
            return Ok(None);
        };
        let meta = object.custom_metadata().unwrap_or_default();
        let sha256 = meta
            .get(SHA256)
            .cloned()
            .or_else(|| object.checksum().sha256.map(hex::encode));
        Ok(Some(StoredObject {
            size: object.size(),
            sha256,
            declared_size: meta.get(SIZE).and_then(|s| s.parse().ok()),
        }))
    }

    /// Stores `body` under `key` unless an object is there already; R2 checks the bytes
    /// against `sha256` and refuses them when they differ.
    pub async fn put_new(&self, key: &str, body: Data, sha256: &str) -> Result<Stored, ApiError> {
        let digest = hex::decode(sha256).map_err(|e| ApiError::Internal(format!("sha256: {e}")))?;
        let put = self
            .bucket
            .put(key, body)
            .sha256(digest)
            .custom_metadata(HashMap::from([(SHA256.to_owned(), sha256.to_owned())]))
            .only_if(Conditional {
                etag_does_not_match: Some("*".into()),
                ..Conditional::default()
            })
            .execute()
            .await;
        match put {
            Ok(Some(object)) => Ok(Stored::Written(object.size())),
            Ok(None) => Ok(Stored::Taken),
            Err(e) if is_checksum_error(&e.to_string()) => Ok(Stored::Mismatch),
            Err(e) => Err(ApiError::Internal(format!("R2 put {key}: {e}"))),
        }
    }

    /// Starts an upload in parts of a file of `size` bytes whose SHA-256 is `sha256`; its id.
    pub async fn start_upload(
        &self,
        key: &str,
        sha256: &str,
        size: u64,
    ) -> Result<String, ApiError> {
        let upload = self
            .bucket
            .create_multipart_upload(key)
            .custom_metadata(HashMap::from([
                (SHA256.to_owned(), sha256.to_owned()),
                (SIZE.to_owned(), size.to_string()),
            ]))
            .execute()
            .await?;
        Ok(upload.upload_id().await)
    }

    /// Stores part `number` of an upload; `NotFound` for an unknown upload.
    pub async fn upload_part(
        &self,
        key: &str,
        upload_id: &str,
        number: u16,
        body: Data,
    ) -> Result<UploadedPart, ApiError> {
        let upload = self.bucket.resume_multipart_upload(key, upload_id)?;
        match upload.upload_part(number, body).await {
            Ok(part) => Ok(UploadedPart {
                part: part.part_number(),
                etag: part.etag(),
            }),
            Err(e) if is_unknown_upload(&e.to_string()) => Err(ApiError::NotFound),
            Err(e) => Err(ApiError::Internal(format!(
                "R2 part {number} of {key}: {e}"
            ))),
        }
    }

    /// Joins the parts into the object; its size. `NotFound` for an unknown upload; an R2
    /// refusal (a part too small, a wrong ETag) is a 422 `upload_rejected`.
    pub async fn complete_upload(
        &self,
        key: &str,
        upload_id: &str,
        parts: &[UploadedPart],
    ) -> Result<u64, ApiError> {
        let upload = self.bucket.resume_multipart_upload(key, upload_id)?;
        let parts = parts
            .iter()
            .map(|p| worker::UploadedPart::new(p.part, p.etag.clone()));
        match upload.complete(parts).await {
            Ok(object) => Ok(object.size()),
            Err(e) if is_unknown_upload(&e.to_string()) => Err(ApiError::NotFound),
            Err(e) => Err(ApiError::Unprocessable {
                code: "upload_rejected",
                message: format!("R2 did not join the parts: {e}"),
                field: Some("parts".into()),
            }),
        }
    }

    /// Abandons an upload in parts (its parts are deleted).
    pub async fn abort_upload(&self, key: &str, upload_id: &str) -> Result<(), ApiError> {
        let upload = self.bucket.resume_multipart_upload(key, upload_id)?;
        match upload.abort().await {
            Ok(()) => Ok(()),
            Err(e) if is_unknown_upload(&e.to_string()) => Err(ApiError::NotFound),
            Err(e) => Err(ApiError::Internal(format!("R2 abort {key}: {e}"))),
        }
    }

    /// The SHA-256 (lower-case hex) of the bytes stored under `key`, read back as a stream.
    pub async fn digest(&self, key: &str) -> Result<Option<String>, ApiError> {
        let Some(object) = self.bucket.get(key).execute().await? else {
            return Ok(None);
        };
        let body = object
            .body()
            .ok_or_else(|| ApiError::Internal(format!("R2 {key}: no body")))?;
        let mut stream = body.stream()?;
        let mut hasher = Sha256::new();
        while let Some(chunk) = stream.next().await {
            hasher.update(chunk?);
        }
        Ok(Some(hex::encode(hasher.finalize())))
    }

    /// Removes the object under `key`.
    pub async fn delete(&self, key: &str) -> Result<(), ApiError> {
        Ok(self.bucket.delete(key).await?)
    }

    /// Whether R2 answers (a listing of one key).
    pub async fn reachable(&self) -> Result<(), ApiError> {
        self.bucket.list().limit(1).execute().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_refusals_of_a_checksum_and_of_an_unknown_upload_are_told_apart() {
        assert!(is_checksum_error(
            "put: The SHA-256 checksum you specified did not match what we received."
        ));
        assert!(!is_checksum_error("Network connection lost."));
        assert!(is_unknown_upload(
            "uploadPart: The specified multipart upload does not exist. (10024)"
        ));
        assert!(!is_unknown_upload("completeMultipartUpload: Your proposed upload is smaller than the minimum allowed object size. (10011)"));
    }
}
