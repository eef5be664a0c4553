//! English and German: the language signal, and number, money and date formats per language.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

/// A language of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
}

const STORAGE_KEY: &str = "sma.lang";

impl Lang {
    /// The BCP 47 code (`en`, `de`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// Parses a code; anything starting with `de` is German.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.get(..2) {
            Some("de") => Some(Lang::De),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the English or the German text.
    pub fn t(self, en: &'static str, de: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::De => de,
        }
    }

    /// The remembered language, else the browser's, else English.
    pub fn initial() -> Lang {
        let window = web_sys::window();
        let stored = window
            .as_ref()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let browser = window.as_ref().and_then(|w| w.navigator().language());
        stored
            .or(browser)
            .and_then(|c| Lang::parse(&c))
            .unwrap_or(Lang::En)
    }

    /// Remembers the language and sets `<html lang>`.
    pub fn remember(self) {
        if let Some(w) = web_sys::window() {
            if let Ok(Some(s)) = w.local_storage() {
                let _ = s.set_item(STORAGE_KEY, self.code());
            }
            if let Some(html) = w.document().and_then(|d| d.document_element()) {
                let _ = html.set_attribute("lang", self.code());
            }
        }
    }

    /// Groups the digits of a plain decimal text (`-1234.5` → `-1,234.5` / `-1.234,5`).
    pub fn number(self, plain: &str) -> String {
        let (sign, digits) = plain.strip_prefix('-').map_or(("", plain), |d| ("-", d));
        let (int, frac) = digits
            .split_once('.')
            .map_or((digits, None), |(i, f)| (i, Some(f)));
        let (group, point) = match self {
            Lang::En => (',', '.'),
            Lang::De => ('.', ','),
        };
        let mut out = String::from(sign);
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        if let Some(f) = frac {
            out.push(point);
            out.push_str(f);
        }
        out
    }

    /// A money amount with its currency (`1,290.00 EUR` / `1.290,00 EUR`).
    pub fn money(self, amount: impl std::fmt::Display) -> String {
        format!("{}\u{a0}EUR", self.number(&amount.to_string()))
    }

    /// A date (`10 Mar 2026` / `10.03.2026`).
    pub fn date(self, d: NaiveDate) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        match self {
            Lang::En => format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year()),
            Lang::De => format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
        }
    }
}

/// The app-wide language signal.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::En))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_per_language() {
        assert_eq!(Lang::En.money("1290.00"), "1,290.00\u{a0}EUR");
        assert_eq!(Lang::De.money("1290.00"), "1.290,00\u{a0}EUR");
        assert_eq!(Lang::En.number("-1234567.5"), "-1,234,567.5");
        assert_eq!(Lang::De.number("999"), "999");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        assert_eq!(Lang::En.date(d), "10 Mar 2026");
        assert_eq!(Lang::De.date(d), "10.03.2026");
    }
}
