//! The frame around every page: header with navigation and language switch, and footer.

use crate::{
    i18n::{use_lang, Lang},
    Bundle,
};
use leptos::prelude::*;
use leptos_router::components::A;

/// A navigation link: routed inside this bundle (and marked `aria-current` when active), a full
/// page load into the other one.
fn nav_link(
    bundle: Bundle,
    href: &'static str,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
) -> AnyView {
    if bundle.owns(href) {
        view! { <A href=href exact={href == "/"}>{label}</A> }.into_any()
    } else {
        view! { <a href=href rel="external">{label}</a> }.into_any()
    }
}

/// The site header with the main navigation and the language switch.
#[component]
pub fn Header(bundle: Bundle) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/" rel=(!bundle.owns("/")).then_some("external")>
                    <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
                        <rect width="32" height="32" rx="6" fill="currentColor"/>
                        <circle cx="16" cy="15" r="7" fill="none" stroke="#fff" stroke-width="3"/>
                        <circle cx="16" cy="15" r="2.5" fill="#fff"/>
                    </svg>
                    <span>"SMA Portal"</span>
                </a>
                <nav aria-label="Main">
                    <ul class="nav-list">
                        <li>{nav_link(bundle, "/", move || t("Calculator", "Kostenrechner"))}</li>
                        <li>{nav_link(bundle, "/releases", move || t("Releases", "Versionen"))}</li>
                        <li>{nav_link(bundle, "/account", move || t("My account", "Mein Konto"))}</li>
                    </ul>
                </nav>
                <div class="header-tools lang-switch">
                    <label for="lang-select" class="sr-only">{move || t("Language", "Sprache")}</label>
                    <select
                        id="lang-select"
                        prop:value=move || lang.get().code()
                        on:change=move |ev| {
                            if let Some(l) = Lang::parse(&event_target_value(&ev)) {
                                lang.set(l);
                            }
                        }
                    >
                        <option value="en">"English"</option>
                        <option value="de">"Deutsch"</option>
                    </select>
                </div>
            </div>
        </header>
    }
}

/// The site footer.
#[component]
pub fn Footer() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    view! {
        <footer class="site-footer">
            <div class="wrap footer-row">
                <p>{move || t("Software Maintenance Agreement portal · All prices in EUR, net of VAT.", "Portal für Softwarepflegeverträge · Alle Preise in EUR, netto zzgl. USt.")}</p>
                <p>
                    <a href="/releases.atom" rel="external">{move || t("Release feed (Atom)", "Versions-Feed (Atom)")}</a>
                    " · "
                    <a href="/api/openapi.json" rel="external">"API"</a>
                </p>
            </div>
        </footer>
    }
}
