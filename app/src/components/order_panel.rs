//! What a customer can order for one installation: renew, buy or reinstate the SMA, expand,
//! upgrade. Each action asks the server for a quote (priced from the stored installation), shows
//! every line with how it was computed, and places the order on confirmation with one
//! `Idempotency-Key` per quote, so a double click or a retry places it once.

use crate::{
    api::{self, ApiError},
    calc::{book_for, today},
    i18n::{use_lang, Lang},
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use sma_shared::{
    api::{Installation, ModuleQty, OrderInputs, OrderRequest, OrderView, QuoteView, WireNumber},
    orders::{LineKind, Note, OrderKind, OrderLine},
    PriceBook,
};

/// An order the panel offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortalAction {
    /// Order the next term now (or continue within 30 days of the end).
    Renew,
    /// Buy the SMA, or reinstate a lapsed one.
    Sma,
    /// Add cameras or modules.
    Expand,
    /// Move to a higher edition.
    Upgrade,
}

impl PortalAction {
    /// The actions that fit an SMA in `status` (`active`, `cancelled`, `lapsed`, `none`).
    pub fn available(status: &str) -> Vec<PortalAction> {
        match status {
            "active" | "cancelled" => vec![Self::Renew, Self::Expand, Self::Upgrade],
            _ => vec![Self::Sma, Self::Expand, Self::Upgrade],
        }
    }

    /// The action named in a link (`?action=sma`).
    pub fn parse(code: &str) -> Option<PortalAction> {
        match code {
            "renew" | "renewal" => Some(Self::Renew),
            "sma" | "reinstate" | "buy" => Some(Self::Sma),
            "expand" | "expansion" => Some(Self::Expand),
            "upgrade" => Some(Self::Upgrade),
            _ => None,
        }
    }

    /// The order kind of the API.
    pub fn kind(self) -> OrderKind {
        match self {
            Self::Renew => OrderKind::Renewal,
            Self::Sma => OrderKind::Sma,
            Self::Expand => OrderKind::Expansion,
            Self::Upgrade => OrderKind::Upgrade,
        }
    }

    /// The button's label for an SMA in `status`.
    pub fn label(self, l: Lang, status: &str) -> &'static str {
        match (self, status) {
            (Self::Renew, _) => l.t("Renew now", "Jetzt verlängern"),
            (Self::Sma, "lapsed") => l.t("Reinstate SMA", "SMA wieder aufnehmen"),
            (Self::Sma, _) => l.t("Buy SMA", "SMA kaufen"),
            (Self::Expand, _) => l.t("Expand", "Erweitern"),
            (Self::Upgrade, _) => l.t("Upgrade edition", "Edition upgraden"),
        }
    }
}

/// What the customer entered for an order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderForm {
    /// SMA term in years (1 or 3).
    pub term_years: u32,
    /// Cameras to add.
    pub add_cameras: u32,
    /// Modules to add: (sku, quantity).
    pub add_modules: Vec<(String, u32)>,
    /// The target edition's code.
    pub to_edition: String,
}

impl OrderForm {
    /// The API inputs of `action` (only the fields its kind takes).
    pub fn inputs(&self, action: PortalAction) -> OrderInputs {
        let mut inputs = OrderInputs::default();
        match action {
            PortalAction::Renew => {}
            PortalAction::Sma => inputs.term_years = Some(WireNumber::from(self.term_years.max(1))),
            PortalAction::Expand => {
                inputs.add_cameras = Some(WireNumber::from(self.add_cameras));
                inputs.add_modules = Some(
                    self.add_modules
                        .iter()
                        .filter(|(_, q)| *q > 0)
                        .map(|(sku, q)| ModuleQty::new(sku.clone(), *q))
                        .collect(),
                );
            }
            PortalAction::Upgrade => inputs.to_edition = Some(self.to_edition.clone()),
        }
        inputs
    }

    /// The order request for `installation_id` that confirms the quote of `quote_token`.
    pub fn request(
        &self,
        installation_id: &str,
        action: PortalAction,
        quote_token: &str,
    ) -> OrderRequest {
        let i = self.inputs(action);
        OrderRequest {
            installation_id: installation_id.to_owned(),
            kind: action.kind(),
            term_years: i.term_years,
            add_cameras: i.add_cameras,
            add_modules: i.add_modules,
            to_edition: i.to_edition,
            quote_token: quote_token.to_owned(),
        }
    }

    /// The quantity entered for `sku`.
    pub fn module_qty(&self, sku: &str) -> u32 {
        self.add_modules
            .iter()
            .find(|(s, _)| s == sku)
            .map_or(0, |(_, q)| *q)
    }

