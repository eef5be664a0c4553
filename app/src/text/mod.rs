//! The texts of the UI, English and German side by side.
//!
//! - A text without values is written where it is shown, as `lang.t("English", "Deutsch")`.
//! - A sentence with values is a function here, `fn name(lang, values…) -> String`, whose one
//!   `match` on the language writes the whole sentence in each language with its placeholders
//!   (so each language has its own word order); values are formatted by `Lang`'s number,
//!   money and date formats, and policy numbers come from the constants of `sma_shared`.
//! - Names of things (categories, channels, modules, order kinds, SMA states, activities) are
//!   tables in [`labels`].
//!
//! Both languages are complete by construction: `t` takes both, and every `match` on `Lang`
//! must name both.
//!
//! An order's notes and lines carry their sentences with them (`Note::text`,
//! `OrderLine::text` in `sma_shared::orders`): the Worker sends the English, the app shows
//! either.

pub mod access;
pub mod account;
pub mod calculator;
pub mod labels;
pub mod releases;

use crate::i18n::Lang;

/// `1 release` / `3 releases` in either language: the number formatted, the noun's singular and
/// plural as `(English, German)`.
pub fn count(lang: Lang, n: usize, one: (&str, &str), many: (&str, &str)) -> String {
    let (en, de) = if n == 1 { one } else { many };
    format!(
        "{} {}",
        lang.number(&n.to_string()),
        if lang == Lang::De { de } else { en }
    )
}
