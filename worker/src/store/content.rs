//! The generation of the public content (`content_version`, migration 0010): raised by the
//! statement of [`bump`], which every batch that changes public release data (a publication, a
//! withdrawal, a restoration: `store::publishing`) ends with; part of the key of every cached
//! public answer, so such a change is in the next answer.
//!
//! Every request reads it itself, after it arrived, so that no answer from before a change
//! follows the change. (Sharing one reading among the requests of an isolate would save reads,
//! but the Workers runtime does not let a request wait on another request's I/O: tried, the
//! waiting requests hung.)

use super::rows;
use crate::error::ApiError;
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

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

/// The statement that raises the generation, to be appended to the D1 batch of every change to
/// public release data (so the change and the new generation are written together or not at
/// all).
pub fn bump(db: &D1Database) -> D1PreparedStatement {
    db.prepare(
        "INSERT INTO content_version (id, generation) VALUES (1, 1)
         ON CONFLICT(id) DO UPDATE SET generation = generation + 1",
    )
}
