//! D1 behind small store types: SQL lives here and nowhere else in the Worker. Next to the
//! SQL, what rows mean as domain values (`state` for installations, `account_state` for
//! accounts), what a priced order writes (`writes`) and the batch of an accounts flow
//! (`batch`), so that routes only ask and answer.

pub mod account_state;
pub mod accounts;
pub mod audit;
pub mod batch;
pub mod content;
pub mod downloads;
#[cfg(test)]
pub mod fixtures;
pub mod imports;
pub mod installations;
pub mod legacy;
pub mod limits;
pub mod objects;
pub mod orders;
pub mod outbox;
pub mod publishing;
pub mod releases;
pub mod sales;
pub mod state;
pub mod tokens;
pub mod writes;

use crate::error::ApiError;
use serde::de::DeserializeOwned;
use worker::{wasm_bindgen::JsValue, D1Database, D1PreparedStatement, D1Result};

/// An optional text as a D1 parameter (NULL when absent).
pub fn opt(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from)
}

/// The rows of a D1 result as `T`.
pub fn rows<T: DeserializeOwned>(result: &D1Result) -> Result<Vec<T>, ApiError> {
    result
        .results::<T>()
        .map_err(|e| ApiError::Internal(format!("D1 rows: {e}")))
}

/// Two statements that make a D1 batch all-or-nothing on the statement before them: unless it
/// changed exactly one row, the CHECK of `batch_guard` fails and the whole batch rolls back.
pub fn require_one_change(db: &D1Database) -> [D1PreparedStatement; 2] {
    [
        db.prepare("INSERT INTO batch_guard (ok) VALUES (changes())"),
        db.prepare("DELETE FROM batch_guard"),
    ]
}

/// Runs a batch in one transaction; `Ok(None)` when a guard of [`require_one_change`] or a
/// once-only unique index refused it (nothing was written).
pub async fn run_guarded(
    db: &D1Database,
    statements: Vec<D1PreparedStatement>,
) -> Result<Option<Vec<D1Result>>, ApiError> {
    match db.batch(statements).await {
        Ok(results) => Ok(Some(results)),
        Err(e) => {
            let text = e.to_string();
            if text.contains("CHECK constraint failed") || text.contains("UNIQUE constraint failed")
            {
                Ok(None)
            } else {
                Err(ApiError::Internal(format!("D1 batch: {text}")))
            }
        }
    }
}

/// Whether D1 answers (a trivial query).
pub async fn reachable(db: &D1Database) -> Result<(), ApiError> {
    db.prepare("SELECT 1").run().await?;
    Ok(())
}

#[derive(serde::Deserialize)]
struct OutboxId {
    outbox_id: Option<i64>,
}

/// The ids of the outbox rows a batch wrote (its statements' `RETURNING id AS outbox_id`).
pub fn outbox_ids(results: &[D1Result]) -> Vec<i64> {
    results
        .iter()
        .filter_map(|r| rows::<OutboxId>(r).ok())
        .flatten()
        .filter_map(|o| o.outbox_id)
        .collect()
}

/// Binds parameters to a statement, mapping the error.
pub fn bind(
    stmt: D1PreparedStatement,
    params: &[JsValue],
) -> Result<D1PreparedStatement, ApiError> {
    stmt.bind(params)
        .map_err(|e| ApiError::Internal(format!("D1 bind: {e}")))
}
