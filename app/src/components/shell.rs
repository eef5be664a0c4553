//! The frame around every page: header with navigation and language switch, and footer.

use crate::{
    i18n::{use_lang, Lang},
    Bundle,
};
use leptos::prelude::*;

/// How a bundle links to one of its own pages, marked `aria-current="page"` on that page: the
/// portal through its router ([`crate::routed_link`]), the calculator, which has no router, with
/// [`plain_link`]. A function, not a flag, so that the calculator's Wasm carries no router.
pub type OwnLink = fn(href: &'static str, label: Signal<&'static str>) -> AnyView;

/// A link to a page of a bundle without a router: a full page load, current when the address
/// is its path.
pub fn plain_link(href: &'static str, label: Signal<&'static str>) -> AnyView {
    let current = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|path| path == href);
    view! { <a href=href aria-current=current.then_some("page")>{label}</a> }.into_any()
}

/// A navigation link: inside this bundle as `own` renders it, a full page load into another.
fn nav_link(
    bundle: Bundle,
    own: OwnLink,
    href: &'static str,
    label: Signal<&'static str>,
) -> AnyView {
    if bundle.owns(href) {
        own(href, label)
    } else {
        view! { <a href=href rel="external">{label}</a> }.into_any()
    }
}

/// The site header with the main navigation and the language switch.
#[component]
pub fn Header(bundle: Bundle, own_link: OwnLink) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let label = move |en, de| Signal::derive(move || t(en, de));
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
                        <li>{nav_link(bundle, own_link, "/", label("Calculator", "Kostenrechner"))}</li>
                        <li>{nav_link(bundle, own_link, "/releases", label("Releases", "Versionen"))}</li>
                        <li>{nav_link(bundle, own_link, "/account", label("My account", "Mein Konto"))}</li>
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
