//! The frame around every page: header with navigation, and footer.

use leptos::prelude::*;
use leptos_router::components::A;

/// The site header with the main navigation.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">
                    <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
                        <rect width="32" height="32" rx="6" fill="currentColor"/>
                        <circle cx="16" cy="15" r="7" fill="none" stroke="#fff" stroke-width="3"/>
                        <circle cx="16" cy="15" r="2.5" fill="#fff"/>
                    </svg>
                    <span>"SMA Portal"</span>
                </a>
                <nav aria-label="Main">
                    <ul class="nav-list">
                        <li><A href="/" exact=true>"Calculator"</A></li>
                        <li><A href="/releases">"Releases"</A></li>
                        <li><A href="/account">"My account"</A></li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}

/// The site footer.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="wrap footer-row">
                <p>"Software Maintenance Agreement portal · All prices in EUR, net of VAT."</p>
                <p><a href="/releases.atom">"Release feed (Atom)"</a>" · "<a href="/api/openapi.json">"API"</a></p>
            </div>
        </footer>
    }
}
