//! The legacy Maintenance Contract of an installation (pricing.md section 9): what it is (the
//! frozen fee basis, the annual fee, the term end, what it covers and what it does not), what
//! each order means before the click, and extending against switching to the SMA over the next
//! five years, every amount with its formula. The orders themselves are in the order panel.

use super::model::compare_request;
use crate::{
    api, clock::today, components::legacy_compare::CompareTable, i18n::use_lang, resource::Loaded,
};
use leptos::prelude::*;
use sma_shared::{
    api::Installation,
    dates::add_days,
    lifecycle::{LegacyStatus, LegacySummary},
    Lang,
};

/// The contract's card section, `None` without a contract.
#[component]
pub fn LegacyContract(current: RwSignal<Installation>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let inst = current.get();
        let l = inst.legacy?;
        let switched = inst.sma.status != sma_shared::lifecycle::SmaStatus::None;
        let req = (!switched && l.status != LegacyStatus::Ended)
            .then(|| compare_request(&inst, today()))
            .flatten();
        let comparison = req.map(|req| Loaded::query(move || api::legacy_compare(&req)));
        let heading = format!("legacy-{}", inst.id);
        let labelled = heading.clone();
        Some(view! {
            <section class="acct-legacy" aria-labelledby=labelled>
                <h3 id=heading>{move || lang.get().t("Maintenance Contract", "Wartungsvertrag")}</h3>
                <LegacyFacts l switched/>
                {comparison.map(|c| view! {
                    <Transition fallback=move || view! { <p class="muted">{move || lang.get().t("Comparing…", "Wird verglichen …")}</p> }>
                        {move || c.get().map(|r| match r {
                            Ok(c) => view! { <CompareTable c/> }.into_any(),
                            Err(e) => view! { <p class="notice bad" role="alert">{e.message}</p> }.into_any(),
                        })}
                    </Transition>
                })}
            </section>
        })
    }
}

/// The contract's facts and what it covers.
#[component]
fn LegacyFacts(l: LegacySummary, switched: bool) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let covers = move || {
        let (lang, end) = (lang.get(), lang.get().date(l.term_end));
        match lang {
            Lang::En => format!("Covers: every release published up to {end}, as before. Does not cover: releases after {end} unless extended; it never renews by itself, and an edition upgrade under it gets no credit (the SMA credits the initial installation)."),
            Lang::De => format!("Abgedeckt: jedes bis zum {end} erschienene Release, wie bisher. Nicht abgedeckt: Releases nach dem {end} ohne Verlängerung; der Vertrag verlängert sich nie von selbst, und ein Edition-Upgrade erhält darunter keine Gutschrift (das SMA schreibt die Erstinstallation gut)."),
        }
    };
    let consequences = move || {
        let lang = lang.get();
        let (end, next_end) = (lang.date(l.term_end), lang.date(add_days(l.term_end, 365)));
        let (fee, from, until) = (
            lang.money(l.annual_fee),
            lang.date(l.extension_window.from),
            lang.date(l.extension_window.until),
        );
        let start = lang.date(add_days(l.term_end, 1));
        match (lang, switched) {
            (Lang::En, true) => vec![format!("Switched to the SMA: the contract covers until {end}, the SMA from {start} on. Expansions until then join the contract.")],
            (Lang::De, true) => vec![format!("Zum SMA gewechselt: Der Vertrag deckt bis zum {end} ab, das SMA ab dem {start}. Erweiterungen bis dahin kommen in den Vertrag.")],
            (Lang::En, false) => vec![
                format!("Extend: one more year at the annual fee of {fee}, covering until about {next_end}; possible from {from} until {until}."),
                format!("Switch to the SMA: it starts on {start} when this term ends, counts your years under the contract in its falling rates, with no back-pay and no fee; it then renews automatically."),
                "Expand: the added licences at today's prices, and for this term their share of the fee, pro-rated; the fee basis rises from the next term on.".to_owned(),
            ],
            (Lang::De, false) => vec![
                format!("Verlängern: ein weiteres Jahr zur Jahresgebühr von {fee}, Abdeckung bis etwa {next_end}; möglich vom {from} bis zum {until}."),
                format!("Zum SMA wechseln: Es beginnt am {start}, wenn diese Laufzeit endet, rechnet Ihre Vertragsjahre in seine sinkenden Sätze ein, ohne Nachzahlung und ohne Gebühr; danach verlängert es sich automatisch."),
                "Erweitern: die neuen Lizenzen zu heutigen Preisen und für diese Laufzeit ihr Anteil an der Gebühr, anteilig; die Gebührenbasis steigt ab der nächsten Laufzeit.".to_owned(),
            ],
        }
    };
    let status = move || match (l.status, lang.get()) {
        (LegacyStatus::Active, l) => l.t("Running", "Läuft"),
        (LegacyStatus::Grace, l) => l.t(
            "Ended, extension still possible",
            "Beendet, Verlängerung noch möglich",
        ),
        (LegacyStatus::Ended, l) => l.t("Ended for good", "Endgültig beendet"),
    };
    view! {
        <dl class="acct-facts">
            <div><dt>{move || t("Status", "Status")}</dt><dd>{status}</dd></div>
            <div><dt>{move || t("Since", "Seit")}</dt><dd>{move || lang.get().date(l.start)}</dd></div>
            <div><dt>{move || t("Covered until", "Abgedeckt bis")}</dt><dd>{move || lang.get().date(l.term_end)}</dd></div>
            <div><dt>{move || t("Fee basis (frozen)", "Gebührenbasis (fest)")}</dt><dd>{move || lang.get().money(l.fee_basis)}</dd></div>
            <div><dt>{move || t("Annual fee (20 %)", "Jahresgebühr (20 %)")}</dt><dd>{move || lang.get().money(l.annual_fee)}</dd></div>
        </dl>
        <p class="small">{covers}</p>
        <ul class="acct-legacy-options small">{move || consequences().into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
    }
}
