//! The sentences that explain a Maintenance Contract order as a whole, as data, in English and
//! German side by side ([`LegacyNote::text`]); [`LegacyNote::english`] is what the API and the
//! invoice carry. Policy numbers come from the constants.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::iso;
use crate::foundation::{Lang, Money, Rate};
use crate::pricing::GRACE_DAYS;

/// A sentence that explains a Maintenance Contract order, as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum LegacyNote {
    /// An extension: the term it orders, at the annual fee.
    Extends {
        /// The term's first day.
        from: NaiveDate,
        /// Its last day.
        to: NaiveDate,
        /// The annual fee.
        fee: Money,
    },
    /// Ordered in the grace: coverage continues from the end as if never interrupted.
    ContinuesAfterEnd {
        /// The last covered day before the order.
        ended_on: NaiveDate,
    },
    /// Added licences pro-rated for the rest of the current term.
    JoinsTerm {
        /// The term index.
        term: u32,
        /// The term's first day.
        term_start: NaiveDate,
        /// Its last day.
        term_end: NaiveDate,
        /// Days charged.
        days: u32,
        /// Days in the term.
        day_count: u32,
    },
    /// A change in the grace: no term is running, so nothing is pro-rated.
    NoTermRunning {
        /// The last covered day.
        ended_on: NaiveDate,
        /// The last day to extend or switch.
        extend_until: NaiveDate,
    },
    /// The fee basis of the terms from `from` on.
    FeeBasisFrom {
        /// The first day of the first term on the new basis.
        from: NaiveDate,
        /// The new fee basis.
        basis: Money,
        /// The annual fee on it.
        fee: Money,
    },
    /// A term already ordered ahead is topped up to the new basis.
    OrderedTermToppedUp {
        /// The term's first day.
        from: NaiveDate,
        /// Its last day.
        to: NaiveDate,
        /// The top-up.
        amount: Money,
    },
    /// An upgrade under a Maintenance Contract: no credit; switching first would bring it.
    SwitchFirstForCredit {
        /// The first day of the SMA after a switch (the contract's end).
        sma_from: NaiveDate,
        /// The credit an upgrade would get with the SMA active.
        credit: Money,
    },
    /// The switch: the SMA starts at the contract's end, its place in the falling rates kept.
    SwitchStarts {
        /// The SMA's first day.
        sma_start: NaiveDate,
        /// Whole years of Maintenance Contract coverage before it.
        legacy_years: u32,
        /// The SMA year index it starts with.
        year: u32,
        /// That year's rate.
        rate: Rate,
    },
    /// The SMA bought after the contract ended for good: section 4 from the end.
    EndedForGood {
        /// The last covered day.
        ended_on: NaiveDate,
    },
    /// A change after the switch to the SMA: the contract still covers until the SMA starts,
    /// which then maintains the installation as it is (on its maintained value).
    SmaTakesOver {
        /// The SMA's first day.
        sma_from: NaiveDate,
    },
    /// An upgrade after the switch, before the SMA starts: no credit yet.
    CreditOnceSmaRuns {
        /// The SMA's first day.
        sma_from: NaiveDate,
        /// The credit an upgrade gets once the SMA runs.
        credit: Money,
    },
}

impl LegacyNote {
    /// The sentence in English, as the API and the invoice carry it (ISO dates).
    pub fn english(&self) -> String {
        self.text(Lang::En)
    }

