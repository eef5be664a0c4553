//! Release information in D1: filtered lists, one release, artifacts. The public reads see
//! only published releases (a withdrawn one is kept for the record, but hidden).

use super::{bind, opt, rows};
use crate::error::ApiError;
use serde::Deserialize;
use sma_shared::api::ReleaseBrief;
use sma_shared::releases::{
    Artifact, Category, Channel, Compatibility, Note, Page, Release, ReleaseFilter, Version,
};
use std::collections::HashMap;
use worker::{wasm_bindgen::JsValue, D1Database, D1PreparedStatement};

const MATCHING: &str = "SELECT r.version FROM releases r
 WHERE r.withdrawn_at IS NULL
   AND (?1 IS NULL OR r.channel = ?1)
   AND (?2 IS NULL OR r.sort_key > ?2)
   AND (?3 IS NULL OR r.sort_key <= ?3)
   AND (?4 IS NULL OR r.rowid IN (SELECT rowid FROM release_search WHERE release_search MATCH ?4))
   AND ((?5 IS NULL AND ?6 IS NULL) OR EXISTS (
        SELECT 1 FROM release_notes n WHERE n.version = r.version
          AND (?5 IS NULL OR n.category = ?5)
          AND (?6 IS NULL OR EXISTS (SELECT 1 FROM json_each(n.modules) WHERE value = ?6))))";

#[derive(Deserialize)]
struct ReleaseRow {
    version: String,
    date: String,
    channel: String,
    title: String,
    summary: String,
    highlights: String,
    compatibility: String,
}

#[derive(Deserialize)]
struct TotalRow {
    total: i64,
}

#[derive(Deserialize)]
struct NoteRow {
    version: String,
    category: String,
    text: String,
    modules: String,
    areas: String,
    breaking: i64,
    os_change: i64,
}

#[derive(Deserialize)]
struct ArtifactRow {
    id: String,
    version: String,
    name: String,
    platform: String,
    kind: String,
    size: i64,
    sha256: String,
}

/// The parameters of [`MATCHING`] for `filter`, its search text as an FTS5 query `q`.
fn matching_params(filter: &ReleaseFilter, q: Option<&str>) -> [JsValue; 6] {
    [
        opt(filter.channel.map(Channel::code)),
        opt(filter.since.as_ref().map(Version::sort_key).as_deref()),
        opt(filter.until.as_ref().map(Version::sort_key).as_deref()),
        opt(q),
        opt(filter.category.map(Category::code)),
        opt(filter.module.as_deref()),
    ]
}

/// Reads releases from D1.
pub struct ReleaseStore<'a> {
    db: &'a D1Database,
}

