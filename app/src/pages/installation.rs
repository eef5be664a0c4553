//! `/account/installations/:id?action=…`: one installation with an order action opened, the
//! target of links such as "Reinstate SMA" on a release page.

use super::later;
use crate::{
    api,
    components::account::{
        gate::{AccountGate, SignedIn},
        installation::InstallationCard,
        model::link_action,
    },
    hooks::use_document_title,
    i18n::use_lang,
    resource::Loaded,
    router::{use_param, use_query},
    text::labels,
};
use leptos::prelude::*;
use sma_shared::accounts::Role;

/// The installation page.
#[component]
pub fn InstallationPage() -> impl IntoView {
    let lang = use_lang();
    use_document_title(move || {
        format!(
            "{} · SMA Portal",
            lang.get().t("Installation", "Installation")
        )
    });
    view! { <AccountGate content=later::signed_in(later::Content::Installation)/> }
}

/// The page's signed-in content (loaded later: `later::signed_in`).
pub(super) fn content(s: SignedIn) -> AnyView {
    view! { <One role=s.user.role/> }.into_any()
}

#[component]
fn One(role: Role) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let id = use_param();
    let query = use_query();
    let action = query.with_untracked(|q| q.get("action").and_then(|a| link_action(&a)));
    let found = Loaded::query(move || api::installation(&id.get()));
    let body = move || {
        Suspend::new(async move {
            match found.await {
                Err(e) => view! { <p class="notice bad" role="alert">{e.message}</p> }.into_any(),
                Ok(i) => {
                    let id = i.id.clone();
                    view! {
                        <InstallationCard installation=i initial=action role/>
                        <ActivityLog id/>
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <h1>{move || t("Installation details", "Details der Installation")}</h1>
        <p><a href="/account">{move || t("Back to my installations", "Zurück zu meinen Installationen")}</a></p>
        <Transition fallback=move || view! { <p class="muted" role="status">{move || t("Loading…", "Wird geladen …")}</p> }>
            {body}
        </Transition>
    }
}

/// The installation's activity (the audit log): who changed what and when.
#[component]
fn ActivityLog(id: String) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let entries = Loaded::query(move || api::activity(&id));
    let list = move || {
        Suspend::new(async move {
            match entries.await {
                Err(e) => view! { <li class="notice bad">{e.message}</li> }.into_any(),
                Ok(l) if l.activity.is_empty() => view! { <li class="muted">{move || t("No changes yet.", "Noch keine Änderungen.")}</li> }.into_any(),
                Ok(l) => l
                    .activity
                    .into_iter()
                    .map(|a| {
                        let when = a.at.get(..16).unwrap_or(&a.at).replace('T', " ");
                        let action = a.action.clone();
                        view! { <li><time datetime=a.at.clone()>{when}" UTC"</time>" · " {move || labels::activity(lang.get(), &action)}" · " {a.by.clone()}</li> }
                    })
                    .collect_view()
                    .into_any(),
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="activity-title">
            <h2 id="activity-title">{move || t("Activity", "Verlauf")}</h2>
            <ul class="acct-activity">
                <Transition fallback=|| ()>{list}</Transition>
            </ul>
        </section>
    }
}
