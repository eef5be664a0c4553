//! The calculator: its state and logic (`model`), its inputs and its results.

pub mod contract;
pub mod inputs;
pub mod legacy;
pub mod model;
pub mod results;
