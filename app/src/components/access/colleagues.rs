//! A customer's colleagues: the users with their roles and the open invitations for everyone;
//! inviting and removing for administrators only (a viewer is not shown what they cannot do).

use super::{
    field::{field_error, focus, Field, FormAlert},
    model,
};
use crate::{
    api::{self, Change, Done},
    hooks::use_change,
    i18n::use_lang,
    resource::Loaded,
    text::access as text,
};
use leptos::{ev::SubmitEvent, prelude::*};
use sma_shared::{
    accounts::Role,
    api::{AccountUser, InvitationRequest, UserList},
};

/// The users and invitations; `admin` adds the invitation form and the remove buttons.
#[component]
pub fn Colleagues(admin: bool) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let reload = RwSignal::new(0u32);
    let list = Loaded::query(move || {
        reload.track();
        api::users()
    });
    let changed = Callback::new(move |()| reload.update(|n| *n += 1));
    let body = move || {
        Suspend::new(async move {
            match list.await {
                Err(e) => view! { <p class="notice bad" role="alert">{text::api_error(lang.get_untracked(), &e)}</p> }.into_any(),
                Ok(l) => view! { <People list=l admin changed/> }.into_any(),
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="people-title">
            <h2 id="people-title">{move || t("Users of your company", "Benutzer Ihrer Firma")}</h2>
            <Transition fallback=move || view! { <p class="muted" role="status">{move || t("Loading…", "Wird geladen …")}</p> }>
                {body}
            </Transition>
        </section>
        {admin.then(|| view! { <InviteForm changed/> })}
    }
}

#[component]
fn People(list: UserList, admin: bool, changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let users = list.users.clone();
    view! {
        <ul class="acct-people">
            {list.users.into_iter().map(|u| {
                let removable = admin && !u.you && model::removable(&u, &users);
                view! { <Person user=u removable changed/> }
            }).collect_view()}
        </ul>
        {(!list.invitations.is_empty()).then(|| view! {
            <h3>{move || t("Open invitations", "Offene Einladungen")}</h3>
            <ul class="acct-people">
                {list.invitations.into_iter().map(|i| view! {
                    <li><span>{i.email.clone()}</span>" "<span class="muted small">{move || text::invitation_line(lang.get(), i.role, &i.expires_at)}</span></li>
                }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn Person(user: AccountUser, removable: bool, changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let asking = RwSignal::new(false);
    let remove = use_change();
    let busy = remove.pending();
    Effect::new(move |_| {
        if let Some(Ok(Done::Removed)) = remove.value().get() {
            changed.run(());
        }
    });
    let (id, email, role) = (user.id.clone(), user.email.clone(), user.role);
    let question = email.clone();
    view! {
        <li>
            <span>{email.clone()}</span>
            " "
            <span class="badge">{move || text::role_name(lang.get(), role)}</span>
            {user.you.then(|| view! { " " <span class="muted small">{move || t("(you)", "(Sie)")}</span> })}
            {removable.then(|| view! {
                <Show when=move || asking.get() fallback=move || {
                    let email = email.clone();
                    view! {
                        <button type="button" class="secondary" on:click=move |_| asking.set(true)>
                            {move || text::remove_label(lang.get(), &email)}
                        </button>
                    }
                }>
                    <span class="acct-confirm">
                        <span>{let q = question.clone(); move || text::remove_question(lang.get(), &q)}</span>
                        " "
                        <button type="button" disabled=move || busy.get()
                            on:click={let id = id.clone(); move |_| { remove.dispatch_local(Change::RemoveUser(id.clone())); }}>
                            {move || t("Yes, remove", "Ja, entfernen")}
                        </button>
                        " "
                        <button type="button" class="secondary" on:click=move |_| asking.set(false)>{move || t("Keep", "Behalten")}</button>
                    </span>
                </Show>
                <FormAlert action=remove/>
            })}
        </li>
    }
}

/// Invites a colleague by e-mail with a role (a viewer unless chosen otherwise).
#[component]
fn InviteForm(changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Viewer);
    let problems = RwSignal::new(Vec::new());
    let sent_to = RwSignal::new(String::new());
    let invite = use_change();
    let busy = invite.pending();
    Effect::new(move |_| {
        if let Some(Ok(Done::Accepted)) = invite.value().get() {
            email.set(String::new());
            changed.run(());
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        match model::address(&email.get_untracked()) {
            Err(found) => {
                focus("invite-email");
                problems.set(found);
            }
            Ok(address) => {
                problems.set(Vec::new());
                sent_to.set(address.clone());
                invite.dispatch_local(Change::Invite(InvitationRequest {
                    email: address,
                    role: role.get_untracked(),
                }));
            }
        }
    };
    let done = move || match invite.value().get() {
        Some(Ok(Done::Accepted)) => Some(text::invited(lang.get(), &sent_to.get())),
        _ => None,
    };
    let choice = move |r: Role| {
        view! {
            <label>
                <input type="radio" name="invite-role" value=r.code() prop:checked=move || role.get() == r on:change=move |_| role.set(r)/>
                " " <strong>{move || text::role_name(lang.get(), r)}</strong> " — " {move || text::role_explained(lang.get(), r)}
            </label>
        }
    };
    view! {
        <form class="card acct-order" on:submit=on_submit novalidate aria-labelledby="invite-title">
            <h2 id="invite-title">{move || t("Invite a colleague", "Kollegen einladen")}</h2>
            <Field id="invite-email" kind="email" autocomplete="off" value=email
                label=Signal::derive(move || t("Their e-mail address", "Deren E-Mail-Adresse"))
                error=field_error(problems, "email")/>
            <fieldset class="acct-term">
                <legend>{move || t("Role", "Rolle")}</legend>
                {choice(Role::Viewer)}
                {choice(Role::Admin)}
            </fieldset>
            <FormAlert action=invite/>
            <p role="status" class="acct-renew-result">{done}</p>
            <button type="submit" disabled=move || busy.get()>{move || t("Send invitation", "Einladung senden")}</button>
        </form>
    }
}
