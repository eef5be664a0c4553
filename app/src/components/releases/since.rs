//! "What's new since my version": pick the installed version, see every change since, grouped
//! by category across releases, with breaking changes, required OS changes and the upgrade path
//! called out first.

use super::{
    model::{
        drop_superseded, dropped_os, has_match, release_href, target_version, upgrade_path,
        version_options, Entry, ReleaseQuery, ReleaseView, Words,
    },
    notes::{ChangeCallouts, NoteGroups},
};
use crate::{i18n::use_lang, text::releases as text};
use leptos::prelude::*;
use sma_shared::{
    api::ReleaseBrief,
    releases::{Release, Version},
};

/// The installed version and the version to upgrade to.
#[component]
pub fn MinePicker(
    /// The current state.
    query: Memo<ReleaseQuery>,
    /// Known versions, newest first.
    versions: Signal<Vec<String>>,
    /// Called with the new state.
    on_change: Callback<(ReleaseQuery, bool)>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let set = move |apply: fn(&mut ReleaseQuery, String), value: String| {
        let mut next = query.get_untracked();
        next.view = ReleaseView::Mine;
        apply(&mut next, value);
        on_change.run((next, false));
    };
    // Every version, the installed one selected; upgrading to: the versions after it.
    let mine_options = move || {
        let first = t("Choose your version", "Version wählen");
        versions.with(|all| {
            query.with(|q| version_options(first, all.iter().map(String::as_str), &q.mine))
        })
    };
    let until_options = move || {
        let first = t("Latest version", "Neueste Version");
        let mine = query.with(|q| Version::parse(&q.mine).ok());
        let newer = move |v: &&String| match (&mine, Version::parse(v)) {
            (Some(m), Ok(v)) => v > *m,
            _ => true,
        };
        versions.with(|all| {
            query.with(|q| {
                version_options(
                    first,
                    all.iter().filter(newer).map(String::as_str),
                    &q.until,
                )
            })
        })
    };
    view! {
        <form class="card rel-mine" aria-labelledby="rel-mine-h" on:submit=move |ev| ev.prevent_default()>
            <h2 id="rel-mine-h">{move || t("Your installation", "Ihre Installation")}</h2>
            <div class="row">
                <div class="field">
                    <label for="rel-mine">{move || t("Installed version", "Installierte Version")}</label>
                    <select
                        id="rel-mine"
                        name="mine"
                        aria-describedby="rel-mine-hint"
                        on:change=move |ev| set(|q, v| q.mine = v, event_target_value(&ev))
                        inner_html=mine_options
                    ></select>
                    <span id="rel-mine-hint" class="hint">
                        {move || t("The version your server runs now. Everything newer is listed below.", "Die Version, die Ihr Server jetzt hat. Alles Neuere steht unten.")}
                    </span>
                </div>
                <div class="field">
                    <label for="rel-target">{move || t("Upgrading to", "Update auf")}</label>
                    <select
                        id="rel-target"
                        name="until"
                        on:change=move |ev| set(|q, v| q.until = v, event_target_value(&ev))
                        inner_html=until_options
                    ></select>
                </div>
            </div>
        </form>
    }
}

