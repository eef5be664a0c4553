//! The calculator's sentences that carry values, each written whole in English and German.

use crate::i18n::Lang;
use chrono::NaiveDate;
use sma_shared::{
    fill,
    pricing::{Verdict, BACK_PAY_CAP_DAYS, THREE_YEAR_DISCOUNT},
    Money, Rate,
};

/// `Quote of 10 Mar 2026 · price book 2026` (printed above the quote).
pub fn quote_of(l: Lang, date: NaiveDate, book: &str) -> String {
    let t = l.t(
        "Quote of {0} · price book {1}",
        "Angebot vom {0} · Preisliste {1}",
    );
    fill(t, &[&l.date(date), book])
}

/// `Price book 2026` (a table's caption).
pub fn price_book(l: Lang, book: &str) -> String {
    fill(l.t("Price book {0}", "Preisliste {0}"), &[book])
}

/// `Recalculated in your browser in 0.42 ms`, from microseconds (integers only: printing a
/// float would bring `core`'s float formatting into the Wasm).
pub fn recalculated(l: Lang, micros: u64) -> String {
    let hundredths = (micros + 5) / 10;
    let ms = l.number(&format!("{}.{:02}", hundredths / 100, hundredths % 100));
    let t = l.t(
        "Recalculated in your browser in {0} ms",
        "Im Browser neu berechnet in {0} ms",
    );
    fill(t, &[&ms])
}

/// The server confirmed the figures on screen.
pub fn binding_confirmed(l: Lang, book: &str) -> String {
    let t = l.t(
        "Binding quote confirmed: the server computed exactly the same figures, price book {0}.",
        "Verbindliches Angebot bestätigt: Der Server hat genau dieselben Zahlen berechnet, Preisliste {0}.",
    );
    fill(t, &[book])
}

/// The server's figures where they differ from the browser's.
pub fn binding_differs(l: Lang, licence_total: &str, total_over_years: &str) -> String {
    let t = l.t(
        "licence total {0} · total over the years {1}",
        "Lizenzsumme {0} · Summe über die Jahre {1}",
    );
    fill(t, &[&l.money(licence_total), &l.money(total_over_years)])
}

/// An edition's base price and included cameras.
pub fn edition_base(l: Lang, base: Money, included: u32) -> String {
    let t = l.t(
        "{0} base · {1} cameras included",
        "{0} Basis · {1} Kameras inklusive",
    );
    fill(t, &[&l.money(base), &included.to_string()])
}

/// The most cameras an edition allows (`None`: unlimited).
pub fn edition_limit(l: Lang, max: Option<u32>) -> String {
    match max {
        Some(m) => fill(
            l.t("up to {0} cameras", "bis {0} Kameras"),
            &[&m.to_string()],
        ),
        None => l
            .t("unlimited cameras", "unbegrenzt viele Kameras")
            .to_owned(),
    }
}

/// `4 cameras are included in ProBox`.
pub fn cameras_included(l: Lang, included: u32, edition: &str) -> String {
    let t = l.t(
        "{0} cameras are included in {1}",
        "In {1} sind {0} Kameras enthalten",
    );
    fill(t, &[&included.to_string(), edition])
}

/// `ProBox allows at most 32 cameras.`
pub fn too_many_cameras(l: Lang, edition: &str, max: u32) -> String {
    let t = l.t(
        "{0} allows at most {1} cameras.",
        "{0} erlaubt höchstens {1} Kameras.",
    );
    fill(t, &[edition, &max.to_string()])
}

/// `Switch to Professional` (a button).
pub fn switch_to(l: Lang, edition: &str) -> String {
    fill(l.t("Switch to {0}", "Wechseln zu {0}"), &[edition])
}

/// A module's price per unit (the unit as the price book names it).
pub fn module_price(l: Lang, price: Money, unit: &str, per_camera: bool) -> String {
    let t = if per_camera {
        l.t(
            "{0} / {1} · at most one per camera",
            "{0} / {1} · höchstens eines pro Kamera",
        )
    } else {
        "{0} / {1}"
    };
    fill(t, &[&l.money(price), unit])
}

/// `Not available in ProBox. Available in Professional, Enterprise.`
pub fn module_unavailable(l: Lang, edition: &str, editions: &str) -> String {
    let t = l.t(
        "Not available in {0}. Available in {1}.",
        "Nicht verfügbar in {0}. Verfügbar in {1}.",
    );
    fill(t, &[edition, editions])
}

/// `1 year`, `5 years`.
pub fn years(l: Lang, n: u32) -> String {
    let t = if n == 1 {
        l.t("{0} year", "{0} Jahr")
    } else {
        l.t("{0} years", "{0} Jahre")
    };
    fill(t, &[&n.to_string()])
}

/// The 3-year term with its discount.
pub fn three_year_term(l: Lang) -> String {
    let t = l.t(
        "3 years prepaid ({0} off every year)",
        "3 Jahre im Voraus ({0} Rabatt pro Jahr)",
    );
    fill(t, &[&Rate::percent(THREE_YEAR_DISCOUNT).to_string()])
}

/// `Starts 10 Mar 2026 · bought with the software`.
pub fn sma_starts(l: Lang, start: NaiveDate, late: bool) -> String {
    let t = if late {
        l.t("Starts {0} · bought later", "Beginn {0} · später gekauft")
    } else {
        l.t(
            "Starts {0} · bought with the software",
            "Beginn {0} · mit der Software gekauft",
        )
    };
    fill(t, &[&l.date(start)])
}

