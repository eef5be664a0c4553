//! `/account/colleagues`: the users of the signed-in user's company; administrators invite and
//! remove them.

use super::later;
use crate::{
    components::{
        access::colleagues::Colleagues,
        account::gate::{AccountGate, SignedIn},
    },
    hooks::use_document_title,
    i18n::use_lang,
    text::access as text,
};
use leptos::prelude::*;
use sma_shared::accounts::Action;

/// The colleagues page.
#[component]
pub fn ColleaguesPage() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    use_document_title(move || format!("{} · SMA Portal", t("Colleagues", "Kollegen")));
    view! {
        <AccountGate content=later::signed_in(later::Content::Colleagues)/>
    }
}

/// The page's signed-in content (loaded later: `later::signed_in`).
pub(super) fn content(s: SignedIn) -> AnyView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let role = s.user.role;
    let admin = role.may(Action::InviteUser);
    view! {
        <p><a href="/account">{move || t("Back to my installations", "Zurück zu meinen Installationen")}</a></p>
        <section class="hero">
            <h1>{move || t("Colleagues", "Kollegen")}</h1>
            <p class="lead">{s.user.customer.name.clone()}</p>
            <p>{move || text::role_explained(lang.get(), role)}</p>
        </section>
        <Colleagues admin/>
    }
    .into_any()
}
