//! Notices of every area: what could not be loaded, with a retry.

use crate::{i18n::use_lang, later::UNAVAILABLE};
use leptos::prelude::*;

/// A notice's heading: its English and its German.
pub type Heading = (&'static str, &'static str);

/// Something could not be loaded: what (`heading`), the server's or the browser's reason, and a
/// button that asks again.
#[component]
pub fn LoadFailed(heading: Heading, message: String, retry: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let (en, de) = heading;
    view! {
        <div class="notice bad" role="alert">
            <p>
                <strong>{move || t(en, de)}</strong>
                " "
                {message}
            </p>
            <button type="button" class="secondary" on:click=move |_| retry.run(())>
                {move || t("Try again", "Erneut versuchen")}
            </button>
        </div>
    }
}

/// Part of the portal's code could not be loaded (`later::Unavailable`): says so, with a button
/// that loads the page again (and with it the files of the portal as it is now).
#[component]
pub fn CodeUnavailable() -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let reload = |_| {
        let _ = window().location().reload();
    };
    view! {
        <div class="notice bad" role="alert">
            <p>{move || t(UNAVAILABLE.0, UNAVAILABLE.1)}</p>
            <button type="button" class="secondary" on:click=reload>
                {move || t("Reload the page", "Seite neu laden")}
            </button>
        </div>
    }
}
