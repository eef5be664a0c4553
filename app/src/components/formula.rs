//! The formula behind an amount, as the API or `shared` explains it, in the page's language
//! (`sma_shared::formula_in`: German words, numbers and dates in German).

use crate::i18n::use_lang;
use leptos::prelude::*;
use sma_shared::formula_in;

/// `text` (an explanation in the API's English) in the page's language, under its amount in
/// the formula's small monospace.
#[component]
pub fn Formula(text: String) -> impl IntoView {
    let lang = use_lang();
    view! { <span class="acct-formula">{move || formula_in(lang.get(), &text)}</span> }
}
