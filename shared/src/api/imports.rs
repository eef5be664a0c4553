//! `POST /api/admin/imports/customers` (api.md "Operating"): customers and installations from
//! the vendor's order data as CSV. The columns and their rules are `accounts::import`.

use serde::{Deserialize, Serialize};

/// What an import wrote: customers and installations created or changed, and rows that were
/// already stored exactly so.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImportReport {
    /// Customers created or changed.
    pub customers: usize,
    /// Installations created or changed.
    pub installations: usize,
    /// Rows whose customer and installation were stored exactly so already.
    pub unchanged: usize,
}

/// One rejected row of an import (422 `import_rejected`, in `rows`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RejectedRow {
    /// The line of the file (the header is line 1).
    pub row: usize,
    /// The column at fault.
    pub field: String,
    /// Why, in a sentence.
    pub message: String,
}

/// A file imported in parts (`POST /api/admin/imports`): its id, and until when it may be
/// completed (a day; unfinished imports are removed after that).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImportStarted {
    /// The import's id, for its parts, its commit and its removal.
    pub import_id: String,
    /// When it is removed unless committed (ISO 8601 UTC).
    pub expires_at: String,
}

/// A part staged (`POST /api/admin/imports/{id}/parts`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImportPartStaged {
    /// The rows of the part, staged (not yet written).
    pub staged: usize,
}

/// Applies an import in parts (`POST /api/admin/imports/{id}/commit`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportCommit {
    /// The rows of the whole file (without its header and blank lines): a part that did not
    /// arrive makes the commit fail instead of importing less.
    pub rows: usize,
}
