//! `/releases`: the release browser. Three views of the same filterable data, all state in the
//! query string: the timeline, "what's new since my version", and the compatibility matrix.

use crate::{
    api::{self, ApiError},
    components::notice::{Heading, LoadFailed},
    components::releases::{
        compat::ReleaseCompat,
        filters::{use_release_query, ReleaseFilters},
        model::{matching_notes, since_counts, Params, ReleaseQuery, ReleaseView, FIRST_SCREEN},
        since::{MinePicker, ReleaseSince},
        timeline::ReleaseTimeline,
    },
    hooks::use_document_title,
    i18n::{use_lang, Lang},
    resource::Loaded,
    router::{use_navigate, Navigate},
    start::own_task,
    text::releases as text,
};
use leptos::prelude::*;
use sma_shared::api::ReleaseList;
use std::sync::Arc;

type Answer = Option<Result<ReleaseList, ApiError>>;
type Rest = (Params, Result<ReleaseList, ApiError>);

/// Where the current view's answer is, for the status line.
enum Line {
    /// Still loading.
    Loading,
    /// Nothing asked: the "since my version" view before a version is picked.
    Choose,
    /// It could not be loaded.
    Failed,
    /// In, and what it says.
    Ready(String),
}

impl Line {
    fn text(self, l: Lang) -> String {
        match self {
            Line::Loading => l
                .t("Loading releases…", "Versionen werden geladen …")
                .to_owned(),
            Line::Choose => l
                .t(
                    "Choose your installed version to see what is new since.",
                    "Wählen Sie Ihre installierte Version, um zu sehen, was seitdem neu ist.",
                )
                .to_owned(),
            Line::Failed => l.t(FAILED.0, FAILED.1).to_owned(),
            Line::Ready(text) => text,
        }
    }
}

const FAILED: Heading = (
    "The releases could not be loaded.",
    "Die Versionen konnten nicht geladen werden.",
);
const OLDER_FAILED: Heading = (
    "The older releases could not be loaded.",
    "Die älteren Versionen konnten nicht geladen werden.",
);

