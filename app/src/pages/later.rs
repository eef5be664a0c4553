//! The pages whose code the browser loads only when one is shown: the signed-in pages' content
//! and the getting-in pages (registration, password reset, the e-mailed links). Each entry is
//! `#[lazy]` in the portal's build (feature `split`): `scripts/split-portal.mjs` splits its code out of the portal's Wasm into a module
//! of its own after `cargo build`. The release browser, the account pages' titles, gate and
//! sign-in form stay in the portal's module, so a visitor of `/releases` or a signed-out
//! visitor of `/account` loads no more.

use super::{account, colleagues, getting_in, installation, link, orders, profile};
#[cfg(feature = "split")]
use crate::session::signed_in_hint;
use crate::{components::account::gate::SignedIn, i18n::use_lang};
use leptos::prelude::*;

/// A signed-in page's content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    /// `/account`: the installations.
    Dashboard,
    /// `/account/installations/:id`.
    Installation,
    /// `/account/orders`.
    Orders,
    /// `/account/orders/:id`.
    Invoice,
    /// `/account/profile`.
    Profile,
    /// `/account/colleagues`.
    Colleagues,
}

/// A getting-in page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GettingIn {
    /// `/account/register`.
    Register,
    /// `/account/password-reset`.
    PasswordReset,
    /// `/account/token`: a link from an e-mail.
    Link,
}

/// The gate's content for `page`: its module loaded (once per visit), then the page rendered
/// by it. A visitor who signed in from this browser before starts loading the module with the
/// page, side by side with the gate's check of the session.
pub fn signed_in(page: Content) -> Callback<SignedIn, AnyView> {
    #[cfg(feature = "split")]
    if signed_in_hint() {
        leptos::task::spawn_local(__preload_signed_in_page());
    }
    Callback::new(move |s: SignedIn| {
        let lang = use_lang();
        // Until it is in, the gate's heading stays and its status says what is happening.
        let waiting = move || {
            view! {
                <section class="hero">
                    <h1>{move || lang.get().t("My account", "Mein Konto")}</h1>
                    <p class="muted" role="status" aria-live="polite">{move || lang.get().t("Loading…", "Wird geladen …")}</p>
                </section>
            }
        };
        view! { <Suspense fallback=waiting>{Suspend::new(signed_in_page(page, s))}</Suspense> }
            .into_any()
    })
}

/// A getting-in page, its module loaded first ("Loading…", as the page's frame says, until
/// then).
pub fn getting_in(page: GettingIn) -> AnyView {
    let lang = use_lang();
    let waiting = move || {
        view! { <p class="muted" role="status">{move || lang.get().t("Loading…", "Wird geladen …")}</p> }
    };
    view! { <Suspense fallback=waiting>{Suspend::new(getting_in_page(page))}</Suspense> }.into_any()
}

/// Renders a signed-in page's content: an entry of the module loaded later.
#[cfg_attr(feature = "split", lazy)]
async fn signed_in_page(page: Content, s: SignedIn) -> AnyView {
    match page {
        Content::Dashboard => account::content(s),
        Content::Installation => installation::content(s),
        Content::Orders => orders::history(s),
        Content::Invoice => orders::invoice(s),
        Content::Profile => profile::content(s),
        Content::Colleagues => colleagues::content(s),
    }
}

/// Renders a getting-in page: an entry of the module loaded later.
#[cfg_attr(feature = "split", lazy)]
async fn getting_in_page(page: GettingIn) -> AnyView {
    match page {
        GettingIn::Register => view! { <getting_in::RegisterPage/> }.into_any(),
        GettingIn::PasswordReset => view! { <getting_in::PasswordResetPage/> }.into_any(),
        GettingIn::Link => view! { <link::LinkPage/> }.into_any(),
    }
}
