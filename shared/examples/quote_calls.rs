//! Prices the `quote` benchmark's request a given number of times (default 1 000), for an
//! instruction count that does not depend on the machine's load:
//!
//! ```text
//! cargo build --profile bench -p sma-shared --example quote_calls
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/quote_calls 0
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/quote_calls 1000
//! ```
//!
//! The difference of the two totals divided by 1 000 is the count of one quote.

use std::hint::black_box;

use chrono::NaiveDate;
use sma_shared::api::{self, ModuleQty, NewQuoteRequest, SmaRequest, WireNumber};
use sma_shared::PriceBooks;

fn main() {
    let calls: u32 = std::env::args()
        .nth(1)
        .map_or(1_000, |n| n.parse().expect("a number of calls"));
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
    for _ in 0..calls {
        black_box(api::quote_new(black_box(books), black_box(&request), today).unwrap());
    }
}
