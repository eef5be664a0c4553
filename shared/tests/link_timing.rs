//! The link functions' time on wasm32 in the Worker's release profile, in Node's V8 (the engine
//! workerd embeds). A benchmark, not a test: it runs only when the runner is asked to bench,
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="wasm-bindgen-test-runner --bench"
//! WASM_BINDGEN_BENCH_RESULT=/tmp/wbg-links.json cargo test -p sma-shared --release
//! --target wasm32-unknown-unknown --test link_timing` (the baseline file would otherwise land
//! in `shared/target/`).
#![cfg(target_arch = "wasm32")]

use sma_shared::links::{sign, verify, LinkClaims, LinkKeys};
use wasm_bindgen_test::{wasm_bindgen_bench, Criterion};

const KEYS: &str = "k2:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const NOW: u64 = 1_790_000_000;

#[wasm_bindgen_bench]
fn link_sign_and_verify(c: &mut Criterion) {
    let keys = LinkKeys::parse(KEYS, "k2").unwrap();
    c.bench_function("wasm link: sign", |b| {
        b.iter(|| {
            sign(
                &LinkClaims::get(&keys, "inst_0123456789abcdef", "6.1.2-server", NOW + 900),
                &keys,
            )
            .unwrap()
        })
    });
    let link = sign(
        &LinkClaims::get(&keys, "inst_0123456789abcdef", "6.1.2-server", NOW + 900),
        &keys,
    )
    .unwrap();
    c.bench_function("wasm link: verify", |b| {
        b.iter(|| verify(&link, "GET", NOW, &keys).unwrap())
    });
}
