//! What a customer can order for one installation: renew, buy or reinstate the SMA, expand,
//! upgrade, in steps: choose the order (`choose`), fill in its form (`form`), see the server's
//! quote with every line explained and confirm it (`confirm`), see the order placed.
//!
//! Asking for a quote and placing the order are actions; the step the panel is at follows from
//! them. The order is placed with one `Idempotency-Key` per quote, so a double click or a retry
//! places it once.

mod choose;
mod confirm;
mod form;

use super::model::{keeps_quote, OrderForm};
use crate::{
    api::{ApiError, Change, Done},
    clock::book_today,
    hooks::{use_change, ChangeAction},
};
use choose::OrderChoice;
use confirm::{Confirmation, Placed};
use form::OrderFields;
use leptos::prelude::*;
use sma_shared::{
    api::{Installation, OrderView, QuoteView},
    orders::OrderKind,
};

/// Where the panel stands.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    /// Filling in the form (or nothing chosen).
    Editing,
    /// Asking the server for the price.
    Quoting,
    /// The quote is shown, with the token that orders it at its amounts and the key that
    /// places it once.
    Quoted(QuoteView, String, String),
    /// Placing the quoted order.
    Placing(QuoteView),
    /// The order is placed.
    Placed(OrderView),
}

/// The state the steps share.
#[derive(Clone, Copy)]
struct Panel {
    /// The installation (refreshed after an order).
    current: RwSignal<Installation>,
    /// The order chosen, if any.
    kind: RwSignal<Option<OrderKind>>,
    /// What the customer entered.
    form: RwSignal<OrderForm>,
    /// Asks the server for a quote (`Change::Quote`).
    ask: ChangeAction,
    /// Places the quoted order (`Change::Order`).
    place: ChangeAction,
}

impl Panel {
    fn new(current: RwSignal<Installation>, initial: Option<OrderKind>) -> Panel {
        let panel = Panel {
            current,
            kind: RwSignal::new(None),
            form: RwSignal::new(OrderForm::new(String::new())),
            ask: use_change(),
            place: use_change(),
        };
        panel.open(initial);
        panel
    }

    /// The installation's id.
    fn id(self) -> String {
        self.current.with_untracked(|i| i.id.clone())
    }

    /// The step, from the actions' state.
    fn step(self) -> Step {
        let quoted = || match self.ask.value().get() {
            Some(Ok(Done::Quoted(q, key))) => Some((q.quote, q.quote_token, key)),
            _ => None,
        };
        if self.place.pending().get() {
            quoted().map_or(Step::Editing, |(q, _, _)| Step::Placing(q))
        } else if self.ask.pending().get() {
            Step::Quoting
        } else if let Some(Ok(Done::Placed(order, _))) = self.place.value().get() {
            Step::Placed(*order)
        } else {
            quoted().map_or(Step::Editing, |(q, token, key)| Step::Quoted(q, token, key))
        }
    }

    /// Whether a call is under way (the form and the confirmation wait for it).
    fn busy(self) -> bool {
        self.ask.pending().get() || self.place.pending().get()
    }

    /// The error of the last call, if it failed.
    fn error(self) -> Option<ApiError> {
        if self.busy() {
            return None;
        }
        let placing = self.place.value().get().and_then(Result::err);
        placing.or_else(|| self.ask.value().get().and_then(Result::err))
    }

    /// Opens the form of `kind` afresh (or closes everything for `None`).
    fn open(self, kind: Option<OrderKind>) {
        let edition = self.current.with_untracked(|i| i.edition.clone());
        let first_upgrade = book_today()
            .upgrades_from(&edition)
            .first()
            .map(|e| e.code.to_string())
            .unwrap_or_default();
        self.kind.set(kind);
        self.form.update(|f| {
            f.add_cameras = 0;
            f.add_modules.clear();
            f.to_edition = first_upgrade;
        });
        self.ask.clear();
        self.place.clear();
    }

    /// Toggles the form of `kind`.
    fn choose(self, kind: OrderKind) {
        let open = self.kind.get_untracked() != Some(kind);
        self.open(open.then_some(kind));
    }

    /// Changes the form; a quote shown no longer applies.
    fn edit(self, f: &dyn Fn(&mut OrderForm)) {
        self.form.update(|v| f(v));
        if !matches!(self.step_untracked(), Step::Placed(_)) {
            self.ask.clear();
        }
    }

    fn step_untracked(self) -> Step {
        untrack(|| self.step())
    }

    /// Asks for the price of the chosen order.
    fn ask_quote(self) {
        let Some(kind) = self.kind.get_untracked() else {
            return;
        };
        if untrack(|| self.busy()) {
            return;
        }
        let inputs = self.form.with_untracked(|f| f.inputs(kind));
        self.place.clear();
        self.ask.dispatch_local(Change::Quote {
            installation: self.id(),
            kind,
            inputs,
        });
    }

    /// Places the quoted order with its key; it confirms the quote shown.
    fn confirm(self) {
        let (Some(kind), Step::Quoted(_, token, key)) =
            (self.kind.get_untracked(), self.step_untracked())
        else {
            return;
        };
        let order = self
            .form
            .with_untracked(|f| f.request(&self.id(), kind, &token));
        self.place.clear();
        self.place.dispatch_local(Change::Order { key, order });
    }

    /// After an order: the installation as it is now; after a failed one, a changed
    /// installation needs a new quote.
    fn follow_order(self) {
        match self.place.value().get() {
            Some(Ok(Done::Placed(_, Some(fresh)))) => self.current.set(*fresh),
            Some(Err(e)) if !keeps_quote(&e) => self.ask.clear(),
            _ => {}
        }
    }
}

/// The order actions of one installation; `current` is refreshed after an order, `initial`
/// opens one.
#[component]
pub fn OrderPanel(current: RwSignal<Installation>, initial: Option<OrderKind>) -> impl IntoView {
    let panel = Panel::new(current, initial);
    Effect::new(move |_| panel.follow_order());
    let fields = move || {
        let edition = current.with(|i| i.edition.clone());
        panel
            .kind
            .get()
            .map(|kind| view! { <OrderFields panel kind edition/> })
    };
    view! {
        <OrderChoice panel/>
        {fields}
        <Confirmation panel/>
        <Placed panel/>
        <div role="alert" class="acct-alert">
            {move || panel.error().map(|e| view! { <p class="notice bad">{e.message}</p> })}
        </div>
    }
}
