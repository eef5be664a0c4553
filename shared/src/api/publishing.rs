//! Publishing releases (api.md "Operating", admin token): an artifact's bytes into R2 at
//! `/api/admin/artifacts/{version}/{name}` (in one request, or in parts through `/uploads` and
//! `/complete`), then the release record at `PUT /api/admin/releases/{version}`, and its
//! withdrawal at `/api/admin/releases/{version}/withdrawal`. The checks a release must pass are
//! `releases::check_publishable`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::releases::{Channel, Release, Version};

/// What R2 holds under an artifact's key (`GET`, and the answer of a stored upload).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StoredArtifact {
    /// The R2 key, `releases/{version}/{name}`.
    pub key: String,
    /// The stored size in bytes.
    pub size: u64,
    /// The SHA-256 the bytes were checked against when stored (lower-case hex); `null` for an
    /// object stored without one.
    pub sha256: Option<String>,
}

/// `POST /api/admin/artifacts/{version}/{name}/uploads`: starts an upload in parts of a file of
/// `size` bytes whose SHA-256 is `sha256`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UploadStart {
    /// The whole file's SHA-256, 64 lower-case hex digits (checked when the upload completes).
    pub sha256: String,
    /// The whole file's size in bytes (checked when the upload completes).
    pub size: u64,
}

/// The answer of [`UploadStart`]: the id that every part and the completion name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UploadStarted {
    /// The R2 key the file will have.
    pub key: String,
    /// The upload's id (R2's), for the parts and the completion.
    pub upload_id: String,
    /// The smallest size of a part but the last (all parts but the last have one size).
    pub min_part_size: u64,
}

/// One stored part: the answer of `PUT .../uploads/{part}`, and what the completion lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UploadedPart {
    /// The part number, 1 to 10 000.
    pub part: u16,
    /// R2's ETag of the part.
    pub etag: String,
}

/// `POST /api/admin/artifacts/{version}/{name}/complete`: joins the parts into the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UploadComplete {
    /// The upload's id.
    pub upload_id: String,
    /// Every part, in order.
    pub parts: Vec<UploadedPart>,
}

/// `PUT /api/admin/releases/{version}`: the release as its file describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReleasePublish {
    /// The release; its version must be the path's, its artifacts stored in R2 already.
    pub release: Release,
    /// Only say what would change; write nothing (the artifacts need not be stored yet).
    #[serde(default)]
    pub dry_run: bool,
}

/// What publishing a release did (or, in a dry run, would do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PublishOutcome {
    /// It was not recorded before.
    Created,
    /// It was recorded with other contents.
    Updated,
    /// It was recorded exactly so: nothing changed.
    Unchanged,
}

/// The answer of `PUT /api/admin/releases/{version}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReleasePublished {
    /// The release.
    pub version: Version,
    /// What changed.
    pub outcome: PublishOutcome,
    /// Whether it is withdrawn (publishing again never brings a withdrawn release back).
    pub withdrawn: bool,
    /// Whether this was a dry run (nothing written).
    pub dry_run: bool,
}

/// `PUT /api/admin/releases/{version}/withdrawal`: why it is withdrawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WithdrawalRequest {
    /// The reason, 1–500 characters (kept with the release and in the audit log).
    pub reason: String,
}

/// When, by whom and why a release was withdrawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Withdrawal {
    /// When (ISO 8601 UTC).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub at: String,
    /// Who: `admin:<name>`.
    pub by: String,
    /// Why.
    pub reason: String,
}

/// A stored release as the operator sees it (withdrawn ones too).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StoredRelease {
    /// Its version.
    pub version: Version,
    /// Its date.
    pub date: NaiveDate,
    /// Its channel.
    pub channel: Channel,
    /// How many artifacts it has.
    pub artifacts: usize,
    /// Set while it is withdrawn.
    pub withdrawn: Option<Withdrawal>,
}

/// `GET /api/admin/releases`: every stored release, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StoredReleaseList {
    /// Newest first.
    pub releases: Vec<StoredRelease>,
}

/// The answer of withdrawing (`PUT`) or restoring (`DELETE`) a release.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WithdrawalState {
    /// The release.
    pub version: Version,
    /// Set while it is withdrawn.
    pub withdrawn: Option<Withdrawal>,
    /// Whether this request changed it (false when it was so already).
    pub changed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_publish_request_names_its_release_and_defaults_to_a_real_run() {
        let body = r#"{"release": {"version": "6.1.2", "date": "2027-04-20", "channel": "stable",
            "title": "T", "summary": "S", "highlights": [], "notes": [],
            "compatibility": {"os": [], "virus_scanners": [], "driver_pack": "DP"},
            "artifacts": []}}"#;
        let p: ReleasePublish = serde_json::from_str(body).unwrap();
        assert!(!p.dry_run);
        assert_eq!(p.release.version.to_string(), "6.1.2");
        let unknown = body.replace("\"notes\"", "\"price\": 1, \"notes\"");
        assert!(serde_json::from_str::<ReleasePublish>(&unknown).is_err());
    }

    #[test]
    fn an_outcome_is_written_as_its_code() {
        assert_eq!(
            serde_json::to_string(&PublishOutcome::Unchanged).unwrap(),
            r#""unchanged""#
        );
    }
}
