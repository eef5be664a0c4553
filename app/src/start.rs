//! The app's start in steps. While the browser shows the page's frame (the HTML it painted
//! before the Wasm arrived), the app is built off the page, each part marked with [`own_task`]
//! in a task of its own, and then replaces the frame in one step: the page never shows a half
//! built app, and no task of the start keeps the page from answering input for long. Building
//! the whole page in one task took 60–75 ms of this machine's CPU, a quarter second on a phone
//! (Lighthouse's 4× slowdown), half of it V8 compiling the code the page runs for the first
//! time; Lighthouse counts each task's time over 50 ms as blocking.

use leptos::prelude::*;
use std::{
    cell::{Cell, RefCell},
    collections::VecDeque,
    future::Future,
    time::Duration,
};
use wasm_bindgen::JsCast;

thread_local! {
    /// The parts waiting for their task, in the order the view asked for them; `None` once the
    /// app is on the page.
    static WAITING: RefCell<Option<VecDeque<RwSignal<bool>>>> = const { RefCell::new(None) };
    /// How many answers the app's first screen still waits for ([`hold_until`]).
    static HELD: Cell<u32> = const { Cell::new(0) };
}

/// While the app starts, keeps the frame on the page until `ready` is done, for a page whose
/// first screen shows an answer the frame already shows (a release's heading): without it, an
/// answer that came after the last part replaced the frame's heading with "Loading…" for a
/// moment. At most [`HOLD_TASKS`] tasks; after the start it does nothing.
pub fn hold_until(ready: impl Future<Output = ()> + 'static) {
    if WAITING.with_borrow(Option::is_none) {
        return;
    }
    HELD.set(HELD.get() + 1);
    wasm_bindgen_futures::spawn_local(async move {
        ready.await;
        HELD.set(HELD.get().saturating_sub(1));
    });
}

/// Tasks of about 10 ms each that the swap waits at most for held answers (about two seconds).
const HOLD_TASKS: u32 = 200;

/// A part of the view built in a task of its own while the app starts, at once afterwards.
pub fn own_task(part: impl Fn() -> AnyView + Send + Sync + 'static) -> AnyView {
    queued(Box::new(part))
}

fn queued(part: Box<dyn Fn() -> AnyView + Send + Sync>) -> AnyView {
    let waiting = WAITING.with_borrow_mut(|w| {
        w.as_mut().map(|w| {
            let shown = RwSignal::new(false);
            w.push_back(shown);
            shown
        })
    });
    match waiting {
        // Built once, untracked: what the part reads is its own views' business.
        Some(shown) => (move || shown.get().then(|| untrack(&part))).into_any(),
        None => part(),
    }
}

/// Builds `app` off the page, its parts one task each, then puts it in place of the page's frame.
pub fn start<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    WAITING.set(Some(VecDeque::new()));
    let staging = document()
        .create_element("div")
        .map(|e| e.unchecked_into::<web_sys::HtmlElement>());
    match staging {
        Ok(staging) => {
            leptos::mount::mount_to(staging.clone(), app).forget();
            next_part(staging, HOLD_TASKS);
        }
        // Never seen: a document that cannot create an element.
        Err(_) => {
            WAITING.set(None);
            replace_frame();
            leptos::mount::mount_to_body(app);
        }
    }
}

/// In the next task: the next waiting part, or, with none left and no answer held (or after
/// `holds_left` tasks of waiting for them), the swap.
fn next_part(staging: web_sys::HtmlElement, holds_left: u32) {
    let held = HELD.get() > 0 && holds_left > 0;
    set_timeout(
        move || match WAITING.with_borrow_mut(|w| w.as_mut().and_then(VecDeque::pop_front)) {
            // Its view is built in this task's microtasks, before the next timer.
            Some(shown) => {
                shown.set(true);
                next_part(staging, holds_left);
            }
            None if HELD.get() > 0 && holds_left > 0 => next_part(staging, holds_left - 1),
            None => {
                WAITING.set(None);
                replace_frame();
                if let Some(body) = document().body() {
                    while let Some(node) = staging.first_child() {
                        let _ = body.append_child(&node);
                    }
                }
            }
        },
        Duration::from_millis(if held { 10 } else { 0 }),
    );
}

fn replace_frame() {
    if let Some(body) = document().body() {
        body.set_inner_html("");
    }
}
