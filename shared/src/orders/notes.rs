//! The sentences of an order in English and German: its notes (what explains the order as a
//! whole, as data with [`Note::text`]; [`Note::english`] is what the API and the invoice
//! carry) and its lines' descriptions ([`OrderLine::text`]).

use chrono::NaiveDate;
use serde::{de, Deserialize, Deserializer, Serialize};

use super::{LineKind, OrderKind, OrderLine};
use crate::dates::iso;
use crate::foundation::{Lang, Money, Rate};
use crate::lifecycle::LegacyNote;
use crate::pricing::GRACE_DAYS;

/// A sentence that explains an order as a whole, as data (the app writes it in the visitor's
/// language; [`Note::english`] is what the API and the invoice carry).
// Deserialised through `NoteFields` (smaller Wasm than serde's tagged-enum reader).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(rename = "OrderNote", transform = one_of_codes)
)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Note {
    /// Bought within 30 days of the licence date: starts on it, no extra charge.
    WithSoftware {
        /// The licence date.
        licence_date: NaiveDate,
    },
    /// Bought later: starts today, with back-pay and fee.
    LateAfterLicence {
        /// The licence date.
        licence_date: NaiveDate,
        /// Days since it.
        days: i64,
    },
    /// Reinstated within 30 days of the end: continues as if never interrupted.
    Continued {
        /// The last covered day.
        ended_on: NaiveDate,
    },
    /// Reinstated later: starts again at year 1 with back-pay and fee.
    Restarted {
        /// The last covered day.
        ended_on: NaiveDate,
    },
    /// A renewal: the term it orders.
    Renews {
        /// The term's first day.
        from: NaiveDate,
        /// Its last day.
        to: NaiveDate,
    },
    /// A renewal of a cancelled SMA: auto-renew stays off.
    AutoRenewStaysOff {
        /// The new last covered day.
        ends_after: NaiveDate,
    },
    /// An added value co-termed with the current SMA year.
    CoTermed {
        /// The year index.
        year: u32,
        /// The year's first day.
        year_start: NaiveDate,
        /// Its last day.
        year_end: NaiveDate,
        /// Days charged.
        days: u32,
        /// Days in the year.
        day_count: u32,
    },
    /// An expansion without an active SMA.
    NotCovered,
    /// An upgrade with an active SMA: the initial installation is credited.
    Credited {
        /// The credit.
        value: Money,
    },
    /// An upgrade without an active SMA: no credit.
    NoCredit,
    /// A note of a Maintenance Contract order (pricing.md section 9), written with its own
    /// `code`.
    #[serde(untagged)]
    Legacy(LegacyNote),
}

/// The variants of [`Note`] each carry a distinct `code` (those of [`LegacyNote`] too), so
/// exactly one matches: `oneOf`, where the untagged variant made it `anyOf`.
#[cfg(feature = "schema")]
fn one_of_codes(schema: &mut schemars::Schema) {
    if let Some(any) = schema.remove("anyOf") {
        schema.insert("oneOf".into(), any);
    }
}

/// Every field a note may have, flat: how a [`Note`] is read. Its `code` names the variant, as
/// the derived `Serialize` writes it. (A flat struct reads with a fraction of the code of the
/// derived reader of an internally tagged enum, which buffers the object first: the portal's
/// Wasm is smaller by that.)
#[derive(Deserialize)]
struct NoteFields {
    code: String,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    licence_date: Option<NaiveDate>,
    days: Option<i64>,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    ended_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    to: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    ends_after: Option<NaiveDate>,
    year: Option<u32>,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    year_start: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    year_end: Option<NaiveDate>,
    day_count: Option<u32>,
    value: Option<Money>,
    // The fields of the Maintenance Contract notes (`LegacyNote`).
    fee: Option<Money>,
    term: Option<u32>,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    term_start: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    term_end: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    extend_until: Option<NaiveDate>,
    basis: Option<Money>,
    amount: Option<Money>,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    sma_from: Option<NaiveDate>,
    credit: Option<Money>,
    #[serde(default, deserialize_with = "crate::dates::serde_iso::optional")]
    sma_start: Option<NaiveDate>,
    legacy_years: Option<u32>,
    rate: Option<Rate>,
}

