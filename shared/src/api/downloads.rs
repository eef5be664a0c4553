//! Download links (api.md `POST /api/downloads`); the link itself is `GET /dl/...` (see
//! [`crate::links`]).

use serde::{Deserialize, Serialize};

/// `POST /api/downloads` body: one artifact for one of the customer's installations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DownloadRequest {
    /// The installation the download is for.
    pub installation_id: String,
    /// The artifact.
    pub artifact_id: String,
}

/// A signed download link: `{"url", "expires_at"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DownloadLink {
    /// The absolute URL of the file.
    pub url: String,
    /// When the link stops working (ISO 8601 UTC, whole seconds).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub expires_at: String,
}
