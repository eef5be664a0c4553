//! Releases as the operator records them: one release with its notes, artifacts and search
//! row in one D1 batch with its audit entry, its withdrawal and restoration, and the list of
//! every stored release (withdrawn ones too). Each of these batches ends by raising the
//! content generation (`content::bump`), so the public answers cached before it are not served
//! after it.

use super::audit::{AuditRecord, AuditStore};
use super::content;
use super::{bind, rows};
use crate::error::ApiError;
use serde::{Deserialize, Serialize};
use sma_shared::api::{StoredRelease, Withdrawal};
use sma_shared::releases::{artifact_key, Channel, Release, Version};
use worker::{wasm_bindgen::JsValue, D1Database, D1PreparedStatement};

/// Rows per multi-row INSERT: 12 rows of 8 columns stay under D1's 100 bound values.
const ROWS_PER_INSERT: usize = 12;

#[derive(Deserialize)]
struct StateRow {
    version: String,
    date: String,
    channel: String,
    artifacts: i64,
    withdrawn_at: Option<String>,
    withdrawn_by: Option<String>,
    withdrawn_reason: Option<String>,
}

impl StateRow {
    fn withdrawal(&self) -> Option<Withdrawal> {
        Some(Withdrawal {
            at: self.withdrawn_at.clone()?,
            by: self.withdrawn_by.clone().unwrap_or_default(),
            reason: self.withdrawn_reason.clone().unwrap_or_default(),
        })
    }

    fn stored(self) -> Result<StoredRelease, ApiError> {
        let bad = |what: &str| ApiError::corrupt(format!("release {}", self.version), what);
        Ok(StoredRelease {
            withdrawn: self.withdrawal(),
            version: Version::parse(&self.version).map_err(|_| bad("bad version"))?,
            date: sma_shared::dates::parse_date(&self.date, "date").map_err(|_| bad("bad date"))?,
            channel: Channel::parse(&self.channel).ok_or_else(|| bad("bad channel"))?,
            artifacts: usize::try_from(self.artifacts).unwrap_or(0),
        })
    }
}

const STATE: &str = "SELECT r.version, r.date, r.channel, r.withdrawn_at, r.withdrawn_by,
        r.withdrawn_reason, (SELECT count(*) FROM artifacts a WHERE a.version = r.version) AS artifacts
   FROM releases r";

#[derive(Deserialize)]
struct OwnerRow {
    id: String,
    version: String,
}

/// What an audit entry records of a release: enough to tell two publications apart.
#[derive(Serialize)]
struct ReleaseSummary<'a> {
    date: String,
    channel: &'a str,
    title: &'a str,
    notes: usize,
    artifacts: Vec<ArtifactSummary<'a>>,
}

#[derive(Serialize)]
struct ArtifactSummary<'a> {
    id: &'a str,
    name: &'a str,
    size: u64,
    sha256: &'a str,
}

/// The JSON an audit entry records of `release`.
pub fn audit_summary(release: &Release) -> Result<String, ApiError> {
    Ok(serde_json::to_string(&ReleaseSummary {
        date: release.date.to_string(),
        channel: release.channel.code(),
        title: &release.title,
        notes: release.notes.len(),
        artifacts: release
            .artifacts
            .iter()
            .map(|a| ArtifactSummary {
                id: &a.id,
                name: &a.name,
                size: a.size,
                sha256: &a.sha256,
            })
            .collect(),
    })?)
}

/// Whether two releases have the same contents (artifacts in any order).
pub fn same_release(a: &Release, b: &Release) -> bool {
    let sorted = |r: &Release| {
        let mut r = r.clone();
        r.artifacts.sort_by(|x, y| x.id.cmp(&y.id));
        r
    };
    sorted(a) == sorted(b)
}

/// Records releases for the operator.
pub struct PublishStore<'a> {
    db: &'a D1Database,
}

