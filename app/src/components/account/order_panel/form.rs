//! The second step: the form of the chosen order (the term of an SMA, what an expansion adds,
//! the edition of an upgrade), submitted to ask for the price.

use super::{Panel, Step};
use crate::{
    clock::book_today,
    i18n::use_lang,
    text::{account as text, calculator::three_year_term, labels},
};
use leptos::{ev::SubmitEvent, prelude::*};
use sma_shared::orders::OrderKind;

/// The fields of an order of `kind` for an installation of `edition`, and the button that asks
/// for its price.
#[component]
pub(super) fn OrderFields(panel: Panel, kind: OrderKind, edition: String) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let id = panel.id();
    let form = panel.form;
    let fields = match kind {
        OrderKind::Renewal | OrderKind::LegacyExtension | OrderKind::LegacyContract => view! {
            <p class="muted">{move || t(
                "The next term is priced for the anniversary it starts on.",
                "Die nächste Laufzeit wird zum Jahrestag ihres Beginns berechnet.",
            )}</p>
        }
        .into_any(),
        OrderKind::Sma | OrderKind::SwitchToSma => {
            let name = format!("term-{id}");
            view! {
                <fieldset class="acct-term">
                    <legend>{move || t("Term", "Laufzeit")}</legend>
                    <label class="choice">
                        <input type="radio" name=name.clone()
                            prop:checked=move || form.with(|f| f.term_years == 1)
                            on:change=move |_| panel.edit(&|f| f.term_years = 1)/>
                        {move || t("1 year", "1 Jahr")}
                    </label>
                    <label class="choice">
                        <input type="radio" name=name
                            prop:checked=move || form.with(|f| f.term_years == 3)
                            on:change=move |_| panel.edit(&|f| f.term_years = 3)/>
                        {move || three_year_term(lang.get())}
                    </label>
                </fieldset>
            }
            .into_any()
        }
        OrderKind::Expansion | OrderKind::LegacyExpansion => {
            let cams_id = format!("add-cameras-{id}");
            let modules = book_today()
                .modules_for(&edition)
                .map(|m| {
                    let field_id = format!("add-{}-{id}", m.sku);
                    let (sku, name) = (m.sku.to_string(), m.name.clone());
                    let s2 = sku.clone();
                    view! {
                        <div class="field">
                            <label for=field_id.clone()>{move || text::add_module(lang.get(), &name)}</label>
                            <input id=field_id type="number" min="0" max="10000" inputmode="numeric"
                                prop:value=move || form.with(|f| f.module_qty(&sku)).to_string()
                                on:input=move |ev| {
                                    let q = event_target_value(&ev).parse().unwrap_or(0);
                                    let sku = s2.clone();
                                    panel.edit(&move |f| f.set_module_qty(&sku, q));
                                }/>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="field">
                    <label for=cams_id.clone()>{move || t("Cameras to add", "Zusätzliche Kameras")}</label>
                    <input id=cams_id type="number" min="0" max="10000" inputmode="numeric"
                        prop:value=move || form.with(|f| f.add_cameras).to_string()
                        on:input=move |ev| {
                            let n = event_target_value(&ev).parse().unwrap_or(0);
                            panel.edit(&move |f| f.add_cameras = n);
                        }/>
                </div>
                <div class="acct-modules">{modules}</div>
            }
            .into_any()
        }
        OrderKind::Upgrade => {
            let sel_id = format!("to-edition-{id}");
            let options = book_today()
                .upgrades_from(&edition)
                .into_iter()
                .map(|e| view! { <option value=e.code.to_string()>{e.name.clone()}</option> })
                .collect_view();
            view! {
                <div class="field">
                    <label for=sel_id.clone()>{move || t("Upgrade to", "Upgrade auf")}</label>
                    <select id=sel_id
                        prop:value=move || form.with(|f| f.to_edition.clone())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            panel.edit(&move |f| f.to_edition = v.clone());
                        }>
                        {options}
                    </select>
                </div>
            }
            .into_any()
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        panel.ask_quote();
    };
    let label =
        move || labels::order_button(lang.get(), kind, panel.current.with(|i| i.sma.status));
    view! {
        <form class="acct-order" aria-label=label on:submit=on_submit>
            {fields}
            <button type="submit" disabled=move || panel.busy()>
                {move || if panel.step() == Step::Quoting { t("Pricing…", "Wird berechnet …") } else { t("Show price", "Preis anzeigen") }}
            </button>
        </form>
    }
}
