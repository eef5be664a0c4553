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
