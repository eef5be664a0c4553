//! Building blocks of the release pages: dates and channel badges, search highlighting,
//! changelog entries grouped by category, and the call-outs for breaking and OS changes.

use super::model::{highlight_segments, release_href, Entry, Words};
use crate::{
    i18n::use_lang,
    text::{labels, releases as text},
};
use chrono::NaiveDate;
use leptos::{either::Either, prelude::*};
use sma_shared::releases::{Category, Channel, MODULES};
use std::sync::Arc;

/// `text` with the search matches wrapped in `<mark>`.
pub fn highlighted(text: &str, words: &[String]) -> AnyView {
    highlight_segments(text, words)
        .into_iter()
        .map(|(s, marked)| {
            if marked {
                Either::Left(view! { <mark>{s}</mark> })
            } else {
                Either::Right(s)
            }
        })
        .collect_view()
        .into_any()
}

/// A date as `<time>`, formatted for the UI language.
#[component]
pub fn ReleaseDate(date: NaiveDate) -> impl IntoView {
    let lang = use_lang();
    view! { <time datetime=date.to_string()>{move || lang.get().date(date)}</time> }
}

/// The channel as a badge.
#[component]
pub fn ChannelBadge(channel: Channel) -> impl IntoView {
    let lang = use_lang();
    let class = match channel {
        Channel::Stable => "badge ok",
        Channel::Lts => "badge rel-lts",
        Channel::Beta => "badge warn",
    };
    view! {
        <span class=class>
            <span class="sr-only">{move || lang.get().t("Channel: ", "Kanal: ")}</span>
            {move || labels::channel(lang.get(), channel)}
        </span>
    }
}

/// One changelog entry: version (when mixed), breaking/OS badges, text and tags.
#[component]
pub fn NoteItem(entry: Entry, words: Words) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let Entry { version, note } = entry;
    let version = version.map(|(v, channel)| {
        let beta = (channel == Channel::Beta).then(|| view! { " " <span class="badge warn">{move || labels::channel(lang.get(), channel)}</span> });
        view! {
            <a class="rel-note-version" href=release_href(&v)>{v.to_string()}</a>
            {beta}
        }
    });
    let breaking = note.breaking.then(|| view! { <span class="badge bad">{move || t("Breaking change", "Inkompatible Änderung")}</span> });
    let os = note.os_change.then(|| view! { <span class="badge warn">{move || t("OS change required", "Betriebssystem-Wechsel nötig")}</span> });
    let tags = note
        .modules
        .iter()
        .map(|m| (m.clone(), MODULES.contains(&m.as_str())))
        .chain(note.areas.iter().map(|a| (a.clone(), false)))
        .map(|(tag, module)| {
            let class = if module {
                "rel-tag rel-tag-module"
            } else {
                "rel-tag"
            };
            view! { <li class=class>{tag}</li> }
        })
        .collect_view();
    let class = if note.breaking {
        "rel-note rel-note-breaking"
    } else {
        "rel-note"
    };
    view! {
        <li class=class>
            <p class="rel-note-line">
                {version}
                {breaking}
                {os}
                <span class="rel-note-text">{highlighted(&note.text, &words)}</span>
            </p>
            <ul class="rel-tags" aria-label=move || t("Tags", "Schlagwörter")>{tags}</ul>
        </li>
    }
}

/// Entries grouped by category (Added, Changed, Fixed, Security, Deprecated, Removed), each
/// group under an `<h3>` with its count.
#[component]
pub fn NoteGroups(entries: Vec<Entry>, words: Words) -> impl IntoView {
    let lang = use_lang();
    Category::ALL
        .iter()
        .filter_map(|c| {
            let c = *c;
            let group: Vec<Entry> = entries.iter().filter(|e| e.note.category == c).cloned().collect();
            if group.is_empty() {
                return None;
            }
            let n = group.len();
            let words = words.clone();
            Some(view! {
                <section class=format!("rel-cat rel-cat-{}", c.code())>
                    <h3>
                        {move || labels::category(lang.get(), c)}
                        " "
                        <span class="rel-cat-count">"(" {n} ")"</span>
                    </h3>
                    <ul class="rel-notes">
                        {group.into_iter().map(|e| view! { <NoteItem entry=e words=words.clone()/> }).collect_view()}
                    </ul>
                </section>
            })
        })
        .collect_view()
}

/// A heading of level 2 or 3.
fn heading(level: u8, id: String, text: impl IntoView + 'static) -> AnyView {
    if level <= 2 {
        view! { <h2 id=id>{text}</h2> }.into_any()
    } else {
        view! { <h3 id=id>{text}</h3> }.into_any()
    }
}

/// The prominent call-outs: breaking changes and required operating system changes
/// (with the systems the target version no longer supports, when known).
#[component]
pub fn ChangeCallouts(
    /// The entries to scan.
    entries: Vec<Entry>,
    /// Heading level of the call-outs (2 or 3).
    level: u8,
    /// Operating systems the target version drops: (target version, systems).
    #[prop(optional)]
    os_dropped: Option<(String, Vec<String>)>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let no_words: Words = Arc::new(Vec::new());
    let breaking: Vec<Entry> = entries
        .iter()
        .filter(|e| e.note.breaking)
        .cloned()
        .collect();
    let os: Vec<Entry> = entries
        .iter()
        .filter(|e| e.note.os_change)
        .cloned()
        .collect();
    let dropped = os_dropped.filter(|(_, list)| !list.is_empty());
    let n = breaking.len();
    let breaking_view = (!breaking.is_empty()).then(|| {
        let words = no_words.clone();
        view! {
            <section class="notice bad rel-callout" aria-labelledby="rel-breaking-h">
                {heading(level, "rel-breaking-h".into(), move || text::breaking_changes(lang.get(), n))}
                <p class="small">{move || t("Read these before you upgrade: they need action or change how the system behaves.", "Vor dem Update lesen: Sie erfordern Maßnahmen oder ändern das Verhalten des Systems.")}</p>
                <ul class="rel-notes">
                    {breaking.into_iter().map(|e| view! { <NoteItem entry=e words=words.clone()/> }).collect_view()}
                </ul>
            </section>
        }
    });
    let os_view = (!os.is_empty() || dropped.is_some()).then(|| {
        let words = no_words.clone();
        let dropped = dropped.map(|(target, list)| {
            let target2 = target.clone();
            view! {
                <p>
                    <strong>
                        {move || text::os_dropped_by(lang.get(), &target)}
                    </strong>
                    " "
                    {list.join(", ")}
                    <span class="sr-only">{format!(" ({target2})")}</span>
                </p>
            }
        });
        view! {
            <section class="notice warn rel-callout" aria-labelledby="rel-os-h">
                {heading(level, "rel-os-h".into(), move || t("Operating system changes required", "Änderungen am Betriebssystem erforderlich"))}
                {dropped}
                <ul class="rel-notes">
                    {os.into_iter().map(|e| view! { <NoteItem entry=e words=words.clone()/> }).collect_view()}
                </ul>
            </section>
        }
    });
    view! { {breaking_view} {os_view} }
}
