//! Benchmark: a 5-year new-purchase quote with 3 modules, SMA bought late (back-pay and fee),
//! answered through the wire function the Worker and the browser call.

use chrono::NaiveDate;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use sma_shared::api::{self, ModuleQty, NewQuoteRequest, SmaRequest, WireNumber};
use sma_shared::PriceBooks;

fn late_purchase_quote(c: &mut Criterion) {
    let books = PriceBooks::demo();
    let today = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
    let request = NewQuoteRequest {
        edition: "professional".into(),
        cameras: WireNumber::from(40),
        modules: vec![
            ModuleQty::new("analytics", 10),
            ModuleQty::new("voip", 1),
            ModuleQty::new("archive", 1),
        ],
        licence_date: Some("2026-03-10".into()),
        sma: Some(SmaRequest {
            order_date: Some("2026-09-01".into()),
            term_years: Some(WireNumber::from(1)),
        }),
        years: Some(WireNumber::from(5)),
    };
    c.bench_function("quote_new 5 years, 3 modules, late SMA", |b| {
        b.iter(|| api::quote_new(black_box(books), black_box(&request), today).unwrap())
    });
}

criterion_group!(benches, late_purchase_quote);
criterion_main!(benches);
