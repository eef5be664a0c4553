//! "I have a Maintenance Contract": the starting point's choice, the contract's inputs, and
//! extending against switching in the chart and the comparison table, every amount explained.

use super::legacy::legacy_series;
use super::model::{CalcState, Start};
use crate::{
    components::{chart::CostChart, legacy_compare::CompareTable},
    i18n::{use_lang, Lang},
    text::calculator as text,
};
use leptos::prelude::*;
use sma_shared::{lifecycle::LegacyComparison, PricingError};

/// New purchase or an existing Maintenance Contract.
#[component]
pub fn StartingPoint(state: Memo<CalcState>, set_state: Callback<CalcState>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en: &'static str, de: &'static str| lang.get().t(en, de);
    let choose = move |start: Start| {
        move |_| {
            let mut s = state.get_untracked();
            s.start = start;
            set_state.run(s);
        }
    };
    view! {
        <fieldset class="card">
            <legend><h2>{move || t("Starting point", "Ausgangslage")}</h2></legend>
            <div class="row">
                <label for="start-new">
                    <input type="radio" name="start" id="start-new" prop:checked=move || state.get().start == Start::New on:change=choose(Start::New)/>
                    {move || t("I am buying the software", "Ich kaufe die Software")}
                </label>
                <label for="start-legacy">
                    <input type="radio" name="start" id="start-legacy" prop:checked=move || state.get().start == Start::Legacy on:change=choose(Start::Legacy)/>
                    {move || t("I have a Maintenance Contract", "Ich habe einen Wartungsvertrag")}
                </label>
            </div>
            <Show when=move || state.get().start == Start::Legacy>
                <ContractFields state set_state/>
            </Show>
        </fieldset>
    }
}

/// The field's id of an error's wire field.
fn field_id(field: Option<&str>) -> Option<&'static str> {
    match field? {
        "legacy_start" => Some("legacy-start"),
        "fee_basis" => Some("fee-basis"),
        "term_end" => Some("term-end"),
        _ => None,
    }
}

/// The contract's start, fee basis and term end, each marked invalid when the engine refuses it.
#[component]
fn ContractFields(state: Memo<CalcState>, set_state: Callback<CalcState>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en: &'static str, de: &'static str| lang.get().t(en, de);
    let invalid = move |id: &'static str| {
        move || {
            let today = crate::clock::today();
            match state.get().compute_legacy(today) {
                Some(Err(e)) if field_id(e.field()) == Some(id) => Some("true"),
                _ => None,
            }
        }
    };
    let field = move |id: &'static str,
                      kind: &'static str,
                      label: (&'static str, &'static str),
                      hint: (&'static str, &'static str),
                      get: fn(&CalcState) -> String,
                      put: fn(&mut CalcState, String)| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="field">
                <label for=id>{move || t(label.0, label.1)}</label>
                <input id=id type=kind aria-describedby=format!("{hint_id} legacy-error") aria-invalid=invalid(id)
                    prop:value=move || get(&state.get())
                    on:input=move |ev| { let mut s = state.get_untracked(); put(&mut s, event_target_value(&ev)); set_state.run(s); }/>
                <span class="hint" id=hint_id>{move || t(hint.0, hint.1)}</span>
            </div>
        }
    };
    view! {
        {field("legacy-start", "date", ("Contract since", "Vertrag seit"),
            ("Its years count in the SMA's falling rates.", "Seine Jahre zählen in den sinkenden SMA-Sätzen."),
            |s| s.legacy_start.clone(), |s, v| s.legacy_start = v)}
        {field("fee-basis", "text", ("Fee basis", "Gebührenbasis"),
            ("The licence value in the contract.", "Der Lizenzwert im Vertrag."),
            |s| s.fee_basis.clone(), |s, v| s.fee_basis = v)}
        {field("term-end", "date", ("Covered until", "Abgedeckt bis"),
            ("The last day of the current term.", "Der letzte Tag der laufenden Laufzeit."),
            |s| s.term_end.clone(), |s, v| s.term_end = v)}
    }
}

/// Extend or switch: the chart, the consequence and the table, or what is missing or wrong.
#[component]
pub fn ContractCard(
    result: Option<Result<LegacyComparison, PricingError>>,
    lang: Lang,
) -> impl IntoView {
    let body = match result {
        None => view! {
            <p>{lang.t(
                "Enter the contract's start, fee basis and term end.",
                "Geben Sie Beginn, Gebührenbasis und Laufzeitende des Vertrags ein.")}</p>
        }.into_any(),
        Some(Err(e)) => view! {
            <div class="notice bad" role="alert" id="legacy-error">
                <strong>{lang.t("This contract cannot be compared: ", "Dieser Vertrag ist nicht vergleichbar: ")}</strong>
                {e.message()}
            </div>
        }.into_any(),
        Some(Ok(c)) => view! {
            <CostChart series=legacy_series(&c, lang) lang=lang title=lang.t("Cumulative cost by year", "Kumulierte Kosten je Jahr").to_owned()/>
            <p class="muted">{text::switch_starts(lang, c.sma_start)}</p>
            <CompareTable c/>
        }.into_any(),
    };
    view! {
        <section class="card" aria-labelledby="contract-h" aria-live="polite">
            <h2 id="contract-h">{lang.t("Extend the Maintenance Contract or switch to the SMA", "Wartungsvertrag verlängern oder zum SMA wechseln")}</h2>
            {body}
        </section>
    }
}
