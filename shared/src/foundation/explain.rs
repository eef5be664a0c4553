//! Explanations of computed amounts.
//!
//! Every computed amount of the crate is a struct that keeps its parts (value, rate, days, day
//! count, price book, discount) as public fields, so a UI can render and localise them, and
//! implements [`Explain`] for a plain English formula with two-decimal numbers, e.g.
//! `19 % of 2461.00 = 467.59` or `2461.00 × 19 % × 175 / 365 = 224.19`.

/// An amount that can say how it was computed.
pub trait Explain {
    /// The formula in plain English with unlocalised numbers (two decimals for money).
    fn explain(&self) -> String;
}
