//! Extending a legacy Maintenance Contract against switching to the SMA, year by year, every
//! amount with its formula: on an installation card of the portal and in the calculator.

use crate::{components::formula::Formula, i18n::use_lang, text::calculator as text};
use leptos::prelude::*;
use sma_shared::{
    formula_in,
    lifecycle::{upgrade_credit_in, LegacyComparison},
};

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
            let (legacy, sma) = (
                y.legacy_explanation.clone(),
                format!("SMA {} · {}", y.sma_year, y.sma_explanation),
            );
            view! {
                <tr>
                    <th scope="row">{move || lang.get().date(y.start)}" – "{move || lang.get().date(y.end)}</th>
                    <td class="num">{move || lang.get().money(y.legacy_fee)}<Formula text=legacy/></td>
                    <td class="num">{move || lang.get().money(y.sma_amount)}<Formula text=sma/></td>
                </tr>
            }
        })
        .collect_view();
    let (legacy_total, sma_total, saving) = (c.legacy_total, c.sma_total, c.saving);
    let n = c.years.len();
    let (saving_formula, first_year, credit) = (
        c.saving_explanation,
        c.sma_first_year_explanation,
        c.upgrade_credit_explanation,
    );
    view! {
        // On a phone the table scrolls in its own region instead of widening the page.
        <div class="table-wrap" role="region" tabindex="0" aria-label=move || text::compare_caption(lang.get(), n)>
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
        </div>
        <p class="small" data-testid="legacy-saving">{move || t("Switching saves", "Der Wechsel spart")}": "{move || lang.get().money(saving)}<Formula text=saving_formula/></p>
        <p class="small muted">{move || formula_in(lang.get(), &first_year)}". "{move || upgrade_credit_in(lang.get(), &credit)}</p>
    }
}
