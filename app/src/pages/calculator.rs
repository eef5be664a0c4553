//! `/`: the self-service cost calculator.

use leptos::prelude::*;

/// The calculator page.
#[component]
pub fn CalculatorPage() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"SMA cost calculator"</h1>
            <p class="lead">"Estimate licences and the Software Maintenance Agreement over the years."</p>
        </section>
    }
}
