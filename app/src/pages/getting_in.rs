//! `/account/register` and `/account/password-reset`: asking for a way in with a licence
//! number, and for a new password. Both are answered alike whether or not anything is known,
//! so both pages say what follows *if* it is.

use crate::{
    api::{Change, Done},
    components::access::{
        field::{field_error, focus, Field, FormAlert},
        model::{self, FieldProblem},
    },
    hooks::{use_change, use_document_title},
    i18n::use_lang,
    text::access as text,
};
use leptos::{ev::SubmitEvent, prelude::*};
use sma_shared::api::PasswordResetRequest;

/// The registration page: licence number and e-mail address.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    use_document_title(move || format!("{} · SMA Portal", t("Register", "Registrieren")));
    let licence = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::new());
    let register = use_change();
    let sent_to = RwSignal::new(None::<String>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if register.pending().get_untracked() {
            return;
        }
        match model::registration(
            &licence.get_untracked(),
            &email.get_untracked(),
            lang.get_untracked(),
        ) {
            Err(found) => {
                focus(found[0].field());
                problems.set(found);
            }
            Ok(request) => {
                problems.set(Vec::new());
                sent_to.set(Some(request.email.clone()));
                register.dispatch_local(Change::Register(request));
            }
        }
    };
    let done = move || match register.value().get() {
        Some(Ok(Done::Accepted)) => sent_to.get(),
        _ => None,
    };
    view! {
        <section class="hero">
            <h1>{move || t("Register with your licence number", "Mit Ihrer Lizenznummer registrieren")}</h1>
            <p class="lead">{move || t(
                "Your licence number is printed on your licence certificate. Your company's registered contact becomes its first administrator; anyone else is let in by an administrator.",
                "Ihre Lizenznummer steht auf Ihrem Lizenzzertifikat. Die hinterlegte Kontaktadresse Ihrer Firma wird deren erster Administrator; alle anderen lässt ein Administrator herein.",
            )}</p>
        </section>
        <Show when=move || done().is_none() fallback=move || view! {
            <p class="notice ok" role="status">{move || text::registration_sent(lang.get(), &done().unwrap_or_default())}</p>
        }>
            <form class="card acct-signin" on:submit=on_submit novalidate>
                <Field id="licence_number" kind="text" autocomplete="off" value=licence
                    label=Signal::derive(move || t("Licence number", "Lizenznummer"))
                    hint=Signal::derive(move || t("Like SMA-XXXX-XXXX-C; spaces and hyphens do not matter.", "Etwa SMA-XXXX-XXXX-C; Leerzeichen und Bindestriche spielen keine Rolle.").to_owned())
                    error=field_error(problems, "licence_number")/>
                <Field id="email" kind="email" autocomplete="email" value=email
                    label=Signal::derive(move || t("Your e-mail address", "Ihre E-Mail-Adresse"))
                    error=field_error(problems, "email")/>
                <FormAlert action=register/>
                <button type="submit" disabled=move || register.pending().get()>{move || t("Register", "Registrieren")}</button>
            </form>
        </Show>
        <p class="acct-next"><a href="/account">{move || t("I have an account: sign in", "Ich habe ein Konto: anmelden")}</a></p>
    }
}

/// The page that asks for a password-reset link.
#[component]
pub fn PasswordResetPage() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    use_document_title(move || {
        format!(
            "{} · SMA Portal",
            t("Forgotten password", "Passwort vergessen")
        )
    });
    let email = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let reset = use_change();
    let sent_to = RwSignal::new(None::<String>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if reset.pending().get_untracked() {
            return;
        }
        match model::address(&email.get_untracked()) {
            Err(found) => {
                focus("email");
                problems.set(found);
            }
            Ok(address) => {
                problems.set(Vec::new());
                sent_to.set(Some(address.clone()));
                reset.dispatch_local(Change::RequestReset(PasswordResetRequest {
                    email: address,
                }));
            }
        }
    };
    let done = move || match reset.value().get() {
        Some(Ok(Done::Accepted)) => sent_to.get(),
        _ => None,
    };
    view! {
        <section class="hero">
            <h1>{move || t("Forgotten password", "Passwort vergessen")}</h1>
            <p class="lead">{move || t(
                "Enter the e-mail address you sign in with; we send a link to set a new password.",
                "Geben Sie die E-Mail-Adresse ein, mit der Sie sich anmelden; wir senden einen Link zum Festlegen eines neuen Passworts.",
            )}</p>
        </section>
        <Show when=move || done().is_none() fallback=move || view! {
            <p class="notice ok" role="status">{move || text::reset_sent(lang.get(), &done().unwrap_or_default())}</p>
        }>
            <form class="card acct-signin" on:submit=on_submit novalidate>
                <Field id="email" kind="email" autocomplete="username" value=email
                    label=Signal::derive(move || t("E-mail address", "E-Mail-Adresse"))
                    error=field_error(problems, "email")/>
                <FormAlert action=reset/>
                <button type="submit" disabled=move || reset.pending().get()>{move || t("Send the link", "Link senden")}</button>
            </form>
        </Show>
        <p class="acct-next"><a href="/account">{move || t("Back to sign-in", "Zurück zur Anmeldung")}</a></p>
    }
}
