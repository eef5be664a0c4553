//! The Worker's operator endpoints as the publishing tool calls them ([`AdminApi`]), over HTTP
//! with the admin token ([`HttpApi`]). Files are streamed from disk, a part at a time.

use sma_shared::api::{
    ErrorBody, ReleasePublish, ReleasePublished, StoredArtifact, StoredRelease, StoredReleaseList,
    UploadComplete, UploadStart, UploadStarted, UploadedPart, WithdrawalRequest, WithdrawalState,
};
use sma_shared::releases::{Part, Release, Version};
use std::fmt;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::time::Duration;

/// Why a call failed: the Worker's refusal (status and error body), or the way there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError {
    /// An answer in the error shape.
    Refused {
        /// The HTTP status.
        status: u16,
        /// The error's code.
        code: String,
        /// Its sentence.
        message: String,
        /// The input at fault, if one is.
        field: Option<String>,
    },
    /// No answer (connection, TLS, timeout) or one that could not be read.
    Transport(String),
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Refused {
                status,
                code,
                message,
                field: Some(field),
            } => write!(f, "{status} {code} ({field}): {message}"),
            CallError::Refused {
                status,
                code,
                message,
                field: None,
            } => write!(f, "{status} {code}: {message}"),
            CallError::Transport(e) => write!(f, "{e}"),
        }
    }
}

/// A byte range of a local file.
#[derive(Debug, Clone, Copy)]
pub struct Bytes<'a> {
    /// The file.
    pub path: &'a Path,
    /// Where the range starts.
    pub offset: u64,
    /// How long it is.
    pub len: u64,
}

impl<'a> Bytes<'a> {
    /// The whole file of `len` bytes.
    pub fn whole(path: &'a Path, len: u64) -> Self {
        Bytes {
            path,
            offset: 0,
            len,
        }
    }

    /// One part of the file.
    pub fn part(path: &'a Path, part: Part) -> Self {
        Bytes {
            path,
            offset: part.offset,
            len: part.len,
        }
    }

    /// A reader of exactly this range.
    pub fn reader(&self) -> Result<impl Read, CallError> {
        let mut file = File::open(self.path)
            .map_err(|e| CallError::Transport(format!("{}: {e}", self.path.display())))?;
        file.seek(SeekFrom::Start(self.offset))
            .map_err(|e| CallError::Transport(format!("{}: {e}", self.path.display())))?;
        Ok(file.take(self.len))
    }
}

/// The operator endpoints the tool uses.
pub trait AdminApi {
    /// What is stored under an artifact's key, if anything.
    fn artifact(&self, version: &Version, name: &str) -> Result<Option<StoredArtifact>, CallError>;
    /// Stores a file in one request, checked against `sha256`.
    fn put_artifact(
        &self,
        version: &Version,
        name: &str,
        bytes: Bytes<'_>,
        sha256: &str,
    ) -> Result<StoredArtifact, CallError>;
    /// Starts an upload in parts; its id.
    fn start_upload(
        &self,
        version: &Version,
        name: &str,
        sha256: &str,
        size: u64,
    ) -> Result<String, CallError>;
    /// Stores one part.
    fn put_part(
        &self,
        version: &Version,
        name: &str,
        upload_id: &str,
        number: u16,
        bytes: Bytes<'_>,
    ) -> Result<UploadedPart, CallError>;
    /// Joins the parts (the Worker checks the whole file's SHA-256).
    fn complete(
        &self,
        version: &Version,
        name: &str,
        upload_id: &str,
        parts: Vec<UploadedPart>,
    ) -> Result<StoredArtifact, CallError>;
    /// Abandons an upload in parts.
    fn abort(&self, version: &Version, name: &str, upload_id: &str) -> Result<(), CallError>;
    /// Records a release (or says what would change).
    fn publish(&self, release: &Release, dry_run: bool) -> Result<ReleasePublished, CallError>;
    /// Every stored release.
    fn releases(&self) -> Result<Vec<StoredRelease>, CallError>;
    /// Withdraws a release.
    fn withdraw(&self, version: &Version, reason: &str) -> Result<WithdrawalState, CallError>;
    /// Publishes a withdrawn release again.
    fn restore(&self, version: &Version) -> Result<WithdrawalState, CallError>;
}

/// The Worker at `base` (e.g. `http://127.0.0.1:8787`), called with an admin token.
pub struct HttpApi {
    base: String,
    token: String,
    agent: ureq::Agent,
}

impl HttpApi {
    /// A client of the Worker at `base`.
    pub fn new(base: &str, token: String) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout_read(Duration::from_secs(600))
            .timeout_write(Duration::from_secs(600))
            .build();
        HttpApi {
            base: base.trim_end_matches('/').to_owned(),
            token,
            agent,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn request(&self, method: &str, path: &str) -> ureq::Request {
        self.agent
            .request(method, &self.url(path))
            .set("authorization", &format!("Bearer {}", self.token))
    }

    fn artifact_path(version: &Version, name: &str) -> String {
        format!("/api/admin/artifacts/{version}/{name}")
    }

    fn json<T: serde::de::DeserializeOwned>(
        answer: Result<ureq::Response, ureq::Error>,
    ) -> Result<T, CallError> {
        let response = answer.map_err(refusal)?;
        let text = response
            .into_string()
            .map_err(|e| CallError::Transport(format!("reading the answer: {e}")))?;
        serde_json::from_str(&text)
            .map_err(|e| CallError::Transport(format!("an answer of another form ({e}): {text}")))
    }

    fn send_json<B: serde::Serialize, T: serde::de::DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        body: &B,
    ) -> Result<T, CallError> {
        let text = serde_json::to_string(body).map_err(|e| CallError::Transport(e.to_string()))?;
        Self::json(
            self.request(method, path)
                .set("content-type", "application/json")
                .send_string(&text),
        )
    }