    /// The sentence in `lang`: English as the API carries it, German with German dates and
    /// amounts.
    pub fn text(&self, lang: Lang) -> String {
        let date = |d: &NaiveDate| match lang {
            Lang::En => iso(*d),
            Lang::De => lang.date(*d),
        };
        let money = |m: &Money| match lang {
            Lang::En => m.to_string(),
            Lang::De => lang.money(m),
        };
        let grace = GRACE_DAYS;
        match (self, lang) {
            (LegacyNote::Extends { from, to, fee }, Lang::En) => format!(
                "Extends the Maintenance Contract for the term from {} to {} at the annual fee of {}.",
                date(from), date(to), money(fee)
            ),
            (LegacyNote::Extends { from, to, fee }, Lang::De) => format!(
                "Verlängert den Wartungsvertrag für die Laufzeit vom {} bis {} zur Jahresgebühr von {}.",
                date(from), date(to), money(fee)
            ),
            (LegacyNote::ContinuesAfterEnd { ended_on }, Lang::En) => format!(
                "Ordered within {grace} days of the end on {}: coverage continues as if never interrupted.",
                date(ended_on)
            ),
            (LegacyNote::ContinuesAfterEnd { ended_on }, Lang::De) => format!(
                "Innerhalb von {grace} Tagen nach dem Ende am {} bestellt: Die Abdeckung läuft ohne Unterbrechung weiter.",
                date(ended_on)
            ),
            (LegacyNote::JoinsTerm { term, term_start, term_end, days, day_count }, Lang::En) => format!(
                "The added licences join the Maintenance Contract for the rest of term {term} ({} – {}): {days} of {day_count} days.",
                date(term_start), date(term_end)
            ),
            (LegacyNote::JoinsTerm { term, term_start, term_end, days, day_count }, Lang::De) => format!(
                "Die neuen Lizenzen kommen für den Rest von Vertragsjahr {term} ({} – {}) in den Wartungsvertrag: {days} von {day_count} Tagen.",
                date(term_start), date(term_end)
            ),
            (LegacyNote::NoTermRunning { ended_on, extend_until }, Lang::En) => format!(
                "The Maintenance Contract's term ended on {}: nothing is pro-rated; extend it or switch to the SMA by {} to keep the installation covered.",
                date(ended_on), date(extend_until)
            ),
            (LegacyNote::NoTermRunning { ended_on, extend_until }, Lang::De) => format!(
                "Die Laufzeit des Wartungsvertrags endete am {}: Es wird nichts anteilig berechnet; verlängern Sie ihn oder wechseln Sie bis zum {} zum SMA, damit die Installation abgedeckt bleibt.",
                date(ended_on), date(extend_until)
            ),
            (LegacyNote::FeeBasisFrom { from, basis, fee }, Lang::En) => format!(
                "From {} the fee basis is {} and the annual fee {}.",
                date(from), money(basis), money(fee)
            ),
            (LegacyNote::FeeBasisFrom { from, basis, fee }, Lang::De) => format!(
                "Ab dem {} beträgt die Gebührenbasis {} und die Jahresgebühr {}.",
                date(from), money(basis), money(fee)
            ),
            (LegacyNote::OrderedTermToppedUp { from, to, amount }, Lang::En) => format!(
                "The term from {} to {} is already ordered: its fee is topped up by {} to the new fee basis.",
                date(from), date(to), money(amount)
            ),
            (LegacyNote::OrderedTermToppedUp { from, to, amount }, Lang::De) => format!(
                "Die Laufzeit vom {} bis {} ist bereits bestellt: Ihre Gebühr wird um {} auf die neue Gebührenbasis angehoben.",
                date(from), date(to), money(amount)
            ),
            (LegacyNote::SwitchFirstForCredit { sma_from, credit }, Lang::En) => format!(
                "A Maintenance Contract brings no upgrade credit. Switch to the SMA first: once it runs (from {}), an upgrade credits the full cost of the initial installation ({}).",
                date(sma_from), money(credit)
            ),
            (LegacyNote::SwitchFirstForCredit { sma_from, credit }, Lang::De) => format!(
                "Ein Wartungsvertrag bringt keine Upgrade-Gutschrift. Wechseln Sie zuerst zum SMA: Sobald es läuft (ab dem {}), wird bei einem Upgrade der volle Preis der Erstinstallation ({}) gutgeschrieben.",
                date(sma_from), money(credit)
            ),
            (LegacyNote::SwitchStarts { sma_start, legacy_years, year, rate }, Lang::En) => format!(
                "The SMA starts on {}, when the Maintenance Contract ends; its {legacy_years} whole years count, so it starts in year {year} of the falling rates ({rate}). No back-pay, no fee.",
                date(sma_start)
            ),
            (LegacyNote::SwitchStarts { sma_start, legacy_years, year, rate }, Lang::De) => format!(
                "Das SMA beginnt am {}, wenn der Wartungsvertrag endet; seine {legacy_years} vollen Jahre zählen, daher beginnt es in Jahr {year} der fallenden Sätze ({}). Keine Nachzahlung, keine Gebühr.",
                date(sma_start), lang.percent(*rate)
            ),
            (LegacyNote::EndedForGood { ended_on }, Lang::En) => format!(
                "The Maintenance Contract ended on {}, more than {grace} days ago: the SMA starts today at year 1, with back-pay for the uncovered days since then and a reinstatement fee.",
                date(ended_on)
            ),
            (LegacyNote::EndedForGood { ended_on }, Lang::De) => format!(
                "Der Wartungsvertrag endete am {}, vor mehr als {grace} Tagen: Das SMA beginnt heute mit Jahr 1, mit Nachzahlung für die seitdem nicht abgedeckten Tage und einer Wiederaufnahmegebühr.",
                date(ended_on)
            ),
            (LegacyNote::SmaTakesOver { sma_from }, Lang::En) => format!(
                "The Maintenance Contract covers the installation until the SMA starts on {}; the SMA then maintains it as it is then.",
                date(sma_from)
            ),
            (LegacyNote::SmaTakesOver { sma_from }, Lang::De) => format!(
                "Der Wartungsvertrag deckt die Installation ab, bis am {} das SMA beginnt; das SMA wartet sie dann so, wie sie dann ist.",
                date(sma_from)
            ),
            (LegacyNote::CreditOnceSmaRuns { sma_from, credit }, Lang::En) => format!(
                "Until the SMA starts on {} the Maintenance Contract brings no upgrade credit; from then on an upgrade credits the full cost of the initial installation ({}).",
                date(sma_from), money(credit)
            ),
            (LegacyNote::CreditOnceSmaRuns { sma_from, credit }, Lang::De) => format!(
                "Bis das SMA am {} beginnt, bringt der Wartungsvertrag keine Upgrade-Gutschrift; ab dann wird bei einem Upgrade der volle Preis der Erstinstallation ({}) gutgeschrieben.",
                date(sma_from), money(credit)
            ),
        }
    }
}
