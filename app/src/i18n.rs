//! The UI language: the app-wide signal, and where the choice is remembered. The languages and
//! their number, money and date formats are `sma_shared::Lang`; the texts are in `text`.

use leptos::prelude::*;
pub use sma_shared::Lang;

const STORAGE_KEY: &str = "sma.lang";

/// The remembered language, else the browser's, else English.
pub fn initial_lang() -> Lang {
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
pub fn remember_lang(lang: Lang) {
    if let Some(w) = web_sys::window() {
        if let Ok(Some(s)) = w.local_storage() {
            let _ = s.set_item(STORAGE_KEY, lang.code());
        }
        if let Some(html) = w.document().and_then(|d| d.document_element()) {
            let _ = html.set_attribute("lang", lang.code());
        }
    }
}

/// The app-wide language signal.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::En))
}
