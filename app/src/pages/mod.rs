//! One module per page.

pub mod account;
pub mod calculator;
pub mod installation;
pub mod not_found;
pub mod orders;
pub mod release;
pub mod releases;
