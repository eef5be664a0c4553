//! The formula behind an amount, as the API or `shared` explains it, in the page's language
//! (`sma_shared::formula_in`: German words, numbers and dates in German).

use crate::i18n::use_lang;
use leptos::prelude::*;
use sma_shared::formula_in;

/// `text` (an explanation in the API's English) in the page's language: under its amount in
/// the formula's small monospace, or as running text with `sentence`.
#[component]
pub fn Formula(text: String, #[prop(optional)] sentence: bool) -> impl IntoView {
    let lang = use_lang();
    let class = if sentence { "" } else { "acct-formula" };
    view! { <span class=class>{move || formula_in(lang.get(), &text)}</span> }
}
