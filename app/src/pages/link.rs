//! `/account/token?token=…[&decision=…]`: the page of every one-time link of the e-mails. It
//! asks what the link is for (nothing is used by opening it), then offers to set a password
//! (verification, invitation, reset) or to confirm a decision on a request for access.

use crate::{
    api,
    components::access::{
        link::{DecideForm, SetPasswordForm},
        model::{self, LinkStep},
    },
    hooks::use_document_title,
    i18n::use_lang,
    resource::Loaded,
    router::use_query,
    text::access as text,
};
use leptos::prelude::*;

/// The one-time link's page.
#[component]
pub fn LinkPage() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    use_document_title(move || format!("{} · SMA Portal", t("Your link", "Ihr Link")));
    let query = use_query();
    let token = query.with_untracked(|q| q.get("token").unwrap_or_default());
    let decision = query.with_untracked(|q| q.get("decision"));
    let asked = token.clone();
    let info = Loaded::query(move || api::inspect_token(&asked));
    let body = move || {
        let (token, decision) = (token.clone(), decision.clone());
        Suspend::new(async move {
            match info.await {
                Err(e) if model::link_gone(&e) => view! { <LinkGone/> }.into_any(),
                Err(e) => view! { <p class="notice bad" role="alert">{text::api_error(lang.get_untracked(), &e)}</p> }.into_any(),
                Ok(info) => {
                    let kind = info.kind;
                    let expires = info.expires_at.clone();
                    let step = model::link_step(&info, decision.as_deref());
                    view! {
                        <section class="hero">
                            <h1>{move || text::link_heading(lang.get(), kind)}</h1>
                            <p class="muted">{move || text::link_expires(lang.get(), &expires)}</p>
                        </section>
                        {match step {
                            LinkStep::SetPassword => view! { <SetPasswordForm token info/> }.into_any(),
                            LinkStep::Decide { suggested } => view! { <DecideForm token info suggested/> }.into_any(),
                        }}
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <Transition fallback=move || view! { <p class="muted" role="status">{move || t("Checking your link…", "Ihr Link wird geprüft …")}</p> }>
            {body}
        </Transition>
    }
}

/// A link that cannot be used (any more): what to do instead.
#[component]
fn LinkGone() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    view! {
        <section class="hero">
            <h1>{move || t("This link no longer works", "Dieser Link funktioniert nicht mehr")}</h1>
            <p class="lead">{move || t(
                "It was used already, has expired or was replaced by a newer one. Links in our messages work once and for a limited time.",
                "Er wurde schon benutzt, ist abgelaufen oder wurde durch einen neueren ersetzt. Links in unseren Nachrichten funktionieren einmal und für begrenzte Zeit.",
            )}</p>
        </section>
        <ul class="acct-next">
            <li><a href="/account/password-reset">{move || t("Ask for a new password link", "Einen neuen Passwort-Link anfordern")}</a></li>
            <li><a href="/account/register">{move || t("Register again with your licence number", "Erneut mit Ihrer Lizenznummer registrieren")}</a></li>
            <li><a href="/account">{move || t("Sign in", "Anmelden")}</a></li>
        </ul>
    }
}
