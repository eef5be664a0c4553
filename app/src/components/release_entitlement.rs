//! A release page for a signed-in customer: for each installation whether it may download this
//! release (pricing.md section 7, decided by `shared::lifecycle::entitlement` from its SMA, as the Worker
//! decides it again for every link), a Download button per file when it may, and otherwise the
//! reason, the price and the order that fixes it. For a lapsed installation or one without an
//! SMA, "what renewing gets me": the releases since its coverage ended, with the notes that
//! concern its edition and modules.
//!
//! The session endpoints are only asked when the account page signed in from this browser (its
//! `localStorage` hint), so a visitor's page makes no request that must fail.

use crate::{
    api::{self, ApiError},
    clock::book_today,
    components::{
        order_panel::order_href,
        release_notes::{category_label, count, release_href, ChannelBadge, ReleaseDate},
        release_since::drop_superseded,
    },
    i18n::{use_lang, Lang},
    pages::account::{InstallationsUnavailable, NoInstallations},
    session::{set_signed_in_hint, signed_in_hint},
};
use chrono::NaiveDate;
use leptos::{prelude::*, task::spawn_local};
use sma_shared::{
    api::{Installation, ModuleQty, QuoteView},
    lifecycle::{entitlement, Coverage, Entitlement, SmaStatus},
    orders::OrderKind,
    releases::{Artifact, Note, Release},
};
use std::sync::Arc;

/// Whether a note concerns an installation with these modules: it names no module, or names
/// camera channels or the client (part of every edition), or a module the installation has
/// (which its edition allows, or it could not have it).
pub fn concerns(note: &Note, modules: &[ModuleQty]) -> bool {
    note.modules.is_empty()
        || note.modules.iter().any(|m| {
            matches!(m.as_str(), "camera" | "client") || modules.iter().any(|i| i.sku == *m)
        })
}

/// The releases dated after `since`, newest first, without pre-releases whose final release is
/// among them, each with the notes that concern an installation with `modules`.
pub fn missed_releases(all: &[Release], since: NaiveDate, modules: &[ModuleQty]) -> Vec<Release> {
    let after: Vec<Release> = all.iter().filter(|r| r.date > since).cloned().collect();
    let (mut kept, _) = drop_superseded(&after);
    for r in &mut kept {
        r.notes.retain(|n| concerns(n, modules));
    }
    kept
}

/// The link that orders `fix` (renewing, reinstating or buying the SMA) for an SMA in `status`.
fn fix_label(lang: Lang, fix: OrderKind, status: SmaStatus) -> &'static str {
    match (fix, status) {
        (OrderKind::Sma, SmaStatus::None) => lang.t("Buy an SMA", "SMA abschließen"),
        (OrderKind::Sma, _) => lang.t("Reinstate SMA", "SMA wieder aufnehmen"),
        _ => lang.t("Renew SMA", "SMA verlängern"),
    }
}

