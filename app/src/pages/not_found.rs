//! The page for addresses that do not exist.

use leptos::prelude::*;

/// Shown for every unknown path.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"Page not found"</h1>
            <p class="lead">"There is no page at this address."</p>
            <p><a href="/">"Go to the calculator"</a>" or "<a href="/releases">"read the release notes"</a>"."</p>
        </section>
    }
}
