//! Release information: versions in semver order, channels, changelog categories and notes,
//! compatibility records, artifacts, and the filters of the release browser.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::{cmp::Ordering, fmt, str::FromStr};

/// A semantic version (`5.10.0`, `6.0.0-beta.1`), ordered as semver orders it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Version {
    /// Major number.
    pub major: u32,
    /// Minor number.
    pub minor: u32,
    /// Patch number.
    pub patch: u32,
    /// Pre-release identifiers (`["beta", "1"]`), empty for a final release.
    pub pre: Vec<String>,
}

/// Why a text is not a version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a version like 5.10.0 or 6.0.0-beta.1.")]
pub struct VersionError(pub String);

impl Version {
    /// Parses `MAJOR.MINOR.PATCH[-PRE]` (no leading zeros, no build metadata).
    pub fn parse(text: &str) -> Result<Self, VersionError> {
        let err = || VersionError(text.to_owned());
        let (core, pre) = match text.split_once('-') {
            Some((c, p)) => (c, Some(p)),
            None => (text, None),
        };
        let nums: Vec<u32> = core
            .split('.')
            .map(|n| {
                let ok = !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
                    && (n == "0" || !n.starts_with('0'));
                if ok {
                    n.parse().map_err(|_| err())
                } else {
                    Err(err())
                }
            })
            .collect::<Result<_, _>>()?;
        let [major, minor, patch] = nums[..] else {
            return Err(err());
        };
        let pre = match pre {
            None => Vec::new(),
            Some(p) => {
                let ids: Vec<String> = p.split('.').map(str::to_owned).collect();
                let valid =
                    |id: &String| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric());
                if !ids.iter().all(valid) {
                    return Err(err());
                }
                ids
            }
        };
        Ok(Self {
            major,
            minor,
            patch,
            pre,
        })
    }

    /// Whether this is a pre-release (beta).
    pub fn is_pre_release(&self) -> bool {
        !self.pre.is_empty()
    }

    /// A text that sorts like the version (for an SQL `ORDER BY`): numbers zero-padded, a final
    /// release after its pre-releases.
    pub fn sort_key(&self) -> String {
        let mut key = format!("{:06}.{:06}.{:06}", self.major, self.minor, self.patch);
        if self.pre.is_empty() {
            key.push('~');
        } else {
            for id in &self.pre {
                key.push('-');
                match id.parse::<u32>() {
                    Ok(n) => key.push_str(&format!("{n:06}")),
                    Err(_) => {
                        key.push('~');
                        key.push_str(id);
                    }
                }
            }
        }
        key
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => cmp_pre(&self.pre, &other.pre),
            })
    }
}

fn cmp_pre(a: &[String], b: &[String]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let ord = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            (Err(_), Err(_)) => x.cmp(y),
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    a.len().cmp(&b.len())
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(f, "-{}", self.pre.join("."))?;
        }
        Ok(())
    }
}

impl FromStr for Version {
    type Err = VersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for Version {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Declares a closed set of lower-case codes with parsing, listing and display.
macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
pub struct Release {
    /// Its version.
    pub version: Version,
    /// Release date.
    #[serde(with = "crate::dates::serde_iso")]
    pub date: NaiveDate,
    /// Channel.
    pub channel: Channel,
    /// Headline.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Highlights, shown first.
    #[serde(default)]
    pub highlights: Vec<String>,
    /// Changelog entries.
    pub notes: Vec<Note>,
    /// Compatibility record.
    pub compatibility: Compatibility,
    /// Downloadable files.
    pub artifacts: Vec<Artifact>,
}

/// The answer of `GET /api/releases`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseList {
    /// Matching releases, newest first.
    pub releases: Vec<Release>,
    /// How many matched.
    pub total: usize,
}

/// A bad filter value of the release browser (HTTP 422).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// 422 `invalid_category`.
    #[error("Unknown category `{0}`; use added, changed, fixed, security, deprecated or removed.")]
    Category(String),
    /// 422 `invalid_module`.
    #[error("Unknown module `{0}`; use camera, client, storage, archive, voip, pos or analytics.")]
    Module(String),
    /// 422 `invalid_channel`.
    #[error("Unknown channel `{0}`; use stable, lts or beta.")]
    Channel(String),
    /// 422 `invalid_version` for `since` or `until`.
    #[error("`{value}` is not a version like 5.10.0 (in `{field}`).")]
    Version {
        /// `since` or `until`.
        field: &'static str,
        /// The text given.
        value: String,
    },
    /// 422 `invalid_query`: search text too long.
    #[error("The search text is longer than 200 characters.")]
    Query,
}

impl FilterError {
    /// The error code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Category(_) => "invalid_category",
            Self::Module(_) => "invalid_module",
            Self::Channel(_) => "invalid_channel",
            Self::Version { .. } => "invalid_version",
            Self::Query => "invalid_query",
        }
    }
    /// The query parameter at fault.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Category(_) => "category",
            Self::Module(_) => "module",
            Self::Channel(_) => "channel",
            Self::Version { field, .. } => field,
            Self::Query => "q",
        }
    }
}

