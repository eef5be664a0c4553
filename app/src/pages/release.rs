//! `/releases/{version}`: one release, with its changes, compatibility record and files.

use crate::{
    api::{self, ApiError},
    components::notice::LoadFailed,
    components::releases::{
        artifacts::ReleaseArtifacts,
        entitlement::ReleaseEntitlement,
        model::{neighbours, release_href, Entry, Words},
        notes::{highlighted, ChangeCallouts, ChannelBadge, NoteGroups, ReleaseDate},
    },
    hooks::use_document_title,
    i18n::use_lang,
    resource::Loaded,
    router::use_param,
    session::signed_in_hint,
    start,
    text::releases as text,
};
use leptos::prelude::*;
use sma_shared::{
    api::ReleaseBrief,
    releases::{release_title, version_heading, Channel, Release},
};
use std::sync::Arc;

/// The page of one release.
#[component]
pub fn ReleasePage() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let version = use_param();
    let release = Loaded::query(move || api::release(&version.get()));
    let briefs = Loaded::query(|| api::release_versions(&[]));
    use_document_title(move || release_title(lang.get(), &version.get()));
    // The frame shows the release's heading: the app replaces it once its answers are in.
    start::hold_until(async move {
        let _ = release.await;
        let _ = briefs.await;
    });

    let content = move || {
        Suspend::new(async move {
            match release.await {
                Ok(r) => {
                    let briefs = briefs.await.ok().map(|b| Arc::new(b.releases));
                    view! { <ReleaseDetail release=r briefs/> }.into_any()
                }
                Err(e) if e.code == "not_found" => {
                    view! { <NoSuchRelease version=version.get_untracked()/> }.into_any()
                }
                Err(e) => {
                    view! { <LoadError error=e retry=Callback::new(move |()| release.refetch())/> }
                        .into_any()
                }
            }
        })
    };

    view! {
        <nav class="rel-crumbs" aria-label=move || t("Breadcrumb", "Navigationspfad")>
            <ol>
                <li><a href="/releases">{move || t("Releases", "Versionen")}</a></li>
                <li aria-current="page">{move || version.get()}</li>
            </ol>
        </nav>
        <Transition fallback=move || view! { <p class="muted rel-loading" role="status">{move || t("Loading the release…", "Version wird geladen …")}</p> }>
            {content}
        </Transition>
    }
}

#[component]
fn NoSuchRelease(version: String) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let v = version.clone();
    view! {
        <section class="hero rel-missing">
            <h1>
                {move || text::no_release(lang.get(), &version)}
            </h1>
            <p class="lead">
                {move || text::no_release_lead(lang.get(), &v)}
            </p>
            <p><a class="button" href="/releases">{move || t("All releases", "Alle Versionen")}</a></p>
        </section>
    }
}

#[component]
fn LoadError(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    view! {
        <section class="hero">
            <h1>{move || t("Release", "Version")}</h1>
            <LoadFailed heading=("The release could not be loaded.", "Die Version konnte nicht geladen werden.") message=error.message retry/>
            <p><a href="/releases">{move || t("All releases", "Alle Versionen")}</a></p>
        </section>
    }
}

