//! "Ask sales about this": a disclosure with a short form (name, company, e-mail, optional
//! phone, question, consent) that sends the configuration on screen along; the Worker prices it
//! again and answers with the request's number. Sending is an action: its pending state
//! disables the button, its answer replaces the form with the confirmation (or names the field
//! at fault).

use super::model::SalesForm;
use crate::{api, i18n::use_lang};
use leptos::prelude::*;
use sma_shared::api::NewQuoteRequest;

/// The form; `config` is the configuration on screen when it is sent, `installation_id` the
/// installation asked about (signed in), `key` makes its element ids unique on the page.
#[component]
pub fn AskSales(
    #[prop(into)] config: Signal<Option<NewQuoteRequest>>,
    installation_id: Option<String>,
    key: String,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let form = RwSignal::new(SalesForm::default());
    let send = Action::new_local(|body: &sma_shared::api::SalesRequestBody| {
        let body = body.clone();
        async move { api::ask_sales(&body).await }
    });
    let busy = send.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let body = form.with_untracked(|f| {
            f.body(
                lang.get_untracked(),
                config.get_untracked(),
                installation_id.clone(),
            )
        });
        send.dispatch_local(body);
    };
    let key = StoredValue::new(key);
    let id = move |name: &str| format!("sales-{name}-{}", key.get_value());
    let field = move |name: &'static str,
                      label: (&'static str, &'static str),
                      kind: &'static str,
                      required: bool,
                      get: fn(&SalesForm) -> String,
                      set: fn(&mut SalesForm, String)| {
        let input_id = id(name);
        view! {
            <div class="field">
                <label for=input_id.clone()>{move || t(label.0, label.1)}</label>
                <input id=input_id type=kind name=name required=required maxlength="120"
                    autocomplete=match name { "name" => "name", "company" => "organization", "email" => "email", "phone" => "tel", _ => "off" }
                    prop:value=move || form.with(get)
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, v)); }/>
            </div>
        }
    };
    let answer = move || send.value().get();
    let error = move || match answer() {
        Some(Err(e)) if !busy.get() => Some(e.message),
        _ => None,
    };
    let sent = move || matches!(answer(), Some(Ok(_)));
    let message_id = id("message");
    let consent_id = id("consent");
    let website_id = id("website");
    view! {
        <details class="ask-sales">
            <summary>{move || t("Ask sales about this", "Vertrieb dazu fragen")}</summary>
            {move || match answer() {
                Some(Ok(request_id)) => Some(view! {
                    <div class="notice ok" role="status">
                        {move || match lang.get() {
                            sma_shared::Lang::En => format!("Thank you. Your request {request_id} went to our sales team, with the configuration shown; a confirmation is on its way to your e-mail address."),
                            sma_shared::Lang::De => format!("Vielen Dank. Ihre Anfrage {request_id} ist mit der angezeigten Konfiguration an unseren Vertrieb gegangen; eine Bestätigung ist an Ihre E-Mail-Adresse unterwegs."),
                        }}
                    </div>
                }),
                _ => None,
            }}
            <form class="ask-sales-form" hidden=sent on:submit=on_submit aria-label=move || t("Ask sales about this", "Vertrieb dazu fragen")>
                        <p class="muted small">{move || t(
                            "Our sales team answers, usually within one working day. The configuration shown is sent along.",
                            "Unser Vertrieb antwortet, in der Regel innerhalb eines Werktags. Die angezeigte Konfiguration wird mitgesendet.")}</p>
                        {field("name", ("Name", "Name"), "text", true, |f| f.name.clone(), |f, v| f.name = v)}
                        {field("company", ("Company", "Firma"), "text", true, |f| f.company.clone(), |f, v| f.company = v)}
                        {field("email", ("E-mail", "E-Mail"), "email", true, |f| f.email.clone(), |f, v| f.email = v)}
                        {field("phone", ("Phone (optional)", "Telefon (optional)"), "tel", false, |f| f.phone.clone(), |f, v| f.phone = v)}
                        <div class="field">
                            <label for=message_id.clone()>{move || t("Your question", "Ihre Frage")}</label>
                            <textarea id=message_id.clone() name="message" required maxlength="4000" rows="4"
                                prop:value=move || form.with(|f| f.message.clone())
                                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.message = v); }></textarea>
                        </div>
                        <div class="field hp" aria-hidden="true">
                            <label for=website_id.clone()>"Website"</label>
                            <input id=website_id.clone() name="website" type="text" tabindex="-1" autocomplete="off"
                                prop:value=move || form.with(|f| f.website.clone())
                                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.website = v); }/>
                        </div>
                        <label class="choice" for=consent_id.clone()>
                            <input id=consent_id.clone() type="checkbox" required
                                prop:checked=move || form.with(|f| f.consent)
                                on:change=move |ev| { let v = event_target_checked(&ev); form.update(|f| f.consent = v); }/>
                            {move || t("Our sales team may contact me about this request.", "Der Vertrieb darf mich zu dieser Anfrage kontaktieren.")}
                        </label>
                        <div aria-live="polite">{move || error().map(|m| view! { <p class="notice bad" role="alert">{m}</p> })}</div>
                        <button type="submit" disabled=move || busy.get()>
                            {move || if busy.get() { t("Sending…", "Wird gesendet …") } else { t("Send to sales", "An den Vertrieb senden") }}
                        </button>
                    </form>
        </details>
    }
}
