//! `/releases`: the release browser. Three views of the same filterable data, all state in the
//! query string: the timeline, "what's new since my version", and the compatibility matrix.

use crate::{
    api::{self, ApiError},
    components::releases::{
        compat::ReleaseCompat,
        filters::{use_release_query, ReleaseFilters},
        model::{
            matching_notes, since_counts, unfiltered_window, window_of, ReleaseQuery, ReleaseView,
        },
        since::{MinePicker, ReleaseSince},
        timeline::ReleaseTimeline,
    },
    hooks::use_document_title,
    i18n::use_lang,
    resource::Loaded,
    router::{use_navigate, Navigate},
    text::releases as text,
};
use leptos::prelude::*;
use sma_shared::api::ReleaseList;
use std::sync::Arc;

type Answer = Option<Result<ReleaseList, ApiError>>;
type Rest = (Vec<(&'static str, String)>, Result<ReleaseList, ApiError>);

/// The answer of `GET /api/releases` with these parameters: a window of `all` (every release,
/// which the page loads first) when they filter nothing, else asked.
async fn fetch(
    params: Vec<(&'static str, String)>,
    all: Loaded<Result<ReleaseList, ApiError>>,
) -> Result<ReleaseList, ApiError> {
    if let Some(window) = unfiltered_window(&params) {
        if let Ok(list) = all.await {
            return Ok(window_of(list, window));
        }
    }
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    api::releases(&pairs).await
}

/// The release information page.
#[component]
pub fn ReleasesPage() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let query = use_release_query();
    let navigate = use_navigate();
    let on_change = Callback::new(move |(next, replace): (ReleaseQuery, bool)| {
        navigate(
            &next.href(),
            Navigate {
                replace,
                scroll: false,
            },
        );
    });
    use_document_title(move || format!("{} · SMA Portal", lang.get().t("Releases", "Versionen")));

    // Every release: the known versions for the selects, and the data of the call-outs.
    let all = Loaded::query(|| api::releases(&[]));
    let versions = Memo::new(move |_| {
        all.with(|a| match a {
            Some(Ok(list)) => list
                .releases
                .iter()
                .map(|r| r.version.to_string())
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    });

    // What the current view asks the API: the timeline asks for its first screen, then the
    // rest, so that the first cards show as soon as their small answer is in.
    let params = Memo::new(move |_| query.with(ReleaseQuery::api_params));
    let pages = Memo::new(move |_| {
        let p = params.get()?;
        let pages = query.with(|q| q.timeline_pages(&p));
        Some(match pages {
            Some([first, rest]) => (first, Some(rest)),
            None => (p, None),
        })
    });
    let results: Loaded<Answer> = Loaded::new(move || {
        let first = pages.get().map(|(first, _)| first);
        async move { Some(fetch(first?, all).await) }
    });
    // The rest, with the parameters it answers (the status counts it only when it is the
    // current query's).
    let rest: Loaded<Option<Rest>> = Loaded::new(move || {
        let rest = pages.get().and_then(|(_, rest)| rest);
        async move {
            let params = rest?;
            let answer = fetch(params.clone(), all).await;
            Some((params, answer))
        }
    });
    let rest_params = Memo::new(move |_| pages.get().and_then(|(_, rest)| rest));
    let pending = RwSignal::new(false);

    let status = move || {
        let l = lang.get();
        let q = query.get();
        results.with(|r| match r {
            None => l
                .t("Loading releases…", "Versionen werden geladen …")
                .to_owned(),
            Some(None) => l
                .t(
                    "Choose your installed version to see what is new since.",
                    "Wählen Sie Ihre installierte Version, um zu sehen, was seitdem neu ist.",
                )
                .to_owned(),
            Some(Some(Err(_))) => l
                .t(
                    "The releases could not be loaded.",
                    "Die Versionen konnten nicht geladen werden.",
                )
                .to_owned(),
            Some(Some(Ok(list))) => match q.view {
                ReleaseView::Timeline => {
                    // Counted when the rest of the current query is in as well.
                    let words = q.words();
                    let current = rest_params.get();
                    let more = rest.with(|r| match r {
                        Some(Some((p, Ok(more)))) if Some(p) == current.as_ref() => {
                            Some(matching_notes(&more.releases, &words))
                        }
                        Some(Some((p, Err(_)))) if Some(p) == current.as_ref() => Some(0),
                        _ => None,
                    });
                    match more {
                        None => l
                            .t("Loading releases…", "Versionen werden geladen …")
                            .to_owned(),
                        Some(more) => {
                            let notes = matching_notes(&list.releases, &words) + more;
                            let search = (!q.q.is_empty()).then_some(q.q.as_str());
                            text::timeline_summary(l, list.total, notes, search)
                        }
                    }
                }
                ReleaseView::Mine => {
                    let (changes, releases) = since_counts(&list.releases);
                    text::since_summary(l, changes, releases, &q.mine)
                }
                ReleaseView::Compat => text::compared(l, list.total),
            },
        })
    };

    let tab = move |view: ReleaseView, en: &'static str, de: &'static str| {
        view! {
            <li>
                <a
                    href=move || query.with(|q| q.with_view(view).href())
                    aria-current=move || (query.with(|q| q.view) == view).then_some("page")
                >
                    {move || t(en, de)}
                </a>
            </li>
        }
    };

    let content = move || {
        let q = query.get();
        let words = Arc::new(q.words());
        Suspend::new(async move {
            let answer = results.await;
            match answer {
                None => view! {
                    <p class="notice info">
                        {move || t(
                            "Choose the version you have installed above: you will see every change since, breaking changes and required operating system changes first.",
                            "Wählen Sie oben Ihre installierte Version: Sie sehen dann jede Änderung seitdem, inkompatible Änderungen und nötige Betriebssystem-Wechsel zuerst.",
                        )}
                    </p>
                }
                .into_any(),
                Some(Err(e)) => view! {
                    <div class="notice bad" role="alert">
                        <p>
                            <strong>{move || t("The releases could not be loaded.", "Die Versionen konnten nicht geladen werden.")}</strong>
                            " "
                            {e.message}
                        </p>
                        <button type="button" class="secondary" on:click=move |_| results.refetch()>
                            {move || t("Try again", "Erneut versuchen")}
                        </button>
                    </div>
                }
                .into_any(),
                Some(Ok(list)) => match q.view {
                    ReleaseView::Timeline => view! { <ReleaseTimeline releases=list.releases words/> }.into_any(),
                    ReleaseView::Compat => view! { <ReleaseCompat releases=list.releases/> }.into_any(),
                    ReleaseView::Mine => {
                        let everything = all.await.map(|a| a.releases).unwrap_or_default();
                        view! { <ReleaseSince releases=list.releases all=everything query=q words/> }.into_any()
                    }
                },
            }
        })
    };

    // The timeline's releases after its first screen.
    let more = move || {
        let words = Arc::new(query.with(ReleaseQuery::words));
        Suspend::new(async move {
            let first_ok = matches!(results.await, Some(Ok(_)));
            match rest.await.map(|(_, answer)| answer) {
                Some(Ok(list)) if first_ok && !list.releases.is_empty() => {
                    view! { <ReleaseTimeline releases=list.releases words/> }.into_any()
                }
                Some(Err(e)) if first_ok => view! {
                    <div class="notice bad" role="alert">
                        <p>
                            <strong>{move || t("The older releases could not be loaded.", "Die älteren Versionen konnten nicht geladen werden.")}</strong>
                            " "
                            {e.message}
                        </p>
                        <button type="button" class="secondary" on:click=move |_| rest.refetch()>
                            {move || t("Try again", "Erneut versuchen")}
                        </button>
                    </div>
                }
                .into_any(),
                _ => ().into_any(),
            }
        })
    };

    view! {
        <section class="hero rel-hero">
            <h1>{move || t("Releases", "Versionen")}</h1>
            <p class="lead">
                {move || t(
                    "What each version brings, which systems it supports, and what is new since yours.",
                    "Was jede Version bringt, welche Systeme sie unterstützt und was seit Ihrer Version neu ist.",
                )}
            </p>
            <p class="rel-feed">
                <a href="/releases.atom" rel="external" type="application/atom+xml">
                    {move || t("Subscribe to the release feed (Atom)", "Versions-Feed abonnieren (Atom)")}
                </a>
            </p>
        </section>
        <nav class="rel-tabs" aria-label=move || t("Release views", "Ansichten")>
            <ul>
                {tab(ReleaseView::Timeline, "All releases", "Alle Versionen")}
                {tab(ReleaseView::Mine, "What's new since my version", "Neu seit meiner Version")}
                {tab(ReleaseView::Compat, "Compatibility", "Kompatibilität")}
            </ul>
        </nav>
        <Show when=move || query.with(|q| q.view == ReleaseView::Mine)>
            <MinePicker query versions=versions.into() on_change/>
        </Show>
        <ReleaseFilters query versions=versions.into() on_change/>
        <div class="rel-status-row">
            <p class="rel-status" role="status" aria-live="polite" aria-atomic="true">{status}</p>
            <p class="rel-pending small muted" aria-hidden="true" class:rel-hidden=move || !pending.get()>
                {move || t("Updating…", "Wird aktualisiert …")}
            </p>
        </div>
        <div class="rel-results" aria-busy=move || pending.get().to_string()>
            <Transition
                fallback=move || view! { <p class="muted rel-loading">{move || t("Loading releases…", "Versionen werden geladen …")}</p> }
                set_pending=pending.write_only()
            >
                {content}
            </Transition>
            <Suspense fallback=|| ()>{more}</Suspense>
        </div>
    }
}
