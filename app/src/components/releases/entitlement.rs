//! A release page for a signed-in customer: for each installation whether it may download this
//! release (pricing.md section 7: the coverage and the entitlement decided by `shared`, as the
//! Worker decides it again for every link), a Download button per file when it may, and
//! otherwise the reason, the price and the order that fixes it. For a lapsed installation or
//! one without an SMA, "what renewing gets me": the releases since its coverage ended, with the
//! notes that concern its edition and modules.
//!
//! The session endpoints are only asked when the account page signed in from this browser (its
//! `localStorage` hint), so a visitor's page makes no request that must fail.

use super::{
    model::{gains_since, missed_range, missed_releases, release_href},
    notes::{ChannelBadge, ReleaseDate},
};
use crate::{
    api::{self, ApiError},
    clock::book_today,
    components::account::{
        installation::{InstallationsUnavailable, NoInstallations},
        model::{has_late_charges, order_href},
    },
    components::notice::CodeUnavailable,
    i18n::use_lang,
    later::{entry, Unavailable},
    resource::Loaded,
    session::{set_signed_in_hint, signed_in_hint},
    text::{account, labels, releases as text},
};
use chrono::NaiveDate;
use leptos::{prelude::*, task::spawn_local};
use sma_shared::{
    api::{Installation, OrderQuote, ReleaseBrief, ReleaseList},
    lifecycle::{entitlement, Coverage, Entitlement, SmaStatus},
    orders::OrderKind,
    releases::{Artifact, Release},
};
use std::sync::Arc;

/// The "your installations" section of a release page; nothing for a visitor.
#[component]
pub fn ReleaseEntitlement(
    release: Release,
    /// Every release without its texts, newest first.
    briefs: Option<Arc<Vec<ReleaseBrief>>>,
) -> impl IntoView {
    if !signed_in_hint() {
        return ().into_any();
    }
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let installations = Loaded::query(api::installations);
    // What renewing would get: the releases since the earliest coverage end of an installation
    // that lapsed or never had an SMA (each keeps those after its own); asked only then, and
    // only with the list of every release to find the range in.
    let missed = briefs.map(|briefs| {
        Loaded::query_when(move || {
            let since = installations.with(|i| {
                let list = i?.as_ref().ok()?;
                list.installations.iter().filter_map(gains_since).min()
            })?;
            let range = missed_range(&briefs, since);
            Some(api::releases(&range))
        })
    });
    let release = Arc::new(release);
    let content = move || {
        let release = release.clone();
        Suspend::new(async move {
            match installations.await {
                Err(e) if e.code == "unauthenticated" => {
                    set_signed_in_hint(false);
                    view! {
                        <p class="notice info">
                            {move || t("Your sign-in has expired.", "Ihre Anmeldung ist abgelaufen.")}
                            " "
                            <a href="/account">{move || t("Sign in again to download.", "Melden Sie sich erneut an, um herunterzuladen.")}</a>
                        </p>
                    }
                    .into_any()
                }
                Err(e) => view! {
                    <InstallationsUnavailable message=e.message retry=Callback::new(move |()| installations.refetch())/>
                }
                .into_any(),
                Ok(list) if list.installations.is_empty() => view! { <NoInstallations/> }.into_any(),
                Ok(list) => installation_cards(list.installations, release, missed)
                    .await
                    .unwrap_or_else(|Unavailable| view! { <CodeUnavailable/> }.into_any()),
            }
        })
    };
    view! {
        <section class="card rel-entitle" aria-labelledby="rel-entitle-h">
            <h2 id="rel-entitle-h">{move || t("Your installations", "Ihre Installationen")}</h2>
            <Transition fallback=move || view! { <p class="muted" role="status">{move || t("Loading your installations…", "Ihre Installationen werden geladen …")}</p> }>
                {content}
            </Transition>
        </section>
    }
    .into_any()
}