/// Filters of `GET /api/releases`, validated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseFilter {
    /// Full-text search.
    pub q: Option<String>,
    /// Only notes of this category.
    pub category: Option<Category>,
    /// Only notes of this module.
    pub module: Option<String>,
    /// Only this channel.
    pub channel: Option<Channel>,
    /// Only versions after this one (exclusive: "what's new since my version").
    pub since: Option<Version>,
    /// Only versions up to this one (inclusive).
    pub until: Option<Version>,
}

impl ReleaseFilter {
    /// Validates raw query values (empty values count as absent).
    pub fn parse(
        q: Option<&str>,
        category: Option<&str>,
        module: Option<&str>,
        channel: Option<&str>,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Self, FilterError> {
        let q = some(q).map(str::to_owned);
        if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
            return Err(FilterError::Query);
        }
        let category = some(category)
            .map(|c| Category::parse(c).ok_or_else(|| FilterError::Category(c.to_owned())))
            .transpose()?;
        let module = some(module)
            .map(|m| {
                if MODULES.contains(&m) {
                    Ok(m.to_owned())
                } else {
                    Err(FilterError::Module(m.to_owned()))
                }
            })
            .transpose()?;
        let channel = some(channel)
            .map(|c| Channel::parse(c).ok_or_else(|| FilterError::Channel(c.to_owned())))
            .transpose()?;
        let since = parse_bound("since", some(since))?;
        let until = parse_bound("until", some(until))?;
        Ok(Self {
            q,
            category,
            module,
            channel,
            since,
            until,
        })
    }

    /// Whether a release's version lies in the `since`/`until` range.
    pub fn version_in_range(&self, v: &Version) -> bool {
        self.since.as_ref().is_none_or(|s| v > s) && self.until.as_ref().is_none_or(|u| v <= u)
    }

    /// Whether a note passes the category and module filters.
    pub fn note_matches(&self, note: &Note) -> bool {
        self.category.is_none_or(|c| note.category == c)
            && self
                .module
                .as_ref()
                .is_none_or(|m| note.modules.iter().any(|x| x == m))
    }
}

fn some(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

fn parse_bound(field: &'static str, value: Option<&str>) -> Result<Option<Version>, FilterError> {
    value
        .map(|s| {
            Version::parse(s).map_err(|_| FilterError::Version {
                field,
                value: s.to_owned(),
            })
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn five_ten_comes_after_five_nine_two() {
        assert!(v("5.10.0") > v("5.9.2"));
        assert!(v("5.10.0").sort_key() > v("5.9.2").sort_key());
    }

    #[test]
    fn a_final_release_comes_after_its_betas() {
        assert!(v("6.0.0") > v("6.0.0-beta.1"));
        assert!(v("6.0.0-beta.2") > v("6.0.0-beta.1"));
        assert!(v("6.0.0-beta.10") > v("6.0.0-beta.2"));
        assert!(v("6.0.0").sort_key() > v("6.0.0-beta.1").sort_key());
        assert!(v("6.0.0-beta.10").sort_key() > v("6.0.0-beta.2").sort_key());
        assert!(v("6.0.0-beta.1") > v("5.10.0"));
    }

    #[test]
    fn sort_keys_order_like_versions() {
        let mut vs: Vec<Version> = [
            "5.9.2",
            "5.10.0",
            "6.0.0-beta.1",
            "5.0.0",
            "6.0.0",
            "6.0.0-rc.1",
            "6.0.0-beta.2",
            "10.0.0",
        ]
        .map(v)
        .to_vec();
        let mut by_key = vs.clone();
        vs.sort();
        by_key.sort_by_key(Version::sort_key);
        assert_eq!(vs, by_key);
    }

    #[test]
    fn non_versions_are_refused() {
        for bad in [
            "",
            "5",
            "5.1",
            "5.1.x",
            "05.1.0",
            "5.1.0-",
            "5.1.0-beta..1",
            "latest",
            "5.1.0.1",
        ] {
            assert!(Version::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(v("6.0.0-beta.1").to_string(), "6.0.0-beta.1");
    }

    #[test]
    fn filters_name_the_bad_value() {
        let e = ReleaseFilter::parse(None, Some("features"), None, None, None, None).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_category", "category"));
        let e = ReleaseFilter::parse(None, None, None, None, Some("five"), None).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_version", "since"));
        let f = ReleaseFilter::parse(
            Some(" voip "),
            Some(""),
            Some("voip"),
            Some("lts"),
            Some("5.9.2"),
            None,
        )
        .unwrap();
        assert_eq!(f.q.as_deref(), Some("voip"));
        assert_eq!(f.category, None);
        assert!(f.version_in_range(&v("5.10.0")));
        assert!(!f.version_in_range(&v("5.9.2")));
    }
}
