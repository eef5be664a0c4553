//! The calculator's inputs: edition, cameras, modules, dates and SMA options. Each edits the
//! state in the URL through `set_state`.

use super::model::{book_for, parse_date, parse_qty, CalcState, SmaChoice};
use crate::{i18n::use_lang, text::calculator as text};
use chrono::NaiveDate;
use leptos::prelude::*;
use sma_shared::dates::add_months;

/// The edition radio buttons, with base price, included and most cameras.
#[component]
pub fn EditionPicker(state: Memo<CalcState>, edit: Callback<String>) -> impl IntoView {
    let lang = use_lang();
    // The options are built once (so focus stays put); their texts and state are reactive.
    let codes: Vec<String> = book_for(state.get_untracked().licence_date)
        .editions()
        .iter()
        .map(|e| e.code.as_str().to_owned())
        .collect();
    view! {
        <fieldset class="card">
            <legend><h2>{move || lang.get().t("Edition", "Edition")}</h2></legend>
            <div class="edition-options">
                {codes.into_iter().map(|code| {
                    let id = format!("edition-{code}");
                    let label_for = id.clone();
                    let edition = {
                        let code = code.clone();
                        move || book_for(state.get().licence_date).edition_by_code(&code).cloned()
                    };
                    let e2 = edition.clone();
                    let (c1, c2, c3, c4) = (code.clone(), code.clone(), code.clone(), code.clone());
                    view! {
                        <label class="edition-option" class:selected=move || state.get().edition == c1 for=label_for>
                            <input type="radio" name="edition" id=id value=code prop:checked=move || state.get().edition == c2
                                on:change=move |_| edit.run(c3.clone())/>
                            <span class="edition-name">{move || edition().map(|e| e.name).unwrap_or_default()}</span>
                            <span class="small">{move || e2().map(|e| text::edition_base(lang.get(), e.base_price, e.included_cameras)).unwrap_or_default()}</span>
                            <span class="small muted">{
                                move || book_for(state.get().licence_date).edition_by_code(&c4)
                                    .map(|e| text::edition_limit(lang.get(), e.max_cameras))
                                    .unwrap_or_default()
                            }</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// The number of cameras, with the edition that allows more when too many.
#[component]
pub fn Cameras(state: Memo<CalcState>, set_state: Callback<CalcState>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en: &'static str, de: &'static str| lang.get().t(en, de);
    view! {
        <div class="card">
            <div class="field">
                <label for="cameras"><h2>{move || t("Cameras", "Kameras")}</h2></label>
                <input id="cameras" type="number" min="0" max="10000" inputmode="numeric"
                    aria-describedby="cameras-hint"
                    prop:value=move || state.get().cameras.to_string()
                    on:input=move |ev| { let mut s = state.get_untracked(); s.cameras = parse_qty(&event_target_value(&ev)); set_state.run(s); }/>
                <span class="hint" id="cameras-hint">{move || {
                    let s = state.get();
                    let book = book_for(s.licence_date);
                    book.edition_by_code(&s.edition)
                        .map(|e| text::cameras_included(lang.get(), e.included_cameras, &e.name))
                        .unwrap_or_default()
                }}</span>
            </div>
            {move || {
                let s = state.get();
                let book = book_for(s.licence_date);
                let lang = lang.get();
                let current = book.edition_by_code(&s.edition)?;
                let max = current.max_cameras.filter(|m| s.cameras > *m)?;
                let fit = book.edition_for_cameras(&s.edition, s.cameras);
                Some(view! {
                    <div class="notice warn" role="alert">
                        {text::too_many_cameras(lang, &current.name, max)}" "
                        {fit.map(|e| {
                            let code = e.code.as_str().to_owned();
                            let label = text::switch_to(lang, &e.name);
                            view! {
                                <button type="button" class="link" on:click=move |_| {
                                    let mut s = state.get_untracked(); s.set_edition(&code); set_state.run(s);
                                }>{label}</button>
                            }
                        })}
                    </div>
                })
            }}
        </div>
    }
}

/// One row per module: quantity, unit price, or the editions that have it.
#[component]
pub fn Modules(state: Memo<CalcState>, set_state: Callback<CalcState>) -> impl IntoView {
    let lang = use_lang();
    // One row per module, built once so that typing keeps the focus; everything in it is reactive.
    let skus: Vec<String> = book_for(state.get_untracked().licence_date)
        .modules()
        .iter()
        .filter(|m| !m.sku.is_camera())
        .map(|m| m.sku.as_str().to_owned())
        .collect();
    let row = move |sku: String| {
        let info = {
            let sku = sku.clone();
            move || {
                let s = state.get();
                let book = book_for(s.licence_date);
                let module = book.module_by_sku(&sku).cloned();
                let edition = book.edition_by_code(&s.edition).cloned();
                (s, book, module, edition)
            }
        };
        let id = format!("module-{sku}");
        let hint_id = format!("{id}-hint");
        let (i1, i2, i3, i4, i5) = (
            info.clone(),
            info.clone(),
            info.clone(),
            info.clone(),
            info.clone(),
        );
        let (sku1, sku2) = (sku.clone(), sku.clone());
        let available = move || {
            let (_, _, m, e) = i1();
            m.zip(e)
                .is_some_and(|(m, e)| m.price_for(&e.code).is_some())
        };
        let available2 = available.clone();
        view! {
            <div class="module-row" class:unavailable=move || !available()>
                <label for=id.clone()>{move || i2().2.map(|m| m.name).unwrap_or_default()}</label>
                <input id=id type="number" min="0" max="10000" inputmode="numeric"
                    aria-describedby=hint_id.clone() disabled=move || !available2()
                    prop:value=move || state.get().qty(&sku1).to_string()
                    on:input=move |ev| { let mut s = state.get_untracked(); s.set_qty(&sku2, parse_qty(&event_target_value(&ev))); set_state.run(s); }/>
                <span class="hint" id=hint_id>
                    {move || {
                        let lang = lang.get();
                        let (_, book, m, e) = i3();
                        let (Some(m), Some(e)) = (m, e) else { return String::new() };
                        match m.price_for(&e.code) {
                            Some(p) => text::module_price(lang, p, &m.unit, m.per_camera),
                            None => {
                                let eds: Vec<String> = book.editions_with(&m).iter().map(|x| x.name.clone()).collect();
                                text::module_unavailable(lang, &e.name, &eds.join(", "))
                            }
                        }
                    }}
                    {move || {
                        let (s, book, m, e) = i4();
                        let (m, e) = (m?, e?);
                        if m.price_for(&e.code).is_some() { return None; }
                        let target = book.upgrade_with(&s.edition, &m)?;
                        let (code, name) = (target.code.as_str().to_owned(), target.name.clone());
                        let label = text::switch_to(lang.get(), &name);
                        let _ = &i5;
                        Some(view! {
                            " "
                            <button type="button" class="link" on:click=move |_| {
                                let mut s = state.get_untracked(); s.set_edition(&code); set_state.run(s);
                            }>{label}</button>
                        })
                    }}
                </span>
            </div>
        }
    };
    view! {
        <fieldset class="card">
            <legend><h2>{move || lang.get().t("Modules", "Module")}</h2></legend>
            {skus.into_iter().map(row).collect_view()}
        </fieldset>
    }
}

fn date_value(v: &str) -> Option<NaiveDate> {
    parse_date(Some(v))
}

/// Licence date, how the SMA is bought, term and horizon.
#[component]
pub fn SmaOptions(state: Memo<CalcState>, set_state: Callback<CalcState>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en: &'static str, de: &'static str| lang.get().t(en, de);
    let choose = move |c: SmaChoice| {
        move |_| {
            let mut s = state.get_untracked();
            s.sma = c;
            set_state.run(s);
        }
    };
    let term = move |n: u32| {
        move |_| {
            let mut s = state.get_untracked();
            s.term = n;
            set_state.run(s);
        }
    };
    view! {
        <fieldset class="card">
            <legend><h2>{move || t("Dates and SMA", "Daten und SMA")}</h2></legend>
            <div class="field">
                <label for="licence-date">{move || t("Licence date", "Lizenzdatum")}</label>
                <input id="licence-date" type="date" min="2026-01-01"
                    prop:value=move || state.get().licence_date.to_string()
                    on:change=move |ev| if let Some(d) = date_value(&event_target_value(&ev)) {
                        let mut s = state.get_untracked();
                        let moved = s.later_date == add_months(s.licence_date, 12);
                        s.licence_date = d;
                        if moved { s.later_date = add_months(d, 12); }
                        set_state.run(s);
                    }/>
            </div>
            <fieldset class="plain">
                <legend class="label">{move || t("Software Maintenance Agreement", "Softwarepflegevertrag (SMA)")}</legend>
                <label class="choice"><input type="radio" name="sma" prop:checked=move || state.get().sma == SmaChoice::With on:change=choose(SmaChoice::With)/>
                    <span>{move || t("With the software (no extra charge)", "Mit der Software (ohne Aufpreis)")}</span></label>
                <label class="choice"><input type="radio" name="sma" prop:checked=move || state.get().sma == SmaChoice::Later on:change=choose(SmaChoice::Later)/>
                    <span>{move || t("Later, with back-pay and a reinstatement fee", "Später, mit Nachzahlung und Wiederaufnahmegebühr")}</span></label>
                <label class="choice"><input type="radio" name="sma" prop:checked=move || state.get().sma == SmaChoice::None on:change=choose(SmaChoice::None)/>
                    <span>{move || t("No SMA", "Kein SMA")}</span></label>
            </fieldset>
            <div class="field">
                <label for="later-date">{move || if state.get().sma == SmaChoice::Later { t("SMA order date", "SMA-Bestelldatum") } else { t("Compare with buying the SMA later on", "Vergleich mit späterem SMA-Kauf am") }}</label>
                <input id="later-date" type="date"
                    prop:value=move || state.get().later_date.to_string()
                    on:change=move |ev| if let Some(d) = date_value(&event_target_value(&ev)) { let mut s = state.get_untracked(); s.later_date = d; set_state.run(s); }/>
            </div>
            <div class="row">
                <fieldset class="plain">
                    <legend class="label">{move || t("Term", "Laufzeit")}</legend>
                    <label class="choice"><input type="radio" name="term" prop:checked=move || state.get().term == 1 on:change=term(1)/>
                        <span>{move || t("1 year", "1 Jahr")}</span></label>
                    <label class="choice"><input type="radio" name="term" prop:checked=move || state.get().term == 3 on:change=term(3)/>
                        <span>{move || text::three_year_term(lang.get())}</span></label>
                </fieldset>
                <div class="field">
                    <label for="years">{move || t("Horizon", "Zeitraum")}</label>
                    <select id="years" prop:value=move || state.get().years.to_string()
                        on:change=move |ev| { let mut s = state.get_untracked(); s.years = parse_qty(&event_target_value(&ev)).clamp(1, 10); set_state.run(s); }>
                        {(1..=10u32).map(|n| view! { <option value=n.to_string()>{move || text::years(lang.get(), n)}</option> }).collect_view()}
                    </select>
                </div>
            </div>
        </fieldset>
    }
}
