//! Hooks shared by the pages.

use leptos::prelude::*;
use std::sync::{Arc, Mutex};

/// Sets the document title while the page is shown, and the app's title again afterwards
/// (unless the next page has set its own already).
pub fn use_document_title(title: impl Fn() -> String + 'static) {
    let shown = Arc::new(Mutex::new(String::new()));
    let set = shown.clone();
    Effect::new(move |_| {
        let t = title();
        document().set_title(&t);
        if let Ok(mut s) = set.lock() {
            *s = t;
        }
    });
    on_cleanup(move || {
        let ours = shown
            .lock()
            .map(|s| *s == document().title())
            .unwrap_or(false);
        if ours {
            document().set_title("SMA Portal");
        }
    });
}
