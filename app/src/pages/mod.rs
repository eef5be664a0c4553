//! One module per page.

pub mod account;
pub mod calculator;
pub mod colleagues;
pub mod getting_in;
pub mod installation;
pub mod later;
pub mod link;
pub mod not_found;
pub mod orders;
pub mod profile;
pub mod release;
pub mod releases;
