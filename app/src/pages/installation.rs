//! `/account/installations/:id?action=…`: one installation with an order action opened, the
//! target of links such as "Reinstate SMA" on a release page.

use crate::{
    api,
    components::order_panel::PortalAction,
    i18n::use_lang,
    pages::{
        account::{AccountGate, InstallationCard, SignedIn},
        releases::use_document_title,
    },
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The installation page.
#[component]
pub fn InstallationPage() -> impl IntoView {
    let lang = use_lang();
    use_document_title(move || format!("{} · SMA Portal", lang.get().t("Installation", "Installation")));
    view! { <AccountGate content=Callback::new(|_: SignedIn| view! { <One/> }.into_any())/> }
}

#[component]
fn One() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let params = use_params_map();
    let query = use_query_map();
    let action = query.with_untracked(|q| q.get("action").and_then(|a| PortalAction::parse(&a)));
    let found = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        async move { api::installation(&id).await }
    });
    let body = move || {
        Suspend::new(async move {
            match found.await {
                Err(e) => view! { <p class="notice bad" role="alert">{e.message}</p> }.into_any(),
                Ok(i) => view! { <InstallationCard installation=i initial=action/> }.into_any(),
            }
        })
    };
    view! {
        <p><a href="/account">{move || t("Back to my installations", "Zurück zu meinen Installationen")}</a></p>
        <Suspense fallback=move || view! { <p class="muted" role="status">{move || t("Loading…", "Wird geladen …")}</p> }>
            {body}
        </Suspense>
    }
}
