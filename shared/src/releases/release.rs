//! A release as the API returns it: channel, changelog notes by category and tag,
//! compatibility record and artifacts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::Version;

/// Declares a closed set of lower-case codes with parsing, listing and display.
macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
            /// The lower-case code.
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
            /// Parses the lower-case code.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($code => Some(Self::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

code_enum!(
    /// The release channel.
    Channel {
        /// Regular releases.
        Stable => "stable",
        /// Long-term support releases.
        Lts => "lts",
        /// Previews.
        Beta => "beta",
    }
);

code_enum!(
    /// The Keep a Changelog section of a note.
    Category {
        /// New features.
        Added => "added",
        /// Changes in existing behaviour.
        Changed => "changed",
        /// Bug fixes.
        Fixed => "fixed",
        /// Vulnerabilities fixed.
        Security => "security",
        /// Soon-to-be removed features.
        Deprecated => "deprecated",
        /// Removed features.
        Removed => "removed",
    }
);

/// Area tags a note may carry besides module SKUs.
pub const AREAS: &[&str] = &[
    "server",
    "recording",
    "codec",
    "os",
    "security",
    "mobile",
    "web",
    "api",
    "performance",
];

/// Module tags a note may carry (the price book's SKUs).
pub const MODULES: &[&str] = &[
    "camera",
    "client",
    "storage",
    "archive",
    "voip",
    "pos",
    "analytics",
];

/// One changelog entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "ReleaseNote"))]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Its section.
    pub category: Category,
    /// The text.
    pub text: String,
    /// Module SKUs it concerns.
    pub modules: Vec<String>,
    /// Areas it concerns.
    pub areas: Vec<String>,
    /// A breaking change.
    pub breaking: bool,
    /// The customer must change the operating system.
    pub os_change: bool,
}

/// What a release supports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Compatibility {
    /// Supported operating systems with service pack or update level.
    pub os: Vec<String>,
    /// Tested virus scanners.
    pub virus_scanners: Vec<String>,
    /// Camera firmware/driver pack.
    pub driver_pack: String,
    /// Oldest version that upgrades in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_server_version: Option<String>,
}

/// A downloadable file of a release (stored in R2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Artifact {
    /// Stable id (`6.1.2-server`).
    pub id: String,
    /// File name.
    pub name: String,
    /// Platform (`windows-x64`, `any`).
    pub platform: String,
    /// Kind (`installer`, `client`, `notes`).
    pub kind: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256, lower-case hex.
    pub sha256: String,
}

/// A release as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// Its version.
    pub version: Version,
    /// Release date.
    #[serde(with = "crate::dates::serde_iso")]
    #[cfg_attr(feature = "schema", schemars(with = "NaiveDate"))]
    pub date: NaiveDate,
    /// Channel.
    pub channel: Channel,
    /// Headline.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Highlights, shown first.
    pub highlights: Vec<String>,
    /// Changelog entries.
    pub notes: Vec<Note>,
    /// Compatibility record.
    pub compatibility: Compatibility,
    /// Downloadable files.
    pub artifacts: Vec<Artifact>,
}