    /// Sends a file range as the body, retried twice when no answer came (the same bytes to
    /// the same address change nothing).
    fn send_bytes<T: serde::de::DeserializeOwned>(
        &self,
        request: impl Fn() -> ureq::Request,
        bytes: Bytes<'_>,
    ) -> Result<T, CallError> {
        let mut last = None;
        for _ in 0..3 {
            let answer = request()
                .set("content-type", "application/octet-stream")
                .set("content-length", &bytes.len.to_string())
                .send(bytes.reader()?);
            match Self::json(answer) {
                Err(CallError::Transport(e)) => last = Some(CallError::Transport(e)),
                other => return other,
            }
        }
        Err(last.unwrap_or_else(|| CallError::Transport("no answer".into())))
    }
}

/// A failed call as a [`CallError`]: an error body of the Worker, or the transport's reason.
fn refusal(e: ureq::Error) -> CallError {
    match e {
        ureq::Error::Status(status, response) => {
            let text = response.into_string().unwrap_or_default();
            match serde_json::from_str::<ErrorBody>(&text) {
                Ok(body) => CallError::Refused {
                    status,
                    code: body.error.code,
                    message: body.error.message,
                    field: body.error.field,
                },
                Err(_) => CallError::Refused {
                    status,
                    code: "unknown".into(),
                    message: text.chars().take(200).collect(),
                    field: None,
                },
            }
        }
        ureq::Error::Transport(t) => CallError::Transport(t.to_string()),
    }
}

impl AdminApi for HttpApi {
    fn artifact(&self, version: &Version, name: &str) -> Result<Option<StoredArtifact>, CallError> {
        match Self::json(
            self.request("GET", &Self::artifact_path(version, name))
                .call(),
        ) {
            Ok(stored) => Ok(Some(stored)),
            Err(CallError::Refused { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn put_artifact(
        &self,
        version: &Version,
        name: &str,
        bytes: Bytes<'_>,
        sha256: &str,
    ) -> Result<StoredArtifact, CallError> {
        let path = Self::artifact_path(version, name);
        self.send_bytes(|| self.request("PUT", &path).set("x-sha256", sha256), bytes)
    }

    fn start_upload(
        &self,
        version: &Version,
        name: &str,
        sha256: &str,
        size: u64,
    ) -> Result<String, CallError> {
        let path = format!("{}/uploads", Self::artifact_path(version, name));
        let started: UploadStarted = self.send_json(
            "POST",
            &path,
            &UploadStart {
                sha256: sha256.to_owned(),
                size,
            },
        )?;
        Ok(started.upload_id)
    }

    fn put_part(
        &self,
        version: &Version,
        name: &str,
        upload_id: &str,
        number: u16,
        bytes: Bytes<'_>,
    ) -> Result<UploadedPart, CallError> {
        let path = format!("{}/uploads/{number}", Self::artifact_path(version, name));
        self.send_bytes(
            || self.request("PUT", &path).query("upload_id", upload_id),
            bytes,
        )
    }

    fn complete(
        &self,
        version: &Version,
        name: &str,
        upload_id: &str,
        parts: Vec<UploadedPart>,
    ) -> Result<StoredArtifact, CallError> {
        let path = format!("{}/complete", Self::artifact_path(version, name));
        self.send_json(
            "POST",
            &path,
            &UploadComplete {
                upload_id: upload_id.to_owned(),
                parts,
            },
        )
    }

    fn abort(&self, version: &Version, name: &str, upload_id: &str) -> Result<(), CallError> {
        let path = format!("{}/uploads", Self::artifact_path(version, name));
        self.request("DELETE", &path)
            .query("upload_id", upload_id)
            .call()
            .map(|_| ())
            .map_err(refusal)
    }

    fn publish(&self, release: &Release, dry_run: bool) -> Result<ReleasePublished, CallError> {
        self.send_json(
            "PUT",
            &format!("/api/admin/releases/{}", release.version),
            &ReleasePublish {
                release: release.clone(),
                dry_run,
            },
        )
    }

    fn releases(&self) -> Result<Vec<StoredRelease>, CallError> {
        let list: StoredReleaseList =
            Self::json(self.request("GET", "/api/admin/releases").call())?;
        Ok(list.releases)
    }

    fn withdraw(&self, version: &Version, reason: &str) -> Result<WithdrawalState, CallError> {
        self.send_json(
            "PUT",
            &format!("/api/admin/releases/{version}/withdrawal"),
            &WithdrawalRequest {
                reason: reason.to_owned(),
            },
        )
    }

    fn restore(&self, version: &Version) -> Result<WithdrawalState, CallError> {
        Self::json(
            self.request(
                "DELETE",
                &format!("/api/admin/releases/{version}/withdrawal"),
            )
            .call(),
        )
    }
}
