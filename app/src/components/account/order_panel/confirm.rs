//! The last steps: the server's quote with the button that places it, and the order placed.

use super::{Panel, Step};
use crate::{components::account::quote_table::QuoteTable, i18n::use_lang, text::account as text};
use leptos::prelude::*;

/// The quote, while it is shown or being placed: confirm it, or change the order.
#[component]
pub(super) fn Confirmation(panel: Panel) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    move || {
        let (quote, placing) = match panel.step() {
            Step::Quoted(q, _, _) => (q, false),
            Step::Placing(q) => (q, true),
            _ => return None,
        };
        let gross = quote.amounts.gross;
        Some(view! {
            <section class="acct-quote" aria-label=move || t("Quote", "Angebot")>
                <QuoteTable quote/>
                <div class="acct-quote-actions">
                    <button type="button" on:click=move |_| panel.confirm() disabled=placing aria-busy=placing.to_string()>
                        {move || if placing {
                            t("Placing the order…", "Bestellung wird aufgegeben …").to_owned()
                        } else {
                            text::confirm_order(lang.get(), gross)
                        }}
                    </button>
                    <button type="button" class="secondary" disabled=placing on:click=move |_| panel.ask.clear()>
                        {move || t("Change", "Ändern")}
                    </button>
                </div>
                <p class="muted small">{move || t(
                    "Paid on invoice. The order is placed once, even if you click twice.",
                    "Zahlung auf Rechnung. Die Bestellung wird nur einmal aufgegeben, auch bei Doppelklick.",
                )}</p>
            </section>
        })
    }
}

/// The order placed, with its invoice.
#[component]
pub(super) fn Placed(panel: Panel) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let placed = move || match panel.step() {
        Step::Placed(order) => {
            let href = format!("/account/orders/{}", order.id);
            Some(view! {
                <p class="notice ok">
                    {move || t("Order placed:", "Bestellung aufgegeben:")}" "
                    <strong>{order.number.clone()}</strong>" · "
                    <a href=href>{move || t("View invoice", "Rechnung ansehen")}</a>
                </p>
            })
        }
        _ => None,
    };
    view! { <div role="status" aria-live="polite">{placed}</div> }
}
