//! Explanations of computed amounts.
//!
//! Every computed amount of the crate is a struct that keeps its parts (value, rate, days, day
//! count, price book, discount) as public fields, so a UI can render and localise them, and
//! implements [`Explain`] for a plain English formula with two-decimal numbers, e.g.
//! `19 % of 2461.00 = 467.59` or `2461.00 × 19 % × 175 / 365 = 224.19`.

use super::{dates::iso_date, fill, Lang};

/// An amount that can say how it was computed.
pub trait Explain {
    /// The formula in plain English with unlocalised numbers (two decimals for money).
    fn explain(&self) -> String;
}

/// The words of the formulas in German, side by side with the English that [`Explain`] writes
/// and the API carries. A phrase that starts with another one comes before it.
const GERMAN: &[(&str, &str)] = &[
    (
        " (no credit under a Maintenance Contract)",
        " (keine Anrechnung unter einem Wartungsvertrag)",
    ),
    (
        " whole years of Maintenance Contract (",
        " volle Jahre Wartungsvertrag (",
    ),
    (
        " uncovered days, capped at ",
        " nicht abgedeckte Tage, begrenzt auf ",
    ),
    (" (the target total; was ", " (die Zielsumme; bisher "),
    (PRICE_BOOK, "(Preisliste "),
    ("fee basis ", "Gebührenbasis "),
    ("; current term ", "; laufendes Vertragsjahr "),
    ("; ordered ", "; bestellt "),
    ("; back-pay ", "; Nachzahlung "),
    ("; fee basis ", "; Gebührenbasis "),
    ("; fee ", "; Gebühr "),
    (" from ", " ab "),
    (" of ", " von "),
    ("licence ", "Lizenz "),
    ("term ", "Vertragsjahr "),
    ("year ", "Jahr "),
];

/// Followed by a price book's id, which is copied as it is (`2026` is no number to group).
const PRICE_BOOK: &str = "(price book ";

/// A formula as [`Explain`] writes it (the `explanation` of the API's lines and comparisons),
/// in `lang`: English as written; German with its words in German, its amounts and numbers
/// grouped as German writes them (`2.461,00`) and its dates as `01.06.2019`.
///
/// ```
/// # use sma_shared::{formula_in, Lang};
/// let f = "licence 6 × 79.00 + 2 × 240.00 = 954.00; SMA 954.00 × 19 % × 181 / 365 = 89.89";
/// assert_eq!(formula_in(Lang::En, f), f);
/// assert_eq!(
///     formula_in(Lang::De, f),
///     "Lizenz 6 × 79,00 + 2 × 240,00 = 954,00; SMA 954,00 × 19 % × 181 / 365 = 89,89"
/// );
/// ```
pub fn formula_in(lang: Lang, formula: &str) -> String {
    if lang == Lang::En {
        return formula.to_owned();
    }
    let bytes = formula.as_bytes();
    let mut out = String::with_capacity(formula.len() + formula.len() / 4);
    // `formula[copied..i]` is copied as it is once something from `i` on is not.
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        // Whether a word or a number may start at `i` (no letter, digit or point before it).
        let at_start = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.');
        let rest = &bytes[i..];
        let phrase = GERMAN
            .iter()
            .find(|(en, _)| starts_phrase(rest, en.as_bytes(), at_start));
        if let Some((en, de)) = phrase {
            out.push_str(&formula[copied..i]);
            out.push_str(de);
            i += en.len();
            copied = i;
            if *en == PRICE_BOOK {
                i += bytes[i..].iter().take_while(|b| **b != b')').count();
            }
            continue;
        }
        let unsigned = rest.strip_prefix(b"-").unwrap_or(rest);
        if at_start && unsigned.first().is_some_and(u8::is_ascii_digit) {
            let len = 1 + rest[1..]
                .iter()
                .take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-'))
                .count();
            let token = formula[i..i + len].trim_end_matches(['.', '-']);
            out.push_str(&formula[copied..i]);
            out.push_str(&number_or_date(lang, token));
            i += token.len();
            copied = i;
            continue;
        }
        i += 1;
    }
    out.push_str(&formula[copied..]);
    out
}

