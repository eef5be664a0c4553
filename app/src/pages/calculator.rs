//! `/`: the self-service cost calculator. All state lives in the URL; every change reprices
//! instantly in the browser with the `shared` engine, and the Worker can confirm the figures.

use crate::{
    api,
    calc::{book_for, today, CalcState, Calculation, Formula, SmaChoice},
    components::chart::{CostChart, Series},
    i18n::{use_lang, Lang},
};
use chrono::NaiveDate;
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};
use sma_shared::{
    dates::anniversary,
    pricing::{Comparison, NewQuote},
    PricingError,
};

/// What the Worker said about the figures on screen.
#[derive(Debug, Clone, PartialEq)]
enum Binding {
    Loading,
    /// The same figures; the price book.
    Match(String),
    /// Other figures: the server's licence total and total over the years.
    Differ(String, String),
    Failed(String),
}

/// Prices the state and measures how long that took, in microseconds (an integer: printing an
/// `f64` would bring `core`'s float formatting into the Wasm).
#[allow(clippy::float_arithmetic)] // elapsed time, not money
fn timed(state: &CalcState, today: NaiveDate) -> (Result<Calculation, PricingError>, u64) {
    let perf = web_sys::window().and_then(|w| w.performance());
    let t0 = perf.as_ref().map_or(0.0, |p| p.now());
    let result = state.compute(today);
    let t1 = perf.as_ref().map_or(0.0, |p| p.now());
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // saturating, never negative
    let micros = ((t1 - t0) * 1000.0).round().max(0.0) as u64;
    (result, micros)
}

