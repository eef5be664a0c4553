//! Prices a quote of the `quote` benchmark a given number of times, for an instruction count
//! that does not depend on the machine's load. Arguments: calls (default 1 000), years
//! (default 5) and, for the growth benchmark's books and modules, a number of modules (0–7):
//!
//! ```text
//! cargo build --profile bench -p sma-shared --example quote_calls
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null $CARGO_TARGET_DIR/release/examples/quote_calls 0
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null $CARGO_TARGET_DIR/release/examples/quote_calls 1000
//! ```
//!
//! The difference of the two totals divided by 1 000 is the count of one quote.

use std::hint::black_box;

use sma_shared::api;
use sma_shared::PriceBooks;

#[path = "../benches/support/requests.rs"]
mod requests;

use requests::{books_with_io, request, today, SEVEN_MODULES, THREE_MODULES};

fn main() {
    let arg = |i: usize| {
        std::env::args()
            .nth(i)
            .map(|n| n.parse::<u32>().expect("a number"))
    };
    let (calls, years) = (arg(1).unwrap_or(1_000), arg(2).unwrap_or(5));
    // Without a number of modules, the `quote` benchmark's books and modules; with one, the
    // growth benchmark's.
    let io_books;
    let (books, request) = match arg(3) {
        None => (PriceBooks::demo(), request(&THREE_MODULES, years)),
        Some(n) => {
            io_books = books_with_io();
            (&io_books, request(&SEVEN_MODULES[..n as usize], years))
        }
    };
    for _ in 0..calls {
        black_box(api::quote_new(black_box(books), black_box(&request), today()).unwrap());
    }
}
