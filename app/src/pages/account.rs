//! `/account`: the signed-in customer area.

use leptos::prelude::*;

/// The account page.
#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"My account"</h1>
            <p class="lead">"See your installations and their SMA, renew, expand or upgrade, and get your invoices."</p>
            <p>"Sign-in for customers is coming in a later release of this portal."</p>
        </section>
    }
}
