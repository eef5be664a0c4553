//! The signed-in user's own account: changing the password (with the current one), the active
//! sessions with signing out everywhere, and the notification preferences.

use super::{
    field::{field_error, focus, Field, FormAlert},
    link::NewPasswordFields,
    model::{self, FieldProblem},
};
use crate::{
    api::{self, Change, Done},
    hooks::use_change,
    i18n::{use_lang, Lang},
    resource::Loaded,
    session::set_signed_in_hint,
    text::access as text,
};
use leptos::{ev::SubmitEvent, prelude::*};
use sma_shared::api::{NotificationChoice, NotificationPreferences, NotificationUpdate};

/// Changes the password after checking the current one; every other session ends.
#[component]
pub fn ChangePasswordForm(email: String, on_changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let current = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let change = use_change();
    let busy = change.pending();
    let done = move || match change.value().get() {
        Some(Ok(Done::Ended(n))) => Some(text::sessions_ended(lang.get(), n)),
        _ => None,
    };
    Effect::new(move |_| {
        if let Some(Ok(Done::Ended(_))) = change.value().get() {
            for s in [current, password, confirm] {
                s.set(String::new());
            }
            on_changed.run(());
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (now, new, again) = (
            current.get_untracked(),
            password.get_untracked(),
            confirm.get_untracked(),
        );
        match model::password_change(&now, &new, &again, &email) {
            Err(found) => {
                focus(match found[0].field() {
                    "password" => "new_password",
                    f => f,
                });
                problems.set(found);
            }
            Ok(body) => {
                problems.set(Vec::new());
                change.dispatch_local(Change::ChangePassword(body));
            }
        }
    };
    view! {
        <form class="acct-signin" on:submit=on_submit novalidate aria-labelledby="pw-title">
            <h2 id="pw-title">{move || t("Change your password", "Passwort ändern")}</h2>
            <Field id="current_password" kind="password" autocomplete="current-password" value=current
                label=Signal::derive(move || t("Current password", "Aktuelles Passwort"))
                error=field_error(problems, "current_password")/>
            <NewPasswordFields id="new_password" password confirm problems/>
            <FormAlert action=change/>
            <p role="status" class="acct-renew-result">{done}</p>
            <button type="submit" disabled=move || busy.get()>{move || t("Change password", "Passwort ändern")}</button>
        </form>
    }
}

/// The user's active sessions, and signing out everywhere (this browser too).
#[component]
pub fn Sessions(reload: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let list = Loaded::query(move || {
        reload.track();
        api::sessions()
    });
    let end = use_change();
    let busy = end.pending();
    Effect::new(move |_| {
        if let Some(Ok(Done::Ended(_))) = end.value().get() {
            set_signed_in_hint(false);
            // A full load: every page forgets the user.
            let _ = window().location().assign("/account");
        }
    });
    let rows = move || {
        Suspend::new(async move {
            match list.await {
                Err(e) => view! { <li class="notice bad">{text::api_error(lang.get_untracked(), &e)}</li> }.into_any(),
                Ok(l) => l
                    .sessions
                    .into_iter()
                    .map(|s| {
                        let what = model::browser_of(s.user_agent.as_deref());
                        view! {
                            <li>
                                <strong>{what.unwrap_or_else(|| t("Unknown browser", "Unbekannter Browser").to_owned())}</strong>
                                {s.current.then(|| view! { " " <span class="badge ok">{move || t("this browser", "dieser Browser")}</span> })}
                                <br/>
                                <span class="muted small">{move || text::session_line(lang.get(), &s.created_at, &s.expires_at)}</span>
                            </li>
                        }
                    })
                    .collect_view()
                    .into_any(),
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{move || t("Where you are signed in", "Wo Sie angemeldet sind")}</h2>
            <ul class="acct-activity"><Transition fallback=|| ()>{rows}</Transition></ul>
            <FormAlert action=end/>
            <button type="button" class="secondary" disabled=move || busy.get()
                on:click=move |_| { end.dispatch_local(Change::EndSessions); }>
                {move || t("Sign out everywhere", "Überall abmelden")}
            </button>
        </section>
    }
}

/// The language of the user's messages and the kinds they may switch off.
#[component]
pub fn Notifications() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let loaded = Loaded::query(api::notifications);
    let body = move || {
        Suspend::new(async move {
            match loaded.await {
                Err(e) => view! { <p class="notice bad" role="alert">{text::api_error(lang.get_untracked(), &e)}</p> }.into_any(),
                Ok(prefs) => view! { <NotificationForm prefs/> }.into_any(),
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="notes-title" id="notifications">
            <h2 id="notes-title">{move || t("E-mail notifications", "E-Mail-Benachrichtigungen")}</h2>
            <Transition fallback=|| ()>{body}</Transition>
        </section>
    }
}

#[component]
fn NotificationForm(prefs: NotificationPreferences) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let (optional, fixed) = model::split_notifications(&prefs.messages);
    let mail_lang = RwSignal::new(prefs.lang);
    let switches: Vec<_> = optional
        .into_iter()
        .map(|s| (s.kind, RwSignal::new(s.enabled)))
        .collect();
    let save = use_change();
    let busy = save.pending();
    let saved = move || matches!(save.value().get(), Some(Ok(Done::Preferences(_))));
    let sent = switches.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !busy.get_untracked() {
            save.dispatch_local(Change::Notifications(NotificationUpdate {
                lang: Some(mail_lang.get_untracked()),
                messages: sent
                    .iter()
                    .map(|(kind, on)| NotificationChoice {
                        kind: *kind,
                        enabled: on.get_untracked(),
                    })
                    .collect(),
            }));
        }
    };
    let language = move |l: Lang, label: &'static str| {
        view! {
            <label>
                <input type="radio" name="mail-lang" value=l.code()
                    prop:checked=move || mail_lang.get() == l
                    on:change=move |_| mail_lang.set(l)/>
                " " {label}
            </label>
        }
    };
    view! {
        <form on:submit=on_submit class="acct-order">
            <fieldset class="acct-term">
                <legend>{move || t("Language of your e-mails", "Sprache Ihrer E-Mails")}</legend>
                {language(Lang::En, "English")}
                {language(Lang::De, "Deutsch")}
            </fieldset>
            <fieldset class="acct-term">
                <legend>{move || t("Messages you may turn off", "Nachrichten, die Sie abbestellen können")}</legend>
                {switches.into_iter().map(|(kind, on)| view! {
                    <label>
                        <input type="checkbox" prop:checked=move || on.get() on:change=move |ev| on.set(event_target_checked(&ev))/>
                        " " {move || text::message_kind(lang.get(), kind)}
                    </label>
                }).collect_view()}
            </fieldset>
            <div>
                <p class="small">{move || t(
                    "Always sent, because they concern your account, a charge or a contractual deadline:",
                    "Immer gesendet, weil sie Ihr Konto, eine Zahlung oder eine vertragliche Frist betreffen:",
                )}</p>
                <ul class="acct-notes">
                    {fixed.into_iter().map(|k| view! { <li>{move || text::message_kind(lang.get(), k)}</li> }).collect_view()}
                </ul>
            </div>
            <FormAlert action=save/>
            <p role="status" class="acct-renew-result">{move || saved().then(|| t("Saved.", "Gespeichert."))}</p>
            <button type="submit" disabled=move || busy.get()>{move || t("Save preferences", "Einstellungen speichern")}</button>
        </form>
    }
}
