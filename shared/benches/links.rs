//! Benchmark: issuing and verifying a signed download link (what `POST /api/downloads` and
//! `GET /dl/...` compute per request, key-ring parsing included as the Worker does it).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use sma_shared::links::{sign, verify, LinkClaims, LinkKeys};

const KEYS: &str = "k2:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const NOW: u64 = 1_790_000_000;

fn links(c: &mut Criterion) {
    c.bench_function("link: parse the key ring", |b| {
        b.iter(|| LinkKeys::parse(black_box(KEYS), black_box("k2")).unwrap())
    });
    let keys = LinkKeys::parse(KEYS, "k2").unwrap();
    c.bench_function("link: sign", |b| {
        b.iter(|| {
            let claims = LinkClaims::get(
                &keys,
                black_box("inst_0123456789abcdef"),
                black_box("6.1.2-server"),
                NOW + 900,
            );
            sign(&claims, &keys).unwrap()
        })
    });
    let link = sign(
        &LinkClaims::get(&keys, "inst_0123456789abcdef", "6.1.2-server", NOW + 900),
        &keys,
    )
    .unwrap();
    c.bench_function("link: verify", |b| {
        b.iter(|| verify(black_box(&link), "GET", NOW, &keys).unwrap())
    });
    let mut forged = link.clone();
    forged.replace_range(forged.len() - 5.., "AAAAA");
    c.bench_function("link: verify a forged link", |b| {
        b.iter(|| verify(black_box(&forged), "GET", NOW, &keys).unwrap_err())
    });
}

criterion_group!(benches, links);
criterion_main!(benches);
