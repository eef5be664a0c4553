//! The SMA portal: calculator, release information and the customer account, as one SPA.

pub mod components;
pub mod pages;

use components::shell::{Footer, Header};
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

/// The whole app: the shell around the routed pages.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Header/>
            <main id="main" class="page" tabindex="-1">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::calculator::CalculatorPage/>
                    <Route path=path!("/releases") view=pages::releases::ReleasesPage/>
                    <Route path=path!("/account") view=pages::account::AccountPage/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}
