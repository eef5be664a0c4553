//! The state of the release browser in the URL (`q`, `category`, `module`, `channel`, `since`,
//! `until`, `view`, `mine`): what each view asks the API, and the addresses of its pages.

use crate::api;
use crate::router::Query;
use sma_shared::{
    api::ReleaseBrief,
    releases::{FilterError, ReleaseFilter, Version},
};

/// Which presentation of the releases the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReleaseView {
    /// Every release, newest first (no `view` parameter).
    #[default]
    Timeline,
    /// Everything since the installed version (`view=mine`).
    Mine,
    /// The compatibility matrix (`view=compat`).
    Compat,
}

impl ReleaseView {
    /// The value of the `view` parameter (empty for the timeline).
    pub fn code(self) -> &'static str {
        match self {
            ReleaseView::Timeline => "",
            ReleaseView::Mine => "mine",
            ReleaseView::Compat => "compat",
        }
    }
}

/// The parameters of one request.
pub type Params = Vec<(&'static str, String)>;

/// The filter state of `/releases`, as the query string holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseQuery {
    /// The presentation.
    pub view: ReleaseView,
    /// Full-text search.
    pub q: String,
    /// Category code, empty for all.
    pub category: String,
    /// Module code, empty for all.
    pub module: String,
    /// Channel code, empty for all.
    pub channel: String,
    /// Only versions after this one (exclusive).
    pub since: String,
    /// Only versions up to this one (inclusive).
    pub until: String,
    /// The installed version ("what's new since my version").
    pub mine: String,
}

impl ReleaseQuery {
    /// Reads the state from the query parameters (trimmed; unknown views fall back).
    pub fn from_map(map: &Query) -> Self {
        let get = |k: &str| map.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
        let mine = get("mine");
        let view = match get("view").as_str() {
            "compat" => ReleaseView::Compat,
            "mine" => ReleaseView::Mine,
            "all" => ReleaseView::Timeline,
            _ if !mine.is_empty() => ReleaseView::Mine,
            _ => ReleaseView::Timeline,
        };
        ReleaseQuery {
            view,
            q: get("q"),
            category: get("category"),
            module: get("module"),
            channel: get("channel"),
            since: get("since"),
            until: get("until"),
            mine,
        }
    }

    /// The page address of this state (`/releases?view=mine&mine=5.9.2`).
    pub fn href(&self) -> String {
        // `mine` alone means the "since my version" view, so the timeline says itself then.
        let view = match self.view {
            ReleaseView::Timeline if !self.mine.is_empty() => "all",
            v => v.code(),
        };
        format!(
            "/releases{}",
            api::query_string(&[
                ("view", view),
                ("mine", &self.mine),
                ("q", &self.q),
                ("category", &self.category),
                ("module", &self.module),
                ("channel", &self.channel),
                ("since", &self.since),
                ("until", &self.until),
            ])
        )
    }

    /// The same state in another view.
    pub fn with_view(&self, view: ReleaseView) -> Self {
        ReleaseQuery {
            view,
            ..self.clone()
        }
    }

    /// The same view without any filter (keeps the installed version).
    pub fn cleared(&self) -> Self {
        ReleaseQuery {
            view: self.view,
            mine: self.mine.clone(),
            ..Default::default()
        }
    }

    /// Whether any filter of the current view is set.
    pub fn is_filtered(&self) -> bool {
        let content = self.filters_content();
        let range = !(self.since.is_empty() && self.until.is_empty());
        match self.view {
            ReleaseView::Timeline => content || range || !self.channel.is_empty(),
            ReleaseView::Mine => content || !self.channel.is_empty() || !self.until.is_empty(),
            ReleaseView::Compat => range || !self.channel.is_empty(),
        }
    }

