//! "What's new since my version": pick the installed version, see every change since, grouped
//! by category across releases, with breaking changes, required OS changes and the upgrade path
//! called out first.

use crate::{
    components::{
        release_compat::dropped_os,
        release_filters::{ReleaseQuery, ReleaseView},
        release_notes::{count, has_match, release_href, ChangeCallouts, Entry, NoteGroups, Words},
    },
    i18n::{use_lang, Lang},
};
use leptos::prelude::*;
use sma_shared::releases::{Channel, Release, Version};

/// Leaves out pre-releases whose final release is in the list too (the final restates them);
/// returns the kept releases and the versions left out.
pub fn drop_superseded(releases: &[Release]) -> (Vec<Release>, Vec<Version>) {
    let is_final_of = |f: &Version, pre: &Version| {
        !f.is_pre_release() && (f.major, f.minor, f.patch) == (pre.major, pre.minor, pre.patch)
    };
    let (mut kept, mut dropped) = (Vec::new(), Vec::new());
    for r in releases {
        if r.version.is_pre_release()
            && releases.iter().any(|f| is_final_of(&f.version, &r.version))
        {
            dropped.push(r.version.clone());
        } else {
            kept.push(r.clone());
        }
    }
    (kept, dropped)
}

fn min_version(r: &Release) -> Option<Version> {
    r.compatibility
        .min_server_version
        .as_deref()
        .and_then(|m| Version::parse(m).ok())
}

/// The versions to install one after the other to get from `from` to `target` in place
/// (each release names the oldest version it upgrades from). Empty when there is no way.
pub fn upgrade_path(all: &[Release], from: &Version, target: &Version) -> Vec<Version> {
    let mut path = Vec::new();
    let mut current = from.clone();
    let reachable = |r: &Release, from: &Version| min_version(r).is_none_or(|m| m <= *from);
    let Some(goal) = all.iter().find(|r| r.version == *target) else {
        return path;
    };
    while current < *target {
        if reachable(goal, &current) {
            path.push(target.clone());
            return path;
        }
        let step = all
            .iter()
            .filter(|r| r.version > current && r.version < *target && !r.version.is_pre_release())
            .filter(|r| reachable(r, &current))
            .map(|r| r.version.clone())
            .max();
        match step {
            Some(s) => {
                path.push(s.clone());
                current = s;
            }
            None => return Vec::new(),
        }
    }
    path
}