impl NoteFields {
    fn note(self) -> Result<Note, String> {
        fn given<T>(field: Option<T>, name: &str) -> Result<T, String> {
            field.ok_or_else(|| format!("missing field `{name}`"))
        }
        Ok(match self.code.as_str() {
            "with_software" => Note::WithSoftware {
                licence_date: given(self.licence_date, "licence_date")?,
            },
            "late_after_licence" => Note::LateAfterLicence {
                licence_date: given(self.licence_date, "licence_date")?,
                days: given(self.days, "days")?,
            },
            "continued" => Note::Continued {
                ended_on: given(self.ended_on, "ended_on")?,
            },
            "restarted" => Note::Restarted {
                ended_on: given(self.ended_on, "ended_on")?,
            },
            "renews" => Note::Renews {
                from: given(self.from, "from")?,
                to: given(self.to, "to")?,
            },
            "auto_renew_stays_off" => Note::AutoRenewStaysOff {
                ends_after: given(self.ends_after, "ends_after")?,
            },
            "co_termed" => Note::CoTermed {
                year: given(self.year, "year")?,
                year_start: given(self.year_start, "year_start")?,
                year_end: given(self.year_end, "year_end")?,
                days: u32::try_from(given(self.days, "days")?)
                    .map_err(|_| "`days` out of range".to_owned())?,
                day_count: given(self.day_count, "day_count")?,
            },
            "not_covered" => Note::NotCovered,
            "credited" => Note::Credited {
                value: given(self.value, "value")?,
            },
            "no_credit" => Note::NoCredit,
            _ => Note::Legacy(self.legacy()?),
        })
    }

    fn legacy(self) -> Result<LegacyNote, String> {
        fn given<T>(field: Option<T>, name: &str) -> Result<T, String> {
            field.ok_or_else(|| format!("missing field `{name}`"))
        }
        let days = |d: Option<i64>| {
            u32::try_from(given(d, "days")?).map_err(|_| "`days` out of range".to_owned())
        };
        Ok(match self.code.as_str() {
            "extends" => LegacyNote::Extends {
                from: given(self.from, "from")?,
                to: given(self.to, "to")?,
                fee: given(self.fee, "fee")?,
            },
            "continues_after_end" => LegacyNote::ContinuesAfterEnd {
                ended_on: given(self.ended_on, "ended_on")?,
            },
            "joins_term" => LegacyNote::JoinsTerm {
                term: given(self.term, "term")?,
                term_start: given(self.term_start, "term_start")?,
                term_end: given(self.term_end, "term_end")?,
                days: days(self.days)?,
                day_count: given(self.day_count, "day_count")?,
            },
            "no_term_running" => LegacyNote::NoTermRunning {
                ended_on: given(self.ended_on, "ended_on")?,
                extend_until: given(self.extend_until, "extend_until")?,
            },
            "fee_basis_from" => LegacyNote::FeeBasisFrom {
                from: given(self.from, "from")?,
                basis: given(self.basis, "basis")?,
                fee: given(self.fee, "fee")?,
            },
            "ordered_term_topped_up" => LegacyNote::OrderedTermToppedUp {
                from: given(self.from, "from")?,
                to: given(self.to, "to")?,
                amount: given(self.amount, "amount")?,
            },
            "switch_first_for_credit" => LegacyNote::SwitchFirstForCredit {
                sma_from: given(self.sma_from, "sma_from")?,
                credit: given(self.credit, "credit")?,
            },
            "switch_starts" => LegacyNote::SwitchStarts {
                sma_start: given(self.sma_start, "sma_start")?,
                legacy_years: given(self.legacy_years, "legacy_years")?,
                year: given(self.year, "year")?,
                rate: given(self.rate, "rate")?,
            },
            "ended_for_good" => LegacyNote::EndedForGood {
                ended_on: given(self.ended_on, "ended_on")?,
            },
            "sma_takes_over" => LegacyNote::SmaTakesOver {
                sma_from: given(self.sma_from, "sma_from")?,
            },
            "credit_once_sma_runs" => LegacyNote::CreditOnceSmaRuns {
                sma_from: given(self.sma_from, "sma_from")?,
                credit: given(self.credit, "credit")?,
            },
            other => return Err(format!("unknown note code `{other}`")),
        })
    }
}

impl<'de> Deserialize<'de> for Note {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Note, D::Error> {
        NoteFields::deserialize(deserializer)?
            .note()
            .map_err(de::Error::custom)
    }
}

