//! Extending a legacy Maintenance Contract against switching to the SMA, year by year, every
//! amount with its formula: on an installation card of the portal and in the calculator.

use crate::{i18n::use_lang, text::calculator as text};
use leptos::prelude::*;
use sma_shared::lifecycle::LegacyComparison;

/// Extend or switch, year by year.
#[component]
pub fn CompareTable(c: LegacyComparison) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let rows = c
        .years
        .iter()
        .map(|y| {
            let y = y.clone();
            view! {
                <tr>
                    <th scope="row">{move || lang.get().date(y.start)}" – "{move || lang.get().date(y.end)}</th>
                    <td class="num">{move || lang.get().money(y.legacy_fee)}<span class="acct-formula">{y.legacy_explanation.clone()}</span></td>
                    <td class="num">{move || lang.get().money(y.sma_amount)}<span class="acct-formula">{format!("SMA {} · {}", y.sma_year, y.sma_explanation)}</span></td>
                </tr>
            }
        })
        .collect_view();
    let (legacy_total, sma_total, saving) = (c.legacy_total, c.sma_total, c.saving);
    let n = c.years.len();
    view! {
        <table class="acct-compare">
            <caption>{move || text::compare_caption(lang.get(), n)}</caption>
            <thead><tr>
                <th scope="col">{move || t("Year", "Jahr")}</th>
                <th scope="col" class="num">{move || t("Maintenance Contract", "Wartungsvertrag")}</th>
                <th scope="col" class="num">{move || t("SMA after switching", "SMA nach dem Wechsel")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
            <tfoot><tr>
                <th scope="row">{move || t("Total", "Summe")}</th>
                <td class="num" data-testid="legacy-total">{move || lang.get().money(legacy_total)}</td>
                <td class="num" data-testid="sma-total">{move || lang.get().money(sma_total)}</td>
            </tr></tfoot>
        </table>
        <p class="small" data-testid="legacy-saving">{move || t("Switching saves", "Der Wechsel spart")}": "{move || lang.get().money(saving)}<span class="acct-formula">{c.saving_explanation.clone()}</span></p>
        <p class="small muted">{c.sma_first_year_explanation.clone()}". "{c.upgrade_credit_explanation.clone()}</p>
    }
}
