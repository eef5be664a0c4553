//! The gate of the signed-in pages: it shows its content to a signed-in customer and the
//! sign-in form to anyone else.
//!
//! The session is an HttpOnly cookie the page cannot see, so the app remembers in
//! `localStorage` only *that* it signed in from this browser; `GET /api/me` is asked on load
//! when it did (a signed-out visitor is shown the form without a request that must fail).

use crate::{
    api::{self, Change, Done},
    hooks::{use_change, ChangeAction},
    i18n::use_lang,
    session::{set_signed_in_hint, signed_in_hint},
    text::account as text,
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use sma_shared::api::User;

/// Where the gate stands.
#[derive(Clone, Debug, PartialEq)]
enum Auth {
    Checking,
    SignedOut,
    SignedIn(User),
}

/// A signed-in visitor, and the action that signs them out (`Change::SignOut`).
#[derive(Clone)]
pub struct SignedIn {
    /// The user.
    pub user: User,
    /// Signs in and out; the gate follows its answers.
    pub session: ChangeAction,
}

/// Shows `content` to a signed-in customer and the sign-in form to anyone else.
#[component]
pub fn AccountGate(content: Callback<SignedIn, AnyView>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let auth = RwSignal::new(if signed_in_hint() {
        Auth::Checking
    } else {
        Auth::SignedOut
    });
    if signed_in_hint() {
        spawn_local(async move {
            match api::me().await {
                Ok(body) => auth.set(Auth::SignedIn(body.user)),
                Err(_) => {
                    set_signed_in_hint(false);
                    auth.set(Auth::SignedOut);
                }
            }
        });
    }
    // Signing in and out are one action's changes; the gate follows its answers.
    let session = use_change();
    Effect::new(move |_| match session.value().get() {
        Some(Ok(Done::SignedIn(user))) => {
            set_signed_in_hint(true);
            auth.set(Auth::SignedIn(user));
        }
        Some(Ok(Done::SignedOut)) => {
            set_signed_in_hint(false);
            auth.set(Auth::SignedOut);
        }
        _ => {}
    });

    move || match auth.get() {
        Auth::Checking => view! {
            <section class="hero">
                <h1>{move || t("My account", "Mein Konto")}</h1>
                <p class="muted" role="status" aria-live="polite">
                    {move || t("Checking your sign-in…", "Anmeldung wird geprüft …")}
                </p>
            </section>
        }
        .into_any(),
        Auth::SignedOut => view! { <SignInForm session/> }.into_any(),
        Auth::SignedIn(user) => content.run(SignedIn { user, session }),
    }
}

/// The sign-in form: it dispatches `Change::SignIn` to the gate's `session` action, whose
/// pending state disables the button and whose error is shown (the password is cleared).
#[component]
fn SignInForm(session: ChangeAction) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submitting = session.pending();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !submitting.get_untracked() {
            session.dispatch_local(Change::SignIn {
                email: email.get_untracked(),
                password: password.get_untracked(),
            });
            password.set(String::new());
        }
    };
    let error = move || session.value().get().and_then(Result::err);

    view! {
        <section class="hero">
            <h1>{move || t("Sign in to your account", "Anmeldung zu Ihrem Konto")}</h1>
            <p class="lead">
                {move || t(
                    "See your installations and the state of their SMA.",
                    "Sehen Sie Ihre Installationen und den Stand ihres SMA.",
                )}
            </p>
        </section>
        <form class="card acct-signin" on:submit=on_submit>
            <div class="field">
                <label for="acct-email">{move || t("Email", "E-Mail")}</label>
                <input
                    id="acct-email"
                    type="email"
                    name="email"
                    autocomplete="username"
                    required
                    prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="acct-password">{move || t("Password", "Passwort")}</label>
                <input
                    id="acct-password"
                    type="password"
                    name="password"
                    autocomplete="current-password"
                    required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
            </div>
            <div role="alert" class="acct-alert">
                {move || {
                    (!submitting.get())
                        .then(error)
                        .flatten()
                        .map(|e| view! { <p class="notice bad">{text::sign_in_error(lang.get(), &e)}</p> })
                }}
            </div>
            <button type="submit" disabled=move || submitting.get() aria-busy=move || submitting.get().to_string()>
                {move || if submitting.get() { t("Signing in…", "Anmeldung läuft …") } else { t("Sign in", "Anmelden") }}
            </button>
        </form>
        <ul class="acct-next">
            <li><a href="/account/password-reset">{move || t("Forgotten your password?", "Passwort vergessen?")}</a></li>
            <li><a href="/account/register">{move || t("New here? Register with your licence number", "Neu hier? Mit Ihrer Lizenznummer registrieren")}</a></li>
        </ul>
    }
}
