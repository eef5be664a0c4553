//! `/account/orders` (order history) and `/account/orders/:id` (a printable invoice), for the
//! signed-in customer.

use super::later;
use crate::{
    api,
    components::account::{
        gate::{AccountGate, SignedIn},
        model::as_quote,
        quote_table::QuoteTable,
    },
    hooks::use_document_title,
    i18n::use_lang,
    resource::Loaded,
    router::use_param,
    text::{account as text, labels},
};
use leptos::prelude::*;

/// The seller named on every invoice.
const SELLER: [&str; 3] = [
    "VMS Software GmbH (demo)",
    "Musterstraße 1, 10115 Berlin, Germany",
    "VAT ID DE000000000",
];

/// The order history.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let lang = use_lang();
    use_document_title(move || {
        format!(
            "{} · SMA Portal",
            lang.get()
                .t("Orders and invoices", "Bestellungen und Rechnungen")
        )
    });
    view! { <AccountGate content=later::signed_in(later::Content::Orders)/> }
}

/// The order history's signed-in content (loaded later: `later::signed_in`).
pub(super) fn history(_: SignedIn) -> AnyView {
    view! { <OrderHistory/> }.into_any()
}

#[component]
fn OrderHistory() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let orders = Loaded::query(api::orders);
    let rows = move || {
        Suspend::new(async move {
            match orders.await {
                Err(e) => view! { <p class="notice bad" role="alert">{e.message}</p> }.into_any(),
                Ok(list) if list.orders.is_empty() => view! {
                    <p class="notice info">{move || t("No orders yet.", "Noch keine Bestellungen.")}</p>
                }
                .into_any(),
                Ok(list) => {
                    let rows = list
                        .orders
                        .into_iter()
                        .map(|o| {
                            let href = format!("/account/orders/{}", o.id);
                            let (kind, date, gross) = (o.kind, o.order_date, o.amounts.gross);
                            view! {
                                <tr>
                                    <th scope="row"><a href=href>{o.number.clone()}</a></th>
                                    <td>{move || lang.get().date(date)}</td>
                                    <td>{o.installation_name.clone()}</td>
                                    <td>{move || labels::order_kind(lang.get(), kind)}</td>
                                    <td class="num">{move || lang.get().money(gross)}</td>
                                    <td>{move || t("Open (paid on invoice)", "Offen (Zahlung auf Rechnung)")}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <div class="acct-table-scroll">
                            <table class="acct-orders">
                                <caption class="sr-only">{move || t("Your orders, newest first", "Ihre Bestellungen, neueste zuerst")}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{move || t("Invoice", "Rechnung")}</th>
                                        <th scope="col">{move || t("Date", "Datum")}</th>
                                        <th scope="col">{move || t("Installation", "Installation")}</th>
                                        <th scope="col">{move || t("Order", "Bestellung")}</th>
                                        <th scope="col" class="num">{move || t("Total", "Gesamt")}</th>
                                        <th scope="col">{move || t("Status", "Status")}</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <section class="hero">
            <h1>{move || t("Orders and invoices", "Bestellungen und Rechnungen")}</h1>
            <p><a href="/account">{move || t("Back to my installations", "Zurück zu meinen Installationen")}</a></p>
        </section>
        <Transition fallback=move || view! { <p class="muted" role="status">{move || t("Loading your orders…", "Ihre Bestellungen werden geladen …")}</p> }>
            {rows}
        </Transition>
    }
}

/// One printable invoice.
#[component]
pub fn InvoicePage() -> impl IntoView {
    let lang = use_lang();
    use_document_title(move || format!("{} · SMA Portal", lang.get().t("Invoice", "Rechnung")));
    view! { <AccountGate content=later::signed_in(later::Content::Invoice)/> }
}

/// The invoice's signed-in content (loaded later: `later::signed_in`).
pub(super) fn invoice(_: SignedIn) -> AnyView {
    view! { <Invoice/> }.into_any()
}

#[component]
fn Invoice() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let id = use_param();
    let order = Loaded::query(move || api::order(&id.get()));
    let body = move || {
        Suspend::new(async move {
            match order.await {
                Err(e) => view! { <p class="notice bad" role="alert">{e.message}</p> }.into_any(),
                Ok(o) => {
                    let quote = as_quote(&o);
                    let (kind, date) = (o.kind, o.order_date);
                    let vat_id = o.billing.vat_id.clone();
                    let number = o.number.clone();
                    view! {
                        <article class="card invoice" aria-labelledby="invoice-title">
                            <header class="invoice-head">
                                <h1 id="invoice-title">{move || text::invoice(lang.get(), &number)}</h1>
                                <button type="button" class="secondary no-print" on:click=move |_| {
                                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                                }>{move || t("Print", "Drucken")}</button>
                            </header>
                            <div class="invoice-parties">
                                <address>
                                    <strong>{move || t("From", "Von")}</strong><br/>
                                    {SELLER[0]}<br/>{SELLER[1]}<br/>{SELLER[2]}
                                </address>
                                <address>
                                    <strong>{move || t("To", "An")}</strong><br/>
                                    {o.billing.name.clone()}<br/>{o.billing.country.clone()}
                                    {vat_id.map(|v| view! { <br/>{move || text::vat_id(lang.get(), &v)} })}
                                </address>
                            </div>
                            <dl class="acct-facts">
                                <div><dt>{move || t("Invoice date", "Rechnungsdatum")}</dt><dd>{move || lang.get().date(date)}</dd></div>
                                <div><dt>{move || t("Installation", "Installation")}</dt><dd>{o.installation_name.clone()}</dd></div>
                                <div><dt>{move || t("Order", "Bestellung")}</dt><dd>{move || labels::order_kind(lang.get(), kind)}</dd></div>
                                <div><dt>{move || t("Payment", "Zahlung")}</dt><dd>{move || text::payment_due(lang.get())}</dd></div>
                            </dl>
                            <QuoteTable quote/>
                        </article>
                        <p class="no-print"><a href="/account/orders">{move || t("All orders and invoices", "Alle Bestellungen und Rechnungen")}</a></p>
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <Transition fallback=move || view! { <p class="muted" role="status">{move || t("Loading the invoice…", "Rechnung wird geladen …")}</p> }>
            {body}
        </Transition>
    }
}