/// `text`, one of the English sentences of `sentences` (English and German side by side, with
/// placeholders `{0}`, `{1}`… in order) with its values, written whole in `lang` with the same
/// values as [`formula_in`] writes them; `None` when it is none of them.
pub fn sentence_in(
    lang: Lang,
    sentences: &[(&'static str, &'static str)],
    text: &str,
) -> Option<String> {
    sentences.iter().find_map(|(en, de)| {
        let values: Vec<String> = values_in(en, text)?
            .into_iter()
            .map(|v| formula_in(lang, v))
            .collect();
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        Some(fill(lang.t(en, de), &values))
    })
}

/// The values that `text` puts into the placeholders of `template`, if it is that sentence.
fn values_in<'a>(template: &str, mut text: &'a str) -> Option<Vec<&'a str>> {
    let mut values = Vec::new();
    let mut rest = template;
    while let Some((literal, after)) = rest.split_once('{') {
        text = text.strip_prefix(literal)?;
        rest = after.split_once('}')?.1;
        let next = rest.split('{').next().unwrap_or_default();
        // The last value runs to the sentence's end; another one to the next literal.
        let end = if next == rest {
            text.strip_suffix(next)?.len()
        } else {
            text.find(next)?
        };
        values.push(&text[..end]);
        text = &text[end..];
    }
    (text == rest).then_some(values)
}

/// Whether `text` starts with `phrase` as a whole word: a phrase that starts with a letter only
/// where a word may start (`at_start`), and no letter after a phrase that ends with one.
fn starts_phrase(text: &[u8], phrase: &[u8], at_start: bool) -> bool {
    let letter = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    text.starts_with(phrase)
        && (at_start || !letter(phrase.first()))
        && !(letter(phrase.last()) && letter(text.get(phrase.len())))
}

