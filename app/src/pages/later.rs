//! The pages whose code the browser loads only when one is shown (`crate::later`): the
//! signed-in pages' content and the getting-in pages (registration, password reset, the
//! e-mailed links). The release browser, the account pages' titles, gate and sign-in form stay
//! in the portal's module, so a visitor of `/releases` or a signed-out visitor of `/account`
//! loads no more.

use super::{account, colleagues, getting_in, installation, link, orders, profile};
#[cfg(feature = "split")]
use crate::session::signed_in_hint;
use crate::{
    api,
    components::{account::gate::SignedIn, notice::CodeUnavailable},
    i18n::use_lang,
    later::{entry, Unavailable},
};
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
        wasm_bindgen_futures::spawn_local(async {
            let _ = __wasm_split_preload_signed_in_page().await;
        });
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
        let page = async move { or_unavailable(signed_in_page(page, s).await) };
        view! { <Suspense fallback=waiting>{Suspend::new(page)}</Suspense> }.into_any()
    })
}

/// A getting-in page, its module loaded first ("Loading…", as the page's frame says, until
/// then).
pub fn getting_in(page: GettingIn) -> AnyView {
    let lang = use_lang();
    let waiting = move || {
        view! { <p class="muted" role="status">{move || lang.get().t("Loading…", "Wird geladen …")}</p> }
    };
    let page = async move { or_unavailable(getting_in_page(page).await) };
    view! { <Suspense fallback=waiting>{Suspend::new(page)}</Suspense> }.into_any()
}

/// The page, or what to do when its code could not be loaded.
fn or_unavailable(page: Result<AnyView, Unavailable>) -> AnyView {
    page.unwrap_or_else(|Unavailable| view! { <CodeUnavailable/> }.into_any())
}

entry! {
    /// Renders a signed-in page's content (and starts loading the changes' code): an entry of
    /// the code loaded later.
    fn signed_in_page(page: Content, s: SignedIn) -> AnyView {
        api::preload_changes();
        match page {
            Content::Dashboard => account::content(s),
            Content::Installation => installation::content(s),
            Content::Orders => orders::history(s),
            Content::Invoice => orders::invoice(s),
            Content::Profile => profile::content(s),
            Content::Colleagues => colleagues::content(s),
        }
    }
}

entry! {
    /// Renders a getting-in page (and starts loading the changes' code): an entry of the code
    /// loaded later.
    fn getting_in_page(page: GettingIn) -> AnyView {
        api::preload_changes();
        match page {
            GettingIn::Register => view! { <getting_in::RegisterPage/> }.into_any(),
            GettingIn::PasswordReset => view! { <getting_in::PasswordResetPage/> }.into_any(),
            GettingIn::Link => view! { <link::LinkPage/> }.into_any(),
        }
    }
}
