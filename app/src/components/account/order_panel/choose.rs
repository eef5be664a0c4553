//! The first step: the orders the installation offers (`OrderKind::offered`, decided in
//! `shared` from the state of its SMA and its legacy Maintenance Contract), one button each.

use super::Panel;
use crate::{i18n::use_lang, text::labels};
use leptos::prelude::*;
use sma_shared::orders::OrderKind;

/// One button per order offered; the open one is expanded.
#[component]
pub(super) fn OrderChoice(panel: Panel) -> impl IntoView {
    let lang = use_lang();
    let status = move || panel.current.with(|i| (i.sma.status, i.legacy_phase()));
    let buttons = move || {
        let (s, legacy) = status();
        OrderKind::offered(s, legacy)
            .into_iter()
            .map(|kind| {
                view! {
                    <button
                        type="button"
                        class="secondary"
                        aria-expanded=move || (panel.kind.get() == Some(kind)).to_string()
                        on:click=move |_| panel.choose(kind)
                    >
                        {move || labels::order_button(lang.get(), kind, s)}
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <div class="acct-actions" role="group" aria-label=move || lang.get().t("Order for this installation", "Bestellung für diese Installation")>
            {buttons}
        </div>
    }
}