impl<'a> PublishStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// The stored release of `version` as the operator sees it, if there is one.
    pub async fn state(&self, version: &Version) -> Result<Option<StoredRelease>, ApiError> {
        let stmt = bind(
            self.db.prepare(format!("{STATE} WHERE r.version = ?1")),
            &[JsValue::from(version.to_string())],
        )?;
        stmt.first::<StateRow>(None)
            .await?
            .map(StateRow::stored)
            .transpose()
    }

    /// Every stored release, newest first.
    pub async fn list(&self) -> Result<Vec<StoredRelease>, ApiError> {
        let stmt = self.db.prepare(format!("{STATE} ORDER BY r.sort_key DESC"));
        rows::<StateRow>(&stmt.all().await?)?
            .into_iter()
            .map(StateRow::stored)
            .collect()
    }

    /// The artifacts of `release` whose ids another release already has: `(id, version)`.
    pub async fn foreign_artifacts(
        &self,
        release: &Release,
    ) -> Result<Vec<(String, String)>, ApiError> {
        if release.artifacts.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (2..=release.artifacts.len() + 1)
            .map(|n| format!("?{n}"))
            .collect();
        let mut params = vec![JsValue::from(release.version.to_string())];
        params.extend(
            release
                .artifacts
                .iter()
                .map(|a| JsValue::from(a.id.as_str())),
        );
        let stmt = bind(
            self.db.prepare(format!(
                "SELECT id, version FROM artifacts WHERE version <> ?1 AND id IN ({})",
                marks.join(", ")
            )),
            &params,
        )?;
        Ok(rows::<OwnerRow>(&stmt.all().await?)?
            .into_iter()
            .map(|r| (r.id, r.version))
            .collect())
    }

    /// Writes `release` (replacing what is stored of its version, keeping a withdrawal) and
    /// its audit entry in one D1 batch, raising the content generation.
    pub async fn write(&self, release: &Release, audit: &AuditRecord<'_>) -> Result<(), ApiError> {
        let mut batch = self.release_statements(release)?;
        batch.push(AuditStore::new(self.db).insert(audit)?);
        batch.push(content::bump(self.db));
        self.db.batch(batch).await?;
        content::forget();
        Ok(())
    }

    fn release_statements(&self, r: &Release) -> Result<Vec<D1PreparedStatement>, ApiError> {
        let v = r.version.to_string();
        let json = |value: &dyn erased::Json| JsValue::from(value.to_json());
        let by_version = |sql: &str| bind(self.db.prepare(sql), &[JsValue::from(v.as_str())]);
        let mut out = vec![bind(
            self.db.prepare(
                "INSERT INTO releases (version, sort_key, date, channel, title, summary, highlights, compatibility)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(version) DO UPDATE SET sort_key = excluded.sort_key, date = excluded.date,
                   channel = excluded.channel, title = excluded.title, summary = excluded.summary,
                   highlights = excluded.highlights, compatibility = excluded.compatibility",
            ),
            &[
                JsValue::from(v.as_str()),
                JsValue::from(r.version.sort_key()),
                JsValue::from(r.date.to_string()),
                JsValue::from(r.channel.code()),
                JsValue::from(r.title.as_str()),
                JsValue::from(r.summary.as_str()),
                json(&r.highlights),
                json(&r.compatibility),
            ],
        )?];
        out.push(by_version("DELETE FROM release_notes WHERE version = ?1")?);
        let notes: Vec<Vec<JsValue>> = r
            .notes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                vec![
                    JsValue::from(v.as_str()),
                    JsValue::from(u32::try_from(i).unwrap_or(u32::MAX)),
                    JsValue::from(n.category.code()),
                    JsValue::from(n.text.as_str()),
                    json(&n.modules),
                    json(&n.areas),
                    JsValue::from(u8::from(n.breaking)),
                    JsValue::from(u8::from(n.os_change)),
                ]
            })
            .collect();
        out.extend(self.insert_rows(
            "release_notes (version, position, category, text, modules, areas, breaking, os_change)",
            &notes,
        )?);
        out.push(by_version("DELETE FROM artifacts WHERE version = ?1")?);
        let artifacts: Vec<Vec<JsValue>> = r
            .artifacts
            .iter()
            .map(|a| {
                vec![
                    JsValue::from(a.id.as_str()),
                    JsValue::from(v.as_str()),
                    JsValue::from(a.name.as_str()),
                    JsValue::from(a.platform.as_str()),
                    JsValue::from(a.kind.as_str()),
                    JsValue::from(a.size as f64),
                    JsValue::from(a.sha256.as_str()),
                    JsValue::from(artifact_key(&r.version, &a.name)),
                ]
            })
            .collect();
        out.extend(self.insert_rows(
            "artifacts (id, version, name, platform, kind, size, sha256, r2_key)",
            &artifacts,
        )?);
        out.push(by_version("DELETE FROM release_search WHERE version = ?1")?);
        let notes: Vec<&str> = r.notes.iter().map(|n| n.text.as_str()).collect();
        out.push(bind(
            self.db.prepare(
                "INSERT INTO release_search (rowid, version, title, summary, notes)
                 SELECT rowid, ?1, ?2, ?3, ?4 FROM releases WHERE version = ?1",
            ),
            &[
                JsValue::from(v.as_str()),
                JsValue::from(r.title.as_str()),
                JsValue::from(format!("{} {}", r.summary, r.highlights.join(" "))),
                JsValue::from(notes.join("\n")),
            ],
        )?);
        Ok(out)
    }

    /// Multi-row INSERTs of `rows` into `table (columns)`, [`ROWS_PER_INSERT`] rows each.
    fn insert_rows(
        &self,
        table: &str,
        rows: &[Vec<JsValue>],
    ) -> Result<Vec<D1PreparedStatement>, ApiError> {
        rows.chunks(ROWS_PER_INSERT)
            .map(|chunk| {
                let mut n = 0;
                let tuples: Vec<String> = chunk
                    .iter()
                    .map(|row| {
                        let marks: Vec<String> = row
                            .iter()
                            .map(|_| {
                                n += 1;
                                format!("?{n}")
                            })
                            .collect();
                        format!("({})", marks.join(", "))
                    })
                    .collect();
                let params: Vec<JsValue> = chunk.iter().flatten().cloned().collect();
                bind(
                    self.db
                        .prepare(format!("INSERT INTO {table} VALUES {}", tuples.join(", "))),
                    &params,
                )
            })
            .collect()
    }

    /// Withdraws (`Some`) or restores (`None`) the release of `version`, with the audit entry,
    /// in one D1 batch raising the content generation; whether it changed (false when it was so
    /// already: nothing written but the generation, which costs the cache one miss).
    pub async fn set_withdrawal(
        &self,
        version: &Version,
        withdrawal: Option<&Withdrawal>,
        audit: &AuditRecord<'_>,
    ) -> Result<bool, ApiError> {
        let v = JsValue::from(version.to_string());
        let update = match withdrawal {
            Some(w) => bind(
                self.db.prepare(
                    "UPDATE releases SET withdrawn_at = ?2, withdrawn_by = ?3, withdrawn_reason = ?4
                      WHERE version = ?1 AND withdrawn_at IS NULL",
                ),
                &[
                    v,
                    JsValue::from(w.at.as_str()),
                    JsValue::from(w.by.as_str()),
                    JsValue::from(w.reason.as_str()),
                ],
            )?,
            None => bind(
                self.db.prepare(
                    "UPDATE releases SET withdrawn_at = NULL, withdrawn_by = NULL, withdrawn_reason = NULL
                      WHERE version = ?1 AND withdrawn_at IS NOT NULL",
                ),
                &[v],
            )?,
        };
        let entry = AuditStore::new(self.db).insert_if_changed(audit)?;
        let results = self
            .db
            .batch(vec![update, entry, content::bump(self.db)])
            .await?;
        content::forget();
        let changes = results
            .first()
            .ok_or_else(|| ApiError::Internal("D1 batch returned no results".into()))?
            .meta()?
            .and_then(|m| m.changes)
            .unwrap_or(0);
        Ok(changes == 1)
    }
}

