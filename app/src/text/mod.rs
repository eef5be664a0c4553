//! The texts of the UI, English and German side by side.
//!
//! - A text without values is written where it is shown, as `lang.t("English", "Deutsch")`.
//! - A sentence with values is a function here, `fn name(lang, values…) -> String`, whose one
//!   `match` on the language writes the whole sentence in each language with its placeholders
//!   (so each language has its own word order); values are formatted by [`Lang`](crate::i18n::Lang)'s number,
//!   money and date formats, and policy numbers come from the constants of `sma_shared`.
//!
//! Both languages are complete by construction: `t` takes both, and every `match` on
//! `Lang` must name both.

pub mod calculator;