    /// Sets the quantity for `sku`.
    pub fn set_module_qty(&mut self, sku: &str, qty: u32) {
        self.add_modules.retain(|(s, _)| s != sku);
        self.add_modules.push((sku.to_owned(), qty));
    }
}

/// The editions above `code` in `book`: (code, name).
pub fn higher_editions(book: &PriceBook, code: &str) -> Vec<(String, String)> {
    book.editions_above(crate::calc::rank(book, code))
        .into_iter()
        .map(|e| (e.code.as_str().to_owned(), e.name.clone()))
        .collect()
}

/// The modules an edition can take in `book`: (sku, name).
pub fn modules_for(book: &PriceBook, code: &str) -> Vec<(String, String)> {
    book.modules()
        .iter()
        .filter(|m| m.prices.iter().any(|(e, _)| e.as_str() == code))
        .map(|m| (m.sku.as_str().to_owned(), m.name.clone()))
        .collect()
}

/// Where the panel stands.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Editing,
    Quoting,
    Quoted {
        quote: QuoteView,
        token: String,
        key: String,
    },
    Placing {
        quote: QuoteView,
        token: String,
        key: String,
    },
    Placed(OrderView),
}

/// The order actions of one installation; `current` is refreshed after an order.
#[component]
pub fn OrderPanel(current: RwSignal<Installation>, initial: Option<PortalAction>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let action = RwSignal::new(initial);
    let form = RwSignal::new(OrderForm {
        term_years: 1,
        ..OrderForm::default()
    });
    let step = RwSignal::new(Step::Editing);
    let error = RwSignal::new(None::<ApiError>);
    let status = move || current.with(|i| i.sma.status.code());
    let id = move || current.with_untracked(|i| i.id.clone());

    let choose = move |a: PortalAction| {
        action.set(if action.get_untracked() == Some(a) {
            None
        } else {
            Some(a)
        });
        let edition = current.with_untracked(|i| i.edition.clone());
        form.update(|f| {
            f.add_cameras = 0;
            f.add_modules.clear();
            f.to_edition = higher_editions(book_for(today()), &edition)
                .first()
                .map(|(c, _)| c.clone())
                .unwrap_or_default();
        });
        step.set(Step::Editing);
        error.set(None);
    };
    let edit = move |f: &dyn Fn(&mut OrderForm)| {
        form.update(|v| f(v));
        if !matches!(step.get_untracked(), Step::Placed(_)) {
            step.set(Step::Editing);
        }
    };

    let ask_quote = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(a) = action.get_untracked() else {
            return;
        };
        if matches!(step.get_untracked(), Step::Quoting | Step::Placing { .. }) {
            return;
        }
        step.set(Step::Quoting);
        error.set(None);
        let inputs = form.with_untracked(|f| f.inputs(a));
        let inst = id();
        spawn_local(async move {
            match api::quote_order(&inst, a.kind(), &inputs).await {
                Ok(q) => step.set(Step::Quoted {
                    quote: q.quote,
                    token: q.quote_token,
                    key: api::new_idempotency_key(),
                }),
                Err(e) => {
                    step.set(Step::Editing);
                    error.set(Some(e));
                }
            }
        });
    };

    let confirm = move |_| {
        let (Some(a), Step::Quoted { quote, token, key }) =
            (action.get_untracked(), step.get_untracked())
        else {
            return;
        };
        step.set(Step::Placing {
            quote: quote.clone(),
            token: token.clone(),
            key: key.clone(),
        });
        error.set(None);
        // The order confirms the quote shown: the server charges its amounts or refuses.
        let req = form.with_untracked(|f| f.request(&id(), a, &token));
        spawn_local(async move {
            match api::place_order(&key, &req).await {
                Ok(order) => {
                    step.set(Step::Placed(order));
                    if let Ok(fresh) = api::installation(&req.installation_id).await {
                        current.set(fresh);
                    }
                }
                Err(e) => {
                    // A changed installation or price needs a new quote; anything else (a
                    // network error, the first attempt still being placed) keeps the key, so a
                    // retry cannot place the order twice.
                    let in_flight = e.field.as_deref() == Some("Idempotency-Key");
                    let requote = matches!(
                        e.code.as_str(),
                        "idempotency_mismatch"
                            | "quote_changed"
                            | "quote_expired"
                            | "invalid_quote"
                    );
                    if (e.code == "conflict" && !in_flight) || requote {
                        step.set(Step::Editing);
                    } else {
                        step.set(Step::Quoted { quote, token, key });
                    }
                    error.set(Some(e));
                }
            }
        });
    };

    let buttons = move || {
        let s = status();
        PortalAction::available(s)
            .into_iter()
            .map(|a| {
                view! {
                    <button
                        type="button"
                        class="secondary"
                        aria-expanded=move || (action.get() == Some(a)).to_string()
                        on:click=move |_| choose(a)
                    >
                        {move || a.label(lang.get(), s)}
                    </button>
                }
            })
            .collect_view()
    };

    let inputs = move || {
        let a = action.get()?;
        let edition = current.with(|i| i.edition.clone());
        let fields = match a {
            PortalAction::Renew => view! {
                <p class="muted">{move || t(
                    "The next term is priced for the anniversary it starts on.",
                    "Die nächste Laufzeit wird zum Jahrestag ihres Beginns berechnet.",
                )}</p>
            }
            .into_any(),
            PortalAction::Sma => view! {
                <fieldset class="acct-term">
                    <legend>{move || t("Term", "Laufzeit")}</legend>
                    <label class="choice">
                        <input type="radio" name=move || format!("term-{}", id())
                            prop:checked=move || form.get().term_years == 1
                            on:change=move |_| edit(&|f| f.term_years = 1)/>
                        {move || t("1 year", "1 Jahr")}
                    </label>
                    <label class="choice">
                        <input type="radio" name=move || format!("term-{}", id())
                            prop:checked=move || form.get().term_years == 3
                            on:change=move |_| edit(&|f| f.term_years = 3)/>
                        {move || t("3 years prepaid (5 % off each year)", "3 Jahre im Voraus (5 % Rabatt je Jahr)")}
                    </label>
                </fieldset>
            }
            .into_any(),
            PortalAction::Expand => {
                let cams_id = format!("add-cameras-{}", id());
                let modules = modules_for(book_for(today()), &edition)
                    .into_iter()
                    .map(|(sku, name)| {
                        let field_id = format!("add-{sku}-{}", id());
                        let (s1, s2) = (sku.clone(), sku.clone());
                        view! {
                            <div class="field">
                                <label for=field_id.clone()>{move || t("Add", "Hinzufügen")}" " {name.clone()}</label>
                                <input id=field_id type="number" min="0" max="10000" inputmode="numeric"
                                    prop:value=move || form.get().module_qty(&s1).to_string()
                                    on:input=move |ev| {
                                        let q = event_target_value(&ev).parse().unwrap_or(0);
                                        let sku = s2.clone();
                                        edit(&move |f| f.set_module_qty(&sku, q));
                                    }/>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="field">
                        <label for=cams_id.clone()>{move || t("Cameras to add", "Zusätzliche Kameras")}</label>
                        <input id=cams_id type="number" min="0" max="10000" inputmode="numeric"
                            prop:value=move || form.get().add_cameras.to_string()
                            on:input=move |ev| {
                                let n = event_target_value(&ev).parse().unwrap_or(0);
                                edit(&move |f| f.add_cameras = n);
                            }/>
                    </div>
                    <div class="acct-modules">{modules}</div>
                }
                .into_any()
            }
            PortalAction::Upgrade => {
                let sel_id = format!("to-edition-{}", id());
                let options = higher_editions(book_for(today()), &edition)
                    .into_iter()
                    .map(|(code, name)| view! { <option value=code>{name}</option> })
                    .collect_view();
                view! {
                    <div class="field">
                        <label for=sel_id.clone()>{move || t("Upgrade to", "Upgrade auf")}</label>
                        <select id=sel_id
                            prop:value=move || form.get().to_edition
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                edit(&move |f| f.to_edition = v.clone());
                            }>
                            {options}
                        </select>
                    </div>
                }
                .into_any()
            }
        };
        let s = status();
        let label = a.label(lang.get(), s);
        Some(view! {
            <form class="acct-order" aria-label=label on:submit=ask_quote>
                {fields}
                <button type="submit" disabled=move || matches!(step.get(), Step::Quoting | Step::Placing { .. })>
                    {move || if matches!(step.get(), Step::Quoting) { t("Pricing…", "Wird berechnet …") } else { t("Show price", "Preis anzeigen") }}
                </button>
            </form>
        })
    };

    let quote_view = move || match step.get() {
        Step::Quoted { quote, .. } | Step::Placing { quote, .. } => {
            let placing = matches!(step.get_untracked(), Step::Placing { .. });
            let gross = quote.amounts.gross;
            Some(view! {
                <section class="acct-quote" aria-label=move || t("Quote", "Angebot")>
                    <QuoteTable quote=quote.clone()/>
                    <div class="acct-quote-actions">
                        <button type="button" on:click=confirm disabled=placing aria-busy=placing.to_string()>
                            {move || if placing {
                                t("Placing the order…", "Bestellung wird aufgegeben …").to_owned()
                            } else {
                                format!("{} ({})", t("Confirm order", "Bestellung bestätigen"), lang.get().money(gross))
                            }}
                        </button>
                        <button type="button" class="secondary" disabled=placing on:click=move |_| step.set(Step::Editing)>
                            {move || t("Change", "Ändern")}
                        </button>
                    </div>
                    <p class="muted small">{move || t(
                        "Paid on invoice. The order is placed once, even if you click twice.",
                        "Zahlung auf Rechnung. Die Bestellung wird nur einmal aufgegeben, auch bei Doppelklick.",
                    )}</p>
                </section>
            })
        }
        _ => None,
    };

    let placed = move || match step.get() {
        Step::Placed(order) => {
            let href = format!("/account/orders/{}", order.id);
            Some(view! {
                <p class="notice ok">
                    {move || t("Order placed:", "Bestellung aufgegeben:")}" "
                    <strong>{order.number.clone()}</strong>" · "
                    <a href=href>{move || t("View invoice", "Rechnung ansehen")}</a>
                </p>
            })
        }
        _ => None,
    };

    view! {
        <div class="acct-actions" role="group" aria-label=move || t("Order for this installation", "Bestellung für diese Installation")>
            {buttons}
        </div>
        {inputs}
        {quote_view}
        <div role="status" aria-live="polite">{placed}</div>
        <div role="alert" class="acct-alert">
            {move || error.get().map(|e| view! { <p class="notice bad">{e.message}</p> })}
        </div>
    }
}