/// The changes since the installed version.
#[component]
pub fn ReleaseSince(
    /// The releases after the installed version that pass the filters, newest first.
    releases: Vec<Release>,
    /// Every release in the range, whatever the content filters (for the call-outs).
    range: Vec<Release>,
    /// Every release without its texts (for the upgrade path and OS support).
    briefs: Vec<ReleaseBrief>,
    /// The state of the page.
    query: ReleaseQuery,
    /// Search words.
    words: Words,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let mine_text = query.mine.clone();
    let Ok(mine) = Version::parse(&query.mine) else {
        return view! {
            <p class="notice bad" role="alert">
                {move || text::not_a_version(lang.get(), &mine_text)}
            </p>
        }
        .into_any();
    };

    // The call-outs look at every change in the range, whatever the content filters.
    let (all_kept, _) = drop_superseded(&range);
    let callout_entries: Vec<Entry> = all_kept
        .iter()
        .flat_map(|r| {
            r.notes.iter().map(|n| Entry {
                version: Some((r.version.clone(), r.channel)),
                note: n.clone(),
            })
        })
        .collect();

    let target = target_version(&briefs, &query.until).filter(|v| *v > mine);
    let mine_release = briefs.iter().find(|r| r.version == mine);
    let target_release = target
        .as_ref()
        .and_then(|v| briefs.iter().find(|r| r.version == *v));
    let os_dropped = match (mine_release, target_release) {
        (Some(m), Some(t)) => Some((t.version.to_string(), dropped_os(m, t))),
        _ => None,
    };
    let path = target
        .as_ref()
        .map(|v| (v.clone(), upgrade_path(&briefs, &mine, v)));

    let (kept, superseded) = drop_superseded(&releases);
    let entries: Vec<Entry> = kept
        .iter()
        .flat_map(|r| {
            r.notes
                .iter()
                .filter(|n| words.is_empty() || has_match(&n.text, &words))
                .map(|n| Entry {
                    version: Some((r.version.clone(), r.channel)),
                    note: n.clone(),
                })
        })
        .collect();
    let n_entries = entries.len();
    let n_releases = kept.len();
    let filtered = query.is_filtered();

    let mine_s = mine.to_string();
    let heading = {
        let mine_s = mine_s.clone();
        move || text::new_since(lang.get(), &mine_s)
    };

    let path_view = path.map(|(target, steps)| {
        let target_s = target.to_string();
        let mine_s = mine_s.clone();
        match steps.len() {
            0 => view! {
                <p class="notice warn">
                    {move || text::no_upgrade_path(lang.get(), &mine_s, &target_s)}
                </p>
            }
            .into_any(),
            1 => view! {
                <p class="notice ok">
                    {move || text::upgrades_in_place(lang.get(), &mine_s, &target_s)}
                </p>
            }
            .into_any(),
            _ => {
                let chain = std::iter::once(mine_s.clone())
                    .chain(steps.iter().map(Version::to_string))
                    .collect::<Vec<_>>()
                    .join(" → ");
                let first = steps[0].to_string();
                let links = steps
                    .iter()
                    .map(|s| view! { <li><a href=release_href(s)>{s.to_string()}</a></li> })
                    .collect_view();
                view! {
                    <section class="notice warn rel-callout" aria-labelledby="rel-path-h">
                        <h3 id="rel-path-h">{move || t("Upgrade in steps", "Update in Schritten")}</h3>
                        <p>
                            {move || text::upgrade_in_steps(lang.get(), &mine_s, &target_s, &first, &chain)}
                        </p>
                        <ol class="rel-steps">{links}</ol>
                    </section>
                }
                .into_any()
            }
        }
    });

    let superseded_view = (!superseded.is_empty()).then(|| {
        let list = superseded
            .iter()
            .map(Version::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <p class="hint">
                {move || text::superseded(lang.get(), &list)}
            </p>
        }
    });

    let versions_view = (!kept.is_empty()).then(|| {
        let links = kept
            .iter()
            .rev()
            .map(|r| view! { <li><a href=release_href(&r.version)>{r.version.to_string()}</a></li> })
            .collect_view();
        view! {
            <div class="rel-range">
                <span class="label" id="rel-range-l">{move || t("Releases in this range:", "Versionen in diesem Bereich:")}</span>
                <ul class="rel-chips" aria-labelledby="rel-range-l">{links}</ul>
            </div>
        }
    });

    let body = if n_entries == 0 {
        if filtered {
            view! { <p class="notice info">{move || t("No change since your version matches these filters.", "Keine Änderung seit Ihrer Version passt zu diesen Filtern.")}</p> }.into_any()
        } else {
            view! { <p class="notice ok">{move || t("You have the newest version: nothing has changed since.", "Sie haben die neueste Version: Seitdem hat sich nichts geändert.")}</p> }.into_any()
        }
    } else {
        view! {
            <p class="rel-since-count">
                {move || text::since_count(lang.get(), n_entries, n_releases)}
            </p>
            <NoteGroups entries words/>
        }
        .into_any()
    };

    view! {
        <section class="rel-since" aria-labelledby="rel-since-h">
            <h2 id="rel-since-h">{heading}</h2>
            {path_view}
            <ChangeCallouts entries=callout_entries level=3 os_dropped=os_dropped.unwrap_or_default()/>
            {versions_view}
            {superseded_view}
            <div class="card rel-since-body">{body}</div>
        </section>
    }
    .into_any()
}