/// The version a customer upgrades to: `until` when set, else the newest final release.
pub fn target_version(all: &[Release], until: &str) -> Option<Version> {
    Version::parse(until).ok().or_else(|| {
        all.iter()
            .filter(|r| !r.version.is_pre_release())
            .map(|r| r.version.clone())
            .max()
    })
}

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
    let mine_options = move || {
        versions
            .get()
            .into_iter()
            .map(|v| {
                let is = v.clone();
                let label = v.clone();
                view! { <option value=v prop:selected=move || query.with(|q| q.mine == is)>{label}</option> }
            })
            .collect_view()
    };
    let until_options = move || {
        let mine = query.with(|q| Version::parse(&q.mine).ok());
        versions
            .get()
            .into_iter()
            .filter(|v| match (&mine, Version::parse(v)) {
                (Some(m), Ok(v)) => v > *m,
                _ => true,
            })
            .map(|v| {
                let is = v.clone();
                let label = v.clone();
                view! { <option value=v prop:selected=move || query.with(|q| q.until == is)>{label}</option> }
            })
            .collect_view()
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
                    >
                        <option value="" prop:selected=move || query.with(|q| q.mine.is_empty())>{move || t("Choose your version", "Version wählen")}</option>
                        {mine_options}
                    </select>
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
                    >
                        <option value="" prop:selected=move || query.with(|q| q.until.is_empty())>{move || t("Latest version", "Neueste Version")}</option>
                        {until_options}
                    </select>
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
    /// Every release (for the call-outs, the upgrade path and OS support).
    all: Vec<Release>,
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
                {move || match lang.get() {
                    Lang::En => format!("“{mine_text}” is not a version like 5.10.0."),
                    Lang::De => format!("„{mine_text}“ ist keine Versionsnummer wie 5.10.0."),
                }}
            </p>
        }
        .into_any();
    };
    let until = Version::parse(&query.until).ok();
    let channel = Channel::parse(&query.channel);
    let in_range = |r: &Release| {
        r.version > mine
            && until.as_ref().is_none_or(|u| r.version <= *u)
            && channel.is_none_or(|c| r.channel == c)
    };

    // The call-outs look at every change in the range, whatever the content filters.
    let all_in_range: Vec<Release> = all.iter().filter(|r| in_range(r)).cloned().collect();
    let (all_kept, _) = drop_superseded(&all_in_range);
    let callout_entries: Vec<Entry> = all_kept
        .iter()
        .flat_map(|r| {
            r.notes.iter().map(|n| Entry {
                version: Some((r.version.clone(), r.channel)),
                note: n.clone(),
            })
        })
        .collect();

    let target = target_version(&all, &query.until).filter(|v| *v > mine);
    let mine_release = all.iter().find(|r| r.version == mine);
    let target_release = target
        .as_ref()
        .and_then(|v| all.iter().find(|r| r.version == *v));
    let os_dropped = match (mine_release, target_release) {
        (Some(m), Some(t)) => Some((t.version.to_string(), dropped_os(m, t))),
        _ => None,
    };
    let path = target
        .as_ref()
        .map(|v| (v.clone(), upgrade_path(&all, &mine, v)));

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
        move || match lang.get() {
            Lang::En => format!("What's new since {mine_s}"),
            Lang::De => format!("Neu seit {mine_s}"),
        }
    };

    let path_view = path.map(|(target, steps)| {
        let target_s = target.to_string();
        let mine_s = mine_s.clone();
        match steps.len() {
            0 => view! {
                <p class="notice warn">
                    {move || match lang.get() {
                        Lang::En => format!("There is no in-place upgrade from {mine_s} to {target_s}. Please contact support."),
                        Lang::De => format!("Von {mine_s} auf {target_s} gibt es kein direktes Update. Bitte wenden Sie sich an den Support."),
                    }}
                </p>
            }
            .into_any(),
            1 => view! {
                <p class="notice ok">
                    {move || match lang.get() {
                        Lang::En => format!("{target_s} upgrades your {mine_s} in place."),
                        Lang::De => format!("{target_s} aktualisiert Ihre {mine_s} direkt."),
                    }}
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
                            {move || match lang.get() {
                                Lang::En => format!("{target_s} does not upgrade {mine_s} in place. Install {first} first: {chain}."),
                                Lang::De => format!("{target_s} aktualisiert {mine_s} nicht direkt. Installieren Sie zuerst {first}: {chain}."),
                            }}
                        </p>
                        <ol class="rel-steps">{links}</ol>
                    </section>
                }
                .into_any()
            }
        }
    });

    let superseded_view = (!superseded.is_empty()).then(|| {
        let list = superseded.iter().map(Version::to_string).collect::<Vec<_>>().join(", ");
        view! {
            <p class="hint">
                {move || match lang.get() {
                    Lang::En => format!("Previews replaced by their final release are left out: {list}."),
                    Lang::De => format!("Vorabversionen, die durch ihre finale Version ersetzt sind, fehlen hier: {list}."),
                }}
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
                {move || {
                    let l = lang.get();
                    let changes = count(l, n_entries, ("change", "Änderung"), ("changes", "Änderungen"));
                    let rels = count(l, n_releases, ("release", "Version"), ("releases", "Versionen"));
                    match l {
                        Lang::En => format!("{changes} in {rels}, grouped by category, newest first."),
                        Lang::De => format!("{changes} in {rels}, nach Kategorie gruppiert, neueste zuerst."),
                    }
                }}
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

/// The results line of the "since my version" view.
pub fn since_summary(lang: Lang, releases: &[Release], mine: &str) -> String {
    let (kept, _) = drop_superseded(releases);
    let n: usize = kept.iter().map(|r| r.notes.len()).sum();
    let changes = count(lang, n, ("change", "Änderung"), ("changes", "Änderungen"));
    let rels = count(
        lang,
        kept.len(),
        ("release", "Version"),
        ("releases", "Versionen"),
    );
    match lang {
        Lang::En => format!("{changes} in {rels} since {mine}"),
        Lang::De => format!("{changes} in {rels} seit {mine}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::releases::Compatibility;

    fn rel(v: &str, min: Option<&str>) -> Release {
        Release {
            version: Version::parse(v).unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            channel: if v.contains('-') {
                Channel::Beta
            } else {
                Channel::Stable
            },
            title: String::new(),
            summary: String::new(),
            highlights: Vec::new(),
            notes: Vec::new(),
            compatibility: Compatibility {
                min_server_version: min.map(str::to_owned),
                ..Default::default()
            },
            artifacts: Vec::new(),
        }
    }

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn betas_with_a_final_are_left_out() {
        let list = [
            rel("6.2.0-beta.1", None),
            rel("6.0.0", None),
            rel("6.0.0-beta.1", None),
        ];
        let (kept, dropped) = drop_superseded(&list);
        assert_eq!(kept.len(), 2);
        assert_eq!(dropped, vec![v("6.0.0-beta.1")]);
    }

    #[test]
    fn the_path_steps_over_minimum_versions() {
        let all = [
            rel("6.1.2", Some("5.8.0")),
            rel("6.0.1", Some("5.4.0")),
            rel("5.9.2", Some("5.0.0")),
            rel("5.4.0", Some("4.6.0")),
        ];
        assert_eq!(
            upgrade_path(&all, &v("5.9.2"), &v("6.1.2")),
            vec![v("6.1.2")]
        );
        assert_eq!(
            upgrade_path(&all, &v("5.4.0"), &v("6.1.2")),
            vec![v("6.0.1"), v("6.1.2")]
        );
        assert_eq!(
            upgrade_path(&all, &v("5.0.0"), &v("6.1.2")),
            vec![v("5.9.2"), v("6.1.2")]
        );
        assert!(upgrade_path(&all, &v("4.0.0"), &v("6.1.2")).is_empty());
        assert_eq!(target_version(&all, ""), Some(v("6.1.2")));
    }
}
