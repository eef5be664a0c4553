//! The page for addresses that do not exist.

use leptos::prelude::*;

/// Shown for every unknown path.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"Page not found"</h1>
            <p class="lead">"There is no page at this address."</p>
            // Full page loads: the calculator and the release notes live in different bundles.
            <p><a href="/" rel="external">"Go to the calculator"</a>" or "<a href="/releases" rel="external">"read the release notes"</a>"."</p>
        </section>
    }
}
