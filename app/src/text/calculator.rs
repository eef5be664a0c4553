//! The calculator's sentences that carry values, each written whole in English and German.

use crate::i18n::Lang::{self, De, En};
use chrono::NaiveDate;
use sma_shared::{
    pricing::{Verdict, BACK_PAY_CAP_DAYS, THREE_YEAR_DISCOUNT},
    Money, Rate,
};

/// `Quote of 10 Mar 2026 · price book 2026` (printed above the quote).
pub fn quote_of(l: Lang, date: NaiveDate, book: &str) -> String {
    let date = l.date(date);
    match l {
        En => format!("Quote of {date} · price book {book}"),
        De => format!("Angebot vom {date} · Preisliste {book}"),
    }
}

/// `Price book 2026` (a table's caption).
pub fn price_book(l: Lang, book: &str) -> String {
    match l {
        En => format!("Price book {book}"),
        De => format!("Preisliste {book}"),
    }
}

/// `Recalculated in your browser in 0.42 ms`, from microseconds (integers only: printing a
/// float would bring `core`'s float formatting into the Wasm).
pub fn recalculated(l: Lang, micros: u64) -> String {
    let hundredths = (micros + 5) / 10;
    let ms = l.number(&format!("{}.{:02}", hundredths / 100, hundredths % 100));
    match l {
        En => format!("Recalculated in your browser in {ms} ms"),
        De => format!("Im Browser neu berechnet in {ms} ms"),
    }
}

/// The server confirmed the figures on screen.
pub fn binding_confirmed(l: Lang, book: &str) -> String {
    match l {
        En => format!("Binding quote confirmed: the server computed exactly the same figures, price book {book}."),
        De => format!("Verbindliches Angebot bestätigt: Der Server hat genau dieselben Zahlen berechnet, Preisliste {book}."),
    }
}

/// The server's figures where they differ from the browser's.
pub fn binding_differs(l: Lang, licence_total: &str, total_over_years: &str) -> String {
    let (licence, total) = (l.money(licence_total), l.money(total_over_years));
    match l {
        En => format!("licence total {licence} · total over the years {total}"),
        De => format!("Lizenzsumme {licence} · Summe über die Jahre {total}"),
    }
}

/// An edition's base price and included cameras.
pub fn edition_base(l: Lang, base: Money, included: u32) -> String {
    let base = l.money(base);
    match l {
        En => format!("{base} base · {included} cameras included"),
        De => format!("{base} Basis · {included} Kameras inklusive"),
    }
}

/// The most cameras an edition allows (`None`: unlimited).
pub fn edition_limit(l: Lang, max: Option<u32>) -> String {
    match (max, l) {
        (Some(m), En) => format!("up to {m} cameras"),
        (Some(m), De) => format!("bis {m} Kameras"),
        (None, _) => l
            .t("unlimited cameras", "unbegrenzt viele Kameras")
            .to_owned(),
    }
}

/// `4 cameras are included in ProBox`.
pub fn cameras_included(l: Lang, included: u32, edition: &str) -> String {
    match l {
        En => format!("{included} cameras are included in {edition}"),
        De => format!("In {edition} sind {included} Kameras enthalten"),
    }
}

/// `ProBox allows at most 32 cameras.`
pub fn too_many_cameras(l: Lang, edition: &str, max: u32) -> String {
    match l {
        En => format!("{edition} allows at most {max} cameras."),
        De => format!("{edition} erlaubt höchstens {max} Kameras."),
    }
}

/// `Switch to Professional` (a button).
pub fn switch_to(l: Lang, edition: &str) -> String {
    match l {
        En => format!("Switch to {edition}"),
        De => format!("Wechseln zu {edition}"),
    }
}

/// A module's price per unit (the unit as the price book names it).
pub fn module_price(l: Lang, price: Money, unit: &str, per_camera: bool) -> String {
    let price = l.money(price);
    match (per_camera, l) {
        (false, _) => format!("{price} / {unit}"),
        (true, En) => format!("{price} / {unit} · at most one per camera"),
        (true, De) => format!("{price} / {unit} · höchstens eines pro Kamera"),
    }
}

/// `Not available in ProBox. Available in Professional, Enterprise.`
pub fn module_unavailable(l: Lang, edition: &str, editions: &str) -> String {
    match l {
        En => format!("Not available in {edition}. Available in {editions}."),
        De => format!("Nicht verfügbar in {edition}. Verfügbar in {editions}."),
    }
}

