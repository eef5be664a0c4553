//! The generation of the public content (`content_version`, migration 0010): raised by the
//! statement of [`bump`], which every batch that changes public release data (a publication, a
//! withdrawal, a restoration: `store::publishing`) ends with; part of the key of every cached
//! public answer, so such a change is in the next answer.
//!
//! An isolate keeps the generation it read for [`GENERATION_TTL_MS`], so a hot public read does
//! not touch D1; a batch with [`bump`] that this isolate ran makes it forget the value
//! ([`forget`]), so the isolate that publishes answers with the change at once. Another isolate
//! (or a write past the Worker, such as `wrangler d1 execute`) is seen within that second.
//! (Sharing one reading among concurrent requests instead would need a request to wait on
//! another request's I/O, which the Workers runtime does not allow: tried, the waiting requests
//! hung.)

use super::rows;
use crate::clock::Now;
use crate::error::ApiError;
use serde::Deserialize;
use std::cell::Cell;
use worker::{D1Database, D1PreparedStatement};

#[derive(Deserialize)]
struct GenerationRow {
    generation: i64,
}

/// How long an isolate answers with the generation it read.
pub const GENERATION_TTL_MS: u64 = 1_000;

thread_local! {
    /// The generation this isolate read last, and when (milliseconds since the epoch).
    static READ: Cell<Option<(i64, u64)>> = const { Cell::new(None) };
}

/// Whether a generation read at `read_at` may still be used at `now` (both in milliseconds).
fn still_fresh(read_at: u64, now: u64) -> bool {
    now >= read_at && now - read_at < GENERATION_TTL_MS
}

/// The generation of the release data: the one this isolate read less than a second ago, or
/// one primary-key read (the only D1 statement of a public answer served from the cache).
pub async fn generation(db: &D1Database, now: Now) -> Result<i64, ApiError> {
    let now = now.unix_millis();
    if let Some((generation, read_at)) = READ.get() {
        if still_fresh(read_at, now) {
            return Ok(generation);
        }
    }
    let result = db
        .prepare("SELECT generation FROM content_version WHERE id = 1")
        .all()
        .await?;
    let generation = rows::<GenerationRow>(&result)?
        .first()
        .map_or(0, |r| r.generation);
    READ.set(Some((generation, now)));
    Ok(generation)
}

/// Forgets the generation this isolate read: called after a batch with [`bump`] ran here.
pub fn forget() {
    READ.set(None);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generation_read_is_used_for_less_than_a_second() {
        assert!(still_fresh(1_000, 1_000));
        assert!(still_fresh(1_000, 1_999));
        assert!(!still_fresh(1_000, 2_000));
    }

    #[test]
    fn a_clock_that_went_back_reads_again() {
        assert!(!still_fresh(1_000, 999));
    }
}