/// The alert of an answer that could not be loaded, with a retry.
fn load_failed(heading: Heading, message: String, retry: Callback<()>) -> AnyView {
    view! { <LoadFailed heading message retry/> }.into_any()
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

    // Every release without its texts: the known versions for the selects, the upgrade path
    // and the compatibility matrix without a filter.
    let briefs = Loaded::query(|| api::release_versions(&[]));
    let versions = Signal::derive(move || {
        briefs.with(|a| match a {
            Some(Ok(list)) => list
                .releases
                .iter()
                .map(|r| r.version.to_string())
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    });

    // What the timeline and the "since" view ask the API (`ReleaseQuery::requests`): the
    // timeline its first screen, then the rest, so that the first cards show as soon as their
    // small answer is in; the "since" view its changes, and the whole range for its call-outs
    // when it filters the notes.
    let pages = Memo::new(move |_| query.with(ReleaseQuery::requests));
    let results: Loaded<Answer> = Loaded::query_when(move || {
        pages.with(|p| p.as_ref().map(|(first, _)| api::releases(first)))
    });
    // The second request, with the parameters it answers (the timeline's status counts it
    // only when it is the current query's).
    let rest: Loaded<Option<Rest>> = Loaded::new(move || {
        let rest = pages.get().and_then(|(_, rest)| rest);
        async move {
            let params = rest?;
            let answer = api::releases(&params).answer().await;
            Some((params, answer))
        }
    });
    // The parameters the second request of the current query has.
    let rest_params = move || pages.with(|p| p.as_ref().and_then(|(_, rest)| rest.clone()));
    let pending = RwSignal::new(false);

    let status = move || {
        let l = lang.get();
        let q = query.get();
        let line = match q.view {
            ReleaseView::Compat => briefs.with(|b| match b {
                None => Line::Loading,
                Some(Err(_)) => Line::Failed,
                Some(Ok(list)) => match q.compat_releases(&list.releases) {
                    Ok(releases) => Line::Ready(text::compared(l, releases.len())),
                    Err(_) => Line::Failed,
                },
            }),
            view => results.with(|r| match r {
                None => Line::Loading,
                // Nothing asked: the "since" view before a version is picked (else the answer
                // of another view, kept while this one's loads).
                Some(None) if q.view == ReleaseView::Mine && q.mine.is_empty() => Line::Choose,
                Some(None) => Line::Loading,
                Some(Some(Err(_))) => Line::Failed,
                Some(Some(Ok(list))) if view == ReleaseView::Mine => {
                    let (changes, releases) = since_counts(&list.releases);
                    Line::Ready(text::since_summary(l, changes, releases, &q.mine))
                }
                Some(Some(Ok(list))) => {
                    // Counted when the rest of the current query is in as well.
                    let words = q.words();
                    let current = rest_params();
                    // (releases, notes) of the rest.
                    let more = rest.with(|r| match r {
                        Some(Some((p, Ok(more)))) if Some(p) == current.as_ref() => {
                            Some((more.releases.len(), matching_notes(&more.releases, &words)))
                        }
                        Some(Some((p, Err(_)))) if Some(p) == current.as_ref() => Some((0, 0)),
                        _ => None,
                    });
                    let search = (!q.q.is_empty()).then_some(q.q.as_str());
                    match more {
                        None => Line::Loading,
                        // A page of the newest: its changes are not all counted.
                        Some((n, _)) if list.releases.len() + n < list.total => Line::Ready(
                            text::timeline_newest(l, list.total, list.releases.len() + n, search),
                        ),
                        Some((_, more)) => {
                            let notes = matching_notes(&list.releases, &words) + more;
                            Line::Ready(text::timeline_summary(l, list.total, notes, search))
                        }
                    }
                }
            }),
        };
        line.text(l)
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
            if q.view == ReleaseView::Compat {
                return match briefs.await.map(|b| q.compat_releases(&b.releases)) {
                    Ok(Ok(releases)) => view! { <ReleaseCompat releases/> }.into_any(),
                    Ok(Err(bad)) => view! {
                        <p class="notice bad" role="alert">{move || text::bad_range(lang.get(), &bad)}</p>
                    }
                    .into_any(),
                    Err(e) => {
                        load_failed(FAILED, e.message, Callback::new(move |()| briefs.refetch()))
                    }
                };
            }
            // Everything the views' answers come from (a failed one is asked again).
            let retry = Callback::new(move |()| {
                results.refetch();
                rest.refetch();
                briefs.refetch();
            });
            match results.await {
                None => view! {
                    <p class="notice info">
                        {move || t(
                            "Choose the version you have installed above: you will see every change since, breaking changes and required operating system changes first.",
                            "Wählen Sie oben Ihre installierte Version: Sie sehen dann jede Änderung seitdem, inkompatible Änderungen und nötige Betriebssystem-Wechsel zuerst.",
                        )}
                    </p>
                }
                .into_any(),
                Some(Err(e)) => load_failed(FAILED, e.message, retry),
                Some(Ok(list)) if q.view == ReleaseView::Mine => {
                    // The call-outs look at every change in the range: the answer itself
                    // unless the view filters the notes.
                    let range = match rest.await.map(|(_, answer)| answer) {
                        Some(answer) => answer.map(|l| l.releases),
                        None => Ok(list.releases.clone()),
                    };
                    let briefs = briefs.await.map(|b| b.releases);
                    match (range, briefs) {
                        (Ok(range), Ok(briefs)) => view! { <ReleaseSince releases=list.releases range briefs query=q words/> }.into_any(),
                        (Err(e), _) | (_, Err(e)) => load_failed(FAILED, e.message, retry),
                    }
                }
                Some(Ok(list)) => view! { <ReleaseTimeline releases=list.releases words/> }.into_any(),
            }
        })
    };

    // The timeline's releases after its first screen.
    let more = move || {
        let (words, timeline) =
            query.with(|q| (Arc::new(q.words()), q.view == ReleaseView::Timeline));
        Suspend::new(async move {
            let first_ok = timeline && matches!(results.await, Some(Ok(_)));
            match rest.await.map(|(_, answer)| answer) {
                Some(Ok(list)) if first_ok && !list.releases.is_empty() => {
                    view! { <ReleaseTimeline releases=list.releases words/> }.into_any()
                }
                Some(Err(e)) if first_ok => load_failed(
                    OLDER_FAILED,
                    e.message,
                    Callback::new(move |()| rest.refetch()),
                ),
                _ => ().into_any(),
            }
        })
    };

    // The link to the timeline's next page when this one does not hold every match.
    let older = move || {
        let q = query.get();
        let current = rest_params();
        let oldest = rest.with(|r| match r {
            Some(Some((p, Ok(list))))
                if q.view == ReleaseView::Timeline
                    && Some(p) == current.as_ref()
                    && FIRST_SCREEN + list.releases.len() < list.total =>
            {
                list.releases.last().map(|r| r.version.clone())
            }
            _ => None,
        })?;
        let page = briefs.with(|b| q.older_page(&oldest, &b?.as_ref().ok()?.releases))?;
        let oldest = oldest.to_string();
        Some(view! {
            <p class="rel-older">
                <a href=page.href()>{move || text::older_than(lang.get(), &oldest)}</a>
            </p>
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
            <MinePicker query versions on_change/>
        </Show>
        {own_task(move || view! { <ReleaseFilters query versions on_change/> }.into_any())}
        <div class="rel-status-row">
            <p class="rel-status" role="status" aria-live="polite" aria-atomic="true">{status}</p>
            <p class="rel-pending small muted" aria-hidden="true" class:rel-hidden=move || !pending.get()>
                {move || t("Updating…", "Wird aktualisiert …")}
            </p>
        </div>
        <div class="rel-results" aria-busy=move || pending.get().to_string()>
            {own_task(move || view! {
                <Transition
                    fallback=move || view! { <p class="muted rel-loading">{move || t("Loading releases…", "Versionen werden geladen …")}</p> }
                    set_pending=pending.write_only()
                >
                    {content}
                </Transition>
                <Suspense fallback=|| ()>{more}</Suspense>
                {older}
            }.into_any())}
        </div>
    }
}
