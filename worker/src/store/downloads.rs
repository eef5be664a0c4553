//! What downloads read and write in D1: an artifact with its release date and R2 key, and the
//! audit entry of an issued link.

use super::bind;
use crate::error::ApiError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sma_shared::dates::parse_date;
use worker::{wasm_bindgen::JsValue, D1Database};

/// A downloadable file, with what entitlement and streaming need.
#[derive(Clone, Debug, Deserialize)]
pub struct ArtifactRow {
    /// Its id (`6.1.2-server`).
    pub id: String,
    /// The release's version.
    pub version: String,
    /// The release's date (YYYY-MM-DD): what entitlement is decided on.
    pub release_date: String,
    /// The file name.
    pub name: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256, lower-case hex.
    pub sha256: String,
    /// The object's key in R2 (`releases/<version>/<name>`).
    pub r2_key: String,
}

impl ArtifactRow {
    /// A 500 for a column of this row that is not of its stored form.
    pub fn corrupt(&self, what: impl std::fmt::Display) -> ApiError {
        ApiError::corrupt(format_args!("artifact {}", self.id), what)
    }

    /// The release's date: what entitlement is decided on.
    pub fn released(&self) -> Result<NaiveDate, ApiError> {
        parse_date(&self.release_date, "date").map_err(|e| self.corrupt(e))
    }

    /// The SHA-256 as bytes.
    pub fn digest(&self) -> Result<Vec<u8>, ApiError> {
        hex::decode(&self.sha256).map_err(|e| self.corrupt(e))
    }

    /// The size in bytes.
    pub fn bytes(&self) -> Result<u64, ApiError> {
        u64::try_from(self.size).map_err(|e| self.corrupt(e))
    }
}

/// What an issued link grants, as its audit entry records it (fields in the order of their
/// names, as the entries have always been written).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkGrant<'a> {
    /// The artifact.
    pub artifact_id: &'a str,
    /// When the link expires (ISO 8601 UTC, seconds).
    pub expires_at: &'a str,
    /// The key that signed it.
    pub key_id: &'a str,
    /// The release's version.
    pub version: &'a str,
}

/// The audit entry of an issued download link.
pub struct LinkAudit<'a> {
    /// When (ISO 8601 UTC).
    pub at: &'a str,
    /// Who (user id and email).
    pub actor: &'a str,
    /// The installation the link is for.
    pub installation_id: &'a str,
    /// What was granted.
    pub granted: LinkGrant<'a>,
}

/// Reads artifacts and records issued links.
pub struct DownloadStore<'a> {
    db: &'a D1Database,
}

impl<'a> DownloadStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// The artifact with this id and its release's date, if any and its release is not
    /// withdrawn.
    pub async fn artifact(&self, id: &str) -> Result<Option<ArtifactRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT a.id, a.version, r.date AS release_date, a.name, a.size, a.sha256, a.r2_key
                   FROM artifacts a JOIN releases r ON r.version = a.version
                  WHERE a.id = ?1 AND r.withdrawn_at IS NULL",
            ),
            &[JsValue::from(id)],
        )?;
        Ok(stmt.first::<ArtifactRow>(None).await?)
    }

    /// Writes the audit entry `download.link` of an issued link (subject
    /// `installation:{id}`).
    pub async fn record_link(&self, entry: &LinkAudit<'_>) -> Result<(), ApiError> {
        bind(
            self.db.prepare(
                "INSERT INTO audit_log (at, actor, action, subject, before, after)
                 VALUES (?1, ?2, 'download.link', ?3, NULL, ?4)",
            ),
            &[
                JsValue::from(entry.at),
                JsValue::from(entry.actor),
                JsValue::from(format!("installation:{}", entry.installation_id)),
                JsValue::from(serde_json::to_string(&entry.granted)?),
            ],
        )?
        .run()
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn artifact() -> ArtifactRow {
        ArtifactRow {
            id: "6.1.2-server".into(),
            version: "6.1.2".into(),
            release_date: "2026-10-15".into(),
            name: "sma-server-6.1.2.exe".into(),
            size: 31_457_280,
            sha256: "ab".repeat(32),
            r2_key: "releases/6.1.2/sma-server-6.1.2.exe".into(),
        }
    }

    #[test]
    fn an_artifact_row_gives_its_release_date_and_size() {
        let a = artifact();
        assert_eq!(
            a.released().unwrap(),
            NaiveDate::from_ymd_opt(2026, 10, 15).unwrap()
        );
        assert_eq!(a.bytes().unwrap(), 31_457_280);
        assert_eq!(a.digest().unwrap(), vec![0xab; 32]);
    }

    #[test]
    fn an_artifact_column_not_of_its_form_is_an_internal_error_naming_it() {
        let a = ArtifactRow {
            release_date: "15.10.2026".into(),
            size: -1,
            sha256: "not hex".into(),
            ..artifact()
        };
        let e = a.released().unwrap_err();
        assert_eq!(e.status(), 500);
        assert!(e
            .log_detail()
            .unwrap()
            .starts_with("artifact 6.1.2-server: "));
        assert_eq!(a.bytes().unwrap_err().status(), 500);
        assert_eq!(a.digest().unwrap_err().status(), 500);
    }

    #[test]
    fn a_link_grant_is_written_as_it_always_was() {
        let grant = LinkGrant {
            artifact_id: "6.1.2-server",
            expires_at: "2026-11-28T10:30:00Z",
            key_id: "k2",
            version: "6.1.2",
        };
        assert_eq!(
            serde_json::to_string(&grant).unwrap(),
            r#"{"artifact_id":"6.1.2-server","expires_at":"2026-11-28T10:30:00Z","key_id":"k2","version":"6.1.2"}"#
        );
    }
}
