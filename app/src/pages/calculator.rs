//! `/`: the self-service cost calculator. All state lives in the URL; every change reprices
//! instantly in the browser with the `shared` engine, and the Worker can confirm the figures.

use crate::{
    api,
    clock::today,
    components::calculator::{
        contract::{ContractCard, StartingPoint},
        inputs::{Cameras, EditionPicker, Modules, SmaOptions},
        model::{book_for, CalcState, Calculation, Start},
        results::{ComparisonCard, LicenceCard, SmaCard},
    },
    components::sales::ask::AskSales,
    hooks::{search_params, use_search},
    i18n::{use_lang, Lang},
    start::own_task,
    text::calculator as text,
};
use chrono::NaiveDate;
use leptos::{prelude::*, task::spawn_local};
use sma_shared::PricingError;

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
    let (search, replace_search) = use_search();
    let state = Memo::new(move |_| search.with(|s| CalcState::from_query(search_params(s), today)));
    let set_state = Callback::new(move |s: CalcState| replace_search(&s.to_query()));
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
            <p class="print-only">{move || text::quote_of(lang.get(), today, book_for(state.get().licence_date).id())}</p>
        </section>
        <div class="grid grid-2 calculator">
            <form class="inputs no-print-controls" aria-label=move || t("Your system", "Ihr System") on:submit=|ev| ev.prevent_default()>
                // Each part in a task of its own while the app starts (`crate::start`): the
                // code each runs compiles on its first call, and one task for all of it blocked
                // a phone's page for a quarter second.
                {own_task(move || view! {
                    <StartingPoint state=state set_state=set_state/>
                    <EditionPicker state=state edit=Callback::new(move |code: String| edit(&|s| s.set_edition(&code)))/>
                }.into_any())}
                {own_task(move || view! { <Cameras state=state set_state=set_state/> }.into_any())}
                {own_task(move || view! { <Modules state=state set_state=set_state/> }.into_any())}
                {own_task(move || view! { <SmaOptions state=state set_state=set_state/> }.into_any())}
            </form>
            <div class="results">
                {own_task(move || view! {
                    {move || {
                        let (result, us) = calc.get();
                        let lang = lang.get();
                        match result {
                            _ if state.get().start == Start::Legacy => view! {
                                <ContractCard result=state.get().compute_legacy(today) lang=lang/>
                            }.into_any(),
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
                                    {text::recalculated(lang, us)}
                                </p>
                            }.into_any(),
                        }
                    }}
                }.into_any())}
                {own_task(move || view! {
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
                        <AskSales
                            config=Signal::derive(move || calc.get().0.is_ok().then(|| state.get().request()))
                            installation_id=None
                            key="calc".to_owned()
                        />
                    </div>
                }.into_any())}
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
            <div class="notice ok" role="status">{text::binding_confirmed(lang, &book)}</div>
        }.into_any(),
        Binding::Differ(licence_total, total_over_years) => view! {
            <div class="notice warn" role="alert">
                <strong>{lang.t("The server's figures differ, and they are the binding ones: ", "Die Zahlen des Servers weichen ab und sind verbindlich: ")}</strong>
                {text::binding_differs(lang, &licence_total, &total_over_years)}
            </div>
        }.into_any(),
        Binding::Failed(msg) => view! { <div class="notice bad" role="alert">{msg}</div> }.into_any(),
    }
}