/// Turns free text into an FTS5 query: every word must appear (as a prefix); None if no word.
pub fn fts_query(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl<'a> ReleaseStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// Releases that pass the filter, newest first, with the notes that pass it.
    pub async fn list(&self, filter: &ReleaseFilter) -> Result<Vec<Release>, ApiError> {
        Ok(self.page(filter, Page::default()).await?.0)
    }

    /// One page of the releases that pass the filter, newest first, with the notes that pass
    /// it, and how many pass it in all.
    pub async fn page(
        &self,
        filter: &ReleaseFilter,
        page: Page,
    ) -> Result<(Vec<Release>, usize), ApiError> {
        let q = filter.q.as_deref().and_then(fts_query);
        if filter.q.is_some() && q.is_none() {
            return Ok((Vec::new(), 0));
        }
        let params = matching_params(filter, q.as_deref());
        let (mut releases, total) = if page.is_all() {
            self.load(MATCHING, &params, None).await?
        } else {
            let paged = format!("{MATCHING} ORDER BY r.sort_key DESC LIMIT ?7 OFFSET ?8");
            // D1 takes numbers as JavaScript numbers (not BigInt); -1 is SQLite's "no limit".
            let limit = page.limit.map_or(-1.0, f64::from);
            let mut all = params.to_vec();
            all.extend([
                JsValue::from_f64(limit),
                JsValue::from_f64(f64::from(page.offset)),
            ]);
            let count = format!("SELECT count(*) AS total FROM ({MATCHING})");
            let count = bind(self.db.prepare(count), &params)?;
            self.load(&paged, &all, Some(count)).await?
        };
        for r in &mut releases {
            r.notes.retain(|n| filter.note_matches(n));
        }
        Ok((releases, total))
    }

    /// The published releases that pass the filter (a range: `ReleaseFilter::parse_range`),
    /// newest first, without their texts, notes and files: one query.
    pub async fn briefs(&self, filter: &ReleaseFilter) -> Result<Vec<ReleaseBrief>, ApiError> {
        let params = matching_params(filter, None);
        let sql =
            format!("SELECT * FROM releases WHERE version IN ({MATCHING}) ORDER BY sort_key DESC");
        let result = bind(self.db.prepare(sql), &params)?.all().await?;
        rows::<ReleaseRow>(&result)?
            .into_iter()
            .map(|row| release_of(row, Vec::new(), Vec::new()).map(|r| ReleaseBrief::from(&r)))
            .collect()
    }

    /// One published release by version, all its notes.
    pub async fn get(&self, version: &Version) -> Result<Option<Release>, ApiError> {
        let one = "SELECT version FROM releases WHERE version = ?1 AND withdrawn_at IS NULL";
        Ok(self
            .load(one, &[JsValue::from(version.to_string())], None)
            .await?
            .0
            .pop())
    }

    /// One release by version, withdrawn or not (for the operator).
    pub async fn get_any(&self, version: &Version) -> Result<Option<Release>, ApiError> {
        let one = "SELECT version FROM releases WHERE version = ?1";
        Ok(self
            .load(one, &[JsValue::from(version.to_string())], None)
            .await?
            .0
            .pop())
    }

    /// Loads the releases whose versions `select_versions` yields, newest first, in one batch;
    /// with `count` (a statement answering `total`) in the same batch, also its total, else how
    /// many were loaded.
    async fn load(
        &self,
        select_versions: &str,
        params: &[JsValue],
        count: Option<D1PreparedStatement>,
    ) -> Result<(Vec<Release>, usize), ApiError> {
        let releases = format!(
            "SELECT * FROM releases WHERE version IN ({select_versions}) ORDER BY sort_key DESC"
        );
        let notes = format!("SELECT * FROM release_notes WHERE version IN ({select_versions}) ORDER BY version, position");
        let artifacts = format!(
            "SELECT * FROM artifacts WHERE version IN ({select_versions}) ORDER BY version, CASE kind WHEN 'installer' THEN 0 WHEN 'client' THEN 1 ELSE 2 END, id"
        );
        let mut batch = vec![
            bind(self.db.prepare(releases), params)?,
            bind(self.db.prepare(notes), params)?,
            bind(self.db.prepare(artifacts), params)?,
        ];
        let counted = count.is_some();
        batch.extend(count);
        let results = self.db.batch(batch).await?;
        let (r, n, a, total) = match &results[..] {
            [r, n, a] => (r, n, a, None),
            [r, n, a, c] if counted => (r, n, a, rows::<TotalRow>(c)?.first().map(|t| t.total)),
            _ => {
                return Err(ApiError::Internal(
                    "D1 batch returned the wrong number of results".into(),
                ))
            }
        };
        let mut notes: HashMap<String, Vec<Note>> = HashMap::new();
        for row in rows::<NoteRow>(n)? {
            let version = row.version.clone();
            notes.entry(version).or_default().push(note_of(row)?);
        }
        let mut artifacts: HashMap<String, Vec<Artifact>> = HashMap::new();
        for row in rows::<ArtifactRow>(a)? {
            artifacts
                .entry(row.version.clone())
                .or_default()
                .push(artifact_of(row));
        }
        let releases = rows::<ReleaseRow>(r)?
            .into_iter()
            .map(|row| {
                let notes = notes.remove(&row.version).unwrap_or_default();
                let artifacts = artifacts.remove(&row.version).unwrap_or_default();
                release_of(row, notes, artifacts)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let total = total.map_or(releases.len(), |t| usize::try_from(t).unwrap_or(0));
        Ok((releases, total))
    }
}

fn release_of(
    row: ReleaseRow,
    notes: Vec<Note>,
    artifacts: Vec<Artifact>,
) -> Result<Release, ApiError> {
    let subject = format!("stored release {}", row.version);
    let bad = |what: &str| ApiError::corrupt(&subject, format_args!("bad {what}"));
    Ok(Release {
        version: Version::parse(&row.version).map_err(|_| bad("version"))?,
        date: sma_shared::dates::parse_date(&row.date, "date").map_err(|_| bad("date"))?,
        channel: Channel::parse(&row.channel).ok_or_else(|| bad("channel"))?,
        highlights: serde_json::from_str(&row.highlights).map_err(|_| bad("highlights"))?,
        compatibility: serde_json::from_str::<Compatibility>(&row.compatibility)
            .map_err(|_| bad("compatibility"))?,
        title: row.title,
        summary: row.summary,
        notes,
        artifacts,
    })
}

fn note_of(row: NoteRow) -> Result<Note, ApiError> {
    let subject = format!("stored note of {}", row.version);
    let bad = |what: &str| ApiError::corrupt(&subject, format_args!("bad {what}"));
    Ok(Note {
        category: Category::parse(&row.category).ok_or_else(|| bad("category"))?,
        modules: serde_json::from_str(&row.modules).map_err(|_| bad("modules"))?,
        areas: serde_json::from_str(&row.areas).map_err(|_| bad("areas"))?,
        text: row.text,
        breaking: row.breaking != 0,
        os_change: row.os_change != 0,
    })
}

fn artifact_of(row: ArtifactRow) -> Artifact {
    Artifact {
        id: row.id,
        name: row.name,
        platform: row.platform,
        kind: row.kind,
        size: u64::try_from(row.size).unwrap_or(0),
        sha256: row.sha256,
    }
}
