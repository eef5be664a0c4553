//! `sma-shared`: the pure domain and pricing core of the SMA product.
//!
//! The same code prices quotes in the browser (wasm32) and in the Worker, which never takes a
//! price from a client. It has no clock (today is always a parameter), no I/O and no floats in
//! its arithmetic: amounts are [`Money`] over `rust_decimal`, rounded to cents half away from
//! zero at the named points of `pricing.md`.
//!
//! Entry points:
//! - [`wire`]: the JSON shapes of `POST /api/quotes/{new,upgrade,expansion}` and
//!   `GET /api/catalog`, and [`wire::quote_new`], [`wire::quote_upgrade`],
//!   [`wire::quote_expansion`], [`wire::catalog`] that answer them;
//! - [`quote::quote_new`], [`change::quote_upgrade`], [`change::quote_expansion`]: the same on
//!   validated domain values, each amount carrying its explanation ([`Explain`]);
//! - [`lifecycle`]: renewal, cancellation deadlines, resumption, lapse and reinstatement;
//! - [`entitlement`]: which releases an installation may download;
//! - [`signing`]: signed, expiring download links; [`byte_range`]: the `Range` of a download;
//! - [`PricingError`]: every rule violation, with `code()`, `field()` and `message()` (HTTP 422).

#![warn(missing_docs)]

pub mod account;
pub mod byte_range;
pub mod change;
pub mod config;
pub mod dates;
pub mod entitlement;
pub mod error;
pub mod explain;
pub mod feed;
pub mod lifecycle;
pub mod money;
pub mod pricebook;
pub mod quote;
pub mod release;
pub mod renewal;
pub mod scenarios;
pub mod signing;
pub mod sma;
pub mod vat;
pub mod wire;

pub use config::{Configuration, ConfigurationInput, Licence, LicenceLine, ModuleInput, Quantity};
pub use error::PricingError;
pub use explain::Explain;
pub use money::{Money, Rate};
pub use pricebook::{EditionCode, PriceBook, PriceBooks, Sku};
pub use sma::{TermYears, Years};

/// Sorts a short slice stably by a key, like `slice::sort_by_key`, with an insertion sort.
///
/// Quadratic, and meant for the handful of editions, modules, price books and payments the
/// pricing core orders. Each `sort_by_key` instantiation brings a few kilobytes of driftsort
/// into the browser's Wasm; this is a few hundred bytes.
pub fn sort_small_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_small_by_key;

    #[test]
    fn the_small_sort_is_stable_and_agrees_with_the_standard_sort() {
        let mut seed = 7u32;
        for len in 0..40 {
            let v: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 5, i)
                })
                .collect();
            let mut ours = v.clone();
            let mut std = v;
            sort_small_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std);
        }
    }
}
