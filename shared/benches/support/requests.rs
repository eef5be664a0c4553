//! The requests and books of the quote benchmarks (`benches/quote.rs`), shared with the
//! example that counts their instructions (`examples/quote_calls.rs`).

use chrono::NaiveDate;
use sma_shared::api::{ModuleQty, NewQuoteRequest, SmaRequest, WireNumber};
use sma_shared::pricing::Module;
use sma_shared::{EditionCode, Money, PriceBook, PriceBooks, Sku};

/// Today for every request (the licence and order dates are given).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()
}

/// Professional, 40 cameras, licence on 2026-03-10, a 1-year SMA ordered on 2026-09-01 (late).
pub fn request(modules: &[(&str, u32)], years: u32) -> NewQuoteRequest {
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

pub const THREE_MODULES: [(&str, u32); 3] = [("analytics", 10), ("voip", 1), ("archive", 1)];

/// Seven distinct modules: the demo book's six and `ioboard`, added by [`books_with_io`].
pub const SEVEN_MODULES: [(&str, u32); 7] = [
    ("analytics", 10),
    ("voip", 1),
    ("archive", 1),
    ("client", 2),
    ("storage", 1),
    ("pos", 3),
    ("ioboard", 4),
];

/// The demo books with one more module, `ioboard`, priced for every edition.
pub fn books_with_io() -> PriceBooks {
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
