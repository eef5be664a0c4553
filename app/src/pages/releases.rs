//! `/releases`: the changelog browser.

use leptos::prelude::*;

/// The release information page.
#[component]
pub fn ReleasesPage() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"Releases"</h1>
            <p class="lead">"What each version brings, which systems it supports, and what is new since yours."</p>
            <p>"The release browser with search, filters and the compatibility matrix is coming in the next release of this portal."</p>
        </section>
    }
}
