//! `/account/profile` (and `/account/notifications`, the link of the e-mails): the signed-in
//! user's password, sessions and notification preferences.

use super::later;
use crate::{
    components::{
        access::own::{ChangePasswordForm, Notifications, Sessions},
        account::gate::{AccountGate, SignedIn},
    },
    hooks::use_document_title,
    i18n::use_lang,
};
use leptos::prelude::*;

/// The user's own settings page.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let lang = use_lang();
    use_document_title(move || {
        format!(
            "{} · SMA Portal",
            lang.get().t(
                "Sign-in and notifications",
                "Anmeldung und Benachrichtigungen"
            )
        )
    });
    view! {
        <AccountGate content=later::signed_in(later::Content::Profile)/>
    }
}

/// The page's signed-in content (loaded later: `later::signed_in`).
pub(super) fn content(s: SignedIn) -> AnyView {
    view! { <Profile email=s.user.email/> }.into_any()
}

#[component]
fn Profile(email: String) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let reload = RwSignal::new(0u32);
    view! {
        <p><a href="/account">{move || t("Back to my installations", "Zurück zu meinen Installationen")}</a></p>
        <section class="hero">
            <h1>{move || t("Sign-in and notifications", "Anmeldung und Benachrichtigungen")}</h1>
            <p class="lead">{email.clone()}</p>
        </section>
        <div class="card">
            <ChangePasswordForm email on_changed=Callback::new(move |()| reload.update(|n| *n += 1))/>
        </div>
        <Sessions reload/>
        <Notifications/>
    }
}