/// `1 year`, `5 years`.
pub fn years(l: Lang, n: u32) -> String {
    match (n, l) {
        (1, En) => "1 year".to_owned(),
        (1, De) => "1 Jahr".to_owned(),
        (n, En) => format!("{n} years"),
        (n, De) => format!("{n} Jahre"),
    }
}

/// The 3-year term with its discount.
pub fn three_year_term(l: Lang) -> String {
    let off = Rate::percent(THREE_YEAR_DISCOUNT);
    match l {
        En => format!("3 years prepaid ({off} off every year)"),
        De => format!("3 Jahre im Voraus ({off} Rabatt pro Jahr)"),
    }
}

/// `Starts 10 Mar 2026 · bought with the software`.
pub fn sma_starts(l: Lang, start: NaiveDate, late: bool) -> String {
    let start = l.date(start);
    match (late, l) {
        (false, En) => format!("Starts {start} · bought with the software"),
        (true, En) => format!("Starts {start} · bought later"),
        (false, De) => format!("Beginn {start} · mit der Software gekauft"),
        (true, De) => format!("Beginn {start} · später gekauft"),
    }
}

/// ` (175 uncovered days): ` after the heading "Back-pay".
pub fn uncovered_days(l: Lang, days: u32) -> String {
    match l {
        En => format!(" ({days} uncovered days): "),
        De => format!(" ({days} ungedeckte Tage): "),
    }
}

/// The legend of the "bought later" line.
pub fn bought_later_on(l: Lang, date: NaiveDate) -> String {
    let date = l.date(date);
    match l {
        En => format!("SMA bought later ({date})"),
        De => format!("SMA später gekauft ({date})"),
    }
}

/// Whether the SMA bought with the software pays for itself within the horizon.
pub fn verdict(l: Lang, v: Verdict) -> String {
    match v {
        Verdict::PaysOff {
            year,
            saved,
            credit,
        } => {
            let (saved, credit) = (l.money(saved), l.money(credit));
            match l {
                En => format!("The SMA bought with the software pays for itself by the end of year {year}: by then you have paid {saved} less than without an SMA (the upgrade credit of {credit} outweighs the SMA fees)."),
                De => format!("Der mit der Software gekaufte SMA hat sich bis Ende von Jahr {year} bezahlt gemacht: Bis dahin haben Sie {saved} weniger bezahlt als ohne SMA (die Upgrade-Gutschrift von {credit} übersteigt die SMA-Gebühren)."),
            }
        }
        Verdict::Adds { years: n, extra } => {
            let (years, extra) = (years(l, n), l.money(extra));
            match l {
                En => format!("Over {years} the SMA adds {extra} for every update and upgrade (new Windows versions, camera driver packs, security fixes). It pays for itself once an edition upgrade credits the full cost of your first installation — try the upgrade preview below."),
                De => format!("Über {years} kostet der SMA zusätzlich {extra} für alle Updates und Upgrades (neue Windows-Versionen, Kameratreiber, Sicherheitskorrekturen). Er rechnet sich, sobald ein Editions-Upgrade die vollen Kosten Ihrer Erstinstallation gutschreibt – siehe Upgrade-Vorschau unten."),
            }
        }
    }
}

/// What buying the SMA later costs more.
pub fn later_costs_more(l: Lang, extra: Money) -> String {
    let extra = l.money(extra);
    match l {
        En => format!("Buying the SMA later costs {extra} more over the horizon than buying it with the software."),
        De => format!("Der spätere SMA-Kauf kostet {extra} mehr über den Zeitraum als der Kauf mit der Software."),
    }
}

/// `Upgrade on 10 Mar 2028 (price book 2026)`.
pub fn upgrade_on(l: Lang, date: NaiveDate, book: &str) -> String {
    let date = l.date(date);
    match l {
        En => format!("Upgrade on {date} (price book {book})"),
        De => format!("Upgrade am {date} (Preisliste {book})"),
    }
}

/// The chart's label of year `n` (`Y 1` / `J 1`).
pub fn year_tick(l: Lang, n: usize) -> String {
    match l {
        En => format!("Y {n}"),
        De => format!("J {n}"),
    }
}

/// `19 % of 2,461.00 = 467.59`: the word between a rate and what it is taken of.
pub fn of(l: Lang) -> &'static str {
    l.t("of", "von")
}

/// The note of a back-pay capped at its most days.
pub fn capped(l: Lang) -> String {
    let days = l.int(BACK_PAY_CAP_DAYS);
    match l {
        En => format!(" (capped at {days} days)"),
        De => format!(" (begrenzt auf {days} Tage)"),
    }
}