/// The calculator page.
#[component]
pub fn CalculatorPage() -> impl IntoView {
    let lang = use_lang();
    let t = move |en: &'static str, de: &'static str| lang.get().t(en, de);
    let today = today();
    let query = use_query_map();
    let navigate = use_navigate();
    let state = Memo::new(move |_| {
        let q = query.read();
        CalcState::from_query(|k| q.get(k), today)
    });
    let set_state = Callback::new(move |s: CalcState| {
        navigate(
            &format!("/?{}", s.to_query()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    let edit = move |f: &dyn Fn(&mut CalcState)| {
        let mut s = state.get_untracked();
        f(&mut s);
        set_state.run(s);
    };
    let calc = Memo::new(move |_| timed(&state.get(), today));
    let binding = RwSignal::new(None::<Binding>);
    Effect::new(move |_| {
        state.track();
        binding.set(None);
    });

    let ask_server = move |_| {
        let Ok(local) = calc.get_untracked().0.map(|c| c.response()) else {
            return;
        };
        binding.set(Some(Binding::Loading));
        let req = state.get_untracked().request();
        spawn_local(async move {
            // The server's answer and ours, compared as JSON values of the same wire type.
            let answer = match api::quote_new(&req).await {
                Ok(server) if api::json_eq(&server, &api::to_json(&local)) => {
                    Binding::Match(local.price_book)
                }
                Ok(server) => {
                    let field = |k| api::json_str(&server, k).unwrap_or_else(|| "?".into());
                    Binding::Differ(field("licence_total"), field("total_over_years"))
                }
                Err(e) => Binding::Failed(e.message),
            };
            binding.set(Some(answer));
        });
    };

    view! {
        <section class="hero">
            <h1>{move || t("SMA cost calculator", "SMA-Kostenrechner")}</h1>
            <p class="lead">{move || t(
                "Estimate licences and the Software Maintenance Agreement over the years, and see when buying the SMA with the software pays off.",
                "Schätzen Sie Lizenzen und den Softwarepflegevertrag über die Jahre und sehen Sie, wann sich der SMA beim Softwarekauf lohnt.")}</p>
            <p class="print-only">{move || format!("{} {} · {} {}",
                t("Quote of", "Angebot vom"), lang.get().date(today),
                t("price book", "Preisliste"), book_for(state.get().licence_date).id())}</p>
        </section>
        <div class="grid grid-2 calculator">
            <form class="inputs no-print-controls" aria-label=move || t("Your system", "Ihr System") on:submit=|ev| ev.prevent_default()>
                <EditionPicker state=state edit=Callback::new(move |code: String| edit(&|s| s.set_edition(&code)))/>
                <Cameras state=state set_state=set_state/>
                <Modules state=state set_state=set_state/>
                <SmaOptions state=state set_state=set_state/>
            </form>
            <div class="results">
                {move || {
                    let (result, us) = calc.get();
                    let lang = lang.get();
                    match result {
                        Err(e) => view! {
                            <div class="notice bad" role="alert">
                                <strong>{lang.t("This configuration cannot be priced: ", "Diese Konfiguration ist nicht kalkulierbar: ")}</strong>
                                {e.message()}
                            </div>
                        }.into_any(),
                        Ok(c) => view! {
                            <LicenceCard quote=c.quote.clone() lang=lang/>
                            <SmaCard quote=c.quote.clone() lang=lang/>
                            <ComparisonCard comparison=c.comparison.clone() state=state.get() lang=lang set_state=set_state/>
                            <p class="muted small" id="calc-time" data-ms=format!("{}.{:03}", us / 1000, us % 1000)>
                                {format!("{} {}.{:02} ms", lang.t("Recalculated in your browser in", "Im Browser neu berechnet in"), (us + 5) / 1000, (us + 5) / 10 % 100)}
                            </p>
                        }.into_any(),
                    }
                }}
                <div class="card actions no-print">
                    <h2>{move || t("Keep or share this quote", "Angebot sichern oder teilen")}</h2>
                    <div class="row">
                        <button type="button" on:click=ask_server disabled=move || calc.get().0.is_err()>
                            {move || t("Get a binding quote", "Verbindliches Angebot anfordern")}
                        </button>
                        <button type="button" class="secondary" on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>
                            {move || t("Print quote", "Angebot drucken")}
                        </button>
                    </div>
                    <div class="field">
                        <label for="share-link">{move || t("Link to this quote", "Link zu diesem Angebot")}</label>
                        <input id="share-link" type="text" readonly
                            prop:value=move || format!("{}/?{}", origin(), state.get().to_query())
                            on:focus=|ev| { if let Some(i) = event_target::<web_sys::HtmlInputElement>(&ev).into() { i.select(); } }/>
                    </div>
                    <div aria-live="polite">
                        {move || binding.get().map(|b| binding_view(b, lang.get()))}
                    </div>
                </div>
            </div>
        </div>
    }
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

fn binding_view(b: Binding, lang: Lang) -> AnyView {
    match b {
        Binding::Loading => view! { <p class="muted">{lang.t("Asking the server…", "Server wird gefragt …")}</p> }.into_any(),
        Binding::Match(book) => view! {
            <div class="notice ok" role="status">
                {format!("{} {book}.", lang.t(
                    "Binding quote confirmed: the server computed exactly the same figures, price book",
                    "Verbindliches Angebot bestätigt: Der Server hat genau dieselben Zahlen berechnet, Preisliste"))}
            </div>
        }.into_any(),
        Binding::Differ(licence_total, total_over_years) => view! {
            <div class="notice warn" role="alert">
                <strong>{lang.t("The server's figures differ, and they are the binding ones: ", "Die Zahlen des Servers weichen ab und sind verbindlich: ")}</strong>
                {format!("{} {} · {} {}",
                    lang.t("licence total", "Lizenzsumme"), lang.money(&licence_total),
                    lang.t("total over the years", "Summe über die Jahre"), lang.money(&total_over_years))}
            </div>
        }.into_any(),
        Binding::Failed(msg) => view! { <div class="notice bad" role="alert">{msg}</div> }.into_any(),
    }
}

#[component]
fn EditionPicker(state: Memo<CalcState>, edit: Callback<String>) -> impl IntoView {
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
                            <span class="small">{move || e2().map(|e| {
                                let lang = lang.get();
                                format!("{} {} · {} {}", lang.money(e.base_price), lang.t("base", "Basis"),
                                    e.included_cameras, lang.t("cameras included", "Kameras inklusive"))
                            }).unwrap_or_default()}</span>
                            <span class="small muted">{
                                move || {
                                    let lang = lang.get();
                                    book_for(state.get().licence_date).edition_by_code(&c4)
                                        .map(|e| e.max_cameras.map_or_else(
                                            || lang.t("unlimited cameras", "unbegrenzt viele Kameras").to_owned(),
                                            |m| format!("{} {m} {}", lang.t("up to", "bis"), lang.t("cameras", "Kameras"))))
                                        .unwrap_or_default()
                                }
                            }</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

fn parse_qty(v: &str) -> u32 {
    v.trim().parse::<u32>().unwrap_or(0).min(100_000)
}

#[component]
fn Cameras(state: Memo<CalcState>, set_state: Callback<CalcState>) -> impl IntoView {
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
                    book.edition_by_code(&s.edition).map(|e| format!("{} {} {}",
                        e.included_cameras, lang.get().t("cameras are included in", "Kameras sind enthalten in"), e.name)).unwrap_or_default()
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
                        {format!("{} {} {max} {}. ", current.name, lang.t("allows at most", "erlaubt höchstens"), lang.t("cameras", "Kameras"))}
                        {fit.map(|e| {
                            let code = e.code.as_str().to_owned();
                            let label = format!("{} {}", lang.t("Switch to", "Wechseln zu"), e.name);
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

#[component]
fn Modules(state: Memo<CalcState>, set_state: Callback<CalcState>) -> impl IntoView {
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
                            Some(p) => format!("{} / {}{}", lang.money(p), m.unit,
                                if m.per_camera { lang.t(" · at most one per camera", " · höchstens eines pro Kamera") } else { "" }),
                            None => {
                                let eds: Vec<String> = book.editions_with(&m).iter().map(|x| x.name.clone()).collect();
                                format!("{} {}. {} {}.", lang.t("Not available in", "Nicht verfügbar in"), e.name,
                                    lang.t("Available in", "Verfügbar in"), eds.join(", "))
                            }
                        }
                    }}
                    {move || {
                        let (s, book, m, e) = i4();
                        let (m, e) = (m?, e?);
                        if m.price_for(&e.code).is_some() { return None; }
                        let target = book.upgrade_with(&s.edition, &m)?;
                        let (code, name) = (target.code.as_str().to_owned(), target.name.clone());
                        let label = format!("{} {name}", lang.get().t("Switch to", "Wechseln zu"));
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
    crate::calc::parse_date(Some(v))
}

#[component]
fn SmaOptions(state: Memo<CalcState>, set_state: Callback<CalcState>) -> impl IntoView {
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
                        let moved = s.later_date == sma_shared::dates::add_months(s.licence_date, 12);
                        s.licence_date = d;
                        if moved { s.later_date = sma_shared::dates::add_months(d, 12); }
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
                        <span>{move || t("3 years prepaid (5 % off every year)", "3 Jahre im Voraus (5 % Rabatt pro Jahr)")}</span></label>
                </fieldset>
                <div class="field">
                    <label for="years">{move || t("Horizon", "Zeitraum")}</label>
                    <select id="years" prop:value=move || state.get().years.to_string()
                        on:change=move |ev| { let mut s = state.get_untracked(); s.years = parse_qty(&event_target_value(&ev)).clamp(1, 10); set_state.run(s); }>
                        {(1..=10u32).map(|n| view! { <option value=n.to_string()>{move || format!("{n} {}", if n == 1 { t("year", "Jahr") } else { t("years", "Jahre") })}</option> }).collect_view()}
                    </select>
                </div>
            </div>
        </fieldset>
    }
}

#[component]
fn LicenceCard(quote: NewQuote, lang: Lang) -> impl IntoView {
    let f = Formula(lang);
    view! {
        <section class="card" aria-labelledby="licence-h">
            <h2 id="licence-h">{lang.t("Licences", "Lizenzen")}</h2>
            <div class="table-wrap">
                <table>
                    <caption class="muted small">{format!("{} {}", lang.t("Price book", "Preisliste"), quote.licence.price_book)}</caption>
                    <thead><tr>
                        <th scope="col">{lang.t("Item", "Position")}</th>
                        <th scope="col" class="num">{lang.t("Qty", "Menge")}</th>
                        <th scope="col" class="num">{lang.t("Unit price", "Einzelpreis")}</th>
                        <th scope="col" class="num">{lang.t("Amount", "Betrag")}</th>
                    </tr></thead>
                    <tbody>
                        {quote.licence.lines.iter().map(|l| view! {
                            <tr>
                                <td>{l.description.clone()}</td>
                                <td class="num">{l.qty}</td>
                                <td class="num">{lang.money(l.unit_price)}</td>
                                <td class="num"><Amount value=lang.money(l.amount) formula=f.line(l) lang=lang/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr>
                        <th scope="row" colspan="3">{lang.t("Licence total", "Lizenzsumme")}</th>
                        <td class="num" data-testid="licence-total">{lang.money(quote.licence.total)}</td>
                    </tr></tfoot>
                </table>
            </div>
        </section>
    }
}

/// An amount with its formula behind a disclosure.
#[component]
fn Amount(value: String, formula: String, lang: Lang) -> impl IntoView {
    view! {
        <details class="explain">
            <summary><span class="amount">{value}</span><span class="sr-only">{lang.t(" — how is this computed?", " — wie wird das berechnet?")}</span></summary>
            <span class="formula">{formula}</span>
        </details>
    }
}

#[component]
fn SmaCard(quote: NewQuote, lang: Lang) -> impl IntoView {
    let f = Formula(lang);
    let Some(sma) = quote.sma.clone() else {
        return view! {
            <section class="card" aria-labelledby="sma-h">
                <h2 id="sma-h">{lang.t("SMA", "SMA")}</h2>
                <p>{lang.t("No SMA: no updates or upgrades after the licence date, and no upgrade credit.",
                    "Kein SMA: keine Updates oder Upgrades nach dem Lizenzdatum und keine Upgrade-Gutschrift.")}</p>
                <p class="total-line"><span>{lang.t("Total over the years", "Summe über die Jahre")}</span>
                    <strong data-testid="total-over-years">{lang.money(quote.total_over_years)}</strong></p>
            </section>
        }.into_any();
    };
    let late = sma.late_charges.clone();
    view! {
        <section class="card" aria-labelledby="sma-h">
            <h2 id="sma-h">{lang.t("SMA schedule", "SMA-Zahlungsplan")}</h2>
            <p class="muted">{format!("{} {} · {}",
                lang.t("Starts", "Beginn"), lang.date(sma.start),
                if sma.late { lang.t("bought later", "später gekauft") } else { lang.t("bought with the software", "mit der Software gekauft") })}</p>
            {late.map(|c| view! {
                <div class="notice warn">
                    <p><strong>{lang.t("Back-pay", "Nachzahlung")}</strong>{format!(" ({} {}): ", c.back_pay.days(), lang.t("uncovered days", "ungedeckte Tage"))}
                        <Amount value=lang.money(c.back_pay.amount()) formula=f.back_pay(&c.back_pay) lang=lang/></p>
                    <p><strong>{lang.t("Reinstatement fee", "Wiederaufnahmegebühr")}</strong>": "
                        <Amount value=lang.money(c.fee.amount) formula=f.fee(&c.fee) lang=lang/></p>
                </div>
            })}
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th scope="col">{lang.t("Year", "Jahr")}</th>
                        <th scope="col">{lang.t("Period", "Zeitraum")}</th>
                        <th scope="col">{lang.t("Price book", "Preisliste")}</th>
                        <th scope="col" class="num">{lang.t("Value", "Wert")}</th>
                        <th scope="col" class="num">{lang.t("Rate", "Satz")}</th>
                        <th scope="col" class="num">{lang.t("Amount", "Betrag")}</th>
                    </tr></thead>
                    <tbody>
                        {sma.schedule.iter().map(|y| view! {
                            <tr>
                                <td>{y.year}</td>
                                <td>{format!("{} – {}", lang.date(y.start), lang.date(y.end))}</td>
                                <td>{y.price_book.clone()}</td>
                                <td class="num">{lang.money(y.value)}</td>
                                <td class="num">{y.rate.to_string()}</td>
                                <td class="num"><Amount value=lang.money(y.amount) formula=f.year(y) lang=lang/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="total-line"><span>{lang.t("First term", "Erste Laufzeit")}</span><strong>{lang.money(sma.first_term)}</strong></p>
            <p class="total-line"><span>{lang.t("Total over the years (licences, SMA, back-pay, fee)", "Summe über die Jahre (Lizenzen, SMA, Nachzahlung, Gebühr)")}</span>
                <strong data-testid="total-over-years">{lang.money(quote.total_over_years)}</strong></p>
        </section>
    }.into_any()
}

#[component]
fn ComparisonCard(
    comparison: Comparison,
    state: CalcState,
    lang: Lang,
    set_state: Callback<CalcState>,
) -> impl IntoView {
    let n = comparison.with_software.cumulative.len();
    let with = comparison.with_software.total();
    let later = comparison.later.total();
    let none = comparison.no_sma.total();
    let series = vec![
        Series {
            label: lang
                .t("SMA with the software", "SMA mit der Software")
                .into(),
            class: "s-with",
            values: comparison.with_software.cumulative.clone(),
        },
        Series {
            label: format!(
                "{} ({})",
                lang.t("SMA bought later", "SMA später gekauft"),
                lang.date(state.later_date)
            ),
            class: "s-later",
            values: comparison.later.cumulative.clone(),
        },
        Series {
            label: lang.t("No SMA", "Kein SMA").into(),
            class: "s-none",
            values: comparison.no_sma.cumulative.clone(),
        },
    ];
    let verdict = match comparison.break_even_year() {
        Some(y) => {
            let i = usize::try_from(y - 1).unwrap_or(0);
            let saved = comparison.no_sma.cumulative[i] - comparison.with_software.cumulative[i];
            let credit = comparison.with_software.upgrade.as_ref().map_or(sma_shared::Money::ZERO, |u| u.credit);
            format!(
                "{} {y}{} {} {} {} {} {}).",
                lang.t("The SMA bought with the software pays for itself by the end of year", "Der mit der Software gekaufte SMA hat sich bis Ende von Jahr"),
                lang.t(":", " bezahlt gemacht:"),
                lang.t("by then you have paid", "bis dahin haben Sie"),
                lang.money(saved),
                lang.t("less than without an SMA (the upgrade credit of", "weniger bezahlt als ohne SMA (die Upgrade-Gutschrift von"),
                lang.money(credit),
                lang.t("outweighs the SMA fees", "übersteigt die SMA-Gebühren"),
            )
        }
        None => format!(
            "{} {n} {} {}{}",
            lang.t("Over", "Über"),
            lang.t("years the SMA adds", "Jahre kostet der SMA zusätzlich"),
            lang.money(with - none),
            lang.t(
                " for every update and upgrade (new Windows versions, camera driver packs, security fixes). It pays for itself once an edition upgrade credits the full cost of your first installation — try the upgrade preview below.",
                " für alle Updates und Upgrades (neue Windows-Versionen, Kameratreiber, Sicherheitskorrekturen). Er rechnet sich, sobald ein Editions-Upgrade die vollen Kosten Ihrer Erstinstallation gutschreibt – siehe Upgrade-Vorschau unten."),
        ),
    };
    let later_words = format!(
        "{} {} {}",
        lang.t("Buying the SMA later costs", "Der spätere SMA-Kauf kostet"),
        lang.money(later - with),
        lang.t(
            "more over the horizon than buying it with the software.",
            "mehr über den Zeitraum als der Kauf mit der Software."
        )
    );
    let book = book_for(state.licence_date);
    let targets: Vec<(String, String)> = book
        .upgrades_from(&state.edition)
        .into_iter()
        .map(|e| (e.code.as_str().to_owned(), e.name.clone()))
        .collect();
    let preview = comparison
        .with_software
        .upgrade
        .clone()
        .zip(comparison.no_sma.upgrade.clone());
    let upgrade_date = anniversary(
        state.licence_date,
        state.upgrade_year.min(state.years).max(1) - 1,
    );
    let (s1, s2) = (state.clone(), state.clone());
    view! {
        <section class="card" aria-labelledby="compare-h">
            <h2 id="compare-h">{lang.t("With, later or without an SMA", "Mit, später oder ohne SMA")}</h2>
            <CostChart series=series lang=lang title=lang.t("Cumulative cost by year", "Kumulierte Kosten je Jahr").to_owned()/>
            <p class="verdict" data-testid="verdict">{verdict}</p>
            <p>{later_words}</p>
            <h3>{lang.t("Upgrade preview", "Upgrade-Vorschau")}</h3>
            {if targets.is_empty() {
                view! { <p class="muted">{lang.t("Enterprise is the highest edition.", "Enterprise ist die höchste Edition.")}</p> }.into_any()
            } else {
                view! {
                    <div class="row">
                        <div class="field">
                            <label for="upgrade-to">{lang.t("Upgrade to", "Upgrade auf")}</label>
                            <select id="upgrade-to" prop:value=state.upgrade_to.clone()
                                on:change=move |ev| { let mut s = s1.clone(); s.upgrade_to = event_target_value(&ev); set_state.run(s); }>
                                <option value="">{lang.t("No upgrade", "Kein Upgrade")}</option>
                                {targets.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="upgrade-year">{lang.t("At the start of year", "Zu Beginn von Jahr")}</label>
                            <select id="upgrade-year" prop:value=state.upgrade_year.min(state.years).to_string()
                                on:change=move |ev| { let mut s = s2.clone(); s.upgrade_year = parse_qty(&event_target_value(&ev)).max(1); set_state.run(s); }>
                                {(1..=state.years).map(|y| view! { <option value=y.to_string()>{y}</option> }).collect_view()}
                            </select>
                        </div>
                    </div>
                }.into_any()
            }}
            {preview.map(|(w, o)| view! {
                <div class="upgrade-preview table-wrap">
                    <p class="muted">{format!("{} {} ({} {})", lang.t("Upgrade on", "Upgrade am"), lang.date(upgrade_date), lang.t("price book", "Preisliste"), w.price_book)}</p>
                    <table>
                        <thead><tr><th scope="col"></th>
                            <th scope="col" class="num">{lang.t("With an active SMA", "Mit aktivem SMA")}</th>
                            <th scope="col" class="num">{lang.t("Without an SMA", "Ohne SMA")}</th></tr></thead>
                        <tbody>
                            <tr><th scope="row">{lang.t("Target edition list price", "Listenpreis Zieledition")}</th><td class="num">{lang.money(w.target_total)}</td><td class="num">{lang.money(o.target_total)}</td></tr>
                            <tr><th scope="row">{lang.t("Credit for your first installation", "Gutschrift Erstinstallation")}</th><td class="num">{format!("− {}", lang.money(w.credit))}</td><td class="num">{lang.money(o.credit)}</td></tr>
                            <tr><th scope="row">{lang.t("Licence price", "Lizenzpreis")}</th><td class="num">{lang.money(w.licence_price)}</td><td class="num">{lang.money(o.licence_price)}</td></tr>
                            <tr><th scope="row">{lang.t("SMA on the added value, co-termed", "SMA auf den Mehrwert, anteilig")}</th><td class="num">{lang.money(w.sma_adjustment)}</td><td class="num">{lang.money(o.sma_adjustment)}</td></tr>
                        </tbody>
                        <tfoot><tr><th scope="row">{lang.t("Due for the upgrade", "Fällig für das Upgrade")}</th>
                            <td class="num" data-testid="upgrade-with">{lang.money(w.total_due)}</td>
                            <td class="num" data-testid="upgrade-without">{lang.money(o.total_due)}</td></tr></tfoot>
                    </table>
                </div>
            })}
        </section>
    }
}