/// `2019-06-01` as a date, `-2461.00` or `1095` as a number, anything else as it is.
fn number_or_date(lang: Lang, token: &str) -> String {
    if let Some(date) = iso_date(token) {
        return lang.date(date);
    }
    let unsigned = token.strip_prefix('-').unwrap_or(token);
    if unsigned.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && unsigned.matches('.').count() <= 1
    {
        lang.number(token)
    } else {
        token.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn de(english: &str) -> String {
        formula_in(Lang::De, english)
    }

    #[test]
    fn english_formulas_stay_as_the_api_writes_them() {
        let f = "max(10 % of 467.59 = 46.76, 100.00) = 100.00";
        assert_eq!(formula_in(Lang::En, f), f);
    }

    #[test]
    fn the_sma_s_formulas_read_in_german_with_german_numbers() {
        assert_eq!(de("19 % of 2461.00 = 467.59"), "19 % von 2.461,00 = 467,59");
        assert_eq!(
            de("19 % of 2461.00 = 467.59 (price book 2026)"),
            "19 % von 2.461,00 = 467,59 (Preisliste 2026)"
        );
        assert_eq!(
            de("2461.00 × 19 % × 1100 / 365 = 1438.81 (1100 uncovered days, capped at 1095)"),
            "2.461,00 × 19 % × 1.100 / 365 = 1.438,81 (1.100 nicht abgedeckte Tage, begrenzt auf 1.095)"
        );
        assert_eq!(
            de("max(10 % of 467.59 = 46.76, 100.00) = 100.00"),
            "max(10 % von 467,59 = 46,76, 100,00) = 100,00"
        );
        assert_eq!(
            de("licence 9735.00 − 2461.00 = 7274.00; SMA 9735.00 − 2541.00 = 7194.00 = 7194.00 × 18 % × 314 / 366 = 1110.94"),
            "Lizenz 9.735,00 − 2.461,00 = 7.274,00; SMA 9.735,00 − 2.541,00 = 7.194,00 = 7.194,00 × 18 % × 314 / 366 = 1.110,94"
        );
        assert_eq!(de("7.5 % of -2461.00"), "7,5 % von -2.461,00");
    }

    #[test]
    fn the_maintenance_contract_s_formulas_read_in_german_with_german_dates() {
        assert_eq!(
            de("licence 4 × 82.00 = 328.00; current term 328.00 × 20 % × 274 / 366 = 49.11; ordered term 10 (2028-06-01 – 2029-05-31): 505.60 − 440.00 = 65.60; fee basis 2200.00 + 328.00 = 2528.00 from 2028-06-01: 20 % of 2528.00 = 505.60"),
            "Lizenz 4 × 82,00 = 328,00; laufendes Vertragsjahr 328,00 × 20 % × 274 / 366 = 49,11; bestellt Vertragsjahr 10 (01.06.2028 – 31.05.2029): 505,60 − 440,00 = 65,60; Gebührenbasis 2.200,00 + 328,00 = 2.528,00 ab 01.06.2028: 20 % von 2.528,00 = 505,60"
        );
        assert_eq!(
            de("licence 9735.00 (no credit under a Maintenance Contract); fee basis 9735.00 (the target total; was 2200.00) from 2028-06-01: 20 % of 9735.00 = 1947.00"),
            "Lizenz 9.735,00 (keine Anrechnung unter einem Wartungsvertrag); Gebührenbasis 9.735,00 (die Zielsumme; bisher 2.200,00) ab 01.06.2028: 20 % von 9.735,00 = 1.947,00"
        );
        assert_eq!(
            de("year 9 = 1 + 8 whole years of Maintenance Contract (2019-06-01 – 2027-05-31); 15 % of 2541.00 = 381.15"),
            "Jahr 9 = 1 + 8 volle Jahre Wartungsvertrag (01.06.2019 – 31.05.2027); 15 % von 2.541,00 = 381,15"
        );
        assert_eq!(
            de("year 1: 19 % of 2541.00 = 482.79; back-pay 2541.00 × 19 % × 61 / 365 = 80.69; fee max(10 % of 482.79 = 48.28, 100.00) = 100.00"),
            "Jahr 1: 19 % von 2.541,00 = 482,79; Nachzahlung 2.541,00 × 19 % × 61 / 365 = 80,69; Gebühr max(10 % von 482,79 = 48,28, 100,00) = 100,00"
        );
    }

    #[test]
    fn a_sentence_is_written_whole_in_the_language_with_its_values() {
        const SENTENCES: [(&str, &str); 1] = [("From {0} it costs {1}.", "Ab {0} kostet es {1}.")];
        assert_eq!(
            sentence_in(Lang::De, &SENTENCES, "From 2027-06-01 it costs 2461.00."),
            Some("Ab 01.06.2027 kostet es 2.461,00.".to_owned())
        );
        let en = "From 2027-06-01 it costs 2461.00.";
        assert_eq!(sentence_in(Lang::En, &SENTENCES, en), Some(en.to_owned()));
        assert_eq!(sentence_in(Lang::De, &SENTENCES, "Something else."), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_goes_through_whole_and_english_unchanged(
            text in "(of |year |term |-|[0-9]|\\.|[a-z ]|×|−|–|ü|\\(|\\)){0,40}"
        ) {
            proptest::prop_assert_eq!(formula_in(Lang::En, &text), text.clone());
            let de = de(&text);
            proptest::prop_assert_eq!(de.contains('×'), text.contains('×'));
        }
    }

    #[test]
    fn words_inside_other_words_and_unknown_text_are_left_alone() {
        assert_eq!(de("yearly terms of"), "yearly terms of");
        assert_eq!(de("v6.1.2 and 2026-13-01"), "v6.1.2 and 2026-13-01");
    }
}