entry! {
    /// Each installation's card: an entry of the code loaded later (`crate::later`), so its
    /// code (the entitlement, the price and the order that fixes it, the downloads) is not
    /// loaded by every visitor of a release page; it starts loading the changes' code (an
    /// order).
    fn installation_cards(
        installations: Vec<Installation>,
        release: Arc<Release>,
        missed: Option<Loaded<Option<Result<ReleaseList, ApiError>>>>,
    ) -> AnyView {
        api::preload_changes();
        installations
            .into_iter()
            .map(|i| view! { <InstallationEntitlement installation=i release=release.clone() missed/> })
            .collect_view()
            .into_any()
    }
}

/// One installation: may it download this release, and what it takes if not.
#[component]
fn InstallationEntitlement(
    installation: Installation,
    release: Arc<Release>,
    /// The releases uncovered installations missed (None: they cannot be asked for).
    missed: Option<Loaded<Option<Result<ReleaseList, ApiError>>>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let coverage = installation.coverage();
    let licence_date = installation.licence_date;
    let decision = entitlement(release.date, licence_date, coverage);
    let allowed = decision.allowed();
    let running = coverage == Coverage::Running;
    let status = installation.sma.status;
    let fix = OrderKind::for_coverage(status);
    // Lapsed, or never had an SMA: "what renewing gets" is worth showing.
    let uncovered = fix == OrderKind::Sma;
    // The price of the fix, asked only when something is to be bought.
    let quote = (!allowed || uncovered).then(|| {
        let id = installation.id.clone();
        Loaded::query(move || api::coverage_quote(&id, fix == OrderKind::Renewal))
    });
    let heading_id = format!("rel-inst-{}", installation.id);
    let badge = move || match (decision, allowed) {
        (Entitlement::IncludedWithLicence, _) => ("badge ok", t("Included", "Enthalten")),
        (_, true) => ("badge ok", t("Covered", "Abgedeckt")),
        _ => ("badge warn", t("Needs an SMA", "SMA nötig")),
    };
    let why = move || text::entitlement(lang.get(), &decision, Some(licence_date), running);
    let downloads = allowed.then(|| {
        view! { <DownloadButtons installation_id=installation.id.clone() artifacts=release.artifacts.clone()/> }
    });
    // The price and the order that fix the coverage: in "what renewing gets" when that is
    // shown, else here.
    // The price and the order that fix the coverage, whenever something is to be bought.
    let fix_here = quote.map(|q| {
        let href = order_href(&installation.id, fix);
        view! {
            <FixPrice quote=q fix status/>
            <p><a class="button" href=href>{move || labels::fix_link(lang.get(), fix, status)}</a></p>
        }
    });
    // "What renewing gets", once the missed releases are in (nothing while they load or when
    // they could not be loaded: the price and the order are above).
    let gains = gains_since(&installation)
        .zip(missed)
        .map(|(since, missed)| {
            let installation = installation.clone();
            move || {
                missed.with(|m| match m {
                Some(Some(Ok(list))) => {
                    let releases = missed_releases(&list.releases, since, &installation.modules);
                    Some(view! { <RenewalGains installation=installation.clone() releases since/> })
                }
                _ => None,
            })
            }
        });
    let edition = book_today().edition_name(&installation.edition).to_owned();
    view! {
        <article class="rel-inst" aria-labelledby=heading_id>
            <header class="rel-inst-head">
                <h3 id=heading_id.clone()>{installation.name.clone()}</h3>
                <span class="muted">{edition}</span>
                <span class=move || badge().0>{move || badge().1}</span>
            </header>
            <p class="rel-inst-why">{why}</p>
            {downloads}
            {fix_here}
            {gains}
        </article>
    }
}