/// A line's description in the page's language (the server writes English; German is composed
/// from the line's structured fields).
pub fn line_description(l: Lang, kind: OrderKind, line: &OrderLine) -> String {
    if l == Lang::En {
        return line.description.clone();
    }
    let period = match (line.from, line.to) {
        (Some(f), Some(t)) => format!(" ({} – {})", l.date(f), l.date(t)),
        _ => String::new(),
    };
    let year = line.year.unwrap_or(0);
    match line.kind {
        LineKind::Licence => line.description.clone(),
        LineKind::Credit => "Gutschrift: voller Preis der Erstinstallation".into(),
        LineKind::SmaYear => format!("SMA-Jahr {year}{period}"),
        LineKind::BackPay => format!(
            "Nachzahlung für {} nicht abgedeckte Tage{period}",
            line.days.unwrap_or(0)
        ),
        LineKind::Fee => "Wiederaufnahmegebühr".into(),
        LineKind::CoTerm => format!(
            "SMA auf {}, anteilig für SMA-Jahr {year}{period}",
            if kind == OrderKind::Upgrade {
                "den Wertzuwachs"
            } else {
                "die hinzugefügten Lizenzen"
            }
        ),
    }
}

/// A note in the page's language (English as the server wrote it).
pub fn note_text(l: Lang, english: &str, note: Option<&Note>) -> String {
    let (Lang::De, Some(note)) = (l, note) else {
        return english.to_owned();
    };
    let d = |date| l.date(date);
    match note {
        Note::WithSoftware { licence_date } => format!(
            "Innerhalb von 30 Tagen nach dem Lizenzdatum gekauft: Das SMA beginnt am Lizenzdatum {}, ohne Aufpreis.",
            d(*licence_date)
        ),
        Note::LateAfterLicence { licence_date, days } => format!(
            "{days} Tage nach dem Lizenzdatum {} gekauft: Das SMA beginnt heute, mit Nachzahlung für die nicht abgedeckten Tage und einer Wiederaufnahmegebühr.",
            d(*licence_date)
        ),
        Note::Continued { ended_on } => format!(
            "Innerhalb von 30 Tagen nach dem Ende am {} bestellt: Die Abdeckung läuft ohne Unterbrechung weiter, ohne Gebühr.",
            d(*ended_on)
        ),
        Note::Restarted { ended_on } => format!(
            "Das SMA endete am {}, vor mehr als 30 Tagen: Es beginnt heute neu mit Jahr 1, mit Nachzahlung für die nicht abgedeckten Tage und einer Wiederaufnahmegebühr.",
            d(*ended_on)
        ),
        Note::Renews { from, to } => format!(
            "Verlängert das SMA für die Laufzeit vom {} bis {}, zum Preis dieses Jahrestags.",
            d(*from),
            d(*to)
        ),
        Note::AutoRenewStaysOff { ends_after } => format!(
            "Die automatische Verlängerung bleibt aus: Die Abdeckung endet nun nach dem {}.",
            d(*ends_after)
        ),
        Note::CoTermed { year, year_start, year_end, days, day_count } => format!(
            "Die neuen Lizenzen kommen für den Rest von SMA-Jahr {year} ({} – {}) ins SMA: {days} von {day_count} Tagen.",
            d(*year_start),
            d(*year_end)
        ),
        Note::NotCovered => "Ohne aktives SMA sind die neuen Lizenzen nicht durch die Wartung abgedeckt.".into(),
        Note::Credited { value } => format!(
            "Mit dem aktiven SMA wird der volle Preis der Erstinstallation ({}) gutgeschrieben.",
            l.money(value)
        ),
        Note::NoCredit => "Ohne aktives SMA gibt es keine Gutschrift für die Erstinstallation.".into(),
    }
}

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
                    <th scope="row">{move || line_description(lang.get(), kind, &line)}<span class="acct-formula">{e}</span></th>
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
            let (english, note) = (n.clone(), quote.explained.get(i).cloned());
            view! { <li>{move || note_text(lang.get(), &english, note.as_ref())}</li> }
        })
        .collect_view();
    let after = quote.after.sma.and_then(|s| s.term_end).map(|end| {
        view! {
            <p class="acct-after">
                {move || t("After this order the SMA covers until", "Nach dieser Bestellung gilt das SMA bis")}" "
                <strong>{move || lang.get().date(end)}</strong>"."
            </p>
        }
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
                    <th scope="row">{move || t("VAT", "USt.")}" " {rate.clone()}" %"</th>
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_active_sma_offers_renewal_and_a_lapsed_one_reinstatement() {
        assert_eq!(
            PortalAction::available("active"),
            vec![
                PortalAction::Renew,
                PortalAction::Expand,
                PortalAction::Upgrade
            ]
        );
        assert_eq!(PortalAction::available("lapsed")[0], PortalAction::Sma);
        assert_eq!(PortalAction::Sma.label(Lang::En, "lapsed"), "Reinstate SMA");
        assert_eq!(PortalAction::Sma.label(Lang::En, "none"), "Buy SMA");
    }

    #[test]
    fn the_form_sends_only_the_inputs_of_its_kind() {
        let mut form = OrderForm {
            term_years: 3,
            add_cameras: 4,
            to_edition: "enterprise".into(),
            ..OrderForm::default()
        };
        form.set_module_qty("pos", 2);
        form.set_module_qty("voip", 0);
        let expand = form.inputs(PortalAction::Expand);
        assert_eq!(expand.term_years, None);
        assert_eq!(expand.to_edition, None);
        assert_eq!(expand.add_modules.unwrap(), vec![ModuleQty::new("pos", 2)]);
        let renew = form.request("inst_1", PortalAction::Renew, "q1.token.mac");
        assert_eq!(renew.kind, OrderKind::Renewal);
        assert_eq!(renew.quote_token, "q1.token.mac");
        assert_eq!(renew.inputs(), OrderInputs::default());
        assert_eq!(
            form.inputs(PortalAction::Sma).term_years,
            Some(WireNumber::from(3))
        );
    }

    #[test]
    fn german_line_descriptions_come_from_the_line_fields() {
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2027, m, day).unwrap();
        let line = OrderLine {
            kind: LineKind::SmaYear,
            code: "sma_year_2".into(),
            description: "SMA year 2 (2027-03-10 – 2028-03-09)".into(),
            qty: None,
            unit_price: None,
            amount: sma_shared::Money::parse("457.38").unwrap(),
            explanation: String::new(),
            year: Some(2),
            from: Some(d(3, 10)),
            to: Some(d(12, 31)),
            days: None,
        };
        assert_eq!(
            line_description(Lang::En, OrderKind::Renewal, &line),
            line.description
        );
        assert_eq!(
            line_description(Lang::De, OrderKind::Renewal, &line),
            "SMA-Jahr 2 (10.03.2027 – 31.12.2027)"
        );
    }

    #[test]
    fn upgrades_offer_only_higher_editions() {
        let book = &sma_shared::PriceBooks::demo().books()[0];
        let codes: Vec<String> = higher_editions(book, "probox")
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(codes, ["professional", "enterprise"]);
        assert!(higher_editions(book, "enterprise").is_empty());
    }
}
