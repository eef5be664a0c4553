//! The portal's router (the calculator bundle has none): the address as signals, the page it
//! shows ([`model::route`]), clicks on the portal's own links and going back and forward
//! without a page load, and [`use_navigate`]. Small on purpose: `leptos_router`'s generic
//! nested routing was a tenth of the portal's Wasm.

pub mod model;

pub use model::{Query, Route};

use leptos::{ev, prelude::*};
use model::{is_current, routes_itself, LinkClick};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlAnchorElement;

/// The address the portal shows, as the browser has it.
#[derive(Debug, Clone, Copy)]
struct Location {
    path: RwSignal<String>,
    search: RwSignal<String>,
}

impl Location {
    /// Takes the browser's address again (after a history change).
    fn follow(self) {
        let location = window().location();
        self.path.set(location.pathname().unwrap_or_default());
        self.search.set(location.search().unwrap_or_default());
    }
}

/// Starts routing for the pages under the calling component: provides the address, routes
/// plain clicks on links to paths that `owns` (the rest load their page), follows going back
/// and forward. The route of the address, changing only when the page does (not its
/// parameter or query).
pub fn provide_router(owns: fn(&str) -> bool) -> Memo<Route> {
    let location = Location {
        path: RwSignal::new(String::new()),
        search: RwSignal::new(String::new()),
    };
    location.follow();
    provide_context(location);
    let back = window_event_listener(ev::popstate, move |_| location.follow());
    let click = window_event_listener(ev::click, move |ev| on_click(&ev, location, owns));
    on_cleanup(move || {
        back.remove();
        click.remove();
    });
    Memo::new(move |_| location.path.with(|p| model::route(p).0))
}

fn on_click(ev: &web_sys::MouseEvent, location: Location, owns: fn(&str) -> bool) {
    if ev.default_prevented() {
        return;
    }
    let Some(link) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok())
    else {
        return;
    };
    let target = link.target();
    let external = link
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
    let (path, search, hash) = (link.pathname(), link.search(), link.hash());
    let (current_path, current_search) = (
        location.path.get_untracked(),
        location.search.get_untracked(),
    );
    let click = LinkClick {
        modified: ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || ev.alt_key(),
        leaves: !(target.is_empty() || target == "_self")
            || link.has_attribute("download")
            || external,
        same_origin: window()
            .location()
            .origin()
            .is_ok_and(|o| o == link.origin()),
        path: &path,
        search: &search,
        hash: &hash,
        current_path: &current_path,
        current_search: &current_search,
    };
    if routes_itself(&click, owns) {
        ev.prevent_default();
        go(
            location,
            &format!("{path}{search}{hash}"),
            Navigate::default(),
        );
    }
}

/// How [`use_navigate`] goes to an address.
#[derive(Debug, Clone, Copy)]
pub struct Navigate {
    /// Replace the current entry of the history instead of adding one.
    pub replace: bool,
    /// Show the new page from its top (or at its `#fragment`).
    pub scroll: bool,
}

impl Default for Navigate {
    fn default() -> Self {
        Navigate {
            replace: false,
            scroll: true,
        }
    }
}

/// Goes to an address of the portal without a page load.
pub fn use_navigate() -> impl Fn(&str, Navigate) + Clone + Send + Sync + 'static {
    let location = expect_context::<Location>();
    move |href, how| go(location, href, how)
}

fn go(location: Location, href: &str, how: Navigate) {
    let window = window();
    let here = format!(
        "{}{}",
        location.path.get_untracked(),
        location.search.get_untracked()
    );
    if let Ok(history) = window.history() {
        // The same address again adds no entry to go back through.
        let _ = if how.replace || href == here {
            history.replace_state_with_url(&JsValue::NULL, "", Some(href))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(href))
        };
    }
    location.follow();
    if how.scroll {
        let hash = window.location().hash().unwrap_or_default();
        // After the new page has rendered.
        request_animation_frame(move || {
            let anchor = hash
                .strip_prefix('#')
                .filter(|id| !id.is_empty())
                .and_then(|id| document().get_element_by_id(id));
            match anchor {
                Some(e) => e.scroll_into_view(),
                None => window.scroll_to_with_x_and_y(0.0, 0.0),
            }
        });
    }
}

/// The current page's parameter (the `{version}` or `{id}` of its path; empty without one).
pub fn use_param() -> Memo<String> {
    let location = expect_context::<Location>();
    Memo::new(move |_| {
        location
            .path
            .with(|p| model::route(p).1.unwrap_or_default())
    })
}

/// The address's query.
pub fn use_query() -> Memo<Query> {
    let location = expect_context::<Location>();
    Memo::new(move |_| location.search.with(|s| Query::parse(s)))
}

/// A navigation link to a page of the portal, marked `aria-current` on that page and below it.
pub fn current_link(href: &'static str, label: Signal<&'static str>) -> AnyView {
    let location = expect_context::<Location>();
    let current = move || {
        location
            .path
            .with(|p| is_current(href, p))
            .then_some("page")
    };
    view! { <a href=href aria-current=current>{label}</a> }.into_any()
}
