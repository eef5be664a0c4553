//! The two languages of the product, English and German, how numbers, amounts and dates are
//! written in each, and [`fill`], which puts values into a sentence written whole per language.
//! The sentences themselves live next to what they explain (the order notes in `orders`, the
//! UI's texts in the app), each with both languages side by side:
//!
//! ```
//! # use sma_shared::{fill, Lang};
//! let lang = Lang::De;
//! let sentence = fill(
//!     lang.t("Coverage ends on {0}.", "Die Abdeckung endet am {0}."),
//!     &[&lang.date(chrono::NaiveDate::from_ymd_opt(2027, 3, 9).unwrap())],
//! );
//! assert_eq!(sentence, "Die Abdeckung endet am 09.03.2027.");
//! ```

use chrono::{Datelike, NaiveDate};

/// A language of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
}

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

    /// A whole number, grouped (`1095` → `1,095` / `1.095`).
    pub fn int(self, n: impl Into<i64>) -> String {
        self.number(&n.into().to_string())
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

/// `template` with each placeholder `{n}` replaced by `values[n]` (an unknown one by nothing),
/// so that each language places the values where its grammar wants them. The templates are
/// the product's own texts; values are text already formatted for the language.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let placeholder = after
            .split_once('}')
            .and_then(|(n, tail)| Some((n.parse::<usize>().ok()?, tail)));
        match placeholder {
            Some((n, tail)) => {
                out.push_str(values.get(n).copied().unwrap_or_default());
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_go_where_each_language_places_them() {
        assert_eq!(fill("{0} of {1}", &["3", "7"]), "3 of 7");
        assert_eq!(fill("{1}: {0}", &["a", "b"]), "b: a");
        assert_eq!(fill("no values", &[]), "no values");
        assert_eq!(
            fill("{2} is missing, {x} is not one", &["a"]),
            " is missing, {x} is not one"
        );
        assert_eq!(fill("„{0}“ {", &["ü"]), "„ü“ {");
    }

    #[test]
    fn money_is_grouped_per_language() {
        assert_eq!(Lang::En.money("1290.00"), "1,290.00\u{a0}EUR");
        assert_eq!(Lang::De.money("1290.00"), "1.290,00\u{a0}EUR");
        assert_eq!(Lang::En.number("-1234567.5"), "-1,234,567.5");
        assert_eq!(Lang::De.number("999"), "999");
        assert_eq!(Lang::De.int(1095u32), "1.095");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        assert_eq!(Lang::En.date(d), "10 Mar 2026");
        assert_eq!(Lang::De.date(d), "10.03.2026");
    }
}
