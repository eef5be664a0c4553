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
