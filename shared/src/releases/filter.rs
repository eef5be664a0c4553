//! The filters of the release browser (`GET /api/releases` with `q`, `category`, `module`,
//! `channel`, `since`, `until`), validated.

use super::{Category, Channel, Note, Version, MODULES};

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
    /// 422 `invalid_page`: `limit` not 1 to [`Page::MAX_LIMIT`], or `offset` not 0 to
    /// [`Page::MAX_OFFSET`].
    #[error("`{value}` is not a whole number from {min} to {max} (in `{field}`).")]
    Page {
        /// `limit` or `offset`.
        field: &'static str,
        /// The text given.
        value: String,
        /// The least allowed.
        min: u32,
        /// The most allowed.
        max: u32,
    },
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
            Self::Page { .. } => "invalid_page",
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
            Self::Page { field, .. } => field,
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
        Ok(Self {
            q,
            category,
            module,
            ..Self::parse_range(channel, since, until)?
        })
    }

    /// The range filters alone (`channel`, `since`, `until`: what `GET /api/releases/versions`
    /// takes), validated as [`ReleaseFilter::parse`] validates them.
    pub fn parse_range(
        channel: Option<&str>,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Self, FilterError> {
        let channel = some(channel)
            .map(|c| Channel::parse(c).ok_or_else(|| FilterError::Channel(c.to_owned())))
            .transpose()?;
        Ok(Self {
            channel,
            since: parse_bound("since", some(since))?,
            until: parse_bound("until", some(until))?,
            ..Self::default()
        })
    }

    /// Whether a release of this version and channel lies in the channel and version range.
    pub fn in_range(&self, version: &Version, channel: Channel) -> bool {
        self.channel.is_none_or(|c| c == channel) && self.version_in_range(version)
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

/// A page of `GET /api/releases` (`limit`, `offset`): which of the matching releases, newest
/// first, the answer lists (`total` still counts them all). Without either, all of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Page {
    /// At most this many releases; all the rest when absent.
    pub limit: Option<u32>,
    /// Skip this many first.
    pub offset: u32,
}

impl Page {
    /// The largest page.
    pub const MAX_LIMIT: u32 = 100;
    /// The largest offset.
    pub const MAX_OFFSET: u32 = 100_000;

    /// Validates raw query values (empty values count as absent).
    pub fn parse(limit: Option<&str>, offset: Option<&str>) -> Result<Page, FilterError> {
        let number = |field: &'static str, value: Option<&str>, min: u32, max: u32| {
            some(value)
                .map(|v| {
                    v.parse::<u32>()
                        .ok()
                        .filter(|n| (min..=max).contains(n))
                        .ok_or_else(|| FilterError::Page {
                            field,
                            value: v.to_owned(),
                            min,
                            max,
                        })
                })
                .transpose()
        };
        Ok(Page {
            limit: number("limit", limit, 1, Self::MAX_LIMIT)?,
            offset: number("offset", offset, 0, Self::MAX_OFFSET)?.unwrap_or(0),
        })
    }

    /// Whether this is every release (no paging asked).
    pub fn is_all(&self) -> bool {
        self.limit.is_none() && self.offset == 0
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

    #[test]
    fn a_page_is_a_limit_of_1_to_100_and_an_offset_of_0_to_100000() {
        assert_eq!(Page::parse(None, None), Ok(Page::default()));
        assert!(Page::parse(None, Some(" ")).unwrap().is_all());
        let p = Page::parse(Some("10"), Some("20")).unwrap();
        assert_eq!((p.limit, p.offset), (Some(10), 20));
        assert!(!p.is_all());
        for (limit, offset, field) in [
            (Some("0"), None, "limit"),
            (Some("101"), None, "limit"),
            (Some("ten"), None, "limit"),
            (None, Some("-1"), "offset"),
            (None, Some("100001"), "offset"),
        ] {
            let e = Page::parse(limit, offset).unwrap_err();
            assert_eq!((e.code(), e.field()), ("invalid_page", field));
        }
    }

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
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
