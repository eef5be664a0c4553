//! Benchmarks of the new-purchase quote, answered through the wire function the Worker and the
//! browser call:
//! - `quote`: 5 years, 3 modules, SMA bought late (back-pay and fee), the figure of
//!   docs/performance.md;
//! - growth: the same quote over 1, 2, 5 and 10 years, and with 0, 1, 3 and 7 modules (the
//!   demo books plus one module, so that seven distinct ones exist). Both should grow linearly.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use sma_shared::api;
use sma_shared::PriceBooks;

#[path = "support/requests.rs"]
mod requests;

use requests::{books_with_io, request, today, SEVEN_MODULES, THREE_MODULES};

fn late_purchase_quote(c: &mut Criterion) {
    let books = PriceBooks::demo();
    let request = request(&THREE_MODULES, 5);
    c.bench_function("quote_new 5 years, 3 modules, late SMA", |b| {
        b.iter(|| api::quote_new(black_box(books), black_box(&request), today()).unwrap())
    });
}

fn growth_with_years(c: &mut Criterion) {
    let books = PriceBooks::demo();
    let mut group = c.benchmark_group("quote_new by years (3 modules, late SMA)");
    for years in [1, 2, 5, 10] {
        let request = request(&THREE_MODULES, years);
        group.bench_with_input(BenchmarkId::from_parameter(years), &request, |b, r| {
            b.iter(|| api::quote_new(black_box(books), black_box(r), today()).unwrap())
        });
    }
    group.finish();
}

fn growth_with_modules(c: &mut Criterion) {
    let books = books_with_io();
    let mut group = c.benchmark_group("quote_new by modules (5 years, late SMA)");
    for modules in [0, 1, 3, 7] {
        let request = request(&SEVEN_MODULES[..modules], 5);
        group.bench_with_input(BenchmarkId::from_parameter(modules), &request, |b, r| {
            b.iter(|| api::quote_new(black_box(&books), black_box(r), today()).unwrap())
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    late_purchase_quote,
    growth_with_years,
    growth_with_modules
);
criterion_main!(benches);
