//! The state of the release browser in the URL (`q`, `category`, `module`, `channel`, `since`,
//! `until`, `view`, `mine`) and the filter form that edits it.

use crate::{api, components::release_notes::category_label, i18n::use_lang};
use leptos::{leptos_dom::helpers::TimeoutHandle, prelude::*};
use leptos_router::{hooks::use_query_map, params::ParamsMap};
use sma_shared::releases::{Category, Channel, MODULES};
use std::time::Duration;

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
    pub fn from_map(map: &ParamsMap) -> Self {
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

/// The release browser's state, read from the URL.
pub fn use_release_query() -> Memo<ReleaseQuery> {
    let map = use_query_map();
    Memo::new(move |_| map.with(ReleaseQuery::from_map))
}

/// The localized name of a module SKU.
pub fn module_label(lang: crate::i18n::Lang, code: &str) -> &'static str {
    match code {
        "camera" => lang.t("Cameras and drivers", "Kameras und Treiber"),
        "client" => lang.t("Client", "Client"),
        "storage" => lang.t("Storage (NAS/SAN)", "Speicher (NAS/SAN)"),
        "archive" => lang.t("Archive", "Archiv"),
        "voip" => lang.t("VoIP and intercoms", "VoIP und Sprechanlagen"),
        "pos" => lang.t("POS (retail)", "Kassensysteme (POS)"),
        "analytics" => lang.t("Video analytics", "Videoanalyse"),
        _ => lang.t("Other", "Sonstiges"),
    }
}

/// The localized name of a channel.
pub fn channel_label(lang: crate::i18n::Lang, channel: Channel) -> &'static str {
    match channel {
        Channel::Stable => lang.t("Stable", "Stabil"),
        Channel::Lts => lang.t("LTS", "LTS"),
        Channel::Beta => lang.t("Beta", "Beta"),
    }
}