/// The price of the order that fixes the coverage, from the server's quote.
#[component]
fn FixPrice(
    quote: Loaded<Result<OrderQuote, ApiError>>,
    fix: OrderKind,
    status: SmaStatus,
) -> impl IntoView {
    let lang = use_lang();
    let sentence = move || {
        let l = lang.get();
        match quote.get() {
            None => l
                .t("Asking for the price…", "Preis wird ermittelt …")
                .to_owned(),
            Some(Err(e)) => account::price_failed(l, &e.message),
            Some(Ok(OrderQuote { quote: q, .. })) => account::fix_price(
                l,
                fix,
                status,
                q.total_due,
                q.amounts.gross,
                has_late_charges(&q),
            ),
        }
    };
    view! { <p class="rel-inst-price" role="status" aria-live="polite">{sentence}</p> }
}

/// A Download button per file: asks the API for a signed link and follows it (the file comes
/// as an attachment, the page stays).
#[component]
fn DownloadButtons(installation_id: String, artifacts: Vec<Artifact>) -> impl IntoView {
    let lang = use_lang();
    let busy = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let buttons = artifacts
        .into_iter()
        .map(|a| {
            let (inst, id, name) = (installation_id.clone(), a.id.clone(), a.name.clone());
            let mine = id.clone();
            let on_click = move |_| {
                if busy.get_untracked().is_some() {
                    return;
                }
                busy.set(Some(id.clone()));
                error.set(None);
                let (inst, id) = (inst.clone(), id.clone());
                spawn_local(async move {
                    let answer = api::download_link(&inst, &id).await;
                    busy.set(None);
                    match answer {
                        Ok(link) => {
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().assign(&link.url);
                            }
                        }
                        Err(e) => error.set(Some(e.message)),
                    }
                });
            };
            let working = move || busy.with(|b| b.as_deref() == Some(mine.as_str()));
            view! {
                <li>
                    <button type="button" on:click=on_click disabled=move || busy.with(Option::is_some) aria-busy=move || working().to_string()>
                        {move || lang.get().t("Download", "Herunterladen")}
                        " "
                        <span class="rel-file">{name.clone()}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="rel-inst-downloads">{buttons}</ul>
        <div role="alert" class="acct-alert">
            {move || error.get().map(|m| view! { <p class="notice bad">{m}</p> })}
        </div>
    }
}

/// "What renewing gets me": the releases since coverage ended with the notes that concern the
/// installation (its card gives the price and the order).
#[component]
fn RenewalGains(
    installation: Installation,
    releases: Vec<Release>,
    since: NaiveDate,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let status = installation.sma.status;
    let never_had = status == SmaStatus::None;
    let heading_id = format!("rel-gains-{}", installation.id);
    let name = installation.name.clone();
    let n = releases.len();
    let summary = move || text::missed_since(lang.get(), n, since, never_had);
    let items = releases
        .into_iter()
        .map(|r| {
            let notes = r.notes.len();
            let version = r.version.to_string();
            let list = r
                .notes
                .into_iter()
                .map(|note| {
                    let c = note.category;
                    view! {
                        <li>
                            <span class="badge">{move || labels::category(lang.get(), c)}</span>
                            " "
                            {note.text}
                        </li>
                    }
                })
                .collect_view();
            view! {
                // The link stays out of the summary: a summary is a button, and controls
                // nested in it are neither announced nor reachable as their own.
                <li>
                    <p class="rel-gains-release">
                        <a href=release_href(&r.version)>{r.version.to_string()}</a>
                        " · "
                        <ReleaseDate date=r.date/>
                        " "
                        <ChannelBadge channel=r.channel/>
                        " · "
                        {r.title}
                    </p>
                    <details>
                        <summary>
                            {move || text::changes_for_installation(lang.get(), &version, notes)}
                        </summary>
                        <ul class="rel-gains-notes">{list}</ul>
                    </details>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="rel-gains" aria-labelledby=heading_id>
            <h4 id=heading_id.clone()>
                {move || text::renewal_gains(lang.get(), &name)}
            </h4>
            <p>{summary}</p>
            <ul class="rel-gains-list">{items}</ul>
            <p class="muted small">{move || t(
                "Only changes that concern this installation's edition and modules are listed.",
                "Aufgeführt sind nur Änderungen, die Edition und Module dieser Installation betreffen.",
            )}</p>
        </section>
    }
}
