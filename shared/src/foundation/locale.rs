//! The two languages of the product and how each writes numbers, money and dates, so that the
//! portal and the e-mails the Worker sends format alike.
//!
//! English groups with commas (`1,290.00 EUR`, `10 Mar 2026`), German with points
//! (`1.290,00 EUR`, `10.03.2026`); the currency follows the amount after a no-break space.
//!
//! [`fill`] puts values into a sentence written whole per language, so each language places
//! them where its grammar wants them. The sentences themselves live next to what they explain
//! (the order notes in `orders`, the e-mails in `mail`, the UI's texts in the app), each with
//! both languages side by side:
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

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Rate;

/// A language of the portal and of its e-mails. Travels as its code (`"en"`, `"de"`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// German.
    De,
}

/// The currency every amount is in.
pub const CURRENCY: &str = "EUR";

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// The BCP 47 code (`en`, `de`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// Reads a language tag by its primary subtag, in any case: `de`, `de-DE`, `DE_at` are
    /// German, `en-GB` English; any other language is `None`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("de") {
            Some(Lang::De)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
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
        let len = int.chars().count();
        let mut out = String::from(sign);
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (len - i) % 3 == 0 {
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

    /// A money amount with its currency (`1,290.00 EUR` / `1.290,00 EUR`, a no-break space
    /// before the currency). Takes anything that displays as a plain decimal, such as
    /// [`Money`](crate::Money) or an amount string of the API.
    pub fn money(self, amount: impl fmt::Display) -> String {
        format!("{}\u{a0}{CURRENCY}", self.number(&amount.to_string()))
    }

    /// A percentage rate (`19 %` / `7,5 %`, a no-break space before the sign).
    pub fn percent(self, rate: Rate) -> String {
        format!(
            "{}\u{a0}%",
            self.number(&rate.as_percent().normalize().to_string())
        )
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

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
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
    use crate::Money;

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
    fn money_is_grouped_per_language_with_a_no_break_space_before_the_currency() {
        assert_eq!(Lang::En.money("1290.00"), "1,290.00\u{a0}EUR");
        assert_eq!(Lang::De.money("1290.00"), "1.290,00\u{a0}EUR");
        assert_eq!(
            Lang::En.money(Money::from_cents(-123_456_789)),
            "-1,234,567.89\u{a0}EUR"
        );
        assert_eq!(Lang::De.money(Money::ZERO), "0,00\u{a0}EUR");
    }

    #[test]
    fn numbers_are_grouped_by_thousands_only_from_four_digits_on() {
        assert_eq!(Lang::En.number("-1234567.5"), "-1,234,567.5");
        assert_eq!(Lang::De.number("999"), "999");
        assert_eq!(Lang::De.number("1000"), "1.000");
        assert_eq!(Lang::De.int(1095u32), "1.095");
        assert_eq!(Lang::En.number("100000.25"), "100,000.25");
    }

    #[test]
    fn a_rate_is_written_with_the_decimal_point_of_the_language() {
        let rate = Rate::from_percent(rust_decimal::Decimal::new(75, 1));
        assert_eq!(Lang::En.percent(rate), "7.5\u{a0}%");
        assert_eq!(Lang::De.percent(rate), "7,5\u{a0}%");
        assert_eq!(Lang::De.percent(Rate::percent(19)), "19\u{a0}%");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        assert_eq!(Lang::En.date(d), "10 Mar 2026");
        assert_eq!(Lang::De.date(d), "10.03.2026");
        let d = NaiveDate::from_ymd_opt(2027, 12, 1).unwrap();
        assert_eq!(Lang::En.date(d), "1 Dec 2027");
        assert_eq!(Lang::De.date(d), "01.12.2027");
    }

    #[test]
    fn a_language_tag_is_read_by_its_primary_subtag_in_any_case() {
        assert_eq!(Lang::parse("de"), Some(Lang::De));
        assert_eq!(Lang::parse("de-DE"), Some(Lang::De));
        assert_eq!(Lang::parse("DE_at"), Some(Lang::De));
        assert_eq!(Lang::parse(" en-GB "), Some(Lang::En));
        assert_eq!(Lang::parse("fr-FR"), None);
        assert_eq!(Lang::parse("deu"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn a_language_travels_as_its_code() {
        for lang in Lang::ALL {
            let json = serde_json::to_string(&lang).unwrap();
            assert_eq!(json, format!("\"{}\"", lang.code()));
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), lang);
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert!(serde_json::from_str::<Lang>("\"fr\"").is_err());
    }
}