#[component]
fn ReleaseDetail(release: Release, briefs: Option<Arc<Vec<ReleaseBrief>>>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let no_words: Words = Arc::new(Vec::new());
    let v = release.version.to_string();
    let (older, newer) = briefs
        .as_ref()
        .map(|b| neighbours(b, &release.version))
        .unwrap_or_default();
    let entries: Vec<Entry> = release.notes.iter().cloned().map(Entry::plain).collect();
    let beta = (release.channel == Channel::Beta).then(|| {
        view! {
            <p class="notice warn">
                {move || t(
                    "This is a preview for testing. Do not install it on production systems.",
                    "Dies ist eine Vorabversion zum Testen. Nicht auf Produktivsystemen installieren.",
                )}
            </p>
        }
    });
    let highlights = (!release.highlights.is_empty()).then(|| {
        let items = release
            .highlights
            .iter()
            .map(|h| view! { <li>{highlighted(h, &[])}</li> })
            .collect_view();
        view! {
            <section class="card rel-highlights" aria-labelledby="rel-hl-h">
                <h2 id="rel-hl-h">{move || t("Highlights", "Highlights")}</h2>
                <ul>{items}</ul>
            </section>
        }
    });
    let changes = if entries.is_empty() {
        view! { <p class="muted">{move || t("This release lists no changes.", "Diese Version nennt keine Änderungen.")}</p> }.into_any()
    } else {
        view! { <NoteGroups entries=entries.clone() words=no_words.clone()/> }.into_any()
    };
    let c = release.compatibility.clone();
    let list = |items: Vec<String>| {
        items
            .into_iter()
            .map(|i| view! { <li>{i}</li> })
            .collect_view()
    };
    let min = c.min_server_version.clone();
    let min_view = min.map(|m| {
        view! {
            <dt>{move || t("Upgrades in place from", "Direktes Update ab")}</dt>
            <dd>{m}</dd>
        }
    });
    let prev_next = (older.is_some() || newer.is_some()).then(|| {
        let older = older.map(|o| {
            view! {
                <a class="rel-older" href=format!("/releases/{o}") rel="prev">
                    <span class="small muted">{move || t("Older version", "Ältere Version")}</span>
                    <span>{o.clone()}</span>
                </a>
            }
        });
        let newer = newer.map(|n| {
            view! {
                <a class="rel-newer" href=format!("/releases/{n}") rel="next">
                    <span class="small muted">{move || t("Newer version", "Neuere Version")}</span>
                    <span>{n.clone()}</span>
                </a>
            }
        });
        view! {
            <nav class="rel-prevnext" aria-label=move || t("Other versions", "Andere Versionen")>
                {older}
                {newer}
            </nav>
        }
    });
    let v2 = v.clone();
    let signed_in = signed_in_hint();
    view! {
        <article class="rel-page" aria-labelledby="rel-h1">
            <header class="hero rel-page-head">
                <h1 id="rel-h1">
                    <span class="rel-version">{move || version_heading(lang.get(), &v)}</span>
                    " "
                    <span class="rel-h1-title">{release.title.clone()}</span>
                </h1>
                <p class="rel-meta">
                    <ReleaseDate date=release.date/>
                    " "
                    <ChannelBadge channel=release.channel/>
                </p>
                <p class="lead">{release.summary.clone()}</p>
                {beta}
            </header>
            <ChangeCallouts entries=entries level=2/>
            {highlights}
            <section class="card" aria-labelledby="rel-changes-h">
                <h2 id="rel-changes-h">{move || t("Changes", "Änderungen")}</h2>
                {changes}
            </section>
            <section class="card rel-compat-record" aria-labelledby="rel-compat-h">
                <h2 id="rel-compat-h">{move || t("Compatibility", "Kompatibilität")}</h2>
                <div class="rel-compat-grid">
                    <div>
                        <h3>{move || t("Operating systems", "Betriebssysteme")}</h3>
                        <ul>{list(c.os.clone())}</ul>
                    </div>
                    <div>
                        <h3>{move || t("Tested virus scanners", "Getestete Virenscanner")}</h3>
                        <ul>{list(c.virus_scanners.clone())}</ul>
                    </div>
                    <div>
                        <h3>{move || t("Cameras and upgrades", "Kameras und Updates")}</h3>
                        <dl class="rel-facts">
                            <dt>{move || t("Camera driver pack", "Kamera-Treiberpaket")}</dt>
                            <dd>{c.driver_pack.clone()}</dd>
                            {min_view}
                        </dl>
                    </div>
                </div>
                <p>
                    <a href="/releases?view=compat">{move || t("Compare the compatibility of all versions", "Kompatibilität aller Versionen vergleichen")}</a>
                </p>
            </section>
            <ReleaseArtifacts version=release.version.clone() artifacts=release.artifacts.clone() signed_in/>
            <ReleaseEntitlement release=release.clone() briefs/>
            {prev_next}
            <p class="rel-back">
                <a href="/releases">{move || t("All releases", "Alle Versionen")}</a>
                " · "
                <a href=format!("/releases?view=mine&mine={v2}")>{move || t("What's new since this version", "Neu seit dieser Version")}</a>
                " · "
                <a href=release_href(&release.version)>{move || t("Permanent link", "Dauerhafter Link")}</a>
            </p>
        </article>
    }
}
