//! What downloads read and write in D1: an artifact with its release date and R2 key, and the
//! audit entry of an issued link.

use super::bind;
use crate::error::ApiError;
use serde::Deserialize;
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

/// The audit entry of an issued download link.
pub struct LinkAudit<'a> {
    /// When (ISO 8601 UTC).
    pub at: &'a str,
    /// Who (user id and email).
    pub actor: &'a str,
    /// The installation the link is for.
    pub installation_id: &'a str,
    /// What was granted, as JSON.
    pub after: &'a str,
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

    /// The artifact with this id and its release's date, if any.
    pub async fn artifact(&self, id: &str) -> Result<Option<ArtifactRow>, ApiError> {
        let stmt = bind(
            self.db.prepare(
                "SELECT a.id, a.version, r.date AS release_date, a.name, a.size, a.sha256, a.r2_key
                   FROM artifacts a JOIN releases r ON r.version = a.version
                  WHERE a.id = ?1",
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
                JsValue::from(entry.after),
            ],
        )?
        .run()
        .await?;
        Ok(())
    }
}