/// The sentence that says why an installation may or may not download a release.
pub fn reason(
    lang: Lang,
    e: &Entitlement,
    licence_date: Option<NaiveDate>,
    running: bool,
) -> String {
    let date = |d: NaiveDate| lang.date(d);
    match e {
        Entitlement::IncludedWithLicence => match (lang, licence_date) {
            (Lang::En, Some(l)) => format!("Included with the licence: this release came out on or before its licence date, {}.", date(l)),
            (Lang::De, Some(l)) => format!("Mit der Lizenz enthalten: Diese Version erschien spätestens am Lizenzdatum, dem {}.", date(l)),
            _ => lang.t("Included with the licence.", "Mit der Lizenz enthalten.").to_owned(),
        },
        Entitlement::CoveredBySma if running => lang
            .t(
                "Covered by the SMA, which renews automatically.",
                "Durch das SMA abgedeckt, das sich automatisch verlängert.",
            )
            .to_owned(),
        Entitlement::CoveredBySma => lang
            .t(
                "Covered by the SMA: this release came out while it was in force.",
                "Durch das SMA abgedeckt: Diese Version erschien während seiner Laufzeit.",
            )
            .to_owned(),
        Entitlement::NeedsSma {
            release,
            covered_until: Some(last),
        } => match lang {
            Lang::En => format!(
                "This release came out on {} after the SMA coverage ended on {}; renew or reinstate the SMA to download it.",
                date(*release),
                date(*last)
            ),
            Lang::De => format!(
                "Diese Version erschien am {}, nach dem Ende der SMA-Abdeckung am {}; verlängern Sie das SMA oder nehmen Sie es wieder auf, um sie herunterzuladen.",
                date(*release),
                date(*last)
            ),
        },
        Entitlement::NeedsSma {
            release,
            covered_until: None,
        } => match lang {
            Lang::En => format!(
                "This release came out on {} after the licence date, and the installation has no SMA; buy an SMA to download it.",
                date(*release)
            ),
            Lang::De => format!(
                "Diese Version erschien am {} nach dem Lizenzdatum, und die Installation hat kein SMA; schließen Sie ein SMA ab, um sie herunterzuladen.",
                date(*release)
            ),
        },
    }
}

/// The "your installations" section of a release page; nothing for a visitor.
#[component]
pub fn ReleaseEntitlement(release: Release, all: Option<Arc<Vec<Release>>>) -> impl IntoView {
    if !signed_in_hint() {
        return ().into_any();
    }
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let installations = LocalResource::new(api::installations);
    let release = Arc::new(release);
    let content = move || {
        let release = release.clone();
        let all = all.clone();
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
                Ok(list) => list
                    .installations
                    .into_iter()
                    .map(|i| view! { <InstallationEntitlement installation=i release=release.clone() all=all.clone()/> })
                    .collect_view()
                    .into_any(),
            }
        })
    };
    view! {
        <section class="card rel-entitle" aria-labelledby="rel-entitle-h">
            <h2 id="rel-entitle-h">{move || t("Your installations", "Ihre Installationen")}</h2>
            <Suspense fallback=move || view! { <p class="muted" role="status">{move || t("Loading your installations…", "Ihre Installationen werden geladen …")}</p> }>
                {content}
            </Suspense>
        </section>
    }
    .into_any()
}

/// One installation: may it download this release, and what it takes if not.
#[component]
fn InstallationEntitlement(
    installation: Installation,
    release: Arc<Release>,
    all: Option<Arc<Vec<Release>>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let coverage = installation.sma.coverage();
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
        LocalResource::new(move || {
            let id = id.clone();
            async move { api::coverage_quote(&id, fix == OrderKind::Renewal).await }
        })
    });
    let heading_id = format!("rel-inst-{}", installation.id);
    let badge = move || match (decision, allowed) {
        (Entitlement::IncludedWithLicence, _) => ("badge ok", t("Included", "Enthalten")),
        (_, true) => ("badge ok", t("Covered", "Abgedeckt")),
        _ => ("badge warn", t("Needs an SMA", "SMA nötig")),
    };
    let why = move || reason(lang.get(), &decision, Some(licence_date), running);
    let downloads = allowed.then(|| {
        view! { <DownloadButtons installation_id=installation.id.clone() artifacts=release.artifacts.clone()/> }
    });
    let since = coverage.needs_sma_after(licence_date);
    let gains = match (uncovered, since, all) {
        (true, Some(since), Some(all)) => Some(view! {
            <RenewalGains
                installation=installation.clone()
                releases=missed_releases(&all, since, &installation.modules)
                since
                fix
                quote
            />
        }),
        _ => None,
    };
    // The price and the order once: in "what renewing gets" when it is shown, else here.
    let fix_here = !allowed && gains.is_none();
    let price = quote
        .filter(|_| fix_here)
        .map(|q| view! { <FixPrice quote=q fix status/> });
    let action = fix_here.then(|| {
        let href = order_href(&installation.id, fix);
        view! { <p><a class="button" href=href>{move || fix_label(lang.get(), fix, status)}</a></p> }
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
            {price}
            {action}
            {gains}
        </article>
    }
}