impl Note {
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
        let grace = GRACE_DAYS;
        match (self, lang) {
            (Note::WithSoftware { licence_date }, Lang::En) => format!(
                "Bought within {grace} days of the licence date: the SMA starts on the licence date {}, no extra charge.",
                date(licence_date)
            ),
            (Note::WithSoftware { licence_date }, Lang::De) => format!(
                "Innerhalb von {grace} Tagen nach dem Lizenzdatum gekauft: Das SMA beginnt am Lizenzdatum {}, ohne Aufpreis.",
                date(licence_date)
            ),
            (Note::LateAfterLicence { licence_date, days }, Lang::En) => format!(
                "Bought {days} days after the licence date {}: the SMA starts today, with back-pay for the uncovered days and a reinstatement fee.",
                date(licence_date)
            ),
            (Note::LateAfterLicence { licence_date, days }, Lang::De) => format!(
                "{days} Tage nach dem Lizenzdatum {} gekauft: Das SMA beginnt heute, mit Nachzahlung für die nicht abgedeckten Tage und einer Wiederaufnahmegebühr.",
                date(licence_date)
            ),
            (Note::Continued { ended_on }, Lang::En) => format!(
                "Ordered within {grace} days of the end on {}: coverage continues as if never interrupted, no fee.",
                date(ended_on)
            ),
            (Note::Continued { ended_on }, Lang::De) => format!(
                "Innerhalb von {grace} Tagen nach dem Ende am {} bestellt: Die Abdeckung läuft ohne Unterbrechung weiter, ohne Gebühr.",
                date(ended_on)
            ),
            (Note::Restarted { ended_on }, Lang::En) => format!(
                "The SMA ended on {}, more than {grace} days ago: it starts again today at year 1, with back-pay for the uncovered days and a reinstatement fee.",
                date(ended_on)
            ),
            (Note::Restarted { ended_on }, Lang::De) => format!(
                "Das SMA endete am {}, vor mehr als {grace} Tagen: Es beginnt heute neu mit Jahr 1, mit Nachzahlung für die nicht abgedeckten Tage und einer Wiederaufnahmegebühr.",
                date(ended_on)
            ),
            (Note::Renews { from, to }, Lang::En) => format!(
                "Renews the SMA for the term from {} to {}, priced for that anniversary.",
                date(from),
                date(to)
            ),
            (Note::Renews { from, to }, Lang::De) => format!(
                "Verlängert das SMA für die Laufzeit vom {} bis {}, zum Preis dieses Jahrestags.",
                date(from),
                date(to)
            ),
            (Note::AutoRenewStaysOff { ends_after }, Lang::En) => format!(
                "Auto-renew stays off: coverage now ends after {}.",
                date(ends_after)
            ),
            (Note::AutoRenewStaysOff { ends_after }, Lang::De) => format!(
                "Die automatische Verlängerung bleibt aus: Die Abdeckung endet nun nach dem {}.",
                date(ends_after)
            ),
            (Note::CoTermed { year, year_start, year_end, days, day_count }, Lang::En) => format!(
                "The added licences join the SMA for the rest of year {year} ({} – {}): {days} of {day_count} days.",
                date(year_start),
                date(year_end)
            ),
            (Note::CoTermed { year, year_start, year_end, days, day_count }, Lang::De) => format!(
                "Die neuen Lizenzen kommen für den Rest von SMA-Jahr {year} ({} – {}) ins SMA: {days} von {day_count} Tagen.",
                date(year_start),
                date(year_end)
            ),
            (Note::NotCovered, Lang::En) => {
                "Without an active SMA the added licences are not covered by maintenance.".into()
            }
            (Note::NotCovered, Lang::De) => {
                "Ohne aktives SMA sind die neuen Lizenzen nicht durch die Wartung abgedeckt.".into()
            }
            (Note::Credited { value }, Lang::En) => format!(
                "With the active SMA the full cost of the initial installation ({value}) is credited."
            ),
            (Note::Credited { value }, Lang::De) => format!(
                "Mit dem aktiven SMA wird der volle Preis der Erstinstallation ({}) gutgeschrieben.",
                lang.money(value)
            ),
            (Note::NoCredit, Lang::En) => {
                "Without an active SMA there is no credit for the initial installation.".into()
            }
            (Note::NoCredit, Lang::De) => {
                "Ohne aktives SMA gibt es keine Gutschrift für die Erstinstallation.".into()
            }
            (Note::Legacy(note), lang) => note.text(lang),
        }
    }
}

