//! The lines of a quote or an invoice with their formulas, its notes, and the totals with VAT.

use crate::{components::formula::Formula, i18n::use_lang, text::account as text};
use leptos::prelude::*;
use sma_shared::api::QuoteView;

/// The lines of a quote or invoice with their formulas, and the totals with VAT.
#[component]
pub fn QuoteTable(quote: QuoteView) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let a = quote.amounts.clone();
    let rate = a.vat_rate.as_percent().normalize().to_string();
    let kind = quote.kind;
    let lines = a
        .lines
        .iter()
        .map(|l| {
            let (line, e, amount) = (l.clone(), l.explanation.clone(), l.amount);
            view! {
                <tr>
                    <th scope="row">{move || line.text(kind, lang.get())}<Formula text=e/></th>
                    <td class="num">{move || lang.get().money(amount)}</td>
                </tr>
            }
        })
        .collect_view();
    let notes = quote
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            // The sentence as the server wrote it, or in the page's language from its data.
            let (english, note) = (n.clone(), quote.explained.get(i).cloned());
            let sentence = move || {
                note.as_ref()
                    .map_or_else(|| english.clone(), |n| n.text(lang.get()))
            };
            view! { <li>{sentence}</li> }
        })
        .collect_view();
    let after = quote.after.sma.and_then(|s| s.term_end).map(|end| {
        view! { <p class="acct-after">{move || text::covers_after_order(lang.get(), end)}</p> }
    });
    view! {
        <ul class="acct-notes">{notes}</ul>
        <table class="acct-lines">
            <caption class="sr-only">{move || t("Order lines", "Bestellpositionen")}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || t("Item", "Position")}</th>
                    <th scope="col" class="num">{move || t("Amount", "Betrag")}</th>
                </tr>
            </thead>
            <tbody>{lines}</tbody>
            <tfoot>
                <tr>
                    <th scope="row">{move || t("Net", "Netto")}</th>
                    <td class="num">{move || lang.get().money(a.net)}</td>
                </tr>
                <tr>
                    <th scope="row">{move || text::vat(lang.get(), &rate)}</th>
                    <td class="num">{move || lang.get().money(a.vat)}</td>
                </tr>
                <tr class="acct-total">
                    <th scope="row">{move || t("Total", "Gesamt")}</th>
                    <td class="num">{move || lang.get().money(a.gross)}</td>
                </tr>
            </tfoot>
        </table>
        {quote.amounts.vat_note.clone().map(|n| view! { <p class="muted small acct-vat-note">{n}</p> })}
        {after}
    }
}
