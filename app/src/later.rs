//! The portal's code loaded later. Each [`entry!`] is a split point of the portal's build
//! (feature `split`: `scripts/split-portal.mjs` gives its code a Wasm module of its own, which
//! the browser fetches on the entry's first call) and an ordinary async function in every other
//! build (the calculator's, which never calls one, and native tests).
//!
//! Loading a module can fail: no network, or a deployment since the page was loaded (its files
//! are named by their content, and a new deployment serves only its own). The entry then
//! answers [`Unavailable`] and the page says so and offers to load it again (a reload fetches
//! the new deployment's files), instead of the app stopping.

use sma_shared::api::ErrorDetail;

/// What the page says when a module could not be loaded: English and German.
pub const UNAVAILABLE: (&str, &str) = (
    "This part of the portal could not be loaded (the connection dropped, or the portal was updated). Reload the page to try again.",
    "Dieser Teil des Portals konnte nicht geladen werden (die Verbindung brach ab, oder das Portal wurde aktualisiert). Laden Sie die Seite neu, um es erneut zu versuchen.",
);

/// A module of the portal's code could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unavailable;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for Unavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// For a change, in the API's error shape (code `unavailable`), as a failure to reach the
/// server is (code `network`).
impl From<Unavailable> for ErrorDetail {
    fn from(_: Unavailable) -> Self {
        ErrorDetail::new("unavailable", UNAVAILABLE.0, None)
    }
}

/// `fn name(args) -> T { body }`: an entry of code loaded later, called as
/// `name(args).await`, which answers `Result<T, Unavailable>`.
macro_rules! entry {
    ($(#[doc = $doc:literal])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty $body:block) => {
        $(#[doc = $doc])*
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name($($arg: $ty),*) -> ::core::result::Result<$out, $crate::later::Unavailable> {
            ::core::result::Result::Ok($body)
        }
        $(#[doc = $doc])*
        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> ::core::result::Result<$out, $crate::later::Unavailable> {
            ::core::result::Result::Ok($body)
        }
    };
}
pub(crate) use entry;

#[cfg(test)]
mod tests {
    use super::*;
    use std::{
        future::Future,
        pin::pin,
        task::{Context, Poll, Waker},
    };

    entry! {
        /// Doubles.
        fn double(n: u32) -> u32 {
            n * 2
        }
    }

    #[test]
    fn outside_the_split_build_an_entry_is_an_async_function_that_answers_at_once() {
        let mut call = pin!(double(21));
        let answer = call.as_mut().poll(&mut Context::from_waker(Waker::noop()));
        assert_eq!(answer, Poll::Ready(Ok(42)));
    }

    #[test]
    fn a_change_whose_code_cannot_be_loaded_fails_in_the_api_error_shape() {
        let e = ErrorDetail::from(Unavailable);
        assert_eq!(e.code, "unavailable");
        assert_eq!(e.message, UNAVAILABLE.0);
        assert!(e.message.ends_with("Reload the page to try again."));
        assert!(UNAVAILABLE
            .1
            .ends_with("Laden Sie die Seite neu, um es erneut zu versuchen."));
    }
}
