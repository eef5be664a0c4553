//! Benchmarks of the new-purchase quote, answered through the wire function the Worker and the
//! browser call:
//! - `quote`: 5 years, 3 modules, SMA bought late (back-pay and fee), the figure of
//!   docs/performance.md;
//! - growth: the same quote over 1, 2, 5 and 10 years, and with 0, 1, 3 and 7 modules (the
//!   demo books plus one module, so that seven distinct ones exist). Both should grow linearly.

use chrono::NaiveDate;
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use sma_shared::api::{self, ModuleQty, NewQuoteRequest, SmaRequest, WireNumber};
use sma_shared::pricing::Module;
use sma_shared::{EditionCode, Money, PriceBook, PriceBooks, Sku};

/// Today for every request (the licence and order dates are given).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()
}

/// Professional, 40 cameras, licence on 2026-03-10, a 1-year SMA ordered on 2026-09-01 (late).
fn request(modules: &[(&str, u32)], years: u32) -> NewQuoteRequest {
    NewQuoteRequest {
        edition: "professional".into(),
        cameras: WireNumber::from(40),
        modules: modules
            .iter()
            .map(|(sku, qty)| ModuleQty::new(*sku, *qty))
            .collect(),
        licence_date: Some("2026-03-10".into()),
        sma: Some(SmaRequest {
            order_date: Some("2026-09-01".into()),
            term_years: Some(WireNumber::from(1)),
        }),
        years: Some(WireNumber::from(years)),
    }
}

const THREE_MODULES: [(&str, u32); 3] = [("analytics", 10), ("voip", 1), ("archive", 1)];

/// Seven distinct modules: the demo book's six and `ioboard`, added by [`books_with_io`].
const SEVEN_MODULES: [(&str, u32); 7] = [
    ("analytics", 10),
    ("voip", 1),
    ("archive", 1),
    ("client", 2),
    ("storage", 1),
    ("pos", 3),
    ("ioboard", 4),
];

/// The demo books with one more module, `ioboard`, priced for every edition.
fn books_with_io() -> PriceBooks {
    let demo = PriceBooks::demo();
    let books = demo
        .books()
        .iter()
        .map(|book| {
            let mut modules = book.modules().to_vec();
            modules.push(Module {
                sku: Sku::parse("ioboard").unwrap(),
                name: "I/O board".into(),
                unit: "board".into(),
                per_camera: false,
                prices: book
                    .editions()
                    .iter()
                    .map(|e| (e.code.clone(), Money::from_cents(9_900)))
                    .collect::<Vec<(EditionCode, Money)>>(),
            });
            PriceBook::new(
                book.id(),
                book.valid_from(),
                book.editions().to_vec(),
                modules,
            )
        })
        .collect();
    PriceBooks::new(demo.currency(), books).unwrap()
}

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
