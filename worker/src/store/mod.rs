//! D1 and R2 behind small store types: SQL lives here and nowhere else in the Worker.

pub mod accounts;
pub mod downloads;
pub mod installations;
pub mod orders;
pub mod releases;

use crate::error::ApiError;
use serde::de::DeserializeOwned;
use worker::{wasm_bindgen::JsValue, D1PreparedStatement, D1Result};

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

/// Binds parameters to a statement, mapping the error.
pub fn bind(
    stmt: D1PreparedStatement,
    params: &[JsValue],
) -> Result<D1PreparedStatement, ApiError> {
    stmt.bind(params)
        .map_err(|e| ApiError::Internal(format!("D1 bind: {e}")))
}