    /// The parameters of the two requests of the timeline: its first screen (the newest
    /// [`FIRST_SCREEN`] releases, shown as soon as they arrive) and the rest of its [`PAGE`];
    /// None for the other views, which show their answer whole.
    pub fn timeline_pages(
        &self,
        params: &[(&'static str, String)],
    ) -> Option<[Vec<(&'static str, String)>; 2]> {
        (self.view == ReleaseView::Timeline).then(|| {
            let mut first = params.to_vec();
            first.push(("limit", FIRST_SCREEN.to_string()));
            let mut rest = params.to_vec();
            rest.push(("limit", (PAGE - FIRST_SCREEN).to_string()));
            rest.push(("offset", FIRST_SCREEN.to_string()));
            [first, rest]
        })
    }

    /// The parameters of `GET /api/releases` for this view; None when there is nothing to ask
    /// (the "since my version" view before a version is picked).
    pub fn api_params(&self) -> Option<Vec<(&'static str, String)>> {
        let p = |k: &'static str, v: &String| (k, v.clone());
        match self.view {
            ReleaseView::Timeline => Some(vec![
                p("q", &self.q),
                p("category", &self.category),
                p("module", &self.module),
                p("channel", &self.channel),
                p("since", &self.since),
                p("until", &self.until),
            ]),
            ReleaseView::Mine if self.mine.is_empty() => None,
            ReleaseView::Mine => Some(vec![
                p("q", &self.q),
                p("category", &self.category),
                p("module", &self.module),
                p("channel", &self.channel),
                p("since", &self.mine),
                p("until", &self.until),
            ]),
            ReleaseView::Compat => Some(vec![
                p("channel", &self.channel),
                p("since", &self.since),
                p("until", &self.until),
            ]),
        }
    }

    /// The compatibility view's releases: those of `briefs` (every release, newest first) in
    /// its range, read and filtered as the API reads and filters `channel`, `since` (exclusive)
    /// and `until` (inclusive) (`ReleaseFilter::parse_range`), with its error for a bad value.
    pub fn compat_releases(
        &self,
        briefs: &[ReleaseBrief],
    ) -> Result<Vec<ReleaseBrief>, FilterError> {
        let range =
            ReleaseFilter::parse_range(Some(&self.channel), Some(&self.since), Some(&self.until))?;
        Ok(briefs
            .iter()
            .filter(|r| range.in_range(&r.version, r.channel))
            .cloned()
            .collect())
    }

    /// The view's requests of `GET /api/releases`: the first (shown as soon as it is in) and
    /// a second: the timeline's releases after its first screen, or, for the "since my version"
    /// view when it filters the notes, every change in its range (its call-outs look at them
    /// all). None when there is nothing to ask, and for the compatibility view, which shows
    /// the releases without their texts.
    pub fn requests(&self) -> Option<(Params, Option<Params>)> {
        if self.view == ReleaseView::Compat {
            return None;
        }
        let params = self.api_params()?;
        Some(match self.timeline_pages(&params) {
            Some([first, rest]) => (first, Some(rest)),
            None => (params, self.callout_params()),
        })
    }

    /// The timeline's next page after one whose oldest release is `oldest`: the same filters up
    /// to the release below it among every release (`briefs`, newest first); None when there
    /// is none.
    pub fn older_page(&self, oldest: &Version, briefs: &[ReleaseBrief]) -> Option<ReleaseQuery> {
        let at = briefs.iter().position(|r| r.version == *oldest)?;
        Some(ReleaseQuery {
            until: briefs.get(at + 1)?.version.to_string(),
            ..self.clone()
        })
    }

    /// Whether a search, category or module is set (these filter the notes).
    fn filters_content(&self) -> bool {
        !(self.q.is_empty() && self.category.is_empty() && self.module.is_empty())
    }

    /// The parameters of the request for every change in the "since my version" view's range,
    /// whatever its content filters (its call-outs look at all of them); None when they are the
    /// view's own parameters (no content filter) or there is no range yet.
    pub fn callout_params(&self) -> Option<Vec<(&'static str, String)>> {
        (self.view == ReleaseView::Mine && !self.mine.is_empty() && self.filters_content()).then(
            || {
                vec![
                    ("channel", self.channel.clone()),
                    ("since", self.mine.clone()),
                    ("until", self.until.clone()),
                ]
            },
        )
    }

    /// The lower-case search words (what the server matches as word prefixes).
    pub fn words(&self) -> Vec<String> {
        search_words(&self.q)
    }
}

/// Splits search text into lower-case words as the full-text index does (at most 12).
pub fn search_words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(str::to_lowercase)
        .collect()
}

/// The link to a release's page.
pub fn release_href(v: &Version) -> String {
    format!("/releases/{v}")
}

/// How many releases the timeline's first answer lists: a phone's first screen and more.
pub const FIRST_SCREEN: usize = 8;

/// How many releases a page of the timeline lists (its first screen and the rest); older ones
/// are the next page's ([`ReleaseQuery::older_page`]).
pub const PAGE: usize = 50;

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::releases::Channel;

    #[test]
    fn the_timeline_asks_for_its_first_screen_and_then_the_rest() {
        let q = ReleaseQuery::default();
        let params = q.api_params().unwrap();
        let [first, rest] = q.timeline_pages(&params).unwrap();
        assert_eq!(first.last(), Some(&("limit", "8".to_owned())));
        assert_eq!(rest.last(), Some(&("offset", "8".to_owned())));
        assert_eq!(first.len(), params.len() + 1);
        let compat = q.with_view(ReleaseView::Compat);
        assert!(compat.timeline_pages(&params).is_none());
    }

    #[test]
    fn the_callouts_ask_for_the_whole_range_only_when_the_view_filters_its_content() {
        let mine = ReleaseQuery {
            view: ReleaseView::Mine,
            mine: "5.9.2".into(),
            channel: "stable".into(),
            ..Default::default()
        };
        assert_eq!(mine.callout_params(), None);
        let voip = ReleaseQuery {
            module: "voip".into(),
            ..mine.clone()
        };
        let p = voip.callout_params().unwrap();
        assert!(p.contains(&("since", "5.9.2".to_owned())));
        assert!(p.contains(&("channel", "stable".to_owned())));
        assert!(!p.iter().any(|(k, _)| *k == "module"));
        assert_eq!(voip.with_view(ReleaseView::Timeline).callout_params(), None);
    }

    #[test]
    fn the_compatibility_view_keeps_the_releases_of_its_range_as_the_api_does() {
        let brief = |v: &str, channel| ReleaseBrief {
            version: Version::parse(v).unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            channel,
            compatibility: Default::default(),
        };
        let briefs = [
            brief("6.0.0", Channel::Stable),
            brief("6.0.0-beta.1", Channel::Beta),
            brief("5.10.0", Channel::Stable),
            brief("5.9.2", Channel::Stable),
            brief("5.4.0", Channel::Lts),
        ];
        let of = |q: ReleaseQuery| {
            q.compat_releases(&briefs)
                .map(|l| l.iter().map(|r| r.version.to_string()).collect::<Vec<_>>())
        };
        let compat = ReleaseQuery {
            view: ReleaseView::Compat,
            ..Default::default()
        };
        assert_eq!(of(compat.clone()).unwrap().len(), 5);
        let range = ReleaseQuery {
            since: "5.9.2".into(),
            until: "6.0.0".into(),
            ..compat.clone()
        };
        assert_eq!(
            of(range.clone()).unwrap(),
            ["6.0.0", "6.0.0-beta.1", "5.10.0"]
        );
        let stable = ReleaseQuery {
            channel: "stable".into(),
            ..range
        };
        assert_eq!(of(stable).unwrap(), ["6.0.0", "5.10.0"]);
        let lts = ReleaseQuery {
            channel: "lts".into(),
            ..compat.clone()
        };
        assert_eq!(of(lts).unwrap(), ["5.4.0"]);
        let nightly = ReleaseQuery {
            channel: "nightly".into(),
            ..compat.clone()
        };
        assert_eq!(of(nightly), Err(FilterError::Channel("nightly".into())));
        let bad = ReleaseQuery {
            until: "5.1".into(),
            ..compat
        };
        assert_eq!(
            of(bad),
            Err(FilterError::Version {
                field: "until",
                value: "5.1".into()
            })
        );
    }

    #[test]
    fn each_view_asks_for_what_it_shows_first_and_then_the_rest() {
        let timeline = ReleaseQuery::default();
        let (first, rest) = timeline.requests().unwrap();
        let mut expected = timeline.api_params().unwrap();
        expected.push(("limit", FIRST_SCREEN.to_string()));
        assert_eq!(first, expected);
        let rest = rest.unwrap();
        assert_eq!(rest.last(), Some(&("offset", FIRST_SCREEN.to_string())));
        assert!(rest.contains(&("limit", (PAGE - FIRST_SCREEN).to_string())));
        let mine = ReleaseQuery {
            view: ReleaseView::Mine,
            mine: "5.9.2".into(),
            ..Default::default()
        };
        assert_eq!(mine.requests(), Some((mine.api_params().unwrap(), None)));
        let searched = ReleaseQuery {
            q: "voip".into(),
            ..mine.clone()
        };
        let (first, range) = searched.requests().unwrap();
        assert!(first.contains(&("q", "voip".to_owned())));
        assert_eq!(range, searched.callout_params());
        assert_eq!(mine.with_view(ReleaseView::Compat).requests(), None);
        assert_eq!(
            ReleaseQuery {
                mine: String::new(),
                ..mine
            }
            .requests(),
            None
        );
    }

    #[test]
    fn the_next_page_of_the_timeline_ends_below_its_oldest_release() {
        let brief = |v: &str| ReleaseBrief {
            version: Version::parse(v).unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            channel: Channel::Stable,
            compatibility: Default::default(),
        };
        let briefs = ["6.0.0", "5.10.0", "5.9.2"].map(brief);
        let voip = ReleaseQuery {
            q: "voip".into(),
            until: "6.0.0".into(),
            ..Default::default()
        };
        let next = voip
            .older_page(&Version::parse("5.10.0").unwrap(), &briefs)
            .unwrap();
        assert_eq!(
            next,
            ReleaseQuery {
                until: "5.9.2".into(),
                ..voip.clone()
            }
        );
        assert_eq!(
            voip.older_page(&Version::parse("5.9.2").unwrap(), &briefs),
            None
        );
        assert_eq!(
            voip.older_page(&Version::parse("4.0.0").unwrap(), &briefs),
            None
        );
    }

    #[test]
    fn words_split_like_the_index() {
        assert_eq!(search_words(" VoIP  H.265 "), vec!["voip", "h", "265"]);
        assert!(search_words(" -- ").is_empty());
    }

    #[test]
    fn params_follow_the_view() {
        let q = ReleaseQuery {
            view: ReleaseView::Mine,
            mine: "5.9.2".into(),
            since: "5.0.0".into(),
            module: "voip".into(),
            ..Default::default()
        };
        let p = q.api_params().unwrap();
        assert!(p.contains(&("since", "5.9.2".to_owned())));
        assert!(p.contains(&("module", "voip".to_owned())));
        let c = q.with_view(ReleaseView::Compat).api_params().unwrap();
        assert!(c.contains(&("since", "5.0.0".to_owned())));
        assert!(!c.iter().any(|(k, _)| *k == "module"));
        assert_eq!(
            ReleaseQuery {
                view: ReleaseView::Mine,
                ..Default::default()
            }
            .api_params(),
            None
        );
    }
}
