//! The generation of the public content (`content_version`, migration 0006): raised by every
//! release import, publication or withdrawal; part of the key of every cached public answer.
//!
//! Every request reads it itself, after it arrived, so that no answer from before an import
//! follows the import. (Sharing one reading among the requests of an isolate would save reads,
//! but the Workers runtime does not let a request wait on another request's I/O: tried, the
//! waiting requests hung.)

use super::rows;
use crate::error::ApiError;
use serde::Deserialize;
use worker::D1Database;

#[derive(Deserialize)]
struct GenerationRow {
    generation: i64,
}

/// The generation of the release data now: one primary-key read, the only D1 statement of a
/// public answer served from the cache.
pub async fn generation(db: &D1Database) -> Result<i64, ApiError> {
    let result = db
        .prepare("SELECT generation FROM content_version WHERE id = 1")
        .all()
        .await?;
    Ok(rows::<GenerationRow>(&result)?
        .first()
        .map_or(0, |r| r.generation))
}