impl OrderLine {
    /// The line's description in `lang`, on an order of `kind`: in English as the pricing wrote
    /// it (the API's `description`), in German from the line's fields.
    pub fn text(&self, kind: OrderKind, lang: Lang) -> String {
        let period = match (self.from, self.to) {
            (Some(f), Some(t)) => format!(" ({} – {})", lang.date(f), lang.date(t)),
            _ => String::new(),
        };
        let year = self.year.unwrap_or(0);
        let days = self.days.unwrap_or(0);
        match (lang, self.kind) {
            (Lang::En, _) | (Lang::De, LineKind::Licence) => self.description.clone(),
            (Lang::De, LineKind::Credit) => "Gutschrift: voller Preis der Erstinstallation".into(),
            (Lang::De, LineKind::SmaYear) => format!("SMA-Jahr {year}{period}"),
            (Lang::De, LineKind::BackPay) => {
                format!("Nachzahlung für {days} nicht abgedeckte Tage{period}")
            }
            (Lang::De, LineKind::Fee) => "Wiederaufnahmegebühr".into(),
            (Lang::De, LineKind::CoTerm) if kind == OrderKind::Upgrade => {
                format!("SMA auf den Wertzuwachs, anteilig für SMA-Jahr {year}{period}")
            }
            (Lang::De, LineKind::CoTerm) => {
                format!("SMA auf die hinzugefügten Lizenzen, anteilig für SMA-Jahr {year}{period}")
            }
            (Lang::De, LineKind::LegacyTerm) => {
                format!("Wartungsvertrag, Vertragsjahr {year}{period}")
            }
            (Lang::De, LineKind::LegacyProRata) => format!(
                "Wartungsvertrag auf die hinzugefügten Lizenzen, anteilig für Vertragsjahr {year}{period}"
            ),
            (Lang::De, LineKind::LegacyTopUp) => format!(
                "Wartungsvertrag, Vertragsjahr {year}: Anhebung auf die neue Gebührenbasis{period}"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }

    #[test]
    fn a_note_reads_the_same_in_english_as_the_api_says_it_and_in_german_with_german_dates() {
        let note = Note::Restarted { ended_on: d(3, 9) };
        assert_eq!(
            note.english(),
            "The SMA ended on 2027-03-09, more than 30 days ago: it starts again today at year 1, with back-pay for the uncovered days and a reinstatement fee."
        );
        assert_eq!(
            note.text(Lang::De),
            "Das SMA endete am 09.03.2027, vor mehr als 30 Tagen: Es beginnt heute neu mit Jahr 1, mit Nachzahlung für die nicht abgedeckten Tage und einer Wiederaufnahmegebühr."
        );
        let credit = Note::Credited {
            value: Money::parse("2461.00").unwrap(),
        };
        assert!(credit.english().contains("(2461.00)"));
        assert!(credit.text(Lang::De).contains("(2.461,00\u{a0}EUR)"));
    }

    #[test]
    fn every_note_reads_back_as_it_was_written() {
        let notes = [
            Note::WithSoftware {
                licence_date: d(3, 10),
            },
            Note::LateAfterLicence {
                licence_date: d(3, 10),
                days: 175,
            },
            Note::Continued { ended_on: d(3, 9) },
            Note::Restarted { ended_on: d(3, 9) },
            Note::Renews {
                from: d(3, 10),
                to: d(12, 9),
            },
            Note::AutoRenewStaysOff {
                ends_after: d(12, 9),
            },
            Note::CoTermed {
                year: 2,
                year_start: d(3, 10),
                year_end: d(12, 9),
                days: 120,
                day_count: 365,
            },
            Note::NotCovered,
            Note::Credited {
                value: Money::parse("2461.00").unwrap(),
            },
            Note::NoCredit,
        ];
        for note in notes {
            let json = serde_json::to_string(&note).unwrap();
            assert_eq!(serde_json::from_str::<Note>(&json).unwrap(), note, "{json}");
        }
        assert_eq!(
            serde_json::to_string(&Note::Continued { ended_on: d(3, 9) }).unwrap(),
            r#"{"code":"continued","ended_on":"2027-03-09"}"#
        );
        let missing = serde_json::from_str::<Note>(r#"{"code":"renews","from":"2027-03-10"}"#);
        assert!(missing
            .unwrap_err()
            .to_string()
            .contains("missing field `to`"));
        assert!(serde_json::from_str::<Note>(r#"{"code":"refund"}"#).is_err());
    }

    #[test]
    fn german_line_descriptions_come_from_the_line_fields() {
        let line = OrderLine {
            kind: LineKind::SmaYear,
            code: "sma_year_2".into(),
            description: "SMA year 2 (2027-03-10 – 2028-03-09)".into(),
            qty: None,
            unit_price: None,
            amount: Money::parse("457.38").unwrap(),
            explanation: String::new(),
            year: Some(2),
            from: Some(d(3, 10)),
            to: Some(d(12, 31)),
            days: None,
        };
        assert_eq!(line.text(OrderKind::Renewal, Lang::En), line.description);
        assert_eq!(
            line.text(OrderKind::Renewal, Lang::De),
            "SMA-Jahr 2 (10.03.2027 – 31.12.2027)"
        );
        let co_term = OrderLine {
            kind: LineKind::CoTerm,
            ..line
        };
        assert!(co_term
            .text(OrderKind::Upgrade, Lang::De)
            .starts_with("SMA auf den Wertzuwachs, anteilig für SMA-Jahr 2"));
    }
}
