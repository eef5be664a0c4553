//! `GET /api/releases` (api.md): the list envelope; `GET /api/releases/{version}` answers one
//! [`Release`] as the release model serialises it.

use serde::{Deserialize, Serialize};

use crate::releases::Release;

/// The answer of `GET /api/releases`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReleaseList {
    /// Matching releases, newest first.
    pub releases: Vec<Release>,
    /// How many matched.
    pub total: usize,
}
