//! The forms of a one-time link's page: setting a password (verification, invitation, reset),
//! which signs in, and confirming a decision on a request for access.

use super::{
    field::{field_error, focus, Field, FormAlert},
    model::{self, FieldProblem},
};
use crate::{
    api::{Change, Done},
    hooks::use_change,
    i18n::use_lang,
    router::use_navigate,
    session::set_signed_in_hint,
    text::access as text,
};
use leptos::{ev::SubmitEvent, prelude::*};
use sma_shared::{
    accounts::Decision,
    api::{AccessDecisionRequest, RedeemRequest, TokenInfo},
};

/// The new password and its confirmation of `email`'s account; `problems` are shown at them.
#[component]
pub fn NewPasswordFields(
    /// The id and name of the new password's input.
    id: &'static str,
    password: RwSignal<String>,
    confirm: RwSignal<String>,
    problems: RwSignal<Vec<FieldProblem>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    view! {
        <Field id=id kind="password" autocomplete="new-password" value=password
            label=Signal::derive(move || t("New password", "Neues Passwort"))
            hint=Signal::derive(move || text::password_rule(lang.get()))
            error=field_error(problems, "password")/>
        <Field id="confirm" kind="password" autocomplete="new-password" value=confirm
            label=Signal::derive(move || t("Repeat the new password", "Neues Passwort wiederholen"))
            error=field_error(problems, "confirm")/>
    }
}

/// Sets the password of a verification, invitation or reset link and signs in; then the
/// account page.
#[component]
pub fn SetPasswordForm(token: String, info: TokenInfo) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::new());
    let redeem = use_change();
    let busy = redeem.pending();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(Done::SignedIn(_))) = redeem.value().get() {
            set_signed_in_hint(true);
            navigate("/account", Default::default());
        }
    });
    let email = info.email.clone();
    let username = info.email.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (p, c) = (password.get_untracked(), confirm.get_untracked());
        match model::new_password(&p, &c, &email, "password") {
            Err(found) => {
                focus(if found[0].field() == "confirm" {
                    "confirm"
                } else {
                    "password"
                });
                problems.set(found);
            }
            Ok(()) => {
                problems.set(Vec::new());
                redeem.dispatch_local(Change::Redeem(RedeemRequest {
                    token: token.clone(),
                    password: p,
                }));
            }
        }
    };
    view! {
        <form class="card acct-signin" on:submit=on_submit novalidate>
            <p>{move || text::link_purpose(lang.get(), &info)}</p>
            <input type="email" name="username" autocomplete="username" value=username hidden readonly/>
            <NewPasswordFields id="password" password confirm problems/>
            <FormAlert action=redeem/>
            <button type="submit" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                {move || t("Set password and sign in", "Passwort festlegen und anmelden")}
            </button>
        </form>
    }
}

/// Asks an administrator to confirm a decision on a request for access, then tells what
/// followed.
#[component]
pub fn DecideForm(token: String, info: TokenInfo, suggested: Option<Decision>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let decide = use_change();
    let busy = decide.pending();
    let done = move || match decide.value().get() {
        Some(Ok(Done::Decided(d, email))) => Some(text::decided(lang.get(), d, &email)),
        _ => None,
    };
    let send = move |decision| {
        if !busy.get_untracked() {
            decide.dispatch_local(Change::Decide(AccessDecisionRequest {
                token: token.clone(),
                decision,
            }));
        }
    };
    let (approve, decline) = (send.clone(), send);
    let primary = move |d: Decision| {
        if suggested.unwrap_or(Decision::Approve) == d {
            ""
        } else {
            "secondary"
        }
    };
    view! {
        <div class="card acct-signin">
            <p>{move || text::link_purpose(lang.get(), &info)}</p>
            <p role="status" class="acct-renew-result">{done}</p>
            <FormAlert action=decide/>
            <Show when=move || done().is_none()>
                <div class="acct-quote-actions">
                    <button type="button" class=primary(Decision::Approve) disabled=move || busy.get()
                        on:click={let approve = approve.clone(); move |_| approve(Decision::Approve)}>
                        {move || t("Approve access", "Zugang freigeben")}
                    </button>
                    <button type="button" class=primary(Decision::Decline) disabled=move || busy.get()
                        on:click={let decline = decline.clone(); move |_| decline(Decision::Decline)}>
                        {move || t("Decline", "Ablehnen")}
                    </button>
                </div>
            </Show>
        </div>
    }
}
