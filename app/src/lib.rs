//! The SMA portal: calculator, release information and the customer account, as two SPAs
//! sharing this library: the calculator bundle (`src/bin/calculator.rs`, served at `/`) and the
//! portal bundle (`src/bin/portal.rs`, `/releases*` and `/account*`), so that the first page
//! most visitors load carries only the calculator's code.
//!
//! Layers, each depending only on those after it: `pages` (one per route) → `components` (the
//! parts of each area, with its pure logic in a unit-tested `model`) → `hooks` and `resource`
//! (the loaded data, `Loaded<T>`) and `router` (the portal's address) → `api` (every HTTP call); beside them `text` (the sentences in English and German), `clock`, `session`,
//! `i18n`; all on `sma_shared`, which decides (prices, coverage, the orders an installation
//! offers).

pub mod api;
pub mod clock;
pub mod components;
pub mod hooks;
pub mod i18n;
pub mod later;
pub mod pages;
pub mod resource;
pub mod router;
pub mod session;
pub mod start;
pub mod text;

use components::shell::{plain_link, Footer, Header, OwnLink};
use i18n::{initial_lang, remember_lang};
use leptos::prelude::*;
use router::Route;

/// Which of the two Wasm bundles is running. Each bundle's router knows only its own pages;
/// links to the other bundle's pages are full page loads (`rel="external"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// `/` (index.html): the calculator, the first page most visitors load, kept small.
    Calculator,
    /// `/releases*` and `/account*` (portal.html): the release browser and the customer portal.
    Portal,
}

impl Bundle {
    /// Whether `path` (without query) is one of this bundle's pages.
    pub fn owns(self, path: &str) -> bool {
        let portal = ["/releases", "/account"].iter().any(|p| {
            path == *p
                || path
                    .strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with('/'))
        });
        portal == (self == Bundle::Portal)
    }
}

/// The frame around the pages: skip link, header, main, footer.
#[component]
fn Frame(bundle: Bundle, own_link: OwnLink, children: Children) -> impl IntoView {
    let lang = RwSignal::new(initial_lang());
    Effect::new(move |_| remember_lang(lang.get()));
    provide_context(lang);
    view! {
        <a class="skip-link" href="#main">{move || lang.get().t("Skip to content", "Zum Inhalt springen")}</a>
        {start::own_task(move || view! { <Header bundle=bundle own_link=own_link/> }.into_any())}
        <main id="main" class="page" tabindex="-1">
            {children()}
        </main>
        {start::own_task(|| view! { <Footer/> }.into_any())}
    }
}

/// The calculator bundle (`/`, and every unknown path). One page and the not-found page: no
/// router (its code was a tenth of this bundle); the calculator keeps its state in the address
/// itself (`hooks::use_search`).
#[component]
pub fn CalculatorApp() -> impl IntoView {
    let home = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|path| path == "/");
    view! {
        <Frame bundle=Bundle::Calculator own_link=plain_link>
            {start::own_task(move || if home {
                view! { <pages::calculator::CalculatorPage/> }.into_any()
            } else {
                view! { <pages::not_found::NotFound/> }.into_any()
            })}
        </Frame>
    }
}

/// Starts the calculator bundle: the frame index.html paints before the Wasm arrives is
/// replaced by the app in one step once it is built ([`start`]), so the browser never shows both.
pub fn mount_calculator() {
    after_first_paint(|| start::start(CalculatorApp));
}

/// Starts the portal bundle, replacing the frame its page painted first (`releases.html`
/// carries the release browser's; portal.html none), as [`mount_calculator`] does.
pub fn mount_portal() {
    after_first_paint(|| start::start(PortalApp));
}

/// Runs `start` once the browser has shown the page's frame (its first contentful paint is
/// reported), so that the frame is always seen first, however early the Wasm arrives (from the
/// cache, on a fast line): the page's largest text paints with the HTML, never only with the
/// app. Checked once per animation frame; after [`FRAMES_TO_WAIT`] frames the app starts
/// anyway (a browser without paint timing).
fn after_first_paint(start: impl FnOnce() + 'static) {
    wait_for_paint(start, FRAMES_TO_WAIT);
}

/// At most this many animation frames (about half a second at 60 Hz) before the app starts.
const FRAMES_TO_WAIT: u32 = 30;

fn wait_for_paint(start: impl FnOnce() + 'static, frames_left: u32) {
    let painted = window()
        .performance()
        .is_some_and(|p| p.get_entries_by_type("paint").length() > 0);
    if painted || frames_left == 0 {
        // Two frames more: the browser records the largest text of that paint a frame or two
        // after reporting it, and text removed before then never counts as painted.
        request_animation_frame(move || {
            request_animation_frame(move || set_timeout(start, std::time::Duration::ZERO))
        });
    } else {
        request_animation_frame(move || wait_for_paint(start, frames_left - 1));
    }
}

/// A link to a page of the portal, routed, marked `aria-current` when active.
pub fn routed_link(href: &'static str, label: Signal<&'static str>) -> AnyView {
    router::current_link(href, label)
}

/// The portal bundle: release browser and customer account.
#[component]
pub fn PortalApp() -> impl IntoView {
    let route = router::provide_router(|path| Bundle::Portal.owns(path));
    view! {
        <Frame bundle=Bundle::Portal own_link=routed_link>
            {start::own_task(move || (move || portal_page(route.get())).into_any())}
        </Frame>
    }
}

/// The page of a route of the portal.
fn portal_page(route: Route) -> AnyView {
    use pages::*;
    match route {
        Route::Releases => view! { <releases::ReleasesPage/> }.into_any(),
        Route::Release => view! { <release::ReleasePage/> }.into_any(),
        Route::Account => view! { <account::AccountPage/> }.into_any(),
        Route::Installation => view! { <installation::InstallationPage/> }.into_any(),
        Route::Orders => view! { <orders::OrdersPage/> }.into_any(),
        Route::Invoice => view! { <orders::InvoicePage/> }.into_any(),
        Route::Register => later::getting_in(later::GettingIn::Register),
        Route::PasswordReset => later::getting_in(later::GettingIn::PasswordReset),
        Route::Token => later::getting_in(later::GettingIn::Link),
        Route::Profile => view! { <profile::ProfilePage/> }.into_any(),
        Route::Colleagues => view! { <colleagues::ColleaguesPage/> }.into_any(),
        Route::NotFound => view! { <not_found::NotFound/> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::Bundle;

    #[test]
    fn each_path_belongs_to_one_bundle() {
        for p in ["/", "/no/such/page", "/releasesx", "/accounting"] {
            assert!(Bundle::Calculator.owns(p) && !Bundle::Portal.owns(p), "{p}");
        }
        for p in [
            "/releases",
            "/releases/6.1.2",
            "/account",
            "/account/orders/7",
        ] {
            assert!(Bundle::Portal.owns(p) && !Bundle::Calculator.owns(p), "{p}");
        }
    }
}
