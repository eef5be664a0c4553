//! Reusable pieces of the UI.

pub mod calculator;
pub mod chart;
pub mod order_panel;
pub mod release_artifacts;
pub mod release_compat;
pub mod release_entitlement;
pub mod release_filters;
pub mod release_notes;
pub mod release_since;
pub mod release_timeline;
pub mod shell;
