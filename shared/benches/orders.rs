//! Benchmarks of the signed-in half: pricing an order on a stored installation (reinstating a
//! lapsed SMA late, with back-pay and fee, and adding VAT), and one renewal-engine decision over
//! a coverage that missed three anniversaries.

use chrono::NaiveDate;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use sma_shared::lifecycle::{decide, CoverageRecord, EngineState};
use sma_shared::orders::{price_sma, InstallationState};
use sma_shared::{
    Configuration, ConfigurationInput, ModuleInput, Money, PriceBooks, Quantity, TermYears,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn state(today: NaiveDate) -> InstallationState {
    let books = PriceBooks::demo();
    let input = ConfigurationInput {
        edition: "professional".into(),
        cameras: Quantity::new(40).unwrap(),
        modules: vec![
            ModuleInput {
                sku: "analytics".into(),
                qty: Quantity::new(10).unwrap(),
            },
            ModuleInput {
                sku: "voip".into(),
                qty: Quantity::new(1).unwrap(),
            },
        ],
    };
    let coverage = CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1)
        .cancel(d(2026, 4, 1))
        .unwrap()
        .0;
    InstallationState {
        config: Configuration::validate(books.book_on(today).unwrap(), &input).unwrap(),
        licence_date: d(2026, 3, 10),
        initial_value: Money::parse("11978.00").unwrap(),
        coverage: Some(coverage),
    }
}

fn orders(c: &mut Criterion) {
    let books = PriceBooks::demo();
    let today = d(2027, 9, 1);
    let st = state(today);
    c.bench_function("price_sma: late reinstatement with VAT", |b| {
        b.iter(|| {
            price_sma(black_box(books), black_box(&st), TermYears::One, today)
                .unwrap()
                .invoiced("DE", Some("DE123456789"))
        })
    });
    let engine = EngineState {
        coverage: CoverageRecord::begin(d(2026, 3, 10), TermYears::One, 1),
        lapsed: false,
        reminded_deadline: None,
    };
    c.bench_function("renewal decide: three missed anniversaries", |b| {
        b.iter(|| decide(black_box(&engine), d(2029, 4, 1)))
    });
}

criterion_group!(benches, orders);
criterion_main!(benches);
