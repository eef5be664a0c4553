//! `/account`: the signed-in customer area: the sign-in form, and once signed in the customer's
//! installations with the state of their SMA.

use super::later;
use crate::{
    api::{self, Change},
    components::account::{
        gate::{AccountGate, SignedIn},
        installation::{InstallationCard, InstallationsUnavailable, NoInstallations},
    },
    hooks::{use_document_title, ChangeAction},
    i18n::use_lang,
    resource::Loaded,
    text::account as text,
};
use leptos::prelude::*;
use sma_shared::{accounts::Action, api::User};

/// The account page.
#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    use_document_title(move || {
        format!("{} · SMA Portal", lang.get().t("My account", "Mein Konto"))
    });
    view! {
        <AccountGate content=later::signed_in(later::Content::Dashboard)/>
    }
}

/// The page's signed-in content (loaded later: `later::signed_in`).
pub(super) fn content(s: SignedIn) -> AnyView {
    view! { <Dashboard user=s.user session=s.session/> }.into_any()
}

/// The signed-in dashboard; signing out is a change of the gate's `session` action.
#[component]
fn Dashboard(user: User, session: ChangeAction) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let installations = Loaded::query(api::installations);
    let role = user.role;
    let signing_out = session.pending();
    let out_error = move || match session.value().get() {
        Some(Err(e)) if !signing_out.get() => Some(e.message),
        _ => None,
    };

    let content = move || {
        Suspend::new(async move {
            match installations.await {
                Err(e) => view! {
                    <InstallationsUnavailable message=e.message retry=Callback::new(move |()| installations.refetch())/>
                }
                .into_any(),
                Ok(list) if list.installations.is_empty() => view! { <NoInstallations/> }.into_any(),
                Ok(list) => {
                    let count = list.installations.len();
                    view! {
                    <p class="sr-only" role="status" aria-live="polite">
                        {move || text::installations(lang.get(), count)}
                    </p>
                    <ul class="acct-list">
                        {list
                            .installations
                            .into_iter()
                            .map(|i| view! { <li><InstallationCard installation=i initial=None role/></li> })
                            .collect_view()}
                    </ul>
                    }
                    .into_any()
                }
            }
        })
    };

    view! {
        <section class="hero acct-hero">
            <div>
                <h1>{move || t("My account", "Mein Konto")}</h1>
                <p class="lead">
                    <span class="acct-customer">{user.customer.name.clone()}</span>
                    <span class="muted small">" · " {user.email.clone()} " · " {move || crate::text::access::role_name(lang.get(), role)}</span>
                </p>
            </div>
            <button type="button" class="secondary" on:click=move |_| { session.dispatch_local(Change::SignOut); } disabled=move || signing_out.get()>
                {move || t("Sign out", "Abmelden")}
            </button>
        </section>
        <div role="alert">
            {move || out_error().map(|m| view! { <p class="notice bad">{m}</p> })}
        </div>
        <h2 class="sr-only">{move || t("Your installations", "Ihre Installationen")}</h2>
        <Transition fallback=move || view! { <p class="muted" role="status">{move || t("Loading your installations…", "Ihre Installationen werden geladen …")}</p> }>
            {content}
        </Transition>
        <ul class="acct-next acct-links">
            <li><a href="/account/orders">{move || t("Orders and invoices", "Bestellungen und Rechnungen")}</a></li>
            {role.may(Action::InviteUser).then(|| view! {
                <li><a href="/account/colleagues">{move || t("Colleagues", "Kollegen")}</a></li>
            })}
            <li><a href="/account/profile">{move || t("Sign-in and notifications", "Anmeldung und Benachrichtigungen")}</a></li>
        </ul>
    }
}
