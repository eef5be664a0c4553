//! The rate-limit counters of `shared::accounts::RateLimit`: one atomic upsert per attempt and
//! policy. D1 runs one statement at a time, so `INSERT … ON CONFLICT DO UPDATE … RETURNING`
//! counts every attempt exactly, also under concurrent requests.

use super::{bind, rows};
use crate::error::ApiError;
use serde::Deserialize;
use sma_shared::accounts::RateWindow;
use worker::{wasm_bindgen::JsValue, D1Database};

#[derive(Deserialize)]
struct CountRow {
    count: i64,
}

/// The counters.
pub struct LimitStore<'a> {
    db: &'a D1Database,
}

impl<'a> LimitStore<'a> {
    /// A store over this database.
    pub fn new(db: &'a D1Database) -> Self {
        Self { db }
    }

    /// Counts one attempt in each window (one batch) and answers the counts, this attempt
    /// included, in the order given.
    pub async fn hit(&self, windows: &[RateWindow]) -> Result<Vec<u32>, ApiError> {
        let statements = windows
            .iter()
            .map(|w| {
                bind(
                    self.db.prepare(
                        "INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
                         ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
                         RETURNING count",
                    ),
                    &[JsValue::from(w.key.as_str()), JsValue::from(w.start as f64)],
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let results = self.db.batch(statements).await?;
        results
            .iter()
            .map(|r| {
                let n = rows::<CountRow>(r)?.first().map_or(i64::MAX, |c| c.count);
                Ok(u32::try_from(n).unwrap_or(u32::MAX))
            })
            .collect()
    }

    /// Gives back one attempt in each window (one batch): an attempt that turned out not to
    /// count (a right password) after [`hit`](Self::hit) counted it.
    pub async fn refund(&self, windows: &[RateWindow]) -> Result<(), ApiError> {
        let statements = windows
            .iter()
            .map(|w| {
                bind(
                    self.db.prepare(
                        "UPDATE rate_limits SET count = count - 1
                         WHERE key = ?1 AND window_start = ?2 AND count > 0",
                    ),
                    &[JsValue::from(w.key.as_str()), JsValue::from(w.start as f64)],
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.db.batch(statements).await?;
        Ok(())
    }

    /// Deletes the windows that started before `before` (Unix seconds), by the index on
    /// `window_start` (migration 0007).
    pub async fn prune(&self, before: i64) -> Result<(), ApiError> {
        bind(
            self.db
                .prepare("DELETE FROM rate_limits WHERE window_start < ?1"),
            &[JsValue::from(before as f64)],
        )?
        .run()
        .await?;
        Ok(())
    }
}
