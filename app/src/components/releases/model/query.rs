//! The state of the release browser in the URL (`q`, `category`, `module`, `channel`, `since`,
//! `until`, `view`, `mine`): what each view asks the API, and the addresses of its pages.

use crate::api;
use crate::router::Query;
use sma_shared::{api::ReleaseList, releases::Version};

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
        let content = !(self.q.is_empty() && self.category.is_empty() && self.module.is_empty());
        let range = !(self.since.is_empty() && self.until.is_empty());
        match self.view {
            ReleaseView::Timeline => content || range || !self.channel.is_empty(),
            ReleaseView::Mine => content || !self.channel.is_empty() || !self.until.is_empty(),
            ReleaseView::Compat => range || !self.channel.is_empty(),
        }
    }

    /// The parameters of the two requests of the timeline: its first screen (the newest
    /// [`FIRST_SCREEN`] releases, shown as soon as they arrive) and the rest; None for the
    /// other views, which show their answer whole.
    pub fn timeline_pages(
        &self,
        params: &[(&'static str, String)],
    ) -> Option<[Vec<(&'static str, String)>; 2]> {
        (self.view == ReleaseView::Timeline).then(|| {
            let with = |k: &'static str| {
                let mut p = params.to_vec();
                p.push((k, FIRST_SCREEN.to_string()));
                p
            };
            [with("limit"), with("offset")]
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

/// Which releases of the unfiltered list a request of `GET /api/releases` with `params` asks
/// for (`offset`, and `limit` if any), when it filters nothing: such an answer is a window of
/// the list of every release, which the page loads anyway (its frame preloads it), and need not
/// be asked again. None when a parameter filters, or a page parameter is not a number.
pub fn unfiltered_window(params: &[(&'static str, String)]) -> Option<(usize, Option<usize>)> {
    let mut window = (0, None);
    for (key, value) in params {
        match *key {
            "offset" => window.0 = value.parse().ok()?,
            "limit" => window.1 = Some(value.parse().ok()?),
            _ if value.trim().is_empty() => {}
            _ => return None,
        }
    }
    Some(window)
}

/// The releases of `list` that a request for the window `(offset, limit)` answers, `total`
/// kept (it counts them all, as the API's page does).
pub fn window_of(list: ReleaseList, (offset, limit): (usize, Option<usize>)) -> ReleaseList {
    ReleaseList {
        releases: list
            .releases
            .into_iter()
            .skip(offset)
            .take(limit.unwrap_or(usize::MAX))
            .collect(),
        total: list.total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_unfiltered_timeline_is_a_window_of_every_release() {
        let q = ReleaseQuery::default();
        let [first, rest] = q.timeline_pages(&q.api_params().unwrap()).unwrap();
        assert_eq!(unfiltered_window(&first), Some((0, Some(FIRST_SCREEN))));
        assert_eq!(unfiltered_window(&rest), Some((FIRST_SCREEN, None)));
        assert_eq!(unfiltered_window(&[]), Some((0, None)));
        let search = ReleaseQuery {
            q: "voip".into(),
            ..Default::default()
        };
        assert_eq!(unfiltered_window(&search.api_params().unwrap()), None);
        assert_eq!(unfiltered_window(&[("limit", "x".into())]), None);
    }

    #[test]
    fn a_window_keeps_the_order_and_the_total() {
        let release = |v: &str| sma_shared::releases::Release {
            version: Version::parse(v).unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            channel: sma_shared::releases::Channel::Stable,
            title: String::new(),
            summary: String::new(),
            highlights: Vec::new(),
            notes: Vec::new(),
            compatibility: Default::default(),
            artifacts: Vec::new(),
        };
        let list = ReleaseList {
            releases: ["3.0.0", "2.0.0", "1.0.0"].map(release).to_vec(),
            total: 3,
        };
        let versions = |l: ReleaseList| {
            l.releases
                .iter()
                .map(|r| r.version.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            versions(window_of(list.clone(), (1, None))),
            ["2.0.0", "1.0.0"]
        );
        assert_eq!(
            versions(window_of(list.clone(), (0, Some(2)))),
            ["3.0.0", "2.0.0"]
        );
        assert_eq!(window_of(list, (5, Some(2))).total, 3);
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
