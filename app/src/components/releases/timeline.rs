//! The timeline of the release browser: one card per release, newest first, highlights first,
//! then the changelog grouped by category, with search matches marked.

use super::{
    model::{has_match, release_href, Entry, Words},
    notes::{highlighted, ChannelBadge, NoteGroups, ReleaseDate},
};
use crate::{i18n::use_lang, start::own_task, text::releases as text};
use leptos::prelude::*;
use sma_shared::releases::Release;
use std::sync::Arc;

/// One release in the timeline.
#[component]
pub fn ReleaseCard(release: Release, words: Words) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let v = release.version.to_string();
    let heading_id = format!("rel-{}", v.replace('.', "-"));
    let labelled_by = heading_id.clone();
    let href = release_href(&release.version);
    let searching = !words.is_empty();
    let (matched, other): (Vec<Entry>, Vec<Entry>) = release
        .notes
        .into_iter()
        .map(Entry::plain)
        .partition(|e| !searching || has_match(&e.note.text, &words));
    let n_other = other.len();
    let highlights = (!release.highlights.is_empty()).then(|| {
        let items = release
            .highlights
            .iter()
            .map(|h| view! { <li>{highlighted(h, &words)}</li> })
            .collect_view();
        view! {
            <div class="rel-highlights">
                <h3>{move || t("Highlights", "Highlights")}</h3>
                <ul>{items}</ul>
            </div>
        }
    });
    let matched_view =
        (!matched.is_empty()).then(|| view! { <NoteGroups entries=matched words=words.clone()/> });
    let other_view = (n_other > 0).then(|| {
        let words = words.clone();
        view! {
            <details class="rel-more">
                <summary>
                    {move || text::more_changes(lang.get(), n_other)}
                </summary>
                <NoteGroups entries=other words/>
            </details>
        }
    });
    let empty = (matched_view.is_none() && n_other == 0).then(|| {
        view! { <p class="muted">{move || t("No changes in this release match the filters.", "Keine Änderung dieser Version passt zu den Filtern.")}</p> }
    });
    view! {
        <li class="rel-item">
            <article class="card rel-card" aria-labelledby=labelled_by>
                <header class="rel-card-head">
                    <h2 id=heading_id>
                        <a href=href.clone()>
                            <span class="rel-version">{v.clone()}</span>
                            <span class="sr-only">": "</span>
                            <span class="rel-title">{highlighted(&release.title, &words)}</span>
                        </a>
                    </h2>
                    <p class="rel-meta">
                        <ReleaseDate date=release.date/>
                        " "
                        <ChannelBadge channel=release.channel/>
                    </p>
                </header>
                <p class="rel-summary">{highlighted(&release.summary, &words)}</p>
                {highlights}
                {matched_view}
                {empty}
                {other_view}
            </article>
        </li>
    }
}

/// The releases of a result, newest first.
#[component]
pub fn ReleaseTimeline(releases: Vec<Release>, words: Words) -> impl IntoView {
    let lang = use_lang();
    if releases.is_empty() {
        return view! {
            <div class="notice info rel-empty">
                <p>
                    <strong>{move || lang.get().t("No release matches these filters.", "Keine Version passt zu diesen Filtern.")}</strong>
                </p>
                <p>
                    {move || lang.get().t(
                        "Try fewer or shorter search words, another module or category, or clear the filters.",
                        "Versuchen Sie weniger oder kürzere Suchwörter, ein anderes Modul oder eine andere Kategorie, oder setzen Sie die Filter zurück.",
                    )}
                </p>
            </div>
        }
        .into_any();
    }
    // While the app starts, the cards wait for a task of their own (`crate::start`).
    let releases = Arc::new(releases);
    view! { <ol class="rel-timeline">{own_task(move || card_groups(&releases, &words))}</ol> }
        .into_any()
}

/// The cards: the first group now, each further group in a task of its own once the browser has
/// had its turn (one long task building twenty cards would keep the page from answering input
/// for as long).
fn card_groups(releases: &[Release], words: &Words) -> AnyView {
    let total = releases.len();
    let shown = RwSignal::new(CARDS_PER_TASK.min(total));
    let groups = releases
        .chunks(CARDS_PER_TASK)
        .enumerate()
        .map(|(i, group)| {
            let (group, words) = (group.to_vec(), words.clone());
            let due = Memo::new(move |_| shown.get() > i * CARDS_PER_TASK);
            move || {
                due.get().then(|| {
                    group
                        .iter()
                        .map(|r| view! { <ReleaseCard release=r.clone() words=words.clone()/> })
                        .collect_view()
                })
            }
        })
        .collect_view();
    show_more_later(shown, total);
    groups.into_any()
}

/// Cards the timeline builds in one task: a card takes about a dozen milliseconds of a phone's
/// CPU (Lighthouse's mobile throttling), so a group stays under the 50 ms of a long task.
const CARDS_PER_TASK: usize = 3;

/// Shows the next group of cards in the next task, until all `total` are shown or the timeline
/// is gone (its signal disposed: a new answer replaced it).
fn show_more_later(shown: RwSignal<usize>, total: usize) {
    if shown.get_untracked() >= total {
        return;
    }
    set_timeout(
        move || {
            let more = shown.try_update(|n| {
                *n += CARDS_PER_TASK;
                *n < total
            });
            if more == Some(true) {
                show_more_later(shown, total);
            }
        },
        std::time::Duration::ZERO,
    );
}
