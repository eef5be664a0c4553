//! The calculator's results: the licences, the SMA schedule with back-pay and fee, and the
//! comparison of buying the SMA with the software, later or not at all, with an upgrade
//! preview. Every amount can be unfolded into its formula.

use super::model::{book_for, parse_qty, CalcState, Formula};
use crate::{
    components::chart::{CostChart, Series},
    i18n::Lang,
    text::calculator as text,
};
use leptos::prelude::*;
use sma_shared::{
    dates::anniversary,
    pricing::{Comparison, NewQuote},
};

/// The licence lines and their total.
#[component]
pub fn LicenceCard(quote: NewQuote, lang: Lang) -> impl IntoView {
    let f = Formula(lang);
    view! {
        <section class="card" aria-labelledby="licence-h">
            <h2 id="licence-h">{lang.t("Licences", "Lizenzen")}</h2>
            <div class="table-wrap">
                <table>
                    <caption class="muted small">{text::price_book(lang, &quote.licence.price_book)}</caption>
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

/// The SMA's years, with back-pay and fee when bought late.
#[component]
pub fn SmaCard(quote: NewQuote, lang: Lang) -> impl IntoView {
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
            <p class="muted">{text::sma_starts(lang, sma.start, sma.late)}</p>
            {late.map(|c| view! {
                <div class="notice warn">
                    <p><strong>{lang.t("Back-pay", "Nachzahlung")}</strong>{text::uncovered_days(lang, c.back_pay.days())}
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

/// With, later or without an SMA over the horizon, and the upgrade preview.
#[component]
pub fn ComparisonCard(
    comparison: Comparison,
    state: CalcState,
    lang: Lang,
    set_state: Callback<CalcState>,
) -> impl IntoView {
    let series = vec![
        Series {
            label: lang
                .t("SMA with the software", "SMA mit der Software")
                .into(),
            class: "s-with",
            values: comparison.with_software.cumulative.clone(),
        },
        Series {
            label: text::bought_later_on(lang, state.later_date),
            class: "s-later",
            values: comparison.later.cumulative.clone(),
        },
        Series {
            label: lang.t("No SMA", "Kein SMA").into(),
            class: "s-none",
            values: comparison.no_sma.cumulative.clone(),
        },
    ];
    let verdict = text::verdict(lang, comparison.verdict());
    let later_words = text::later_costs_more(lang, comparison.later_extra());
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
                    <p class="muted">{text::upgrade_on(lang, upgrade_date, &w.price_book)}</p>
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
