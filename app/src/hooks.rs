//! Hooks of pages and components: the document title, the portal's actions.

use crate::api::{self, ApiError, Change, Done};
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

/// An action that applies [`Change`]s: its `pending` state, its last answer. Every action of the
/// portal is one of these (see `api::Change`).
pub type ChangeAction = Action<Change, Result<Done, ApiError>>;

/// A new [`ChangeAction`], owned by the calling component.
pub fn use_change() -> ChangeAction {
    Action::new_local(|change: &Change| api::apply(change.clone()))
}

/// The address's query string (`?ed=…`, or empty), for the calculator, whose bundle has no
/// router: the signal follows going back and forward, and `replace` swaps the current history
/// entry for the same path with another query (the calculator's state is the address, not a
/// trail of every edit).
pub fn use_search() -> (
    ReadSignal<String>,
    impl Fn(&str) + Clone + Send + Sync + 'static,
) {
    let read = || {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default()
    };
    let (search, set_search) = signal(read());
    let listener = window_event_listener(leptos::ev::popstate, move |_| set_search.set(read()));
    on_cleanup(move || listener.remove());
    let replace = move |query: &str| {
        let url = format!("?{query}");
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        set_search.set(url);
    };
    (search, replace)
}

/// The values of a query string such as `?a=1&b=2` by key, decoded as the browser does.
pub fn search_params(search: &str) -> impl Fn(&str) -> Option<String> {
    let params = web_sys::UrlSearchParams::new_with_str(search).ok();
    move |key| params.as_ref()?.get(key)
}
