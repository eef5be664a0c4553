//! Reusable pieces of the UI, grouped by area, each area with its pure logic in a `model`
//! module (unit-tested). Components never import pages.

pub mod access;
pub mod account;
pub mod calculator;
pub mod chart;
pub mod formula;
pub mod legacy_compare;
pub mod notice;
pub mod releases;
pub mod sales;
pub mod shell;
