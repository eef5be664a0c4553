//! `GET /api/releases` (api.md): the list envelope; `GET /api/releases/{version}` answers one
//! [`Release`] as the release model serialises it; `GET /api/releases/versions` the lean list
//! of [`ReleaseBrief`]s (no texts), which the release browser's selects, upgrade path,
//! neighbours and compatibility matrix need.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::releases::{Channel, Compatibility, Release, Version};

/// The answer of `GET /api/releases`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReleaseList {
    /// Matching releases, newest first.
    pub releases: Vec<Release>,
    /// How many matched.
    pub total: usize,
}

/// A release without its texts, notes and files: its version, date, channel and compatibility
/// record, as [`Release`] has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReleaseBrief {
    /// Its version.
    pub version: Version,
    /// Release date.
    #[serde(with = "crate::dates::serde_iso")]
    #[cfg_attr(feature = "schema", schemars(with = "NaiveDate"))]
    pub date: NaiveDate,
    /// Channel.
    pub channel: Channel,
    /// Compatibility record.
    pub compatibility: Compatibility,
}

impl From<&Release> for ReleaseBrief {
    fn from(r: &Release) -> Self {
        ReleaseBrief {
            version: r.version.clone(),
            date: r.date,
            channel: r.channel,
            compatibility: r.compatibility.clone(),
        }
    }
}

/// The answer of `GET /api/releases/versions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReleaseBriefList {
    /// The releases in the range, newest first.
    pub releases: Vec<ReleaseBrief>,
    /// How many there are.
    pub total: usize,
}