/// ` (175 uncovered days): ` after the heading "Back-pay".
pub fn uncovered_days(l: Lang, days: u32) -> String {
    let t = l.t(" ({0} uncovered days): ", " ({0} ungedeckte Tage): ");
    fill(t, &[&days.to_string()])
}

/// The legend of the "bought later" line.
pub fn bought_later_on(l: Lang, date: NaiveDate) -> String {
    let t = l.t("SMA bought later ({0})", "SMA später gekauft ({0})");
    fill(t, &[&l.date(date)])
}

/// Whether the SMA bought with the software pays for itself within the horizon.
pub fn verdict(l: Lang, v: Verdict) -> String {
    match v {
        Verdict::PaysOff {
            year,
            saved,
            credit,
        } => {
            let t = l.t(
                "The SMA bought with the software pays for itself by the end of year {0}: by then you have paid {1} less than without an SMA (the upgrade credit of {2} outweighs the SMA fees).",
                "Der mit der Software gekaufte SMA hat sich bis Ende von Jahr {0} bezahlt gemacht: Bis dahin haben Sie {1} weniger bezahlt als ohne SMA (die Upgrade-Gutschrift von {2} übersteigt die SMA-Gebühren).",
            );
            fill(t, &[&year.to_string(), &l.money(saved), &l.money(credit)])
        }
        Verdict::Adds { years: n, extra } => {
            let t = l.t(
                "Over {0} the SMA adds {1} for every update and upgrade (new Windows versions, camera driver packs, security fixes). It pays for itself once an edition upgrade credits the full cost of your first installation — try the upgrade preview below.",
                "Über {0} kostet der SMA zusätzlich {1} für alle Updates und Upgrades (neue Windows-Versionen, Kameratreiber, Sicherheitskorrekturen). Er rechnet sich, sobald ein Editions-Upgrade die vollen Kosten Ihrer Erstinstallation gutschreibt – siehe Upgrade-Vorschau unten.",
            );
            fill(t, &[&years(l, n), &l.money(extra)])
        }
    }
}

/// What buying the SMA later costs more.
pub fn later_costs_more(l: Lang, extra: Money) -> String {
    let t = l.t(
        "Buying the SMA later costs {0} more over the horizon than buying it with the software.",
        "Der spätere SMA-Kauf kostet {0} mehr über den Zeitraum als der Kauf mit der Software.",
    );
    fill(t, &[&l.money(extra)])
}

/// `Upgrade on 10 Mar 2028 (price book 2026)`.
pub fn upgrade_on(l: Lang, date: NaiveDate, book: &str) -> String {
    let t = l.t(
        "Upgrade on {0} (price book {1})",
        "Upgrade am {0} (Preisliste {1})",
    );
    fill(t, &[&l.date(date), book])
}

/// The chart's label of year `n` (`Y 1` / `J 1`).
pub fn year_tick(l: Lang, n: usize) -> String {
    fill(l.t("Y {0}", "J {0}"), &[&n.to_string()])
}

/// `19 % of 2,461.00 = 467.59`: the word between a rate and what it is taken of.
pub fn of(l: Lang) -> &'static str {
    l.t("of", "von")
}

/// The note of a back-pay capped at its most days.
pub fn capped(l: Lang) -> String {
    let t = l.t(" (capped at {0} days)", " (begrenzt auf {0} Tage)");
    fill(t, &[&l.int(BACK_PAY_CAP_DAYS)])
}

/// `Extend the contract or switch to the SMA: the next 5 years` (the comparison's caption).
pub fn compare_caption(l: Lang, years: usize) -> String {
    let t = match (l, years) {
        (Lang::En, 1) => "Extend the contract or switch to the SMA: the next year",
        (Lang::De, 1) => "Vertrag verlängern oder zum SMA wechseln: das nächste Jahr",
        (Lang::En, _) => "Extend the contract or switch to the SMA: the next {0} years",
        (Lang::De, _) => "Vertrag verlängern oder zum SMA wechseln: die nächsten {0} Jahre",
    };
    fill(t, &[&years.to_string()])
}

/// `After a switch the SMA starts on 1 Jun 2027, when the term ends: no back-pay, no fee.`
pub fn switch_starts(l: Lang, start: NaiveDate) -> String {
    let t = l.t(
        "After a switch the SMA starts on {0}, when the term ends: no back-pay, no fee.",
        "Nach einem Wechsel beginnt das SMA am {0}, wenn die Laufzeit endet: ohne Nachzahlung, ohne Gebühr.",
    );
    fill(t, &[&l.date(start)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_word_order_and_number_format() {
        assert_eq!(
            cameras_included(Lang::En, 4, "ProBox"),
            "4 cameras are included in ProBox"
        );
        assert_eq!(
            cameras_included(Lang::De, 4, "ProBox"),
            "In ProBox sind 4 Kameras enthalten"
        );
        assert_eq!(
            recalculated(Lang::De, 1234),
            "Im Browser neu berechnet in 1,23 ms"
        );
        assert_eq!(
            three_year_term(Lang::En),
            "3 years prepaid (5 % off every year)"
        );
        assert_eq!(years(Lang::En, 1), "1 year");
        assert_eq!(years(Lang::De, 5), "5 Jahre");
    }
}
