//! `/releases/{version}`: one release.

use leptos::prelude::*;

/// The page of one release.
#[component]
pub fn ReleasePage() -> impl IntoView {
    view! { <section class="hero"><h1>"Release"</h1></section> }
}