/// The filter form of the release browser. It shows the fields that apply to the view and
/// hands every change to `on_change` (the new state, and whether to replace the history entry).
#[component]
pub fn ReleaseFilters(
    /// The current state.
    query: Memo<ReleaseQuery>,
    /// Known versions, newest first (for the range selects).
    versions: Signal<Vec<String>>,
    /// Called with the new state and whether the history entry should be replaced.
    on_change: Callback<(ReleaseQuery, bool)>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let view = Memo::new(move |_| query.with(|q| q.view));

    // The search box keeps its own text while typing; the URL follows after a pause.
    let q_text = RwSignal::new(query.with_untracked(|q| q.q.clone()));
    let committed = StoredValue::new(query.with_untracked(|q| q.q.clone()));
    Effect::new(move |_| {
        let url_q = query.with(|q| q.q.clone());
        if url_q != committed.get_value() {
            committed.set_value(url_q.clone());
            q_text.set(url_q);
        }
    });
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let cancel_timer = move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(None);
    };
    // Typing refines the current search in place (one history entry per search, not per
    // pause); starting a search, and every submit, adds a history entry.
    let commit_search = move |typing: bool| {
        cancel_timer();
        let text = q_text.get_untracked().trim().to_owned();
        let current = query.get_untracked();
        if text != current.q {
            let replace = typing && !current.q.is_empty() && !text.is_empty();
            committed.set_value(text.clone());
            on_change.run((ReleaseQuery { q: text, ..current }, replace));
        }
    };
    on_cleanup(cancel_timer);

    let set_field = move |apply: fn(&mut ReleaseQuery, String), value: String| {
        let mut next = query.get_untracked();
        apply(&mut next, value);
        on_change.run((next, false));
    };

    let version_options = move |selected: fn(&ReleaseQuery) -> &String| {
        versions
            .get()
            .into_iter()
            .map(|v| {
                let is = v.clone();
                let label = v.clone();
                view! {
                    <option value=v prop:selected=move || query.with(|q| *selected(q) == is)>{label}</option>
                }
            })
            .collect_view()
    };

    let search_field = move || {
        (view.get() != ReleaseView::Compat).then(|| {
            view! {
                <div class="field rel-search">
                    <label for="rel-q">{move || t("Search the release notes", "Versionshinweise durchsuchen")}</label>
                    <div class="rel-search-box">
                        <input
                            id="rel-q"
                            type="search"
                            name="q"
                            maxlength="200"
                            autocomplete="off"
                            aria-describedby="rel-q-hint"
                            prop:value=move || q_text.get()
                            on:input=move |ev| {
                                q_text.set(event_target_value(&ev));
                                cancel_timer();
                                if let Ok(h) = set_timeout_with_handle(move || commit_search(true), Duration::from_millis(450)) {
                                    timer.set_value(Some(h));
                                }
                            }
                        />
                        <button type="submit">{move || t("Search", "Suchen")}</button>
                    </div>
                    <span id="rel-q-hint" class="hint">
                        {move || t("All words must appear; word beginnings match (e.g. “VoIP”, “H.265”, “Server 2025”).", "Alle Wörter müssen vorkommen; Wortanfänge genügen (z. B. „VoIP“, „H.265“, „Server 2025“).")}
                    </span>
                </div>
            }
        })
    };

    let content_fields = move || {
        (view.get() != ReleaseView::Compat).then(|| {
            view! {
                <div class="field">
                    <label for="rel-category">{move || t("Category", "Kategorie")}</label>
                    <select
                        id="rel-category"
                        name="category"
                        on:change=move |ev| set_field(|q, v| q.category = v, event_target_value(&ev))
                    >
                        <option value="" prop:selected=move || query.with(|q| q.category.is_empty())>{move || t("All categories", "Alle Kategorien")}</option>
                        {Category::ALL
                            .iter()
                            .map(|c| {
                                let c = *c;
                                view! {
                                    <option value=c.code() prop:selected=move || query.with(|q| q.category == c.code())>
                                        {move || category_label(lang.get(), c)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="rel-module">{move || t("Module", "Modul")}</label>
                    <select
                        id="rel-module"
                        name="module"
                        on:change=move |ev| set_field(|q, v| q.module = v, event_target_value(&ev))
                    >
                        <option value="" prop:selected=move || query.with(|q| q.module.is_empty())>{move || t("All modules", "Alle Module")}</option>
                        {MODULES
                            .iter()
                            .map(|m| {
                                let m = *m;
                                view! {
                                    <option value=m prop:selected=move || query.with(|q| q.module == m)>
                                        {move || module_label(lang.get(), m)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            }
        })
    };

    let range_fields = move || {
        (view.get() != ReleaseView::Mine).then(|| {
            view! {
                <div class="field">
                    <label for="rel-since">{move || t("Newer than", "Neuer als")}</label>
                    <select
                        id="rel-since"
                        name="since"
                        on:change=move |ev| set_field(|q, v| q.since = v, event_target_value(&ev))
                    >
                        <option value="" prop:selected=move || query.with(|q| q.since.is_empty())>{move || t("Any version", "Beliebige Version")}</option>
                        {move || version_options(|q| &q.since)}
                    </select>
                </div>
                <div class="field">
                    <label for="rel-until">{move || t("Up to and including", "Bis einschließlich")}</label>
                    <select
                        id="rel-until"
                        name="until"
                        on:change=move |ev| set_field(|q, v| q.until = v, event_target_value(&ev))
                    >
                        <option value="" prop:selected=move || query.with(|q| q.until.is_empty())>{move || t("Latest version", "Neueste Version")}</option>
                        {move || version_options(|q| &q.until)}
                    </select>
                </div>
            }
        })
    };

    view! {
        <form
            class="card rel-filters"
            role="search"
            aria-label=move || t("Filter releases", "Versionen filtern")
            on:submit=move |ev| {
                ev.prevent_default();
                commit_search(false);
            }
        >
            <h2 class="sr-only">{move || t("Filters", "Filter")}</h2>
            {search_field}
            <div class="row rel-filter-row">
                {content_fields}
                <div class="field">
                    <label for="rel-channel">{move || t("Channel", "Kanal")}</label>
                    <select
                        id="rel-channel"
                        name="channel"
                        on:change=move |ev| set_field(|q, v| q.channel = v, event_target_value(&ev))
                    >
                        <option value="" prop:selected=move || query.with(|q| q.channel.is_empty())>{move || t("All channels", "Alle Kanäle")}</option>
                        {Channel::ALL
                            .iter()
                            .map(|c| {
                                let c = *c;
                                view! {
                                    <option value=c.code() prop:selected=move || query.with(|q| q.channel == c.code())>
                                        {move || channel_label(lang.get(), c)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                {range_fields}
            </div>
            <Show when=move || query.with(ReleaseQuery::is_filtered)>
                <p class="rel-reset">
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            cancel_timer();
                            committed.set_value(String::new());
                            q_text.set(String::new());
                            on_change.run((query.get_untracked().cleared(), false));
                        }
                    >
                        {move || t("Clear filters", "Filter zurücksetzen")}
                    </button>
                </p>
            </Show>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
