//! The release browser's state in the URL (`model::ReleaseQuery`), and the filter form that
//! edits it.

use super::model::{version_options, ReleaseQuery, ReleaseView};
use crate::{i18n::use_lang, router::use_query, text::labels};
use leptos::{leptos_dom::helpers::TimeoutHandle, prelude::*};
use sma_shared::releases::{Category, Channel, MODULES};
use std::time::Duration;

/// The release browser's state, read from the URL.
pub fn use_release_query() -> Memo<ReleaseQuery> {
    let map = use_query();
    Memo::new(move |_| map.with(ReleaseQuery::from_map))
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

    // Every version, the current one selected: one string of HTML per select.
    let range_options = move |first: (&'static str, &'static str),
                              selected: fn(&ReleaseQuery) -> &String| {
        let first = t(first.0, first.1);
        versions.with(|all| {
            query.with(|q| version_options(first, all.iter().map(String::as_str), selected(q)))
        })
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
                                        {move || labels::category(lang.get(), c)}
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
                                        {move || labels::module(lang.get(), m)}
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
                        inner_html=move || range_options(("Any version", "Beliebige Version"), |q| &q.since)
                    ></select>
                </div>
                <div class="field">
                    <label for="rel-until">{move || t("Up to and including", "Bis einschließlich")}</label>
                    <select
                        id="rel-until"
                        name="until"
                        on:change=move |ev| set_field(|q, v| q.until = v, event_target_value(&ev))
                        inner_html=move || range_options(("Latest version", "Neueste Version"), |q| &q.until)
                    ></select>
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
                                        {move || labels::channel(lang.get(), c)}
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
