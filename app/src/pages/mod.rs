//! One module per page.

pub mod account;
pub mod calculator;
pub mod not_found;
pub mod release;
pub mod releases;
