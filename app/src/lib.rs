//! The SMA portal: calculator, release information and the customer account, as one SPA.

pub mod api;
pub mod calc;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod session;

use components::shell::{Footer, Header};
use i18n::Lang;
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

/// The whole app: the shell around the routed pages.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::initial());
    Effect::new(move |_| lang.get().remember());
    provide_context(lang);
    view! {
        <Router>
            <a class="skip-link" href="#main">{move || lang.get().t("Skip to content", "Zum Inhalt springen")}</a>
            <Header/>
            <main id="main" class="page" tabindex="-1">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::calculator::CalculatorPage/>
                    <Route path=path!("/releases") view=pages::releases::ReleasesPage/>
                    <Route path=path!("/releases/:version") view=pages::release::ReleasePage/>
                    <Route path=path!("/account") view=pages::account::AccountPage/>
                    <Route path=path!("/account/installations/:id") view=pages::installation::InstallationPage/>
                    <Route path=path!("/account/orders") view=pages::orders::OrdersPage/>
                    <Route path=path!("/account/orders/:id") view=pages::orders::InvoicePage/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}
