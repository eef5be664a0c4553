//! "Cancel auto-renew" / "Resume auto-renew", with the consequence explained before the click
//! and the API's dates after it (pricing.md section 5). The switch is an action
//! (`Change::AutoRenew`): its pending state disables the button, its answer says what changed
//! and replaces the installation.

use super::model::AutoRenewHint;
use crate::{
    api::{Change, Done},
    clock::today,
    hooks::use_change,
    i18n::use_lang,
    text::account as text,
};
use leptos::prelude::*;
use sma_shared::{api::Installation, lifecycle::SmaStatus};

/// The switch of one installation; `current` is replaced by the API's answer.
#[component]
pub fn AutoRenewSwitch(current: RwSignal<Installation>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let switch = use_change();
    let busy = switch.pending();
    let answer = move || switch.value().get();
    Effect::new(move |_| {
        if let Some(Ok(Done::AutoRenew(_, a))) = answer() {
            current.set(a.installation);
        }
    });
    let status = move || current.with(|i| i.sma.status);
    let hint = move || current.with(|i| AutoRenewHint::of(&i.sma, today()));
    let on_click = move |_| {
        if !busy.get_untracked() {
            let (installation, on) =
                current.with_untracked(|i| (i.id.clone(), i.sma.status != SmaStatus::Active));
            switch.dispatch_local(Change::AutoRenew { installation, on });
        }
    };
    let explanation = move || {
        let l = lang.get();
        hint().map(|h| match h {
            AutoRenewHint::Resume(ends) => text::resume_explained(l, ends),
            AutoRenewHint::Cancel(ends) => text::cancel_explained(l, ends),
            AutoRenewHint::CancelAfterDeadline(d) => text::cancel_after_deadline(l, d),
        })
    };
    let result = move || match answer() {
        Some(Ok(Done::AutoRenew(resumed, a))) => Some(text::auto_renew_switched(
            lang.get(),
            resumed,
            a.change.coverage_ends,
            a.change.decision_deadline,
        )),
        _ => None,
    };
    let error = move || match answer() {
        Some(Err(e)) if !busy.get() => Some(e.message),
        _ => None,
    };
    view! {
        <div class="acct-renew">
            <Show when=move || hint().is_some()>
                <p class="acct-renew-why">{explanation}</p>
                <button
                    type="button"
                    class="secondary"
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()
                    on:click=on_click
                >
                    {move || if status() == SmaStatus::Active {
                        t("Cancel auto-renew", "Automatische Verlängerung kündigen")
                    } else {
                        t("Resume auto-renew", "Automatische Verlängerung fortsetzen")
                    }}
                </button>
            </Show>
            <p class="acct-renew-result" role="status" aria-live="polite">{result}</p>
            <div role="alert" class="acct-alert">
                {move || error().map(|m| view! { <p class="notice bad">{m}</p> })}
            </div>
        </div>
    }
}