mod erased {
    /// Serializes any value to JSON text.
    pub trait Json {
        fn to_json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).unwrap_or_else(|_| "null".to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::releases::{Artifact, Compatibility};

    fn release() -> Release {
        let artifact = |id: &str| Artifact {
            id: id.into(),
            name: format!("{id}.exe"),
            platform: "windows-x64".into(),
            kind: "installer".into(),
            size: 10,
            sha256: "ab".repeat(32),
        };
        Release {
            version: Version::parse("6.1.2").unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2027, 4, 20).unwrap(),
            channel: Channel::Stable,
            title: "T".into(),
            summary: "S".into(),
            highlights: Vec::new(),
            notes: Vec::new(),
            compatibility: Compatibility::default(),
            artifacts: vec![artifact("a"), artifact("b")],
        }
    }

    #[test]
    fn the_order_of_artifacts_does_not_make_a_release_another() {
        let a = release();
        let mut b = release();
        b.artifacts.reverse();
        assert!(same_release(&a, &b));
        b.artifacts[0].sha256 = "cd".repeat(32);
        assert!(!same_release(&a, &b));
    }

    #[test]
    fn the_audit_summary_names_each_artifact_with_its_checksum() {
        let text = audit_summary(&release()).unwrap();
        assert!(text.starts_with(r#"{"date":"2027-04-20","channel":"stable","title":"T","notes":0,"artifacts":[{"id":"a","name":"a.exe","size":10,"sha256":"abab"#), "{text}");
    }
}
