//! What the app may know of the session. The session itself is an HttpOnly cookie the app cannot
//! see, so it remembers in `localStorage` only *that* it signed in from this browser (no secret
//! in it): session endpoints are only asked when it did, so a signed-out visitor never causes a
//! request that must fail.

/// The `localStorage` key of the hint.
const HINT_KEY: &str = "sma-signed-in";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Whether this browser signed in (and has not signed out or seen the session end since).
pub fn signed_in_hint() -> bool {
    storage()
        .and_then(|s| s.get_item(HINT_KEY).ok().flatten())
        .is_some()
}

/// Remembers a sign-in (`true`) or forgets it (`false`).
pub fn set_signed_in_hint(on: bool) {
    if let Some(s) = storage() {
        let _ = if on {
            s.set_item(HINT_KEY, "1")
        } else {
            s.remove_item(HINT_KEY)
        };
    }
}
