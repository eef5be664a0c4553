//! Notices of every area: what could not be loaded, with a retry.

use crate::i18n::use_lang;
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