/// The price of the order that fixes the coverage, from the server's quote.
#[component]
fn FixPrice(
    quote: LocalResource<Result<QuoteView, ApiError>>,
    fix: OrderKind,
    status: SmaStatus,
) -> impl IntoView {
    let lang = use_lang();
    let text = move || {
        let l = lang.get();
        match quote.get() {
            None => l
                .t("Asking for the price…", "Preis wird ermittelt …")
                .to_owned(),
            Some(Err(e)) => format!(
                "{} ({})",
                l.t(
                    "The price could not be loaded.",
                    "Der Preis konnte nicht geladen werden."
                ),
                e.message
            ),
            Some(Ok(q)) => {
                let what = match (fix, status) {
                    (OrderKind::Sma, SmaStatus::None) => {
                        l.t("An SMA for one year", "Ein SMA für ein Jahr")
                    }
                    (OrderKind::Sma, _) => l.t(
                        "Reinstating the SMA for one year",
                        "Die Wiederaufnahme des SMA für ein Jahr",
                    ),
                    _ => l.t(
                        "Renewing the SMA for the next term",
                        "Die Verlängerung des SMA um die nächste Laufzeit",
                    ),
                };
                let extras = q.amounts.lines.iter().any(|line| {
                    matches!(
                        line.kind,
                        sma_shared::orders::LineKind::BackPay | sma_shared::orders::LineKind::Fee
                    )
                });
                format!(
                    "{} {} {} {} ({} {}){}",
                    what,
                    l.t("costs", "kostet"),
                    l.money(q.total_due),
                    l.t("net of VAT", "netto"),
                    l.money(q.amounts.gross),
                    l.t("incl. VAT", "inkl. USt."),
                    if extras {
                        l.t(
                            ", back-pay and reinstatement fee included.",
                            ", inklusive Nachzahlung und Wiederaufnahmegebühr.",
                        )
                    } else {
                        "."
                    }
                )
            }
        }
    };
    view! { <p class="rel-inst-price" role="status" aria-live="polite">{text}</p> }
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
/// installation, the price and the order.
#[component]
fn RenewalGains(
    installation: Installation,
    releases: Vec<Release>,
    since: NaiveDate,
    fix: OrderKind,
    quote: Option<LocalResource<Result<QuoteView, ApiError>>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let status = installation.sma.status;
    let never_had = status == SmaStatus::None;
    let heading_id = format!("rel-gains-{}", installation.id);
    let name = installation.name.clone();
    let n = releases.len();
    let summary = move || {
        let l = lang.get();
        let releases = count(l, n, ("release", "Version"), ("releases", "Versionen"));
        match (l, never_had) {
            (Lang::En, false) => format!(
                "{releases} came out since the SMA ended on {}.",
                l.date(since)
            ),
            (Lang::De, false) => format!(
                "{releases} erschienen seit dem Ende des SMA am {}.",
                l.date(since)
            ),
            (Lang::En, true) => format!(
                "{releases} came out since the licence date, {}.",
                l.date(since)
            ),
            (Lang::De, true) => format!(
                "{releases} erschienen seit dem Lizenzdatum, dem {}.",
                l.date(since)
            ),
        }
    };
    let items = releases
        .into_iter()
        .map(|r| {
            let notes = r.notes.len();
            let list = r
                .notes
                .into_iter()
                .map(|note| {
                    let c = note.category;
                    view! {
                        <li>
                            <span class="badge">{move || category_label(lang.get(), c)}</span>
                            " "
                            {note.text}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li>
                    <details>
                        <summary>
                            <a href=release_href(&r.version)>{r.version.to_string()}</a>
                            " · "
                            <ReleaseDate date=r.date/>
                            " "
                            <ChannelBadge channel=r.channel/>
                            " · "
                            {r.title}
                            " "
                            <span class="muted">
                                {move || format!("({})", count(lang.get(), notes, ("change for this installation", "Änderung für diese Installation"), ("changes for this installation", "Änderungen für diese Installation")))}
                            </span>
                        </summary>
                        <ul class="rel-gains-notes">{list}</ul>
                    </details>
                </li>
            }
        })
        .collect_view();
    let price = quote.map(|q| view! { <FixPrice quote=q fix status/> });
    let href = order_href(&installation.id, fix);
    view! {
        <section class="rel-gains" aria-labelledby=heading_id>
            <h4 id=heading_id.clone()>
                {move || match lang.get() {
                    Lang::En => format!("What renewing gets {name}"),
                    Lang::De => format!("Was eine Verlängerung {name} bringt"),
                }}
            </h4>
            <p>{summary}</p>
            <ul class="rel-gains-list">{items}</ul>
            {price}
            <p><a class="button" href=href>{move || fix_label(lang.get(), fix, status)}</a></p>
            <p class="muted small">{move || t(
                "Only changes that concern this installation's edition and modules are listed.",
                "Aufgeführt sind nur Änderungen, die Edition und Module dieser Installation betreffen.",
            )}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::{api::InstallationSma, releases::Category};

    fn d(text: &str) -> NaiveDate {
        sma_shared::dates::parse_date(text, "").unwrap()
    }

    fn sma(status: &str, auto_renew: bool, term_end: Option<&str>) -> InstallationSma {
        InstallationSma {
            status: serde_json::from_str(&format!("\"{status}\"")).unwrap(),
            term_end: term_end.map(d),
            auto_renew,
            ..InstallationSma::NONE
        }
    }

    fn note(modules: &[&str]) -> Note {
        Note {
            category: Category::Fixed,
            text: "x".into(),
            modules: modules.iter().map(|m| (*m).to_owned()).collect(),
            areas: vec!["server".into()],
            breaking: false,
            os_change: false,
        }
    }

    fn module(sku: &str) -> ModuleQty {
        ModuleQty::new(sku, 1)
    }

    #[test]
    fn a_lapsed_installation_needs_an_sma_for_later_releases_and_is_told_why() {
        let e = entitlement(
            d("2027-04-20"),
            d("2024-07-28"),
            sma("lapsed", false, Some("2026-07-27")).coverage(),
        );
        assert!(!e.allowed());
        assert_eq!(
            reason(Lang::En, &e, None, false),
            "This release came out on 20 Apr 2027 after the SMA coverage ended on 27 Jul 2026; renew or reinstate the SMA to download it."
        );
        assert!(reason(Lang::De, &e, None, false).contains("20.04.2027"));
    }

    #[test]
    fn notes_concern_an_installation_through_its_modules_cameras_and_client() {
        let professional = [module("voip"), module("archive")];
        assert!(concerns(&note(&[]), &professional));
        assert!(concerns(&note(&["voip", "client"]), &professional));
        assert!(concerns(&note(&["camera"]), &professional));
        assert!(concerns(&note(&["client"]), &professional));
        assert!(!concerns(&note(&["pos"]), &professional));
        assert!(!concerns(&note(&["analytics", "storage"]), &professional));
    }

    #[test]
    fn the_fix_is_a_renewal_while_the_sma_runs_and_a_reinstatement_after() {
        let fix = |status| OrderKind::for_coverage(sma(status, false, None).status);
        assert_eq!(fix("cancelled"), OrderKind::Renewal);
        assert_eq!(fix("lapsed"), OrderKind::Sma);
        assert_eq!(fix("none"), OrderKind::Sma);
        assert_eq!(
            fix_label(Lang::En, fix("none"), SmaStatus::None),
            "Buy an SMA"
        );
        assert_eq!(
            fix_label(Lang::De, fix("lapsed"), SmaStatus::Lapsed),
            "SMA wieder aufnehmen"
        );
    }
}
