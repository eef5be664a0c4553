//! One labelled input with its hint and its problem: the problem is announced, marks the input
//! `aria-invalid` and is tied to it by `aria-describedby`.

use leptos::prelude::*;

/// A labelled input bound to `value`; `error` is shown under it while there is one.
#[component]
pub fn Field(
    /// The input's id and name.
    id: &'static str,
    /// The label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The input's type (`text`, `email`, `password`).
    kind: &'static str,
    /// The `autocomplete` token.
    autocomplete: &'static str,
    /// The value typed.
    value: RwSignal<String>,
    /// The field's problem, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// A hint under the label (the rule of the field).
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p id=hint_id class="field-hint">{h}</p> })}
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                required
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {move || error.get().map(|e| view! { <p id=error_id.clone() class="field-error">{e}</p> })}
        </div>
    }
}

/// Moves the keyboard focus to the element `id` (the first field with a problem).
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The problem of `field` among a form's `problems`, in the page's language.
pub fn field_error(
    problems: RwSignal<Vec<super::model::FieldProblem>>,
    field: &'static str,
) -> Signal<Option<String>> {
    let lang = crate::i18n::use_lang();
    Signal::derive(move || {
        problems
            .with(|p| super::model::problem_of(p, field))
            .map(|p| crate::text::access::problem(lang.get(), &p))
    })
}

/// The alert of a form: the API's refusal of its last submission, while not sending again.
#[component]
pub fn FormAlert(action: crate::hooks::ChangeAction) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let pending = action.pending();
    view! {
        <div role="alert" class="acct-alert">
            {move || {
                (!pending.get())
                    .then(|| action.value().get().and_then(Result::err))
                    .flatten()
                    .map(|e| view! { <p class="notice bad">{crate::text::access::api_error(lang.get(), &e)}</p> })
            }}
        </div>
    }
}
